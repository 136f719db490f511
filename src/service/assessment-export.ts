/**
 * Issue 12: the filtered assessment list as an Excel workbook. The same query as the list (`summaryQuery`: the
 * reader's tenancy, the filters, the sort; src/store/repos/summaries.ts) without paging, and every row through
 * the list's own `summaryOfRow` — so the export holds exactly the assessments `GET /api/assessments` lists to the
 * same user, and shows the team's progress and the result exactly where the list does (blind scoring, stage
 * visibility). Beside the list's columns: the enterprise's credit code and sub-sector, the body, the team leader
 * (the team is shown to every reader of the assessment). At most ASSESSMENT_EXPORT_MAX rows; more: VALIDATION
 * `export.tooMany`. Each export is recorded in the audit log (src/service/export-audit.ts); a refused one is not.
 */
import {
  ASSESSMENT_EXPORT_MAX,
  type AssessmentExportQuery,
  type AssessmentSummary,
} from '../contract/assessments.js';
import { loadModel } from '../model/load.js';
import type { AssessmentListRow } from '../reports/assessment-list-xlsx.js';
import { exportSummaries, type ExportSummaryRow } from '../store/repos/summaries.js';
import { summaryQuery } from './assessments.js';
import type { Caller, ServiceContext } from './context.js';
import { validation } from './errors.js';
import { auditExport } from './export-audit.js';
import { summaryOfRow } from './views.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface AssessmentListFile {
  buffer: Buffer;
  mime: string;
  filename: string;
  /** The rows written (the assessments listed). */
  rows: AssessmentListRow[];
}

/** The English name of a level band of the assessment's model (the result's conclusion is Chinese). */
function levelNameEn(modelId: string, level: number | null): string | undefined {
  if (level === null) return undefined;
  try {
    return loadModel(modelId).levels.find((b) => b.level === level)?.nameEn;
  } catch {
    return undefined;
  }
}

/** One row of the workbook: the list item as the reader sees it, and the export's own columns. */
export function exportRowOf(item: AssessmentSummary, row: ExportSummaryRow, now: Date): AssessmentListRow {
  const team = JSON.parse(row.team) as { name: string; role: string }[];
  const experts = item.progress.experts;
  const h = item.headline;
  const nameEn = h ? levelNameEn(item.modelId, h.level) : undefined;
  return {
    id: item.id,
    enterprise: item.enterpriseName,
    creditCode: row.credit_code,
    industry: item.industry,
    subSector: row.sub_sector,
    stage: item.stage,
    body: row.body_name ?? '',
    leader: team.find((m) => m.role === 'leader')?.name ?? null,
    appliedOn: item.createdAt.slice(0, 10),
    dueOn: item.dueAt?.slice(0, 10) ?? null,
    overdue: item.dueAt !== undefined && item.dueAt < now.toISOString(),
    updatedOn: item.updatedAt.slice(0, 10),
    requirements: item.progress.self.total,
    selfDone: item.progress.self.done,
    // The list shows the team's progress to the body and the team only (an empty array for the others).
    experts:
      experts.length === 0
        ? null
        : {
            done: experts.reduce((n, e) => n + e.done, 0),
            total: experts.reduce((n, e) => n + e.total, 0),
            submitted: experts.filter((e) => e.submitted).length,
            members: experts.length,
          },
    consensusDone: item.progress.consensus.done,
    openContests: item.progress.openContests,
    result: h
      ? {
          total: h.total,
          level: h.level,
          conclusion: h.conclusion,
          ...(nameEn ? { conclusionEn: nameEn } : {}),
        }
      : null,
  };
}

/** The filtered list of the assessments `caller` may read, as an xlsx workbook. */
export async function exportAssessmentList(
  ctx: ServiceContext,
  caller: Caller,
  query: AssessmentExportQuery = {},
  options: { maxRows?: number } = {},
): Promise<AssessmentListFile> {
  const max = options.maxRows ?? ASSESSMENT_EXPORT_MAX;
  const { lang: asked, ...filter } = query;
  const lang = asked === 'en' ? 'en' : 'zh';
  const {
    limit: _limit,
    offset: _offset,
    ...q
  } = summaryQuery(ctx, caller, filter, { limit: max, offset: 0 });
  const { total, rows } = await exportSummaries(ctx.db, q, max);
  if (rows === null)
    throw validation(
      `the filters match ${total} assessments; an export holds at most ${max}: narrow the filters`,
      undefined,
      { rule: 'export.tooMany', total, max },
    );
  const now = ctx.options.now();
  const out: AssessmentListRow[] = [];
  for (const row of rows) {
    const item = summaryOfRow(row, caller.actor);
    if (item) out.push(exportRowOf(item, row, now));
  }
  const exportedAt = now.toISOString();
  const filters = {
    ...(filter.stage !== undefined ? { stage: filter.stage } : {}),
    ...(filter.industry !== undefined ? { industry: filter.industry } : {}),
    ...(filter.year !== undefined ? { year: filter.year } : {}),
    ...(filter.level !== undefined ? { level: filter.level } : {}),
    ...(filter.q !== undefined ? { q: filter.q } : {}),
    ...(filter.overdue === '1' ? { overdue: true } : {}),
    ...(filter.sort !== undefined ? { sort: filter.sort } : {}),
    ...(filter.order !== undefined ? { order: filter.order } : {}),
  };
  // exceljs is loaded with the first export (as the analytics workbook), not at start.
  const { assessmentListFilename, assessmentListWorkbook } =
    await import('../reports/assessment-list-xlsx.js');
  const buffer = await assessmentListWorkbook({
    lang,
    rows: out,
    filters,
    exportedBy:
      lang === 'zh'
        ? `${caller.user.displayName}（${caller.user.email}）`
        : `${caller.user.displayName} (${caller.user.email})`,
    exportedAt,
  });
  await auditExport(ctx, caller, { kind: 'assessment_list', format: 'xlsx', filters, rows: out.length });
  return { buffer, mime: XLSX_MIME, filename: assessmentListFilename(lang, exportedAt), rows: out };
}
