/**
 * Issue 9, defect 8: no demo passwords unless asked for. `dtma serve` without --demo never creates demo
 * accounts and, on a database without a platform administrator, prints how to create one; `dtma user
 * create-admin` makes one, with the platform's password rules.
 */
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { createApp, FsEvidenceStorage, PASSWORD_TEST_COST } from '../testing/store.js';
import { OperatorError } from './operator.js';
import {
  countPlatformAdmins,
  createPlatformAdmin,
  CREATE_ADMIN_HINT,
  generatePassword,
  prepareFirstStart,
} from './setup.js';
import { passwordProblem } from './passwords.js';

forEachDialect('issue 9 defect 8: the first start without demo data', (t) => {
  const storage = () => new FsEvidenceStorage(`${t().workDir}/evidence`);

  it('serve without --demo seeds nothing and prints how to create the administrator', async () => {
    const out: string[] = [];
    const r = await prepareFirstStart(t().db, storage(), { demo: false, print: (s) => out.push(s) });
    expect(r.seeded).toBe(false);
    const users = await t().db.selectFrom('users').select('email').execute();
    expect(users).toEqual([]);
    expect(out.join('\n')).toContain(CREATE_ADMIN_HINT);
    expect(out.join('\n')).toContain('user create-admin --email');
    expect(out.join('\n')).not.toContain('dtma-demo-2025');
  });

  it('create-admin: the password rules hold; the administrator logs in; the hint is gone', async () => {
    const db = t().db;
    await expect(
      createPlatformAdmin(db, {
        email: 'admin@example.org',
        password: '12345678',
        passwordCost: PASSWORD_TEST_COST,
      }),
    ).rejects.toThrow(/at least 10 characters/);
    await expect(
      createPlatformAdmin(db, {
        email: 'admin@example.org',
        password: 'password123',
        passwordCost: PASSWORD_TEST_COST,
      }),
    ).rejects.toThrow(/too easy to guess/);
    await expect(
      createPlatformAdmin(db, {
        email: 'not-an-email',
        password: generatePassword(),
        passwordCost: PASSWORD_TEST_COST,
      }),
    ).rejects.toBeInstanceOf(OperatorError);
    expect(await countPlatformAdmins(db)).toBe(0);

    const password = 'Kupfer-Schmelze#2026!';
    const admin = await createPlatformAdmin(db, {
      email: 'Admin@Example.org',
      name: '王工',
      password,
      passwordCost: PASSWORD_TEST_COST,
    });
    expect(admin.email).toBe('admin@example.org');
    expect(await countPlatformAdmins(db)).toBe(1);
    await expect(
      createPlatformAdmin(db, { email: 'admin@example.org', password, passwordCost: PASSWORD_TEST_COST }),
    ).rejects.toThrow(/already exists/);

    const app = await createApp({ db, storage: storage(), config: { secureCookies: false, webDist: null } });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin@example.org', password },
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().user.roles).toEqual(['platform_admin']);
    await app.close();

    const out: string[] = [];
    await prepareFirstStart(db, storage(), { demo: false, print: (s) => out.push(s) });
    expect(out).toEqual([]);
  });

  it('generated passwords pass the password rules', () => {
    for (let i = 0; i < 20; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(20);
      expect(passwordProblem(p)).toBeUndefined();
    }
  });
});
