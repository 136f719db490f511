/** A re-assessment's application: what was carried over from the previous assessment, until the enterprise confirms it. */
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import { api } from '../../api/client';
import { everyPage } from '../../api/pages';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';

export function CarriedOverNotice() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { assessment: a, role, reload } = useAssessment();
  const show =
    role === 'enterprise' && a.stage === 'application' && a.application.reassessmentOf !== undefined;
  const q = useApi(
    async (signal) => {
      if (!show) return { evidence: 0, self: 0 };
      const [ev, self] = await Promise.all([
        everyPage((page) =>
          api('GET /api/assessments/:id/evidence', { params: { id: a.id }, query: page, signal }),
        ),
        api('GET /api/assessments/:id/self-scores', { params: { id: a.id }, signal }),
      ]);
      return {
        evidence: ev.filter((e) => e.carriedFrom).length,
        self: Object.values(self.scores).filter((s) => s.carriedFrom).length,
      };
    },
    [a.id, a.version, show],
  );
  if (!show || !q.data || q.data.evidence + q.data.self === 0) return null;
  const confirm = async () => {
    try {
      const r = await api('POST /api/assessments/:id/carried-over/confirm', {
        params: { id: a.id },
        body: { expectedVersion: a.version },
      });
      message.success(t('carry.confirmed', { n: r.evidence + r.selfScores }));
      reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Alert
      type="info"
      showIcon
      data-testid="carried-over"
      message={t('carry.title')}
      description={t('carry.desc', { evidence: q.data.evidence, self: q.data.self })}
      action={
        <Button size="small" type="primary" onClick={() => void confirm()}>
          {t('carry.confirm')}
        </Button>
      }
    />
  );
}
