import { lazy, Suspense, useState } from 'react';
import Card from 'antd/es/card';
import Input from 'antd/es/input';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Alert from 'antd/es/alert';
import Spin from 'antd/es/spin';
import Tag from 'antd/es/tag';
import App from 'antd/es/app';
import Typography from 'antd/es/typography';
import { REPORT_SECTIONS } from '@engine/process/types';
import type { Report, ReportSection } from '@engine/contract/index';
import { api, isConflict } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { useTransition } from '../assessment/useTransition';
import { ErrorAlert } from '../../components/ErrorAlert';

const RenderPanel = lazy(() => import('./RenderPanel'));

/** 4.6.4 评估报告: the leader drafts the report sections; issuing it opens the communication (4.7.1). */
export default function ReportScreen() {
  const { assessment: a } = useAssessment();
  const q = useApi(
    (signal) => api('GET /api/assessments/:id/report-draft', { params: { id: a.id }, signal }),
    [a.id],
  );
  if (q.error) return <ErrorAlert error={q.error} />;
  if (q.loading) return <Spin style={{ margin: 48, display: 'block' }} />;
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 960 }}>
      <Suspense fallback={<Spin />}>
        <RenderPanel assessmentId={a.id} />
      </Suspense>
      <ReportForm report={q.data ?? null} onSaved={(r) => q.setData(r)} />
    </Space>
  );
}

function ReportForm({ report, onSaved }: { report: Report | null; onSaved: (r: Report) => void }) {
  const { t, err } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, role, refresh } = useAssessment();
  const { run, busy: issuing } = useTransition();
  const [sections, setSections] = useState<Partial<Record<ReportSection, string>>>(report?.sections ?? {});
  const [conflict, setConflict] = useState<Report>();
  const [busy, setBusy] = useState(false);
  const editable = role === 'leader' && ['result_frozen', 'report_draft', 'communication'].includes(a.stage);
  const missing = REPORT_SECTIONS.filter((s) => !(sections[s] ?? '').trim());
  const dirty = REPORT_SECTIONS.some((s) => (sections[s] ?? '') !== (report?.sections[s] ?? ''));
  const save = async (expectedVersion: number) => {
    setBusy(true);
    try {
      const saved = await api('PUT /api/assessments/:id/report-draft', {
        params: { id: a.id },
        body: { sections, expectedVersion },
      });
      onSaved(saved);
      setConflict(undefined);
      message.success(t('common.saved'));
      await refresh();
    } catch (e) {
      if (isConflict(e)) setConflict(e.current as Report);
      else message.error(err(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 960 }}>
      {report && (
        <Space>
          <Tag>{t('plan.version', { v: report.version })}</Tag>
          {report.issuedAt && (
            <Tag color="green">{t('report.issued', { at: report.issuedAt.slice(0, 10) })}</Tag>
          )}
        </Space>
      )}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          message={t('conflict.title')}
          description={t('report.conflict', { v: conflict.version })}
          action={
            <Space direction="vertical" size={2}>
              <Button
                size="small"
                onClick={() => {
                  onSaved(conflict);
                  setSections(conflict.sections);
                  setConflict(undefined);
                }}
              >
                {t('conflict.keepTheirs')}
              </Button>
              <Button size="small" danger onClick={() => void save(conflict.version)}>
                {t('conflict.useMine')}
              </Button>
            </Space>
          }
        />
      )}
      {REPORT_SECTIONS.map((s) => (
        <Card key={s} size="small" title={t(`report.${s}`)}>
          {editable ? (
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 14 }}
              value={sections[s] ?? ''}
              aria-label={t(`report.${s}`)}
              data-testid={`report-${s}`}
              onChange={(e) => setSections((x) => ({ ...x, [s]: e.target.value }))}
            />
          ) : (
            // Read-only: the report as text to read, not a greyed-out form.
            <Typography.Paragraph
              style={{ whiteSpace: 'pre-wrap', marginBottom: 0, fontSize: 15, lineHeight: 1.8 }}
            >
              {(sections[s] ?? '').trim() || (
                <Typography.Text type="secondary">{t('report.empty')}</Typography.Text>
              )}
            </Typography.Paragraph>
          )}
        </Card>
      ))}
      {editable && (
        <Space>
          <Button
            type="primary"
            disabled={!dirty}
            loading={busy}
            onClick={() => void save(report?.version ?? 0)}
            data-testid="report-save"
          >
            {t('common.save')}
          </Button>
          {a.allowedCommands.includes('communication.open') && (
            <Button
              disabled={dirty || missing.length > 0}
              loading={issuing}
              onClick={() => void run({ type: 'communication.open' })}
              data-testid="report-issue"
            >
              {t('command.communication.open')}
            </Button>
          )}
          {missing.length > 0 && (
            <Alert type="info" showIcon message={t('report.missing', { n: missing.length })} />
          )}
        </Space>
      )}
    </Space>
  );
}
