/** The assessment body's dashboard (issue 12): next steps, levels by industry, overdue steps — loaded lazily. */
import Card from 'antd/es/card';
import Col from 'antd/es/col';
import Row from 'antd/es/row';
import Table from 'antd/es/table';
import List from 'antd/es/list';
import Button from 'antd/es/button';
import Badge from 'antd/es/badge';
import type { AssessmentStats, AssessmentSummary } from '@engine/contract/index';
import { useI18n } from '../../i18n/i18n';
import { assessmentPath, navigate } from '../../app/router';
import { StageTag } from '../../components/StageTag';

const INDUSTRIES = ['mining', 'smelting', 'processing'] as const;
const LEVELS = [null, 0, 1, 2, 3, 4, 5] as const;
/** The stages where the body acts next, in process order. */
const TODO_STAGES = ['submitted', 'team_formation', 'communication', 'final_meeting'] as const;

export default function BodyDashboard({
  stats,
  onStage,
}: {
  stats: AssessmentStats;
  onStage: (stage: (typeof TODO_STAGES)[number]) => void;
}) {
  const { t } = useI18n();
  const count = (industry: string, level: number | null) =>
    stats.levels.find((l) => l.industry === industry && l.level === level)?.n ?? 0;
  const levelTitle = (l: number | null) =>
    l === null ? t('lists.notScored') : l === 0 ? t('lists.belowLevel1') : t('lists.levelN', { n: l });
  const todos = TODO_STAGES.map((stage) => ({
    stage,
    n: stats.stages.find((s) => s.stage === stage)?.n ?? 0,
  })).filter((x) => x.n > 0);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={6}>
        <Card size="small" title={t('lists.todo')}>
          {todos.length === 0 ? (
            t('lists.todo.none')
          ) : (
            <List
              size="small"
              dataSource={todos}
              renderItem={(x) => (
                <List.Item>
                  <Button type="link" style={{ padding: 0 }} onClick={() => onStage(x.stage)}>
                    {t(`lists.todo.${x.stage}`)}
                  </Button>
                  <Badge count={x.n} color="#1677ff" />
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('lists.levelsByIndustry')}>
          <Table
            size="small"
            rowKey="industry"
            pagination={false}
            scroll={{ x: 480 }}
            dataSource={INDUSTRIES.map((industry) => ({ industry }))}
            columns={[
              {
                title: t('lists.industry'),
                render: (_: unknown, r) => t(`industry.${r.industry}`),
                width: 70,
              },
              ...LEVELS.map((l) => ({
                title: levelTitle(l),
                align: 'right' as const,
                render: (_: unknown, r: { industry: string }) => count(r.industry, l) || '·',
              })),
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={t('lists.overdueCount', { n: stats.overdueTotal })}>
          {stats.overdue.length === 0 ? (
            t('lists.noOverdue')
          ) : (
            <List<AssessmentSummary>
              size="small"
              dataSource={stats.overdue}
              renderItem={(a) => (
                <List.Item>
                  <Button
                    type="link"
                    style={{ padding: 0, maxWidth: '55%', overflow: 'hidden', textOverflow: 'ellipsis' }}
                    onClick={() => navigate(assessmentPath(a.id))}
                  >
                    {a.enterpriseName}
                  </Button>
                  <span>
                    <StageTag stage={a.stage} /> {t('lists.dueAt', { date: (a.dueAt ?? '').slice(0, 10) })}
                  </span>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
