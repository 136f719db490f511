/**
 * 生成报告 (issues 11/12): the report rendered on the server in the background — the format, its progress
 * (queued → rendering with its step → done), the file's size, PNG images of the first pages as a preview (they
 * show on a tablet's browser, where an inline PDF viewer often does not), and the download. Loaded lazily with
 * the report screen's other content (its own chunk).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import Card from 'antd/es/card';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Alert from 'antd/es/alert';
import Segmented from 'antd/es/segmented';
import Steps from 'antd/es/steps';
import Tag from 'antd/es/tag';
import Image from 'antd/es/image';
import Typography from 'antd/es/typography';
import { DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import type { RenderFormat, RenderStatus } from '@engine/contract/index';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { fileSize, isRunning, stepIndex } from './renderStatus';

const POLL_MS = 1000;

export default function RenderPanel({ assessmentId }: { assessmentId: string }) {
  const { t, err } = useI18n();
  const [format, setFormat] = useState<RenderFormat>('docx');
  const [status, setStatus] = useState<RenderStatus>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const poll = useCallback(
    (id: string) => {
      timer.current = setTimeout(async () => {
        try {
          const s = await api('GET /api/assessments/:id/report/renders/:renderId', {
            params: { id: assessmentId, renderId: id },
          });
          setStatus(s);
          if (isRunning(s)) poll(id);
        } catch (e) {
          setError(e);
        }
      }, POLL_MS);
    },
    [assessmentId],
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  const start = async () => {
    clearTimeout(timer.current);
    setBusy(true);
    setError(undefined);
    setStatus(undefined);
    try {
      const s = await api('POST /api/assessments/:id/report/renders', {
        params: { id: assessmentId },
        body: { format },
      });
      setStatus(s);
      if (isRunning(s)) poll(s.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const running = status !== undefined && isRunning(status);
  const ext = status ? (status.format === 'docx' ? 'DOCX' : 'PDF') : '';
  const pageBase = status
    ? `/api/assessments/${encodeURIComponent(assessmentId)}/report/renders/${status.id}/pages`
    : '';
  return (
    <Card
      size="small"
      title={
        <Space>
          <FileTextOutlined />
          {t('render.title')}
        </Space>
      }
      data-testid="render-panel"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap align="center">
          <Typography.Text id="render-format-label">{t('render.format')}</Typography.Text>
          <Segmented<RenderFormat>
            aria-labelledby="render-format-label"
            value={format}
            onChange={setFormat}
            disabled={running}
            options={[
              { value: 'docx', label: t('render.docx') },
              { value: 'pdf', label: t('render.pdf') },
              { value: 'preview', label: t('render.preview') },
            ]}
          />
          <Button
            type="primary"
            onClick={() => void start()}
            loading={busy || running}
            data-testid="render-start"
          >
            {status ? t('render.again') : t('render.start')}
          </Button>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('render.hint')}
        </Typography.Text>
        {error !== undefined && <Alert type="error" showIcon message={err(error)} />}
        {status && (
          <>
            <Steps
              size="small"
              responsive
              current={stepIndex(status)}
              status={status.state === 'failed' ? 'error' : status.state === 'done' ? 'finish' : 'process'}
              data-testid="render-steps"
              data-state={status.state}
              items={[
                { title: t('render.queued') },
                {
                  title: t('render.rendering'),
                  ...(status.step ? { description: t(`render.step.${status.step}`) } : {}),
                },
                { title: status.state === 'failed' ? t('render.failed') : t('render.done') },
              ]}
            />
            {status.state === 'failed' && status.error && (
              <Alert
                type="error"
                showIcon
                data-testid="render-error"
                message={err({ status: 500, ...status.error })}
                action={
                  <Button size="small" onClick={() => void start()}>
                    {t('render.retry')}
                  </Button>
                }
              />
            )}
            {status.state === 'done' && status.downloadUrl && (
              <Space wrap>
                <Button
                  type="primary"
                  icon={<DownloadOutlined />}
                  href={status.downloadUrl}
                  data-testid="render-download"
                >
                  {t('render.download', { f: ext })}
                </Button>
                {status.size !== null && <Tag>{t('render.size', { size: fileSize(status.size) })}</Tag>}
                {status.cached && <Tag color="green">{t('render.cached')}</Tag>}
              </Space>
            )}
            {status.state === 'done' && status.previewPages ? (
              <div data-testid="render-preview">
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t('render.pages', {
                    pages: status.pages ?? status.previewPages,
                    shown: status.previewPages,
                  })}
                </Typography.Paragraph>
                <Image.PreviewGroup>
                  <div
                    style={{
                      display: 'grid',
                      gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))',
                      gap: 12,
                    }}
                  >
                    {Array.from({ length: status.previewPages }, (_, i) => i + 1).map((n) => (
                      <figure key={n} style={{ margin: 0, textAlign: 'center' }}>
                        <Image
                          src={`${pageBase}/${n}`}
                          alt={t('render.page', { n })}
                          style={{ width: '100%', border: '1px solid #d9d9d9', background: '#fff' }}
                        />
                        <figcaption style={{ fontSize: 13 }}>{t('render.page', { n })}</figcaption>
                      </figure>
                    ))}
                  </div>
                </Image.PreviewGroup>
              </div>
            ) : null}
          </>
        )}
      </Space>
    </Card>
  );
}
