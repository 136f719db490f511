/**
 * `dtma report ASSESSMENT_OR_FILE|FOLDER --format docx|pdf|xlsx[,…]`: the assessment report (docx: full report
 * with charts and the 一企一策 plan; pdf: the docx through LibreOffice; xlsx: result and every score).
 *
 * Sources, tried in this order:
 * - an existing file: a score file (JSON, schemas/score-input.schema.json) or a filled scoring workbook (.xlsx);
 * - an existing folder: every *.json / *.xlsx file, one report per file into `--out DIR`, progress on stderr,
 *   bad files listed at the end (exit code 1);
 * - otherwise an assessment id in the database (`DATABASE_URL`, else ./data/dtma.sqlite): the frozen result's
 *   team scores, else the consensus scores (with `--partial` also an incomplete consensus), with the enterprise
 *   name and the team from the store.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { loadModel } from '../../model/load.js';
import { INDUSTRIES, type IndustryId, type StandardModel } from '../../model/types.js';
import { gradeKeyOf, planningInputFromAssessment } from '../../planning/build.js';
import type { GradeKey } from '../../planning/types.js';
import type { AssessmentInfo, RequirementNote } from '../../reports/common.js';
import { buildReportDocx } from '../../reports/docx-report.js';
import { ConversionError, docxToPdf, findSoffice, ToolMissingError } from '../../reports/pdf.js';
import { resultWorkbookBuffer } from '../../reports/xlsx-export.js';
import { score, type ScoreResult, type ScoreValue, ScoringError } from '../../scoring/index.js';
import { databaseTarget, OperatorError, readAssessmentScores } from '../../service/operator.js';
import { BatchFailedError, CliCommandError } from '../errors.js';
import type { PolicyFlags } from '../policy-options.js';
import { createProgress, type ProgressStream } from '../progress.js';
import { parseScoreInput } from '../score-input.js';
import { DEFAULT_MODEL, readScoringWorkbook, writeFileAtomic } from './excel.js';
import { CliUsageError, compiledCache, isFileError, ScoringFileError } from './score.js';

export const REPORT_FORMATS = ['docx', 'pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportCommandOptions extends PolicyFlags {
  /** Comma-separated list of formats. */
  format: string;
  out?: string;
  industry?: IndustryId;
  model?: string;
  partial?: boolean;
  enterprise?: string;
  assessedFrom?: string;
  assessedTo?: string;
  reportDate?: string;
  /** `张三:组长,李四,王五`: leader first. */
  team?: string;
  profile?: string;
}

/** One assessment's scores and what is known about it, whatever it was read from. */
export interface AssessmentSource {
  /** The file, or `assessment <id>`. */
  label: string;
  /** File stem or assessment id: the default name of the report files. */
  stem: string;
  model: StandardModel;
  industry: IndustryId;
  scores: Map<string, ScoreValue>;
  notes: Map<string, RequirementNote>;
  info: Partial<AssessmentInfo>;
  /** Display total of a frozen result, checked against the recomputed one. */
  frozenTotal?: string;
}

export function parseFormats(value: string): ReportFormat[] {
  const formats = [...new Set(value.split(',').map((f) => f.trim().toLowerCase()))].filter(Boolean);
  const bad = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (bad.length || formats.length === 0) {
    throw new CliUsageError(
      `--format ${value}: expected ${REPORT_FORMATS.join(', ')} or a comma-separated list (docx,pdf)`,
    );
  }
  return formats as ReportFormat[];
}

const REPORT_INPUT = /\.(json|xlsx)$/i;

/** Input files of a folder: *.json and *.xlsx, without editors' lock files, in name order. */
export function reportInputFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => REPORT_INPUT.test(f) && !f.startsWith('~$') && !f.startsWith('.'))
    .sort()
    .map((f) => join(folder, f));
}

function outputName(stem: string, format: ReportFormat): string {
  // The result export is not a scoring workbook: a distinct name, so it never overwrites the input.
  return format === 'xlsx' ? `${stem}-result.xlsx` : `${stem}.${format}`;
}

// --- sources ------------------------------------------------------------------------------------------------

function resolveIndustry(label: string, fromSource: IndustryId | undefined, flag: IndustryId | undefined) {
  if (flag && fromSource && flag !== fromSource) {
    throw new CliUsageError(`${label}: the file is for industry ${fromSource}, --industry says ${flag}`);
  }
  const industry = flag ?? fromSource;
  if (!industry) {
    throw new CliUsageError(
      `${label}: no industry — pass --industry mining|smelting|processing or set "industry" in the file`,
    );
  }
  return industry;
}

export async function loadFileSource(file: string, options: ReportCommandOptions): Promise<AssessmentSource> {
  const stem = basename(file, extname(file));
  if (/\.xlsx$/i.test(file)) {
    const { model, workbook } = await readScoringWorkbook(file, options);
    const notes = new Map<string, RequirementNote>();
    for (const s of workbook.scores) {
      if (s.evidence || s.rationale)
        notes.set(s.requirementId, {
          ...(s.evidence ? { evidence: s.evidence } : {}),
          ...(s.rationale ? { rationale: s.rationale } : {}),
        });
    }
    const date = /^\d{4}-\d{2}-\d{2}$/.test(workbook.assessedAt) ? workbook.assessedAt : undefined;
    return {
      label: file,
      stem,
      model,
      industry: workbook.industry,
      scores: new Map(workbook.grades),
      notes,
      info: {
        ...(workbook.enterprise ? { enterprise: workbook.enterprise } : {}),
        ...(date ? { assessedFrom: date } : {}),
      },
    };
  }
  const input = parseScoreInput(readFileSync(file, 'utf8'), file);
  const industry = resolveIndustry(file, input.industry, options.industry);
  return {
    label: file,
    stem,
    model: loadModel(options.model ?? input.modelId ?? DEFAULT_MODEL),
    industry,
    scores: new Map(Object.entries(input.scores)),
    notes: new Map(),
    // A score file carries no enterprise: its name stands in unless --enterprise is given.
    info: { enterprise: stem },
  };
}

/** An assessment's scores from the database; says so clearly when there are none yet. */
export async function loadDatabaseSource(
  id: string,
  options: ReportCommandOptions,
): Promise<AssessmentSource> {
  let stored;
  try {
    stored = await readAssessmentScores(id);
  } catch (error) {
    if (error instanceof OperatorError) throw new CliCommandError(`"${id}": ${error.message}`);
    throw error;
  }
  if (!stored) {
    const { target } = databaseTarget();
    throw new CliCommandError(`"${id}" is neither a file or folder nor an assessment in ${target}`);
  }
  const industry = INDUSTRIES.find((i) => i === stored.industry);
  if (!industry) throw new CliCommandError(`assessment ${id}: unknown industry ${stored.industry}`);
  const label = `assessment ${id}`;
  if (stored.scores.size === 0) {
    throw new CliCommandError(
      `${label} (stage ${stored.stage}) has no scores yet: neither a frozen result nor consensus scores — ` +
        'nothing to report',
    );
  }
  const model = loadModel(options.model ?? stored.modelId);
  const compiled = compiledCache(options)(model.meta.id, industry);
  const scores = stored.scores as Map<string, ScoreValue>;
  const missing = compiled.ids.filter((rid) => scores.get(rid) === undefined || scores.get(rid) === null);
  if (missing.length > 0 && !options.partial) {
    throw new CliCommandError(
      `${label}: the ${stored.what} cover ${compiled.ids.length - missing.length} of ${compiled.ids.length} requirements ` +
        '(pass --partial for a draft report counting the missing ones as 0)',
    );
  }
  return {
    label,
    stem: `report-${id}`,
    model,
    industry,
    scores,
    notes: stored.notes,
    info: {
      ...(stored.enterpriseName ? { enterprise: stored.enterpriseName } : {}),
      ...(stored.team.length ? { team: stored.team } : {}),
      // A frozen or sealed result carries its own date; never today's.
      ...(stored.resultDate ? { reportDate: stored.resultDate } : {}),
    },
    ...(stored.frozenTotal ? { frozenTotal: stored.frozenTotal } : {}),
  };
}

// --- rendering ----------------------------------------------------------------------------------------------

function parseTeam(value: string): { name: string; role?: string }[] {
  return value
    .split(/[,，、]/)
    .map((m) => m.trim())
    .filter(Boolean)
    .map((m) => {
      const [name, role] = m.split(/[:：]/).map((x) => x.trim());
      return role ? { name: name!, role } : { name: name! };
    });
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export interface RenderedReport {
  result: ScoreResult;
  /** Files written, in the order of the formats. */
  written: string[];
  warnings: string[];
}

/** Scores the source and writes one file per format (`paths[format]`). */
export async function renderReport(
  src: AssessmentSource,
  formats: readonly ReportFormat[],
  paths: Readonly<Partial<Record<ReportFormat, string>>>,
  options: ReportCommandOptions,
): Promise<RenderedReport> {
  const compiled = compiledCache(options)(src.model.meta.id, src.industry);
  let result: ScoreResult;
  try {
    result = score(compiled, src.scores, { partial: options.partial });
  } catch (error) {
    if (error instanceof ScoringError) throw new ScoringFileError(src.label, error);
    throw error;
  }
  const warnings: string[] = [];
  if (src.frozenTotal && src.frozenTotal !== result.total.display) {
    warnings.push(
      `${src.label}: the frozen result says S = ${src.frozenTotal}, recomputed with this model and policy S = ${result.total.display}`,
    );
  }
  const info: AssessmentInfo = {
    enterprise: '',
    modelTitle: src.model.meta.title,
    reportDate: today(),
    ...src.info,
    industry: src.industry,
    modelId: src.model.meta.id,
    ...(options.enterprise ? { enterprise: options.enterprise } : {}),
    ...(options.assessedFrom ? { assessedFrom: options.assessedFrom } : {}),
    ...(options.assessedTo ? { assessedTo: options.assessedTo } : {}),
    ...(options.reportDate ? { reportDate: options.reportDate } : {}),
    ...(options.team ? { team: parseTeam(options.team) } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  };
  const written: string[] = [];
  if (formats.includes('docx') || formats.includes('pdf')) {
    const docx = await buildReportDocx({
      model: src.model,
      result,
      planning: planningInputFromAssessment(compiled, src.scores),
      info,
    });
    if (formats.includes('docx')) {
      writeFileAtomic(paths.docx!, docx);
      written.push(paths.docx!);
    }
    if (formats.includes('pdf')) {
      let pdf: Buffer;
      try {
        pdf = await docxToPdf(docx);
      } catch (error) {
        if (error instanceof ConversionError) throw new CliCommandError(`${src.label}: ${error.message}`);
        throw error;
      }
      writeFileAtomic(paths.pdf!, pdf);
      written.push(paths.pdf!);
    }
  }
  if (formats.includes('xlsx')) {
    const grades = new Map<string, GradeKey>();
    for (const [rid, v] of src.scores) {
      const k = gradeKeyOf(src.model.satisfaction, v);
      if (k) grades.set(rid, k);
    }
    const buf = await resultWorkbookBuffer({
      model: src.model,
      compiled,
      result,
      grades,
      notes: src.notes,
      info,
    });
    writeFileAtomic(paths.xlsx!, buf);
    written.push(paths.xlsx!);
  }
  return { result, written, warnings };
}

// --- the command --------------------------------------------------------------------------------------------

function isDirectoryTarget(out: string): boolean {
  return out.endsWith('/') || (existsSync(out) && statSync(out).isDirectory());
}

/** Output files of one source: `--out` is the file for a single format, else a folder (default: cwd). */
function outputPaths(
  stem: string,
  formats: readonly ReportFormat[],
  out: string | undefined,
): Partial<Record<ReportFormat, string>> {
  if (out && formats.length === 1 && !isDirectoryTarget(out)) {
    const f = formats[0]!;
    if (extname(out).toLowerCase() !== `.${f}`) {
      throw new CliUsageError(`--out ${out}: a ${f} report needs a .${f} file name (or a folder)`);
    }
    return { [f]: out };
  }
  const dir = out ?? '.';
  mkdirSync(dir, { recursive: true });
  return Object.fromEntries(formats.map((f) => [f, join(dir, outputName(stem, f))]));
}

/** Fails early, before the long docx build, when a PDF is asked for and LibreOffice is missing. */
function checkTools(formats: readonly ReportFormat[]): void {
  if (!formats.includes('pdf')) return;
  try {
    findSoffice();
  } catch (error) {
    if (error instanceof ToolMissingError) throw new CliCommandError(`--format pdf: ${error.message}`);
    throw error;
  }
}

export async function reportCommand(
  arg: string,
  options: ReportCommandOptions,
  print: (text: string) => void,
  progressStream: ProgressStream = process.stderr,
): Promise<void> {
  const formats = parseFormats(options.format);
  const isPath = existsSync(arg);
  if (isPath && statSync(arg).isDirectory()) {
    await reportBatch(arg, formats, options, print, progressStream);
    return;
  }
  checkTools(formats);
  let rendered: RenderedReport;
  if (isPath) {
    const src = await loadFileSource(arg, options);
    rendered = await renderReport(src, formats, outputPaths(src.stem, formats, options.out), options);
  } else if (/[/\\]/.test(arg) || REPORT_INPUT.test(arg)) {
    throw new CliCommandError(`${arg}: no such file or folder`);
  } else {
    const src = await loadDatabaseSource(arg, options);
    rendered = await renderReport(src, formats, outputPaths(src.stem, formats, options.out), options);
  }
  for (const w of rendered.warnings) progressStream.write(`warning: ${w}\n`);
  const r = rendered.result;
  print(
    `总分 total S = ${r.total.display} · ${r.conclusion.belowLevel1 ? r.conclusion.name : `${r.conclusion.ordinal} ${r.conclusion.name}`}` +
      (r.complete ? '' : ` · partial: ${r.missing.length} requirements unscored, counted as 0`),
  );
  for (const f of rendered.written) print(`wrote ${f}`);
}

async function reportBatch(
  folder: string,
  formats: readonly ReportFormat[],
  options: ReportCommandOptions,
  print: (text: string) => void,
  progressStream: ProgressStream,
): Promise<void> {
  if (!options.out) {
    throw new CliUsageError(`${folder} is a folder: pass --out DIR for its reports (one per input file)`);
  }
  if (existsSync(options.out) && !statSync(options.out).isDirectory()) {
    throw new CliUsageError(`--out ${options.out}: with a folder of inputs, --out must be a folder`);
  }
  checkTools(formats);
  const files = reportInputFiles(folder);
  if (files.length === 0) throw new CliCommandError(`${folder}: no *.json or *.xlsx files to report on`);
  mkdirSync(options.out, { recursive: true });
  // a.json and a.xlsx would both give a.docx: then the full file name is the stem.
  const stems = files.map((f) => basename(f, extname(f)));
  const stemOf = (i: number) =>
    stems.filter((s) => s === stems[i]).length > 1 ? basename(files[i]!) : stems[i]!;

  const failures: { file: string; message: string }[] = [];
  const lines: string[] = [];
  const warnings: string[] = [];
  const progress = createProgress(files.length, 'report', progressStream);
  try {
    for (const [i, file] of files.entries()) {
      progress.start(file);
      try {
        const src = await loadFileSource(file, options);
        const dir = options.out;
        const paths = Object.fromEntries(formats.map((f) => [f, join(dir, outputName(stemOf(i), f))]));
        const r = await renderReport(src, formats, paths, options);
        warnings.push(...r.warnings);
        lines.push(`${basename(file)}: S = ${r.result.total.display} → ${r.written.join(', ')}`);
        progress.done(file);
      } catch (error) {
        const message =
          isFileError(error) || error instanceof CliCommandError
            ? (error as Error).message
            : `${file}: ${(error as Error).message ?? String(error)}`;
        failures.push({ file, message });
        progress.done(file, message);
      }
    }
  } finally {
    progress.stop();
  }
  for (const w of warnings) progressStream.write(`warning: ${w}\n`);
  if (lines.length) print(lines.join('\n'));
  if (failures.length > 0) throw new BatchFailedError(failures, files.length);
}
