/**
 * `dtma template` and `dtma import`: the scoring workbook (评分表) out and back in.
 *
 * The import is all-or-nothing: every problem is listed with its sheet and cell (`组织!H12: …`) and nothing is
 * written. Without `--partial` an empty 评分 cell is such a problem; with it, empty cells count as 0 and are listed.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import ExcelJS from 'exceljs';
import { loadModel } from '../../model/load.js';
import type { IndustryId, StandardModel } from '../../model/types.js';
import {
  cellText,
  importScoringWorkbook,
  issueMessage,
  type ImportedWorkbook,
} from '../../reports/xlsx-import.js';
import { COVER_KEYS, COVER_SHEET, scoringTemplateBuffer } from '../../reports/xlsx-template.js';
import { score, type ScoreResult, ScoringError } from '../../scoring/index.js';
import { CliCommandError } from '../errors.js';
import { type PolicyFlags } from '../policy-options.js';
import { compiledCache, formatResult, ScoringFileError } from './score.js';

export const DEFAULT_MODEL = 'nfm-dtmm-2024-draft';

/** Writes `data` to `path` through a temporary file in the same folder: never a half-written file. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

export interface TemplateCommandOptions {
  industry: IndustryId;
  model: string;
  enterprise?: string;
}

export async function templateCommand(out: string, options: TemplateCommandOptions): Promise<string> {
  if (!out.toLowerCase().endsWith('.xlsx'))
    throw new CliCommandError(`${out}: the workbook must be an .xlsx file`);
  const model = loadModel(options.model);
  const buf = await scoringTemplateBuffer(model, options.industry, {
    ...(options.enterprise ? { info: { enterprise: options.enterprise } } : {}),
  });
  writeFileAtomic(out, buf);
  return `wrote ${out} (${model.meta.id}, ${options.industry})`;
}

/** The model version written on the workbook's cover (封面), if there is one. */
async function coverModelId(data: Buffer): Promise<string | undefined> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    return undefined;
  }
  let id: string | undefined;
  wb.getWorksheet(COVER_SHEET)?.eachRow((row) => {
    if (cellText(row.getCell(1).value) === COVER_KEYS.modelId) id = cellText(row.getCell(2).value);
  });
  return id;
}

export interface ReadWorkbookOptions {
  /** Model version; default: the one on the cover. */
  model?: string;
  industry?: IndustryId;
  /** Accept empty 评分 cells. */
  partial?: boolean;
  /** Language of the problems listed: Chinese (default) or English. */
  lang?: 'zh' | 'en';
}

/** Reads a filled scoring workbook; any problem throws one CliCommandError listing every sheet!cell. */
export async function readScoringWorkbook(
  file: string,
  options: ReadWorkbookOptions = {},
): Promise<{ model: StandardModel; workbook: ImportedWorkbook }> {
  const data = readFileSync(file);
  let model = loadModel(options.model ?? DEFAULT_MODEL);
  const importOptions = {
    ...(options.industry ? { industry: options.industry } : {}),
    requireComplete: !options.partial,
  };
  let outcome = await importScoringWorkbook(model, data, importOptions);
  if (!outcome.ok && !options.model && outcome.errors.some((e) => e.code === 'other-model')) {
    // A workbook of another model version: read it with that version, if it is installed.
    const id = await coverModelId(data);
    if (id && id !== model.meta.id) {
      model = loadModel(id);
      outcome = await importScoringWorkbook(model, data, importOptions);
    }
  }
  if (!outcome.ok) {
    const en = options.lang === 'en';
    const n = outcome.errors.length;
    const lines = outcome.errors.slice(0, 40).map((e) => `  ${issueMessage(e, options.lang)}`);
    if (n > 40) lines.push(en ? `  … and ${n - 40} more` : `  …… 另有 ${n - 40} 处`);
    const hint = outcome.errors.every((e) => e.code === 'unscored')
      ? en
        ? '\n  (fill in the 评分 cells, or pass --partial to count empty cells as 0)'
        : '\n  （请填写“评分”列，或使用 --partial 将空白按 0 分计）'
      : '';
    throw new CliCommandError(
      en
        ? `${file}: ${n} problem(s) in the workbook, nothing imported:\n${lines.join('\n')}${hint}`
        : `${file}：工作簿有 ${n} 处问题，未导入：\n${lines.join('\n')}${hint}`,
    );
  }
  return { model, workbook: outcome.workbook };
}

export interface ImportCommandOptions extends PolicyFlags {
  lang?: 'zh' | 'en';
  model?: string;
  industry?: IndustryId;
  partial?: boolean;
  json?: boolean;
  out?: string;
}

/** Scores of an imported workbook as a score file (schemas/score-input.schema.json). */
export function scoreFileJson(workbook: ImportedWorkbook): {
  modelId: string;
  industry: IndustryId;
  scores: Record<string, number>;
} {
  return {
    modelId: workbook.modelId,
    industry: workbook.industry,
    scores: Object.fromEntries(workbook.scores.map((s) => [s.requirementId, Number(s.score)])),
  };
}

export async function importCommand(
  file: string,
  options: ImportCommandOptions,
  print: (text: string) => void,
): Promise<void> {
  const { workbook } = await readScoringWorkbook(file, options);
  // Score before writing anything: a workbook the engine rejects writes no file either.
  let result: ScoreResult;
  try {
    result = score(compiledCache(options)(workbook.modelId, workbook.industry), workbook.grades, {
      partial: options.partial,
    });
  } catch (error) {
    if (error instanceof ScoringError) throw new ScoringFileError(file, error);
    throw error;
  }
  if (options.out) {
    writeFileAtomic(options.out, JSON.stringify(scoreFileJson(workbook), null, 2) + '\n');
    print(
      `wrote ${options.out}: ${workbook.scores.length} scores` +
        (workbook.unscored.length ? `, ${workbook.unscored.length} unscored` : '') +
        ` · 总分 total S = ${result.total.display}`,
    );
    return;
  }
  if (options.json) {
    print(JSON.stringify(result, null, 2));
    return;
  }
  const head = workbook.enterprise ? `${workbook.enterprise} · ${file}` : file;
  print(`${head}\n${formatResult(result)}`);
}
