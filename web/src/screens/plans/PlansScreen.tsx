import Tabs from 'antd/es/tabs';
import Spin from 'antd/es/spin';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { PlanForm } from './PlanForm';
import { MeetingForm } from './MeetingForm';
import { ErrorAlert } from '../../components/ErrorAlert';

/** 4.5.3 plans (pre and formal) and the 4.6.1 / 4.7.2 meetings. */
export default function PlansScreen() {
  const { t } = useI18n();
  const { assessment: a } = useAssessment();
  const plans = useApi(
    (signal) => api('GET /api/assessments/:id/plans', { params: { id: a.id }, signal }),
    [a.id],
  );
  const meetings = useApi(
    (signal) => api('GET /api/assessments/:id/meetings', { params: { id: a.id }, signal }),
    [a.id],
  );
  if (plans.error) return <ErrorAlert error={plans.error} />;
  if (!plans.data || !meetings.data) return <Spin style={{ margin: 48, display: 'block' }} />;
  return (
    <Tabs
      type="card"
      items={[
        {
          key: 'pre',
          label: t('plan.pre'),
          children: (
            <PlanForm
              kind="pre"
              plan={plans.data.pre}
              onSaved={(p) => plans.setData((d) => ({ ...d, pre: p }))}
            />
          ),
        },
        {
          key: 'formal',
          label: t('plan.formal'),
          children: (
            <PlanForm
              kind="formal"
              plan={plans.data.formal}
              onSaved={(p) => plans.setData((d) => ({ ...d, formal: p }))}
            />
          ),
        },
        {
          key: 'first',
          label: t('meeting.first'),
          children: (
            <MeetingForm
              kind="first"
              meeting={meetings.data.first}
              onSaved={(m) => meetings.setData((d) => ({ ...d, first: m }))}
            />
          ),
        },
        {
          key: 'final',
          label: t('meeting.final'),
          children: (
            <MeetingForm
              kind="final"
              meeting={meetings.data.final}
              onSaved={(m) => meetings.setData((d) => ({ ...d, final: m }))}
            />
          ),
        },
      ]}
    />
  );
}
