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
import { gradeKeyOf } from '../../planning/build.js';
import { displayTotal } from '../../planning/format.js';
import type { GradeKey } from '../../planning/types.js';
import type { EnterpriseProfile } from '../../planning/level-plan.js';
import type { Assessment } from '../../process/types.js';
import {
  buildAssessmentReport,
  buildReportData,
  isoDateChina,
  type ReportNames,
} from '../../reports/assessment-report.js';
import type { AssessmentInfo, RequirementNote } from '../../reports/common.js';
import { renderReportDocx } from '../../reports/docx-report.js';
import {
  ConversionError,
  docxToPdf,
  findSoffice,
  shutdownLibreOffice,
  ToolMissingError,
} from '../../reports/pdf.js';
import type { ReportData } from '../../reports/report-data.js';
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
  lang?: 'zh' | 'en';
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
  /** Enterprise size for the plan's effort factors: large | medium | small. */
  size?: 'large' | 'medium' | 'small';
  subSector?: string;
  /** Conclusion level the plan aims at. */
  target?: string;
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
  /** The process aggregate (database), when complete: the report then holds the team's work and the seal. */
  assessment?: Assessment;
  names?: ReportNames;
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
    // The whole aggregate as the web application keeps it (team, plans, meetings, evidence, report, seal).
    ...(stored.assessment
      ? {
          assessment: stored.assessment,
          names: { enterprise: stored.enterpriseName ?? '', body: stored.bodyName ?? '' },
        }
      : {}),
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

/** Today in China time: only the report date of a file (never of a sealed result, which has its own). */
function today(): string {
  return isoDateChina(new Date().toISOString());
}

function profileOf(options: ReportCommandOptions): EnterpriseProfile | undefined {
  const p: EnterpriseProfile = {
    ...(options.size ? { size: options.size } : {}),
    ...(options.subSector ? { subSector: options.subSector } : {}),
    ...(options.profile ? { description: options.profile } : {}),
  };
  return Object.keys(p).length ? p : undefined;
}

export function parseTarget(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new CliUsageError(`--target ${value}: expected 1…5`);
  return n;
}

/** The report data of a source: the whole process when the database has it, else what the file says. */
export function reportDataOfSource(
  src: AssessmentSource,
  info: AssessmentInfo,
  options: ReportCommandOptions,
): ReportData {
  const target = parseTarget(options.target);
  const profile = profileOf(options);
  const reportOptions = target !== undefined ? { target } : {};
  if (src.assessment && src.names) {
    return buildAssessmentReport({
      assessment: src.assessment,
      model: src.model,
      names: { ...src.names, ...(options.enterprise ? { enterprise: options.enterprise } : {}) },
      ...(profile ? { profile } : {}),
      options: reportOptions,
    });
  }
  const notes: Record<string, { evidence?: string; rationale?: string }> = Object.fromEntries(src.notes);
  return buildReportData(
    src.model,
    {
      modelId: src.model.meta.id,
      industry: src.industry,
      scores: Object.fromEntries(src.scores),
      enterprise: info.enterprise,
      ...(info.team
        ? {
            team: info.team.map((m) => ({
              name: m.name,
              role: m.role === '组长' ? 'leader' : (m.role ?? 'member'),
            })),
          }
        : {}),
      notes,
      reportDate: info.reportDate ?? today(),
      ...(info.assessedFrom ? { assessedFrom: info.assessedFrom } : {}),
      ...(info.assessedTo ? { assessedTo: info.assessedTo } : {}),
      ...(profile ? { profile } : {}),
      partial: options.partial ?? false,
    },
    reportOptions,
  );
}

export interface RenderedReport {
  result: ScoreResult;
  model: StandardModel;
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
    const docx = await renderReportDocx(reportDataOfSource(src, info, options));
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
  return { result, model: src.model, written, warnings };
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
    try {
      await reportBatch(arg, formats, options, print, progressStream);
    } finally {
      await shutdownLibreOffice();
    }
    return;
  }
  checkTools(formats);
  try {
    await reportOne(arg, isPath, formats, options, print, progressStream);
  } finally {
    await shutdownLibreOffice();
  }
}

async function reportOne(
  arg: string,
  isPath: boolean,
  formats: readonly ReportFormat[],
  options: ReportCommandOptions,
  print: (text: string) => void,
  progressStream: ProgressStream,
): Promise<void> {
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
    `总分 total S = ${displayTotal(r.total, r.policy.displayDecimals, rendered.model.levels)} · ${r.conclusion.belowLevel1 ? r.conclusion.name : `${r.conclusion.ordinal} ${r.conclusion.name}`}` +
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
        lines.push(
          `${basename(file)}: S = ${displayTotal(r.result.total, r.result.policy.displayDecimals, r.model.levels)} → ${r.written.join(', ')}`,
        );
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
