/**
 * Server-side sessions in the database (so several server instances can share PostgreSQL) and login attempts
 * for rate limiting. The session token (32 random bytes, base64url) goes to the client's cookie; the table keeps
 * only its sha256, so a database leak does not leak usable sessions.
 */
import crypto from 'node:crypto';
import { appendAudit } from '../audit.js';
import type { Row } from '../schema.js';
import { inTransaction, nowIso, sha256Hex, type Db } from '../util.js';
import { toUser, type User } from './users.js';

export interface Session {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

function toSession(r: Row<'sessions'>): Session {
  return {
    id: r.id,
    userId: r.user_id,
    csrfToken: r.csrf_token,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastSeenAt: r.last_seen_at,
    ip: r.ip,
    userAgent: r.user_agent,
  };
}

export function sessionIdOf(token: string): string {
  return sha256Hex(token);
}

function randomToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export interface NewSession {
  userId: string;
  /** Lifetime from now, ms. */
  ttlMs: number;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}

/** Creates a session (audited as a login). Returns the token for the cookie; it is not stored. */
export async function createSession(db: Db, input: NewSession): Promise<{ token: string; session: Session }> {
  const now = input.now ?? new Date();
  const token = randomToken();
  const row: Row<'sessions'> = {
    id: sessionIdOf(token),
    user_id: input.userId,
    csrf_token: randomToken(),
    created_at: nowIso(now),
    expires_at: nowIso(new Date(now.getTime() + input.ttlMs)),
    last_seen_at: nowIso(now),
    ip: input.ip ?? null,
    user_agent: input.userAgent ?? null,
  };
  await inTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['email'])
      .where('id', '=', input.userId)
      .executeTakeFirst();
    if (!user) throw new Error(`user ${input.userId} not found`);
    await trx.insertInto('sessions').values(row).execute();
    await appendAudit(
      trx,
      { userId: input.userId, label: user.email },
      {
        entity: 'session',
        entityId: row.id,
        action: 'login',
        after: { ip: row.ip, expiresAt: row.expires_at },
      },
      row.created_at,
    );
  });
  return { token, session: toSession(row) };
}

/** The live session of a token and its (active) user; undefined when unknown, expired or the user is inactive. */
export async function getSession(
  db: Db,
  token: string,
  now: Date = new Date(),
): Promise<{ session: Session; user: User } | undefined> {
  const r = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('sessions')
    .select([
      'users.id as u_id',
      'users.organisation_id as u_organisation_id',
      'users.email as u_email',
      'users.display_name as u_display_name',
      'users.password_hash as u_password_hash',
      'users.roles as u_roles',
      'users.disciplines as u_disciplines',
      'users.active as u_active',
      'users.version as u_version',
      'users.created_at as u_created_at',
      'users.updated_at as u_updated_at',
    ])
    .where('sessions.id', '=', sessionIdOf(token))
    .where('sessions.expires_at', '>', nowIso(now))
    .where('users.active', '=', 1)
    .executeTakeFirst();
  if (!r) return undefined;
  const user = toUser({
    id: r.u_id,
    organisation_id: r.u_organisation_id,
    email: r.u_email,
    display_name: r.u_display_name,
    password_hash: r.u_password_hash,
    roles: r.u_roles,
    disciplines: r.u_disciplines,
    active: r.u_active,
    version: r.u_version,
    created_at: r.u_created_at,
    updated_at: r.u_updated_at,
  });
  return { session: toSession(r), user };
}

/** Records activity; with `extendTtlMs`, slides the expiry to now + ttl (never shortens it). */
export async function touchSession(
  db: Db,
  sessionId: string,
  options: { now?: Date; extendTtlMs?: number } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  await db
    .updateTable('sessions')
    .set({ last_seen_at: nowIso(now) })
    .where('id', '=', sessionId)
    .execute();
  if (options.extendTtlMs !== undefined) {
    const expires = nowIso(new Date(now.getTime() + options.extendTtlMs));
    await db
      .updateTable('sessions')
      .set({ expires_at: expires })
      .where('id', '=', sessionId)
      .where('expires_at', '<', expires)
      .execute();
  }
}

/** Ends the session of a token (audited as a logout). Returns whether a session was ended. */
export async function deleteSession(db: Db, token: string): Promise<boolean> {
  const id = sessionIdOf(token);
  return inTransaction(db, async (trx) => {
    const s = await trx
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.user_id', 'users.email'])
      .where('sessions.id', '=', id)
      .executeTakeFirst();
    if (!s) return false;
    await trx.deleteFrom('sessions').where('id', '=', id).execute();
    await appendAudit(
      trx,
      { userId: s.user_id, label: s.email },
      { entity: 'session', entityId: id, action: 'logout' },
    );
    return true;
  });
}

/** Ends every session of a user; returns how many. */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function purgeExpiredSessions(db: Db, now: Date = new Date()): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', nowIso(now)).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function recordLoginAttempt(
  db: Db,
  input: { email: string; ip: string; success: boolean; at?: Date },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({
      email: input.email.trim().toLowerCase(),
      ip: input.ip,
      success: input.success ? 1 : 0,
      at: nowIso(input.at ?? new Date()),
    })
    .execute();
}

/**
 * Failed attempts since `since` for an email, an IP, or both (AND). For a window limit call it with
 * `since = now - window`; failures before the last success for that email are not forgiven on purpose.
 */
export async function countFailedLogins(
  db: Db,
  filter: { email?: string; ip?: string; since: Date },
): Promise<number> {
  let q = db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('success', '=', 0)
    .where('at', '>=', nowIso(filter.since));
  if (filter.email !== undefined) q = q.where('email', '=', filter.email.trim().toLowerCase());
  if (filter.ip !== undefined) q = q.where('ip', '=', filter.ip);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function purgeLoginAttempts(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('login_attempts').where('at', '<', nowIso(before)).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A failed login: the attempt (for the rate limit) and its audit row, in one transaction. */
export async function recordFailedLogin(
  db: Db,
  input: { email: string; ip: string; at: Date },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await recordLoginAttempt(trx, { email: input.email, ip: input.ip, success: false, at: input.at });
    await appendAudit(
      trx,
      { userId: null, label: input.email.slice(0, 320) },
      {
        entity: 'session',
        entityId: input.email.slice(0, 320),
        action: 'login_failed',
        after: { ip: input.ip },
      },
    );
  });
}

/** What the login throttle needs to know about an attempt (see src/service/throttle.ts). */
export interface LoginFacts {
  /** Failures of this account from this address since the window start or its last success, and the last one. */
  pair: { failures: number; last: string | null };
  /** Failures of this account from any address in the window. */
  account: { failures: number; last: string | null };
  /** Failures from this address for any account in the window. */
  address: { failures: number; last: string | null };
  /** This account logged in successfully from this address since `knownSince`. */
  knownPair: boolean;
}

async function failuresSince(
  db: Db,
  filter: { email?: string; ip?: string },
  since: string,
): Promise<{ failures: number; last: string | null }> {
  let q = db
    .selectFrom('login_attempts')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where('success', '=', 0)
    .where('at', '>', since);
  if (filter.email !== undefined) q = q.where('email', '=', filter.email);
  if (filter.ip !== undefined) q = q.where('ip', '=', filter.ip);
  const r = await q.executeTakeFirstOrThrow();
  return { failures: Number(r.n), last: r.last === null ? null : String(r.last) };
}

export async function loginFacts(
  db: Db,
  input: { email: string; ip: string; since: Date; knownSince: Date },
): Promise<LoginFacts> {
  const email = input.email.trim().toLowerCase();
  const since = nowIso(input.since);
  const success = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.max('at').as('last'))
    .where('success', '=', 1)
    .where('email', '=', email)
    .where('ip', '=', input.ip)
    .where('at', '>', nowIso(input.knownSince))
    .executeTakeFirst();
  const lastSuccess = success?.last == null ? null : String(success.last);
  const pairSince = lastSuccess !== null && lastSuccess > since ? lastSuccess : since;
  const [pair, account, address] = await Promise.all([
    failuresSince(db, { email, ip: input.ip }, pairSince),
    failuresSince(db, { email }, since),
    failuresSince(db, { ip: input.ip }, since),
  ]);
  return { pair, account, address, knownPair: lastSuccess !== null };
}
