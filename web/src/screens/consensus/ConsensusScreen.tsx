import { useMemo, useState } from 'react';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Space from 'antd/es/space';
import Segmented from 'antd/es/segmented';
import Spin from 'antd/es/spin';
import Alert from 'antd/es/alert';
import Row from 'antd/es/row';
import Col from 'antd/es/col';
import Statistic from 'antd/es/statistic';
import Card from 'antd/es/card';
import Tooltip from 'antd/es/tooltip';
import Typography from 'antd/es/typography';
import { orderDisagreementsFirst } from '@engine/process/scoring-sheets';
import type { ConsensusItem, ScoreValue } from '@engine/contract/index';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { recompute, toDense, type IndustryEngine } from '../../engine/live';
import { LiveResult } from '../../components/LiveResult';
import { TeamScoreCell } from './TeamScoreCell';
import { consensusFilter, type ConsensusFilter } from './filter';
import { gradeColor } from '../../shared/grades';

export default function ConsensusScreen() {
  const { engine } = useAssessment();
  if (engine.status === 'loading') return <Spin style={{ margin: 48, display: 'block' }} />;
  if (engine.status === 'error') return <Alert type="error" showIcon message={engine.error.message} />;
  return <Consensus engine={engine.engine} />;
}

function Consensus({ engine }: { engine: IndustryEngine }) {
  const { t } = useI18n();
  const { assessment: a, role } = useAssessment();
  const q = useApi(
    (signal) => api('GET /api/assessments/:id/consensus', { params: { id: a.id }, signal }),
    [a.id],
  );
  const [filter, setFilter] = useState<ConsensusFilter>('disagreements');
  const editable = role === 'leader' && a.stage === 'consensus';
  const items = q.data?.items;
  const ordered = useMemo(() => {
    if (!items) return [];
    const byId = new Map(items.map((i) => [i.requirementId, i]));
    return orderDisagreementsFirst(items).map((r) => byId.get(r.requirementId)!);
  }, [items]);
  const shown = useMemo(() => ordered.filter((i) => consensusFilter(i, filter)), [ordered, filter]);
  const names = useMemo(() => new Map((q.data?.experts ?? []).map((e) => [e.userId, e.name])), [q.data]);
  const team = useMemo(() => {
    const scores: Record<string, ScoreValue> = {};
    for (const i of items ?? []) if (i.team) scores[i.requirementId] = i.team.value;
    return scores;
  }, [items]);
  const live = useMemo(() => recompute(engine, toDense(engine, team)), [engine, team]);
  if (q.error) return <Alert type="error" showIcon message={q.error.message} />;
  if (!q.data || !items) return <Spin style={{ margin: 48, display: 'block' }} />;
  const decided = items.filter((i) => i.team).length;
  const disagreements = items.filter((i) => i.disagreement).length;
  const update = (next: ConsensusItem) =>
    q.setData((d) => ({
      ...d!,
      items: d!.items.map((i) => (i.requirementId === next.requirementId ? next : i)),
    }));
  return (
    <Row gutter={16} wrap={false}>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Row gutter={12}>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('consensus.decided')} value={decided} suffix={`/ ${items.length}`} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic
                  title={t('consensus.disagreements')}
                  value={disagreements}
                  valueStyle={{ color: '#d46b08' }}
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small">
                <Typography.Text type="secondary">{t('consensus.experts')}</Typography.Text>
                <div>
                  {q.data.experts.map((e) => (
                    <Tag key={e.userId} color={e.submitted ? 'green' : 'default'}>
                      {e.name}
                      {e.role === 'leader' ? `（${t('team.leader')}）` : ''}
                    </Tag>
                  ))}
                </div>
              </Card>
            </Col>
          </Row>
          <Segmented<ConsensusFilter>
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'disagreements', label: t('consensus.onlyDisagreements') },
              { value: 'undecided', label: t('consensus.undecided') },
              { value: 'all', label: t('expert.all') },
            ]}
          />
          <Table<ConsensusItem>
            size="small"
            rowKey="requirementId"
            dataSource={shown}
            pagination={{ pageSize: 25, showSizeChanger: false, showTotal: (n) => t('expert.shown', { n }) }}
            columns={[
              {
                title: t('consensus.requirement'),
                render: (_, i) => {
                  const r = engine.byId.get(i.requirementId);
                  return (
                    <Tooltip title={r?.text}>
                      <div style={{ maxWidth: 380 }}>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {r?.unitName} · {r?.level}.{r?.seq}
                        </Typography.Text>
                        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                          {r?.text}
                        </Typography.Paragraph>
                      </div>
                    </Tooltip>
                  );
                },
              },
              {
                title: t('consensus.scores'),
                width: 260,
                render: (_, i) => (
                  <Space size={[2, 2]} wrap>
                    {i.scores.map((s) => (
                      <Tooltip
                        key={s.expertId}
                        title={i.rationales[s.expertId] || t('consensus.noRationale')}
                      >
                        <Tag color={gradeColor(s.value).tag} style={{ marginInlineEnd: 2 }}>
                          {names.get(s.expertId) ?? s.expertId}: {s.value}
                        </Tag>
                      </Tooltip>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('consensus.spread'),
                width: 70,
                render: (_, i) => (
                  <Tag color={i.rangeTenths >= 5 ? 'red' : i.rangeTenths > 0 ? 'orange' : 'default'}>
                    {i.range}
                  </Tag>
                ),
                sorter: (x, y) => x.rangeTenths - y.rangeTenths,
              },
              {
                title: t('consensus.team'),
                width: 360,
                render: (_, i) => (
                  <TeamScoreCell
                    item={i}
                    editable={editable}
                    assessmentId={a.id}
                    names={names}
                    onSaved={update}
                  />
                ),
              },
            ]}
          />
        </Space>
      </Col>
      <Col flex="290px">
        <LiveResult
          title={t('consensus.liveTitle')}
          result={live.result}
          ms={live.ms}
          answered={decided}
          total={items.length}
        />
      </Col>
    </Row>
  );
}
