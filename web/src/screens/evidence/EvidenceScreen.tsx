import { useMemo, useState } from 'react';
import Card from 'antd/es/card';
import Select from 'antd/es/select';
import Input from 'antd/es/input';
import Upload from 'antd/es/upload';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Alert from 'antd/es/alert';
import Spin from 'antd/es/spin';
import App from 'antd/es/app';
import { UploadOutlined } from '@ant-design/icons';
import { EVIDENCE_METHODS } from '@engine/process/types';
import type { EvidenceMethod, EvidenceView } from '@engine/contract/index';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { useEvidence } from '../../evidence/useEvidence';

/** 4.6.2 现场采集证据: the team records evidence per requirement with its collection method. */
export default function EvidenceScreen() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, engine } = useAssessment();
  const evidence = useEvidence(a.id);
  const [requirementId, setRequirementId] = useState<string>();
  const [method, setMethod] = useState<EvidenceMethod>('document_review');
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const canCollect = a.stage === 'evidence_collection' || a.stage === 'scoring';
  const options = useMemo(
    () =>
      engine.status === 'ready'
        ? engine.engine.rows.map((r) => ({
            value: r.id,
            label: `${r.unitName} ${r.level}.${r.seq} ${r.text.slice(0, 60)}`,
          }))
        : [],
    [engine],
  );
  if (engine.status !== 'ready') return <Spin style={{ margin: 48, display: 'block' }} />;
  const rows = engine.engine.byId;
  const submit = async () => {
    if (!requirementId) return;
    setBusy(true);
    try {
      await evidence.upload({ requirementId, method, note, file, kind: 'collected' });
      setNote('');
      setFile(undefined);
      message.success(t('common.saved'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canCollect && (
        <Card size="small" title={t('evidence.collect')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Select
              showSearch
              placeholder={t('evidence.requirement')}
              value={requirementId}
              onChange={setRequirementId}
              options={options}
              optionFilterProp="label"
              style={{ width: '100%' }}
              data-testid="evidence-requirement"
            />
            <Space wrap>
              <Select<EvidenceMethod>
                value={method}
                onChange={setMethod}
                style={{ width: 200 }}
                options={EVIDENCE_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))}
              />
              <Upload beforeUpload={(f) => (setFile(f), false)} maxCount={1} showUploadList={false}>
                <Button icon={<UploadOutlined />}>{file ? file.name : t('evidence.chooseFile')}</Button>
              </Upload>
            </Space>
            <Input.TextArea
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('evidence.notePlaceholder')}
              data-testid="evidence-note"
            />
            <Button
              type="primary"
              disabled={!requirementId || (!file && !note.trim())}
              loading={busy}
              onClick={() => void submit()}
              data-testid="evidence-record"
            >
              {t('evidence.record')}
            </Button>
          </Space>
        </Card>
      )}
      {evidence.error && <Alert type="error" showIcon message={evidence.error.message} />}
      <Table<EvidenceView>
        size="small"
        rowKey="id"
        loading={evidence.loading}
        dataSource={evidence.all}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('evidence.requirement'),
            render: (_, e) => {
              const r = rows.get(e.requirementId);
              return r ? `${r.unitName} ${r.level}.${r.seq}` : e.requirementId;
            },
            width: 220,
          },
          {
            title: t('evidence.kind'),
            width: 140,
            render: (_, e) => (
              <Tag color={e.kind === 'collected' ? 'blue' : 'default'}>
                {e.kind === 'collected' && e.method ? t(`method.${e.method}`) : t(`evidence.${e.kind}`)}
              </Tag>
            ),
          },
          {
            title: t('evidence.file'),
            render: (_, e) => (e.url ? <a href={e.url}>{e.file?.name}</a> : (e.file?.name ?? '—')),
          },
          { title: t('evidence.noteCol'), render: (_, e) => e.note, ellipsis: true },
          { title: t('evidence.at'), width: 110, render: (_, e) => e.at.slice(0, 10) },
        ]}
      />
    </Space>
  );
}
