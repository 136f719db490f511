import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { zipEntry } from '../testing/zip.js';
import { createTestDatabase, forEachDialect } from '../testing/databases.js';
import { driveTo, email, login, makeWorld, PASSWORD, type World } from '../testing/http-world.js';
import { createApp, FsEvidenceStorage } from '../testing/store.js';
import { DEFAULT_LOGIN_THROTTLE } from '../service/throttle.js';

let current: World | undefined;
afterEach(async () => {
  await current?.app.close();
  current = undefined;
});

forEachDialect('http', (t, dialect) => {
  const world = async (config = {}) => (current = await makeWorld(t(), config));

  it('every transition through HTTP, to published, then reopen; audit chain verifies', async () => {
    const w = await world();
    const d = await driveTo(w, 'published', t());
    const ent = d.clients.ent1user!;
    const view = await ent.json('GET', `/api/assessments/${d.id}`);
    expect(view.stage).toBe('published');
    expect(Object.keys(view.stageEnteredAt)).toEqual(
      expect.arrayContaining([
        'submitted',
        'team_formation',
        'planning',
        'scoring',
        'consensus',
        'published',
      ]),
    );
    const result = await ent.json('GET', `/api/assessments/${d.id}/result`);
    expect(result.frozen.revision).toBe(1);
    expect(result.publishedAt).toBeTypeOf('string');
    // The Word report of the frozen result (once: it takes seconds), authorised like the result.
    if (dialect === 'sqlite') {
      const docx = await ent.req('GET', `/api/assessments/${d.id}/report?format=docx`);
      expect(docx.statusCode, docx.body.slice(0, 200)).toBe(200);
      expect(docx.headers['content-type']).toMatch(/wordprocessingml/);
      expect(String(docx.headers['content-disposition'])).toMatch(/^attachment; filename="report-.*\.docx"/);
      const xml = zipEntry(docx.rawPayload, 'word/document.xml')!.toString('utf8');
      expect(xml).toContain('评估报告');
      expect(xml).toContain(result.summary.total);
    }
    const ent2 = await login(w, 'ent2user');
    expect((await ent2.req('GET', `/api/assessments/${d.id}/report?format=docx`)).statusCode).toBe(404);
    // Reopen needs a reason and is the body admin's.
    const noReason = await d.transition(d.clients.body1admin!, { type: 'reopen', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const byEnterprise = await d.transition(ent, { type: 'reopen', reason: 'x' });
    expect(byEnterprise.statusCode).toBe(403);
    const re = await d.transition(d.clients.body1admin!, { type: 'reopen', reason: '复核' });
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json().stage).toBe('consensus');
    const platform = await login(w, 'platform');
    const audit = await platform.json('GET', '/api/audit/verify');
    expect(audit.ok).toBe(true);
  }, 60_000); // the whole path, now with the required material and the briefing (4.4, 4.5.2)

  it('reject with reason, contest filed and answered (upheld re-freezes), withdraw', async () => {
    const w = await world();
    const d = await driveTo(w, 'submitted', t());
    const body = d.clients.body1admin!;
    expect((await d.transition(body, { type: 'application.reject' })).statusCode).toBe(400);
    const rej = await d.transition(body, { type: 'application.reject', reason: '材料不全' });
    expect(rej.json().stage).toBe('rejected');
    // No frozen result, no report file.
    const early = await body.req('GET', `/api/assessments/${d.id}/report?format=xlsx`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('INVALID_TRANSITION');
    const c = await driveTo(w, 'communication', t());
    const ent = c.clients.ent1user!;
    const leader = c.clients.x1!;
    const before = await leader.json('GET', `/api/assessments/${c.id}/consensus`);
    // 4.7.1: a contest asks for a higher grade — take a requirement below 全部满足 and ask for it.
    const rid = (before.items as { requirementId: string; team: { value: string } }[]).find(
      (i) => i.team.value !== '1',
    )!.requirementId;
    const requested = '1';
    const v = (await ent.json('GET', `/api/assessments/${c.id}`)).version;
    const filed = await ent.json('POST', `/api/assessments/${c.id}/contests`, {
      requirementId: rid,
      claim: '已上线MES系统',
      requestedValue: requested,
      evidence: [{ note: '系统截图说明' }],
      expectedVersion: v,
    });
    const v2 = (await leader.json('GET', `/api/assessments/${c.id}`)).version;
    const answered = await leader.json('POST', `/api/assessments/${c.id}/contests/${filed.id}/answer`, {
      decision: 'upheld',
      reason: '证据充分',
      newValue: requested,
      expectedVersion: v2,
    });
    expect(answered.answer.decision).toBe('upheld');
    const result = await leader.json('GET', `/api/assessments/${c.id}/result`);
    expect(result.frozen.revision).toBe(2);
    expect(result.scores[rid]).toBe(requested);
    const xlsx = await ent.req('GET', `/api/assessments/${c.id}/report?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(zipEntry(xlsx.rawPayload, 'xl/workbook.xml')).toBeDefined();
    const wd = await driveTo(w, 'application', t());
    const r = await wd.transition(wd.clients.ent1user!, { type: 'application.withdraw', reason: '延期' });
    expect(r.json().stage).toBe('withdrawn');
  });

  it('CSRF: missing or wrong token → 403 CSRF; login/logout/me and session cookie flags', async () => {
    const w = await world({ secureCookies: true });
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: email('ent1user'), password: PASSWORD },
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Secure/);
    const c = await login(w, 'ent1user');
    const body = { modelId: 'nfm-dtmm-2024-draft', industry: 'mining', eligibility: {}, form: {} };
    for (const headers of [{ 'x-csrf-token': '' }, { 'x-csrf-token': 'wrong' }]) {
      const r = await c.req('POST', '/api/assessments', body, headers);
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('CSRF');
    }
    const noHeader = await w.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: c.cookie },
    });
    expect(noHeader.json().error.code).toBe('CSRF');
    expect((await c.json('GET', '/api/me')).csrfToken).toBe(c.csrf);
    await c.json('POST', '/api/auth/logout');
    expect((await c.req('GET', '/api/me')).statusCode).toBe(401);
  });

  it('login throttle per account × address → 429 with Retry-After (held in the database)', async () => {
    const w = await world({ loginThrottle: { ...DEFAULT_LOGIN_THROTTLE, freePerPair: 3 } });
    const attempt = (password: string) =>
      w.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: email('x1'), password } });
    for (let i = 0; i < 3; i++) expect((await attempt('wrong')).statusCode).toBe(401);
    const limited = await attempt(PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', params: { limit: 'pair' } });
    // Another account from the same address is not slowed by this pair's failures.
    expect((await login(w, 'x2')).csrf).toBeTypeOf('string');
  });

  it('optimistic concurrency: two writers with the same version → one 2xx, one 409 with the current value', async () => {
    const w = await world();
    const d = await driveTo(w, 'scoring', t());
    const x2 = d.clients.x2!;
    const url = `/api/assessments/${d.id}/scores/mine/${encodeURIComponent(d.requirementIds[0]!)}`;
    const [a, b] = await Promise.all([
      x2.req('PUT', url, { value: '1', note: 'A', expectedVersion: 0 }),
      x2.req('PUT', url, { value: '0', note: 'B', expectedVersion: 0 }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    const winner = a.statusCode === 200 ? a : b;
    expect(loser.json().error.code).toBe('VERSION_CONFLICT');
    expect(loser.json().error.current).toMatchObject({ version: 1, value: winner.json().value });
    // Transitions too: a stale aggregate version is a 409.
    const stale = await x2.req('POST', `/api/assessments/${d.id}/transitions`, {
      command: { type: 'consensus.open' },
      expectedVersion: 1,
    });
    expect(stale.statusCode).toBe(409);
    // Scores are private before submission: another expert sees no consensus.
    expect((await d.clients.x3!.req('GET', `/api/assessments/${d.id}/consensus`)).statusCode).toBe(403);
  });

  it('evidence: upload, authorised download with content-disposition, other tenant 404', async () => {
    const w = await world();
    const d = await driveTo(w, 'submitted', t());
    const ent = d.clients.ent1user!;
    const page = await ent.json('GET', `/api/assessments/${d.id}/evidence`);
    const list = page.items;
    // The plan document and the three required attachments (4.2.1 / 4.4).
    expect(list).toHaveLength(4);
    expect(page.total).toBe(4);
    expect(page.nextCursor).toBeUndefined();
    expect(list.filter((e: { attachmentKind?: string }) => e.attachmentKind).length).toBe(3);
    const file = await ent.req('GET', list[0].url);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('数字化转型中长期规划（示例）\n');
    expect(String(file.headers['content-disposition'])).toMatch(/^attachment; filename=.*filename\*=UTF-8''/);
    const other = await login(w, 'ent2user');
    expect((await other.req('GET', list[0].url)).statusCode).toBe(404);
    expect((await other.req('GET', `/api/assessments/${d.id}`)).statusCode).toBe(404);
  });

  it('fuzz: malformed bodies, params and queries on every route never give a 5xx', async () => {
    const w = await world();
    const d = await driveTo(w, 'planning', t());
    const c = d.clients.x1!;
    const routes = w.app.printRoutes({ commonPrefix: false });
    expect(routes).toContain('api/assessments');
    const paths = [
      'POST /api/auth/login',
      'GET /api/models/:x',
      'GET /api/models/:x/industries/:x',
      'GET /api/assessments?stage=:x',
      'POST /api/assessments',
      'GET /api/assessments/:id',
      'PATCH /api/assessments/:id',
      'POST /api/assessments/:id/transitions',
      'PUT /api/assessments/:id/self-scores/:x',
      'DELETE /api/assessments/:id/self-scores/:x?expectedVersion=:x',
      'PUT /api/assessments/:id/scores/mine/:x',
      'PUT /api/assessments/:id/scores/mine',
      'PUT /api/assessments/:id/consensus/:x',
      'PUT /api/assessments/:id/consensus',
      'GET /api/assessments/:id/result?source=:x',
      'POST /api/assessments/:id/contests',
      'POST /api/assessments/:id/contests/:x/answer',
      'PUT /api/assessments/:id/team',
      'POST /api/assessments/:id/team/check',
      'PUT /api/assessments/:id/plans/:x',
      'PUT /api/assessments/:id/meetings/:x',
      'PUT /api/assessments/:id/report-draft',
      'GET /api/assessments/:id/evidence/:x/file',
      'POST /api/assessments/:id/evidence',
      'GET /api/assessments/:id/report?format=:x',
      'GET /api/assessments/:id/audit?afterSeq=:x',
      'GET /api/assessments/:id/audit?actorId=:x&action=:x',
      'GET /api/assessments/:id/evidence?review=:x&sort=:x',
      'GET /api/assessments/:id/contests?state=:x&limit=:x',
      'GET /api/users?q=:x&sort=:x',
      'GET /api/users?role=:x&active=:x&offset=:x',
      'GET /api/orgs?q=:x&ids=:x',
      'GET /api/orgs?kind=:x&order=:x&limit=:x',
      'POST /api/orgs',
      'POST /api/users',
      'PATCH /api/users/:x',
      'PUT /api/users/:x/expert-profile',
      'GET /api/audit?limit=:x',
    ];
    const json = fc.jsonValue({ maxDepth: 3 });
    const seg = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constant(d.id),
      fc.constant('pre'),
      fc.constant('-1'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        seg,
        seg,
        json,
        fc.boolean(),
        async (route, p1, p2, body, realId) => {
          const [method, template] = route.split(' ') as [string, string];
          const url = template
            .replace(':id', realId ? d.id : encodeURIComponent(p1))
            .replace(/:x/g, () => encodeURIComponent(p2));
          const r = await c.req(method, url, method === 'GET' || method === 'DELETE' ? undefined : body);
          expect(r.statusCode, `${method} ${url} ${JSON.stringify(body)} → ${r.body}`).toBeLessThan(500);
          if (r.statusCode >= 400) expect(r.json().error.code).toBeTypeOf('string');
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });
});

describe('deny by default', () => {
  it('the real app refuses to start with an /api route that has no access rule, and starts with one', async () => {
    const t = await createTestDatabase('sqlite');
    try {
      const storage = new FsEvidenceStorage(path.join(t.workDir, 'evidence'));
      const config = { webDist: null, secureCookies: false };
      await expect(
        createApp({
          db: t.db,
          storage,
          config,
          extraRoutes: (app) => app.get('/api/unguarded', async () => ({ secret: true })),
        }),
      ).rejects.toThrow(/GET \/api\/unguarded has no access rule \(deny by default\)/);
      const app = await createApp({
        db: t.db,
        storage,
        config,
        extraRoutes: (a) =>
          a.get('/api/guarded', { config: { access: { kind: 'session' } } }, async () => ({ ok: 1 })),
      });
      try {
        expect((await app.inject({ method: 'GET', url: '/api/guarded' })).statusCode).toBe(401);
        expect(app.apiRoutes.some((r) => r.url === '/api/guarded')).toBe(true);
      } finally {
        await app.close();
      }
    } finally {
      await t.destroy();
    }
  });
});
