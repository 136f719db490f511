/**
 * Issue 12, the list's workbook read back with exceljs: Chinese (or English) headers, bold and frozen, an
 * autofilter over the rows, numbers as numbers and dates as dates, the result and the team's progress empty
 * where the row has none, and the 筛选条件 sheet naming the filters, the exporter and the time.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  assessmentListFilename,
  assessmentListWorkbook,
  listHeaders,
  type AssessmentListRow,
  type AssessmentListWorkbookInput,
} from './assessment-list-xlsx.js';

const published: AssessmentListRow = {
  id: '01JZ8M3K9Q7W2B5N4X6C1V0D3F',
  enterprise: '江西某铜业股份有限公司',
  creditCode: '913600001583040173',
  industry: 'smelting',
  subSector: 'copper',
  stage: 'published',
  body: '有色金属数字化转型评估中心',
  leader: '王建国',
  appliedOn: '2025-03-12',
  dueOn: null,
  overdue: false,
  updatedOn: '2025-09-30',
  requirements: 120,
  selfDone: 118,
  experts: { done: 840, total: 840, submitted: 7, members: 7 },
  consensusDone: 120,
  openContests: 0,
  result: { total: '3.42', level: 3, conclusion: '三级 领域级', conclusionEn: 'Domain level' },
};

/** In scoring, overdue, read by someone who sees neither the team's sheets nor a result. */
const scoring: AssessmentListRow = {
  id: '01JZ8M3K9Q7W2B5N4X6C1V0D3G',
  enterprise: '云南某锡业有限公司',
  creditCode: null,
  industry: 'mining',
  subSector: null,
  stage: 'scoring',
  body: '有色金属数字化转型评估中心',
  leader: '李晓梅',
  appliedOn: '2025-05-06',
  dueOn: '2025-06-20',
  overdue: true,
  updatedOn: '2025-06-18',
  requirements: 96,
  selfDone: 48,
  experts: null,
  consensusDone: 0,
  openContests: 0,
  result: null,
};

const belowLevel1: AssessmentListRow = {
  ...published,
  id: '01JZ8M3K9Q7W2B5N4X6C1V0D3H',
  enterprise: '湖南某铅锌冶炼有限公司',
  subSector: 'lead_zinc',
  result: { total: '0.8', level: null, conclusion: '' },
};

const input = (over: Partial<AssessmentListWorkbookInput> = {}): AssessmentListWorkbookInput => ({
  lang: 'zh',
  rows: [published, scoring, belowLevel1],
  filters: { year: 2025, industry: 'smelting', q: '铜', sort: 'level', order: 'asc', overdue: true },
  exportedBy: '评估中心管理员（body@dtma.demo）',
  exportedAt: '2025-10-08T02:30:00.000Z',
  ...over,
});

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

/** The row's cells by header. */
function byHeader(ws: ExcelJS.Worksheet, row: number): Record<string, ExcelJS.CellValue> {
  const out: Record<string, ExcelJS.CellValue> = {};
  ws.getRow(1).eachCell((c, col) => (out[String(c.value)] = ws.getRow(row).getCell(col).value));
  return out;
}

describe('the assessment list workbook (issue 12)', () => {
  it('writes one row per assessment under bold, frozen Chinese headers with an autofilter', async () => {
    const wb = await read(await assessmentListWorkbook(input()));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('评估清单');
    const headers = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(headers).toEqual(listHeaders('zh'));
    expect(headers.slice(0, 7)).toEqual([
      '企业名称',
      '统一社会信用代码',
      '行业',
      '细分领域',
      '当前阶段',
      '评估机构',
      '评估组长',
    ]);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:${ws.getColumn(headers.length).letter}4`);
    expect(ws.rowCount).toBe(4);
    for (let c = 1; c <= headers.length; c++) expect(ws.getColumn(c).width, String(c)).toBeGreaterThan(5);
  });

  it('writes numbers as numbers, dates as dates, labels in Chinese', async () => {
    const ws = (await read(await assessmentListWorkbook(input()))).worksheets[0]!;
    const p = byHeader(ws, 2);
    expect(p).toMatchObject({
      企业名称: '江西某铜业股份有限公司',
      统一社会信用代码: '913600001583040173',
      行业: '冶炼',
      细分领域: '铜',
      当前阶段: '结果发布',
      评估机构: '有色金属数字化转型评估中心',
      评估组长: '王建国',
      是否逾期: '否',
      评估要求数: 120,
      自评估已评: 118,
      专家评分进度: 1,
      已提交评分表: 7,
      评估组专家数: 7,
      合议进度: 1,
      未答复异议: 0,
      总分: 3.42,
      等级: 3,
      评估结论: '三级 领域级',
      评估编号: published.id,
    });
    expect(p['申请日期']).toBeInstanceOf(Date);
    expect((p['申请日期'] as Date).toISOString()).toBe('2025-03-12T00:00:00.000Z');
    expect((p['最近更新'] as Date).toISOString()).toBe('2025-09-30T00:00:00.000Z');
    expect(p['当前步骤截止日期']).toBeNull();
    expect(p['自评估进度']).toBeCloseTo(118 / 120, 10);
    const headers = listHeaders('zh');
    const col = (h: string) => headers.indexOf(h) + 1;
    expect(ws.getRow(2).getCell(col('申请日期')).numFmt).toBe('yyyy-mm-dd');
    expect(ws.getRow(2).getCell(col('自评估进度')).numFmt).toBe('0%');
    expect(ws.getRow(2).getCell(col('总分')).numFmt).toBe('0.00');
    expect(ws.getRow(4).getCell(col('总分')).numFmt).toBe('0.0');
  });

  it('leaves the result and the team’s progress empty where the row has none', async () => {
    const ws = (await read(await assessmentListWorkbook(input()))).worksheets[0]!;
    const s = byHeader(ws, 3);
    expect(s).toMatchObject({
      企业名称: '云南某锡业有限公司',
      统一社会信用代码: null,
      细分领域: null,
      当前阶段: '专家独立打分',
      是否逾期: '是',
      专家评分进度: null,
      已提交评分表: null,
      评估组专家数: null,
      合议进度: 0,
      总分: null,
      等级: null,
      评估结论: null,
    });
    expect((s['当前步骤截止日期'] as Date).toISOString()).toBe('2025-06-20T00:00:00.000Z');
    // Below level 1: level 0 (as the list's level filter), the conclusion in words.
    expect(byHeader(ws, 4)).toMatchObject({ 总分: 0.8, 等级: 0, 评估结论: '未达一级', 细分领域: '铅锌' });
  });

  it('names the filters, the exporter and the time on the 筛选条件 sheet', async () => {
    const fs = (await read(await assessmentListWorkbook(input()))).getWorksheet('筛选条件')!;
    const lines = new Map<string, ExcelJS.CellValue>();
    fs.eachRow((r, i) => {
      if (i > 1) lines.set(String(r.getCell(1).value), r.getCell(2).value);
    });
    expect(Object.fromEntries(lines)).toMatchObject({
      搜索企业名称: '铜',
      阶段: '全部',
      行业: '冶炼',
      '年度（申请）': 2025,
      等级: '全部',
      只看逾期: '是',
      排序: '等级，升序',
      导出条数: 3,
      导出人: '评估中心管理员（body@dtma.demo）',
    });
    // 02:30 UTC is 10:30 in Beijing.
    expect((lines.get('导出时间（北京时间）') as Date).toISOString()).toBe('2025-10-08T10:30:00.000Z');
    expect(String(lines.get('说明'))).toContain('空白表示无权查看或尚无结果');
  });

  it('writes English headers and labels when asked', async () => {
    const wb = await read(
      await assessmentListWorkbook(
        input({ lang: 'en', filters: { level: 0 }, exportedBy: 'Body admin (body@dtma.demo)' }),
      ),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Assessments', 'Filters']);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(listHeaders('en'));
    expect(byHeader(ws, 2)).toMatchObject({
      Industry: 'Smelting',
      'Sub-sector': 'Copper',
      Stage: 'published',
      Overdue: 'no',
      Conclusion: 'Level 3 (Domain level)',
    });
    expect(byHeader(ws, 4)).toMatchObject({ Level: 0, Conclusion: 'Below level 1' });
    const f = wb.getWorksheet('Filters')!;
    expect(f.getCell('A2').value).toBe('Search');
    expect(f.getCell('B2').value).toBe('(none)');
    const level = [...Array(f.rowCount).keys()]
      .map((i) => f.getRow(i + 1))
      .find((r) => r.getCell(1).value === 'Level');
    expect(level?.getCell(2).value).toBe('Below level 1');
  });

  it('writes a workbook with the headers only when nothing matches', async () => {
    const ws = (await read(await assessmentListWorkbook(input({ rows: [] })))).worksheets[0]!;
    expect(ws.rowCount).toBe(1);
    expect(ws.getRow(1).getCell(1).value).toBe('企业名称');
  });

  it('names the file in Chinese with the day in China time', () => {
    expect(assessmentListFilename('zh', '2025-10-08T17:30:00.000Z')).toBe('评估清单-2025-10-09.xlsx');
    expect(assessmentListFilename('en', '2025-10-08T02:30:00.000Z')).toBe('assessments-2025-10-08.xlsx');
  });
});
