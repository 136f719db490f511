import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Card from 'antd/es/card';
import List from 'antd/es/list';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import type { AttachmentKind } from '@engine/contract/index';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from './context';

/**
 * 4.4 / 4.2.1 before submitting: the three plan documents (uploaded here as typed attachments), evidence for every
 * requirement the self-assessment claims, and the eligibility declaration — what is still missing.
 */
export function ReadinessCard() {
  const { t, err } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, refresh, engine } = useAssessment();
  const r = useApi(
    (signal) => api('GET /api/assessments/:id/readiness', { params: { id: a.id }, signal }),
    [a.id, a.version],
  );
  const [busy, setBusy] = useState<AttachmentKind | null>(null);
  if (!r.data) return null;
  const upload = async (kind: AttachmentKind, file: File) => {
    setBusy(kind);
    try {
      const fd = new FormData();
      fd.append('file', file, file.name);
      fd.append('requirementId', a.requirementIds[0]!);
      fd.append('kind', 'submitted');
      fd.append('note', t(`readiness.attachment.${kind}`));
      fd.append('attachmentKind', kind);
      await api('POST /api/assessments/:id/evidence', { params: { id: a.id }, body: fd });
      message.success(t('common.saved'));
      await refresh();
    } catch (e) {
      message.error(err(e));
    } finally {
      setBusy(null);
    }
  };
  const label = (rid: string) => {
    const row = engine.status === 'ready' ? engine.engine.byId.get(rid) : undefined;
    return row ? `${row.unitName} ${row.level}-${row.seq} ${row.text.slice(0, 40)}` : rid;
  };
  const d = r.data;
  return (
    <Card size="small" title={t('readiness.title')} data-testid="readiness-card">
      {d.ready ? (
        <Alert type="success" showIcon message={t('readiness.ready')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon message={t('readiness.missing')} />
          {d.missingAttachments.map((k) => (
            <Space key={k} wrap data-testid={`readiness-missing-${k}`}>
              <Typography.Text>
                {t('readiness.attachmentMissing', { name: t(`readiness.attachment.${k}`) })}
              </Typography.Text>
              <input
                type="file"
                disabled={busy !== null}
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void upload(k, f);
                }}
                data-testid={`readiness-upload-${k}`}
              />
            </Space>
          ))}
          {d.requirementsWithoutEvidence.length > 0 && (
            <>
              <Typography.Text>
                {t('readiness.claimed', { n: d.requirementsWithoutEvidence.length })}
              </Typography.Text>
              <List
                size="small"
                dataSource={d.requirementsWithoutEvidence.slice(0, 20)}
                renderItem={(rid) => <List.Item>{label(rid)}</List.Item>}
              />
            </>
          )}
          {d.eligibility.length > 0 && (
            <Typography.Text type="danger">{d.eligibility.join('；')}</Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}
