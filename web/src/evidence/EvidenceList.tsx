import { useState } from 'react';
import List from 'antd/es/list';
import Upload from 'antd/es/upload';
import Button from 'antd/es/button';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import App from 'antd/es/app';
import Popconfirm from 'antd/es/popconfirm';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { EvidenceMethod, EvidenceView } from '@engine/contract/index';
import { useI18n } from '../i18n/i18n';
import type { EvidenceState } from './useEvidence';

function size(n: number | undefined): string {
  if (n === undefined) return '';
  return n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** Evidence of one requirement; with `uploadKind` an upload button. */
export function EvidenceList({
  requirementId,
  evidence,
  uploadKind,
  method,
  canDelete,
  compact,
}: {
  requirementId: string;
  evidence: EvidenceState;
  uploadKind?: 'submitted' | 'collected';
  method?: EvidenceMethod;
  canDelete?: (e: EvidenceView) => boolean;
  compact?: boolean;
}) {
  const { t, err } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const items = evidence.byRequirement.get(requirementId) ?? [];
  const waiting = evidence.queued.filter((q) => q.requirementId === requirementId);
  return (
    <div>
      {items.length > 0 && (
        <List
          size="small"
          dataSource={items}
          split={false}
          renderItem={(e) => (
            <List.Item
              style={{ padding: '2px 0' }}
              actions={
                canDelete?.(e)
                  ? [
                      <Popconfirm
                        key="d"
                        title={t('evidence.confirmDelete')}
                        onConfirm={() => void evidence.remove(e.id)}
                      >
                        <Button
                          size="small"
                          type="text"
                          icon={<DeleteOutlined />}
                          aria-label={t('evidence.confirmDelete')}
                        />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <span>
                <PaperClipOutlined />{' '}
                {e.url ? (
                  <a href={e.url} target="_blank" rel="noreferrer">
                    {e.file?.name ?? t('evidence.note')}
                  </a>
                ) : (
                  (e.file?.name ?? t('evidence.note'))
                )}{' '}
                <Typography.Text type="secondary">{size(e.file?.size)}</Typography.Text>{' '}
                <Tag color={e.kind === 'collected' ? 'blue' : 'default'}>
                  {e.kind === 'collected' && e.method ? t(`method.${e.method}`) : t(`evidence.${e.kind}`)}
                </Tag>
                {e.carriedFrom && <Tag color="gold">{t('carry.tag')}</Tag>}
                {!compact && e.note && <Typography.Text type="secondary"> {e.note}</Typography.Text>}
              </span>
            </List.Item>
          )}
        />
      )}
      {waiting.map((w) => (
        <div key={w.key} style={{ padding: '2px 0' }}>
          <PaperClipOutlined /> {w.fileName ?? w.note ?? t('evidence.note')}{' '}
          {w.state === 'pending' ? (
            <Tag color="warning">{t('offline.rowUnsaved')}</Tag>
          ) : (
            <>
              <Tag color="error">{t('save.error')}</Tag>
              <Typography.Text type="danger">
                {err({ status: 400, code: w.error?.code ?? 'INTERNAL', params: w.error?.params })}
              </Typography.Text>
              <Button size="small" type="link" onClick={() => void evidence.discardQueued(w.key)}>
                {t('offline.discard')}
              </Button>
            </>
          )}
        </div>
      ))}
      {items.length === 0 && waiting.length === 0 && compact && (
        <Typography.Text type="secondary">{t('evidence.none')}</Typography.Text>
      )}
      {uploadKind && (
        <Upload
          showUploadList={false}
          multiple
          beforeUpload={(file) => {
            setBusy(true);
            evidence
              .upload({ requirementId, file, kind: uploadKind, method })
              .then((r) =>
                r.queued
                  ? message.warning(t('offline.evidenceQueued', { name: file.name }))
                  : message.success(t('evidence.uploaded', { name: file.name })),
              )
              .catch((e: unknown) => message.error(err(e)))
              .finally(() => setBusy(false));
            return false;
          }}
        >
          <Button
            size="small"
            icon={<UploadOutlined />}
            loading={busy}
            data-testid={`upload-${requirementId}`}
          >
            {t('evidence.upload')}
          </Button>
        </Upload>
      )}
    </div>
  );
}
