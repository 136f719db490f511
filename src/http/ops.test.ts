/**
 * Operations of issue 9: the health and readiness endpoints (public, content-free), request ids (generated, or
 * a trusted proxy's X-Request-Id; echoed in the answer's header, in error bodies and in every log line of the
 * request), and JSON logs without passwords, cookies or tokens.
 */
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { startJobs } from '../service/jobs.js';
import { forEachDialect } from '../testing/databases.js';
import { testJobQueue } from '../testing/jobs.js';
import { login, makeWorld, PASSWORD, email, type AppConfig } from '../testing/http-world.js';
import { createApp, FsEvidenceStorage } from '../testing/store.js';
import type { FastifyInstance } from 'fastify';

/** A log sink: every JSON line written. */
function sink() {
  const text: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    stream,
    text: () => text.join(''),
    lines: () =>
      text
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

forEachDialect('issue 9 operations', (t) => {
  const appWith = (
    config: Partial<AppConfig>,
    more: {
      jobs?: Awaited<ReturnType<typeof testJobQueue>>;
      logStream?: Writable;
      extraRoutes?: (app: FastifyInstance) => void;
    } = {},
  ) =>
    createApp({
      db: t().db,
      storage: new FsEvidenceStorage(`${t().workDir}/evidence`),
      config: { secureCookies: false, webDist: null, ...config },
      ...more,
    });

  it('/healthz and /readyz: public and content-free; not ready before the job queue starts or with a migration pending', async () => {
    const w = await makeWorld(t());
    const health = await w.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers['cache-control']).toBe('no-store');
    const ready = await w.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok', jobs: 'none' },
    });

    const queue = await testJobQueue(t());
    const app = await appWith({}, { jobs: queue });
    try {
      const early = await app.inject({ method: 'GET', url: '/readyz' });
      expect(early.statusCode).toBe(503);
      expect(early.json().error).toMatchObject({
        code: 'UNAVAILABLE',
        params: { rule: 'not_ready' },
        details: { checks: { database: 'ok', migrations: 'ok', jobs: 'not_started' } },
      });
      await startJobs(app.services);
      expect((await app.inject({ method: 'GET', url: '/readyz' })).json().checks.jobs).toBe('ok');

      // A migration this build knows but the database has not applied (an older schema): not ready.
      await t()
        .db.deleteFrom('dtma_migration' as never)
        .where('name' as never, '=', '0006_results' as never)
        .execute();
      const pending = await app.inject({ method: 'GET', url: '/readyz' });
      expect(pending.statusCode).toBe(503);
      expect(pending.json().error.details.checks.migrations).toBe('pending');
      // Content-free: names of checks and states only.
      expect(pending.body).not.toMatch(/0006|dtma_migration|sqlite|postgres/i);
    } finally {
      await app.close();
      await queue.stop();
      await w.app.close();
    }
  });

  it('request ids: generated, or the trusted proxy’s X-Request-Id; in the header, error bodies and every log line', async () => {
    const direct = sink();
    const app = await appWith({ logLevel: 'info' }, { logStream: direct.stream });
    const a = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { 'x-request-id': 'chosen-by-client' },
    });
    expect(a.statusCode).toBe(401);
    const id = String(a.headers['x-request-id']);
    expect(id).toMatch(/^[0-9a-f-]{36}$/); // no proxy: a client's header is not believed
    expect(a.json().error.requestId).toBe(id);
    const lines = direct.lines().filter((l) => l.requestId === id);
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['incoming request', 'request completed']),
    );
    for (const l of direct.lines()) {
      expect(typeof l.level).toBe('number');
      if (l.req || l.res) expect(l.requestId, JSON.stringify(l)).toBeTruthy();
    }
    await app.close();

    const proxied = sink();
    const behind = await appWith({ logLevel: 'info', trustProxy: 1 }, { logStream: proxied.stream });
    const b = await behind.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'nginx-4f2a9c' },
    });
    expect(b.headers['x-request-id']).toBe('nginx-4f2a9c');
    expect(proxied.lines().filter((l) => l.requestId === 'nginx-4f2a9c').length).toBeGreaterThanOrEqual(2);
    // Not an id: a header that could forge log lines is replaced.
    const c = await behind.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'a"\n{"msg":"x' },
    });
    expect(c.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await behind.close();

    const listed = await appWith({ trustProxy: ['10.0.0.0/8'] });
    const d = await listed.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'from-elsewhere' },
    });
    expect(d.headers['x-request-id']).not.toBe('from-elsewhere'); // 127.0.0.1 is not a listed proxy
    await listed.close();
  });

  it('no passwords, session cookies, CSRF or reset tokens in the logs, even at trace level', async () => {
    const log = sink();
    await makeWorld(t());
    const app = await appWith(
      { logLevel: 'trace' },
      {
        logStream: log.stream,
        // A careless debug line that dumps the request: the redaction still holds.
        extraRoutes: (a) =>
          a.addHook('preHandler', async (request) => {
            request.log.debug({ headers: request.headers, body: request.body }, 'request dump');
          }),
      },
    );
    const w = { app } as Parameters<typeof login>[0];
    const user = await login(w, 'ent1user');
    const token = user.cookie.split('=')[1]!;
    await user.req('GET', '/api/me');
    await user.req('POST', '/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Zq7!mW2#xL9p-new',
    });
    await app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { token: 'R'.repeat(43), newPassword: 'Another#Secret-77' },
    });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: email('ent2user'), password: 'wrong-Secret-42' },
    });
    const text = log.text();
    expect(text).toContain('request dump');
    expect(text).toContain('[redacted]');
    for (const secret of [
      PASSWORD,
      'Zq7!mW2#xL9p-new',
      'Another#Secret-77',
      'wrong-Secret-42',
      token,
      user.csrf,
      'R'.repeat(43),
    ])
      expect(text, secret).not.toContain(secret);
    await app.close();
  });
});
