import { describe, expect, it } from 'vitest';
import {
  allRequirementIds,
  compileScoring,
  score,
  scoreDense,
  type Exact,
  type ScoreResult,
} from './index.js';
import { ScoringError } from './errors.js';
import { buildModel, FIXTURE, singleUnitModel } from '../model/fixtures.test-util.js';
import { randomAssessment, seededRng, toDense } from './random.js';

const frac = (x: Exact | null | undefined): string =>
  x ? (x.den === 1 ? `${x.num}` : `${x.num}/${x.den}`) : 'null';

/** An assessment where every requirement gets `f(id)`. */
function fill(ids: readonly string[], f: (id: string) => number | string): Record<string, number | string> {
  return Object.fromEntries(ids.map((id) => [id, f(id)]));
}

function thrown(f: () => unknown): ScoringError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ScoringError);
    return e as ScoringError;
  }
  throw new Error('expected a ScoringError');
}

/**
 * FIXTURE mining, no rescaling: a 20, b 10, c 15 (org 45); d 30, e 25 (ops 55).
 * S1 cell scores: a = 1, 0.8, 0.5; b = 1, 1; c = 0.5; d = 0.8 ×4; e = 0, 1.
 * S2 all 1, S3 all 0.8, S4 all 0.5, S5 all 0.
 */
function handCase(): Record<string, number> {
  const c = compileScoring(FIXTURE, 'mining');
  const s1: Record<string, number> = {
    'common.a.S1.1': 1,
    'common.a.S1.2': 0.8,
    'common.a.S1.3': 0.5,
    'common.b.S1.1': 1,
    'common.b.S1.2': 1,
    'mining.c.S1.1': 0.5,
    'mining.d.S1.1': 0.8,
    'mining.d.S1.2': 0.8,
    'mining.d.S1.3': 0.8,
    'mining.d.S1.4': 0.8,
    'mining.e.S1.1': 0,
    'mining.e.S1.2': 1,
  };
  const byLevel: Record<string, number> = { S2: 1, S3: 0.8, S4: 0.5, S5: 0 };
  return fill(allRequirementIds(c), (id) => s1[id] ?? byLevel[id.split('.')[2]!]!) as Record<string, number>;
}

describe('score: hand-computed layers (FIXTURE mining)', () => {
  const compiled = compileScoring(FIXTURE, 'mining');
  const r = score(compiled, handCase());

  it('unit × level score C is the arithmetic mean of the cell’s requirement scores', () => {
    const c = Object.fromEntries(r.units.map((u) => [u.id, frac(u.levels.S1)]));
    expect(c).toEqual({ a: '23/30', b: '1', c: '1/2', d: '4/5', e: '1/2' });
    expect(frac(r.units[0]!.levels.S3)).toBe('4/5');
    expect(r.units[0]!.levels.S1!.display).toBe('0.77');
  });

  it('domain × level score B = Σ β·C', () => {
    // org: 4/9·23/30 + 2/9·1 + 1/3·1/2 = 197/270; ops: 6/11·4/5 + 5/11·1/2 = 73/110
    expect(r.domains.map((d) => frac(d.levels.S1))).toEqual(['197/270', '73/110']);
    expect(r.domains.map((d) => frac(d.levels.S2))).toEqual(['1', '1']);
  });

  it('level score L = Σ α·B', () => {
    // 9/20·197/270 + 11/20·73/110 = 52/75
    expect(r.levels.map((l) => frac(l.score))).toEqual(['52/75', '1', '4/5', '1/2', '0']);
    expect(r.levels[0]!.score.display).toBe('0.69');
  });

  it('a level is met at L ≥ 0.8 (at-least); met levels count 1 in the total', () => {
    expect(r.levels.map((l) => l.met)).toEqual([false, true, true, false, false]);
    expect(r.levels.map((l) => frac(l.contribution))).toEqual(['52/75', '1', '1', '1/2', '0']);
  });

  it('total S = Σ (met ? 1 : L) and the conclusion from Table 3', () => {
    // 52/75 + 1 + 1 + 1/2 + 0 = 479/150 ≈ 3.19 → 三级 领域级
    expect(frac(r.total)).toBe('479/150');
    expect(r.total.display).toBe('3.19');
    expect(r.conclusion).toMatchObject({ level: 3, ordinal: '三级', name: '领域级', belowLevel1: false });
  });

  it('without gating, levels met above an unmet level are counted and flagged', () => {
    expect(r.gatingFlags).toEqual(['S2', 'S3']);
    expect(r.levels.map((l) => [l.flagged, l.counted])).toEqual([
      [false, false],
      [true, true],
      [true, true],
      [false, false],
      [false, false],
    ]);
  });

  it('with gating, a level is not counted while a lower level is unmet (its L is used)', () => {
    const g = score(compileScoring(FIXTURE, 'mining', { gating: true }), handCase());
    expect(g.levels.map((l) => l.counted)).toEqual([false, false, false, false, false]);
    expect(g.gatingFlags).toEqual(['S2', 'S3']);
    // 52/75 + 1 + 4/5 + 1/2 + 0 = 449/150
    expect(frac(g.total)).toBe('449/150');
    expect(g.policy.gating).toBe(true);
  });

  it('greater-than: a level at exactly the threshold is not met', () => {
    const g = score(compileScoring(FIXTURE, 'mining', { levelMetComparison: 'greater-than' }), handCase());
    expect(g.levels.map((l) => l.met)).toEqual([false, true, false, false, false]);
    expect(frac(g.total)).toBe('449/150');
  });

  it('reports model id, industry, policy and completeness', () => {
    expect(r).toMatchObject({ modelId: 'fixture-1', industry: 'mining', complete: true, missing: [] });
    expect(r.policy).toEqual({
      weightRescaling: 'within-domain',
      levelMetComparison: 'at-least',
      levelMetThreshold: '0.8',
      gating: false,
      displayDecimals: 2,
    });
    expect(r.units.map((u) => [u.id, u.answered, u.total])[0]).toEqual(['a', 12, 12]);
  });

  it('the result is plain JSON (round-trips unchanged)', () => {
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('score: each weight-rescaling policy changes the result as computed by hand (processing)', () => {
  // a all 1, b all 0, d all 0.5 → every L = w_a/100 + w_d/200.
  const cases = [
    ['within-domain', '23/40', '23/8', 3],
    ['within-type', '11/20', '11/4', 2],
    ['global', '7/12', '35/12', 3],
  ] as const;
  for (const [policy, l, s, level] of cases) {
    it(`${policy}: L = ${l}, S = ${s}`, () => {
      const c = compileScoring(FIXTURE, 'processing', { weightRescaling: policy });
      const r = score(
        c,
        fill(allRequirementIds(c), (id) => (id.includes('.a.') ? 1 : id.includes('.b.') ? 0 : 0.5)),
      );
      expect(r.levels.map((x) => frac(x.score))).toEqual([l, l, l, l, l]);
      expect(frac(r.total)).toBe(s);
      expect(r.conclusion.level).toBe(level);
    });
  }
});

describe('score: conclusion interval boundaries (Table 3, inclusive lower bounds)', () => {
  // One unit with 10 requirements per level: a level's score is (Σ scores)/10.
  const c10 = compileScoring(singleUnitModel([10, 10, 10, 10, 10]), 'mining');
  const c10gt = compileScoring(singleUnitModel([10, 10, 10, 10, 10]), 'mining', {
    levelMetComparison: 'greater-than',
  });
  /** Per level, the list of non-zero scores (others 0). */
  const run = (levels: number[][], compiled = c10): ScoreResult => {
    const input: Record<string, number> = {};
    levels.forEach((scores, l) => {
      for (let i = 0; i < 10; i++) input[`common.u.S${l + 1}.${i + 1}`] = scores[i] ?? 0;
    });
    return score(compiled, input);
  };
  const ALL = Array(10).fill(1) as number[];
  const cases: [string, number[][], string, number, typeof c10?][] = [
    ['S = 0 → 未达一级', [[], [], [], [], []], '0', 0],
    ['S = 0.79 → 未达一级 (0.5 + 0.29)', [[1, 1, 1, 1, 1], [0.8, 0.8, 0.8, 0.5], [], [], []], '79/100', 0],
    ['S = 0.8 → 一级 (0.5 + 0.3)', [[1, 1, 1, 1, 1], [1, 1, 1], [], [], []], '4/5', 1],
    ['S = 1.79 → 一级', [ALL, [1, 1, 1, 1, 1], [0.8, 0.8, 0.8, 0.5], [], []], '179/100', 1],
    ['S = 1.8 → 二级', [ALL, [1, 1, 1, 1, 1], [1, 1, 1], [], []], '9/5', 2],
    ['S = 2.79 → 二级', [ALL, ALL, [1, 1, 1, 1, 1], [0.8, 0.8, 0.8, 0.5], []], '279/100', 2],
    ['S = 2.8 → 三级', [ALL, ALL, [1, 1, 1, 1, 1], [1, 1, 1], []], '14/5', 3],
    ['S = 3.79 → 三级', [ALL, ALL, ALL, [1, 1, 1, 1, 1], [0.8, 0.8, 0.8, 0.5]], '379/100', 3],
    ['S = 3.8 → 四级', [ALL, ALL, ALL, [1, 1, 1, 1, 1], [1, 1, 1]], '19/5', 4],
    [
      'S = 4.79 → 四级 (L5 = 0.79 unmet)',
      [ALL, ALL, ALL, ALL, [1, 1, 1, 1, 1, 0.8, 0.8, 0.8, 0.5]],
      '479/100',
      4,
    ],
    [
      'S = 4.8 → 五级 (L5 = 0.8, greater-than: unmet)',
      [ALL, ALL, ALL, ALL, Array(10).fill(0.8)],
      '24/5',
      5,
      c10gt,
    ],
    ['S = 5 → 五级 (all met)', [ALL, ALL, ALL, ALL, ALL], '5', 5],
  ];
  for (const [name, levels, s, level, compiled] of cases) {
    it(name, () => {
      const r = run(levels, compiled);
      expect(frac(r.total)).toBe(s);
      expect(r.conclusion.level).toBe(level);
      if (level === 0) expect(r.conclusion).toMatchObject({ belowLevel1: true, name: '未达一级' });
      if (level === 5)
        expect(r.conclusion).toMatchObject({ ordinal: '五级', name: '生态级', interval: '4.8≤S≤5' });
    });
  }

  it('a level at exactly 0.8 by 7 × 0.8 / 7 is met (at-least) and not met (greater-than)', () => {
    const m = singleUnitModel([7, 7, 7, 7, 7]);
    const ids = allRequirementIds(compileScoring(m, 'mining'));
    const input = fill(ids, (id) => (id.includes('.S1.') ? 0.8 : 0));
    const atLeast = score(compileScoring(m, 'mining'), input);
    expect(frac(atLeast.levels[0]!.score)).toBe('4/5');
    expect(atLeast.levels[0]!.met).toBe(true);
    expect(frac(atLeast.total)).toBe('1');
    expect(atLeast.conclusion.level).toBe(1);
    const gt = score(compileScoring(m, 'mining', { levelMetComparison: 'greater-than' }), input);
    expect(gt.levels[0]!.met).toBe(false);
    expect(frac(gt.total)).toBe('4/5');
    expect(gt.conclusion.level).toBe(1);
  });

  it('a level just below 0.8 (0.795 displayed as 0.80) is not met: comparison is exact', () => {
    const m = singleUnitModel([20, 1, 1, 1, 1]);
    const ids = allRequirementIds(compileScoring(m, 'mining'));
    // 13 × 1 + 3 × 0.8 + 0.5 + 3 × 0 = 15.9 / 20 = 0.795
    const s1 = [...Array(13).fill(1), 0.8, 0.8, 0.8, 0.5, 0, 0, 0] as number[];
    const r = score(
      compileScoring(m, 'mining'),
      fill(ids, (id) => (id.includes('.S1.') ? s1[Number(id.split('.')[3]) - 1]! : 0)),
    );
    expect(frac(r.levels[0]!.score)).toBe('159/200');
    expect(r.levels[0]!.score.display).toBe('0.80');
    expect(r.levels[0]!.met).toBe(false);
  });
});

describe('score: accepted input forms', () => {
  const compiled = compileScoring(FIXTURE, 'smelting');
  const ids = allRequirementIds(compiled);
  const grades = [1, 0.8, 0.5, 0];
  const base = fill(ids, (id) => grades[id.length % 4]!) as Record<string, number>;
  const expected = score(compiled, base);
  const alias = (tables: Record<number, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(base).map(([k, v]) => [k, tables[v]!]));

  it('numbers, exact decimal strings, keys, Chinese and English labels give the same result', () => {
    for (const t of [
      { 1: '1', 0.8: '0.8', 0.5: '0.5', 0: '0' },
      { 1: '1.0', 0.8: '0.80', 0.5: ' 0.5 ', 0: '0.00' },
      { 1: 'full', 0.8: 'mostly', 0.5: 'partly', 0: 'none' },
      { 1: '全部满足', 0.8: '大部分满足', 0.5: '部分满足', 0: '不满足' },
      { 1: 'Fully satisfied', 0.8: 'Mostly satisfied', 0.5: 'Partly satisfied', 0: 'Not satisfied' },
    ]) {
      expect(score(compiled, alias(t))).toEqual(expected);
    }
  });

  it('a Map, an entry list and the dense tenths form give the same result', () => {
    expect(score(compiled, new Map(Object.entries(base)))).toEqual(expected);
    expect(score(compiled, Object.entries(base).reverse())).toEqual(expected);
    const dense = toDense(compiled, base);
    expect(scoreDense(compiled, dense)).toEqual(expected);
    expect(scoreDense(compiled, Array.from(dense))).toEqual(expected);
  });
});

describe('score: errors', () => {
  const compiled = compileScoring(FIXTURE, 'processing');
  const ids = allRequirementIds(compiled);
  const full = (): Record<string, number | string | null> => fill(ids, () => 1);

  it('missing scores: one error listing all missing ids', () => {
    const input = full();
    const gone = [ids[0]!, ids[7]!, ids[ids.length - 1]!];
    for (const id of gone) delete input[id];
    input[ids[3]!] = null;
    const e = thrown(() => score(compiled, input));
    expect(e.code).toBe('MISSING_SCORES');
    expect([...e.ids].sort()).toEqual([...gone, ids[3]!].sort());
    expect(e.issues.every((i) => i.kind === 'missing')).toBe(true);
  });

  it('partial: missing scores count as 0 and are listed, with per-unit completeness', () => {
    const input = full();
    const gone = ids.filter((id) => id.startsWith('common.a.S1.'));
    for (const id of gone) delete input[id];
    const r = score(compiled, input, { partial: true });
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(gone);
    const zeroed = score(compiled, { ...input, ...Object.fromEntries(gone.map((id) => [id, 0])) });
    expect({ ...r, complete: true, missing: [], units: null }).toEqual({ ...zeroed, units: null });
    const a = r.units.find((u) => u.id === 'a')!;
    expect([a.answered, a.total]).toEqual([a.total - gone.length, a.total]);
    expect(frac(a.levels.S1)).toBe('0');
  });

  it('unknown id of another industry: says which industry it belongs to', () => {
    const e = thrown(() => score(compiled, { ...full(), 'mining.c.S1.1': 1 }));
    expect(e.code).toBe('UNKNOWN_REQUIREMENT');
    expect(e.ids).toEqual(['mining.c.S1.1']);
    expect(e.issues[0]!.belongsTo).toBe('mining');
    expect(e.message).toContain('belongs to industry mining');
  });

  it('unknown id of no industry', () => {
    const e = thrown(() => score(compiled, new Map([...Object.entries(full()), ['nope', 1]])));
    expect(e.code).toBe('UNKNOWN_REQUIREMENT');
    expect(e.issues[0]).toMatchObject({ id: 'nope', kind: 'unknown' });
    expect(e.issues[0]!.belongsTo).toBeUndefined();
  });

  it('bad values name the id and the value', () => {
    const e = thrown(() => score(compiled, { ...full(), [ids[0]!]: 0.7, [ids[1]!]: 'most', [ids[2]!]: 8 }));
    expect(e.code).toBe('BAD_VALUE');
    expect(e.issues.map((i) => [i.id, i.value])).toEqual([
      [ids[0], 0.7],
      [ids[1], 'most'],
      [ids[2], 8],
    ]);
    expect(e.message).toContain(`${ids[0]}: bad value 0.7`);
  });

  it('several kinds at once: INVALID_INPUT with every issue', () => {
    const input = { ...full(), [ids[0]!]: 2, 'smelting.de.S1.1': 1 };
    delete input[ids[1]!];
    const e = thrown(() => score(compiled, input));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues.map((i) => i.kind).sort()).toEqual(['bad-value', 'missing', 'unknown']);
  });

  it('duplicate ids in an entry list', () => {
    const entries = [...Object.entries(full()), [ids[0]!, 0] as [string, number]];
    expect(thrown(() => score(compiled, entries)).code).toBe('DUPLICATE_REQUIREMENT');
  });

  it('dense input: wrong length, bad tenths, missing (-1)', () => {
    expect(thrown(() => scoreDense(compiled, new Int8Array(3))).code).toBe('BAD_INPUT');
    const d = new Int8Array(ids.length).fill(10);
    d[2] = 7;
    const e = thrown(() => scoreDense(compiled, d));
    expect(e.code).toBe('BAD_VALUE');
    expect(e.issues[0]).toMatchObject({ id: ids[2], value: 7 });
    d[2] = -1;
    expect(thrown(() => scoreDense(compiled, d)).ids).toEqual([ids[2]]);
    expect(scoreDense(compiled, d, { partial: true }).missing).toEqual([ids[2]]);
  });

  it('unknown industry', () => {
    expect(thrown(() => compileScoring(FIXTURE, 'gold')).code).toBe('UNKNOWN_INDUSTRY');
  });
});

describe('score: trace explains every number exactly', () => {
  const compiled = compileScoring(FIXTURE, 'mining');
  const r = score(compiled, handCase(), { trace: true });
  const t = r.trace!;

  it('is produced only on request', () => {
    expect(score(compiled, handCase()).trace).toBeUndefined();
  });

  it('unit entries: requirement ids and scores, and the mean', () => {
    const a1 = t.units.find((u) => u.unitId === 'a' && u.level === 'S1')!;
    expect(a1.requirements).toEqual([
      { id: 'common.a.S1.1', score: '1' },
      { id: 'common.a.S1.2', score: '0.8' },
      { id: 'common.a.S1.3', score: '0.5' },
    ]);
    expect([frac(a1.sum), a1.n, frac(a1.mean)]).toEqual(['23/10', 3, '23/30']);
    expect(a1.formula).toBe('C = (1 + 0.8 + 0.5) / 3 = 23/30 ≈ 0.77');
  });

  it('domain entries: β and C terms', () => {
    const org = t.domains.find((d) => d.domainId === 'org' && d.level === 'S1')!;
    expect(org.terms.map((x) => [x.id, frac(x.weight), frac(x.value), frac(x.product)])).toEqual([
      ['a', '4/9', '23/30', '46/135'],
      ['b', '2/9', '1', '2/9'],
      ['c', '1/3', '1/2', '1/6'],
    ]);
    expect(frac(org.value)).toBe('197/270');
  });

  it('level entries: α and B terms, threshold decision; total: contributions', () => {
    const l1 = t.levels[0]!;
    expect(l1.terms.map((x) => [x.id, frac(x.weight), frac(x.value)])).toEqual([
      ['org', '9/20', '197/270'],
      ['ops', '11/20', '73/110'],
    ]);
    expect([frac(l1.value), l1.met, l1.threshold]).toEqual(['52/75', false, '0.8']);
    expect(t.levels[1]!.formula).toContain('flagged');
    expect(t.total.terms.map((x) => frac(x.contribution))).toEqual(['52/75', '1', '1', '1/2', '0']);
    expect(t.total.formula).toBe('S = 52/75 + 1 + 1 + 1/2 + 0 = 479/150 ≈ 3.19');
    expect(t.conclusion).toBe('三级 领域级 (2.8≤S<3.8)');
  });

  it('marks missing requirements in a partial trace', () => {
    const input: Record<string, number> = handCase();
    delete input['common.a.S1.2'];
    const p = score(compiled, input, { partial: true, trace: true });
    const a1 = p.trace!.units.find((u) => u.unitId === 'a' && u.level === 'S1')!;
    expect(a1.requirements[1]).toEqual({ id: 'common.a.S1.2', score: null });
    expect(frac(a1.mean)).toBe('1/2');
  });
});

describe('randomAssessment: deterministic for a seed', () => {
  it('same seed, same assessment; covers every requirement with a grade', () => {
    const c = compileScoring(FIXTURE, 'smelting');
    const a = randomAssessment(c, seededRng(42));
    expect(randomAssessment(c, seededRng(42))).toEqual(a);
    expect(randomAssessment(c, seededRng(43))).not.toEqual(a);
    expect(Object.keys(a)).toEqual([...allRequirementIds(c)]);
    expect(new Set(Object.values(a)).size).toBeGreaterThan(1);
    for (const v of Object.values(a)) expect([1, 0.8, 0.5, 0]).toContain(v);
  });
});

describe('score: total beyond the safe-integer common denominator falls back to bigint, still exact', () => {
  // Found by the property test: empty cells make per-level weights whose five level denominators have an
  // lcm above 2^53 / 5.
  const model = buildModel({
    id: 'big-denominator',
    domains: [
      {
        id: 'd0',
        subs: [
          { id: 's0_0', type: 'common', percent: 1 },
          { id: 's0_1', type: 'industry', percent: 11 },
        ],
      },
      {
        id: 'd1',
        subs: [
          { id: 's1_0', type: 'common', percent: 7 },
          { id: 's1_1', type: 'industry', percent: 15 },
          { id: 's1_2', type: 'common', percent: 1 },
        ],
      },
      {
        id: 'd2',
        subs: [
          { id: 's2_0', type: 'industry', percent: 12 },
          { id: 's2_1', type: 'common', percent: 16 },
        ],
      },
    ],
    common: [
      { id: 's0_0', domainId: 'd0', counts: [0, 1, 0, 0, 1] },
      { id: 's1_0', domainId: 'd1', counts: [0, 1, 0, 0, 1] },
      { id: 's1_2', domainId: 'd1', counts: [1, 0, 2, 1, 0] },
    ],
    industries: {
      mining: [
        { id: 's0_1', domainId: 'd0', counts: [0, 1, 1, 0, 0] },
        { id: 's1_1', domainId: 'd1', counts: [0, 1, 1, 0, 1] },
      ],
      smelting: [],
      processing: [],
    },
  });

  it('uses the bigint total and agrees with the reference evaluator', () => {
    const c = compileScoring(model, 'mining', { displayDecimals: 0 });
    expect(c.c.bigTotal).not.toBeNull();
    for (const seed of [1, 2, 3, 4, 5]) {
      const input = randomAssessment(c, seededRng(seed));
      const r = score(c, input, { trace: true }); // the trace self-checks against the reference
      expect(r.trace!.total.value).toEqual(r.total);
    }
    const top = score(
      c,
      fill(allRequirementIds(c), () => 1),
    );
    expect([frac(top.total), top.conclusion.level]).toEqual(['5', 5]);
  });
});
