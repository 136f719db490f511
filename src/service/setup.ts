/**
 * Issue 9, defect 8: the first start of an installation. Demo data (with its documented passwords) only when
 * asked for (`dtma serve --demo`); otherwise the platform administrator is created by the operator
 * (`dtma user create-admin`), and a start on a database without one says how.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { hashPassword, PASSWORD_MAX_LENGTH, type PasswordCost } from '../store/passwords.js';
import { createUser, getUserByEmail } from '../store/repos/users.js';
import type { EvidenceStorage } from '../store/files.js';
import type { Db } from '../store/util.js';
import { DEMO_PASSWORD, seedDemo } from './demo.js';
import { OperatorError, withDatabase } from './operator.js';
import { passwordProblem } from './passwords.js';

export const CREATE_ADMIN_HINT =
  '尚无平台管理员 / no platform administrator yet. 创建 / create one:\n' +
  '  node bin/dtma.js user create-admin --email admin@example.org --name 平台管理员\n' +
  '  (the password is asked for, or read from DTMA_ADMIN_PASSWORD, or generated and printed once)';

/** Active users with the platform_admin role. */
export async function countPlatformAdmins(db: Db): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select(sql<number>`count(*)`.as('n'))
    .where('active', '=', 1)
    // roles: a JSON array (TEXT on SQLite, JSONB on PostgreSQL); as text on both.
    .where(sql<string>`cast(roles as text)`, 'like', '%"platform_admin"%')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function countUsers(db: Db): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * What `dtma serve` does on its database before listening. `demo`: seed the demo data on an empty database
 * (said so); never without it. Without a platform administrator: print how to create one.
 */
export async function prepareFirstStart(
  db: Db,
  storage: EvidenceStorage,
  options: { demo: boolean; print: (text: string) => void; passwordCost?: PasswordCost },
): Promise<{ seeded: boolean }> {
  const { print } = options;
  let seeded = false;
  if (options.demo) {
    if (await getUserByEmail(db, 'platform@dtma.demo')) {
      print('演示模式 / demo mode (--demo): the demo data is already there.');
    } else if ((await countUsers(db)) > 0) {
      print('演示模式 / demo mode (--demo): the database already has users — no demo data added.');
    } else {
      print(
        '演示模式 / demo mode (--demo): seeding the demo data (documented passwords; never in production) …',
      );
      await seedDemo(db, storage, print, options.passwordCost ? { passwordCost: options.passwordCost } : {});
      seeded = true;
    }
    if (await getUserByEmail(db, 'platform@dtma.demo'))
      print(
        `演示账号 / demo logins: platform@dtma.demo, body@dtma.demo, expert1@dtma.demo … (password ${DEMO_PASSWORD})`,
      );
  }
  if ((await countPlatformAdmins(db)) === 0) print(CREATE_ADMIN_HINT);
  return { seeded };
}

/** A password of 20 random characters (≈ 117 bits) from an alphabet without look-alikes. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_!#%+=';
  const out: string[] = [];
  while (out.length < 20) {
    const b = crypto.randomBytes(32);
    for (const x of b)
      if (x < alphabet.length * 4 && out.length < 20) out.push(alphabet[x % alphabet.length]!);
  }
  return out.join('');
}

/** `dtma user create-admin`: a platform administrator; the password must pass the platform's password rules. */
export async function createPlatformAdmin(
  db: Db,
  input: { email: string; name?: string; password: string; passwordCost?: PasswordCost },
): Promise<{ id: string; email: string }> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw new OperatorError(`--email: "${input.email}" is not an e-mail address`);
  const name = (input.name ?? '平台管理员').trim() || '平台管理员';
  if (input.password.length > PASSWORD_MAX_LENGTH)
    throw new OperatorError(`the password is longer than ${PASSWORD_MAX_LENGTH} characters`);
  const problem = passwordProblem(input.password, [email, name]);
  if (problem?.rule === 'minLength')
    throw new OperatorError(`密码太短 / the password needs at least ${problem.min} characters`);
  if (problem?.rule === 'weak')
    throw new OperatorError(
      `密码太弱 / the password is too easy to guess (strength ${problem.score}/4, at least ${problem.minScore} needed)` +
        (problem.warning ? `: ${problem.warning}` : ''),
    );
  if (await getUserByEmail(db, email)) throw new OperatorError(`a user ${email} already exists`);
  const user = await createUser(
    db,
    { userId: null, label: 'dtma user create-admin' },
    {
      email,
      displayName: name,
      organisationId: null,
      roles: ['platform_admin'],
      passwordHash: await hashPassword(input.password, input.passwordCost),
    },
  );
  return { id: user.id, email: user.email };
}

/** `dtma user create-admin` on the configured database (migrated first). */
export async function createAdminInDatabase(input: {
  email: string;
  name?: string;
  password: string;
}): Promise<{ id: string; email: string; location: string }> {
  return withDatabase(
    async (handle) => ({ ...(await createPlatformAdmin(handle.db, input)), location: handle.location }),
    { migrate: true },
  );
}
