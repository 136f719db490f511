/**
 * Strengths (优秀经验) and weaknesses (短板不足), computed from the unit × level and domain × level scores.
 *
 * - A unit's (or domain's) attained level is the highest L such that its scores at S1..L all pass the
 *   threshold (the level-met rule applied to the unit alone).
 * - Strengths: units and domains whose attained level is above the enterprise's conclusion c (they are
 *   ahead of the enterprise), ranked by attained level, then by their score at the next level up (progress
 *   beyond), then by weight. When no unit is ahead, those that attain c itself (c ≥ 1) are listed.
 * - Weaknesses: at the levels just above the conclusion (c+1 and c+2), the units and domains whose score does
 *   not pass the threshold, ranked by the weighted shortfall w·(1 − C) — what they cost the level score.
 */
import { LEVEL_CODES, type LevelCode } from '../model/types.js';
import { Rational } from '../exact/rational.js';
import { evaluate, passes, zeroByLevel, type IndexedInput } from './evaluate.js';
import type { Snapshot } from './types.js';

export interface ScoredEntity {
  kind: 'unit' | 'domain';
  id: string;
  name: string;
  domainId: string;
  domainName: string;
  weight: Rational;
  /** Score per level, 0..1 (C_{u,L} for a unit, B_{d,L} for a domain). */
  scores: Record<LevelCode, Rational>;
  /** Highest L with all of S1..L passing the threshold, 0 when S1 does not. */
  attained: number;
}

export interface Strength {
  entity: ScoredEntity;
  /** Chinese explanation with the numbers, e.g. 「S1–S3 得分均达到 0.8（S3 为 0.92）」. */
  reason: string;
}

export interface Weakness {
  entity: ScoredEntity;
  level: LevelCode;
  score: Rational;
  /** w · (1 − score): what the entity costs the level score S_L. */
  shortfall: Rational;
  reason: string;
}

export interface Insights {
  units: ScoredEntity[];
  domains: ScoredEntity[];
  strengths: { units: Strength[]; domains: Strength[] };
  weaknesses: { units: Weakness[]; domains: Weakness[] };
}

function attainedLevel(scores: Record<LevelCode, Rational>, ix: IndexedInput): number {
  let n = 0;
  for (const l of LEVEL_CODES) {
    if (!passes(scores[l], ix.input.policy)) break;
    n++;
  }
  return n;
}

/** Unit × level scores C_{u,L} (mean of grade scores; 0 for an empty cell) and domain × level scores. */
export function entityScores(ix: IndexedInput): { units: ScoredEntity[]; domains: ScoredEntity[] } {
  const sum = new Map<string, Record<LevelCode, Rational>>();
  const cnt = new Map<string, Record<LevelCode, number>>();
  for (const u of ix.input.units) {
    sum.set(u.id, zeroByLevel());
    cnt.set(u.id, { S1: 0, S2: 0, S3: 0, S4: 0, S5: 0 });
  }
  for (const r of ix.input.requirements) {
    const s = sum.get(r.unitId)!;
    s[r.level] = s[r.level].add(ix.gradeByKey.get(r.grade)!.score);
    cnt.get(r.unitId)![r.level]++;
  }
  const units: ScoredEntity[] = ix.input.units.map((u) => {
    const scores = zeroByLevel();
    for (const l of LEVEL_CODES) {
      const n = cnt.get(u.id)![l];
      scores[l] = n === 0 ? Rational.ZERO : sum.get(u.id)![l].div(Rational.of(n));
    }
    const domainName = ix.domainName.get(u.domainId)!;
    return {
      kind: 'unit',
      id: u.id,
      name: u.name,
      domainId: u.domainId,
      domainName,
      weight: u.weight,
      scores,
      attained: attainedLevel(scores, ix),
    };
  });
  const domains: ScoredEntity[] = [];
  for (const d of ix.input.domains) {
    const members = units.filter((u) => u.domainId === d.id);
    if (members.length === 0) continue;
    const weight = members.reduce((a, u) => a.add(u.weight), Rational.ZERO);
    const scores = zeroByLevel();
    for (const l of LEVEL_CODES) {
      let acc = Rational.ZERO;
      for (const u of members) acc = acc.add(u.weight.mul(u.scores[l]));
      scores[l] = weight.isZero() ? Rational.ZERO : acc.div(weight);
    }
    domains.push({
      kind: 'domain',
      id: d.id,
      name: d.name,
      domainId: d.id,
      domainName: d.name,
      weight,
      scores,
      attained: attainedLevel(scores, ix),
    });
  }
  return { units, domains };
}

function fmt(r: Rational): string {
  return r.toDecimalString(2);
}

function strengthsOf(
  entities: ScoredEntity[],
  conclusion: number,
  ix: IndexedInput,
  limit: number,
): Strength[] {
  const next = (e: ScoredEntity): Rational =>
    e.attained >= LEVEL_CODES.length ? Rational.ONE : e.scores[LEVEL_CODES[e.attained]!];
  const ranked = [...entities].sort(
    (a, b) => b.attained - a.attained || next(b).cmp(next(a)) || b.weight.cmp(a.weight),
  );
  let chosen = ranked.filter((e) => e.attained > conclusion);
  if (chosen.length === 0 && conclusion >= 1) chosen = ranked.filter((e) => e.attained === conclusion);
  const thr = fmt(ix.input.policy.threshold);
  return chosen.slice(0, limit).map((e) => {
    const top = LEVEL_CODES[e.attained - 1]!;
    const span = e.attained === 1 ? 'S1' : `S1–${top}`;
    let reason = `${span} 得分均达到 ${thr} 及以上（${top} 为 ${fmt(e.scores[top])}）`;
    if (e.attained < LEVEL_CODES.length) {
      const nl = LEVEL_CODES[e.attained]!;
      reason += `，${nl} 已得 ${fmt(e.scores[nl])}`;
    }
    if (e.attained > conclusion) reason += `，高于企业整体结论等级`;
    return { entity: e, reason };
  });
}

function weaknessesOf(
  entities: ScoredEntity[],
  conclusion: number,
  ix: IndexedInput,
  limit: number,
): Weakness[] {
  const out: Weakness[] = [];
  const levels = LEVEL_CODES.slice(conclusion, conclusion + 2);
  for (const level of levels) {
    const items = entities
      .filter((e) => !passes(e.scores[level], ix.input.policy) && !e.weight.isZero())
      .map((e) => ({
        entity: e,
        level,
        score: e.scores[level],
        shortfall: e.weight.mul(Rational.ONE.sub(e.scores[level])),
        reason: '',
      }))
      .sort((a, b) => b.shortfall.cmp(a.shortfall) || a.score.cmp(b.score));
    for (const w of items) {
      w.reason =
        `${level} 得分 ${fmt(w.score)}，低于 ${fmt(ix.input.policy.threshold)}；` +
        `权重 ${fmt(w.entity.weight.mul(Rational.of(100)))}%，使 ${level} 等级得分少 ${w.shortfall.toDecimalString(4)}`;
    }
    out.push(...items);
  }
  return out.slice(0, limit);
}

export function deriveInsights(
  ix: IndexedInput,
  options: { limit?: number; before?: Snapshot } = {},
): Insights {
  const limit = options.limit ?? 8;
  const before = options.before ?? evaluate(ix);
  const { units, domains } = entityScores(ix);
  return {
    units,
    domains,
    strengths: {
      units: strengthsOf(units, before.conclusion, ix, limit),
      domains: strengthsOf(domains, before.conclusion, ix, limit),
    },
    weaknesses: {
      units: weaknessesOf(units, before.conclusion, ix, limit),
      domains: weaknessesOf(domains, before.conclusion, ix, limit),
    },
  };
}
