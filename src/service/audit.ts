/** The audit log: the whole log (platform admin), one assessment's trail (body admin, leader), verification. */
import { can } from '../access/can.js';
import type { AuditEntry, AuditVerification } from '../contract/admin.js';
import { listAudit, verifyAuditChain } from '../store/audit.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { forbidden } from './errors.js';

const PLATFORM = { kind: 'organization', orgId: 'platform', orgKind: 'platform' } as const;

export async function listAuditLog(
  ctx: ServiceContext,
  caller: Caller,
  q: { afterSeq?: number; limit?: number; entity?: string; entityId?: string },
): Promise<AuditEntry[]> {
  if (!can(caller.actor, 'audit.read', PLATFORM))
    throw forbidden('audit.read: the whole log is for the platform admin', { action: 'audit.read' });
  return listAudit(ctx.db, { ...q, limit: q.limit ?? 200 });
}

export async function verifyAuditLog(ctx: ServiceContext, caller: Caller): Promise<AuditVerification> {
  if (!can(caller.actor, 'audit.read', PLATFORM))
    throw forbidden('audit.read: not allowed', { action: 'audit.read' });
  return verifyAuditChain(ctx.db);
}

/** The audit trail of one assessment and its parts (scores, evidence …). */
export async function assessmentAuditTrail(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  q: { afterSeq?: number; limit?: number },
): Promise<AuditEntry[]> {
  await authorizeAssessment(ctx, caller, id, 'audit.read');
  const entries = await listAudit(ctx.db, { entityTree: id, afterSeq: q.afterSeq, limit: q.limit ?? 200 });
  return entries.map(({ prevHash: _prevHash, ...entry }) => entry);
}
