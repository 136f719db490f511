import Drawer from 'antd/es/drawer';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import Breadcrumb from 'antd/es/breadcrumb';
import Space from 'antd/es/space';
import type { LevelCode } from '@engine/model/types';
import type { ScoreResult, IndustryEngine } from '../../engine/live';
import { useI18n } from '../../i18n/i18n';
import { useAssessment } from '../assessment/context';
import { useEvidence } from '../../evidence/useEvidence';
import { EvidenceList } from '../../evidence/EvidenceList';

export type TraceView =
  | { kind: 'total' }
  | { kind: 'level'; level: LevelCode }
  | { kind: 'domain'; domainId: string; level: LevelCode }
  | { kind: 'domainAll'; domainId: string }
  | { kind: 'unit'; unitId: string; level: LevelCode };

type Trace = NonNullable<ScoreResult['trace']>;

/** Drill-down through the engine's trace: total → level → domain → unit → requirements and evidence. */
export function TraceDrawer({
  result,
  engine,
  view,
  onView,
}: {
  result: ScoreResult;
  engine: IndustryEngine;
  view: TraceView | null;
  onView: (v: TraceView | null) => void;
}) {
  const { t, pick } = useI18n();
  const { assessment } = useAssessment();
  const evidence = useEvidence(assessment.id);
  const trace = result.trace;
  const eff = engine.compiled.effective;
  const domainName = (id: string) => {
    const d = eff.domains.find((x) => x.id === id);
    return d ? pick(d.name, d.nameEn) : id;
  };
  const unitName = (id: string) => eff.domains.flatMap((d) => d.units).find((u) => u.id === id)?.name ?? id;
  if (!trace) return null;
  const crumbs: { title: string; view: TraceView }[] = [{ title: t('trace.total'), view: { kind: 'total' } }];
  if (view && view.kind !== 'total' && 'level' in view)
    crumbs.push({ title: view.level, view: { kind: 'level', level: view.level } });
  if (view?.kind === 'domain') crumbs.push({ title: domainName(view.domainId), view });
  if (view?.kind === 'domainAll') crumbs.push({ title: domainName(view.domainId), view });
  if (view?.kind === 'unit') {
    const u = eff.domains.flatMap((d) => d.units).find((x) => x.id === view.unitId);
    if (u)
      crumbs.push({
        title: domainName(u.domainId),
        view: { kind: 'domain', domainId: u.domainId, level: view.level },
      });
    crumbs.push({ title: unitName(view.unitId), view });
  }
  return (
    <Drawer
      open={view !== null}
      onClose={() => onView(null)}
      width={760}
      title={
        <Breadcrumb
          items={crumbs.map((c, i) => ({
            title: i < crumbs.length - 1 ? <a onClick={() => onView(c.view)}>{c.title}</a> : c.title,
          }))}
        />
      }
    >
      {view?.kind === 'total' && <TotalView trace={trace} onView={onView} />}
      {view?.kind === 'level' && (
        <LevelView trace={trace} level={view.level} domainName={domainName} onView={onView} />
      )}
      {view?.kind === 'domain' && (
        <DomainView
          trace={trace}
          domainId={view.domainId}
          level={view.level}
          unitName={unitName}
          onView={onView}
        />
      )}
      {view?.kind === 'domainAll' && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {(['S1', 'S2', 'S3', 'S4', 'S5'] as const).map((l) => (
            <div key={l}>
              <Typography.Title level={5}>{l}</Typography.Title>
              <DomainView
                trace={trace}
                domainId={view.domainId}
                level={l}
                unitName={unitName}
                onView={onView}
              />
            </div>
          ))}
        </Space>
      )}
      {view?.kind === 'unit' && (
        <UnitView trace={trace} unitId={view.unitId} level={view.level} engine={engine} evidence={evidence} />
      )}
    </Drawer>
  );
}

function Formula({ text }: { text: string }) {
  return (
    <Typography.Paragraph code copyable style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>
      {text}
    </Typography.Paragraph>
  );
}

function TotalView({ trace, onView }: { trace: Trace; onView: (v: TraceView) => void }) {
  const { t } = useI18n();
  return (
    <>
      <Formula text={trace.total.formula} />
      <Table
        size="small"
        pagination={false}
        rowKey="level"
        dataSource={trace.levels}
        onRow={(r) => ({
          onClick: () => onView({ kind: 'level', level: r.level }),
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: t('trace.level'), render: (_, r) => r.level },
          { title: t('trace.levelScore'), render: (_, r) => r.value.display },
          { title: t('trace.met'), render: (_, r) => (r.met ? <Tag color="green">✓</Tag> : <Tag>✗</Tag>) },
          { title: t('trace.counted'), render: (_, r) => (r.counted ? '1' : r.value.display) },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 12 }}>{trace.conclusion}</Typography.Paragraph>
    </>
  );
}

function LevelView({
  trace,
  level,
  domainName,
  onView,
}: {
  trace: Trace;
  level: LevelCode;
  domainName: (id: string) => string;
  onView: (v: TraceView) => void;
}) {
  const { t } = useI18n();
  const l = trace.levels.find((x) => x.level === level);
  if (!l) return null;
  return (
    <>
      <Formula text={l.formula} />
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={l.terms}
        onRow={(r) => ({
          onClick: () => onView({ kind: 'domain', domainId: r.id, level }),
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: t('trace.domain'), render: (_, r) => domainName(r.id) },
          { title: 'α', render: (_, r) => `${r.weight.num}/${r.weight.den}` },
          { title: 'B', render: (_, r) => r.value.display },
          { title: 'α·B', render: (_, r) => r.product.display },
        ]}
      />
    </>
  );
}

function DomainView({
  trace,
  domainId,
  level,
  unitName,
  onView,
}: {
  trace: Trace;
  domainId: string;
  level: LevelCode;
  unitName: (id: string) => string;
  onView: (v: TraceView) => void;
}) {
  const { t } = useI18n();
  const d = trace.domains.find((x) => x.domainId === domainId && x.level === level);
  if (!d) return null;
  return (
    <>
      <Formula text={d.formula} />
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={d.terms}
        onRow={(r) => ({
          onClick: () => onView({ kind: 'unit', unitId: r.id, level }),
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: t('trace.unit'), render: (_, r) => unitName(r.id) },
          { title: 'β', render: (_, r) => `${r.weight.num}/${r.weight.den}` },
          { title: 'C', render: (_, r) => r.value.display },
          { title: 'β·C', render: (_, r) => r.product.display },
        ]}
      />
    </>
  );
}

function UnitView({
  trace,
  unitId,
  level,
  engine,
  evidence,
}: {
  trace: Trace;
  unitId: string;
  level: LevelCode;
  engine: IndustryEngine;
  evidence: ReturnType<typeof useEvidence>;
}) {
  const { t } = useI18n();
  const u = trace.units.find((x) => x.unitId === unitId && x.level === level);
  if (!u) return null;
  return (
    <>
      <Formula text={u.formula} />
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={u.requirements}
        columns={[
          { title: '#', width: 40, render: (_, r) => engine.byId.get(r.id)?.seq },
          {
            title: t('consensus.requirement'),
            render: (_, r) => (
              <div>
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  {engine.byId.get(r.id)?.text}
                </Typography.Paragraph>
                <EvidenceList requirementId={r.id} evidence={evidence} compact />
              </div>
            ),
          },
          {
            title: t('trace.score'),
            width: 100,
            render: (_, r) =>
              r.score === null ? <Tag>{t('trace.missing')}</Tag> : <Tag color="blue">{r.score}</Tag>,
          },
        ]}
      />
    </>
  );
}
