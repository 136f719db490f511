/**
 * One-time password resets issued by a user manager. The token (32 random bytes, base64url) goes into the link
 * given to the user; the table keeps its sha256. Issuing clears the user's password and ends their sessions (the
 * old password stops working at once); using the token sets the new hash once, before it expires.
 */
import crypto from 'node:crypto';
import { appendAudit } from '../audit.js';
import { inTransaction, nowIso, sha256Hex, type Actor, type Db } from '../util.js';
import { affected } from './common.js';

export async function issuePasswordReset(
  db: Db,
  actor: Actor,
  input: { userId: string; ttlMs: number; now: Date },
): Promise<{ token: string; expiresAt: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = nowIso(new Date(input.now.getTime() + input.ttlMs));
  await inTransaction(db, async (trx) => {
    const r = await trx
      .updateTable('users')
      .set((eb) => ({ password_hash: null, version: eb('version', '+', 1), updated_at: nowIso(input.now) }))
      .where('id', '=', input.userId)
      .executeTakeFirst();
    if (affected(r) !== 1) throw new Error(`user ${input.userId} not found`);
    await trx.deleteFrom('sessions').where('user_id', '=', input.userId).execute();
    await trx
      .deleteFrom('password_resets')
      .where('user_id', '=', input.userId)
      .where('used_at', 'is', null)
      .execute();
    await trx
      .insertInto('password_resets')
      .values({
        id: sha256Hex(token),
        user_id: input.userId,
        issued_by: actor.userId,
        issued_at: nowIso(input.now),
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    await appendAudit(trx, actor, {
      entity: 'user',
      entityId: input.userId,
      action: 'password-reset-issued',
      after: { expiresAt },
    });
  });
  return { token, expiresAt };
}

/** The user a live (unused, unexpired) reset token belongs to. */
export async function findPasswordReset(
  db: Db,
  token: string,
  now: Date,
): Promise<{ userId: string; email: string; displayName: string } | undefined> {
  const r = await db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select(['users.id', 'users.email', 'users.display_name'])
    .where('password_resets.id', '=', sha256Hex(token))
    .where('password_resets.used_at', 'is', null)
    .where('password_resets.expires_at', '>', nowIso(now))
    .where('users.active', '=', 1)
    .executeTakeFirst();
  return r && { userId: r.id, email: r.email, displayName: r.display_name };
}

/** Uses a live token: sets the password hash and marks the token used, once. False when it is not live. */
export async function completePasswordReset(
  db: Db,
  input: { token: string; passwordHash: string; now: Date },
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const id = sha256Hex(input.token);
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: nowIso(input.now) })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', nowIso(input.now))
      .returning(['user_id'])
      .executeTakeFirst();
    if (!used) return false;
    const user = await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: input.passwordHash,
        version: eb('version', '+', 1),
        updated_at: nowIso(input.now),
      }))
      .where('id', '=', used.user_id)
      .where('active', '=', 1)
      .returning(['email'])
      .executeTakeFirst();
    if (!user) return false;
    await trx.deleteFrom('sessions').where('user_id', '=', used.user_id).execute();
    await appendAudit(
      trx,
      { userId: used.user_id, label: user.email },
      {
        entity: 'user',
        entityId: used.user_id,
        action: 'password-reset-used',
      },
    );
    return true;
  });
}
