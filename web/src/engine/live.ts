/**
 * The browser side of scoring: the same pure engine as the server (`src/scoring`), compiled once per
 * model × industry, fed densely (tenths, in the engine's requirement order) for the live recompute.
 */
import {
  compileScoring,
  score,
  scoreDense,
  type CompiledScoring,
  type ScoreResult,
} from '@engine/scoring/index';
import type { IndustryId, LevelCode, StandardModel } from '@engine/model/types';
import type { ScoreValue } from '@engine/process/types';
import { tenthsOf } from '../shared/grades';

export type { CompiledScoring, ScoreResult };

/** One requirement in the engine's dense order, with its place in the model. */
export interface RequirementRow {
  index: number;
  id: string;
  seq: number;
  /** The item number as the standard prints it ("5", "（1）"), when it prints one. */
  label?: string;
  /** The display form of the requirement (typos of the conversion corrected; src/model `display`). */
  text: string;
  /** The exact text of the standard, when the display form differs. */
  exactText?: string;
  examples: string[];
  level: LevelCode;
  domainId: string;
  domainName: string;
  domainNameEn: string;
  unitId: string;
  unitName: string;
}

export interface IndustryEngine {
  compiled: CompiledScoring;
  rows: RequirementRow[];
  byId: Map<string, RequirementRow>;
}

export function buildEngine(model: StandardModel, industry: IndustryId): IndustryEngine {
  const compiled = compileScoring(model, industry);
  const rows: RequirementRow[] = [];
  for (const d of compiled.effective.domains) {
    for (const u of d.units) {
      for (const level of ['S1', 'S2', 'S3', 'S4', 'S5'] as const) {
        for (const r of u.levels[level].requirements) {
          rows.push({
            index: rows.length,
            id: r.id,
            seq: r.seq,
            ...(r.label !== undefined ? { label: r.label } : {}),
            text: r.display ?? r.text,
            ...(r.display !== undefined && r.display !== r.text ? { exactText: r.text } : {}),
            examples: r.examples,
            level,
            domainId: d.id,
            domainName: d.name,
            domainNameEn: d.nameEn,
            unitId: u.id,
            unitName: u.name,
          });
        }
      }
    }
  }
  // The engine's dense order must be ours: a mismatch would silently mis-score.
  const ids = compiled.ids;
  if (ids.length !== rows.length || rows.some((r, i) => ids[i] !== r.id)) {
    throw new Error('web engine: requirement order differs from the engine order');
  }
  return { compiled, rows, byId: new Map(rows.map((r) => [r.id, r])) };
}

export { tenthsOf };

/** Dense tenths array (−1 = missing) for a sparse id → value map. */
export function toDense(
  engine: IndustryEngine,
  scores: Readonly<Record<string, ScoreValue | undefined>>,
): Int8Array {
  const dense = new Int8Array(engine.rows.length).fill(-1);
  for (const [id, v] of Object.entries(scores)) {
    const row = engine.byId.get(id);
    if (row && v !== undefined) dense[row.index] = tenthsOf(v);
  }
  return dense;
}

declare global {
  interface Window {
    /** Milliseconds of the last live recompute (read by the benchmark). */
    __dtmaRecomputeMs?: number;
    /** Count, sum and maximum of all live recomputes of the page (ms). */
    __dtmaRecomputeStats?: { count: number; totalMs: number; maxMs: number };
  }
}

/** Live recompute (partial: missing counts as 0), timed with performance.now(). */
export function recompute(engine: IndustryEngine, dense: Int8Array): { result: ScoreResult; ms: number } {
  const t0 = performance.now();
  const result = scoreDense(engine.compiled, dense, { partial: true });
  const ms = performance.now() - t0;
  if (typeof window !== 'undefined') {
    window.__dtmaRecomputeMs = ms;
    const st = (window.__dtmaRecomputeStats ??= { count: 0, totalMs: 0, maxMs: 0 });
    st.count++;
    st.totalMs += ms;
    st.maxMs = Math.max(st.maxMs, ms);
  }
  return { result, ms };
}

/** Full result with the engine's trace (for drill-down). */
export function scoreWithTrace(
  engine: IndustryEngine,
  scores: Readonly<Record<string, ScoreValue>>,
  partial: boolean,
): ScoreResult {
  return score(engine.compiled, scores, { partial, trace: true });
}
