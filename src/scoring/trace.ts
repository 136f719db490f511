/**
 * The trace: every number of a result explained, from the reference evaluator (`referenceScore`, literal
 * formulas on bigint rationals), and cross-checked against the compiled numbers — a disagreement is an
 * INTERNAL ScoringError (a bug), never a silently different explanation.
 */
import { Rational } from '../exact/rational.js';
import { ScoringError } from './errors.js';
import { toExact } from './numbers.js';
import { referenceScore, type RefResult } from './reference.js';
import type { CompiledScoring, Exact, ScoreResult, Trace } from './types.js';

function sameExact(a: Exact | null, r: Rational | null): boolean {
  if (a === null || r === null) return a === r;
  return BigInt(a.num) === r.num && BigInt(a.den) === r.den;
}

/** Trace from the reference evaluator; checks it against the compiled numbers. */
export function buildTrace(compiled: CompiledScoring, tenths: ArrayLike<number>, result: ScoreResult): Trace {
  const c = compiled.c;
  const tenth = Rational.of(1, 10);
  const ref: RefResult = referenceScore(compiled.effective, (id) => {
    const t = tenths[compiled.index.get(id)!];
    return t === undefined || t === null || t < 0 || Number.isNaN(t) ? null : Rational.of(t).mul(tenth);
  });
  const fail = (what: string): never => {
    throw new ScoringError('INTERNAL', `trace disagrees with the compiled engine on ${what}`);
  };
  const d = c.digits;
  const fmt = (r: Rational): string =>
    r.isInteger() ? r.toFractionString() : `${r.toFractionString()} ≈ ${r.toDecimalString(d)}`;

  const unitById = new Map(result.units.map((u) => [u.id, u]));
  const domainById = new Map(result.domains.map((x) => [x.id, x]));
  const units: Trace['units'] = ref.units.map((cell) => {
    if (!sameExact(unitById.get(cell.unitId)!.levels[cell.level], cell.mean))
      fail(`C(${cell.unitId}, ${cell.level})`);
    const reqs = cell.requirements.map((r) => ({
      id: r.id,
      score:
        r.score === null
          ? null
          : (c.gradeText[Number(r.score.mul(Rational.of(10)).num)] ?? r.score.toFractionString()),
    }));
    const n = reqs.length;
    return {
      unitId: cell.unitId,
      level: cell.level,
      requirements: reqs,
      n,
      sum: toExact(c, cell.sum),
      mean: cell.mean === null ? null : toExact(c, cell.mean),
      formula:
        cell.mean === null
          ? 'C undefined: no requirement at this level'
          : `C = (${reqs.map((r) => r.score ?? '0[missing]').join(' + ')}) / ${n} = ${fmt(cell.mean)}`,
    };
  });
  const domains: Trace['domains'] = ref.domains.map((cell) => {
    if (!sameExact(domainById.get(cell.domainId)!.levels[cell.level], cell.value)) {
      fail(`B(${cell.domainId}, ${cell.level})`);
    }
    return {
      domainId: cell.domainId,
      level: cell.level,
      terms: cell.terms.map((t) => ({
        id: t.id,
        weight: toExact(c, t.weight),
        value: toExact(c, t.value),
        product: toExact(c, t.product),
      })),
      value: cell.value === null ? null : toExact(c, cell.value),
      formula:
        cell.value === null
          ? 'B undefined: no unit with requirements at this level'
          : `B = ${cell.terms.map((t) => `${t.weight.toFractionString()}·${t.value.toFractionString()}`).join(' + ')} = ${fmt(cell.value)}`,
    };
  });
  const threshold = compiled.policy.levelMetThreshold;
  const cmp = compiled.policy.levelMetComparison === 'at-least' ? '≥' : '>';
  const levels: Trace['levels'] = ref.levels.map((lv, l) => {
    const fast = result.levels[l]!;
    if (!sameExact(fast.score, lv.value) || fast.met !== lv.metByThreshold || fast.counted !== lv.counted) {
      fail(`L(${lv.level})`);
    }
    return {
      level: lv.level,
      terms: lv.terms.map((t) => ({
        id: t.id,
        weight: toExact(c, t.weight),
        value: toExact(c, t.value),
        product: toExact(c, t.product),
      })),
      value: toExact(c, lv.value),
      threshold,
      comparison: compiled.policy.levelMetComparison,
      met: lv.metByThreshold,
      lowerUnmet: lv.lowerUnmet,
      counted: lv.counted,
      contribution: toExact(c, lv.contribution),
      formula:
        `L = ${lv.terms.map((t) => `${t.weight.toFractionString()}·${t.value.toFractionString()}`).join(' + ')} = ${fmt(lv.value)}; ` +
        `${lv.metByThreshold ? 'met' : 'not met'} (L ${cmp} ${threshold} is ${lv.metByThreshold})` +
        (lv.metByThreshold && lv.lowerUnmet
          ? compiled.policy.gating
            ? '; a lower level is unmet: gating on, not counted'
            : '; flagged: a lower level is unmet (gating off, counted)'
          : '') +
        `; contributes ${fmt(lv.contribution)}`,
    };
  });
  if (!sameExact(result.total, ref.total)) fail('S');
  if ((ref.band?.level ?? 0) !== result.conclusion.level) fail('the conclusion');
  return {
    units,
    domains,
    levels,
    total: {
      terms: ref.levels.map((lv) => ({
        level: lv.level,
        counted: lv.counted,
        contribution: toExact(c, lv.contribution),
      })),
      value: toExact(c, ref.total),
      formula: `S = ${ref.levels.map((lv) => lv.contribution.toFractionString()).join(' + ')} = ${fmt(ref.total)}`,
    },
    conclusion: result.conclusion.belowLevel1
      ? `${result.conclusion.name} (${result.conclusion.interval})`
      : `${result.conclusion.ordinal} ${result.conclusion.name} (${result.conclusion.interval})`,
  };
}
