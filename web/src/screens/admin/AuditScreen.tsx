import { useCallback, useEffect, useState } from 'react';
import Table from 'antd/es/table';
import Space from 'antd/es/space';
import Button from 'antd/es/button';
import Select from 'antd/es/select';
import Alert from 'antd/es/alert';
import Typography from 'antd/es/typography';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditEntry, AuditVerification } from '@engine/contract/index';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { auditActionLabel, auditEntityLabel, AUDIT_ENTITIES } from './auditLabels';

const PAGE = 100;

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <pre style={{ margin: 0, maxHeight: 240, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap' }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** The hash-chained audit log (platform admin), oldest first, with the chain's verification. */
export default function AuditScreen() {
  const { t, lang } = useI18n();
  const [rows, setRows] = useState<AuditEntry[]>([]);
  const [entity, setEntity] = useState<string>();
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  const [verify, setVerify] = useState<AuditVerification>();
  const [verifying, setVerifying] = useState(false);

  const load = useCallback(
    async (afterSeq: number, replace: boolean) => {
      setLoading(true);
      try {
        const page = await api('GET /api/audit', {
          query: { afterSeq, limit: PAGE, ...(entity ? { entity } : {}) },
        });
        setRows((r) => (replace ? page : [...r, ...page]));
        setDone(page.length < PAGE);
        setError(undefined);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [entity],
  );
  useEffect(() => void load(0, true), [load]);

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await api('GET /api/audit/verify'));
    } catch (e) {
      setError(e);
    } finally {
      setVerifying(false);
    }
  };

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
          style={{ width: 200 }}
          options={AUDIT_ENTITIES.map((e) => ({ value: e, label: auditEntityLabel(lang, e) }))}
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
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={loading}
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
      {!done && rows.length > 0 && (
        <Button onClick={() => void load(rows[rows.length - 1]!.seq, false)} loading={loading}>
          {t('audit.more')}
        </Button>
      )}
    </Space>
  );
}
