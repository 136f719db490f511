import { useState } from 'react';
import Table from 'antd/es/table';
import Space from 'antd/es/space';
import Button from 'antd/es/button';
import Select from 'antd/es/select';
import Alert from 'antd/es/alert';
import Typography from 'antd/es/typography';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditEntry, AuditVerification } from '@engine/contract/index';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CursorPager, useCursorPager, usePagingText } from '../../components/paging';
import { UserSelect } from '../../components/RemoteSelect';
import { auditActionLabel, auditActionOptions, auditEntityLabel, AUDIT_ENTITIES } from './auditLabels';

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <pre style={{ margin: 0, maxHeight: 240, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap' }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/**
 * The hash-chained audit log (platform admin), oldest first, a page at a time after a seq (the server's cursor),
 * filtered by record type, action and actor, with the total the filters match; the chain's verification.
 */
export default function AuditScreen() {
  const { t, lang } = useI18n();
  const tp = usePagingText();
  const [entity, setEntity] = useState<string>();
  const [action, setAction] = useState<string>();
  const [actorId, setActorId] = useState<string>();
  const filters = {
    ...(entity ? { entity } : {}),
    ...(action ? { action } : {}),
    ...(actorId ? { actorId } : {}),
  };
  const pager = useCursorPager(JSON.stringify(filters));
  const log = useApi(
    (signal) =>
      api('GET /api/audit', {
        signal,
        query: {
          ...filters,
          limit: pager.size,
          ...(pager.cursor !== undefined ? { afterSeq: Number(pager.cursor) } : {}),
        },
      }),
    [pager.pageKey],
  );
  const [error, setError] = useState<unknown>();
  const [verify, setVerify] = useState<AuditVerification>();
  const [verifying, setVerifying] = useState(false);

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await api('GET /api/audit/verify'));
      setError(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setVerifying(false);
    }
  };
  const rows = log.data?.items ?? [];
  const pagerBar = (
    <CursorPager
      pager={pager}
      shown={rows.length}
      total={log.data?.total}
      nextCursor={log.data?.nextCursor}
      tp={tp}
    />
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Space wrap>
        <Select<string>
          allowClear
          placeholder={t('audit.entityFilter')}
          aria-label={t('audit.entityFilter')}
          value={entity}
          onChange={setEntity}
          style={{ width: 180 }}
          options={AUDIT_ENTITIES.map((e) => ({ value: e, label: auditEntityLabel(lang, e) }))}
        />
        <Select<string>
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={tp('allActions')}
          aria-label={t('audit.action')}
          value={action}
          onChange={setAction}
          style={{ width: 180 }}
          options={auditActionOptions(lang)}
        />
        <UserSelect
          allowClear
          placeholder={tp('allActors')}
          aria-label={t('audit.actor')}
          value={actorId}
          onChange={setActorId}
          style={{ width: 240 }}
        />
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verifying}
          onClick={() => void runVerify()}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      </Space>
      {verify && (
        <Alert
          showIcon
          type={verify.ok ? 'success' : 'error'}
          data-testid="audit-verification"
          message={
            verify.ok
              ? t('audit.ok', { n: verify.count, hash: verify.headHash.slice(0, 16) })
              : t('audit.broken', { seq: verify.seq ?? '—', reason: verify.reason })
          }
        />
      )}
      {error !== undefined && <ErrorAlert error={error} />}
      {log.error && <ErrorAlert error={log.error} />}
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={log.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{
          expandedRowRender: (r) => (
            <Space align="start" wrap style={{ width: '100%' }}>
              <div style={{ minWidth: 280 }}>
                <b>{t('audit.before')}</b>
                <Json value={r.before} />
              </div>
              <div style={{ minWidth: 280 }}>
                <b>{t('audit.after')}</b>
                <Json value={r.after} />
              </div>
              <div>
                <b>{t('audit.hash')}</b>
                <div style={{ fontFamily: 'monospace', fontSize: 12 }}>{r.hash}</div>
              </div>
            </Space>
          ),
        }}
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
          { title: t('audit.at'), width: 170, render: (_, r) => r.at.slice(0, 19).replace('T', ' ') },
          { title: t('audit.actor'), width: 160, dataIndex: 'actorLabel' },
          { title: t('audit.entity'), width: 140, render: (_, r) => auditEntityLabel(lang, r.entity) },
          { title: t('audit.action'), width: 140, render: (_, r) => auditActionLabel(lang, r.action) },
          { title: t('audit.reason'), render: (_, r) => r.reason ?? '' },
        ]}
      />
      {pagerBar}
    </Space>
  );
}
