import { lazy, Suspense, useCallback, useMemo } from 'react';
import Spin from 'antd/es/spin';
import Tabs from 'antd/es/tabs';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../i18n/i18n';
import { assessmentPath, navigate, type AssessmentTab } from '../../app/router';
import { useIndustryEngine } from '../../engine/modelCache';
import { StageTag } from '../../components/StageTag';
import { AssessmentContext, myRoleIn, type AssessmentCtx } from './context';
import { tabsFor } from './tabs';
import { OverviewTab } from './OverviewTab';
import { ErrorAlert } from '../../components/ErrorAlert';

const SelfAssessScreen = lazy(() => import('../self/SelfAssessScreen'));
const ReviewScreen = lazy(() => import('../review/ReviewScreen'));
const TeamScreen = lazy(() => import('../team/TeamScreen'));
const PlansScreen = lazy(() => import('../plans/PlansScreen'));
const EvidenceScreen = lazy(() => import('../evidence/EvidenceScreen'));
const OnSiteScreen = lazy(() => import('../onsite/OnSiteScreen'));
const ExpertScoringScreen = lazy(() => import('../expert/ExpertScoringScreen'));
const ConsensusScreen = lazy(() => import('../consensus/ConsensusScreen'));
const ResultsScreen = lazy(() => import('../results/ResultsScreen'));
const ContestsScreen = lazy(() => import('../contests/ContestsScreen'));
const ReportScreen = lazy(() => import('../report/ReportScreen'));
const OutcomesScreen = lazy(() => import('../outcomes/OutcomesScreen'));

export default function AssessmentScreen({ id, tab }: { id: string; tab: AssessmentTab }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const a = useApi((signal) => api('GET /api/assessments/:id', { params: { id }, signal }), [id]);
  const engine = useIndustryEngine(a.data?.modelId, a.data?.industry);
  const { setData } = a;
  const refresh = useCallback(async () => {
    try {
      setData(await api('GET /api/assessments/:id', { params: { id } }));
    } catch {
      /* offline: the next command meets the conflict and shows it */
    }
  }, [id, setData]);
  const ctx = useMemo<AssessmentCtx | null>(
    () =>
      a.data && user
        ? {
            assessment: a.data,
            setAssessment: a.setData,
            reload: a.reload,
            refresh,
            role: myRoleIn(a.data, user),
            engine,
          }
        : null,
    [a.data, a.setData, a.reload, refresh, user, engine],
  );
  if (a.error) return <ErrorAlert error={a.error} />;
  if (!ctx) return <Spin style={{ margin: 48, display: 'block' }} />;
  const tabs = tabsFor(ctx.role, ctx.assessment.stage);
  const current = tabs.includes(tab) ? tab : 'overview';
  return (
    <AssessmentContext.Provider value={ctx}>
      <Space direction="vertical" style={{ width: '100%' }} size={4}>
        <Space align="center" wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="assessment-title">
            {ctx.assessment.enterpriseName}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t(`industry.${ctx.assessment.industry}`)} · {ctx.assessment.modelId} · {t(`role.${ctx.role}`)}
          </Typography.Text>
          <StageTag stage={ctx.assessment.stage} />
        </Space>
        <Tabs
          activeKey={current}
          onChange={(k) => navigate(assessmentPath(id, k as AssessmentTab))}
          items={tabs.map((k) => ({ key: k, label: t(`tab.${k}`) }))}
        />
        <Suspense fallback={<Spin style={{ margin: 48, display: 'block' }} />}>
          {current === 'overview' && <OverviewTab />}
          {current === 'self' && <SelfAssessScreen />}
          {current === 'review' && <ReviewScreen />}
          {current === 'team' && <TeamScreen />}
          {current === 'plans' && <PlansScreen />}
          {current === 'evidence' && <EvidenceScreen />}
          {current === 'onsite' && <OnSiteScreen />}
          {current === 'score' && <ExpertScoringScreen />}
          {current === 'consensus' && <ConsensusScreen />}
          {current === 'result' && <ResultsScreen />}
          {current === 'report' && <ReportScreen />}
          {current === 'contests' && <ContestsScreen />}
          {current === 'outcomes' && <OutcomesScreen />}
        </Suspense>
      </Space>
    </AssessmentContext.Provider>
  );
}
