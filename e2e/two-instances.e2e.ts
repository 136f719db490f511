/**
 * Issue 9, "two instances, one database": two compiled `dtma serve` processes on the same PostgreSQL schema,
 * driven at the same time.
 * - concurrent score writes with expected versions through A and B: one wins, the other gets 409 with the stored
 *   score, no update is lost;
 * - a session made on A works on B (sessions are rows, not memory);
 * - the login throttle is shared (login_attempts in the database): failures on A and B add up;
 * - the public verification limit is per instance (in memory, by design: README "Several instances");
 * - jobs on the shared queue (pg-boss, SKIP LOCKED) run exactly once across both instances;
 * - the audit chain is valid at the end (`dtma audit verify`).
 * Needs `npm run build` (the compiled server) and DTMA_TEST_PG_URL; the processes are stopped by their pid.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpLogin, prepareScoreFixture, type ScoreFixture } from '../bench/score-fixture.js';
import PgBoss from 'pg-boss';
import { openDatabase } from '../src/store/db.js';
import { assertBuilt, CLI, ROOT, spawnServe, type ServeProcess } from './server.js';

const PG = process.env.DTMA_TEST_PG_URL;
const run = promisify(execFile);

describe.skipIf(!PG)('issue 9: two instances, one PostgreSQL database', () => {
  const schema = `two_${crypto.randomBytes(4).toString('hex')}`;
  const url = `${PG}${PG?.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const env = {
    ...process.env,
    DATABASE_URL: url,
    DTMA_INSECURE_COOKIES: '1',
    DTMA_LOG_LEVEL: 'warn',
    DTMA_EVIDENCE_DIR: `/tmp/dtma-two-${schema}`,
  };
  let a: ServeProcess;
  let b: ServeProcess;
  let fixture: ScoreFixture;

  beforeAll(async () => {
    assertBuilt({ web: false });
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const handle = await openDatabase({ url, migrate: true });
    try {
      fixture = await prepareScoreFixture(handle, 1);
    } finally {
      await handle.close();
    }
    [a, b] = await Promise.all([spawnServe(env, 0), spawnServe(env, 0)]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.query(`drop schema if exists ${schema}_jobs cascade`);
    await admin.end();
  }, 120_000);

  it('both ready; a session made on A works on B', async () => {
    for (const s of [a, b]) expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    const session = await httpLogin(a.url, fixture.experts[0]!.email);
    const me = await fetch(`${b.url}/api/me`, { headers: { cookie: session.cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe(
      fixture.experts[0]!.email,
    );
  });

  it('concurrent score writes through A and B with expected versions: one wins each round, no lost update', async () => {
    const expert = fixture.experts[1]!;
    // The same expert signed in on both instances (two browser tabs behind a round-robin proxy).
    const [onA, onB] = await Promise.all([httpLogin(a.url, expert.email), httpLogin(b.url, expert.email)]);
    const rid = expert.requirementIds[0]!;
    const put = (base: string, s: { cookie: string; csrf: string }, value: string, expectedVersion: number) =>
      fetch(`${base}/api/assessments/${expert.assessmentId}/scores/mine/${encodeURIComponent(rid)}`, {
        method: 'PUT',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ value, note: '依据现场查证的制度文件', expectedVersion }),
      });
    let version = 0;
    const winners: string[] = [];
    for (let round = 0; round < 15; round++) {
      const va = round % 2 ? '1' : '0.8';
      const vb = round % 2 ? '0.5' : '0';
      const [ra, rb] = await Promise.all([put(a.url, onA, va, version), put(b.url, onB, vb, version)]);
      const statuses = [ra.status, rb.status].sort();
      expect(statuses, `round ${round}`).toEqual([200, 409]);
      const loser = ra.status === 409 ? ra : rb;
      const body = (await loser.json()) as { error: { code: string; current: { version: number } } };
      expect(body.error.code).toBe('VERSION_CONFLICT');
      expect(body.error.current.version).toBe(version + 1);
      winners.push(ra.status === 200 ? va : vb);
      version++;
    }
    // Read through the other instance than the last winner: the last winning value, the version of every round.
    const sheet = (await (
      await fetch(`${b.url}/api/assessments/${expert.assessmentId}/scores/mine`, {
        headers: { cookie: onB.cookie },
      })
    ).json()) as { scores: Record<string, { value: string; version: number }> };
    expect(sheet.scores[rid]).toMatchObject({ value: winners.at(-1), version: 15 });

    // Different requirements at the same time through both: every write lands.
    const rest = expert.requirementIds.slice(1, 41);
    const results = await Promise.all(
      rest.map((r, i) =>
        fetch(
          `${(i % 2 ? a : b).url}/api/assessments/${expert.assessmentId}/scores/mine/${encodeURIComponent(r)}`,
          {
            method: 'PUT',
            headers: {
              cookie: (i % 2 ? onA : onB).cookie,
              'x-csrf-token': (i % 2 ? onA : onB).csrf,
              'content-type': 'application/json',
            },
            body: JSON.stringify({ value: '1', note: '现场核实', expectedVersion: 0 }),
          },
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(rest.map(() => 200));
  }, 120_000);

  it('the login throttle is shared: failures on A and B add up for the pair', async () => {
    const email = fixture.experts[2]!.email;
    const attempt = (base: string) =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: email, password: 'wrong-password-123' }),
      });
    // Five free failures (freePerPair), alternating instances; the sixth attempt waits on either instance.
    for (let i = 0; i < 5; i++) expect((await attempt(i % 2 ? a.url : b.url)).status).toBe(401);
    for (const s of [a, b]) {
      const r = await attempt(s.url);
      expect(r.status).toBe(429);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    }
  }, 60_000);

  it('the public verification limit is per instance (in memory, documented)', async () => {
    const code = 'ABCDEFGHJKMNPQRSTVWXYZ0123';
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await fetch(`${a.url}/api/verify/${code}`)).status;
    expect(last).toBe(429);
    expect((await fetch(`${b.url}/api/verify/${code}`)).status).toBe(404);
  }, 60_000);

  it('jobs on the shared queue run exactly once across A and B', async () => {
    // A third producer on the shared queue (a job sent by any instance lands there); only A and B work it.
    const boss = new PgBoss({
      connectionString: url,
      schema: `${schema}_jobs`,
      supervise: false,
      schedule: false,
      migrate: false,
    });
    await boss.start();
    const ids: string[] = [];
    try {
      for (let i = 0; i < 20; i++) ids.push((await boss.send('sessions_purge', { round: i }))!);
      const client = new pg.Client({ connectionString: PG });
      await client.connect();
      try {
        const until = Date.now() + 60_000;
        let rows: { id: string; state: string; retry_count: number }[] = [];
        while (Date.now() < until) {
          rows = (
            await client.query(
              `select id::text, state::text, retry_count from ${schema}_jobs.job where id = any($1::uuid[])`,
              [ids],
            )
          ).rows;
          if (rows.length === 20 && rows.every((r) => r.state === 'completed')) break;
          await new Promise((r) => setTimeout(r, 250));
        }
        expect(rows).toHaveLength(20);
        expect(rows.every((r) => r.state === 'completed' && r.retry_count === 0)).toBe(true);
      } finally {
        await client.end();
      }
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }, 120_000);

  it('the audit chain is valid after all of it (dtma audit verify)', async () => {
    const r = await run(process.execPath, [CLI, 'audit', 'verify'], { env, cwd: ROOT });
    expect(r.stdout).toMatch(/audit chain ok: \d+ rows/);
  }, 60_000);
});
