/**
 * 证书与对比: the certificate of the published result (number, verification code, validity, PDF), the result
 * beside the enterprise's earlier ones (what improved, what fell back, the previous plan's steps), the benchmark
 * against peers (k peers, quartiles), and — for the enterprise — the start of a re-assessment.
 */
import { useMemo, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Checkbox from 'antd/es/checkbox';
import Col from 'antd/es/col';
import Descriptions from 'antd/es/descriptions';
import Modal from 'antd/es/modal';
import Row from 'antd/es/row';
import Space from 'antd/es/space';
import Spin from 'antd/es/spin';
import Statistic from 'antd/es/statistic';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Change, EligibilityAnswers, PlanStepOutcome } from '@engine/contract/index';
import { api, ApiError, downloadUrl } from '../../api/client';
import { useApi } from '../../api/useApi';
import { assessmentPath, navigate } from '../../app/router';
import { EChart } from '../../components/EChart';
import { useI18n } from '../../i18n/i18n';
import { ELIGIBILITY_KEYS, eligibilityComplete } from '../apply/eligibility';
import { useAssessment } from '../assessment/context';
import { benchmarkOption, domainsOption, DOWN, totalsOption, UP } from './charts';

/** A 409 that only says "not yet" (not published / not frozen): shown as a hint, not as an error. */
const notYet = (e: Error | undefined) => e instanceof ApiError && e.code === 'INVALID_TRANSITION';

function Delta({ c }: { c: Pick<Change, 'delta' | 'trend'> }) {
  return (
    <Typography.Text style={{ color: c.trend === 'improved' ? UP : c.trend === 'fell' ? DOWN : undefined }}>
      {c.delta}
    </Typography.Text>
  );
}

export default function OutcomesScreen() {
  const { assessment: a, role } = useAssessment();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 1200 }}>
      <CertificateCard />
      <ComparisonCard />
      <BenchmarkCard />
      {role === 'enterprise' && a.stage === 'published' && <Reassess />}
    </Space>
  );
}

function CertificateCard() {
  const { t } = useI18n();
  const { assessment: a } = useAssessment();
  const q = useApi(
    (signal) => api('GET /api/assessments/:id/certificate', { params: { id: a.id }, signal }),
    [a.id],
  );
  const c = q.data && 'number' in q.data ? q.data : undefined;
  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('cert.title')}
        </Space>
      }
      size="small"
      data-testid="certificate"
    >
      {q.loading && <Spin />}
      {q.error &&
        (notYet(q.error) ? (
          <Typography.Text type="secondary">{t('cert.none')}</Typography.Text>
        ) : (
          <Alert type="error" showIcon message={q.error.message} />
        ))}
      {c && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
            <Descriptions.Item label={t('cert.number')}>
              <Space>
                <Typography.Text strong data-testid="certificate-number">
                  {c.number}
                </Typography.Text>
                <Tag color={c.state === 'valid' ? 'green' : c.state === 'expired' ? 'orange' : 'red'}>
                  {t(`cert.state.${c.state}`)}
                </Tag>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('cmp.conclusion')}>
              {c.content.conclusion} · {c.content.total}
            </Descriptions.Item>
            <Descriptions.Item label={t('cert.issued')}>{c.content.issuedOn}</Descriptions.Item>
            <Descriptions.Item label={t('cert.validUntil')}>{c.content.validUntil}</Descriptions.Item>
            <Descriptions.Item label={t('cert.due')}>{c.reassessmentDue}</Descriptions.Item>
            <Descriptions.Item label={t('cert.code')}>
              <Typography.Text code copyable={{ text: c.code }} style={{ wordBreak: 'break-all' }}>
                {c.code.match(/.{1,4}/g)?.join('-')}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          {c.withdrawnAt && (
            <Alert
              type="warning"
              showIcon
              message={t('cert.withdrawnAt', { at: c.withdrawnAt.slice(0, 10) })}
            />
          )}
          {c.state !== 'withdrawn' && (
            <Space wrap>
              <Button
                icon={<DownloadOutlined />}
                href={downloadUrl('GET /api/assessments/:id/certificate', { id: a.id }, { format: 'pdf' })}
              >
                {t('cert.download')}
              </Button>
              <Button type="link" href={c.verifyPath} target="_blank" rel="noreferrer">
                {t('cert.verifyLink')}
              </Button>
            </Space>
          )}
        </Space>
      )}
    </Card>
  );
}

function ComparisonCard() {
  const { t, lang } = useI18n();
  const { assessment: a, engine } = useAssessment();
  const q = useApi(
    (signal) => api('GET /api/assessments/:id/comparison', { params: { id: a.id }, signal }),
    [a.id],
  );
  const domainName = (id: string, zh: string) => {
    if (engine.status !== 'ready' || lang === 'zh') return zh;
    return engine.model.domains.find((d) => d.id === id)?.nameEn ?? zh;
  };
  const reqText = (id: string) => (engine.status === 'ready' ? (engine.engine.byId.get(id)?.text ?? id) : id);
  const c = q.data;
  const totals = useMemo(() => (c ? totalsOption(c, (at) => at.slice(0, 10)) : {}), [c]);
  const domains = useMemo(
    () => (c?.delta ? domainsOption(c, { before: t('cmp.before'), after: t('cmp.after') }, domainName) : {}),
    [c, lang],
  );
  if (q.loading)
    return (
      <Card size="small" title={t('cmp.title')}>
        <Spin />
      </Card>
    );
  if (q.error)
    return (
      <Card size="small" title={t('cmp.title')}>
        {notYet(q.error) ? (
          <Typography.Text type="secondary">{t('bm.notPublished')}</Typography.Text>
        ) : (
          <Alert type="error" showIcon message={q.error.message} />
        )}
      </Card>
    );
  if (!c) return null;
  const d = c.delta;
  const changeCols = [
    {
      title: t('cmp.item'),
      dataIndex: 'name',
      render: (n: string, r: Change) =>
        r.id.startsWith('S') && r.id.length === 2 ? `${n} ${t('cmp.levels')}` : n,
    },
    { title: t('cmp.before'), dataIndex: 'before', align: 'right' as const, width: 90 },
    { title: t('cmp.after'), dataIndex: 'after', align: 'right' as const, width: 90 },
    {
      title: t('cmp.delta'),
      key: 'delta',
      align: 'right' as const,
      width: 90,
      render: (_: unknown, r: Change) => <Delta c={r} />,
    },
  ];
  return (
    <Card size="small" title={t('cmp.title')} data-testid="comparison">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Table
            size="small"
            pagination={false}
            rowKey="assessmentId"
            dataSource={c.results}
            columns={[
              {
                title: t('cmp.result'),
                render: (_: unknown, r) =>
                  r.published
                    ? t('cmp.published', { at: r.at.slice(0, 10) })
                    : t('cmp.frozen', { at: r.at.slice(0, 10) }),
              },
              { title: t('cmp.total'), dataIndex: 'total', align: 'right' as const, width: 70 },
              { title: t('cmp.conclusion'), dataIndex: 'conclusion', width: 110 },
            ]}
          />
        </Col>
        <Col xs={24} lg={14}>
          <EChart option={totals} height={220} testId="comparison-totals" />
        </Col>
      </Row>
      {!d && <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('cmp.single')} />}
      {d && (
        <Space direction="vertical" size="middle" style={{ width: '100%', marginTop: 16 }}>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Table
                size="small"
                pagination={false}
                rowKey="id"
                dataSource={[d.total, ...d.levels, ...d.domains]}
                columns={changeCols}
              />
            </Col>
            <Col xs={24} lg={14}>
              <Typography.Text strong>{t('cmp.domains')}</Typography.Text>
              <EChart option={domains} height={300} testId="comparison-domains" />
            </Col>
          </Row>
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('cmp.units')}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('cmp.unitsHint')} {t('cmp.requirements', { up: d.improved.length, down: d.fell.length })}
            </Typography.Paragraph>
            <Space size={[6, 6]} wrap>
              {[...d.units]
                .filter((u) => u.trend !== 'same')
                .sort((x, y) => Number(y.delta) - Number(x.delta))
                .map((u) => (
                  <Tag key={u.id} color={u.trend === 'improved' ? 'green' : 'red'}>
                    {u.name} {u.before}→{u.after} ({u.delta})
                  </Tag>
                ))}
            </Space>
          </div>
          {d.fell.length > 0 && (
            <div>
              <Typography.Title level={5}>{t('cmp.fellList')}</Typography.Title>
              <Table
                size="small"
                pagination={false}
                rowKey="requirementId"
                dataSource={d.fell}
                columns={[
                  {
                    title: t('cmp.requirement'),
                    render: (_: unknown, r) => (
                      <span title={r.requirementId}>{reqText(r.requirementId)}</span>
                    ),
                  },
                  { title: t('cmp.before'), dataIndex: 'before', width: 80, align: 'right' as const },
                  { title: t('cmp.after'), dataIndex: 'after', width: 80, align: 'right' as const },
                ]}
              />
            </div>
          )}
          <PlanSteps plan={d.plan} reqText={reqText} />
        </Space>
      )}
    </Card>
  );
}

function PlanSteps({
  plan,
  reqText,
}: {
  plan: NonNullable<import('@engine/contract/index').Comparison['delta']>['plan'];
  reqText: (id: string) => string;
}) {
  const { t, grade, lang } = useI18n();
  const levelName = (l: number) => (lang === 'zh' ? `${'一二三四五'[l - 1] ?? l}级` : `level ${l}`);
  const colour: Record<PlanStepOutcome['outcome'], string> = {
    achieved: 'green',
    improved: 'gold',
    not_achieved: 'red',
    not_comparable: 'default',
  };
  return (
    <div data-testid="plan-steps">
      <Typography.Title level={5}>{t('cmp.plan')}</Typography.Title>
      {plan.steps.length === 0 ? (
        <Typography.Text type="secondary">{t('cmp.planNone')}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph>
            {t('cmp.planSummary', {
              target: plan.targetLevel === null ? '—' : levelName(plan.targetLevel),
              n: plan.steps.length,
              achieved: plan.achieved,
            })}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="requirementId"
            pagination={{ pageSize: 10, size: 'small', showSizeChanger: false }}
            dataSource={plan.steps}
            scroll={{ x: 720 }}
            columns={[
              { title: t('cmp.unit'), dataIndex: 'unitName', width: 120 },
              { title: t('cmp.level'), dataIndex: 'level', width: 60 },
              {
                title: t('cmp.requirement'),
                render: (_: unknown, r) => <span title={r.requirementId}>{reqText(r.requirementId)}</span>,
              },
              { title: t('cmp.from'), width: 90, render: (_: unknown, r) => grade(r.from) },
              { title: t('cmp.goal'), width: 90, render: (_: unknown, r) => grade(r.to) },
              { title: t('cmp.now'), width: 90, render: (_: unknown, r) => (r.now ? grade(r.now) : '—') },
              {
                title: '',
                width: 90,
                render: (_: unknown, r) => (
                  <Tag color={colour[r.outcome]}>{t(`cmp.outcome.${r.outcome}`)}</Tag>
                ),
              },
            ]}
          />
        </>
      )}
    </div>
  );
}

function BenchmarkCard() {
  const { t, lang } = useI18n();
  const { assessment: a, engine } = useAssessment();
  const q = useApi(
    (signal) => api('GET /api/assessments/:id/benchmark', { params: { id: a.id }, signal }),
    [a.id],
  );
  const domainName = (id: string, zh: string) =>
    engine.status !== 'ready' || lang === 'zh'
      ? zh
      : (engine.model.domains.find((d) => d.id === id)?.nameEn ?? zh);
  const b = q.data;
  return (
    <Card size="small" title={t('bm.title')} data-testid="benchmark">
      {q.loading && <Spin />}
      {q.error &&
        (notYet(q.error) ? (
          <Typography.Text type="secondary">{t('bm.notPublished')}</Typography.Text>
        ) : (
          <Alert type="error" showIcon message={q.error.message} />
        ))}
      {b && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('bm.k', { k: b.k })}</Typography.Text>
          {b.groups.map((g) => (
            <div key={g.dimension}>
              <Typography.Title level={5}>
                {t(`bm.group.${g.dimension}`, { value: g.value })}
              </Typography.Title>
              {!g.available ? (
                <Alert
                  type="info"
                  showIcon
                  message={t('bm.unavailable', { k: b.k })}
                  data-testid="benchmark-unavailable"
                />
              ) : (
                <Row gutter={[16, 16]}>
                  <Col xs={24} md={8}>
                    <Space direction="vertical">
                      <Statistic title={t('bm.percentileTitle')} value={g.percentile ?? 0} suffix="%" />
                      <Typography.Text>{t('bm.percentile', { p: g.percentile ?? 0 })}</Typography.Text>
                      <Typography.Text>{t('bm.peers', { range: g.peers ?? '' })}</Typography.Text>
                      <Typography.Text>
                        {t('cmp.total')} {b.total} · {t('bm.median')} {g.total?.median} · {t('bm.iqr')}{' '}
                        {g.total?.q1}–{g.total?.q3}
                      </Typography.Text>
                    </Space>
                  </Col>
                  <Col xs={24} md={16}>
                    <EChart
                      option={benchmarkOption(
                        g,
                        { own: t('bm.own'), median: t('bm.median'), iqr: t('bm.iqr') },
                        domainName,
                      )}
                      height={Math.max(220, 40 + (g.domains?.length ?? 0) * 30)}
                      testId="benchmark-chart"
                    />
                  </Col>
                </Row>
              )}
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}

function Reassess() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { assessment: a } = useAssessment();
  const [open, setOpen] = useState(false);
  const [checked, setChecked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    try {
      const eligibility = Object.fromEntries(
        ELIGIBILITY_KEYS.map((k) => [k, checked.includes(k)]),
      ) as unknown as EligibilityAnswers;
      const view = await api('POST /api/assessments/:id/reassessment', {
        params: { id: a.id },
        body: { eligibility },
      });
      message.success(t('re.started'));
      setOpen(false);
      navigate(assessmentPath(view.id));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('re.title')}>
      <Space direction="vertical">
        <Typography.Text type="secondary">{t('re.hint')}</Typography.Text>
        <Button type="primary" onClick={() => setOpen(true)} data-testid="start-reassessment">
          {t('re.start')}
        </Button>
      </Space>
      <Modal
        open={open}
        title={t('re.title')}
        onCancel={() => setOpen(false)}
        onOk={() => void start()}
        okButtonProps={{ disabled: !eligibilityComplete(checked), loading: busy }}
      >
        <Typography.Paragraph type="secondary">{t('apply.eligibilityHint')}</Typography.Paragraph>
        <Checkbox.Group
          value={checked}
          onChange={(v) => setChecked(v as string[])}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        >
          {ELIGIBILITY_KEYS.map((k) => (
            <Checkbox key={k} value={k}>
              {t(`eligibility.${k}`)}
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Modal>
    </Card>
  );
}
