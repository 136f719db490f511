import { useMemo, useState } from 'react';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Space from 'antd/es/space';
import Segmented from 'antd/es/segmented';
import Spin from 'antd/es/spin';
import Row from 'antd/es/row';
import Col from 'antd/es/col';
import Statistic from 'antd/es/statistic';
import Card from 'antd/es/card';
import Tooltip from 'antd/es/tooltip';
import Typography from 'antd/es/typography';
import Button from 'antd/es/button';
import Popconfirm from 'antd/es/popconfirm';
import App from 'antd/es/app';
import { orderDisagreementsFirst } from '@engine/process/scoring-sheets';
import type { ConsensusItem, ScoreValue } from '@engine/contract/index';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { recompute, toDense, type IndustryEngine } from '../../engine/live';
import { LiveResult } from '../../components/LiveResult';
import { TeamScoreCell } from './TeamScoreCell';
import { GroupReviewBatch, GroupReviewCell } from './GroupReviewCell';
import { consensusFilter, type ConsensusFilter } from './filter';
import { gradeColor } from '../../shared/grades';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EvidenceStateTag } from '../../components/EvidenceStateTag';

export default function ConsensusScreen() {
  const { engine } = useAssessment();
  if (engine.status === 'loading') return <Spin style={{ margin: 48, display: 'block' }} />;
  if (engine.status === 'error') return <ErrorAlert error={engine.error} />;
  return <Consensus engine={engine.engine} />;
}

function Consensus({ engine }: { engine: IndustryEngine }) {
  const { t, err } = useI18n();
  const { assessment: a, role, refresh } = useAssessment();
  const { message } = App.useApp();
  const [accepting, setAccepting] = useState(false);
  const q = useApi(
    (signal) => api('GET /api/assessments/:id/consensus', { params: { id: a.id }, signal }),
    [a.id],
  );
  // 4.5.2 / 4.6.2: the state of each requirement's evidence beside it.
  const evidenceState = useApi(
    (signal) => api('GET /api/assessments/:id/evidence-review', { params: { id: a.id }, signal }),
    [a.id],
  ).data?.byRequirement;
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
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data || !items) return <Spin style={{ margin: 48, display: 'block' }} />;
  const decided = items.filter((i) => i.team).length;
  // Every expert gave the same grade and no team score yet: recorded in one action (PUT …/consensus, all or nothing).
  const unanimous = items.filter(
    (i) => !i.team && i.missing.length === 0 && i.scores.length > 0 && i.distinct.length === 1,
  );
  const acceptUnanimous = async () => {
    setAccepting(true);
    try {
      await api('PUT /api/assessments/:id/consensus', {
        params: { id: a.id },
        body: {
          items: unanimous.map((i) => ({
            requirementId: i.requirementId,
            value: i.distinct[0]!,
            rationale: t('consensus.unanimousRationale'),
            expectedVersion: 0,
          })),
        },
      });
      message.success(t('consensus.accepted', { n: unanimous.length }));
      q.reload();
      await refresh();
    } catch (e) {
      message.error(err(e));
      q.reload();
    } finally {
      setAccepting(false);
    }
  };
  const disagreements = items.filter((i) => i.disagreement).length;
  const pendingReviews = items.filter((i) => i.needsGroupReview && !i.groupReview);
  const update = (next: ConsensusItem) => {
    q.setData((d) => ({
      ...d!,
      items: d!.items.map((i) => (i.requirementId === next.requirementId ? next : i)),
    }));
    void refresh();
  };
  return (
    <Row gutter={[16, 12]}>
      <Col xs={24} xl={18} style={{ minWidth: 0 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('consensus.decided')} value={decided} suffix={`/ ${items.length}`} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('consensus.disagreements')}
                  value={disagreements}
                  valueStyle={{ color: '#d46b08' }}
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
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
          <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
            <Segmented<ConsensusFilter>
              value={filter}
              onChange={setFilter}
              options={[
                { value: 'disagreements', label: t('consensus.onlyDisagreements') },
                { value: 'undecided', label: t('consensus.undecided') },
                { value: 'all', label: t('expert.all') },
              ]}
            />
            {editable && (
              <GroupReviewBatch
                pending={pendingReviews}
                assessmentId={a.id}
                names={names}
                onSaved={() => {
                  message.success(t('groupReview.batchSaved', { n: pendingReviews.length }));
                  q.reload();
                  void refresh();
                }}
              />
            )}
            {editable && unanimous.length > 0 && (
              <Popconfirm
                title={t('consensus.acceptUnanimous', { n: unanimous.length })}
                description={t('consensus.acceptUnanimousConfirm', { n: unanimous.length })}
                okText={t('confirm.ok')}
                cancelText={t('confirm.cancel')}
                onConfirm={() => void acceptUnanimous()}
              >
                <Button type="primary" loading={accepting} data-testid="accept-unanimous">
                  {t('consensus.acceptUnanimous', { n: unanimous.length })}
                </Button>
              </Popconfirm>
            )}
          </Space>
          <Table<ConsensusItem>
            size="small"
            rowKey="requirementId"
            scroll={{ x: 900 }}
            dataSource={shown}
            pagination={{ pageSize: 25, showSizeChanger: false, showTotal: (n) => t('expert.shown', { n }) }}
            columns={[
              {
                title: t('consensus.requirement'),
                render: (_, i) => {
                  const r = engine.byId.get(i.requirementId);
                  return (
                    <>
                      <Tooltip title={r?.text}>
                        <div style={{ maxWidth: 380 }}>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {r?.unitName} · {r?.level}.{r?.seq}
                          </Typography.Text>
                          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                            {r?.text}
                          </Typography.Paragraph>
                          <EvidenceStateTag state={evidenceState?.[i.requirementId]} />
                        </div>
                      </Tooltip>
                      <GroupReviewCell
                        item={i}
                        editable={editable}
                        assessmentId={a.id}
                        names={names}
                        onSaved={update}
                      />
                    </>
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
      <Col xs={24} xl={6}>
        <LiveResult
          title={t('consensus.liveTitle')}
          result={live.result}
          answered={decided}
          total={items.length}
        />
      </Col>
    </Row>
  );
}
