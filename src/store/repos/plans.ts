import { withAudit } from '../audit.js';
import type { MeetingKind, PlanKind, Row } from '../schema.js';
import { newId, nowIso, parseJson, toIso, type Actor, type Db } from '../util.js';
import { conflict, type Versioned } from './common.js';

export interface Plan {
  id: string;
  assessmentId: string;
  kind: PlanKind;
  content: unknown;
  version: number;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

function toPlan(r: Row<'plans'>): Plan {
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    kind: r.kind,
    content: parseJson(r.content),
    version: r.version,
    updatedBy: r.updated_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getPlan(db: Db, assessmentId: string, kind: PlanKind): Promise<Plan | undefined> {
  const r = await db
    .selectFrom('plans')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return r && toPlan(r);
}

/** Creates (expectedVersion 0) or replaces the plan of a kind, with optimistic concurrency. */
export async function savePlan(
  db: Db,
  actor: Actor,
  input: { assessmentId: string; kind: PlanKind; content: unknown; expectedVersion: number; reason?: string },
): Promise<Versioned<Plan>> {
  return withAudit<Versioned<Plan>>(db, actor, async (trx) => {
    const now = nowIso();
    const content = JSON.stringify(input.content ?? null);
    const before = await getPlan(trx, input.assessmentId, input.kind);
    let row: Row<'plans'> | undefined;
    if (input.expectedVersion === 0) {
      row = await trx
        .insertInto('plans')
        .values({
          id: newId(),
          assessment_id: input.assessmentId,
          kind: input.kind,
          content,
          version: 1,
          updated_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['assessment_id', 'kind']).doNothing())
        .returningAll()
        .executeTakeFirst();
    } else {
      row = await trx
        .updateTable('plans')
        .set({ content, version: input.expectedVersion + 1, updated_by: actor.userId, updated_at: now })
        .where('assessment_id', '=', input.assessmentId)
        .where('kind', '=', input.kind)
        .where('version', '=', input.expectedVersion)
        .returningAll()
        .executeTakeFirst();
    }
    if (!row) return { result: conflict(await getPlan(trx, input.assessmentId, input.kind)), audit: [] };
    const after = toPlan(row);
    return {
      result: { ok: true, value: after },
      audit: {
        entity: 'plan',
        entityId: after.id,
        action: input.expectedVersion === 0 ? 'create' : 'update',
        before: before ?? null,
        after,
        reason: input.reason ?? null,
      },
    };
  });
}

export interface Attendee {
  name: string;
  organisation?: string;
  userId?: string;
  role?: string;
}

export interface Meeting {
  id: string;
  assessmentId: string;
  kind: MeetingKind;
  heldAt: string;
  minutes: string;
  attendees: Attendee[];
  recordedBy: string | null;
  recordedAt: string;
}

function toMeeting(r: Row<'meetings'>): Meeting {
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    kind: r.kind,
    heldAt: r.held_at,
    minutes: r.minutes,
    attendees: parseJson<Attendee[]>(r.attendees),
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  };
}

export async function recordMeeting(
  db: Db,
  actor: Actor,
  input: {
    assessmentId: string;
    kind: MeetingKind;
    heldAt: string | Date;
    minutes: string;
    attendees: Attendee[];
  },
): Promise<Meeting> {
  const row: Row<'meetings'> = {
    id: newId(),
    assessment_id: input.assessmentId,
    kind: input.kind,
    held_at: toIso(input.heldAt),
    minutes: input.minutes,
    attendees: JSON.stringify(input.attendees),
    recorded_by: actor.userId,
    recorded_at: nowIso(),
  };
  return withAudit(db, actor, async (trx) => {
    await trx.insertInto('meetings').values(row).execute();
    const m = toMeeting(row);
    return { result: m, audit: { entity: 'meeting', entityId: m.id, action: 'record', after: m } };
  });
}

export async function listMeetings(db: Db, assessmentId: string, kind?: MeetingKind): Promise<Meeting[]> {
  let q = db.selectFrom('meetings').selectAll().where('assessment_id', '=', assessmentId);
  if (kind) q = q.where('kind', '=', kind);
  return (await q.orderBy('held_at').orderBy('id').execute()).map(toMeeting);
}
