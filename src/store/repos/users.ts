import { sql } from 'kysely';
import { withAudit } from '../audit.js';
import { dialectOf } from '../dialect.js';
import type { Row } from '../schema.js';
import { newId, nowIso, parseJson, type Actor, type Db } from '../util.js';
import { conflict, DuplicateError, isUniqueViolation, type Versioned } from './common.js';
import { containsText, direction, searchText } from './search.js';

/** A user without the password hash (never leaves the store except through `getLoginRecord`). */
export interface User {
  id: string;
  organisationId: string | null;
  email: string;
  displayName: string;
  roles: string[];
  disciplines: string[];
  active: boolean;
  hasPassword: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toUser(r: Row<'users'>): User {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    email: r.email,
    displayName: r.display_name,
    roles: parseJson<string[]>(r.roles),
    disciplines: parseJson<string[]>(r.disciplines),
    active: r.active === 1,
    hasPassword: r.password_hash !== null,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface NewUser {
  id?: string;
  organisationId?: string | null;
  email: string;
  displayName: string;
  /** An argon2id hash from `hashPassword`, never a plain password. */
  passwordHash?: string | null;
  roles?: string[];
  disciplines?: string[];
  active?: boolean;
}

export async function createUser(db: Db, actor: Actor, input: NewUser): Promise<User> {
  const now = nowIso();
  const email = normaliseEmail(input.email);
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new RangeError(`invalid email: ${input.email}`);
  const row: Row<'users'> = {
    id: input.id ?? newId(),
    organisation_id: input.organisationId ?? null,
    email,
    display_name: input.displayName.trim(),
    password_hash: input.passwordHash ?? null,
    roles: JSON.stringify(input.roles ?? []),
    disciplines: JSON.stringify(input.disciplines ?? []),
    active: input.active === false ? 0 : 1,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  try {
    return await withAudit(db, actor, async (trx) => {
      await trx.insertInto('users').values(row).execute();
      const user = toUser(row);
      return { result: user, audit: { entity: 'user', entityId: user.id, action: 'create', after: user } };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateError('user', 'email', email);
    throw error;
  }
}

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toUser(r);
}

export async function getUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const r = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  return r && toUser(r);
}

/** For login only: the user and the stored hash (null when no password was set). */
export async function getLoginRecord(
  db: Db,
  email: string,
): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const r = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  return r && { user: toUser(r), passwordHash: r.password_hash };
}

export async function listUsers(
  db: Db,
  filter: { organisationId?: string; active?: boolean } = {},
): Promise<User[]> {
  let q = db.selectFrom('users').selectAll();
  if (filter.organisationId !== undefined) q = q.where('organisation_id', '=', filter.organisationId);
  if (filter.active !== undefined) q = q.where('active', '=', filter.active ? 1 : 0);
  return (await q.orderBy('email').execute()).map(toUser);
}

// ---------------------------------------------------------------------------------------------------------------
// The list query (issue 10)

export type UserListSort = 'name' | 'username' | 'organisation' | 'created';

export interface UserListQuery {
  /** Only the users of this organisation (the tenancy of a body admin's list; none: every user). */
  organisationId?: string;
  role?: string;
  active?: boolean;
  /** Searches the display name and the e-mail, case-insensitively. */
  q?: string;
  /** Default: by e-mail. */
  sort?: UserListSort;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export type UserListRow = User & { organisationName: string | null };

function userFilters(db: Db, q: UserListQuery) {
  const dialect = dialectOf(db);
  let query = db.selectFrom('users as u');
  if (q.organisationId !== undefined) query = query.where('u.organisation_id', '=', q.organisationId);
  if (q.active !== undefined) query = query.where('u.active', '=', q.active ? 1 : 0);
  if (q.role !== undefined) {
    const role = q.role;
    query = query.where(
      dialect === 'postgres'
        ? sql<boolean>`u.roles @> ${JSON.stringify([role])}::jsonb`
        : // The JSON text holds each role as a quoted string (`["expert"]`): the quoted name is an element.
          sql<boolean>`instr(u.roles, ${JSON.stringify(role)}) > 0`,
    );
  }
  const text = searchText(q.q);
  if (text !== undefined)
    query = query.where((eb) => eb.or([containsText('u.display_name', text), containsText('u.email', text)]));
  return query;
}

function userOrder(q: UserListQuery) {
  const dir = direction(q.order);
  switch (q.sort ?? 'username') {
    case 'name':
      return sql`u.display_name ${dir}, u.email ${dir}`;
    case 'username':
      return sql`u.email ${dir}`;
    case 'organisation':
      return sql`case when o.name is null then 1 else 0 end, o.name ${dir}, u.email asc`;
    case 'created':
      return sql`u.created_at ${dir}, u.id ${dir}`;
  }
}

/** The page query of `pageUsers` (exported for the EXPLAIN test). */
export function userPageQuery(db: Db, q: UserListQuery) {
  return userFilters(db, q)
    .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
    .selectAll('u')
    .select('o.name as organisation_name')
    .orderBy(userOrder(q))
    .limit(q.limit)
    .offset(q.offset);
}

/** The count of `pageUsers` (exported for the EXPLAIN test). */
export function userCountQuery(db: Db, q: UserListQuery) {
  return userFilters(db, q).select((eb) => eb.fn.countAll<number | string>().as('n'));
}

/** One page of the users matching `q`, with their organisation's name, and how many match in all. */
export async function pageUsers(db: Db, q: UserListQuery): Promise<{ rows: UserListRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    userPageQuery(db, q).execute(),
    userCountQuery(db, q).executeTakeFirst(),
  ]);
  return {
    rows: rows.map(({ organisation_name, ...r }) => ({ ...toUser(r), organisationName: organisation_name })),
    total: Number(count?.n ?? 0),
  };
}

export interface UserPatch {
  organisationId?: string | null;
  displayName?: string;
  roles?: string[];
  disciplines?: string[];
  active?: boolean;
}

export async function updateUser(
  db: Db,
  actor: Actor,
  input: { id: string; expectedVersion: number; patch: UserPatch; reason?: string },
): Promise<Versioned<User>> {
  return withAudit<Versioned<User>>(db, actor, async (trx) => {
    const before = await getUser(trx, input.id);
    if (!before || before.version !== input.expectedVersion) return { result: conflict(before), audit: [] };
    const p = input.patch;
    const row = await trx
      .updateTable('users')
      .set({
        ...(p.organisationId !== undefined && { organisation_id: p.organisationId }),
        ...(p.displayName !== undefined && { display_name: p.displayName.trim() }),
        ...(p.roles !== undefined && { roles: JSON.stringify(p.roles) }),
        ...(p.disciplines !== undefined && { disciplines: JSON.stringify(p.disciplines) }),
        ...(p.active !== undefined && { active: p.active ? 1 : 0 }),
        version: input.expectedVersion + 1,
        updated_at: nowIso(),
      })
      .where('id', '=', input.id)
      .where('version', '=', input.expectedVersion)
      .returningAll()
      .executeTakeFirst();
    if (!row) return { result: conflict(await getUser(trx, input.id)), audit: [] };
    const after = toUser(row);
    if (p.active === false) await trx.deleteFrom('sessions').where('user_id', '=', input.id).execute();
    return {
      result: { ok: true, value: after },
      audit: {
        entity: 'user',
        entityId: after.id,
        action: 'update',
        before,
        after,
        reason: input.reason ?? null,
      },
    };
  });
}

/**
 * Sets (or clears, with null) the password hash; ends the user's sessions (but `keepSessionId`, the session of a
 * user changing their own password). The audit row records that the password changed, never the hash.
 */
export async function setPasswordHash(
  db: Db,
  actor: Actor,
  input: {
    id: string;
    passwordHash: string | null;
    reason?: string;
    keepSessionId?: string;
    action?: string;
  },
): Promise<void> {
  await withAudit(db, actor, async (trx) => {
    const r = await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: input.passwordHash,
        version: eb('version', '+', 1),
        updated_at: nowIso(),
      }))
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new Error(`user ${input.id} not found`);
    let ended = trx.deleteFrom('sessions').where('user_id', '=', input.id);
    if (input.keepSessionId !== undefined) ended = ended.where('id', '!=', input.keepSessionId);
    await ended.execute();
    return {
      result: undefined,
      audit: {
        entity: 'user',
        entityId: input.id,
        action: input.action ?? (input.passwordHash === null ? 'password-clear' : 'password-set'),
        reason: input.reason ?? null,
      },
    };
  });
}

/**
 * Replaces the hash of the same password (a cost upgrade at login): no audit row (the password did not change),
 * sessions kept.
 */
export async function setPasswordHashOnly(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

/** Display names of the given users (unknown ids are left out). */
export async function userDisplayNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
