import { describe, expect, it } from 'vitest';
import { loadModel } from '@engine/model/load';
import { INDUSTRIES } from '@engine/model/types';
import { score } from '@engine/scoring/index';
import { buildEngine, recompute, toDense } from './live';
import { countDone, groupRows } from './grouping';

const model = loadModel('nfm-dtmm-2024-draft');

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

  it('recomputes the largest industry well within a frame (p95 after warm-up)', () => {
    const e = buildEngine(model, 'smelting');
    expect(e.rows.length).toBeGreaterThan(700);
    const dense = toDense(e, {});
    const times: number[] = [];
    for (let i = 0; i < 320; i++) {
      dense[(i * 7) % dense.length] = [10, 8, 5, 0][i % 4]!;
      const { ms } = recompute(e, dense);
      if (i >= 20) times.push(ms);
    }
    times.sort((x, y) => x - y);
    expect(times[Math.floor(times.length * 0.95)]!).toBeLessThan(16);
  });

  it('countDone counts rows by predicate', () => {
    const e = buildEngine(model, 'mining');
    expect(countDone(e.rows, () => true)).toBe(e.rows.length);
    expect(countDone(e.rows, (id) => id.startsWith('mining.'))).toBe(
      e.rows.filter((r) => r.id.startsWith('mining.')).length,
    );
  });
});
