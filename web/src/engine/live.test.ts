import { describe, expect, it } from 'vitest';
import { loadModel } from '@engine/model/load';
import { INDUSTRIES } from '@engine/model/types';
import { score } from '@engine/scoring/index';
import { buildEngine, recompute, tenthsOf, toDense } from './live';
import { countDone, groupRows } from './grouping';

const model = loadModel('nfm-dtmm-2024-draft');
const VALUES = ['1', '0.8', '0.5', '0'] as const;

describe('browser engine adapter', () => {
  for (const industry of INDUSTRIES) {
    it(`${industry}: rows follow the engine order, grouping keeps them all`, () => {
      const e = buildEngine(model, industry);
      expect(e.rows.map((r) => r.id)).toEqual([...e.compiled.ids]);
      const groups = groupRows(e.rows);
      expect(groups.map((d) => d.id)).toEqual(e.compiled.effective.domains.map((d) => d.id));
      expect(groups.reduce((a, d) => a + d.count, 0)).toBe(e.rows.length);
      for (const d of groups)
        for (const u of d.units) expect(u.levels.map((l) => l.level)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
    });
  }

  it('dense recompute equals the engine on the sparse map (partial)', () => {
    const e = buildEngine(model, 'smelting');
    const values = ['1', '0.8', '0.5', '0'] as const;
    const scores: Record<string, (typeof values)[number]> = {};
    e.rows.forEach((r, i) => {
      if (i % 3 !== 0) scores[r.id] = values[i % 4]!;
    });
    const live = recompute(e, toDense(e, scores)).result;
    const ref = score(e.compiled, scores, { partial: true });
    expect(live.total).toEqual(ref.total);
    expect(live.levels).toEqual(ref.levels);
    expect(live.missing).toEqual(ref.missing);
  });

  it('recomputes one change after another on the reused dense array like a fresh score (smelting)', () => {
    // The recompute time (target < 16 ms, one frame) is a figure of `npm run bench`, not a timed test.
    const e = buildEngine(model, 'smelting');
    expect(e.rows.length).toBeGreaterThan(700);
    const dense = toDense(e, {});
    const scores: Record<string, (typeof VALUES)[number]> = {};
    for (let i = 0; i < 60; i++) {
      const row = e.rows[(i * 7) % e.rows.length]!;
      const v = VALUES[i % 4]!;
      dense[row.index] = tenthsOf(v);
      scores[row.id] = v;
      const { result, ms } = recompute(e, dense);
      expect(ms).toBeGreaterThanOrEqual(0);
      if (i % 10 === 9) {
        const ref = score(e.compiled, scores, { partial: true });
        expect(result.total).toEqual(ref.total);
        expect(result.levels).toEqual(ref.levels);
        expect(result.missing).toEqual(ref.missing);
      }
    }
  });

  it('countDone counts rows by predicate', () => {
    const e = buildEngine(model, 'mining');
    expect(countDone(e.rows, () => true)).toBe(e.rows.length);
    expect(countDone(e.rows, (id) => id.startsWith('mining.'))).toBe(
      e.rows.filter((r) => r.id.startsWith('mining.')).length,
    );
  });
});
