/**
 * Passwords through HTTP (issue 9, defect 5): the rules (≥ 10 characters, a strength estimate) with errors that
 * name the rule; the signed-in user's change (current password required, the other sessions end); the reset a
 * user manager issues (one-time link, the old password and the sessions end at once), all audited.
 */
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { email, login, makeWorld, PASSWORD } from '../testing/http-world.js';
import { loginAs } from './driver.js';

const STRONG = 'Kupfer-Hütte-7-Lanzhou';

forEachDialect('passwords', (t) => {
  it('the rules: too short, too easy to guess — each refusal names its rule', async () => {
    const w = await makeWorld(t());
    const admin = await login(w, 'body1admin');
    const create = (password: string, username = `new.${password.length}@test.dtma`) =>
      admin.req('POST', '/api/users', {
        username,
        displayName: '新专家',
        password,
        organisationId: w.body1,
        roles: ['expert'],
      });
    for (const [password, rule] of [
      ['12345678', 'minLength'],
      [' '.repeat(10), 'weak'],
      ['1234567890', 'weak'],
      ['woaini1314520', 'weak'],
      ['tongye2025!', 'weak'],
      ['wang.lei@test.dtma', 'weak'], // the user's own e-mail
    ] as const) {
      const r = await create(password, password.includes('@') ? password : undefined);
      expect(r.statusCode, password).toBe(400);
      expect(r.json().error, password).toMatchObject({
        code: 'VALIDATION',
        field: 'body.password',
        params: { rule },
      });
    }
    expect((await create(STRONG)).statusCode).toBe(201);
  });

  it('a signed-in user changes their password: the current one is needed, the other sessions end', async () => {
    const w = await makeWorld(t());
    const here = await login(w, 'x2');
    const elsewhere = await login(w, 'x2');
    const change = (currentPassword: string, newPassword: string) =>
      here.req('POST', '/api/auth/password', { currentPassword, newPassword });

    const wrong = await change('not-my-password', STRONG);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      field: 'body.currentPassword',
      params: { rule: 'wrong-password' },
    });
    expect((await change(PASSWORD, PASSWORD)).json().error.params.rule).toBe('same');
    expect((await change(PASSWORD, 'short')).json().error).toMatchObject({
      field: 'body.newPassword',
      params: { rule: 'minLength', min: 10 },
    });

    expect((await change(PASSWORD, STRONG)).statusCode).toBe(200);
    expect((await here.req('GET', '/api/me')).statusCode).toBe(200);
    expect((await elsewhere.req('GET', '/api/me')).statusCode).toBe(401);
    await expect(login(w, 'x2')).rejects.toThrow();
    expect((await loginAs(w.app, email('x2'), STRONG)).csrf).toBeTypeOf('string');

    const audit = await (
      await login(w, 'platform')
    )
      .json('GET', `/api/audit?entity=user&entityId=${w.users.x2}`)
      .then((p) => p.items);
    expect(audit.map((e: { action: string }) => e.action)).toContain('password-change');
    expect(JSON.stringify(audit)).not.toContain(STRONG);
  });

  it('a user manager issues a one-time reset: password and sessions end at once; the link sets a new one once', async () => {
    const w = await makeWorld(t());
    const x7 = await login(w, 'x7');
    const manager = await login(w, 'body1admin');
    const url = `/api/users/${w.users.x7}/password-reset`;

    // Only a user manager of x7's organisation, and not on oneself.
    expect((await (await login(w, 'body2admin')).req('POST', url)).statusCode).toBe(403);
    expect((await (await login(w, 'x1')).req('POST', url)).statusCode).toBe(403);
    expect((await (await login(w, 'ent1user')).req('POST', url)).statusCode).toBe(403);
    const own = await manager.req('POST', `/api/users/${w.users.body1admin}/password-reset`);
    expect(own.json().error).toMatchObject({ code: 'FORBIDDEN', params: { rule: 'own-password' } });

    const issued = await manager.req('POST', url);
    expect(issued.statusCode).toBe(201);
    const { token, path, expiresAt } = issued.json() as { token: string; path: string; expiresAt: string };
    expect(path).toBe(`/reset-password#token=${token}`);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    expect((await x7.req('GET', '/api/me')).statusCode).toBe(401);
    await expect(login(w, 'x7')).rejects.toThrow();

    const reset = (body: object) =>
      w.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: body });
    expect((await reset({ token, newPassword: 'x7@test.dtma1' })).json().error.params.rule).toBe('weak');
    const bad = await reset({ token: `${token.slice(0, -2)}xx`, newPassword: STRONG });
    expect(bad.json().error).toMatchObject({
      code: 'VALIDATION',
      field: 'body.token',
      params: { rule: 'reset-token' },
    });
    expect((await reset({ token, newPassword: STRONG })).statusCode).toBe(200);
    expect((await reset({ token, newPassword: `${STRONG}-again` })).json().error.params.rule).toBe(
      'reset-token',
    );
    expect((await loginAs(w.app, email('x7'), STRONG)).csrf).toBeTypeOf('string');

    const audit = await (
      await login(w, 'platform')
    )
      .json('GET', `/api/audit?entity=user&entityId=${w.users.x7}`)
      .then((p) => p.items);
    expect(audit.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['password-reset-issued', 'password-reset-used']),
    );
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('a reset link expires', async () => {
    let clock = Date.now();
    const w = await makeWorld(t(), { now: () => new Date(clock) });
    const manager = await login(w, 'body1admin');
    const { token } = await manager.json('POST', `/api/users/${w.users.x6}/password-reset`);
    clock += 72 * 3600_000 + 1000;
    const r = await w.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { token, newPassword: STRONG },
    });
    expect(r.json().error.params.rule).toBe('reset-token');
  });
});
