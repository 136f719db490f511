import { describe, expect, it } from 'vitest';
import { ScoringError } from './errors.js';
import { buildModel, DOMAIN_DROP, FIXTURE, FIXTURE_SPEC } from './fixtures.test-util.js';
import { Rational } from '../exact/rational.js';
import { effectiveModel, effectiveUnits, type EffectiveModel } from './effective.js';
import { loadModel } from './load.js';
import { INDUSTRIES, LEVEL_CODES, type WeightRescaling } from './types.js';

/** unit id → weight, as fraction strings. */
const weights = (e: EffectiveModel): Record<string, string> =>
  Object.fromEntries(effectiveUnits(e).map((u) => [u.id, u.weight.toFractionString()]));
const alphas = (e: EffectiveModel): Record<string, string> =>
  Object.fromEntries(e.domains.map((d) => [d.id, d.alpha.toFractionString()]));
const betas = (e: EffectiveModel): Record<string, string> =>
  Object.fromEntries(effectiveUnits(e).map((u) => [u.id, u.beta.toFractionString()]));

function expectCodeThrown(f: () => unknown, code: string): ScoringError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ScoringError);
    expect((e as ScoringError).code).toBe(code);
    return e as ScoringError;
  }
  throw new Error(`expected ScoringError ${code}`);
}

describe('effectiveModel: units of an industry = Appendix A rows + its Appendix B rows', () => {
  it('keeps Table 1 weights when nothing is dropped (mining)', () => {
    const e = effectiveModel(FIXTURE, 'mining');
    expect(e.domains.map((d) => d.id)).toEqual(['org', 'ops']);
    expect(e.domains.map((d) => d.units.map((u) => u.id))).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
    expect(weights(e)).toEqual({ a: '20', b: '10', c: '15', d: '30', e: '25' });
    expect(alphas(e)).toEqual({ org: '9/20', ops: '11/20' });
    expect(betas(e)).toEqual({ a: '4/9', b: '2/9', c: '1/3', d: '6/11', e: '5/11' });
    expect(e.dropped).toEqual([]);
    expect(e.rescaling.steps).toEqual([]);
    expect(effectiveUnits(e).map((u) => [u.source, u.type])).toEqual([
      ['common', 'common'],
      ['common', 'common'],
      ['mining', 'industry'],
      ['mining', 'industry'],
      ['mining', 'industry'],
    ]);
  });

  it('a merged row carries the sum of its members’ weights (smelting: de = d + e)', () => {
    const e = effectiveModel(FIXTURE, 'smelting');
    const de = effectiveUnits(e).find((u) => u.id === 'de')!;
    expect(de.covers).toEqual(['d', 'e']);
    expect(de.tablePercent).toBe(55);
    expect(de.weight.toFractionString()).toBe('55');
    expect(de.beta.toFractionString()).toBe('1');
    expect(e.dropped).toEqual([]);
  });

  it('lists requirements per level in the standard’s order', () => {
    const e = effectiveModel(FIXTURE, 'mining');
    const a = effectiveUnits(e)[0]!;
    expect(a.levels.S1.requirements.map((r) => r.id)).toEqual([
      'common.a.S1.1',
      'common.a.S1.2',
      'common.a.S1.3',
    ]);
    expect(LEVEL_CODES.map((c) => a.levels[c].requirements.length)).toEqual(FIXTURE_SPEC.common[0]!.counts);
  });

  it('rejects an unknown industry', () => {
    const err = expectCodeThrown(() => effectiveModel(FIXTURE, 'copper'), 'UNKNOWN_INDUSTRY');
    expect(err.ids).toEqual(['copper']);
    expect(err.message).toContain('mining, smelting, processing');
  });
});

describe('effectiveModel: weight rescaling of dropped sub-domains (processing drops c and e)', () => {
  const cases: [WeightRescaling, Record<string, string>, Record<string, string>][] = [
    // org keeps 45 (a 20→30, b 10→15), ops keeps 55 (d 30→55).
    ['within-domain', { a: '30', b: '15', d: '55' }, { org: '9/20', ops: '11/20' }],
    // common stays 30, industry 70: the lost 40 % industry weight goes to d (30→70).
    ['within-type', { a: '20', b: '10', d: '70' }, { org: '3/10', ops: '7/10' }],
    // renormalise over the remaining 60 %: ×5/3.
    ['global', { a: '100/3', b: '50/3', d: '50' }, { org: '1/2', ops: '1/2' }],
  ];
  for (const [policy, w, a] of cases) {
    it(`${policy}: hand-computed weights and α`, () => {
      const e = effectiveModel(FIXTURE, 'processing', { weightRescaling: policy });
      expect(e.policy.weightRescaling).toBe(policy);
      expect(weights(e)).toEqual(w);
      expect(alphas(e)).toEqual(a);
      expect(e.dropped.map((d) => d.id)).toEqual(['c', 'e']);
      expect(e.rescaling.lostPercent.toFractionString()).toBe('40');
      const total = effectiveUnits(e).reduce((s, u) => s.add(u.weight), Rational.ZERO);
      expect(total.toFractionString()).toBe('100');
    });
  }

  it('within-domain is the default and documents each step', () => {
    const e = effectiveModel(FIXTURE, 'processing');
    expect(e.rescaling.policy).toBe('within-domain');
    expect(
      e.rescaling.steps.map((s) => [
        s.stage,
        s.group,
        s.from,
        s.absorbedPercent.toFractionString(),
        s.factor.toFractionString(),
      ]),
    ).toEqual([
      ['within-domain', 'org', ['c'], '15', '3/2'],
      ['within-domain', 'ops', ['e'], '25', '11/6'],
    ]);
    expect(e.rescaling.note).toContain('within-domain [org]');
  });
});

describe('effectiveModel: a domain without any unit passes its weight to the next broader stage', () => {
  it('within-domain → within-type: mining has no unit in ops, its 55 % industry weight goes to c', () => {
    const e = effectiveModel(DOMAIN_DROP, 'mining');
    expect(e.droppedDomains).toEqual(['ops']);
    expect(e.domains.map((d) => d.id)).toEqual(['org']);
    expect(weights(e)).toEqual({ a: '20', b: '10', c: '70' });
    expect(alphas(e)).toEqual({ org: '1' });
    expect(e.rescaling.steps.map((s) => [s.stage, s.group, s.from])).toEqual([
      ['within-type', 'industry', ['d', 'e']],
    ]);
  });

  it('within-domain → global: smelting has no industry row at all', () => {
    const e = effectiveModel(DOMAIN_DROP, 'smelting');
    expect(weights(e)).toEqual({ a: '200/3', b: '100/3' });
    expect(e.rescaling.steps.map((s) => [s.stage, s.group])).toEqual([
      ['within-domain', 'org'],
      ['global', 'all'],
    ]);
  });

  it('global policy on the same model', () => {
    const e = effectiveModel(DOMAIN_DROP, 'mining', { weightRescaling: 'global' });
    expect(weights(e)).toEqual({ a: '400/9', b: '200/9', c: '100/3' });
  });
});

describe('effectiveModel: model checks', () => {
  it('rejects a row covering a sub-domain of another domain', () => {
    const bad = buildModel({
      ...FIXTURE_SPEC,
      industries: {
        ...FIXTURE_SPEC.industries,
        mining: [{ id: 'd', domainId: 'org', counts: [1, 1, 1, 1, 1] }],
      },
    });
    expectCodeThrown(() => effectiveModel(bad, 'mining'), 'MODEL_INVALID');
  });

  it('rejects a sub-domain covered twice and an unknown sub-domain', () => {
    const twice = buildModel({
      ...FIXTURE_SPEC,
      industries: {
        ...FIXTURE_SPEC.industries,
        mining: [{ id: 'a', domainId: 'org', counts: [1, 1, 1, 1, 1] }],
      },
    });
    expectCodeThrown(() => effectiveModel(twice, 'mining'), 'MODEL_INVALID');
    const unknown = buildModel({
      ...FIXTURE_SPEC,
      industries: {
        ...FIXTURE_SPEC.industries,
        mining: [{ id: 'zz', domainId: 'org', counts: [1, 1, 1, 1, 1] }],
      },
    });
    expectCodeThrown(() => effectiveModel(unknown, 'mining'), 'MODEL_INVALID');
  });

  it('rejects a bad policy', () => {
    expectCodeThrown(() => effectiveModel(FIXTURE, 'mining', { levelMetThreshold: 'abc' }), 'BAD_POLICY');
    expectCodeThrown(() => effectiveModel(FIXTURE, 'mining', { levelMetThreshold: '1.5' }), 'BAD_POLICY');
    expectCodeThrown(() => effectiveModel(FIXTURE, 'mining', { displayDecimals: -1 }), 'BAD_POLICY');
    expectCodeThrown(
      () => effectiveModel(FIXTURE, 'mining', { weightRescaling: 'nope' as WeightRescaling }),
      'BAD_POLICY',
    );
  });

  it('an empty unit × level cell is absent for that level only: its weight is rescaled within the domain', () => {
    const m = buildModel({
      ...FIXTURE_SPEC,
      industries: {
        ...FIXTURE_SPEC.industries,
        mining: [
          { id: 'c', domainId: 'org', counts: [1, 0, 1, 1, 1] },
          { id: 'd', domainId: 'ops', counts: [1, 1, 1, 1, 1] },
          { id: 'e', domainId: 'ops', counts: [1, 1, 1, 1, 1] },
        ],
      },
    });
    const e = effectiveModel(m, 'mining');
    expect(e.emptyCells).toEqual([{ unitId: 'c', level: 'S2' }]);
    const [a, b, c] = effectiveUnits(e);
    expect([a!.levels.S2.weight, b!.levels.S2.weight, c!.levels.S2.weight].map(String)).toEqual([
      '30',
      '15',
      '0',
    ]);
    expect([a!.levels.S1.weight, c!.levels.S1.weight].map(String)).toEqual(['20', '15']);
    expect(e.domains[0]!.levels.S2.alpha.toFractionString()).toBe('9/20');
    expect(a!.levels.S2.beta.toFractionString()).toBe('2/3');
  });
});

describe('effectiveModel on the real model (nfm-dtmm-2024-draft)', () => {
  const model = loadModel('nfm-dtmm-2024-draft');
  const tablePercent = new Map(
    model.domains.map((d) => [d.id, d.subdomains.reduce((s, x) => s + x.weightPercent, 0)]),
  );

  for (const industry of INDUSTRIES) {
    it(`${industry}: Σα = 1, Σβ = 1 per domain, every domain keeps its Table 1 weight (within-domain)`, () => {
      const e = effectiveModel(model, industry);
      expect(e.domains.reduce((s, d) => s.add(d.alpha), Rational.ZERO).toFractionString()).toBe('1');
      for (const d of e.domains) {
        expect(d.units.reduce((s, u) => s.add(u.beta), Rational.ZERO).toFractionString()).toBe('1');
        expect(d.weight.toFractionString()).toBe(String(tablePercent.get(d.id)));
      }
      // Every Table 1 sub-domain is covered exactly once or listed as dropped.
      const covered = effectiveUnits(e).flatMap((u) => u.covers);
      const all = model.domains.flatMap((d) => d.subdomains.map((s) => s.id));
      expect([...covered, ...e.dropped.map((d) => d.id)].sort()).toEqual([...all].sort());
    });

    it(`${industry}: within-type keeps common at 30 % and industry at 70 %`, () => {
      const e = effectiveModel(model, industry, { weightRescaling: 'within-type' });
      const byType = { common: Rational.ZERO, industry: Rational.ZERO };
      const t1 = new Map(model.domains.flatMap((d) => d.subdomains.map((s) => [s.id, s.type] as const)));
      for (const u of effectiveUnits(e))
        byType[t1.get(u.covers[0]!)!] = byType[t1.get(u.covers[0]!)!].add(u.weight);
      expect(byType.common.toFractionString()).toBe('30');
      expect(byType.industry.toFractionString()).toBe('70');
    });
  }
});
