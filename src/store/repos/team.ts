import { withAudit } from '../audit.js';
import type { Row, TeamRole } from '../schema.js';
import { newId, nowIso, parseJson, type Actor, type Db } from '../util.js';
import { DuplicateError, isUniqueViolation } from './common.js';

export interface TeamMember {
  assessmentId: string;
  userId: string;
  role: TeamRole;
  disciplines: string[];
  addedBy: string | null;
  addedAt: string;
}

function toMember(r: Row<'team_members'>): TeamMember {
  return {
    assessmentId: r.assessment_id,
    userId: r.user_id,
    role: r.role,
    disciplines: parseJson<string[]>(r.disciplines),
    addedBy: r.added_by,
    addedAt: r.added_at,
  };
}

/** Adds a member; a second leader or the same user twice throws DuplicateError. */
export async function addTeamMember(
  db: Db,
  actor: Actor,
  input: { assessmentId: string; userId: string; role: TeamRole; disciplines?: string[] },
): Promise<TeamMember> {
  const row: Row<'team_members'> = {
    assessment_id: input.assessmentId,
    user_id: input.userId,
    role: input.role,
    disciplines: JSON.stringify(input.disciplines ?? []),
    added_by: actor.userId,
    added_at: nowIso(),
  };
  try {
    return await withAudit(db, actor, async (trx) => {
      await trx.insertInto('team_members').values(row).execute();
      const m = toMember(row);
      return {
        result: m,
        audit: { entity: 'team_member', entityId: `${m.assessmentId}/${m.userId}`, action: 'add', after: m },
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DuplicateError(
        'team_member',
        input.role === 'leader' ? 'leader or user' : 'user',
        input.userId,
      );
    }
    throw error;
  }
}

export async function removeTeamMember(
  db: Db,
  actor: Actor,
  input: { assessmentId: string; userId: string; reason: string },
): Promise<boolean> {
  return withAudit(db, actor, async (trx) => {
    const before = await trx
      .selectFrom('team_members')
      .selectAll()
      .where('assessment_id', '=', input.assessmentId)
      .where('user_id', '=', input.userId)
      .executeTakeFirst();
    if (!before) return { result: false, audit: [] };
    await trx
      .deleteFrom('team_members')
      .where('assessment_id', '=', input.assessmentId)
      .where('user_id', '=', input.userId)
      .execute();
    return {
      result: true,
      audit: {
        entity: 'team_member',
        entityId: `${input.assessmentId}/${input.userId}`,
        action: 'remove',
        before: toMember(before),
        reason: input.reason,
      },
    };
  });
}

export async function listTeam(db: Db, assessmentId: string): Promise<TeamMember[]> {
  const rows = await db
    .selectFrom('team_members')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('role')
    .orderBy('added_at')
    .orderBy('user_id')
    .execute();
  return rows.map(toMember);
}

/** Assessments a user is a team member of (for access rules). */
export async function listAssessmentIdsOfMember(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('team_members')
    .select('assessment_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.assessment_id);
}

export interface ConflictDeclaration {
  id: string;
  assessmentId: string;
  userId: string;
  hasConflict: boolean;
  statement: string;
  declaredAt: string;
}

function toDeclaration(r: Row<'conflict_declarations'>): ConflictDeclaration {
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    userId: r.user_id,
    hasConflict: r.has_conflict === 1,
    statement: r.statement,
    declaredAt: r.declared_at,
  };
}

/** Records a declaration; declarations are never changed, a new one supersedes the previous. */
export async function declareConflict(
  db: Db,
  actor: Actor,
  input: { assessmentId: string; userId: string; hasConflict: boolean; statement: string },
): Promise<ConflictDeclaration> {
  const row: Row<'conflict_declarations'> = {
    id: newId(),
    assessment_id: input.assessmentId,
    user_id: input.userId,
    has_conflict: input.hasConflict ? 1 : 0,
    statement: input.statement,
    declared_at: nowIso(),
  };
  return withAudit(db, actor, async (trx) => {
    await trx.insertInto('conflict_declarations').values(row).execute();
    const d = toDeclaration(row);
    return {
      result: d,
      audit: { entity: 'conflict_declaration', entityId: d.id, action: 'declare', after: d },
    };
  });
}

/** All declarations of an assessment, oldest first. */
export async function listConflictDeclarations(db: Db, assessmentId: string): Promise<ConflictDeclaration[]> {
  const rows = await db
    .selectFrom('conflict_declarations')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('declared_at')
    .orderBy('id')
    .execute();
  return rows.map(toDeclaration);
}

/** The latest declaration of each user of an assessment. */
export async function currentConflictDeclarations(
  db: Db,
  assessmentId: string,
): Promise<ConflictDeclaration[]> {
  const latest = new Map<string, ConflictDeclaration>();
  for (const d of await listConflictDeclarations(db, assessmentId)) latest.set(d.userId, d);
  return [...latest.values()];
}

/** Whether the user leads at least one team. */
export async function leadsAnyTeam(db: Db, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom('team_members')
    .select('assessment_id')
    .where('user_id', '=', userId)
    .where('role', '=', 'leader')
    .executeTakeFirst();
  return r !== undefined;
}
