/**
 * Small hand-written StandardModel fixtures for tests (the real model lives under standard/).
 *
 * FIXTURE (weights chosen so that the three rescaling policies give different results):
 *   domain org: a common 20 %, b common 10 %, c industry 15 %   (45 %)
 *   domain ops: d industry 30 %, e industry 25 %                 (55 %)   → common 30 %, industry 70 %
 *   Appendix A: rows a, b.
 *   mining:     rows c, d, e               (nothing dropped)
 *   smelting:   rows c, "de" covering d+e  (a merged row carrying 55 %)
 *   processing: row d only                 (c and e dropped)
 * Requirement ids: `<table>.<row>.<level>.<n>`.
 */
import {
  LEVEL_CODES,
  type AppendixRow,
  type AppendixTable,
  type IndicatorType,
  type IndustryId,
  type LevelCode,
  type ScoringPolicy,
  type StandardModel,
} from '../model/types.js';

export interface RowSpec {
  id: string;
  domainId: string;
  covers?: string[];
  /** Number of requirements at S1..S5. */
  counts: [number, number, number, number, number];
}

export interface FixtureSpec {
  id: string;
  domains: { id: string; subs: { id: string; type: IndicatorType; percent: number }[] }[];
  common: RowSpec[];
  industries: Record<IndustryId, RowSpec[]>;
}

export const DEFAULT_POLICY: ScoringPolicy = {
  weightRescaling: 'within-domain',
  levelMetComparison: 'at-least',
  levelMetThreshold: '0.8',
  gating: false,
  displayDecimals: 2,
};

function table(id: 'common' | IndustryId, rows: RowSpec[]): AppendixTable {
  return {
    id,
    title: `fixture table ${id}`,
    seedLine: 1,
    rows: rows.map((r): AppendixRow => {
      const levels = {} as Record<LevelCode, AppendixRow['levels'][LevelCode]>;
      LEVEL_CODES.forEach((code, l) => {
        levels[code] = Array.from({ length: r.counts[l]! }, (_, i) => ({
          id: `${id}.${r.id}.${code}.${i + 1}`,
          seq: i + 1,
          text: `requirement ${i + 1} of ${r.id} at ${code}`,
          examples: [],
          seedLines: [1],
        }));
      });
      return {
        id: r.id,
        name: `row ${r.id}`,
        covers: r.covers ?? [r.id],
        domainId: r.domainId,
        seedLine: 1,
        levels,
      };
    }),
  };
}

/** Builds a StandardModel from a compact spec, with the standard's Table 2 grades and Table 3 bands. */
export function buildModel(spec: FixtureSpec, policy: Partial<ScoringPolicy> = {}): StandardModel {
  return {
    meta: {
      id: spec.id,
      title: spec.id,
      titleEn: spec.id,
      status: 'fixture',
      source: { file: '-', sha256: '-' },
    },
    domains: spec.domains.map((d) => ({
      id: d.id,
      name: `域${d.id}`,
      nameEn: d.id,
      seedLine: 1,
      subdomains: d.subs.map((s) => ({
        id: s.id,
        name: `子域${s.id}`,
        nameEn: s.id,
        type: s.type,
        weightPercent: s.percent,
        seedLine: 1,
      })),
    })),
    satisfaction: [
      { key: 'full', label: '全部满足', labelEn: 'Fully satisfied', score: '1' },
      { key: 'mostly', label: '大部分满足', labelEn: 'Mostly satisfied', score: '0.8' },
      { key: 'partly', label: '部分满足', labelEn: 'Partly satisfied', score: '0.5' },
      { key: 'none', label: '不满足', labelEn: 'Not satisfied', score: '0' },
    ],
    levels: [
      ['一级', '规范级', 'Standardised', '0.8', '1.8', false],
      ['二级', '场景级', 'Scenario', '1.8', '2.8', false],
      ['三级', '领域级', 'Domain', '2.8', '3.8', false],
      ['四级', '平台级', 'Platform', '3.8', '4.8', false],
      ['五级', '生态级', 'Ecosystem', '4.8', '5', true],
    ].map(([ordinal, name, nameEn, min, max, inc], i) => ({
      level: i + 1,
      ordinal: ordinal as string,
      name: name as string,
      nameEn: nameEn as string,
      min: min as string,
      max: max as string,
      maxInclusive: inc as boolean,
      description: '',
      seedLine: 1,
    })),
    policy: { ...DEFAULT_POLICY, ...policy },
    policyDocs: {
      weightRescaling: { options: ['within-domain', 'within-type', 'global'], rationale: 'fixture' },
      levelMetComparison: { options: ['at-least', 'greater-than'], rationale: 'fixture' },
      levelMetThreshold: { options: ['0.8'], rationale: 'fixture' },
      gating: { options: [false, true], rationale: 'fixture' },
      displayDecimals: { options: [2], rationale: 'fixture' },
    },
    common: table('common', spec.common),
    industries: {
      mining: table('mining', spec.industries.mining),
      smelting: table('smelting', spec.industries.smelting),
      processing: table('processing', spec.industries.processing),
    },
  };
}

export const FIXTURE_SPEC: FixtureSpec = {
  id: 'fixture-1',
  domains: [
    {
      id: 'org',
      subs: [
        { id: 'a', type: 'common', percent: 20 },
        { id: 'b', type: 'common', percent: 10 },
        { id: 'c', type: 'industry', percent: 15 },
      ],
    },
    {
      id: 'ops',
      subs: [
        { id: 'd', type: 'industry', percent: 30 },
        { id: 'e', type: 'industry', percent: 25 },
      ],
    },
  ],
  common: [
    { id: 'a', domainId: 'org', counts: [3, 2, 4, 1, 2] },
    { id: 'b', domainId: 'org', counts: [2, 3, 1, 2, 3] },
  ],
  industries: {
    mining: [
      { id: 'c', domainId: 'org', counts: [1, 2, 3, 2, 1] },
      { id: 'd', domainId: 'ops', counts: [4, 3, 2, 3, 2] },
      { id: 'e', domainId: 'ops', counts: [2, 2, 2, 1, 3] },
    ],
    smelting: [
      { id: 'c', domainId: 'org', counts: [2, 1, 2, 3, 1] },
      { id: 'de', domainId: 'ops', covers: ['d', 'e'], counts: [7, 3, 2, 2, 4] },
    ],
    processing: [{ id: 'd', domainId: 'ops', counts: [3, 3, 3, 3, 3] }],
  },
};

export const FIXTURE = buildModel(FIXTURE_SPEC);

/**
 * A whole domain lost: mining has no unit in `ops` (55 % industry weight → falls through to the industry
 * type); smelting has no industry row at all (70 % → falls through to global).
 */
export const DOMAIN_DROP = buildModel({
  id: 'fixture-domain-drop',
  domains: FIXTURE_SPEC.domains,
  common: FIXTURE_SPEC.common,
  industries: {
    mining: [{ id: 'c', domainId: 'org', counts: [1, 1, 1, 1, 1] }],
    smelting: [],
    processing: FIXTURE_SPEC.industries.processing,
  },
});

/** Single unit, single domain: level scores equal the unit means (for boundary tests). */
export function singleUnitModel(counts: [number, number, number, number, number]): StandardModel {
  return buildModel({
    id: 'fixture-single',
    domains: [{ id: 'x', subs: [{ id: 'u', type: 'common', percent: 100 }] }],
    common: [{ id: 'u', domainId: 'x', counts }],
    industries: { mining: [], smelting: [], processing: [] },
  });
}
