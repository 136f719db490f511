/**
 * The result (the self-assessment live, or the team's — frozen once frozen) and the report files of the frozen
 * result. Who sees the team's result: `canSeeTeamResult` (src/process/visibility.ts).
 */
import type { FrozenResult as FrozenResultWire, ScoreResult as ScoreResultWire } from '../contract/domain.js';
import type { ReportFormat, ReportJson, ResultResponse, ResultSource } from '../contract/work.js';
import { GRADES, valueOfTenths, type GradeKey, type ScoreValue } from '../model/grades.js';
import type { Assessment, FrozenResult } from '../process/types.js';
import { canSeeSelfAssessment, canSeeTeamResult } from '../process/visibility.js';
import type { AssessmentInfo } from '../reports/common.js';
import type { ScoreResult } from '../scoring/index.js';
import { organisationNames } from '../store/repos/organisations.js';
import { listSelfScores } from '../store/repos/scores.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { compiledFor, computeResult, modelOrNotFound } from './engine.js';
import { forbidden, ServiceError } from './errors.js';

const NOT_COMMUNICATED = { rule: 'result_not_communicated' } as const;

/** A frozen result as served: its value is the engine's result JSON, written by `resultJson(score(...))`. */
export function frozenResultWire(r: FrozenResult): FrozenResultWire {
  return { ...r, value: r.value as unknown as ScoreResultWire };
}

export async function getResult(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  source: ResultSource = 'team',
): Promise<ResultResponse> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  let scores: Record<string, ScoreValue> = {};
  if (source === 'self') {
    if (!canSeeSelfAssessment(a, caller.actor))
      throw forbidden('the self-assessment is the enterprise’s own', { action: 'self-assessment.write' });
    for (const s of await listSelfScores(ctx.db, id)) scores[s.requirementId] = valueOfTenths(s.valueTenths);
  } else {
    if (!canSeeTeamResult(a, caller.actor))
      throw forbidden('the team’s result is visible to the enterprise once communicated', NOT_COMMUNICATED);
    if (a.result) scores = { ...a.result.teamScores };
    else for (const [rid, e] of Object.entries(a.consensus)) scores[rid] = e.value;
  }
  const scope = new Set(a.requirementIds);
  const inScope = Object.fromEntries(Object.entries(scores).filter(([rid]) => scope.has(rid)));
  const frozen = source === 'team' ? a.result : undefined;
  const live = computeResult(a.modelId, a.industry, inScope, true);
  const value = (frozen?.value as ScoreResult | undefined) ?? live;
  const levelScores = Object.fromEntries(value.levels.map((l) => [l.level, l.score.display]));
  const met = Object.fromEntries(value.levels.map((l) => [l.level, l.met]));
  return {
    modelId: a.modelId,
    industry: a.industry,
    source,
    scores: inScope,
    partial: !live.complete,
    summary: {
      total: value.total.display,
      levelScores: levelScores as ResultResponse['summary']['levelScores'],
      met: met as ResultResponse['summary']['met'],
      level: value.conclusion.belowLevel1 ? null : value.conclusion.level,
      conclusion: `${value.conclusion.ordinal} ${value.conclusion.name}`.trim(),
    },
    ...(frozen ? { frozen: { revision: frozen.revision, frozenAt: frozen.frozenAt } } : {}),
    ...(a.seal && source === 'team' ? { publishedAt: a.seal.at } : {}),
  };
}

/** `?format=json`: the stored report and result. */
export async function getReportJson(ctx: ServiceContext, caller: Caller, id: string): Promise<ReportJson> {
  const a = await reportableAssessment(ctx, caller, id);
  return {
    assessmentId: a.id,
    enterpriseOrgId: a.enterpriseOrgId,
    industry: a.industry,
    modelId: a.modelId,
    stage: a.stage,
    report: a.report ?? null,
    result: a.result ? frozenResultWire(a.result) : null,
    seal: a.seal ?? null,
  };
}

async function reportableAssessment(ctx: ServiceContext, caller: Caller, id: string): Promise<Assessment> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  if (!canSeeTeamResult(a, caller.actor))
    throw forbidden('the report is visible to the enterprise once communicated', NOT_COMMUNICATED);
  return a;
}

export interface ReportFile {
  buffer: Buffer;
  /** The enterprise's name (for the download's file name). */
  enterprise: string;
  mime: string;
}

export const REPORT_MIME: Record<Exclude<ReportFormat, 'json'>, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** The Word / PDF report or the result workbook of the frozen result (src/reports, src/planning). */
export async function renderReport(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  format: Exclude<ReportFormat, 'json'>,
): Promise<ReportFile> {
  const a = await reportableAssessment(ctx, caller, id);
  if (!a.result)
    throw new ServiceError('INVALID_TRANSITION', `the report needs a frozen result (stage ${a.stage})`, {
      params: { stage: a.stage, rule: 'result_not_frozen' },
    });
  const enterprise = (await organisationNames(ctx.db, [a.enterpriseOrgId])).get(a.enterpriseOrgId) ?? '';
  return { buffer: await renderFrozenResult(a, enterprise, format), enterprise, mime: REPORT_MIME[format] };
}

/** Renders the report of an assessment with a frozen result (also used by the CLI as the operator). */
export async function renderFrozenResult(
  a: Assessment,
  enterprise: string,
  format: Exclude<ReportFormat, 'json'>,
): Promise<Buffer> {
  // Loaded on first use: the report modules (docx, charts, fonts) are heavy and most requests never need them.
  const [{ planningInputFromAssessment }, { buildReportDocx }, pdf, { resultWorkbookBuffer }] =
    await Promise.all([
      import('../planning/build.js'),
      import('../reports/docx-report.js'),
      import('../reports/pdf.js'),
      import('../reports/xlsx-export.js'),
    ]);
  const frozen = a.result!;
  const model = modelOrNotFound(a.modelId);
  const compiled = compiledFor(a.modelId, a.industry);
  const scores = new Map(Object.entries(frozen.teamScores) as [string, ScoreValue][]);
  const result = computeResult(a.modelId, a.industry, Object.fromEntries(scores), false);
  const team = [...(a.team?.members ?? [])]
    .sort((x, y) => (x.role === 'leader' ? -1 : y.role === 'leader' ? 1 : 0))
    .map((m) => ({ name: m.expert.name, ...(m.role === 'leader' ? { role: '组长' } : {}) }));
  const info: AssessmentInfo = {
    enterprise,
    industry: a.industry,
    modelId: a.modelId,
    modelTitle: model.meta.title,
    reportDate: (a.seal?.at ?? frozen.frozenAt).slice(0, 10),
    ...(team.length ? { team } : {}),
  };
  if (format === 'xlsx') {
    const keyOf = new Map(GRADES.map((g) => [g.value as string, g.key]));
    const grades = new Map<string, GradeKey>();
    for (const [rid, v] of scores) {
      const k = keyOf.get(v);
      if (k) grades.set(rid, k);
    }
    const notes = new Map(
      Object.entries(a.consensus)
        .filter(([, e]) => e.rationale)
        .map(([rid, e]) => [rid, { rationale: e.rationale }]),
    );
    return resultWorkbookBuffer({ model, compiled, result, grades, notes, info });
  }
  const docx = await buildReportDocx({
    model,
    result,
    planning: planningInputFromAssessment(compiled, scores),
    info,
  });
  if (format === 'docx') return docx;
  try {
    return await pdf.docxToPdf(docx);
  } catch (error) {
    if (error instanceof pdf.ToolMissingError)
      throw new ServiceError(
        'NOT_IMPLEMENTED',
        'PDF needs LibreOffice on the server; download docx instead',
        {
          params: { tool: 'LibreOffice' },
        },
      );
    if (error instanceof pdf.ConversionError)
      throw new ServiceError('UNAVAILABLE', `PDF conversion failed: ${error.message}`, {
        params: { tool: 'LibreOffice' },
      });
    throw error;
  }
}
