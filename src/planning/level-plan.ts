/**
 * The level-consistent improvement plan (一企一策, default mode): to claim level k, every level 1…k is met
 * (its level score reaches the threshold, 0.8) — then the total is at least k and falls in the band of k or
 * above. The formula-minimal plan of plan.ts (fewest requirements raised to 全部满足 so that the *sum* reaches a
 * band, whatever the levels) stays available as the clearly labelled option `mode: 'formula'`.
 *
 * Decisions
 * - A step raises one requirement from its grade to a higher one: to 大部分满足 where that suffices, else to
 *   全部满足. Each step costs effort points from `planning-effort.json` (levelFactor[level] × the difference of
 *   gradeEffort between the two grades; a requirement may override its level factor; the enterprise's size may
 *   change the factors). The plan minimises the total effort; among plans of equal effort it takes the largest
 *   gain. Levels are independent (a requirement belongs to one level), so the plan for level k+1 is the plan for
 *   k plus the cheapest set for level k+1: the plans are nested, and their levels become the terms 近期 / 中期 /
 *   远期 (the first target level, the next, the rest).
 * - Per level the problem is a multiple-choice covering knapsack: minimise Σ effort with Σ gain ≥ θ − S_L
 *   (> for the `greater-than` policy). Exact: gains are scaled to integers by their common denominator
 *   (bigint), efforts are small integers; a dynamic programme over effort (bounded by a greedy solution's effort)
 *   keeps the largest gain per effort; the smallest effort whose gain covers the deficit is optimal. Checked
 *   against brute force over every grade assignment on small inputs (level-plan.test.ts).
 * - Measures: the steps of one sub-domain at one level form a measure (e.g. "研发管理 S3: 3 条要求"); the report
 *   shows headline measures per term (quota in the effort data, ≤ 15 in all) and every step in an appendix.
 */
import { LEVEL_CODES, type EnterpriseSize, type LevelCode, type PlanningEffortData } from '../model/types.js';
import { lcmBig, Rational } from '../exact/rational.js';
import { evaluate, indexInput, passes, snapshotFromLevelScores, type IndexedInput } from './evaluate.js';
import { entityScores } from './insights.js';
import { scenarioStandings } from './plan.js';
import { scenarioOfDomain, SCENARIOS, type ScenarioDef } from './scenarios.js';
import type { GradeKey, PlanningInput, PlanningRequirement, ScenarioStanding, Snapshot } from './types.js';

/** What is known about the enterprise (§4.6.4: 规模、细分行业特性、发展阶段). Every field optional. */
export interface EnterpriseProfile {
  size?: EnterpriseSize;
  /** Sub-sector, e.g. 铜冶炼 (used where `planning-effort.json` has factors for it; none yet). */
  subSector?: string;
  /** Free text (stage of development, products, capacity). */
  description?: string;
}

/**
 * Fallback when a model version has no planning-effort.json: the same numbers as the file of
 * nfm-dtmm-2024-draft (see its rationale).
 */
export const FALLBACK_EFFORT: PlanningEffortData = {
  rationale: 'fallback: level factors 1, 2, 3, 5, 8; grade efforts 0, 4, 7, 10',
  levelFactor: { S1: 1, S2: 2, S3: 3, S4: 5, S5: 8 },
  gradeEffort: { none: 0, partly: 4, mostly: 7, full: 10 },
  sizes: {},
  requirements: {},
  subSectors: {},
  terms: [
    { id: 'near', name: '近期', nameEn: 'Near term', horizon: '1 年内' },
    { id: 'mid', name: '中期', nameEn: 'Mid term', horizon: '1–3 年' },
    { id: 'long', name: '远期', nameEn: 'Long term', horizon: '3 年以上' },
  ],
  headlineQuota: [7, 5, 3],
};

export interface LevelPlanOptions {
  /** Plan up to this conclusion level (default: attained + horizon, at most 5). */
  target?: number;
  /** Levels beyond the level-consistent one to plan for when no target is given (default 3). */
  horizon?: number;
  effort?: PlanningEffortData;
  profile?: EnterpriseProfile;
  scenarios?: readonly ScenarioDef[];
}

export interface EffortTable {
  levelFactor: Record<LevelCode, number>;
  gradeEffort: Record<GradeKey, number>;
  requirements: Record<string, number>;
  /** How the profile changed the defaults (Chinese, for the report). */
  adaptations: string[];
}

export interface LevelPlanStep {
  /** 1-based, in plan order: term, scenario, gain (descending), standard order. */
  rank: number;
  requirementId: string;
  unitId: string;
  unitName: string;
  domainId: string;
  domainName: string;
  scenarioId: string;
  scenarioName: string;
  level: LevelCode;
  seq: number;
  label?: string;
  text: string;
  /** Display form (equals `text` when the model has none). */
  display: string;
  from: GradeKey;
  to: GradeKey;
  /** ΔS_level, exact. */
  gain: Rational;
  effort: number;
  term: string;
  /** State after steps 1..rank. */
  after: Snapshot;
  totalDelta: Rational;
}

export interface PlanMeasure {
  /** `${level}:${unitId}` */
  id: string;
  term: string;
  level: LevelCode;
  unitId: string;
  unitName: string;
  domainId: string;
  domainName: string;
  scenarioId: string;
  scenarioName: string;
  requirementIds: string[];
  stepCount: number;
  /** Steps that stop at a grade below 全部满足. */
  partialCount: number;
  gain: Rational;
  effort: number;
  /** The unit's score C at this level before and after the measure. */
  before: Rational;
  after: Rational;
  headline: boolean;
}

export interface LevelTarget {
  level: number;
  ordinal: string;
  name: string;
  term: string;
  /** False when even 全部满足 everywhere leaves some level 1…level below the threshold. */
  reachable: boolean;
  /** Levels of 1…level not met before the plan. */
  levelsToMeet: LevelCode[];
  /** Steps of this level (the cumulative plan to claim `level` is the steps of every target up to it). */
  stepCount: number;
  effort: number;
  /** State after the steps of every target up to this one. */
  after: Snapshot;
}

export interface PlanTerm {
  id: string;
  name: string;
  nameEn: string;
  horizon: string;
  levels: number[];
}

export interface ConsistentPlan {
  mode: 'level';
  before: Snapshot;
  /** Highest k with levels 1…k all met (0: S1 not met). */
  attained: number;
  /** Table 3 conclusion of the total (may be above `attained`). */
  conclusion: number;
  target: number;
  targets: LevelTarget[];
  terms: PlanTerm[];
  steps: LevelPlanStep[];
  measures: PlanMeasure[];
  scenarios: ScenarioStanding[];
  effortTable: EffortTable;
  profile?: EnterpriseProfile;
}

/** The effort table for a profile: the defaults, changed by the size and sub-sector entries that exist. */
export function effortTable(effort: PlanningEffortData, profile?: EnterpriseProfile): EffortTable {
  const levelFactor = { ...effort.levelFactor };
  const gradeEffort = { ...effort.gradeEffort };
  const adaptations: string[] = [];
  const size = profile?.size ? effort.sizes[profile.size] : undefined;
  if (size) {
    Object.assign(levelFactor, size.levelFactor ?? {});
    Object.assign(gradeEffort, size.gradeEffort ?? {});
    if (size.levelFactor || size.gradeEffort) adaptations.push(`size:${profile!.size}`);
  }
  const sub = profile?.subSector ? effort.subSectors[profile.subSector] : undefined;
  if (sub?.levelFactor) {
    Object.assign(levelFactor, sub.levelFactor);
    adaptations.push(`subSector:${profile!.subSector}`);
  }
  return { levelFactor, gradeEffort, requirements: { ...effort.requirements }, adaptations };
}

/** Effort points of raising `req` from `from` to `to`. */
export function stepEffort(
  table: EffortTable,
  req: PlanningRequirement,
  from: GradeKey,
  to: GradeKey,
): number {
  const factor = table.requirements[req.id] ?? table.levelFactor[req.level];
  return factor * (table.gradeEffort[to] - table.gradeEffort[from]);
}

interface Option {
  to: GradeKey;
  gain: Rational;
  cost: number;
}

interface Choice {
  req: PlanningRequirement;
  to: GradeKey;
  gain: Rational;
  effort: number;
}

/**
 * The cheapest set of grade raises at `level` that makes the level score pass the threshold: [] when it passes
 * already, undefined when even 全部满足 everywhere does not. Exported for the tests.
 */
export function cheapestForLevel(
  ix: IndexedInput,
  level: LevelCode,
  table: EffortTable,
  score: Rational = evaluate(ix).levels[LEVEL_CODES.indexOf(level)]!.score,
): Choice[] | undefined {
  const policy = ix.input.policy;
  if (passes(score, policy)) return [];
  const items: { req: PlanningRequirement; options: Option[] }[] = [];
  for (const req of ix.input.requirements) {
    if (req.level !== level) continue;
    const cur = ix.gradeByKey.get(req.grade)!;
    const coef = ix.coefficient.get(req.id)!;
    const options: Option[] = [];
    for (const g of ix.gradesAscending) {
      if (g.score.le(cur.score)) continue;
      const cost = stepEffort(table, req, req.grade, g.key);
      const gain = coef.mul(g.score.sub(cur.score));
      if (gain.num <= 0n) continue;
      // A higher grade that costs no more dominates a lower one.
      for (let i = options.length - 1; i >= 0; i--) if (options[i]!.cost >= cost) options.splice(i, 1);
      options.push({ to: g.key, gain, cost: Math.max(0, cost) });
    }
    if (options.length > 0) items.push({ req, options });
  }
  // Scale: gains and the deficit to integers (common denominator), costs divided by their gcd.
  const deficit = policy.threshold.sub(score);
  let D = deficit.den;
  for (const it of items) for (const o of it.options) D = lcmBig(D, o.gain.den);
  const scale = (r: Rational): bigint => r.num * (D / r.den);
  // 'greater-than': the gain must exceed the deficit (integers: by at least one unit).
  const need = scale(deficit) + (policy.comparison === 'greater-than' ? 1n : 0n);
  const full = items.reduce((a, it) => a + scale(it.options[it.options.length - 1]!.gain), 0n);
  if (full < need) return undefined;
  let g = 0;
  for (const it of items) for (const o of it.options) g = gcd(g, o.cost);
  g = Math.max(g, 1);
  const cost = (o: Option): number => o.cost / g;
  // Upper bound on the optimal effort: greedy on gain per effort with the highest option of each item.
  const greedy = items
    .map((it) => it.options[it.options.length - 1]!)
    .sort((a, b) => b.gain.toNumber() * cost(a) - a.gain.toNumber() * cost(b) || 0);
  let bound = 0;
  let got = 0n;
  for (const o of greedy) {
    if (got >= need) break;
    got += scale(o.gain);
    bound += cost(o);
  }
  // dp[c] = largest scaled gain with effort ≤ c over the items so far; pick[i][c] = option taken (0 = none).
  let dp: bigint[] = new Array<bigint>(bound + 1).fill(0n);
  const pick: Uint8Array[] = [];
  for (const it of items) {
    const next = dp.slice();
    const p = new Uint8Array(bound + 1);
    it.options.forEach((o, oi) => {
      const c0 = cost(o);
      const gv = scale(o.gain);
      for (let c = bound; c >= c0; c--) {
        const v = dp[c - c0]! + gv;
        if (v > next[c]!) {
          next[c] = v;
          p[c] = oi + 1;
        }
      }
    });
    dp = next;
    pick.push(p);
  }
  let c = dp.findIndex((v) => v >= need);
  if (c < 0) throw new Error(`planning: no plan within the greedy bound at ${level}`);
  const chosen: Choice[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const oi = pick[i]![c]!;
    if (oi === 0) continue;
    const o = items[i]!.options[oi - 1]!;
    chosen.push({ req: items[i]!.req, to: o.to, gain: o.gain, effort: o.cost });
    c -= cost(o);
  }
  return chosen.reverse();
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return Math.abs(a);
}

/** Highest k with levels 1…k all met. */
export function attainedLevel(s: Snapshot): number {
  let k = 0;
  for (const l of s.levels) {
    if (!l.thresholdMet) break;
    k++;
  }
  return k;
}

/** The level-consistent plan (see the file comment). */
export function planLevelConsistent(input: PlanningInput, options: LevelPlanOptions = {}): ConsistentPlan {
  const ix = indexInput(input);
  const scenarios = options.scenarios ?? SCENARIOS;
  const effort = options.effort ?? FALLBACK_EFFORT;
  const table = effortTable(effort, options.profile);
  const before = evaluate(ix);
  const attained = attainedLevel(before);
  const maxLevel = ix.bandsAscending[ix.bandsAscending.length - 1]?.level ?? 5;
  const target = Math.min(maxLevel, options.target ?? attained + (options.horizon ?? 3));
  const terms: PlanTerm[] = effort.terms.map((t) => ({ ...t, levels: [] }));
  const termOf = (level: number): PlanTerm => terms[Math.min(level - attained - 1, terms.length - 1)]!;

  const scores = Object.fromEntries(before.levels.map((l) => [l.level, l.score])) as Record<
    LevelCode,
    Rational
  >;
  const counts = new Map<string, number>();
  for (const r of input.requirements)
    counts.set(`${r.unitId}|${r.level}`, (counts.get(`${r.unitId}|${r.level}`) ?? 0) + 1);

  const targets: LevelTarget[] = [];
  const raw: (Choice & { term: string })[] = [];
  let allReachable = true;
  for (let k = attained + 1; k <= target; k++) {
    const level = LEVEL_CODES[k - 1]!;
    const band = ix.bandsAscending.find((b) => b.level === k)!;
    const term = termOf(k);
    term.levels.push(k);
    const chosen = cheapestForLevel(ix, level, table, before.levels[k - 1]!.score);
    allReachable &&= chosen !== undefined;
    for (const c of chosen ?? []) raw.push({ ...c, term: term.id });
    targets.push({
      level: k,
      ordinal: band.ordinal,
      name: band.name,
      term: term.id,
      reachable: allReachable,
      levelsToMeet: LEVEL_CODES.slice(0, k).filter((_, i) => !before.levels[i]!.thresholdMet),
      stepCount: chosen?.length ?? 0,
      effort: (chosen ?? []).reduce((a, c) => a + c.effort, 0),
      after: before,
    });
  }

  // Order: term, scenario, gain (descending), standard order.
  const termIndex = new Map(terms.map((t, i) => [t.id, i] as const));
  const scenarioIndex = new Map(scenarios.map((s, i) => [s.id, i] as const));
  const scenarioOf = (req: PlanningRequirement) =>
    scenarioOfDomain(ix.unitById.get(req.unitId)!.domainId, scenarios);
  raw.sort(
    (a, b) =>
      termIndex.get(a.term)! - termIndex.get(b.term)! ||
      LEVEL_CODES.indexOf(a.req.level) - LEVEL_CODES.indexOf(b.req.level) ||
      scenarioIndex.get(scenarioOf(a.req).id)! - scenarioIndex.get(scenarioOf(b.req).id)! ||
      b.gain.cmp(a.gain) ||
      ix.order.get(a.req.id)! - ix.order.get(b.req.id)!,
  );
  let prev = before;
  const steps: LevelPlanStep[] = raw.map((c, i) => {
    scores[c.req.level] = scores[c.req.level].add(c.gain);
    const after = snapshotFromLevelScores({ ...scores }, input.policy, ix.bandsAscending);
    const unit = ix.unitById.get(c.req.unitId)!;
    const scenario = scenarioOf(c.req);
    const step: LevelPlanStep = {
      rank: i + 1,
      requirementId: c.req.id,
      unitId: unit.id,
      unitName: unit.name,
      domainId: unit.domainId,
      domainName: ix.domainName.get(unit.domainId)!,
      scenarioId: scenario.id,
      scenarioName: scenario.name,
      level: c.req.level,
      seq: c.req.seq,
      ...(c.req.label !== undefined ? { label: c.req.label } : {}),
      text: c.req.text,
      display: c.req.display ?? c.req.text,
      from: c.req.grade,
      to: c.to,
      gain: c.gain,
      effort: c.effort,
      term: c.term,
      after,
      totalDelta: after.total.sub(prev.total),
    };
    prev = after;
    return step;
  });
  for (const t of targets) {
    const last = [...steps].reverse().find((s) => LEVEL_CODES.indexOf(s.level) + 1 <= t.level);
    t.after = last?.after ?? before;
  }

  // Measures: the steps of one unit at one level.
  const unitScores = new Map(entityScores(ix).units.map((u) => [u.id, u.scores] as const));
  const byKey = new Map<string, PlanMeasure>();
  for (const s of steps) {
    const id = `${s.level}:${s.unitId}`;
    let m = byKey.get(id);
    if (!m) {
      const c0 = unitScores.get(s.unitId)![s.level];
      m = {
        id,
        term: s.term,
        level: s.level,
        unitId: s.unitId,
        unitName: s.unitName,
        domainId: s.domainId,
        domainName: s.domainName,
        scenarioId: s.scenarioId,
        scenarioName: s.scenarioName,
        requirementIds: [],
        stepCount: 0,
        partialCount: 0,
        gain: Rational.ZERO,
        effort: 0,
        before: c0,
        after: c0,
        headline: false,
      };
      byKey.set(id, m);
    }
    m.requirementIds.push(s.requirementId);
    m.stepCount++;
    if (s.to !== ix.full.key) m.partialCount++;
    m.gain = m.gain.add(s.gain);
    m.effort += s.effort;
    const n = counts.get(`${s.unitId}|${s.level}`)!;
    const d = ix.gradeByKey.get(s.to)!.score.sub(ix.gradeByKey.get(s.from)!.score);
    m.after = m.after.add(d.div(Rational.of(n)));
  }
  const measures = [...byKey.values()];
  // Headline measures: per term, the largest gains, up to the term's quota (unused quota carries over).
  let carry = 0;
  terms.forEach((t, i) => {
    const quota = (effort.headlineQuota[i] ?? 0) + carry;
    const ofTerm = measures
      .filter((m) => m.term === t.id)
      .sort((a, b) => b.gain.cmp(a.gain) || a.effort - b.effort);
    ofTerm.slice(0, quota).forEach((m) => (m.headline = true));
    carry = Math.max(0, quota - ofTerm.length);
  });
  measures.sort(
    (a, b) =>
      termIndex.get(a.term)! - termIndex.get(b.term)! ||
      LEVEL_CODES.indexOf(a.level) - LEVEL_CODES.indexOf(b.level) ||
      scenarioIndex.get(a.scenarioId)! - scenarioIndex.get(b.scenarioId)! ||
      b.gain.cmp(a.gain),
  );

  return {
    mode: 'level',
    before,
    attained,
    conclusion: before.conclusion,
    target,
    targets,
    terms: terms.filter((t) => t.levels.length > 0),
    steps,
    measures,
    scenarios: scenarioStandings(ix, scenarios),
    effortTable: table,
    ...(options.profile ? { profile: options.profile } : {}),
  };
}
