/**
 * The audit log: the whole log (platform admin), one assessment's trail (body admin, leader), verification.
 * Every entry a viewer may not read in full (src/process/visibility.ts: `auditEntryRedaction` in an assessment's
 * trail, `platformAuditRedaction` in the whole log) is served with its content withheld and `redacted` saying
 * why — who did what when stays visible, so the trail has no gaps.
 */
import { can } from '../access/can.js';
import type { AuditEntry } from '../contract/admin.js';
import type { AuditVerification } from '../contract/admin.js';
import { auditEntryRedaction, platformAuditRedaction, type AuditRedaction } from '../process/visibility.js';
import type { ProcessActor } from '../process/types.js';
import { listAudit, verifyAuditChain, type AuditEntry as StoredEntry } from '../store/audit.js';
import { loadDoc } from '../store/repos/documents.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { forbidden, notFound } from './errors.js';

const PLATFORM = { kind: 'organization', orgId: 'platform', orgKind: 'platform' } as const;

/** An entry with its content withheld. */
export function redactEntry<E extends StoredEntry | AuditEntry>(entry: E, why: AuditRedaction): E {
  return { ...entry, before: null, after: null, reason: null, redacted: why };
}

export async function listAuditLog(
  ctx: ServiceContext,
  caller: Caller,
  q: { afterSeq?: number; limit?: number; entity?: string; entityId?: string },
): Promise<AuditEntry[]> {
  if (!can(caller.actor, 'audit.read', PLATFORM))
    throw forbidden('audit.read: the whole log is for the platform admin', { action: 'audit.read' });
  const entries = await listAudit(ctx.db, { ...q, limit: q.limit ?? 200 });
  return entries.map((e) => {
    const why = platformAuditRedaction(e);
    return why ? redactEntry(e, why) : e;
  });
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

/** The audit trail of one assessment and its parts (scores, evidence …), under the visibility rules. */
export async function assessmentAuditTrail(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  q: { afterSeq?: number; limit?: number },
): Promise<AuditEntry[]> {
  await authorizeAssessment(ctx, caller, id, 'audit.read');
  const entries = await listAudit(ctx.db, { entityTree: id, afterSeq: q.afterSeq, limit: q.limit ?? 200 });
  const visible = await visibleAssessmentEntries(ctx, caller.actor, id, entries);
  return visible.map(({ prevHash: _prevHash, ...entry }) => entry);
}
