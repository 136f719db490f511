import type { OrganisationProfile } from '../../model/profile.js';
import { withAudit } from '../audit.js';
import type { OrganisationKind, Row } from '../schema.js';
import { newId, nowIso, type Actor, type Db } from '../util.js';
import { conflict, DuplicateError, isUniqueViolation, type Versioned } from './common.js';

export interface Organisation {
  id: string;
  kind: OrganisationKind;
  name: string;
  creditCode: string | null;
  industry: string | null;
  /** Enterprise profile (4.6.4); all null for an assessment body. */
  profile: OrganisationProfile;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toOrganisation(r: Row<'organisations'>): Organisation {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    creditCode: r.credit_code,
    industry: r.industry,
    profile: { size: r.size, subSector: r.sub_sector, region: r.region, ownership: r.ownership },
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface NewOrganisation {
  id?: string;
  kind: OrganisationKind;
  name: string;
  creditCode?: string | null;
  industry?: string | null;
  profile?: Partial<OrganisationProfile>;
}

export async function createOrganisation(
  db: Db,
  actor: Actor,
  input: NewOrganisation,
): Promise<Organisation> {
  const now = nowIso();
  const row: Row<'organisations'> = {
    id: input.id ?? newId(),
    kind: input.kind,
    name: input.name.trim(),
    credit_code: input.creditCode?.trim() || null,
    industry: input.industry ?? null,
    size: input.profile?.size ?? null,
    sub_sector: input.profile?.subSector ?? null,
    region: input.profile?.region ?? null,
    ownership: input.profile?.ownership ?? null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  try {
    return await withAudit(db, actor, async (trx) => {
      await trx.insertInto('organisations').values(row).execute();
      const org = toOrganisation(row);
      return {
        result: org,
        audit: { entity: 'organisation', entityId: org.id, action: 'create', after: org },
      };
    });
  } catch (error) {
    if (isUniqueViolation(error) && row.credit_code)
      throw new DuplicateError('organisation', 'creditCode', row.credit_code);
    throw error;
  }
}

export async function getOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  const r = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toOrganisation(r);
}

export async function listOrganisations(
  db: Db,
  filter: { kind?: OrganisationKind } = {},
): Promise<Organisation[]> {
  let q = db.selectFrom('organisations').selectAll();
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  return (await q.orderBy('name').orderBy('id').execute()).map(toOrganisation);
}

export interface OrganisationPatch {
  name?: string;
  creditCode?: string | null;
  industry?: string | null;
  /** The profile fields given are set (null clears one); the others are kept. */
  profile?: Partial<OrganisationProfile>;
}

export async function updateOrganisation(
  db: Db,
  actor: Actor,
  input: { id: string; expectedVersion: number; patch: OrganisationPatch; reason?: string },
): Promise<Versioned<Organisation>> {
  return withAudit<Versioned<Organisation>>(db, actor, async (trx) => {
    const before = await getOrganisation(trx, input.id);
    if (!before || before.version !== input.expectedVersion) {
      return { result: conflict(before), audit: [] };
    }
    const p = input.patch;
    const row = await trx
      .updateTable('organisations')
      .set({
        ...(p.name !== undefined && { name: p.name.trim() }),
        ...(p.creditCode !== undefined && { credit_code: p.creditCode?.trim() || null }),
        ...(p.industry !== undefined && { industry: p.industry }),
        ...(p.profile?.size !== undefined && { size: p.profile.size }),
        ...(p.profile?.subSector !== undefined && { sub_sector: p.profile.subSector }),
        ...(p.profile?.region !== undefined && { region: p.profile.region }),
        ...(p.profile?.ownership !== undefined && { ownership: p.profile.ownership }),
        version: input.expectedVersion + 1,
        updated_at: nowIso(),
      })
      .where('id', '=', input.id)
      .where('version', '=', input.expectedVersion)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      return { result: conflict(await getOrganisation(trx, input.id)), audit: [] };
    }
    const after = toOrganisation(row);
    return {
      result: { ok: true, value: after },
      audit: {
        entity: 'organisation',
        entityId: after.id,
        action: 'update',
        before,
        after,
        reason: input.reason ?? null,
      },
    };
  });
}

/** Names of the given organisations (unknown ids are left out). */
export async function organisationNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
