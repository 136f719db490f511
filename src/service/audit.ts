/**
 * The audit log: the whole log (platform admin), one assessment's trail (body admin, leader), verification.
 * Every entry a viewer may not read in full (src/process/visibility.ts: `auditEntryRedaction` in an assessment's
 * trail, `platformAuditRedaction` in the whole log) is served with its content withheld and `redacted` saying
 * why — who did what when stays visible, so the trail has no gaps.
 */
import { can } from '../access/can.js';
import type {
  AssessmentAuditQuery,
  AuditEntry,
  AuditPage,
  AuditQuery,
  AuditVerification,
} from '../contract/admin.js';
import { auditEntryRedaction, platformAuditRedaction, type AuditRedaction } from '../process/visibility.js';
import type { ProcessActor } from '../process/types.js';
import { pageAudit, verifyAuditChain, type AuditEntry as StoredEntry } from '../store/audit.js';
import { loadDoc } from '../store/repos/documents.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { forbidden, notFound } from './errors.js';

const PLATFORM = { kind: 'organization', orgId: 'platform', orgKind: 'platform' } as const;

/** An entry with its content withheld. */
export function redactEntry<E extends StoredEntry | AuditEntry>(entry: E, why: AuditRedaction): E {
  return { ...entry, before: null, after: null, reason: null, redacted: why };
}

/** The default page of an audit list. */
const AUDIT_PAGE = 200;

/** The page answer: the next page starts after the last seq served, while more entries follow. */
function auditPage(items: AuditEntry[], more: boolean, total: number): AuditPage {
  const last = items.at(-1);
  return { items, total, ...(more && last ? { nextCursor: String(last.seq) } : {}) };
}

/**
 * The whole log (platform admin), oldest first, a page after `afterSeq`, filtered by record type, record, action
 * and actor; `total` counts every matching entry. Filters match only what every entry shows (never withheld
 * content), so a filter reveals nothing the redaction hides.
 */
export async function listAuditLog(ctx: ServiceContext, caller: Caller, q: AuditQuery): Promise<AuditPage> {
  if (!can(caller.actor, 'audit.read', PLATFORM))
    throw forbidden('audit.read: the whole log is for the platform admin', { action: 'audit.read' });
  const { entries, more, total } = await pageAudit(ctx.db, { ...q, limit: q.limit ?? AUDIT_PAGE });
  const items = entries.map((e) => {
    const why = platformAuditRedaction(e);
    return why ? redactEntry(e, why) : e;
  });
  return auditPage(items, more, total);
}

export async function verifyAuditLog(ctx: ServiceContext, caller: Caller): Promise<AuditVerification> {
  if (!can(caller.actor, 'audit.read', PLATFORM))
    throw forbidden('audit.read: not allowed', { action: 'audit.read' });
  return verifyAuditChain(ctx.db);
}

/** Entries of one assessment's trail as `viewer` may read them. */
export async function visibleAssessmentEntries(
  ctx: ServiceContext,
  viewer: ProcessActor,
  id: string,
  entries: readonly StoredEntry[],
): Promise<StoredEntry[]> {
  const doc = await loadDoc(ctx.db, id);
  if (!doc) throw notFound('assessment');
  return entries.map((e) => {
    const why = auditEntryRedaction(doc.assessment, viewer, e);
    return why ? redactEntry(e, why) : e;
  });
}

/**
 * The audit trail of one assessment and its parts (scores, evidence …), under the visibility rules: a page after
 * `afterSeq`, filtered by record type, action and actor; `total` counts every matching entry (redacted ones too:
 * the trail has no gaps, only withheld content).
 */
export async function assessmentAuditTrail(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  q: AssessmentAuditQuery,
): Promise<AuditPage> {
  await authorizeAssessment(ctx, caller, id, 'audit.read');
  const { entries, more, total } = await pageAudit(ctx.db, {
    entityTree: id,
    ...(q.afterSeq !== undefined ? { afterSeq: q.afterSeq } : {}),
    ...(q.entity !== undefined ? { entity: q.entity } : {}),
    ...(q.action !== undefined ? { action: q.action } : {}),
    ...(q.actorId !== undefined ? { actorId: q.actorId } : {}),
    limit: q.limit ?? AUDIT_PAGE,
  });
  const visible = await visibleAssessmentEntries(ctx, caller.actor, id, entries);
  return auditPage(
    visible.map(({ prevHash: _prevHash, ...entry }) => entry),
    more,
    total,
  );
}
