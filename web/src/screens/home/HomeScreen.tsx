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
import Input from 'antd/es/input';
import Select from 'antd/es/select';
import Checkbox from 'antd/es/checkbox';
import { lazy, Suspense, useState } from 'react';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { AssessmentListQuery, AssessmentSummary } from '@engine/contract/index';
import { STAGES } from '@engine/process/types';
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
import { ExportButton } from './ExportButton';

function pct(done: number, total: number): number {
  return total === 0 ? 0 : Math.round((done / total) * 100);
}

export default function HomeScreen() {
  const { hasRole } = useAuth();
  return hasRole('platform_admin') ? <PlatformHome /> : <AssessmentsHome />;
}

/** The body's dashboard: only the body admin loads it (kept out of the first script). */
const BodyDashboard = lazy(() => import('./BodyDashboard'));

const PAGE_SIZE = 20;
const INDUSTRIES = ['mining', 'smelting', 'processing'] as const;
type Filters = Omit<AssessmentListQuery, 'limit' | 'offset'>;

function AssessmentsHome() {
  const { t, pick } = useI18n();
  const { hasRole } = useAuth();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const setFilter = (f: Partial<Filters>) => {
    setFilters((old) => {
      const next: Filters = { ...old, ...f };
      for (const k of Object.keys(next) as (keyof Filters)[]) if (next[k] === undefined) delete next[k];
      return next;
    });
    setPage(1);
  };
  const key = JSON.stringify(filters);
  const list = useApi(
    (signal) =>
      api('GET /api/assessments', {
        signal,
        query: { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
      }),
    [key, page],
  );
  const { sort: _s, order: _o, ...statFilters } = filters;
  const stats = useApi((signal) => api('GET /api/assessment-stats', { signal, query: statFilters }), [key]);
  const rows = list.data?.items ?? [];
  const stageCount = (pred: (s: string) => boolean) =>
    (stats.data?.stages ?? []).filter((s) => pred(s.stage)).reduce((n, s) => n + s.n, 0);
  const active = stageCount((s) => !isTerminal(s as AssessmentSummary['stage']));
  const thisYear = new Date().getFullYear();
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
      title: t('lists.year'),
      render: (_: unknown, r: AssessmentSummary) => r.createdAt.slice(0, 4),
      width: 70,
    },
    {
      title: t('lists.level'),
      width: 110,
      render: (_: unknown, r: AssessmentSummary) =>
        r.headline
          ? r.headline.level === null
            ? t('lists.belowLevel1')
            : `${t('lists.levelN', { n: r.headline.level })} · ${r.headline.total}`
          : t('lists.noResult'),
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
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              list.reload();
              stats.reload();
            }}
          >
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
            <Statistic title={t('home.total')} value={stats.data?.total ?? 0} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('home.active')} value={active} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('home.awaitingReview')} value={stageCount((s) => s === 'submitted')} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('home.published')} value={stageCount((s) => s === 'published')} />
          </Card>
        </Col>
      </Row>
      {hasRole('body_admin') && stats.data && (
        <Suspense fallback={null}>
          <BodyDashboard stats={stats.data} onStage={(stage) => setFilter({ stage })} />
        </Suspense>
      )}
      {(hasRole('enterprise_user') || hasRole('body_admin')) && <ValidityCard />}
      {list.error && <ErrorAlert error={list.error} />}
      <Space wrap>
        <Input.Search
          allowClear
          aria-label={t('lists.search')}
          placeholder={t('lists.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => setFilter({ q: v.trim() === '' ? undefined : v.trim() })}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          aria-label={t('home.stage')}
          placeholder={t('lists.allStages')}
          value={filters.stage}
          onChange={(v) => setFilter({ stage: v })}
          style={{ width: 140 }}
          options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('home.industry')}
          placeholder={t('lists.allIndustries')}
          value={filters.industry}
          onChange={(v) => setFilter({ industry: v })}
          style={{ width: 120 }}
          options={INDUSTRIES.map((i) => ({ value: i, label: t(`industry.${i}`) }))}
        />
        <Select
          allowClear
          aria-label={t('lists.year')}
          placeholder={t('lists.allYears')}
          value={filters.year}
          onChange={(v) => setFilter({ year: v })}
          style={{ width: 110 }}
          options={[0, 1, 2, 3, 4, 5].map((d) => ({ value: thisYear - d, label: String(thisYear - d) }))}
        />
        <Select
          allowClear
          aria-label={t('lists.level')}
          placeholder={t('lists.allLevels')}
          value={filters.level}
          onChange={(v) => setFilter({ level: v })}
          style={{ width: 120 }}
          options={[0, 1, 2, 3, 4, 5].map((l) => ({
            value: l,
            label: l === 0 ? t('lists.belowLevel1') : t('lists.levelN', { n: l }),
          }))}
        />
        <Checkbox
          checked={filters.overdue === '1'}
          onChange={(e) => setFilter({ overdue: e.target.checked ? '1' : undefined })}
        >
          {t('lists.overdueOnly')}
        </Checkbox>
        <ExportButton filters={filters} count={list.data?.total} />
      </Space>
      <Table<AssessmentSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        columns={columns}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (n) => t('lists.total', { n }),
          onChange: (p) => setPage(p),
        }}
        scroll={{ x: 1280 }}
        onRow={(r) => ({ onDoubleClick: () => navigate(assessmentPath(r.id)) })}
        locale={{ emptyText: pick(t('home.empty'), undefined) }}
      />
    </Space>
  );
}
