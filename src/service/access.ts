/** The access matrix applied to assessments: unreadable → NOT_FOUND (existence hidden), readable but not allowed → FORBIDDEN. */
import { can } from '../access/can.js';
import type { Action } from '../access/types.js';
import { assessmentResource } from '../process/resource.js';
import type { Assessment, ProcessActor } from '../process/types.js';
import { readDocRaw, type Doc } from '../store/repos/documents.js';
import type { Caller, ServiceContext } from './context.js';
import { forbidden, notFound } from './errors.js';

export function assertCan(actor: ProcessActor, action: Action, a: Assessment): void {
  const resource = assessmentResource(a);
  if (!can(actor, 'assessment.read', resource)) throw notFound('assessment');
  if (!can(actor, action, resource))
    throw forbidden(`${action}: not allowed for this user on this assessment`, { action });
}

/**
 * The stored aggregate (read-only, sheets not hydrated) if `caller` may read it and do `action` on it.
 * The HTTP layer runs this before a route's handler (deny by default); use cases call it themselves too.
 */
export async function authorizeAssessment(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  action: Action = 'assessment.read',
): Promise<Doc> {
  const doc = await readDocRaw(ctx.db, id);
  if (!doc) throw notFound('assessment');
  assertCan(caller.actor, action, doc.assessment);
  return doc;
}
