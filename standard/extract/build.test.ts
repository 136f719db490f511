import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppendixTable } from '../../src/model/types.js';
import { LEVEL_CODES } from '../../src/model/types.js';
import { buildModel, identifyIndustry, MODEL_ID } from './build.js';
import { CORRECTIONS } from './corrections.js';
import { DEFAULT_OUT, DEFAULT_SEED } from './extract.js';
import { clean, stripNumbering, toLines } from './text.js';

const seed = readFileSync(DEFAULT_SEED, 'utf8');
const result = buildModel(seed, basename(DEFAULT_SEED));
const committed = (name: string) => readFileSync(resolve(DEFAULT_OUT, name), 'utf8');
const table = (id: string): AppendixTable =>
  JSON.parse(committed(`appendix-${id === 'common' ? 'a' : 'b'}-${id}.json`));
const TABLES = ['common', 'mining', 'smelting', 'processing'] as const;

describe('extraction from the seed', () => {
  it('yields exactly the committed JSON files (data and script cannot drift)', () => {
    expect(Object.keys(result.files).sort()).toEqual([
      'appendix-a-common.json',
      'appendix-b-mining.json',
      'appendix-b-processing.json',
      'appendix-b-smelting.json',
      'display-text.json',
      'meta.json',
      'table1-indicators.json',
      'table2-satisfaction.json',
      'table3-levels.json',
    ]);
    for (const [name, content] of Object.entries(result.files)) {
      expect(committed(name), `${name} differs from a fresh extraction: run npm run extract`).toBe(content);
    }
  });

  it('records the model id and the seed hash', () => {
    expect(result.meta.id).toBe(MODEL_ID);
    expect(result.meta.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(buildModel(seed + '\n', 'x.txt').meta.source.sha256).not.toBe(result.meta.source.sha256);
  });

  it('reads Table 1: 8 domains, 38 sub-domains, 16 common weighing 30 and 22 industry weighing 70', () => {
    const subs = result.domains.flatMap((d) => d.subdomains);
    expect(result.domains.map((d) => d.id)).toEqual([
      'organization',
      'technology',
      'data',
      'resources',
      'digital-operations',
      'digital-production',
      'digital-services',
      'digital-outcomes',
    ]);
    expect(subs).toHaveLength(38);
    const sum = (t: string) => subs.filter((s) => s.type === t).reduce((a, s) => a + s.weightPercent, 0);
    expect([subs.filter((s) => s.type === 'common').length, sum('common')]).toEqual([16, 30]);
    expect([subs.filter((s) => s.type === 'industry').length, sum('industry')]).toEqual([22, 70]);
    // blank type cells carry down: 转型战略 (line 92) is common like 组织建设 above it
    expect(subs.find((s) => s.id === 'transformation-strategy')).toMatchObject({
      type: 'common',
      seedLine: 92,
    });
    // the domain name of 数字化生产 stands on a continuation line after blank lines
    expect(result.domains[5]).toMatchObject({ name: '数字化生产', seedLine: 182 });
    expect(subs.find((s) => s.id === 'production-operations')).toMatchObject({
      type: 'industry',
      weightPercent: 8,
    });
  });

  it('reads Tables 2 and 3', () => {
    expect(result.grades.map((g) => [g.key, g.score])).toEqual([
      ['full', '1'],
      ['mostly', '0.8'],
      ['partly', '0.5'],
      ['none', '0'],
    ]);
    expect(result.levels.map((l) => [l.ordinal, l.name, l.min, l.max, l.maxInclusive])).toEqual([
      ['一级', '规范级', '0.8', '1.8', false],
      ['二级', '场景级', '1.8', '2.8', false],
      ['三级', '领域级', '2.8', '3.8', false],
      ['四级', '平台级', '3.8', '4.8', false],
      ['五级', '生态级', '4.8', '5', true],
    ]);
    expect(result.levels[4]!.description).toMatch(/^企业应基于数据持续推动.*共生和进化。$/);
  });

  it('identifies the three Appendix B tables by their content', () => {
    expect(result.appendices.map((t) => [t.id, t.seedLine])).toEqual([
      ['common', 356],
      ['mining', 606],
      ['smelting', 1048],
      ['processing', 1760],
    ]);
    expect(identifyIndustry('采选作业，选矿，冶炼').industry).toBe('mining');
    expect(identifyIndustry('熔炼-保温-铸造-轧制（挤压）-拉拔').industry).toBe('processing');
  });

  it('maps merged and heading rows as documented', () => {
    const mining = table('mining');
    const processing = table('processing');
    expect(mining.rows[0]).toMatchObject({
      id: 'technology-innovation-incl-rd-management',
      covers: ['rd-management', 'technology-innovation'],
    });
    expect(mining.rows.find((r) => r.seedLine === 971)).toMatchObject({
      id: 'service-products',
      covers: ['service-products'],
    });
    expect(mining.rows.map((r) => r.id)).not.toContain('product-design');
    expect(processing.rows.find((r) => r.seedLine === 2242)).toMatchObject({
      id: 'service-capability',
      domainId: 'digital-services',
    });
    expect(processing.rows.map((r) => r.id)).not.toContain('service-operation');
    expect(processing.rows.map((r) => r.id)).not.toContain('pilot-verification');
  });

  it('applies the corrections', () => {
    const common = table('common');
    const s5 = common.rows.find((r) => r.id === 'organization-building')!.levels.S5;
    expect(s5).toHaveLength(4);
    expect(s5[3]).toMatchObject({ seedLines: [386, 387] });
    expect(s5[3]!.text.endsWith('引入外部的数字化解决方案。与发展。')).toBe(true);
    const delivery = table('mining').rows.find((r) => r.id === 'service-delivery')!.levels.S4;
    expect(delivery.map((r) => r.seedLines)).toEqual([[1019], [1020], [1021]]);
    expect(delivery[1]!.text).toBe(
      '与供应链上下游企业、技术提供商等建立合作关系，共同构建服务交付生态系统，实现资源共享和协同创新。',
    );
    const smeltingQc = table('smelting').rows.find((r) => r.id === 'quality-control')!.levels.S3;
    expect(smeltingQc).toHaveLength(3);
  });

  it('splits requirements, strips numbering and bookmarks, attaches examples', () => {
    const all = TABLES.flatMap((t) => table(t).rows.flatMap((r) => LEVEL_CODES.flatMap((c) => r.levels[c])));
    for (const r of all) {
      expect(r.text, r.id).not.toMatch(/^\s|\s$|\[bookmark|^\d{1,2}\s*[.．、]|^示例/);
      for (const e of r.examples) expect(e, r.id).not.toMatch(/^示例/);
    }
    expect(all.filter((r) => r.examples.length > 0).map((r) => r.id)).toEqual([
      'common.data-assets.S2.1',
      'common.data-assets.S3.2',
      'common.data-assets.S5.1',
      'common.infrastructure.S3.2',
    ]);
    const ps = table('common').rows.find((r) => r.id === 'process-management')!.levels.S2;
    expect(ps.slice(0, 2).map((r) => r.seedLines)).toEqual([[418], [418]]);
  });

  it('accounts for every non-empty seed line of the appendix tables', () => {
    const lines = toLines(seed);
    const used = new Map<number, string>();
    for (const t of TABLES) {
      const range = result.appendixRanges.find((r) => r.table === t)!;
      for (const row of table(t).rows)
        for (const c of LEVEL_CODES)
          for (const r of row.levels[c])
            for (const l of r.seedLines) {
              expect(l >= range.from && l <= range.to, `${r.id} line ${l} outside ${t}`).toBe(true);
              // a line holds several requirements only within one level cell ("…；2.应…")
              const cell = r.id.replace(/\.\d+$/, '');
              const other = used.get(l);
              expect(other && other !== cell ? `${l} in ${other} and ${cell}` : '').toBe('');
              used.set(l, cell);
            }
    }
    for (const [l, role] of result.structuralLines) {
      expect(used.has(l) ? `${l} is ${role} and in ${used.get(l)}` : '').toBe('');
    }
    const missing: number[] = [];
    for (const range of result.appendixRanges)
      for (const l of lines.slice(range.from - 1, range.to))
        if (l.text.trim() !== '' && !used.has(l.line) && !result.structuralLines.has(l.line))
          missing.push(l.line);
    expect(missing).toEqual([]);
    // the ranges are contiguous up to the end of the seed
    expect(result.appendixRanges[result.appendixRanges.length - 1]!.to).toBe(lines.length);
  });

  it('cites every correction and every ignored line in NOTES.md', () => {
    const notes = readFileSync(resolve(DEFAULT_OUT, 'NOTES.md'), 'utf8');
    for (const c of CORRECTIONS)
      expect(notes, `line ${c.line} (${c.kind})`).toMatch(new RegExp(`\\b${c.line}\\b`));
    const ignored = [...result.structuralLines].filter(([, role]) => role === 'ignored').map(([l]) => l);
    expect(ignored).toEqual([1478]);
  });

  it('states the right counts in NOTES.md', () => {
    const notes = readFileSync(resolve(DEFAULT_OUT, 'NOTES.md'), 'utf8');
    for (const t of result.appendices) {
      const per = LEVEL_CODES.map((c) => t.rows.reduce((a, r) => a + r.levels[c].length, 0));
      const examples = t.rows.reduce(
        (a, r) =>
          a + LEVEL_CODES.reduce((b, c) => b + r.levels[c].reduce((x, q) => x + q.examples.length, 0), 0),
        0,
      );
      const total = per.reduce((a, b) => a + b, 0);
      const cells = notes
        .slice(notes.indexOf('## 9. Counts'))
        .split('\n')
        .map((l) => l.split('|').map((c) => c.trim()))
        .find((c) => c[1]?.startsWith(t.id));
      expect(cells?.slice(2, 10), t.id).toEqual([t.rows.length, ...per, total, examples].map(String));
    }
  });

  it('keeps the exact text of the seed for requirements standing alone on their line', () => {
    const lines = toLines(seed);
    const corrected = new Set(CORRECTIONS.map((c) => c.line));
    const all = TABLES.flatMap((t) => table(t).rows.flatMap((r) => LEVEL_CODES.flatMap((c) => r.levels[c])));
    const perLine = new Map<number, number>();
    for (const r of all) for (const l of r.seedLines) perLine.set(l, (perLine.get(l) ?? 0) + 1);
    let checked = 0;
    for (const r of all) {
      const l = r.seedLines[0]!;
      if (r.seedLines.length !== 1 || perLine.get(l) !== 1 || corrected.has(l)) continue;
      expect(r.text, r.id).toBe(stripNumbering(clean(lines[l - 1]!.text)).rest);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(1400);
  });
});
