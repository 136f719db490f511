/**
 * The result (the self-assessment live, or the team's — frozen once frozen) and the report files of the frozen
 * result. Who sees the team's result: `canSeeTeamResult` (src/process/visibility.ts).
 */
import type { FrozenResult as FrozenResultWire, ScoreResult as ScoreResultWire } from '../contract/domain.js';
import type { ReportFormat, ReportJson, ResultResponse, ResultSource } from '../contract/work.js';
import { valueOfTenths, type ScoreValue } from '../model/grades.js';
import type { Assessment, FrozenResult } from '../process/types.js';
import { canSeeSelfAssessment, canSeeTeamResult } from '../process/visibility.js';
import type { ScoreResult } from '../scoring/index.js';
import { loadDoc } from '../store/repos/documents.js';
import { organisationNames } from '../store/repos/organisations.js';
import { userDisplayNames } from '../store/repos/users.js';
import { listSelfScores } from '../store/repos/scores.js';
import { authorizeAssessment } from './access.js';
import { getComparison, reportComparisonOf } from './comparison.js';
import type { Caller, ServiceContext } from './context.js';
import { computeResult } from './engine.js';
import { forbidden, notFound, ServiceError } from './errors.js';

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

/** Everyone an assessment's report may name: evidence collectors, plan people, meeting and seal authors. */
function userIdsOf(a: Assessment): string[] {
  const ids: string[] = [];
  for (const e of a.evidence) ids.push(e.by);
  for (const p of Object.values(a.plans)) if (p) ids.push(...p.people, p.writtenBy);
  for (const m of Object.values(a.meetings)) if (m) ids.push(m.recordedBy);
  for (const c of a.contests) ids.push(c.filedBy, ...(c.answer ? [c.answer.answeredBy] : []));
  if (a.seal) ids.push(a.seal.by);
  if (a.report) ids.push(a.report.updatedBy);
  if (a.application.submittedBy) ids.push(a.application.submittedBy);
  return ids;
}

/**
 * The Word / PDF report or the result workbook of the frozen result: the report data builder and the DOCX run
 * in a worker thread (src/reports/render-pool.ts), so the server keeps answering while a report renders.
 */
export async function renderReport(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  format: Exclude<ReportFormat, 'json'>,
): Promise<ReportFile> {
  await reportableAssessment(ctx, caller, id);
  const doc = await loadDoc(ctx.db, id);
  if (!doc) throw notFound('assessment');
  const a = doc.assessment;
  if (!a.result)
    throw new ServiceError('INVALID_TRANSITION', `the report needs a frozen result (stage ${a.stage})`, {
      params: { stage: a.stage, rule: 'result_not_frozen' },
    });
  const [orgs, users] = await Promise.all([
    organisationNames(ctx.db, [a.enterpriseOrgId, a.bodyOrgId]),
    userDisplayNames(ctx.db, userIdsOf(a)),
  ]);
  const enterprise = orgs.get(a.enterpriseOrgId) ?? '';
  // A re-assessment's report compares with the previous published result the caller may read.
  const comparison = reportComparisonOf(await getComparison(ctx, caller, id));
  const { renderReport: render } = await import('../reports/render-pool.js');
  const { ToolMissingError, ConversionError } = await import('../reports/pdf.js');
  try {
    const buffer = await render(
      {
        assessment: a,
        names: { enterprise, body: orgs.get(a.bodyOrgId) ?? '', users: Object.fromEntries(users) },
        ...(comparison ? { comparison } : {}),
      },
      format,
    );
    return { buffer, enterprise, mime: REPORT_MIME[format] };
  } catch (error) {
    if (error instanceof ToolMissingError)
      throw new ServiceError(
        'NOT_IMPLEMENTED',
        'PDF needs LibreOffice on the server; download docx instead',
        {
          params: { tool: 'LibreOffice' },
        },
      );
    if (error instanceof ConversionError)
      throw new ServiceError('UNAVAILABLE', `PDF conversion failed: ${error.message}`, {
        params: { tool: 'LibreOffice' },
      });
    throw error;
  }
}
