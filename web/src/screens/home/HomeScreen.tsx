import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Progress from 'antd/es/progress';
import Button from 'antd/es/button';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import Tooltip from 'antd/es/tooltip';
import Card from 'antd/es/card';
import Statistic from 'antd/es/statistic';
import Row from 'antd/es/row';
import Col from 'antd/es/col';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { AssessmentSummary } from '@engine/contract/index';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { useAuth } from '../../app/auth';
import { assessmentPath, navigate } from '../../app/router';
import { isTerminal, stagePercent } from '../../shared/stages';
import { StageTag } from '../../components/StageTag';
import { PlatformHome } from './PlatformHome';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ValidityCard } from '../outcomes/ValidityCard';

function pct(done: number, total: number): number {
  return total === 0 ? 0 : Math.round((done / total) * 100);
}

export default function HomeScreen() {
  const { hasRole } = useAuth();
  return hasRole('platform_admin') ? <PlatformHome /> : <AssessmentsHome />;
}

function AssessmentsHome() {
  const { t, pick } = useI18n();
  const { hasRole } = useAuth();
  const list = useApi((signal) => api('GET /api/assessments', { signal }), []);
  const rows = list.data?.items ?? [];
  const active = rows.filter((r) => !isTerminal(r.stage)).length;
  const columns = [
    {
      title: t('home.enterprise'),
      render: (_: unknown, r: AssessmentSummary) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => navigate(assessmentPath(r.id))}>
          {r.enterpriseName}
        </Button>
      ),
    },
    {
      title: t('home.industry'),
      render: (_: unknown, r: AssessmentSummary) => t(`industry.${r.industry}`),
      width: 90,
    },
    {
      title: t('home.stage'),
      render: (_: unknown, r: AssessmentSummary) => <StageTag stage={r.stage} />,
      width: 140,
    },
    {
      title: t('home.process'),
      key: 'process',
      width: 160,
      render: (_: unknown, r: AssessmentSummary) => (
        <Progress percent={stagePercent(r.stage)} size="small" aria-label={t('home.process')} />
      ),
    },
    {
      title: t('home.selfProgress'),
      key: 'self',
      width: 130,
      render: (_: unknown, r: AssessmentSummary) => (
        <Tooltip title={`${r.progress.self.done} / ${r.progress.self.total}`}>
          <Progress
            percent={pct(r.progress.self.done, r.progress.self.total)}
            size="small"
            aria-label={t('home.selfProgress')}
          />
        </Tooltip>
      ),
    },
    {
      title: t('home.expertProgress'),
      key: 'experts',
      width: 170,
      render: (_: unknown, r: AssessmentSummary) =>
        r.progress.experts.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Tooltip
            title={r.progress.experts.map((e) => (
              <div key={e.userId}>
                {e.name}: {e.done}/{e.total} {e.submitted ? `✓ ${t('home.submitted')}` : ''}
              </div>
            ))}
          >
            <Space size={4}>
              <Progress
                percent={pct(
                  r.progress.experts.reduce((a, e) => a + e.done, 0),
                  r.progress.experts.reduce((a, e) => a + e.total, 0),
                )}
                size="small"
                style={{ width: 90 }}
                aria-label={t('home.expertProgress')}
              />
              <Typography.Text type="secondary">
                {r.progress.experts.filter((e) => e.submitted).length}/{r.progress.experts.length}
              </Typography.Text>
            </Space>
          </Tooltip>
        ),
    },
    {
      title: t('home.consensusProgress'),
      key: 'consensus',
      width: 120,
      render: (_: unknown, r: AssessmentSummary) =>
        r.progress.consensus.total === 0 ? (
          '—'
        ) : (
          <Progress
            percent={pct(r.progress.consensus.done, r.progress.consensus.total)}
            size="small"
            aria-label={t('home.consensusProgress')}
          />
        ),
    },
    {
      title: t('home.contests'),
      key: 'contests',
      width: 80,
      render: (_: unknown, r: AssessmentSummary) =>
        r.progress.openContests > 0 ? <Tag color="orange">{r.progress.openContests}</Tag> : '—',
    },
    {
      title: t('home.result'),
      key: 'headline',
      width: 170,
      render: (_: unknown, r: AssessmentSummary) =>
        r.headline ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            <b>{r.headline.total}</b> · {r.headline.conclusion}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('home.updated'),
      width: 110,
      render: (_: unknown, r: AssessmentSummary) => r.updatedAt.slice(0, 10),
    },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {hasRole('enterprise_user')
            ? t('nav.myAssessments')
            : hasRole('body_admin')
              ? t('nav.overview')
              : t('nav.myTasks')}
        </Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            {t('common.reload')}
          </Button>
          {hasRole('enterprise_user') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/apply')}>
              {t('nav.apply')}
            </Button>
          )}
        </Space>
      </Space>
      <Row gutter={16}>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('home.total')} value={list.data?.total ?? 0} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('home.active')} value={active} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title={t('home.awaitingReview')}
              value={rows.filter((r) => r.stage === 'submitted').length}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title={t('home.published')}
              value={rows.filter((r) => r.stage === 'published').length}
            />
          </Card>
        </Col>
      </Row>
      {(hasRole('enterprise_user') || hasRole('body_admin')) && <ValidityCard />}
      {list.error && <ErrorAlert error={list.error} />}
      <Table<AssessmentSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1280 }}
        onRow={(r) => ({ onDoubleClick: () => navigate(assessmentPath(r.id)) })}
        locale={{ emptyText: pick(t('home.empty'), undefined) }}
      />
    </Space>
  );
}
