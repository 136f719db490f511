import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { effectiveModel, effectiveUnits } from '../model/effective.js';
import { loadModel } from '../model/load.js';
import { LEVEL_CODES } from '../model/types.js';
import { seededRng } from '../scoring/index.js';
import type { GradeKey } from '../planning/types.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { convertWithLibreOffice, findSoffice, shutdownLibreOffice, xlsxToPdf } from './pdf.js';
import { importScoringWorkbook } from './xlsx-import.js';
import { zipEntry } from '../testing/zip.js';
import { COL, COVER_SHEET, FIRST_DATA_ROW, scoringTemplateBuffer } from './xlsx-template.js';

const model = loadModel('nfm-dtmm-2024-draft');
afterAll(() => shutdownLibreOffice());
const LABEL: Record<GradeKey, string> = {
  full: '全部满足',
  mostly: '大部分满足',
  partly: '部分满足',
  none: '不满足',
};
const NUMBER: Record<GradeKey, number> = { full: 1, mostly: 0.8, partly: 0.5, none: 0 };
const KEYS: GradeKey[] = ['full', 'mostly', 'partly', 'none'];

async function load(buf: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(buf) as unknown as ExcelJS.Buffer);
  return wb;
}

/** Fills every 评分 cell: labels on even rows, numbers on odd rows; evidence on every third row. */
async function fill(
  buf: Uint8Array,
  seed: number,
): Promise<{ buf: Buffer; expected: Map<string, GradeKey> }> {
  const wb = await load(buf);
  const rng = seededRng(seed);
  const expected = new Map<string, GradeKey>();
  for (const ws of wb.worksheets) {
    if (ws.name === COVER_SHEET) continue;
    for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const id = row.getCell(COL.id).value as string;
      const g = KEYS[Math.floor(rng() * 4)]!;
      expected.set(id, g);
      row.getCell(COL.grade).value = r % 2 === 0 ? LABEL[g] : NUMBER[g];
      if (r % 3 === 0) {
        row.getCell(COL.evidence).value = `证据 ${id}`;
        row.getCell(COL.rationale).value = `理由：现场核查 ${r}`;
      }
    }
  }
  wb.getWorksheet(COVER_SHEET)!.getCell('B6').value = '某某有色金属集团有限公司';
  return { buf: Buffer.from(await wb.xlsx.writeBuffer()), expected };
}

describe('scoring workbook', () => {
  it('is laid out like the appendix tables, protected, with a drop-down and a frozen header', async () => {
    const buf = await scoringTemplateBuffer(model, 'smelting', { info: { enterprise: '测试冶炼厂' } });
    const wb = await load(buf);
    const eff = effectiveModel(model, 'smelting');
    expect(wb.worksheets.map((w) => w.name)).toEqual([COVER_SHEET, ...eff.domains.map((d) => d.name)]);
    const org = wb.getWorksheet('组织')!;
    expect(org.getRow(2).values).toEqual([
      undefined,
      '要求编号',
      '能力域',
      '能力子域',
      '指标类型',
      '等级',
      '序号',
      '要求',
      '评分',
      '证据',
      '说明/理由',
    ]);
    const first = effectiveUnits(eff).find((u) => u.domainId === 'organization')!;
    expect(org.getCell(3, COL.id).value).toBe(first.levels.S1.requirements[0]!.id);
    expect(org.getCell(3, COL.unit).value).toBe(first.name);
    expect(org.getCell(3, COL.level).value).toBe('S1');
    expect(org.getCell(3, COL.grade).dataValidation.formulae).toEqual([
      '"全部满足,大部分满足,部分满足,不满足"',
    ]);
    expect(org.getCell(3, COL.grade).protection?.locked).toBe(false);
    expect(org.getCell(3, COL.text).protection?.locked).not.toBe(false);
    expect(org.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect((org as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const total = eff.domains.reduce(
      (a, d) =>
        a +
        d.units.reduce((b, u) => b + LEVEL_CODES.reduce((c, l) => c + u.levels[l].requirements.length, 0), 0),
      0,
    );
    const rows = wb.worksheets.slice(1).reduce((a, w) => a + w.rowCount - 2, 0);
    expect(rows).toBe(total);
  });

  it('round-trips: template → fill (labels and numbers) → import gives every grade and note', async () => {
    const tpl = await scoringTemplateBuffer(model, 'mining');
    const { buf, expected } = await fill(tpl, 42);
    const t0 = performance.now();
    const out = await importScoringWorkbook(model, buf, { industry: 'mining', requireComplete: true });
    const ms = performance.now() - t0;
    console.log(`import of a full mining workbook (${expected.size} requirements): ${ms.toFixed(0)} ms`);
    if (!out.ok) throw new Error(out.errors.map((e) => e.message).join('\n'));
    expect(out.workbook.industry).toBe('mining');
    expect(out.workbook.enterprise).toBe('某某有色金属集团有限公司');
    expect(out.workbook.unscored).toEqual([]);
    expect(out.workbook.grades).toEqual(expected);
    const withNote = out.workbook.scores.find((s) => s.evidence);
    expect(withNote?.evidence).toBe(`证据 ${withNote?.requirementId}`);
    expect(withNote?.rationale).toMatch(/^理由：现场核查 \d+$/);
  });

  it('reports every bad cell by sheet and cell, and imports nothing', async () => {
    const tpl = await scoringTemplateBuffer(model, 'processing');
    const { buf } = await fill(tpl, 7);
    const wb = await load(buf);
    const org = wb.getWorksheet('组织')!;
    org.getCell('H12').value = '大部份满足'; // typo: 份 for 分
    org.getCell('H13').value = 0.7;
    const dupId = org.getCell('A5').value as string;
    org.getCell('A6').value = dupId;
    const lostId = (await load(tpl)).getWorksheet('组织')!.getCell('A6').value as string;
    org.getCell('A7').value = 'common.no-such-unit.S1.1';
    const smeltingId = model.industries.smelting.rows[0]!.levels.S1[0]!.id;
    org.getCell('A8').value = smeltingId;
    org.getCell('A9').value = null; // a score without an id
    const broken = Buffer.from(await wb.xlsx.writeBuffer());
    const out = await importScoringWorkbook(model, broken);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.partial).toBeUndefined();
    const msgs = out.errors.map((e) => e.messageEn);
    expect(out.errors.map((e) => e.message)).toContain(
      '组织!H12：“大部份满足”不是有效的满足程度（全部满足/大部分满足/部分满足/不满足）',
    );
    expect(msgs).toContain('组织!H12: "大部份满足" is not one of 全部满足/大部分满足/部分满足/不满足');
    expect(msgs).toContain('组织!H13: "0.7" is not one of 全部满足/大部分满足/部分满足/不满足');
    expect(
      msgs.some((m) => m.startsWith(`组织!A6: requirement ${dupId} appears twice (first at 组织!A5)`)),
    ).toBe(true);
    expect(msgs).toContain('组织!A7: unknown requirement id common.no-such-unit.S1.1');
    expect(
      msgs.some((m) => m.startsWith(`组织!A8: requirement ${smeltingId} belongs to industry smelting`)),
    ).toBe(true);
    expect(msgs).toContain('组织!A9: a score without a requirement id');
    // The ids overwritten in A6..A9 are now missing from the workbook.
    expect(out.errors.filter((e) => e.code === 'missing-requirement').map((e) => e.requirementId)).toContain(
      lostId,
    );
    expect(out.errors.filter((e) => e.code === 'missing-requirement')).toHaveLength(4);

    const partial = await importScoringWorkbook(model, broken, { partial: true });
    expect(partial.ok).toBe(false);
    if (!partial.ok) expect(partial.partial!.scores.length).toBeGreaterThan(400);
  });

  it("rejects another industry's workbook with one problem at 封面!B5, and another model version", async () => {
    const { buf } = await fill(await scoringTemplateBuffer(model, 'smelting'), 3);
    const out = await importScoringWorkbook(model, buf, { industry: 'mining' });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors.map((e) => e.messageEn)).toEqual([
      '封面!B5: this workbook is for industry smelting, expected mining',
    ]);
    expect(out.errors[0]!.message).toBe(
      '封面!B5：这是“冶炼”（smelting）评分表，需要的是“采选”（mining）评分表',
    );
    const wb = await load(buf);
    wb.getWorksheet(COVER_SHEET)!.getCell('B3').value = 'nfm-dtmm-2030';
    const other = await importScoringWorkbook(model, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(other.ok).toBe(false);
    if (!other.ok)
      expect(other.errors.map((e) => e.messageEn)).toEqual([
        '封面!B3: model version "nfm-dtmm-2030" is not nfm-dtmm-2024-draft',
      ]);
  });

  it('a cover changed to another industry gives one problem at 封面!B5, not one per row', async () => {
    const { buf } = await fill(await scoringTemplateBuffer(model, 'smelting'), 4);
    const wb = await load(buf);
    wb.getWorksheet(COVER_SHEET)!.getCell('B5').value = 'mining（采选）';
    const out = await importScoringWorkbook(model, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatchObject({ code: 'other-industry', sheet: COVER_SHEET, cell: 'B5' });
    expect(out.errors[0]!.message).toMatch(
      /^封面!B5：封面行业为“采选”（mining），但各工作表的要求属于“冶炼”（smelting）评分表/,
    );
  });

  it('an empty file, a non-zip file and a damaged zip get a message of their own, without library text', async () => {
    const empty = await importScoringWorkbook(model, Buffer.alloc(0));
    const text = await importScoringWorkbook(model, Buffer.from('not a zip'));
    const zip = await importScoringWorkbook(
      model,
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(50)]),
    );
    const all = [empty, text, zip].flatMap((o) => (o.ok ? [] : o.errors));
    expect(all.map((e) => e.code)).toEqual(['empty-file', 'not-a-workbook', 'not-a-workbook']);
    expect(all.map((e) => e.message)).toEqual([
      '文件为空：不是评分表工作簿',
      '不是 .xlsx 工作簿（文件不是 Excel 2007 及以上版本的格式；.xls、.csv 请先另存为 .xlsx）',
      '无法读取工作簿：文件已损坏或不是 Excel 工作簿',
    ]);
    for (const e of all)
      expect(`${e.message} ${e.messageEn}`).not.toMatch(/jszip|End of data|central directory/i);
  });

  it('a formula without a computed value names its cell (not "[object Object]")', async () => {
    const { buf } = await fill(await scoringTemplateBuffer(model, 'mining'), 5);
    const wb = await load(buf);
    wb.getWorksheet('组织')!.getCell('H4').value = {
      formula: 'IF(1,"全部满足","")',
    } as ExcelJS.CellFormulaValue;
    const out = await importScoringWorkbook(model, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatchObject({ code: 'formula-without-value', sheet: '组织', cell: 'H4' });
    expect(out.errors[0]!.message).toContain('组织!H4：评分是公式，但文件中没有计算结果');
    expect(JSON.stringify(out.errors)).not.toContain('[object Object]');
  });

  it('a deleted row is named with the sheet it belongs on and where it stood', async () => {
    const { buf } = await fill(await scoringTemplateBuffer(model, 'mining'), 6);
    const wb = await load(buf);
    const ws = wb.getWorksheet('技术')!;
    const lost = ws.getCell('A4').value as string;
    const before = ws.getCell('A3').value as string;
    ws.spliceRows(4, 1);
    const out = await importScoringWorkbook(model, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatchObject({ code: 'missing-requirement', sheet: '技术', requirementId: lost });
    expect(out.errors[0]!.message).toBe(`技术：缺少要求 ${lost}（应在 技术!A3 之后；该行被删除？）`);
    expect(before).toBeTruthy();
  });

  it('prints landscape, fit to the page width, header rows on every page (LibreOffice PDF; requires libreoffice-calc, poppler-utils)', async () => {
    findSoffice();
    const wb = await load(await scoringTemplateBuffer(model, 'smelting'));
    const org = wb.getWorksheet('组织')!;
    expect(org.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:2',
    });
    expect(org.pageSetup.printArea).toMatch(/^A1:J\d+$/);
    const pdf = await xlsxToPdf(await scoringTemplateBuffer(model, 'smelting'));
    const dir = mkdtempSync(join(tmpdir(), 'dtma-print-'));
    try {
      writeFileSync(join(dir, 't.pdf'), pdf);
      const text = spawnSync('pdftotext', ['-layout', join(dir, 't.pdf'), '-'], { encoding: 'utf8' }).stdout;
      const pages = text.split('\f').filter((p) => p.trim());
      // 722 requirements: before the print setup 71–92 pages with the grade column cut off.
      expect(pages.length).toBeLessThan(40);
      for (const p of pages.slice(1)) {
        expect(p).toContain('要求编号');
        expect(p).toContain('说明/理由');
        expect(p).toMatch(/第 \d+ 页 共 \d+ 页/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('survives a round trip through LibreOffice (requires LibreOffice: apt-get install libreoffice-calc)', async () => {
    findSoffice(); // throws a clear ToolMissingError when LibreOffice is missing
    const { buf, expected } = await fill(await scoringTemplateBuffer(model, 'smelting'), 11);
    const t0 = performance.now();
    const lo = await convertWithLibreOffice(buf, 'xlsx', 'xlsx:Calc MS Excel 2007 XML');
    console.log(`LibreOffice xlsx → xlsx: ${(performance.now() - t0).toFixed(0)} ms`);
    const out = await importScoringWorkbook(model, lo, { industry: 'smelting' });
    if (!out.ok) throw new Error(out.errors.map((e) => e.message).join('\n'));
    expect(out.workbook.grades).toEqual(expected);
    const wb = await load(lo);
    const org = wb.getWorksheet('组织')!;
    expect(org.getCell(3, COL.grade).dataValidation?.type).toBe('list');
    // LibreOffice writes sheet="true" / locked="false", which exceljs does not read back: look at the XML itself.
    const styles = zipEntry(lo, 'xl/styles.xml')!.toString('utf8');
    const sheetXml = zipEntry(lo, 'xl/worksheets/sheet2.xml')!.toString('utf8');
    expect(sheetXml).toMatch(/<sheetProtection [^>]*sheet="(true|1)"/);
    const styleOf = (ref: string): number =>
      Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheetXml)![1]);
    const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/
      .exec(styles)![1]!
      .match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)!;
    const unlocked = (ref: string): boolean => /<protection locked="(false|0)"/.test(xfs[styleOf(ref)]!);
    expect(unlocked('H3')).toBe(true);
    expect(unlocked('I3')).toBe(true);
    expect(unlocked('J3')).toBe(true);
    expect(unlocked('G3')).toBe(false);
    expect(unlocked('A3')).toBe(false);
  }, 180_000);
});
