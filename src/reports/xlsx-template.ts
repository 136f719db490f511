/**
 * The scoring workbook (评分表), laid out like the standard's appendix tables.
 *
 * - Sheet 封面 (cover): model id, model title, industry, enterprise, date, instructions in Chinese. Machine-read
 *   fields are in column B of rows whose column A holds a fixed label (see COVER_KEYS).
 * - One sheet per Table 1 domain of the industry's effective model (sheet name = domain name, e.g. 组织), one
 *   row per requirement, in the standard's order (units in Table 1 order, levels S1..S5, 序号):
 *     A 要求编号 (requirement id, narrow, grey, locked) · B 能力域 · C 能力子域 · D 指标类型 · E 等级 · F 序号 ·
 *     G 要求 (wrapped) · H 评分 (drop-down of the four Table 2 grades) · I 证据 · J 说明/理由
 *   Row 1 is a title, row 2 the header (frozen with column A..G context). Only H, I, J of requirement rows are
 *   unlocked; the sheet is protected without a password (a protection against slips, not a security feature).
 */
import ExcelJS from 'exceljs';
import { effectiveModel, type EffectiveModel } from '../model/effective.js';
import {
  INDUSTRY_NAMES_ZH,
  LEVEL_CODES,
  type IndustryId,
  type ScoringPolicy,
  type StandardModel,
} from '../model/types.js';
import type { GradeKey } from '../planning/types.js';
import { columnLetter, type AssessmentInfo, type RequirementNote } from './common.js';

export const COVER_SHEET = '封面';
export const HEADER_ROW = 2;
export const FIRST_DATA_ROW = 3;

/** Column numbers of a domain sheet. */
export const COL = {
  id: 1,
  domain: 2,
  unit: 3,
  type: 4,
  level: 5,
  seq: 6,
  text: 7,
  grade: 8,
  evidence: 9,
  rationale: 10,
} as const;

export const HEADERS: Record<keyof typeof COL, string> = {
  id: '要求编号',
  domain: '能力域',
  unit: '能力子域',
  type: '指标类型',
  level: '等级',
  seq: '序号',
  text: '要求',
  grade: '评分',
  evidence: '证据',
  rationale: '说明/理由',
};

/** Labels in column A of the cover whose column B the importer reads. */
export const COVER_KEYS = {
  modelId: '模型版本',
  modelTitle: '标准名称',
  industry: '行业',
  enterprise: '企业名称',
  assessedAt: '评估日期',
  requirementCount: '要求条数',
} as const;

const TYPE_ZH = { common: '基础共性', industry: '行业特性' } as const;

export interface TemplateOptions {
  info?: Partial<Pick<AssessmentInfo, 'enterprise' | 'assessedFrom' | 'assessedTo'>>;
  policy?: Partial<ScoringPolicy>;
  /** Pre-filled grades (e.g. to re-export an assessment for review). */
  grades?: ReadonlyMap<string, GradeKey>;
  notes?: ReadonlyMap<string, RequirementNote>;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9E6' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

/**
 * Print setup of a sheet: A4, fit to the page width (as many pages down as needed), the header rows repeated on
 * every page, the print area over the used columns, page numbers in the footer.
 */
export function setPrintLayout(
  ws: ExcelJS.Worksheet,
  o: { landscape: boolean; lastColumn: number; lastRow: number; titleRows?: string },
): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: o.landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printArea: `A1:${columnLetter(o.lastColumn)}${Math.max(1, o.lastRow)}`,
    ...(o.titleRows ? { printTitlesRow: o.titleRows } : {}),
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页 共 &N 页' };
}

/** The sheet names of the domain sheets of an effective model (Table 1 order). */
export function domainSheetNames(eff: EffectiveModel): string[] {
  return eff.domains.map((d) => sheetName(d.name));
}

/** Excel sheet names: at most 31 characters, none of []:*?/\. */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
}

/** Builds the scoring workbook of `industry`. */
export function buildScoringTemplate(
  model: StandardModel,
  industry: IndustryId,
  options: TemplateOptions = {},
): ExcelJS.Workbook {
  const eff = effectiveModel(model, industry, options.policy);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dtma';
  wb.title = `${model.meta.title} 评分表（${INDUSTRY_NAMES_ZH[industry]}）`;
  const labels = model.satisfaction.map((g) => g.label);
  const gradeLabel = new Map(model.satisfaction.map((g) => [g.key, g.label] as const));
  const requirementCount = eff.domains.reduce(
    (a, d) =>
      a +
      d.units.reduce((b, u) => b + LEVEL_CODES.reduce((c, l) => c + u.levels[l].requirements.length, 0), 0),
    0,
  );

  // Cover.
  const cover = wb.addWorksheet(COVER_SHEET, { properties: { tabColor: { argb: 'FF4472C4' } } });
  cover.getColumn(1).width = 16;
  cover.getColumn(2).width = 90;
  cover.mergeCells('A1:B1');
  const title = cover.getCell('A1');
  title.value = `${model.meta.title} — 成熟度评分表`;
  title.font = { bold: true, size: 16 };
  title.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  cover.getRow(1).height = 36;
  const period = [options.info?.assessedFrom, options.info?.assessedTo].filter(Boolean).join(' 至 ');
  const fields: [string, string][] = [
    [COVER_KEYS.modelId, model.meta.id],
    [COVER_KEYS.modelTitle, model.meta.title],
    [COVER_KEYS.industry, `${industry}（${INDUSTRY_NAMES_ZH[industry]}）`],
    [COVER_KEYS.enterprise, options.info?.enterprise ?? ''],
    [COVER_KEYS.assessedAt, period],
    [COVER_KEYS.requirementCount, String(requirementCount)],
  ];
  fields.forEach(([k, v], i) => {
    const row = cover.getRow(3 + i);
    row.getCell(1).value = k;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = v;
    for (const c of [1, 2]) row.getCell(c).border = THIN;
  });
  const enterpriseCell = cover.getCell(`B${3 + 3}`);
  const dateCell = cover.getCell(`B${3 + 4}`);
  for (const c of [enterpriseCell, dateCell]) {
    c.protection = { locked: false };
    c.fill = INPUT_FILL;
  }
  const instructions = [
    '填写说明',
    `1. 本工作簿按标准附录 A（基础共性指标）与附录 B（${INDUSTRY_NAMES_ZH[industry]}行业特性指标）编制，每个能力域一个工作表，每行一条成熟度要求。`,
    `2. 请在“评分”列（H 列）的下拉列表中为每条要求选择满足程度：${labels.join(' / ')}（对应得分 ${model.satisfaction.map((g) => g.score).join(' / ')}，见标准表 2）。也可填写对应得分数字。`,
    '3. 在“证据”列（I 列）填写支撑评分的证明材料（文件名称、系统演示、现场记录等），在“说明/理由”列（J 列）填写评分理由。',
    '4. 工作表已保护，仅评分、证据、说明/理由三列可编辑；请勿修改“要求编号”（A 列）、增删行或重命名工作表，导入时按要求编号识别每条要求。',
    `5. 本表仅适用于模型版本 ${model.meta.id} 的${INDUSTRY_NAMES_ZH[industry]}行业；其他行业或版本的评分表不能混用。`,
    '6. 未填写评分的要求在导入后视为“未评分”；完成全部评分后方可得出正式评估结论。',
  ];
  instructions.forEach((t, i) => {
    const r = 3 + fields.length + 1 + i;
    cover.mergeCells(`A${r}:B${r}`);
    const c = cover.getCell(`A${r}`);
    c.value = t;
    c.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) c.font = { bold: true, size: 12 };
    else cover.getRow(r).height = 34;
  });
  setPrintLayout(cover, {
    landscape: false,
    lastColumn: 2,
    lastRow: 3 + fields.length + instructions.length,
  });
  void cover.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });

  // Domain sheets.
  const listFormula = `"${labels.join(',')}"`;
  for (const d of eff.domains) {
    const ws = wb.addWorksheet(sheetName(d.name), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, activeCell: `H${FIRST_DATA_ROW}` }],
    });
    const widths: Record<keyof typeof COL, number> = {
      id: 15,
      domain: 8,
      unit: 12,
      type: 8,
      level: 5,
      seq: 5,
      text: 64,
      grade: 12,
      evidence: 24,
      rationale: 24,
    };
    for (const [k, n] of Object.entries(COL) as [keyof typeof COL, number][])
      ws.getColumn(n).width = widths[k];
    ws.mergeCells(1, 1, 1, COL.rationale);
    const t = ws.getCell(1, 1);
    t.value = `${d.name} — ${model.meta.title}（${INDUSTRY_NAMES_ZH[industry]}）`;
    t.font = { bold: true, size: 13 };
    t.alignment = { vertical: 'middle' };
    ws.getRow(1).height = 24;
    const header = ws.getRow(HEADER_ROW);
    for (const [k, n] of Object.entries(COL) as [keyof typeof COL, number][]) {
      const c = header.getCell(n);
      c.value = HEADERS[k];
      c.font = { bold: true };
      c.fill = HEADER_FILL;
      c.border = THIN;
      c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    }
    let r = FIRST_DATA_ROW;
    for (const u of d.units) {
      for (const level of LEVEL_CODES) {
        for (const req of u.levels[level].requirements) {
          const row = ws.getRow(r);
          row.getCell(COL.id).value = req.id;
          row.getCell(COL.id).font = { size: 7, color: { argb: 'FF808080' } };
          // The requirement as the standard prints it (display form: NOTES.md 7.4); `id` identifies it.
          row.getCell(COL.domain).value = d.name;
          row.getCell(COL.unit).value = u.name;
          row.getCell(COL.type).value = TYPE_ZH[u.type];
          row.getCell(COL.level).value = level;
          // The item number printed in the standard (the position when the seed prints none).
          row.getCell(COL.seq).value =
            req.label && /^\d+$/.test(req.label) ? Number(req.label) : (req.label ?? req.seq);
          const text = req.display ?? req.text;
          row.getCell(COL.text).value = req.examples.length
            ? `${text}\n示例：${req.examples.join('；')}`
            : text;
          const g = options.grades?.get(req.id);
          row.getCell(COL.grade).value = g ? (gradeLabel.get(g) ?? null) : null;
          const note = options.notes?.get(req.id);
          row.getCell(COL.evidence).value = note?.evidence ?? null;
          row.getCell(COL.rationale).value = note?.rationale ?? null;
          for (let c = 1; c <= COL.rationale; c++) {
            const cell = row.getCell(c);
            cell.border = THIN;
            cell.alignment = {
              vertical: 'top',
              wrapText:
                c === COL.id || c === COL.text || c === COL.evidence || c === COL.rationale || c === COL.unit,
              horizontal: c === COL.level || c === COL.seq ? 'center' : undefined,
            };
          }
          for (const c of [COL.grade, COL.evidence, COL.rationale]) {
            const cell = row.getCell(c);
            cell.protection = { locked: false };
            cell.fill = INPUT_FILL;
          }
          row.getCell(COL.grade).dataValidation = {
            type: 'list',
            allowBlank: true,
            formulae: [listFormula],
            showErrorMessage: true,
            errorStyle: 'stop',
            errorTitle: '评分无效',
            error: `请选择：${labels.join(' / ')}`,
            showInputMessage: true,
            promptTitle: '评分',
            prompt: labels.join(' / '),
          };
          // Rough height for wrapped Chinese text: ~32 characters per line at width 64.
          const len = String(row.getCell(COL.text).value).length;
          row.height = Math.max(18, Math.ceil(len / 32) * 15);
          r++;
        }
      }
    }
    ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: r - 1, column: COL.rationale } };
    setPrintLayout(ws, {
      landscape: true,
      lastColumn: COL.rationale,
      lastRow: r - 1,
      titleRows: `1:${HEADER_ROW}`,
    });
    void ws.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      autoFilter: true,
      sort: false,
    });
  }
  return wb;
}

/** The workbook as an .xlsx buffer. */
export async function scoringTemplateBuffer(
  model: StandardModel,
  industry: IndustryId,
  options: TemplateOptions = {},
): Promise<Buffer> {
  const wb = buildScoringTemplate(model, industry, options);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
