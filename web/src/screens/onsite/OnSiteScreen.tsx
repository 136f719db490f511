import Space from 'antd/es/space';
import Spin from 'antd/es/spin';
import { api } from '../../api/client';
import { everyPage } from '../../api/pages';
import { useApi } from '../../api/useApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAssessment } from '../assessment/context';
import { BriefingCard } from './BriefingCard';
import { FindingsCard } from './FindingsCard';
import { RequestsCard } from './RequestsCard';
import { ReviewCard } from './ReviewCard';

/**
 * 现场评估记录: the briefing of the team (4.5.2), the review of the evidence and requests for more (4.6.2), and
 * the findings of the pre-assessment and the formal assessment with the enterprise's rectifications (4.5.3).
 */
export default function OnSiteScreen() {
  const { assessment: a, role, engine } = useAssessment();
  const review = useApi(
    (signal) => api('GET /api/assessments/:id/evidence-review', { params: { id: a.id }, signal }),
    [a.id, a.version],
  );
  const evidence = useApi(
    (signal) =>
      everyPage((page) =>
        api('GET /api/assessments/:id/evidence', { params: { id: a.id }, query: page, signal }),
      ),
    [a.id, a.version],
  );
  const findings = useApi(
    (signal) => api('GET /api/assessments/:id/findings', { params: { id: a.id }, signal }),
    [a.id, a.version],
  );
  if (review.error) return <ErrorAlert error={review.error} />;
  if (!review.data || !evidence.data || !findings.data || engine.status !== 'ready')
    return <Spin style={{ margin: 48, display: 'block' }} />;
  const label = (rid: string) => {
    const r = engine.engine.byId.get(rid);
    return r ? `${r.unitName} ${r.level}-${r.seq}` : rid;
  };
  const options = engine.engine.rows.map((r) => ({
    value: r.id,
    label: `${r.unitName} ${r.level}-${r.seq} ${r.text.slice(0, 50)}`,
  }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {role !== 'enterprise' && <BriefingCard />}
      <RequestsCard
        requests={review.data.requests}
        evidence={evidence.data}
        label={label}
        options={options}
      />
      {a.stage !== 'planning' && (
        <ReviewCard evidence={evidence.data} reviews={review.data.reviews} label={label} />
      )}
      <FindingsCard findings={findings.data} label={label} options={options} />
    </Space>
  );
}
