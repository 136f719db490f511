import { sql } from 'kysely';
import type { OrganisationProfile } from '../../model/profile.js';
import { withAudit } from '../audit.js';
import type { OrganisationKind, Row } from '../schema.js';
import { newId, nowIso, type Actor, type Db } from '../util.js';
import { conflict, DuplicateError, isUniqueViolation, type Versioned } from './common.js';
import { containsText, direction, searchText } from './search.js';

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

// ---------------------------------------------------------------------------------------------------------------
// The list query (issue 10)

export type OrganisationListSort = 'name' | 'created' | 'kind' | 'industry';

export interface OrganisationListQuery {
  /**
   * Who reads (none: every organisation): the assessment bodies, the reader's own organisation, and the
   * enterprises when `enterprises` is set.
   */
  visible?: { ownId?: string; enterprises: boolean };
  kind?: OrganisationKind;
  industry?: string;
  subSector?: string;
  /** Searches the name and the credit code, case-insensitively. */
  q?: string;
  ids?: readonly string[];
  /** Default: by name. */
  sort?: OrganisationListSort;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

function organisationFilters(db: Db, q: OrganisationListQuery) {
  let query = db.selectFrom('organisations as o');
  const v = q.visible;
  if (v !== undefined)
    query = query.where((eb) =>
      eb.or([
        eb('o.kind', '=', 'body'),
        ...(v.ownId !== undefined ? [eb('o.id', '=', v.ownId)] : []),
        ...(v.enterprises ? [eb('o.kind', '=', 'enterprise')] : []),
      ]),
    );
  if (q.kind !== undefined) query = query.where('o.kind', '=', q.kind);
  if (q.industry !== undefined) query = query.where('o.industry', '=', q.industry);
  if (q.subSector !== undefined) query = query.where('o.sub_sector', '=', q.subSector);
  if (q.ids !== undefined) {
    const ids = [...new Set(q.ids)];
    query = ids.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('o.id', 'in', ids);
  }
  const text = searchText(q.q);
  if (text !== undefined)
    query = query.where((eb) => eb.or([containsText('o.name', text), containsText('o.credit_code', text)]));
  return query;
}

function organisationOrder(q: OrganisationListQuery) {
  const dir = direction(q.order);
  switch (q.sort ?? 'name') {
    case 'name':
      return sql`o.name ${dir}, o.id ${dir}`;
    case 'created':
      return sql`o.created_at ${dir}, o.id ${dir}`;
    case 'kind':
      return sql`o.kind ${dir}, o.name asc, o.id asc`;
    case 'industry':
      return sql`case when o.industry is null then 1 else 0 end, o.industry ${dir}, o.name asc, o.id asc`;
  }
}

/** The page query of `pageOrganisations` (exported for the EXPLAIN test). */
export function organisationPageQuery(db: Db, q: OrganisationListQuery) {
  return organisationFilters(db, q)
    .selectAll('o')
    .orderBy(organisationOrder(q))
    .limit(q.limit)
    .offset(q.offset);
}

/** One page of the organisations matching `q`, and how many match in all. */
export async function pageOrganisations(
  db: Db,
  q: OrganisationListQuery,
): Promise<{ rows: Organisation[]; total: number }> {
  const [rows, count] = await Promise.all([
    organisationPageQuery(db, q).execute(),
    organisationFilters(db, q)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows: rows.map(toOrganisation), total: Number(count?.n ?? 0) };
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
