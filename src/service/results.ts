/**
 * The result (the self-assessment live, or the team's — frozen once frozen) and the report files of the frozen
 * result. Who sees the team's result: `canSeeTeamResult` (src/process/visibility.ts).
 */
import type { FrozenResult as FrozenResultWire, ScoreResult as ScoreResultWire } from '../contract/domain.js';
import type { ReportFormat, ReportJson, ResultResponse, ResultSource } from '../contract/work.js';
import { valueOfTenths, type ScoreValue } from '../model/grades.js';
import type { FrozenResult } from '../process/types.js';
import { canSeeSelfAssessment, canSeeTeamResult } from '../process/visibility.js';
import type { ScoreResult } from '../scoring/index.js';
import { listSelfScores } from '../store/repos/scores.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { computeResult } from './engine.js';
import { forbidden } from './errors.js';
import { prepareReport, renderPart, reportableAssessment } from './report-renders.js';
import { auditReportDownload } from './export-audit.js';

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
  await auditReportDownload(ctx, caller, id, { format: 'json' });
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

/**
 * The Word / PDF report or the result workbook of the frozen result, through the same code as the background
 * renders (src/service/report-renders.ts): rendered in a worker thread, kept by content hash, never rendered
 * twice.
 */
export async function renderReport(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  format: Exclude<ReportFormat, 'json'>,
): Promise<ReportFile> {
  const prepared = await prepareReport(ctx, caller, id);
  const buffer = await renderPart(ctx, prepared, format);
  await auditReportDownload(ctx, caller, id, { format });
  return { buffer, enterprise: prepared.enterprise, mime: REPORT_MIME[format] };
}
