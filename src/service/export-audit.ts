/**
 * Bulk exports leave a trace in the audit log: who took which data out of the platform, in which format, with
 * which filters and how many rows — one `data_export` entry per file handed out, written before the file is, so
 * an export that cannot be recorded is not made (a full disk refuses it like any write). The entry is of the
 * exporter's organisation and holds no assessment content (filters and counts only): the whole log shows it to
 * the platform admin in full (src/process/visibility.ts).
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
