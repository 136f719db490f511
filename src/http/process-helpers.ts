/** Running process commands from routes: the transition, its audit row, the expert records of users. */
import { createHash } from 'node:crypto';
import type { AuditChange } from '../store/audit.js';
import type { Db } from '../store/util.js';
import { transition } from '../process/state-machine.js';
import type { Command, DomainEvent, Expert, Discipline } from '../process/types.js';
import { DISCIPLINES } from '../process/types.js';
import type { Auth, Ctx } from './context.js';
import type { Doc } from './documents.js';
import { isRequirementOf } from './engine.js';
import { fromProcessError } from './errors.js';
import { getExpertProfile } from './routes-admin.js';

export function processEnv(ctx: Ctx, modelId: string) {
  return { isRequirementOf: isRequirementOf(modelId), options: ctx.config.process };
}

/** Applies `command`; throws the mapped HTTP error when the process refuses. */
export function apply(
  ctx: Ctx,
  doc: Doc,
  command: Command,
  auth: Auth,
  conflictCurrent?: (details: unknown) => unknown,
): { doc: Doc; events: DomainEvent[] } {
  const r = transition(
    doc.assessment,
    command,
    auth.actor,
    ctx.config.now(),
    processEnv(ctx, doc.assessment.modelId),
  );
  if (!r.ok) {
    const current =
      r.error.code === 'conflict' && conflictCurrent ? conflictCurrent(r.error.details) : undefined;
    throw fromProcessError(r.error, current);
  }
  return { doc: { ...doc, assessment: r.assessment }, events: r.events };
}

/** The audit row of a transition: stage and version before/after and the events (never score values). */
export function transitionAudit(
  before: Doc,
  after: Doc,
  command: Command,
  events: DomainEvent[],
  extra: Record<string, unknown> = {},
): AuditChange {
  const reason =
    'reason' in command && typeof command.reason === 'string' && command.reason.trim() !== ''
      ? command.reason
      : null;
  return {
    entity: 'assessment',
    entityId: before.assessment.id,
    action: command.type,
    before: { stage: before.assessment.stage, version: before.assessment.version },
    after: {
      stage: after.assessment.stage,
      version: after.assessment.version,
      events: events.map((e) => ({ type: e.type, data: e.data })),
      ...extra,
    },
    reason,
  };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The process `Expert` record of a user (profile: training validity, declared interest relations). */
export async function expertOf(db: Db, userId: string): Promise<Expert | undefined> {
  const u = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!u || u.active !== 1) return undefined;
  const roles = JSON.parse(u.roles) as string[];
  if (!roles.includes('expert')) return undefined;
  const profile = await getExpertProfile(db, userId);
  const disciplines = (JSON.parse(u.disciplines) as string[]).filter((d): d is Discipline =>
    (DISCIPLINES as readonly string[]).includes(d),
  );
  return {
    userId: u.id,
    name: u.display_name,
    ...(u.organisation_id ? { orgId: u.organisation_id } : {}),
    disciplines,
    ...(profile.trainingValidUntil ? { trainingValidUntil: profile.trainingValidUntil } : {}),
    conflicts: profile.conflicts,
  };
}
