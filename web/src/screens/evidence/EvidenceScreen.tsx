import { useEffect, useMemo, useState } from 'react';
import Card from 'antd/es/card';
import Select from 'antd/es/select';
import Input from 'antd/es/input';
import Upload from 'antd/es/upload';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Spin from 'antd/es/spin';
import App from 'antd/es/app';
import { CameraOutlined, UploadOutlined } from '@ant-design/icons';
import { EVIDENCE_METHODS } from '@engine/process/types';
import type { EvidenceMethod, EvidenceView } from '@engine/contract/index';
import { EVIDENCE_REVIEW_STATES, type EvidenceReviewState } from '@engine/process/types';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { useEvidence } from '../../evidence/useEvidence';
import { ErrorAlert } from '../../components/ErrorAlert';
import { serverTable, sortable, useListQuery, usePagingText } from '../../components/paging';

interface EvidenceFilters {
  requirementId?: string;
  kind?: 'submitted' | 'collected';
  review?: EvidenceReviewState;
}
type EvidenceSort = 'at' | 'requirement';

/**
 * 4.6.2 现场采集证据: the team records evidence per requirement with its collection method; the evidence of the
 * assessment a page at a time, filtered (requirement, source, review state) and sorted by the server.
 */
export default function EvidenceScreen() {
  const { t, err } = useI18n();
  const tp = usePagingText();
  const { message } = App.useApp();
  const { assessment: a, engine } = useAssessment();
  // Uploads and the offline queue; the list below is paged by the server.
  const evidence = useEvidence(a.id, { list: false });
  const list = useListQuery<EvidenceFilters, EvidenceSort>({});
  const page = useApi(
    (signal) => api('GET /api/assessments/:id/evidence', { params: { id: a.id }, query: list.query, signal }),
    [a.id, list.key],
  );
  // An upload kept offline reaches the server later: the page shows it once the queue shrinks.
  const queuedCount = evidence.queued.length;
  const { reload } = page;
  useEffect(() => reload(), [queuedCount, reload]);
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
      const r = await evidence.upload({ requirementId, method, note, file, kind: 'collected' });
      setNote('');
      setFile(undefined);
      page.reload();
      if (r.queued) message.warning(t('offline.evidenceQueued', { name: file?.name ?? t('evidence.note') }));
      else message.success(t('common.saved'));
    } catch (e) {
      message.error(err(e));
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
              <Upload
                accept="image/*"
                capture="environment"
                beforeUpload={(f) => (setFile(f), false)}
                maxCount={1}
                showUploadList={false}
              >
                <Button icon={<CameraOutlined />} data-testid="evidence-photo">
                  {t('offline.takePhoto')}
                </Button>
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
      {page.error && <ErrorAlert error={page.error} />}
      {evidence.queued.length > 0 && (
        <Tag color="warning" data-testid="evidence-queued">
          {t('offline.evidencePending', { n: evidence.queued.length })}
        </Tag>
      )}
      <Space wrap>
        <Select<string>
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={tp('allRequirements')}
          aria-label={t('evidence.requirement')}
          value={list.filters.requirementId}
          onChange={(requirementId) => list.setFilter({ requirementId })}
          options={options}
          style={{ width: 320 }}
        />
        <Select<'submitted' | 'collected'>
          allowClear
          placeholder={tp('evidenceKinds')}
          aria-label={t('evidence.kind')}
          value={list.filters.kind}
          onChange={(kind) => list.setFilter({ kind })}
          style={{ width: 140 }}
          options={(['submitted', 'collected'] as const).map((k) => ({
            value: k,
            label: t(`evidence.${k}`),
          }))}
        />
        <Select<EvidenceReviewState>
          allowClear
          placeholder={tp('reviewStates')}
          aria-label={tp('reviewStates')}
          value={list.filters.review}
          onChange={(review) => list.setFilter({ review })}
          style={{ width: 150 }}
          options={EVIDENCE_REVIEW_STATES.map((s) => ({
            value: s,
            label: s === 'unreviewed' ? tp('unreviewed') : t(`review.outcome.${s}`),
          }))}
        />
      </Space>
      <Table<EvidenceView>
        size="small"
        rowKey="id"
        loading={page.loading}
        dataSource={page.data?.items ?? []}
        scroll={{ x: 640 }}
        {...serverTable<EvidenceView, EvidenceFilters, EvidenceSort>(list, page.data?.total, tp)}
        columns={[
          {
            title: t('evidence.requirement'),
            ...sortable(list, 'requirement'),
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
          {
            title: t('evidence.at'),
            ...sortable(list, 'at'),
            width: 110,
            render: (_, e) => e.at.slice(0, 10),
          },
        ]}
      />
    </Space>
  );
}
