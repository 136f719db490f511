/**
 * Reading a filled scoring workbook (see xlsx-template.ts) back: grades, evidence and rationale per
 * requirement.
 *
 * All-or-nothing: every problem is collected and reported with its sheet and cell, in Chinese (`message`, e.g.
 * `组织!H12：“大部份满足”不是有效的满足程度（全部满足/大部分满足/部分满足/不满足）`) and in English
 * (`messageEn`); the scores are returned only when there is none, unless `partial` is asked for (then the valid
 * rows come back with the errors). A file that is empty, not a zip or not a workbook, a formula without a
 * computed value, a deleted row (named with the sheet it belongs on) and a cover whose industry does not match
 * the rows (one problem at 封面!B5 instead of one per row) get their own messages; no library text is shown.
 * Columns are located by their header text (row 2), so a workbook re-saved by LibreOffice or Excel reads the
 * same. Grades are accepted as labels (全部满足 …), keys (full …) or numbers (1, 0.8, 0.5, 0, as numbers or
 * text). An empty 评分 cell means "not scored" (listed in `unscored`, an error only with `requireComplete`).
 */
import ExcelJS from 'exceljs';
import { effectiveModel } from '../model/effective.js';
import {
  INDUSTRIES,
  INDUSTRY_NAMES_ZH,
  LEVEL_CODES,
  type IndustryId,
  type LevelCode,
  type StandardModel,
} from '../model/types.js';
import { gradeKeyOf } from '../planning/build.js';
import type { GradeKey } from '../planning/types.js';
import { columnLetter } from './common.js';
import { COVER_KEYS, COVER_SHEET, HEADER_ROW, HEADERS, sheetName } from './xlsx-template.js';

export type ImportIssueCode =
  | 'empty-file'
  | 'not-a-workbook'
  | 'formula-without-value'
  | 'no-cover'
  | 'other-model'
  | 'bad-industry'
  | 'other-industry'
  | 'bad-header'
  | 'bad-grade'
  | 'unknown-requirement'
  | 'duplicate-requirement'
  | 'missing-requirement'
  | 'missing-id'
  | 'unscored';

export interface ImportIssue {
  code: ImportIssueCode;
  sheet?: string;
  /** A1 reference within the sheet. */
  cell?: string;
  requirementId?: string;
  /** Chinese. */
  message: string;
  messageEn: string;
}

/** The message of an issue in a language (Chinese by default). */
export function issueMessage(issue: ImportIssue, lang: 'zh' | 'en' = 'zh'): string {
  return lang === 'en' ? issue.messageEn : issue.message;
}

export interface ImportedScore {
  requirementId: string;
  grade: GradeKey;
  /** The grade's exact score string ("0.8"). */
  score: string;
  evidence?: string;
  rationale?: string;
  sheet: string;
  cell: string;
}

export interface ImportedWorkbook {
  modelId: string;
  industry: IndustryId;
  enterprise: string;
  assessedAt: string;
  /** In workbook order. */
  scores: ImportedScore[];
  /** Requirement ids whose 评分 cell is empty, in model order. */
  unscored: string[];
  /** id → grade key: ready for `score()` of the scoring engine. */
  grades: Map<string, GradeKey>;
}

export type ImportOutcome =
  { ok: true; workbook: ImportedWorkbook } | { ok: false; errors: ImportIssue[]; partial?: ImportedWorkbook };

export interface ImportOptions {
  /** Expected industry: a workbook of another industry is an error. Default: the industry on the cover. */
  industry?: IndustryId;
  /** Return the valid rows along with the errors. */
  partial?: boolean;
  /** Treat empty 评分 cells as errors. */
  requireComplete?: boolean;
}

/** Plain text of a cell value, whatever exceljs made of it (rich text, formula result, number …). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText))
      return v.richText
        .map((p) => p.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('error' in v) return String(v.error);
  }
  return String(v as unknown).trim();
}

/** A formula cell whose file holds no computed value (written by a program that does not calculate). */
function isFormulaWithoutValue(v: ExcelJS.CellValue): boolean {
  return (
    !!v &&
    typeof v === 'object' &&
    ('formula' in v || 'sharedFormula' in v) &&
    ((v as { result?: unknown }).result === undefined || (v as { result?: unknown }).result === null)
  );
}

/** Raw value for a grade: numbers stay numbers (1, 0.8 …), formula results unwrapped. */
function gradeValue(v: ExcelJS.CellValue): string | number {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  return cellText(v);
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export async function importScoringWorkbook(
  model: StandardModel,
  data: Buffer | ArrayBuffer | Uint8Array,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const buf = data instanceof ArrayBuffer ? Buffer.from(new Uint8Array(data)) : Buffer.from(data);
  if (buf.length === 0) {
    return {
      ok: false,
      errors: [
        {
          code: 'empty-file',
          message: '文件为空：不是评分表工作簿',
          messageEn: 'the file is empty: not a scoring workbook',
        },
      ],
    };
  }
  if (!buf.subarray(0, 4).equals(ZIP_MAGIC)) {
    return {
      ok: false,
      errors: [
        {
          code: 'not-a-workbook',
          message: '不是 .xlsx 工作簿（文件不是 Excel 2007 及以上版本的格式；.xls、.csv 请先另存为 .xlsx）',
          messageEn:
            'not an .xlsx workbook (not the Excel 2007+ format; save .xls or .csv files as .xlsx first)',
        },
      ],
    };
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    return {
      ok: false,
      errors: [
        {
          code: 'not-a-workbook',
          message: '无法读取工作簿：文件已损坏或不是 Excel 工作簿',
          messageEn: 'cannot read the workbook: the file is damaged or not an Excel workbook',
        },
      ],
    };
  }
  const errors: ImportIssue[] = [];
  const cover = wb.getWorksheet(COVER_SHEET);
  if (!cover) {
    return {
      ok: false,
      errors: [
        {
          code: 'no-cover',
          message: `缺少工作表“${COVER_SHEET}”：不是 dtma 评分表`,
          messageEn: `sheet ${COVER_SHEET} is missing: not a dtma scoring workbook`,
        },
      ],
    };
  }
  const coverField = new Map<string, { text: string; ref: string }>();
  cover.eachRow((row, r) => {
    const k = cellText(row.getCell(1).value);
    if (k) coverField.set(k, { text: cellText(row.getCell(2).value), ref: `B${r}` });
  });
  const modelId = coverField.get(COVER_KEYS.modelId);
  if (!modelId || modelId.text !== model.meta.id) {
    const ref = `${COVER_SHEET}!${modelId?.ref ?? 'B?'}`;
    errors.push({
      code: 'other-model',
      sheet: COVER_SHEET,
      ...(modelId ? { cell: modelId.ref } : {}),
      message: `${ref}：模型版本“${modelId?.text ?? ''}”不是 ${model.meta.id}`,
      messageEn: `${ref}: model version "${modelId?.text ?? ''}" is not ${model.meta.id}`,
    });
  }
  const industryField = coverField.get(COVER_KEYS.industry);
  const industryRef = `${COVER_SHEET}!${industryField?.ref ?? 'B?'}`;
  const coverIndustry = INDUSTRIES.find((i) => industryField?.text.split(/[（(\s]/)[0] === i);
  if (!coverIndustry) {
    errors.push({
      code: 'bad-industry',
      sheet: COVER_SHEET,
      ...(industryField ? { cell: industryField.ref } : {}),
      message: `${industryRef}：行业“${industryField?.text ?? ''}”不是 ${INDUSTRIES.map((i) => `${i}（${INDUSTRY_NAMES_ZH[i]}）`).join('/')} 之一`,
      messageEn: `${industryRef}: industry "${industryField?.text ?? ''}" is not one of ${INDUSTRIES.join('/')}`,
    });
  }
  if (errors.some((e) => e.code === 'other-model')) return { ok: false, errors };
  // The industry the rows belong to: the one of their industry-specific requirement ids (Appendix B).
  const rowIndustries = new Map<IndustryId, number>();
  for (const ws of wb.worksheets) {
    if (ws.name === COVER_SHEET) continue;
    ws.eachRow((row) => {
      row.eachCell((c) => {
        const t = typeof c.value === 'string' ? c.value : '';
        const i = INDUSTRIES.find((x) => t.startsWith(`${x}.`));
        if (i) rowIndustries.set(i, (rowIndustries.get(i) ?? 0) + 1);
      });
    });
  }
  const rowsIndustry = [...rowIndustries.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (coverIndustry && rowsIndustry && rowsIndustry !== coverIndustry) {
    // One problem at the cover, not one per row.
    return {
      ok: false,
      errors: [
        {
          code: 'other-industry',
          sheet: COVER_SHEET,
          cell: industryField!.ref,
          message: `${industryRef}：封面行业为“${INDUSTRY_NAMES_ZH[coverIndustry]}”（${coverIndustry}），但各工作表的要求属于“${INDUSTRY_NAMES_ZH[rowsIndustry]}”（${rowsIndustry}）评分表；封面被改动过，请使用${INDUSTRY_NAMES_ZH[rowsIndustry]}评分表原来的封面或重新导出评分表`,
          messageEn: `${industryRef}: the cover says industry ${coverIndustry}, but the sheets hold the requirements of the ${rowsIndustry} workbook; the cover was changed — restore it or export the workbook again`,
        },
      ],
    };
  }
  if (coverIndustry && options.industry && options.industry !== coverIndustry) {
    return {
      ok: false,
      errors: [
        {
          code: 'other-industry',
          sheet: COVER_SHEET,
          cell: industryField!.ref,
          message: `${industryRef}：这是“${INDUSTRY_NAMES_ZH[coverIndustry]}”（${coverIndustry}）评分表，需要的是“${INDUSTRY_NAMES_ZH[options.industry]}”（${options.industry}）评分表`,
          messageEn: `${industryRef}: this workbook is for industry ${coverIndustry}, expected ${options.industry}`,
        },
      ],
    };
  }
  const industry = options.industry ?? coverIndustry;
  if (!industry) return { ok: false, errors };

  const eff = effectiveModel(model, industry);
  const expected = new Map<string, { level: LevelCode; order: number; sheet: string; after?: string }>();
  for (const d of eff.domains) {
    let prev: string | undefined;
    for (const u of d.units) {
      for (const l of LEVEL_CODES)
        for (const r of u.levels[l].requirements) {
          expected.set(r.id, {
            level: l,
            order: expected.size,
            sheet: sheetName(d.name),
            ...(prev ? { after: prev } : {}),
          });
          prev = r.id;
        }
    }
  }
  // Requirement ids of the other industries, to name a mixed-up workbook.
  const foreign = new Map<string, IndustryId>();
  for (const other of INDUSTRIES) {
    if (other === industry) continue;
    for (const row of model.industries[other].rows) {
      for (const l of LEVEL_CODES) for (const r of row.levels[l] ?? []) foreign.set(r.id, other);
    }
  }
  const gradeList = model.satisfaction.map((g) => g.label).join('/');
  const scoreOf = new Map(model.satisfaction.map((g) => [g.key, g.score] as const));

  const seen = new Map<string, { sheet: string; idRef: string; gradeRef: string }>();
  const scores: ImportedScore[] = [];
  const unscored = new Set<string>();
  for (const ws of wb.worksheets) {
    if (ws.name === COVER_SHEET) continue;
    const header = ws.getRow(HEADER_ROW);
    const col: Partial<Record<keyof typeof HEADERS, number>> = {};
    header.eachCell((cell, c) => {
      const t = cellText(cell.value);
      for (const [k, h] of Object.entries(HEADERS) as [keyof typeof HEADERS, string][])
        if (t === h) col[k] = c;
    });
    if (col.id === undefined || col.grade === undefined) {
      // A sheet without the header is tolerated only when it holds nothing (e.g. a user's notes sheet is not).
      if (ws.actualRowCount > 0) {
        errors.push({
          code: 'bad-header',
          sheet: ws.name,
          message: `${ws.name}!A${HEADER_ROW}：表头缺少“${HEADERS.id}”和“${HEADERS.grade}”列`,
          messageEn: `${ws.name}!A${HEADER_ROW}: header row without the columns ${HEADERS.id} and ${HEADERS.grade}`,
        });
      }
      continue;
    }
    const idCol = col.id;
    const gradeCol = col.grade;
    for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const id = cellText(row.getCell(idCol).value);
      const rawGrade = row.getCell(gradeCol).value;
      const gv = isFormulaWithoutValue(rawGrade) ? '' : gradeValue(rawGrade);
      const gradeRef = `${columnLetter(gradeCol)}${r}`;
      const idRef = `${columnLetter(idCol)}${r}`;
      if (!id) {
        if (gv !== '') {
          errors.push({
            code: 'missing-id',
            sheet: ws.name,
            cell: idRef,
            message: `${ws.name}!${idRef}：有评分但缺少要求编号`,
            messageEn: `${ws.name}!${idRef}: a score without a requirement id`,
          });
        }
        continue;
      }
      if (!expected.has(id)) {
        const other = foreign.get(id) ?? INDUSTRIES.find((i) => i !== industry && id.startsWith(`${i}.`));
        errors.push(
          other
            ? {
                code: 'other-industry',
                sheet: ws.name,
                cell: idRef,
                requirementId: id,
                message: `${ws.name}!${idRef}：要求 ${id} 属于“${INDUSTRY_NAMES_ZH[other]}”（${other}）而不是“${INDUSTRY_NAMES_ZH[industry]}”（${industry}）（混入了其他行业评分表的行）`,
                messageEn: `${ws.name}!${idRef}: requirement ${id} belongs to industry ${other}, not ${industry} (a row from another industry's workbook)`,
              }
            : {
                code: 'unknown-requirement',
                sheet: ws.name,
                cell: idRef,
                requirementId: id,
                message: `${ws.name}!${idRef}：未知的要求编号 ${id}`,
                messageEn: `${ws.name}!${idRef}: unknown requirement id ${id}`,
              },
        );
        continue;
      }
      const first = seen.get(id);
      if (first !== undefined) {
        errors.push({
          code: 'duplicate-requirement',
          sheet: ws.name,
          cell: idRef,
          requirementId: id,
          message: `${ws.name}!${idRef}：要求 ${id} 重复出现（首次在 ${first.sheet}!${first.idRef}）`,
          messageEn: `${ws.name}!${idRef}: requirement ${id} appears twice (first at ${first.sheet}!${first.idRef})`,
        });
        continue;
      }
      seen.set(id, { sheet: ws.name, idRef, gradeRef });
      if (isFormulaWithoutValue(rawGrade)) {
        errors.push({
          code: 'formula-without-value',
          sheet: ws.name,
          cell: gradeRef,
          requirementId: id,
          message: `${ws.name}!${gradeRef}：评分是公式，但文件中没有计算结果（请在 Excel/WPS 中打开并保存，或直接选择满足程度）`,
          messageEn: `${ws.name}!${gradeRef}: the score is a formula without a computed value (open and save the file in Excel/WPS, or choose a grade)`,
        });
        continue;
      }
      if (gv === '') {
        unscored.add(id);
        continue;
      }
      const grade = gradeKeyOf(model.satisfaction, gv);
      if (!grade) {
        errors.push({
          code: 'bad-grade',
          sheet: ws.name,
          cell: gradeRef,
          requirementId: id,
          message: `${ws.name}!${gradeRef}：“${gv}”不是有效的满足程度（${gradeList}）`,
          messageEn: `${ws.name}!${gradeRef}: "${gv}" is not one of ${gradeList}`,
        });
        continue;
      }
      const evidence = col.evidence !== undefined ? cellText(row.getCell(col.evidence).value) : '';
      const rationale = col.rationale !== undefined ? cellText(row.getCell(col.rationale).value) : '';
      scores.push({
        requirementId: id,
        grade,
        score: scoreOf.get(grade)!,
        ...(evidence ? { evidence } : {}),
        ...(rationale ? { rationale } : {}),
        sheet: ws.name,
        cell: gradeRef,
      });
    }
  }
  for (const [id, e] of expected) {
    if (!seen.has(id)) {
      const after = e.after ? seen.get(e.after) : undefined;
      const where = after ? `${after.sheet}!${after.idRef}` : e.sheet;
      errors.push({
        code: 'missing-requirement',
        sheet: e.sheet,
        requirementId: id,
        message: `${e.sheet}：缺少要求 ${id}（应在 ${where} 之后；该行被删除？）`,
        messageEn: `${e.sheet}: requirement ${id} is missing (expected after ${where}; row deleted?)`,
      });
    }
  }
  const unscoredList = [...expected.keys()].filter((id) => unscored.has(id));
  if (options.requireComplete) {
    for (const id of unscoredList) {
      const at = seen.get(id)!;
      errors.push({
        code: 'unscored',
        sheet: at.sheet,
        cell: at.gradeRef,
        requirementId: id,
        message: `${at.sheet}!${at.gradeRef}：要求 ${id} 未评分`,
        messageEn: `${at.sheet}!${at.gradeRef}: requirement ${id} has no score`,
      });
    }
  }
  const workbook: ImportedWorkbook = {
    modelId: model.meta.id,
    industry,
    enterprise: coverField.get(COVER_KEYS.enterprise)?.text ?? '',
    assessedAt: coverField.get(COVER_KEYS.assessedAt)?.text ?? '',
    scores,
    unscored: unscoredList,
    grades: new Map(scores.map((s) => [s.requirementId, s.grade] as const)),
  };
  if (errors.length > 0)
    return options.partial ? { ok: false, errors, partial: workbook } : { ok: false, errors };
  return { ok: true, workbook };
}
