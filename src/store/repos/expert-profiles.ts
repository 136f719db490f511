/** Expert profiles: training validity (4.5.2) and declared interest relations (4.2.2), versioned and audited. */
import type { ConflictDeclaration } from '../../process/types.js';
import { withAudit } from '../audit.js';
import { nowIso, parseJson, type Actor, type Db } from '../util.js';
import { conflict, type Versioned } from './common.js';

export interface ExpertProfile {
  userId: string;
  trainingValidUntil: string | null;
  conflicts: ConflictDeclaration[];
  /** 0 while no profile is stored. */
  version: number;
}

export async function getExpertProfile(db: Db, userId: string): Promise<ExpertProfile> {
  const r = await db
    .selectFrom('expert_profiles')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r
    ? {
        userId,
        trainingValidUntil: r.training_valid_until,
        conflicts: parseJson<ConflictDeclaration[]>(r.conflicts),
        version: r.version,
      }
    : { userId, trainingValidUntil: null, conflicts: [], version: 0 };
}

/** Writes the profile if it is still at `expectedVersion` (0: none stored yet). */
export async function saveExpertProfile(
  db: Db,
  actor: Actor,
  input: {
    userId: string;
    trainingValidUntil: string | null;
    conflicts: ConflictDeclaration[];
    expectedVersion: number;
  },
): Promise<Versioned<ExpertProfile>> {
  return withAudit<Versioned<ExpertProfile>>(db, actor, async (trx) => {
    const current = await getExpertProfile(trx, input.userId);
    if (current.version !== input.expectedVersion) return { result: conflict(current), audit: [] };
    const now = nowIso();
    const values = {
      training_valid_until: input.trainingValidUntil,
      conflicts: JSON.stringify(input.conflicts),
      version: current.version + 1,
      updated_at: now,
    };
    if (current.version === 0) {
      await trx
        .insertInto('expert_profiles')
        .values({ user_id: input.userId, ...values })
        .execute();
    } else {
      const r = await trx
        .updateTable('expert_profiles')
        .set(values)
        .where('user_id', '=', input.userId)
        .where('version', '=', current.version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return { result: conflict(current), audit: [] };
    }
    const after: ExpertProfile = {
      userId: input.userId,
      trainingValidUntil: input.trainingValidUntil,
      conflicts: input.conflicts,
      version: current.version + 1,
    };
    return {
      result: { ok: true, value: after },
      audit: { entity: 'expert_profile', entityId: input.userId, action: 'update', before: current, after },
    };
  });
}

/** Active assessments (not published, withdrawn or rejected) per expert user id. */
export async function expertLoads(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('team_members')
    .innerJoin('assessments', 'assessments.id', 'team_members.assessment_id')
    .select(['team_members.user_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('assessments.stage', 'not in', ['published', 'withdrawn', 'rejected'])
    .groupBy('team_members.user_id')
    .execute();
  return new Map(rows.map((l) => [l.user_id, Number(l.n)]));
}
