/**
 * What changed between two model versions: requirements added, removed, moved (another table / sub-domain /
 * level / position — the id is positional) and reworded (found by text similarity, with the score), and the
 * Table 1 weights that changed. From it, the mapping between the versions (`ModelMapping`, a file users can keep
 * and correct) that carries an assessment's grades to the new version for a what-if. Pure.
 *
 * Matching, in this order (each requirement takes part in at most one pair):
 * 1. same id, same wording (after normalisation) → unchanged;
 * 2. same wording elsewhere → moved (the same table first, then any table);
 * 3. same id, similar wording (similarity ≥ `threshold`) → reworded;
 * 4. the most similar remaining pair, greedily (≥ `threshold`; the same table first) → moved and reworded;
 * 5. what is left: removed (old version) and added (new version).
 * Similarity is the Sørensen–Dice coefficient of the character bigrams of the normalised texts (punctuation,
 * spaces and the requirement's own numbering removed), which suits Chinese text without word segmentation.
 */
import { LEVEL_CODES, type AppendixTable, type LevelCode, type StandardModel } from './types.js';

export interface RequirementRef {
  id: string;
  /** `common` or the industry. */
  table: string;
  unitId: string;
  level: LevelCode;
  seq: number;
  text: string;
}

export interface MovedRequirement {
  from: RequirementRef;
  to: RequirementRef;
  /** 1 when the wording is the same. */
  similarity: number;
  reworded: boolean;
}

export interface RewordedRequirement {
  id: string;
  before: string;
  after: string;
  similarity: number;
}

export interface WeightChange {
  subdomainId: string;
  name: string;
  /** Table 1 weight in percent; null when the sub-domain is new / gone. */
  from: number | null;
  to: number | null;
}

export interface ModelDiff {
  from: string;
  to: string;
  threshold: number;
  unchanged: number;
  added: RequirementRef[];
  removed: RequirementRef[];
  moved: MovedRequirement[];
  reworded: RewordedRequirement[];
  weights: WeightChange[];
}

export const DEFAULT_SIMILARITY_THRESHOLD = 0.6;

function tables(m: StandardModel): AppendixTable[] {
  return [m.common, m.industries.mining, m.industries.smelting, m.industries.processing];
}

export function requirementRefs(m: StandardModel): RequirementRef[] {
  return tables(m).flatMap((t) =>
    t.rows.flatMap((row) =>
      LEVEL_CODES.flatMap((level) =>
        row.levels[level].map((q) => ({
          id: q.id,
          table: t.id,
          unitId: row.id,
          level,
          seq: q.seq,
          text: q.text,
        })),
      ),
    ),
  );
}

/** The text compared: punctuation, spaces and a leading "1." / "（1）" numbering removed. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/^\s*(?:\(?\d+\)?[.、．)]?)\s*/u, '')
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...s];
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Sørensen–Dice similarity of two texts' character bigrams (multiset), in [0, 1]; 1 for equal texts. */
export function textSimilarity(a: string, b: string): number {
  const x = normaliseText(a);
  const y = normaliseText(b);
  if (x === y) return 1;
  const bx = bigrams(x);
  const by = bigrams(y);
  let nx = 0;
  let ny = 0;
  let common = 0;
  for (const v of bx.values()) nx += v;
  for (const [g, v] of by) {
    ny += v;
    common += Math.min(v, bx.get(g) ?? 0);
  }
  return nx + ny === 0 ? 0 : (2 * common) / (nx + ny);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The differences between model versions `a` (old) and `b` (new). */
export function diffModels(
  a: StandardModel,
  b: StandardModel,
  threshold = DEFAULT_SIMILARITY_THRESHOLD,
): ModelDiff {
  const ra = requirementRefs(a);
  const rb = requirementRefs(b);
  const leftA = new Map(ra.map((r) => [r.id, r]));
  const leftB = new Map(rb.map((r) => [r.id, r]));
  const norm = new Map<RequirementRef, string>();
  for (const r of [...ra, ...rb]) norm.set(r, normaliseText(r.text));
  let unchanged = 0;
  const moved: MovedRequirement[] = [];
  const reworded: RewordedRequirement[] = [];
  const take = (x: RequirementRef, y: RequirementRef) => {
    leftA.delete(x.id);
    leftB.delete(y.id);
  };
  // 1. same id, same wording
  for (const x of ra) {
    const y = leftB.get(x.id);
    if (y && norm.get(x) === norm.get(y)) {
      take(x, y);
      unchanged++;
    }
  }
  // 2. same wording elsewhere (the same table first)
  for (const sameTable of [true, false]) {
    const byText = new Map<string, RequirementRef[]>();
    for (const y of leftB.values()) {
      const k = (sameTable ? y.table + '\u0000' : '') + norm.get(y)!;
      byText.set(k, [...(byText.get(k) ?? []), y]);
    }
    for (const x of [...leftA.values()]) {
      const k = (sameTable ? x.table + '\u0000' : '') + norm.get(x)!;
      const y = byText.get(k)?.find((c) => leftB.has(c.id));
      if (y) {
        take(x, y);
        moved.push({ from: x, to: y, similarity: 1, reworded: false });
      }
    }
  }
  // 3. same id, similar wording
  for (const x of [...leftA.values()]) {
    const y = leftB.get(x.id);
    if (!y) continue;
    const s = textSimilarity(x.text, y.text);
    if (s >= threshold) {
      take(x, y);
      reworded.push({ id: x.id, before: x.text, after: y.text, similarity: round3(s) });
    }
  }
  // 4. the most similar remaining pairs (the same table first)
  for (const sameTable of [true, false]) {
    const pairs: { x: RequirementRef; y: RequirementRef; s: number }[] = [];
    for (const x of leftA.values())
      for (const y of leftB.values()) {
        if (sameTable && x.table !== y.table) continue;
        const s = textSimilarity(x.text, y.text);
        if (s >= threshold) pairs.push({ x, y, s });
      }
    pairs.sort((p, q) => q.s - p.s || (p.x.id < q.x.id ? -1 : 1));
    for (const p of pairs) {
      if (!leftA.has(p.x.id) || !leftB.has(p.y.id)) continue;
      take(p.x, p.y);
      moved.push({ from: p.x, to: p.y, similarity: round3(p.s), reworded: true });
    }
  }
  const weights: WeightChange[] = [];
  const subA = new Map(a.domains.flatMap((d) => d.subdomains).map((s) => [s.id, s]));
  const subB = new Map(b.domains.flatMap((d) => d.subdomains).map((s) => [s.id, s]));
  for (const [id, s] of subA) {
    const t = subB.get(id);
    if (!t || t.weightPercent !== s.weightPercent)
      weights.push({ subdomainId: id, name: s.name, from: s.weightPercent, to: t?.weightPercent ?? null });
  }
  for (const [id, t] of subB)
    if (!subA.has(id)) weights.push({ subdomainId: id, name: t.name, from: null, to: t.weightPercent });
  return {
    from: a.meta.id,
    to: b.meta.id,
    threshold,
    unchanged,
    added: [...leftB.values()],
    removed: [...leftA.values()],
    moved,
    reworded,
    weights,
  };
}

// ------------------------------------------------------------------------------------------------------------
// The mapping between versions

export type MappingKind = 'same' | 'moved' | 'reworded' | 'moved-reworded' | 'removed';

export interface MappingEntry {
  from: string;
  /** The requirement of the new version; null when removed. */
  to: string | null;
  kind: MappingKind;
  similarity?: number;
}

/** A mapping file: every requirement of the old version → its place in the new one (or null). */
export interface ModelMapping {
  format: 'dtma-model-mapping/1';
  from: string;
  to: string;
  /** Only entries that are not `same` (every other requirement keeps its id). */
  requirements: MappingEntry[];
  /** Requirements of the new version no old one maps to. */
  added: string[];
}

export function mappingOf(d: ModelDiff): ModelMapping {
  return {
    format: 'dtma-model-mapping/1',
    from: d.from,
    to: d.to,
    requirements: [
      ...d.reworded.map((r) => ({
        from: r.id,
        to: r.id,
        kind: 'reworded' as const,
        similarity: r.similarity,
      })),
      ...d.moved.map((m) => ({
        from: m.from.id,
        to: m.to.id,
        kind: m.reworded ? ('moved-reworded' as const) : ('moved' as const),
        similarity: m.similarity,
      })),
      ...d.removed.map((r) => ({ from: r.id, to: null, kind: 'removed' as const })),
    ].sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0)),
    added: d.added.map((r) => r.id),
  };
}

/** Checks a parsed mapping file against the two versions; throws an Error naming the entry. */
export function parseMapping(data: unknown, a: StandardModel, b: StandardModel): ModelMapping {
  const m = data as Partial<ModelMapping> | null;
  if (!m || m.format !== 'dtma-model-mapping/1')
    throw new Error('mapping: format must be dtma-model-mapping/1');
  if (m.from !== a.meta.id || m.to !== b.meta.id)
    throw new Error(`mapping: it maps ${String(m.from)} → ${String(m.to)}, not ${a.meta.id} → ${b.meta.id}`);
  const idsA = new Set(requirementRefs(a).map((r) => r.id));
  const idsB = new Set(requirementRefs(b).map((r) => r.id));
  const kinds = new Set(['same', 'moved', 'reworded', 'moved-reworded', 'removed']);
  const targets = new Set<string>();
  for (const [i, e] of (m.requirements ?? []).entries()) {
    if (!e || !idsA.has(e.from)) throw new Error(`mapping: requirements[${i}].from is not in ${a.meta.id}`);
    if (!kinds.has(e.kind)) throw new Error(`mapping: requirements[${i}].kind is unknown`);
    if (e.to !== null && !idsB.has(e.to))
      throw new Error(`mapping: requirements[${i}].to is not in ${b.meta.id}`);
    if (e.to !== null) {
      if (targets.has(e.to)) throw new Error(`mapping: ${e.to} is the target of two entries`);
      targets.add(e.to);
    }
  }
  for (const id of m.added ?? [])
    if (!idsB.has(id)) throw new Error(`mapping: added ${id} is not in ${b.meta.id}`);
  return {
    format: 'dtma-model-mapping/1',
    from: m.from,
    to: m.to,
    requirements: [...(m.requirements ?? [])],
    added: [...(m.added ?? [])],
  };
}

export interface NeedsGrade<G = string> {
  /** Requirement of the new version. */
  id: string;
  reason: 'added' | 'reworded' | 'unmapped';
  /** The old requirement whose grade was carried (reworded), if any. */
  from?: string;
  /** The grade carried provisionally (reworded), if any. */
  carried?: G;
}

/**
 * Carries grades (old requirement id → grade) to the new version through `mapping`: same and moved requirements
 * keep their grade; reworded ones carry it provisionally and are listed; requirements of the new version without
 * an old one (added) get none and are listed. `scope`: the new version's requirement ids of the industry.
 */
export function carryGrades<G>(
  mapping: ModelMapping,
  grades: Readonly<Record<string, G>>,
  scope: readonly string[],
): { grades: Record<string, G>; needsGrade: NeedsGrade<G>[] } {
  const entryTo = new Map<string, MappingEntry>();
  const mapped = new Set<string>();
  for (const e of mapping.requirements) {
    mapped.add(e.from);
    if (e.to !== null) entryTo.set(e.to, e);
  }
  const out: Record<string, G> = {};
  const needsGrade: NeedsGrade<G>[] = [];
  for (const id of scope) {
    const e = entryTo.get(id);
    const fromId = e ? e.from : mapped.has(id) ? undefined : id;
    const g = fromId === undefined ? undefined : grades[fromId];
    if (g !== undefined) out[id] = g;
    if (e && (e.kind === 'reworded' || e.kind === 'moved-reworded'))
      needsGrade.push({
        id,
        reason: 'reworded',
        from: e.from,
        ...(g !== undefined ? { carried: g } : {}),
      });
    else if (g === undefined)
      needsGrade.push({ id, reason: mapping.added.includes(id) ? 'added' : 'unmapped' });
  }
  return { grades: out, needsGrade };
}
