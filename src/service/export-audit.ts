/**
 * Data leaving the platform leaves a trace in the audit log, written before the file is handed out (an export
 * that cannot be recorded is not made; a full disk refuses it like any write):
 * - bulk exports: one `data_export` entry of the exporter's organisation per file — who, which kind and format,
 *   the filters, the rows; no assessment content, so the whole log shows it to the platform admin in full;
 * - an assessment's report (Word, PDF, the result workbook, the report data): one `report` / `download` entry in
 *   the assessment's trail (`<id>/report`), under the trail's visibility rules (src/process/visibility.ts).
 * Preview page images are not recorded (the preview is read page by page; its PDF download is).
 */
import { inTransaction } from '../store/util.js';
import { appendAudit } from '../store/audit.js';
import type { Caller, ServiceContext } from './context.js';

export const EXPORT_AUDIT_ENTITY = 'data_export';

export interface ExportRecord {
  /** What was exported. */
  kind: 'assessment_list' | 'analytics';
  format: 'xlsx' | 'docx';
  /** The filters as asked (query parameters), none of the data. */
  filters: Record<string, string | number | boolean>;
  /** Rows written, where the file is a list. */
  rows?: number;
}

export async function auditExport(ctx: ServiceContext, caller: Caller, record: ExportRecord): Promise<void> {
  await inTransaction(ctx.db, (trx) =>
    appendAudit(trx, caller.storeActor, {
      entity: EXPORT_AUDIT_ENTITY,
      entityId: caller.actor.orgId ?? 'platform',
      action: 'export',
      after: record,
    }),
  );
}

/** The report of assessment `assessmentId` handed out as `format` (through the report route or a render). */
export async function auditReportDownload(
  ctx: ServiceContext,
  caller: Caller,
  assessmentId: string,
  download: { format: 'docx' | 'pdf' | 'xlsx' | 'json'; renderId?: string },
): Promise<void> {
  await inTransaction(ctx.db, (trx) =>
    appendAudit(trx, caller.storeActor, {
      entity: 'report',
      entityId: `${assessmentId}/report`,
      action: 'download',
      after: download,
    }),
  );
}
