import { describe, expect, it } from 'vitest';
import { loadModel } from './load.js';
import {
  compareDecimal,
  formatIssue,
  pointerToPath,
  validateFile,
  validateModel,
  type ModelIssue,
} from './schema.js';
import type { StandardModel } from './types.js';

const base = loadModel('nfm-dtmm-2024-draft');
const fresh = (): StandardModel => structuredClone(base) as StandardModel;
const find = (issues: ModelIssue[], file: string, path: string) =>
  issues.filter((i) => i.file === file && i.path === path).map((i) => i.message);

describe('helpers', () => {
  it('turns JSON pointers into JSON paths', () => {
    expect(pointerToPath('')).toBe('$');
    expect(pointerToPath('/rows/3/levels/S1/0/id')).toBe('$.rows[3].levels.S1[0].id');
    expect(pointerToPath('/a~1b/x-y')).toBe('$["a/b"]["x-y"]');
  });

  it('compares decimal strings exactly', () => {
    expect(compareDecimal('0.8', '0.80')).toBe(0);
    expect(compareDecimal('1.8', '2')).toBe(-1);
    expect(compareDecimal('4.8', '4.75')).toBe(1);
  });
});

describe('validateFile (JSON Schema)', () => {
  it('accepts the committed files', () => {
    expect(validateFile('meta', base.meta)).toEqual([]);
    expect(validateFile('mining', base.industries.mining)).toEqual([]);
  });

  it('names the file and the JSON path of each error', () => {
    const t = structuredClone(base.industries.smelting) as unknown as Record<string, unknown> & {
      rows: { levels: { S2: { seq: unknown; extra?: number }[] } }[];
    };
    t.rows[2]!.levels.S2[1]!.seq = 'two';
    t.rows[2]!.levels.S2[1]!.extra = 1;
    const issues = validateFile('smelting', t);
    expect(issues).toContainEqual({
      file: 'appendix-b-smelting.json',
      path: '$.rows[2].levels.S2[1].seq',
      message: 'must be integer',
    });
    expect(issues).toContainEqual({
      file: 'appendix-b-smelting.json',
      path: '$.rows[2].levels.S2[1]',
      message: 'unknown property "extra"',
    });
    expect(formatIssue(issues[0]!)).toMatch(/^appendix-b-smelting\.json \$\.rows\[2\]/);
  });

  it('checks enums and decimal strings', () => {
    const p = {
      default: { ...base.policy, weightRescaling: 'none', levelMetThreshold: '0,8' },
      docs: base.policyDocs,
    };
    const issues = validateFile('policy', p);
    expect(find(issues, 'policy.json', '$.default.weightRescaling')[0]).toMatch(/must be one of/);
    expect(find(issues, 'policy.json', '$.default.levelMetThreshold')[0]).toMatch(/must match pattern/);
  });
});

describe('validateModel', () => {
  it('finds nothing wrong with the committed model', () => {
    expect(validateModel(fresh())).toEqual([]);
  });

  it('checks the counts and weight sums of Table 1', () => {
    const m = fresh();
    m.domains[0]!.subdomains[0]!.weightPercent = 3;
    const issues = find(validateModel(m), 'table1-indicators.json', '$.domains');
    expect(issues).toContain('common weights sum to 31, expected 30');
    expect(issues).toContain('weights sum to 101, expected 100');
    const n = fresh();
    n.domains.pop();
    expect(find(validateModel(n), 'table1-indicators.json', '$.domains')).toContain(
      'expected 8 domains, found 7',
    );
  });

  it('checks that covers reference Table 1 sub-domains of the right type, each once', () => {
    const m = fresh();
    m.industries.mining.rows[4]!.covers = ['data-management'];
    m.industries.mining.rows[2]!.covers = ['business-digitization'];
    m.industries.mining.rows[3]!.covers = ['no-such-thing'];
    m.common.rows[0]!.covers = ['organization-building', 'digital-marketing'];
    const issues = validateModel(m);
    expect(find(issues, 'appendix-b-mining.json', '$.rows[4].covers[0]')).toEqual([
      '"data-management" is a common sub-domain, this table holds industry ones',
    ]);
    expect(find(issues, 'appendix-b-mining.json', '$.rows[2].covers[0]')).toEqual([
      '"business-digitization" is already covered by $.rows[1]',
    ]);
    expect(find(issues, 'appendix-b-mining.json', '$.rows[3].covers[0]')).toEqual([
      '"no-such-thing" is not a Table 1 sub-domain',
    ]);
    expect(find(issues, 'appendix-a-common.json', '$.rows[0].covers[1]')[0]).toMatch(
      /is a industry sub-domain/,
    );
  });

  it('checks requirement ids, sequence and non-empty level cells', () => {
    const m = fresh();
    const row = m.industries.processing.rows[4]!;
    row.levels.S3 = [];
    row.levels.S1[1]!.id = row.levels.S1[0]!.id;
    const issues = validateModel(m);
    expect(find(issues, 'appendix-b-processing.json', '$.rows[4].levels.S3')).toEqual([
      'level cell has no requirement',
    ]);
    expect(find(issues, 'appendix-b-processing.json', '$.rows[4].levels.S1[1].id')).toEqual([
      `expected id "processing.${row.id}.S1.2", found "${row.levels.S1[0]!.id}"`,
      `duplicate requirement id "${row.levels.S1[0]!.id}" (also appendix-b-processing.json $.rows[4].levels.S1[0])`,
    ]);
  });

  it('checks that Appendix A covers every common sub-domain', () => {
    const m = fresh();
    m.common.rows.splice(3, 1);
    expect(find(validateModel(m), 'appendix-a-common.json', '$.rows')).toEqual([
      'common sub-domain "change-management" has no row',
    ]);
  });

  it('checks Tables 2 and 3', () => {
    const m = fresh();
    m.satisfaction[1]!.score = '0.4';
    m.levels[2]!.min = '2.9';
    m.levels[4]!.maxInclusive = false;
    const issues = validateModel(m);
    expect(find(issues, 'table2-satisfaction.json', '$.grades[2].score')).toEqual([
      'scores must decrease (0.4 then 0.5)',
    ]);
    expect(find(issues, 'table3-levels.json', '$.levels[1].max')).toEqual([
      "max 2.8 must equal the next level's min 2.9",
    ]);
    expect(find(issues, 'table3-levels.json', '$.levels[4].maxInclusive')).toEqual([
      'the last level must include its max',
    ]);
  });

  it('checks that policy defaults are among the documented options', () => {
    const m = fresh();
    m.policy.displayDecimals = 7;
    expect(find(validateModel(m), 'policy.json', '$.default.displayDecimals')).toEqual([
      'default 7 is not among the options',
    ]);
  });
});
