/**
 * The effective model of one industry: the scoring units (Appendix A rows + that industry's Appendix B rows),
 * grouped by Table 1 domain, with exact rescaled weights.
 *
 * Weights (all exact, in percent of the Table 1 total, i.e. they always sum to the Table 1 total = 100):
 * - A unit (appendix row) carries the sum of the Table 1 weights of the sub-domains it `covers`.
 * - A Table 1 sub-domain covered by no unit of the industry is dropped; its weight is re-distributed by the
 *   policy `weightRescaling`, as a cascade of stages, each spreading lost weight pro rata over the remaining
 *   (present) sub-domains of a group:
 *     within-domain: domain → indicator type → all      (default; a domain keeps its Table 1 weight)
 *     within-type:   indicator type → all              (common stays 30 %, industry 70 %)
 *     global:        all                               (plain renormalisation)
 *   Weight that finds no present sub-domain in its group (e.g. a whole domain without units) falls through to
 *   the next, broader stage.
 * - α (domain) = domain weight / total; β (unit) = unit weight / its domain's weight. So Σα = 1, Σβ = 1 per domain.
 * - A unit × level cell without requirements (none in the standard, handled for robustness) cannot have a mean:
 *   for that level the unit is treated as absent and the same cascade re-distributes its weight, giving
 *   per-level weights (`levels[code]`); where no cell is empty they equal the base weights.
 *
 * Pure: no I/O.
 */
import { ScoringError } from './errors.js';
import { Rational, sumRationals } from '../exact/rational.js';
import {
  INDUSTRIES,
  LEVEL_CODES,
  type AppendixRow,
  type IndicatorType,
  type IndustryId,
  type LevelBand,
  type LevelCode,
  type Requirement,
  type ScoringPolicy,
  type StandardModel,
  type WeightRescaling,
} from './types.js';

export type RescaleStage = 'within-domain' | 'within-type' | 'global';

export interface RescaleStep {
  stage: RescaleStage;
  /** Domain id, indicator type, or `all`. */
  group: string;
  /** Ids of the dropped sub-domains (or unit ids, for an empty cell) whose weight is absorbed here. */
  from: string[];
  /** Weight of the present sub-domains of the group before the step (percent). */
  presentPercent: Rational;
  /** Lost weight absorbed (percent). */
  absorbedPercent: Rational;
  /** Multiplier applied to every present sub-domain of the group: (present + absorbed) / present. */
  factor: Rational;
}

export interface EffectiveRescaling {
  policy: WeightRescaling;
  /** Stages actually available to the policy, in cascade order. */
  cascade: RescaleStage[];
  /** Total Table 1 weight of the absent sub-domains (percent). */
  lostPercent: Rational;
  steps: RescaleStep[];
  note: string;
}

export interface EffectiveUnitLevel {
  /** The requirements of the cell, in the standard's order. */
  requirements: Requirement[];
  /** Weight of the unit for this level (percent); 0 if the cell is empty. */
  weight: Rational;
  /** Share of the unit within its domain for this level. */
  beta: Rational;
}

export interface EffectiveUnit {
  /** Row id (a Table 1 sub-domain id, or a merged id). */
  id: string;
  name: string;
  covers: string[];
  domainId: string;
  /** Indicator type of the covered sub-domains (if they differ: `common` for Appendix A rows, else `industry`). */
  type: IndicatorType;
  /** The appendix table the row comes from. */
  source: 'common' | IndustryId;
  /** Σ Table 1 weights of `covers` (integer percent). */
  tablePercent: number;
  /** Rescaled weight (percent, exact). */
  weight: Rational;
  /** Within-domain share β = weight / domain weight. */
  beta: Rational;
  seedLine: number;
  levels: Record<LevelCode, EffectiveUnitLevel>;
}

export interface EffectiveDomain {
  id: string;
  name: string;
  nameEn: string;
  /** Table 1 weight of the domain (integer percent, all its sub-domains). */
  tablePercent: number;
  weight: Rational;
  /** Domain share α = weight / total. */
  alpha: Rational;
  units: EffectiveUnit[];
  levels: Record<LevelCode, { weight: Rational; alpha: Rational }>;
}

export interface DroppedSubdomain {
  id: string;
  name: string;
  domainId: string;
  type: IndicatorType;
  weightPercent: number;
}

export interface EffectiveModel {
  modelId: string;
  industry: IndustryId;
  policy: ScoringPolicy;
  /** Σ Table 1 weights (100). All weights are percent of this. */
  totalPercent: Rational;
  /** Table 1 order; domains without any unit are left out (see `droppedDomains`). */
  domains: EffectiveDomain[];
  dropped: DroppedSubdomain[];
  droppedDomains: string[];
  rescaling: EffectiveRescaling;
  /** Unit × level cells without requirements (empty in the standard). */
  emptyCells: { unitId: string; level: LevelCode }[];
  /** Per-level rescaling (differs from `rescaling` only for levels with empty cells). */
  levelRescaling: Record<LevelCode, EffectiveRescaling>;
  /** Table 3 bands sorted by level. */
  bands: LevelBand[];
  satisfaction: StandardModel['satisfaction'];
}

const CASCADES: Record<WeightRescaling, RescaleStage[]> = {
  'within-domain': ['within-domain', 'within-type', 'global'],
  'within-type': ['within-type', 'global'],
  global: ['global'],
};

/** The model's policy overridden by `overrides`, validated. */
export function resolvePolicy(model: StandardModel, overrides?: Partial<ScoringPolicy>): ScoringPolicy {
  const p: ScoringPolicy = { ...model.policy, ...stripUndefined(overrides ?? {}) };
  if (!(p.weightRescaling in CASCADES)) {
    throw new ScoringError('BAD_POLICY', `unknown weightRescaling: ${String(p.weightRescaling)}`);
  }
  if (p.levelMetComparison !== 'at-least' && p.levelMetComparison !== 'greater-than') {
    throw new ScoringError('BAD_POLICY', `unknown levelMetComparison: ${String(p.levelMetComparison)}`);
  }
  const t = typeof p.levelMetThreshold === 'string' ? Rational.tryParse(p.levelMetThreshold) : undefined;
  if (!t || t.lt(Rational.ZERO) || t.gt(Rational.ONE)) {
    throw new ScoringError(
      'BAD_POLICY',
      `levelMetThreshold must be an exact decimal string in [0, 1]: ${JSON.stringify(p.levelMetThreshold)}`,
    );
  }
  if (typeof p.gating !== 'boolean') throw new ScoringError('BAD_POLICY', 'gating must be a boolean');
  if (!Number.isInteger(p.displayDecimals) || p.displayDecimals < 0 || p.displayDecimals > 12) {
    throw new ScoringError('BAD_POLICY', `displayDecimals must be an integer 0..12: ${p.displayDecimals}`);
  }
  return p;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const r: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (r as Record<string, unknown>)[k] = v;
  return r;
}

interface Slot {
  /** Table 1 sub-domain id. */
  id: string;
  domainId: string;
  type: IndicatorType;
  percent: Rational;
  /** Id reported in `from` when the slot is lost (the sub-domain, or the unit for an empty cell). */
  lostAs: string;
  present: boolean;
}

/** Runs the rescaling cascade; returns the rescaled weight of each present slot. */
function rescale(
  slots: Slot[],
  policy: WeightRescaling,
): { weights: Map<string, Rational>; info: EffectiveRescaling } {
  const cascade = CASCADES[policy];
  const weights = new Map<string, Rational>();
  for (const s of slots) if (s.present) weights.set(s.id, s.percent);
  let pending = slots.filter((s) => !s.present);
  const lostPercent = sumRationals(pending.map((s) => s.percent));
  const steps: RescaleStep[] = [];
  for (const stage of cascade) {
    if (pending.length === 0) break;
    const key = (s: Slot): string =>
      stage === 'within-domain' ? s.domainId : stage === 'within-type' ? s.type : 'all';
    const groups: string[] = [];
    for (const s of slots) if (!groups.includes(key(s))) groups.push(key(s));
    const next: Slot[] = [];
    for (const g of groups) {
      const lost = pending.filter((s) => key(s) === g);
      if (lost.length === 0) continue;
      const members = slots.filter((s) => s.present && key(s) === g);
      const present = sumRationals(members.map((s) => weights.get(s.id)!));
      if (present.isZero()) {
        next.push(...lost);
        continue;
      }
      const absorbed = sumRationals(lost.map((s) => s.percent));
      const factor = present.add(absorbed).div(present);
      for (const m of members) weights.set(m.id, weights.get(m.id)!.mul(factor));
      steps.push({
        stage,
        group: g,
        from: [...new Set(lost.map((s) => s.lostAs))],
        presentPercent: present,
        absorbedPercent: absorbed,
        factor,
      });
    }
    pending = next;
  }
  if (pending.length > 0) {
    throw new ScoringError(
      'MODEL_INVALID',
      'no scoring unit left to carry the weight',
      pending.map((s) => s.id),
    );
  }
  const note =
    steps.length === 0
      ? 'nothing dropped: Table 1 weights used as they are'
      : steps
          .map(
            (s) =>
              `${s.stage} [${s.group}]: ${s.absorbedPercent.toFractionString()} % from ${s.from.join(', ')} ` +
              `spread pro rata over ${s.presentPercent.toFractionString()} % (×${s.factor.toFractionString()})`,
          )
          .join('; ');
  return { weights, info: { policy, cascade, lostPercent, steps, note } };
}

/**
 * The effective model of `industry`: Appendix A + that industry's Appendix B rows, weights rescaled by
 * `policy.weightRescaling` (the model's default policy, overridden by `policy`).
 */
export function effectiveModel(
  model: StandardModel,
  industry: IndustryId | string,
  policy?: Partial<ScoringPolicy>,
): EffectiveModel {
  const industryTable = (
    model.industries as Partial<Record<string, StandardModel['industries'][IndustryId]>>
  )[industry];
  if (!industryTable || !(INDUSTRIES as readonly string[]).includes(industry)) {
    throw new ScoringError(
      'UNKNOWN_INDUSTRY',
      `unknown industry ${JSON.stringify(industry)}; known: ${Object.keys(model.industries).join(', ')}`,
      [String(industry)],
    );
  }
  const ind = industry as IndustryId;
  const pol = resolvePolicy(model, policy);

  // Table 1 index.
  const t1 = new Map<
    string,
    { order: number; domainId: string; type: IndicatorType; percent: number; name: string }
  >();
  let order = 0;
  for (const d of model.domains) {
    for (const s of d.subdomains) {
      if (!Number.isInteger(s.weightPercent) || s.weightPercent < 0) {
        throw new ScoringError('MODEL_INVALID', `Table 1 weight of ${s.id} is not a natural number`, [s.id]);
      }
      if (t1.has(s.id)) throw new ScoringError('MODEL_INVALID', `Table 1 sub-domain ${s.id} twice`, [s.id]);
      t1.set(s.id, { order: order++, domainId: d.id, type: s.type, percent: s.weightPercent, name: s.name });
    }
  }
  const totalPercent = Rational.of([...t1.values()].reduce((a, s) => a + s.percent, 0));
  if (totalPercent.isZero()) throw new ScoringError('MODEL_INVALID', 'Table 1 weights sum to 0');

  // Units.
  const rows: { row: AppendixRow; source: 'common' | IndustryId }[] = [
    ...model.common.rows.map((row) => ({ row, source: 'common' as const })),
    ...industryTable.rows.map((row) => ({ row, source: ind })),
  ];
  const coveredBy = new Map<string, string>();
  const unitIds = new Set<string>();
  const reqIds = new Set<string>();
  interface Draft {
    row: AppendixRow;
    source: 'common' | IndustryId;
    firstOrder: number;
    type: IndicatorType;
    tablePercent: number;
  }
  const drafts: Draft[] = [];
  for (const { row, source } of rows) {
    if (unitIds.has(row.id))
      throw new ScoringError('MODEL_INVALID', `unit ${row.id} appears twice`, [row.id]);
    unitIds.add(row.id);
    if (row.covers.length === 0)
      throw new ScoringError('MODEL_INVALID', `unit ${row.id} covers nothing`, [row.id]);
    const types = new Set<IndicatorType>();
    let firstOrder = Infinity;
    let tablePercent = 0;
    for (const c of row.covers) {
      const s = t1.get(c);
      if (!s)
        throw new ScoringError('MODEL_INVALID', `unit ${row.id} covers unknown sub-domain ${c}`, [row.id, c]);
      if (s.domainId !== row.domainId) {
        throw new ScoringError(
          'MODEL_INVALID',
          `unit ${row.id} (domain ${row.domainId}) covers ${c} of domain ${s.domainId}`,
          [row.id, c],
        );
      }
      const prev = coveredBy.get(c);
      if (prev !== undefined) {
        throw new ScoringError('MODEL_INVALID', `sub-domain ${c} covered by both ${prev} and ${row.id}`, [c]);
      }
      coveredBy.set(c, row.id);
      types.add(s.type);
      firstOrder = Math.min(firstOrder, s.order);
      tablePercent += s.percent;
    }
    for (const code of LEVEL_CODES) {
      for (const r of row.levels[code] ?? []) {
        if (reqIds.has(r.id)) throw new ScoringError('MODEL_INVALID', `requirement id ${r.id} twice`, [r.id]);
        reqIds.add(r.id);
      }
    }
    const type: IndicatorType =
      types.size === 1 ? [...types][0]! : source === 'common' ? 'common' : 'industry';
    drafts.push({ row, source, firstOrder, type, tablePercent });
  }

  const slotsFor = (isPresent: (unitId: string) => boolean): Slot[] =>
    model.domains.flatMap((d) =>
      d.subdomains.map((s) => {
        const unit = coveredBy.get(s.id);
        return {
          id: s.id,
          domainId: d.id,
          type: s.type,
          percent: Rational.of(s.weightPercent),
          lostAs: unit !== undefined ? unit : s.id,
          present: unit !== undefined && isPresent(unit),
        };
      }),
    );

  const base = rescale(
    slotsFor(() => true),
    pol.weightRescaling,
  );
  const emptyCells: { unitId: string; level: LevelCode }[] = [];
  const perLevel = {} as Record<LevelCode, ReturnType<typeof rescale>>;
  for (const code of LEVEL_CODES) {
    const empty = new Set(drafts.filter((d) => (d.row.levels[code] ?? []).length === 0).map((d) => d.row.id));
    for (const d of drafts) if (empty.has(d.row.id)) emptyCells.push({ unitId: d.row.id, level: code });
    perLevel[code] =
      empty.size === 0
        ? base
        : rescale(
            slotsFor((u) => !empty.has(u)),
            pol.weightRescaling,
          );
  }

  const unitWeight = (w: Map<string, Rational>, covers: string[]): Rational =>
    sumRationals(covers.map((c) => w.get(c) ?? Rational.ZERO));

  const domains: EffectiveDomain[] = [];
  const droppedDomains: string[] = [];
  for (const d of model.domains) {
    const ds = drafts.filter((u) => u.row.domainId === d.id).sort((a, b) => a.firstOrder - b.firstOrder);
    if (ds.length === 0) {
      droppedDomains.push(d.id);
      continue;
    }
    const weight = sumRationals(ds.map((u) => unitWeight(base.weights, u.row.covers)));
    const levelW = {} as Record<LevelCode, Rational>;
    for (const code of LEVEL_CODES) {
      levelW[code] = sumRationals(ds.map((u) => unitWeight(perLevel[code].weights, u.row.covers)));
    }
    const units: EffectiveUnit[] = ds.map((u) => {
      const w = unitWeight(base.weights, u.row.covers);
      const levels = {} as Record<LevelCode, EffectiveUnitLevel>;
      for (const code of LEVEL_CODES) {
        const lw = unitWeight(perLevel[code].weights, u.row.covers);
        const reqs = [...(u.row.levels[code] ?? [])];
        levels[code] = {
          requirements: reqs,
          weight: reqs.length === 0 ? Rational.ZERO : lw,
          beta: reqs.length === 0 || levelW[code].isZero() ? Rational.ZERO : lw.div(levelW[code]),
        };
      }
      return {
        id: u.row.id,
        name: u.row.name,
        covers: [...u.row.covers],
        domainId: d.id,
        type: u.type,
        source: u.source,
        tablePercent: u.tablePercent,
        weight: w,
        beta: weight.isZero() ? Rational.ZERO : w.div(weight),
        seedLine: u.row.seedLine,
        levels,
      };
    });
    const dLevels = {} as Record<LevelCode, { weight: Rational; alpha: Rational }>;
    for (const code of LEVEL_CODES)
      dLevels[code] = { weight: levelW[code], alpha: levelW[code].div(totalPercent) };
    domains.push({
      id: d.id,
      name: d.name,
      nameEn: d.nameEn,
      tablePercent: d.subdomains.reduce((a, s) => a + s.weightPercent, 0),
      weight,
      alpha: weight.div(totalPercent),
      units,
      levels: dLevels,
    });
  }

  const dropped: DroppedSubdomain[] = [];
  for (const d of model.domains) {
    for (const s of d.subdomains) {
      if (!coveredBy.has(s.id)) {
        dropped.push({
          id: s.id,
          name: s.name,
          domainId: d.id,
          type: s.type,
          weightPercent: s.weightPercent,
        });
      }
    }
  }

  const levelRescaling = {} as Record<LevelCode, EffectiveRescaling>;
  for (const code of LEVEL_CODES) levelRescaling[code] = perLevel[code].info;

  return {
    modelId: model.meta.id,
    industry: ind,
    policy: pol,
    totalPercent,
    domains,
    dropped,
    droppedDomains,
    rescaling: base.info,
    emptyCells,
    levelRescaling,
    bands: [...model.levels].sort((a, b) => a.level - b.level),
    satisfaction: model.satisfaction,
  };
}

/** All units of an effective model, in order (domains in Table 1 order, units within). */
export function effectiveUnits(eff: EffectiveModel): EffectiveUnit[] {
  return eff.domains.flatMap((d) => d.units);
}
