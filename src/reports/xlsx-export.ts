/**
 * Export of a scoring result and all requirement scores to a workbook: 总览 (basic information, total,
 * conclusion), 等级得分 (S1–S5 with met flags and contribution), 能力域得分 and 能力子域得分 (× level), and
 * 评分明细 (every requirement: grade, score, evidence, rationale). Numbers are written as exact decimals where
 * they are finite (grade scores) and otherwise as the rounded display value plus the exact fraction as text.
 */
import ExcelJS from 'exceljs';
import { effectiveUnits } from '../model/effective.js';
import { INDUSTRY_NAMES_ZH, LEVEL_CODES, type StandardModel } from '../model/types.js';
import type { GradeKey } from '../planning/types.js';
import type { CompiledScoring, Exact, ScoreResult } from '../scoring/index.js';
import { displayTotal } from '../planning/format.js';
import type { AssessmentInfo, RequirementNote } from './common.js';
import { setPrintLayout } from './xlsx-template.js';

export interface ResultExportInput {
  model: StandardModel;
  compiled: CompiledScoring;
  result: ScoreResult;
  grades: ReadonlyMap<string, GradeKey>;
  notes?: ReadonlyMap<string, RequirementNote>;
  info: AssessmentInfo;
}

const BOLD = { bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

function header(ws: ExcelJS.Worksheet, titles: string[], widths: number[]): void {
  const row = ws.addRow(titles);
  row.eachCell((c) => {
    c.font = BOLD;
    c.fill = HEADER_FILL;
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** Display value as a number cell (rounded) — the exact fraction goes in a text column beside it. */
function shown(e: Exact | null): number | null {
  return e ? Number(e.display) : null;
}

function frac(e: Exact | null): string {
  return e ? (e.den === 1 ? String(e.num) : `${e.num}/${e.den}`) : '';
}

export function buildResultWorkbook(input: ResultExportInput): ExcelJS.Workbook {
  const { model, compiled, result, info } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dtma';
  const digits = result.policy.displayDecimals;
  const numFmt = digits > 0 ? `0.${'0'.repeat(digits)}` : '0';

  const ov = wb.addWorksheet('总览');
  ov.getColumn(1).width = 18;
  ov.getColumn(2).width = 60;
  const rows: [string, string | number][] = [
    ['企业名称', info.enterprise],
    ['行业', `${info.industry}（${INDUSTRY_NAMES_ZH[info.industry]}）`],
    ['模型版本', model.meta.id],
    ['评估日期', [info.assessedFrom, info.assessedTo].filter(Boolean).join(' 至 ')],
    // Band-safe: a rounded total never reads as a band the exact total does not reach.
    ['总分', Number(displayTotal(result.total, digits, model.levels))],
    ['总分（精确值）', frac(result.total)],
    [
      '评估结论',
      result.conclusion.belowLevel1 ? '未达一级' : `${result.conclusion.ordinal} ${result.conclusion.name}`,
    ],
    ['得分区间', result.conclusion.interval],
    ['评分完整', result.complete ? '是' : `否（未评分 ${result.missing.length} 条，按 0 计）`],
  ];
  for (const [k, v] of rows) {
    const r = ov.addRow([k, v]);
    r.getCell(1).font = BOLD;
    if (typeof v === 'number') r.getCell(2).numFmt = numFmt;
  }

  const lv = wb.addWorksheet('等级得分');
  header(lv, ['等级', '等级得分', '精确值', '是否满足', '计入总分', '计入值'], [8, 12, 22, 10, 10, 12]);
  for (const l of result.levels) {
    const r = lv.addRow([
      l.level,
      shown(l.score),
      frac(l.score),
      l.met ? '是' : '否',
      l.counted ? '1' : '实际得分',
      shown(l.contribution),
    ]);
    r.getCell(2).numFmt = numFmt;
    r.getCell(6).numFmt = numFmt;
  }

  const dm = wb.addWorksheet('能力域得分');
  header(dm, ['能力域', ...LEVEL_CODES], [16, 10, 10, 10, 10, 10]);
  for (const d of result.domains) {
    const r = dm.addRow([d.name, ...LEVEL_CODES.map((l) => shown(d.levels[l]))]);
    for (let c = 2; c <= 6; c++) r.getCell(c).numFmt = numFmt;
  }

  const un = wb.addWorksheet('能力子域得分');
  header(un, ['能力域', '能力子域', ...LEVEL_CODES, '已评分', '要求数'], [14, 24, 10, 10, 10, 10, 10, 8, 8]);
  const domainName = new Map(result.domains.map((d) => [d.id, d.name] as const));
  for (const u of result.units) {
    const r = un.addRow([
      domainName.get(u.domainId),
      u.name,
      ...LEVEL_CODES.map((l) => shown(u.levels[l])),
      u.answered,
      u.total,
    ]);
    for (let c = 3; c <= 7; c++) r.getCell(c).numFmt = numFmt;
  }

  const dt = wb.addWorksheet('评分明细');
  header(
    dt,
    ['要求编号', '能力域', '能力子域', '等级', '序号', '要求', '评分', '得分', '证据', '说明/理由'],
    [10, 12, 18, 6, 6, 60, 12, 8, 30, 30],
  );
  const sat = new Map(model.satisfaction.map((g) => [g.key, g] as const));
  for (const u of effectiveUnits(compiled.effective)) {
    for (const l of LEVEL_CODES) {
      for (const req of u.levels[l].requirements) {
        const g = input.grades.get(req.id);
        const note = input.notes?.get(req.id);
        const r = dt.addRow([
          req.id,
          domainName.get(u.domainId),
          u.name,
          l,
          req.seq,
          req.text,
          g ? sat.get(g)!.label : '未评分',
          g ? Number(sat.get(g)!.score) : null,
          note?.evidence ?? '',
          note?.rationale ?? '',
        ]);
        r.getCell(6).alignment = { wrapText: true, vertical: 'top' };
      }
    }
  }
  // Print: fit to the page width, header row repeated, print area over the used cells.
  for (const ws of wb.worksheets) {
    setPrintLayout(ws, {
      landscape: ws.columnCount > 4,
      lastColumn: Math.max(1, ws.columnCount),
      lastRow: ws.rowCount,
      ...(ws.name === '总览' ? {} : { titleRows: '1:1' }),
    });
  }
  return wb;
}

export async function resultWorkbookBuffer(input: ResultExportInput): Promise<Buffer> {
  return Buffer.from(await buildResultWorkbook(input).xlsx.writeBuffer());
}
