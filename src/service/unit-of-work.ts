/**
 * One mutation of an assessment = one transaction: lock the document, run the process command(s), save the new
 * document, append the audit rows. An error thrown inside rolls everything back.
 */
import { transition } from '../process/state-machine.js';
import type { Command, DomainEvent } from '../process/types.js';
import { appendAudit, type AuditChange } from '../store/audit.js';
import { loadDoc, saveDoc, type Doc } from '../store/repos/documents.js';
import { inTransaction, type Trx } from '../store/util.js';
import type { Caller, ServiceContext } from './context.js';
import { isRequirementOf } from './engine.js';
import { fromProcessError, notFound, versionConflict } from './errors.js';
import { notifyTransitions, recordApplied, transitionsBetween } from './notifications.js';

export function processEnv(ctx: ServiceContext, modelId: string) {
  return { isRequirementOf: isRequirementOf(modelId), options: ctx.options.process };
}

/** Applies `command` to the aggregate; throws the mapped error when the process refuses. */
export function apply(
  ctx: ServiceContext,
  doc: Doc,
  command: Command,
  caller: Caller,
  conflictCurrent?: (details: unknown) => unknown,
): { doc: Doc; events: DomainEvent[] } {
  const r = transition(
    doc.assessment,
    command,
    caller.actor,
    ctx.options.now(),
    processEnv(ctx, doc.assessment.modelId),
  );
  if (!r.ok) {
    const current =
      r.error.code === 'conflict' && conflictCurrent ? conflictCurrent(r.error.details) : undefined;
    throw fromProcessError(r.error, current);
  }
  recordApplied(r.assessment, r.events);
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

export interface MutationOutcome<T> {
  /** The new aggregate, when it changed. */
  doc?: Doc;
  audit: AuditChange[];
  result: T;
}

/**
 * Runs `fn` on the locked, hydrated aggregate inside a transaction; saves its new document, appends its audit
 * rows and writes the notifications of its transitions (src/process/notifications.ts) in the same transaction —
 * the one place every command's hand-over is announced.
 */
export async function mutateDoc<T>(
  ctx: ServiceContext,
  id: string,
  caller: Caller,
  fn: (doc: Doc, trx: Trx) => Promise<MutationOutcome<T>>,
): Promise<T> {
  return inTransaction(ctx.db, async (trx) => {
    const doc = await loadDoc(trx, id, true);
    if (!doc) throw notFound('assessment');
    const out = await fn(doc, trx);
    if (out.doc) await saveDoc(trx, doc, out.doc, caller.storeActor);
    if (out.doc)
      await notifyTransitions(
        ctx,
        trx,
        transitionsBetween(doc.assessment, out.doc.assessment),
        out.doc.assessment,
      );
    // The audit append last: on PostgreSQL it holds the chain head's lock until commit (src/store/audit.ts).
    if (out.audit.length > 0) await appendAudit(trx, caller.storeActor, out.audit);
    return out.result;
  });
}

/** Runs one process command as a mutation; returns the new aggregate. */
export function runCommand(
  ctx: ServiceContext,
  id: string,
  caller: Caller,
  build: (before: Doc) => Command,
  options: { expectedVersion?: number; conflictCurrent?: (before: Doc) => unknown } = {},
): Promise<Doc> {
  return mutateDoc(ctx, id, caller, async (before) => {
    if (options.expectedVersion !== undefined) ensureVersion(before, options.expectedVersion);
    const command = build(before);
    const { doc: after, events } = apply(
      ctx,
      before,
      command,
      caller,
      options.conflictCurrent ? () => options.conflictCurrent!(before) : undefined,
    );
    return { doc: after, audit: [transitionAudit(before, after, command, events)], result: after };
  });
}

export function ensureVersion(doc: Doc, expected: number, current: () => unknown = () => null): void {
  if (doc.assessment.version !== expected)
    throw versionConflict(
      `the assessment is at version ${doc.assessment.version}, the request expected ${expected}`,
      current(),
    );
}
