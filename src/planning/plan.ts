/**
 * The improvement plan (一企一策): the smallest set of requirement improvements that lifts the conclusion to
 * the next level, and to the one after.
 *
 * Decisions
 * - A step raises one requirement to 全部满足. The objective is the number of requirements to improve; since
 *   level scores are non-decreasing in every grade, raising a requirement to full is never worse than to an
 *   intermediate grade, so allowing intermediate grades cannot make the set smaller (checked by a brute-force
 *   test over all grade assignments). Each step still reports the lowest grade that would suffice for it
 *   alone (`sufficientGrade`), as advice on effort.
 * - Among the sets of minimal size, the planner returns one with the largest resulting total (ties: the
 *   standard's order of requirements). Targets are planned independently: the plan for the level after next
 *   is not required to contain the plan for the next level.
 * - Unscored requirements are expected as `none` (不满足): the caller decides.
 *
 * Method (exact, optimal): the total is Σ_L f_L(S_L) with f_L non-decreasing in S_L (1 once S_L reaches the
 * threshold, S_L below — the jump makes a level near 0.8 worth more than its raw gain). For a given number k
 * of improvements at level L the best choice is the k largest gains at L (any other choice gives a smaller or
 * equal S_L, and f is monotone; with gating the "all lower levels met" flag is monotone too). So a dynamic
 * programme over the five levels, the number of improvements used and the gating flag, maximising the total,
 * finds the minimal count. All arithmetic is on integers scaled by the common denominator of every gain,
 * score, threshold and band bound, so comparisons are exact.
 */
import { LEVEL_CODES, type LevelCode } from '../model/types.js';
import { lcmBig, Rational } from '../exact/rational.js';
import { evaluate, indexInput, passes, type IndexedInput } from './evaluate.js';
import { scenarioOfDomain, SCENARIOS, type ScenarioDef } from './scenarios.js';
import type {
  GradeKey,
  ImprovementPlan,
  PlanGroup,
  PlanningInput,
  PlanningRequirement,
  PlanStep,
  PlanTarget,
  ScenarioStanding,
  Snapshot,
} from './types.js';

interface Candidate {
  req: PlanningRequirement;
  gain: Rational;
}

export interface PlanOptions {
  /** How many levels above the current conclusion to plan for (default 2: the next and the one after). */
  horizon?: number;
  /** Plan for this conclusion level only (instead of the horizon). */
  target?: number;
  scenarios?: readonly ScenarioDef[];
}

/** Candidates per level, sorted by gain descending then input order. */
function candidatesByLevel(ix: IndexedInput): Record<LevelCode, Candidate[]> {
  const out: Record<LevelCode, Candidate[]> = { S1: [], S2: [], S3: [], S4: [], S5: [] };
  for (const req of ix.input.requirements) {
    const g = ix.gradeByKey.get(req.grade)!;
    const gain = ix.coefficient.get(req.id)!.mul(ix.full.score.sub(g.score));
    if (gain.num <= 0n) continue;
    out[req.level].push({ req, gain });
  }
  for (const l of LEVEL_CODES) {
    out[l].sort((a, b) => b.gain.cmp(a.gain) || ix.order.get(a.req.id)! - ix.order.get(b.req.id)!);
  }
  return out;
}

interface Choice {
  k: number;
  prevFlag: number;
}

/**
 * Minimal-size improvement set reaching `target` (total ≥ target), or undefined when unreachable.
 * Exported for tests.
 */
export function minimalImprovementSet(ix: IndexedInput, target: Rational): PlanningRequirement[] | undefined {
  const policy = ix.input.policy;
  const before = evaluate(ix);
  const cands = candidatesByLevel(ix);
  // Common denominator D of everything compared or added.
  let D = lcmBig(policy.threshold.den, target.den);
  for (const ls of before.levels) D = lcmBig(D, ls.score.den);
  for (const l of LEVEL_CODES) for (const c of cands[l]) D = lcmBig(D, c.gain.den);
  const scale = (r: Rational): bigint => r.num * (D / r.den);
  const one = D;
  const thr = scale(policy.threshold);
  const targetInt = scale(target);
  const meets = (s: bigint): boolean => (policy.comparison === 'at-least' ? s >= thr : s > thr);

  const N = LEVEL_CODES.reduce((n, l) => n + cands[l].length, 0);
  // best[flag][K]: max total over the levels so far using exactly K improvements; flag = all levels so far met.
  let best: (bigint | null)[][] = [
    new Array<bigint | null>(N + 1).fill(null),
    new Array<bigint | null>(N + 1).fill(null),
  ];
  best[1]![0] = 0n;
  const choices: Choice[][][] = [];
  LEVEL_CODES.forEach((level, li) => {
    const s0 = scale(before.levels[li]!.score);
    const cs = cands[level];
    // Values for k = 0..kMax. Without gating nothing improves beyond the first k that meets the threshold; with
    // gating a level whose lower levels are unmet counts its raw score, which keeps growing.
    const vals: { value: bigint; passed: boolean }[] = [];
    let s = s0;
    for (let k = 0; k <= cs.length; k++) {
      if (k > 0) s += scale(cs[k - 1]!.gain);
      const passed = meets(s);
      vals.push({ value: s, passed });
      if (passed && !policy.gating) break;
    }
    const next: (bigint | null)[][] = [
      new Array<bigint | null>(N + 1).fill(null),
      new Array<bigint | null>(N + 1).fill(null),
    ];
    const choice: Choice[][] = [[], []];
    for (let flag = 0; flag <= 1; flag++) {
      for (let K = 0; K <= N; K++) {
        const b = best[flag]![K];
        if (b === null || b === undefined) continue;
        for (let k = 0; k < vals.length && K + k <= N; k++) {
          const v = vals[k]!;
          const met = policy.gating ? flag === 1 && v.passed : v.passed;
          const nf = flag === 1 && v.passed ? 1 : 0;
          const t = b + (met ? one : v.value);
          const cur = next[nf]![K + k];
          // Ties: fewer improvements at this (higher) level, i.e. improve the lower levels first.
          if (cur === null || cur === undefined || t > cur || (t === cur && k < choice[nf]![K + k]!.k)) {
            next[nf]![K + k] = t;
            choice[nf]![K + k] = { k, prevFlag: flag };
          }
        }
      }
    }
    best = next;
    choices.push(choice);
  });
  for (let K = 0; K <= N; K++) {
    // Prefer the flag state with the larger total (ties: flag 1).
    let flag = -1;
    let value: bigint | null = null;
    for (const f of [1, 0]) {
      const v = best[f]![K];
      if (v !== null && v !== undefined && (value === null || v > value)) {
        value = v;
        flag = f;
      }
    }
    if (value === null || value < targetInt) continue;
    const picked: PlanningRequirement[] = [];
    let k = K;
    for (let li = LEVEL_CODES.length - 1; li >= 0; li--) {
      const c = choices[li]![flag]![k]!;
      for (const cand of cands[LEVEL_CODES[li]!].slice(0, c.k)) picked.push(cand.req);
      k -= c.k;
      flag = c.prevFlag;
    }
    return picked;
  }
  return undefined;
}

function gradeOrderIndex(ix: IndexedInput, key: GradeKey): number {
  return ix.gradesAscending.findIndex((g) => g.key === key);
}

function buildSteps(
  ix: IndexedInput,
  picked: PlanningRequirement[],
  target: Rational,
  scenarios: readonly ScenarioDef[],
): PlanStep[] {
  const fullKey = ix.full.key;
  const items = picked.map((req) => {
    const g = ix.gradeByKey.get(req.grade)!;
    return { req, gain: ix.coefficient.get(req.id)!.mul(ix.full.score.sub(g.score)) };
  });
  items.sort(
    (a, b) =>
      b.gain.cmp(a.gain) ||
      LEVEL_CODES.indexOf(a.req.level) - LEVEL_CODES.indexOf(b.req.level) ||
      ix.order.get(a.req.id)! - ix.order.get(b.req.id)!,
  );
  const allFull = new Map<string, GradeKey>(picked.map((r) => [r.id, fullKey]));
  const overrides = new Map<string, GradeKey>();
  let prev = evaluate(ix);
  return items.map(({ req, gain }, i) => {
    overrides.set(req.id, fullKey);
    const after = evaluate(ix, overrides);
    const totalDelta = after.total.sub(prev.total);
    prev = after;
    // Lowest grade that still reaches the target for this step alone.
    let sufficientGrade: GradeKey = fullKey;
    const fromIdx = gradeOrderIndex(ix, req.grade);
    for (const g of ix.gradesAscending.slice(fromIdx + 1)) {
      const trial = new Map(allFull);
      trial.set(req.id, g.key);
      if (evaluate(ix, trial).total.ge(target)) {
        sufficientGrade = g.key;
        break;
      }
    }
    const unit = ix.unitById.get(req.unitId)!;
    const scenario = scenarioOfDomain(unit.domainId, scenarios);
    return {
      rank: i + 1,
      requirementId: req.id,
      unitId: unit.id,
      unitName: unit.name,
      domainId: unit.domainId,
      domainName: ix.domainName.get(unit.domainId)!,
      scenarioId: scenario.id,
      scenarioName: scenario.name,
      level: req.level,
      seq: req.seq,
      text: req.text,
      from: req.grade,
      to: fullKey,
      gain,
      sufficientGrade,
      after,
      totalDelta,
    };
  });
}

function group(
  steps: PlanStep[],
  keyOf: (s: PlanStep) => { id: string; name: string },
  order: string[],
): PlanGroup[] {
  const groups = new Map<string, PlanGroup>();
  for (const s of steps) {
    const { id, name } = keyOf(s);
    let g = groups.get(id);
    if (!g) {
      g = { id, name, stepCount: 0, gainByLevel: {}, requirementIds: [] };
      groups.set(id, g);
    }
    g.stepCount++;
    g.gainByLevel[s.level] = (g.gainByLevel[s.level] ?? Rational.ZERO).add(s.gain);
    g.requirementIds.push(s.requirementId);
  }
  return [...groups.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

function planTarget(
  ix: IndexedInput,
  before: Snapshot,
  level: number,
  scenarios: readonly ScenarioDef[],
): PlanTarget {
  const band = ix.bandsAscending.find((b) => b.level === level)!;
  const picked = minimalImprovementSet(ix, band.min);
  const steps = picked ? buildSteps(ix, picked, band.min, scenarios) : [];
  const after = steps.length > 0 ? steps[steps.length - 1]!.after : before;
  return {
    level,
    ordinal: band.ordinal,
    name: band.name,
    min: band.min,
    reachable: picked !== undefined,
    steps,
    before,
    after,
    byLevel: group(steps, (s) => ({ id: s.level, name: s.level }), [...LEVEL_CODES]),
    byDomain: group(
      steps,
      (s) => ({ id: s.domainId, name: s.domainName }),
      ix.input.domains.map((d) => d.id),
    ),
    byScenario: group(
      steps,
      (s) => ({ id: s.scenarioId, name: s.scenarioName }),
      scenarios.map((s) => s.id),
    ),
  };
}

/** Each scenario's weight and contribution to the level scores. */
export function scenarioStandings(
  ix: IndexedInput,
  scenarios: readonly ScenarioDef[] = SCENARIOS,
): ScenarioStanding[] {
  const zero = (): Record<LevelCode, Rational> => ({
    S1: Rational.ZERO,
    S2: Rational.ZERO,
    S3: Rational.ZERO,
    S4: Rational.ZERO,
    S5: Rational.ZERO,
  });
  const out = scenarios.map((s) => ({
    id: s.id,
    name: s.name,
    nameEn: s.nameEn,
    domainIds: [...s.domainIds],
    weight: Rational.ZERO,
    contribution: zero(),
    score: zero(),
  }));
  for (const u of ix.input.units) {
    const s = out.find((x) => x.domainIds.includes(u.domainId));
    if (!s) throw new Error(`planning: domain ${u.domainId} belongs to no scenario`);
    s.weight = s.weight.add(u.weight);
  }
  for (const r of ix.input.requirements) {
    const u = ix.unitById.get(r.unitId)!;
    const s = out.find((x) => x.domainIds.includes(u.domainId))!;
    const g = ix.gradeByKey.get(r.grade)!;
    s.contribution[r.level] = s.contribution[r.level].add(ix.coefficient.get(r.id)!.mul(g.score));
  }
  for (const s of out) {
    for (const l of LEVEL_CODES)
      s.score[l] = s.weight.isZero() ? Rational.ZERO : s.contribution[l].div(s.weight);
  }
  return out.filter((s) => ix.input.units.some((u) => s.domainIds.includes(u.domainId)));
}

/** The improvement plan for the next `horizon` conclusion levels. */
export function planImprovements(input: PlanningInput, options: PlanOptions = {}): ImprovementPlan {
  const ix = indexInput(input);
  const scenarios = options.scenarios ?? SCENARIOS;
  const horizon = options.horizon ?? 2;
  const before = evaluate(ix);
  const targets: PlanTarget[] = [];
  for (const band of ix.bandsAscending) {
    const wanted =
      options.target !== undefined
        ? band.level === options.target && band.level > before.conclusion
        : band.level > before.conclusion && band.level <= before.conclusion + horizon;
    if (wanted) {
      targets.push(planTarget(ix, before, band.level, scenarios));
    }
  }
  return { before, targets, scenarios: scenarioStandings(ix, scenarios) };
}

export { passes };
