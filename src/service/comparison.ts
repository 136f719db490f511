/**
 * Results over time: an assessment's frozen result beside the enterprise's earlier published results (those the
 * caller may read), the changes between the last two, and what became of the earlier 一企一策 plan.
 */
import { can } from '../access/can.js';
import type {
  Change,
  ComparedResult,
  Comparison,
  GradeChange,
  PlanStepOutcome,
} from '../contract/comparison.js';
import { Rational } from '../exact/rational.js';
import { carryGrades, diffModels, mappingOf } from '../model/diff.js';
import { gradeOfKey, tenthsOf, type ScoreValue } from '../model/grades.js';
import { planLevelConsistent, planningInputFromAssessment, type ConsistentPlan } from '../planning/index.js';
import { assessmentResource } from '../process/resource.js';
import type { Assessment } from '../process/types.js';
import type { ReportComparison } from '../reports/report-data.js';
import { chinaDate } from '../model/validity.js';
import { canSeeTeamResult } from '../process/visibility.js';
import type { ScoreResult } from '../scoring/index.js';
import { readDocRaw } from '../store/repos/documents.js';
import { listEnterpriseResults } from '../store/repos/published.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { compiledFor, modelOrNotFound } from './engine.js';
import { forbidden, ServiceError } from './errors.js';
import { figuresOf } from './figures.js';

const NOT_COMMUNICATED = { rule: 'result_not_communicated' } as const;

/** Whether the caller may read the assessment and see its team result (else it is left out). */
function readable(a: Assessment, caller: Caller): boolean {
  return can(caller.actor, 'assessment.read', assessmentResource(a)) && canSeeTeamResult(a, caller.actor);
}

function compared(a: Assessment): ComparedResult {
  const value = a.result!.value as unknown as ScoreResult;
  const f = figuresOf(value, modelOrNotFound(a.modelId).levels);
  return {
    assessmentId: a.id,
    modelId: a.modelId,
    at: a.seal?.at ?? a.result!.frozenAt,
    published: a.seal !== undefined,
    total: f.total,
    level: f.level,
    conclusion: f.conclusion,
    levels: f.levels.map(({ level, score, met }) => ({ level, score, met })),
    domains: f.domains.map(({ id, name, score }) => ({ id, name, score })),
    units: f.units.map(({ id, name, domainId, score }) => ({ id, name, domainId, score })),
  };
}

function change(id: string, name: string, before: string, after: string): Change {
  const d = Rational.parse(after).sub(Rational.parse(before));
  const digits = Math.max(before.split('.')[1]?.length ?? 0, after.split('.')[1]?.length ?? 0);
  const shown = d.toDecimalString(digits);
  return {
    id,
    name,
    before,
    after,
    delta: d.gt(Rational.ZERO) ? `+${shown}` : shown,
    trend: d.gt(Rational.ZERO) ? 'improved' : d.lt(Rational.ZERO) ? 'fell' : 'same',
  };
}

function pairwise<T extends { id: string; name: string; score: string }>(xs: T[], ys: T[]): Change[] {
  const before = new Map(xs.map((x) => [x.id, x]));
  return ys
    .filter((y) => before.has(y.id))
    .map((y) => change(y.id, y.name, before.get(y.id)!.score, y.score));
}

/** The earlier result's grades on the later result's requirements (through the mapping when the versions differ). */
function gradesOnto(prev: Assessment, cur: Assessment): Record<string, ScoreValue> {
  const grades = prev.result!.teamScores;
  if (prev.modelId === cur.modelId) return { ...grades };
  const mapping = mappingOf(diffModels(modelOrNotFound(prev.modelId), modelOrNotFound(cur.modelId)));
  return carryGrades(mapping, grades, cur.requirementIds).grades;
}

const tenths = (v: ScoreValue | undefined | null) => (v === undefined || v === null ? -1 : tenthsOf(v));

/**
 * The 一企一策 plan of a frozen result as its report prints it (the level-consistent plan to the next level,
 * src/planning/level-plan.ts).
 */
export function planOf(a: Assessment): ConsistentPlan {
  const model = modelOrNotFound(a.modelId);
  return planLevelConsistent(
    planningInputFromAssessment(compiledFor(a.modelId, a.industry), a.result!.teamScores),
    model.planningEffort ? { effort: model.planningEffort } : {},
  );
}

/** The requirement ids of the plan of assessment `id`'s frozen result, in plan order (the demo acts on them). */
export async function planStepsOf(ctx: ServiceContext, caller: Caller, id: string): Promise<string[]> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  if (!a.result) return [];
  return planOf(a).steps.map((s) => s.requirementId);
}

export async function getComparison(ctx: ServiceContext, caller: Caller, id: string): Promise<Comparison> {
  const cur = (await authorizeAssessment(ctx, caller, id)).assessment;
  if (!canSeeTeamResult(cur, caller.actor))
    throw forbidden('the team’s result is visible to the enterprise once communicated', NOT_COMMUNICATED);
  if (!cur.result)
    throw new ServiceError(
      'INVALID_TRANSITION',
      `the comparison needs a frozen result (stage ${cur.stage})`,
      {
        params: { stage: cur.stage, rule: 'result_not_frozen' },
      },
    );
  const until = cur.seal?.at ?? cur.result.frozenAt;
  const earlier: Assessment[] = [];
  for (const row of await listEnterpriseResults(ctx.db, cur.enterpriseOrgId)) {
    if (row.assessment_id === cur.id || row.sealed_at >= until) continue;
    const a = (await readDocRaw(ctx.db, row.assessment_id))?.assessment;
    if (a?.result && a.seal && readable(a, caller)) earlier.push(a);
  }
  const results = [...earlier.map(compared), compared(cur)];
  const prev = earlier.at(-1);
  if (!prev) return { results };
  const [x, y] = [results.at(-2)!, results.at(-1)!];

  const before = gradesOnto(prev, cur);
  const after = cur.result.teamScores;
  const unitOf = new Map(
    compiledFor(cur.modelId, cur.industry).effective.domains.flatMap((d) =>
      d.units.flatMap((u) =>
        Object.values(u.levels).flatMap((l) => l.requirements.map((r) => [r.id, u.id] as const)),
      ),
    ),
  );
  const improved: GradeChange[] = [];
  const fell: GradeChange[] = [];
  for (const rid of cur.requirementIds) {
    const b = before[rid];
    const a = after[rid];
    const row = { requirementId: rid, unitId: unitOf.get(rid) ?? '', before: b ?? null, after: a ?? null };
    if (tenths(a) > tenths(b)) improved.push(row);
    else if (tenths(a) < tenths(b)) fell.push(row);
  }

  // The earlier result's plan to its next level, and what the later grades made of each step.
  const plan = planOf(prev);
  const mappedTo =
    prev.modelId === cur.modelId
      ? (rid: string) => rid
      : (() => {
          const m = mappingOf(diffModels(modelOrNotFound(prev.modelId), modelOrNotFound(cur.modelId)));
          const to = new Map(m.requirements.map((e) => [e.from, e.to]));
          return (rid: string) => (to.has(rid) ? to.get(rid)! : rid);
        })();
  const valueOfKey = (k: string) => gradeOfKey(k)!.value;
  const steps: PlanStepOutcome[] = plan.steps.map((s) => {
    const now = (() => {
      const to = mappedTo(s.requirementId);
      return to === null ? undefined : after[to];
    })();
    const from = valueOfKey(s.from);
    const goal = valueOfKey(s.to);
    const outcome: PlanStepOutcome['outcome'] =
      now === undefined
        ? 'not_comparable'
        : tenths(now) >= tenths(goal)
          ? 'achieved'
          : tenths(now) > tenths(from)
            ? 'improved'
            : 'not_achieved';
    return {
      requirementId: s.requirementId,
      unitName: s.unitName,
      level: s.level,
      from,
      to: goal,
      now: now ?? null,
      outcome,
    };
  });
  return {
    results,
    delta: {
      from: x.assessmentId,
      to: y.assessmentId,
      total: change('total', '总分', x.total, y.total),
      levels: y.levels
        .filter((l) => x.levels.some((p) => p.level === l.level))
        .map((l) => change(l.level, l.level, x.levels.find((p) => p.level === l.level)!.score, l.score)),
      domains: pairwise(x.domains, y.domains),
      units: pairwise(x.units, y.units),
      improved,
      fell,
      plan: {
        targetLevel: plan.steps.length > 0 ? plan.target : null,
        achieved: steps.filter((s) => s.outcome === 'achieved').length,
        steps,
      },
    },
  };
}

/** The comparison as the Word report's section prints it (src/reports/report-data.ts `ReportComparison`). */
export function reportComparisonOf(c: Comparison): ReportComparison | undefined {
  const d = c.delta;
  const prev = c.results.at(-2);
  const cur = c.results.at(-1);
  if (!d || !prev || !cur) return undefined;
  const row = (x: Change) => ({ name: x.name, before: x.before, after: x.after, delta: x.delta });
  const byDelta = [...d.units].sort((x, y) => Number(y.delta) - Number(x.delta));
  const date = chinaDate(prev.at).split('-').map(Number);
  const count = (o: PlanStepOutcome['outcome']) => d.plan.steps.filter((s) => s.outcome === o).length;
  return {
    previousDateZh: `${date[0]}年${date[1]}月${date[2]}日`,
    previous: { total: prev.total, conclusion: prev.conclusion },
    current: { total: cur.total, conclusion: cur.conclusion },
    total: row(d.total),
    levels: d.levels.map((l) => row({ ...l, name: `${l.name} 等级得分` })),
    domains: d.domains.map((x) => row({ ...x, name: `能力域：${x.name}` })),
    unitsUp: byDelta
      .filter((u) => u.trend === 'improved')
      .slice(0, 5)
      .map(row),
    unitsDown: byDelta
      .filter((u) => u.trend === 'fell')
      .reverse()
      .slice(0, 5)
      .map(row),
    requirements: { improved: d.improved.length, fell: d.fell.length },
    plan: {
      target:
        d.plan.targetLevel === null
          ? null
          : (LEVEL_ORDINALS[d.plan.targetLevel] ?? String(d.plan.targetLevel)),
      steps: d.plan.steps.length,
      achieved: count('achieved'),
      improved: count('improved'),
      notAchieved: count('not_achieved'),
    },
  };
}

const LEVEL_ORDINALS = ['未达一级', '一级', '二级', '三级', '四级', '五级'];
