/**
 * BENCH=server: score-submission throughput and latency of dtma's real score-write route
 * (PUT /api/assessments/:id/scores/mine/:requirementId, logged-in expert, CSRF header, audited, SQLite WAL
 * synchronous=FULL) with 64 concurrent keep-alive clients on loopback, beside a bare Fastify + better-sqlite3
 * insert route (same pragmas, one transaction per request as a naive app would) measured in the same run; then
 * both again with synchronous=NORMAL for reference (BENCH_SERVER_SYNC=FULL,NORMAL). dtma commits concurrent score
 * writes together (store/group-commit.ts). Server and clients share one process (both sides equally), so
 * absolute figures understate a dedicated server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import http from 'node:http';
import inspector from 'node:inspector/promises';
import { createApp } from '../src/server.js';
import { advance, createAssessment, loginAs, type Client } from '../src/http/driver.js';
import { DISCIPLINES } from '../src/process/types.js';
import { openDatabase, openSqliteConnection } from '../src/store/db.js';
import { FsEvidenceStorage } from '../src/store/files.js';
import { hashPassword, PASSWORD_TEST_COST } from '../src/store/passwords.js';
import { createOrganisation } from '../src/store/repos/organisations.js';
import { createUser } from '../src/store/repos/users.js';
import { nowIso } from '../src/store/util.js';

const CLIENTS = Number(process.env.BENCH_SERVER_CLIENTS ?? 64);
const DURATION_MS = Number(process.env.BENCH_SERVER_MS ?? 5000);
/** BENCH_SERVER_PROFILE=<dir>: a V8 CPU profile of the dtma load phase only (setup excluded), one per sync mode. */
const PROFILE_DIR = process.env.BENCH_SERVER_PROFILE;

async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return run();
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    fs.writeFileSync(path.join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

interface Stats {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  /** Process CPU time (user + system, server and clients together) per request: less noisy than req/s on a busy box. */
  cpuMs: number;
  /** The system (kernel: fsync, sockets) part of cpuMs. */
  sysMs: number;
}

async function load(make: (i: number) => () => Promise<boolean>): Promise<Stats> {
  const lat: number[] = [];
  let errors = 0;
  const end = performance.now() + DURATION_MS;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const next = make(i);
      while (performance.now() < end) {
        const s = performance.now();
        const ok = await next();
        lat.push(performance.now() - s);
        if (!ok) errors++;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN;
  return {
    requests: lat.length,
    errors,
    rps: lat.length / secs,
    p50: q(0.5),
    p99: q(0.99),
    cpuMs: (cpu.user + cpu.system) / 1000 / Math.max(1, lat.length),
    sysMs: cpu.system / 1000 / Math.max(1, lat.length),
  };
}

type Sync = 'FULL' | 'NORMAL';
type Put = (url: string, headers: Record<string, string>, body: string) => Promise<number>;

/** dtma: 10 assessments in stage scoring, 7 experts each; 64 of the 70 experts write scores. */
async function runDtma(dir: string, sync: Sync, put: Put): Promise<Stats & { batch: string }> {
  const handle = await openDatabase({
    url: `sqlite:${path.join(dir, `dtma-${sync}.sqlite`)}`,
    migrate: true,
    sqliteSynchronous: sync,
  });
  const sys = { userId: null, label: 'bench' };
  const db = handle.db;
  const body = await createOrganisation(db, sys, { kind: 'body', name: 'bench body' });
  const ent = await createOrganisation(db, sys, {
    kind: 'enterprise',
    name: 'bench ent',
    industry: 'mining',
  });
  const passwordHash = await hashPassword('bench-password', PASSWORD_TEST_COST);
  await createUser(db, sys, {
    email: 'ent@b.x',
    displayName: 'ent',
    organisationId: ent.id,
    roles: ['enterprise_user'],
    passwordHash,
  });
  await createUser(db, sys, {
    email: 'admin@b.x',
    displayName: 'admin',
    organisationId: body.id,
    roles: ['body_admin'],
    passwordHash,
  });
  for (let i = 0; i < 70; i++) {
    const u = await createUser(db, sys, {
      email: `e${i}@b.x`,
      displayName: `e${i}`,
      organisationId: body.id,
      roles: ['expert'],
      disciplines: [DISCIPLINES[i % 7 === 6 ? 0 : i % 7]!],
      passwordHash,
    });
    await db
      .insertInto('expert_profiles')
      .values({
        user_id: u.id,
        training_valid_until: '2099-12-31',
        conflicts: '[]',
        version: 1,
        updated_at: nowIso(),
      })
      .execute();
  }
  const app = await createApp({
    db,
    storage: new FsEvidenceStorage(path.join(dir, `evidence-${sync}`)),
    config: { webDist: null, secureCookies: false, passwordCost: PASSWORD_TEST_COST, sessionTouchMs: 60_000 },
  });
  const enterprise = await loginAs(app, 'ent@b.x', 'bench-password');
  const bodyAdmin = await loginAs(app, 'admin@b.x', 'bench-password');
  const writers: { client: Client; assessmentId: string; requirementIds: string[] }[] = [];
  for (let a = 0; a < 10; a++) {
    const experts: Client[] = [];
    for (let k = 0; k < 7; k++) experts.push(await loginAs(app, `e${a * 7 + k}@b.x`, 'bench-password'));
    const spec = {
      modelId: 'nfm-dtmm-2024-draft',
      industry: 'mining' as const,
      bodyOrgId: body.id,
      enterprise,
      bodyAdmin,
      experts,
      score: () => '1' as const,
    };
    const d = await createAssessment(spec);
    await advance(spec, d, 'application', 'scoring');
    for (const c of experts)
      writers.push({ client: c, assessmentId: d.id, requirementIds: d.requirementIds });
  }
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const committer = app.services.scoreWrites;
  const before = committer ? { ...committer.stats } : undefined;
  const stats = await profiled(`dtma-${sync}`, () =>
    load((i) => {
      const w = writers[i % writers.length]!;
      const versions = new Map<string, number>();
      let n = 0;
      return async () => {
        const rid = w.requirementIds[n++ % w.requirementIds.length]!;
        const expectedVersion = versions.get(rid) ?? 0;
        const status = await put(
          `${address}/api/assessments/${w.assessmentId}/scores/mine/${encodeURIComponent(rid)}`,
          { cookie: w.client.cookie, 'x-csrf-token': w.client.csrf },
          JSON.stringify({ value: n % 2 ? '0.8' : '1', note: '依据现场证据', expectedVersion }),
        );
        if (status === 200) versions.set(rid, expectedVersion + 1);
        return status === 200;
      };
    }),
  );
  let batch = 'no group commit';
  if (committer && before) {
    const batches = committer.stats.batches - before.batches;
    const jobs = committer.stats.jobs - before.jobs;
    batch = `${batches} commits, ${(jobs / Math.max(1, batches)).toFixed(1)} writes/commit, largest ${committer.stats.largestBatch}`;
  }
  await app.close();
  await handle.close();
  return { ...stats, batch };
}

/** Bare Fastify + better-sqlite3: one autocommit INSERT (one transaction, one fsync) per request. */
async function runBare(dir: string, sync: Sync, put: Put): Promise<Stats> {
  const conn = openSqliteConnection(path.join(dir, `bare-${sync}.sqlite`), 5000, sync);
  conn.exec(
    'CREATE TABLE scores (id INTEGER PRIMARY KEY, expert TEXT NOT NULL, requirement TEXT NOT NULL, value INTEGER NOT NULL, rationale TEXT NOT NULL, at TEXT NOT NULL) STRICT',
  );
  const insert = conn.prepare(
    'INSERT INTO scores (expert, requirement, value, rationale, at) VALUES (?, ?, ?, ?, ?)',
  );
  const bare = Fastify();
  bare.put('/scores/:expert/:requirement', async (request) => {
    const p = request.params as { expert: string; requirement: string };
    const b = request.body as { value: string; note: string };
    insert.run(p.expert, p.requirement, b.value === '1' ? 10 : 8, b.note, new Date().toISOString());
    return { ok: true };
  });
  const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });
  const stats = await profiled(`bare-${sync}`, () =>
    load((i) => {
      let n = 0;
      return async () => {
        const status = await put(
          `${bareAddress}/scores/e${i}/r${n++}`,
          {},
          JSON.stringify({ value: '1', note: '依据现场证据', expectedVersion: 0 }),
        );
        return status === 200;
      };
    }),
  );
  await bare.close();
  conn.close();
  return stats;
}

export async function benchServer(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dtma-bench-'));
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const put: Put = (url, headers, body) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'PUT',
          agent,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const fmt = (name: string, s: Stats) =>
    `${name.padEnd(34)} ${s.rps.toFixed(0).padStart(7)} req/s   p50 ${s.p50.toFixed(2).padStart(7)} ms   p99 ${s.p99
      .toFixed(2)
      .padStart(
        7,
      )} ms   ${s.cpuMs.toFixed(2)} CPU ms/req (sys ${s.sysMs.toFixed(2)})   (${s.requests} requests, ${s.errors} non-2xx)`;
  try {
    const syncs = (process.env.BENCH_SERVER_SYNC ?? 'FULL,NORMAL').split(',') as Sync[];
    for (const sync of syncs) {
      const dtma = await runDtma(dir, sync, put);
      const bare = await runBare(dir, sync, put);
      console.log(
        `\nserver: ${CLIENTS} concurrent keep-alive clients, ${DURATION_MS} ms each, SQLite WAL synchronous=${sync}` +
          (sync === 'NORMAL' ? ' (reference only: survives kill -9, not power loss; dtma runs FULL)' : ''),
      );
      console.log(
        fmt('dtma PUT scores/mine/:requirement', dtma) + `\n${' '.repeat(35)}group commit: ${dtma.batch}`,
      );
      console.log(fmt('bare Fastify + better-sqlite3', bare));
      console.log(
        `ratio dtma / bare: ${((100 * dtma.rps) / bare.rps).toFixed(1)} % (target ≥ 50 %); dtma p99 ${dtma.p99.toFixed(
          2,
        )} ms (target < 25 ms)`,
      );
    }
  } finally {
    agent.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchServer();
