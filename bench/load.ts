/**
 * BENCH=load: score writes under an external load generator (autocannon, bench/load-client.ts, a process of its
 * own) against the compiled `dtma serve` (a process of its own: `node bin/dtma.js serve`), 16 and 64 clients,
 * on SQLite and on PostgreSQL (BENCH_PG_URL or DTMA_TEST_PG_URL; a throwaway schema), beside a bare Fastify route
 * making one durable insert into the same database (bench/load-bare.ts). Prints req/s, p50, p99 (ms), non-2xx and
 * the ratio dtma / bare. Needs `npm run build:server`. Ports BENCH_LOAD_PORT (default 4400) and the next one.
 *
 * Realistic writes: each client is one signed-in expert of an assessment in the scoring stage writing its own
 * sheet with expected versions (PUT /api/assessments/:id/scores/mine/:requirementId; audited; CSRF; session).
 */
import { execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { spawnServe } from '../e2e/server.js';
import { openDatabase } from '../src/store/db.js';
import { httpLogin, prepareScoreFixture } from './score-fixture.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const CLIENTS = (process.env.BENCH_LOAD_CLIENTS ?? '16,64').split(',').map(Number);
const PORT = Number(process.env.BENCH_LOAD_PORT ?? 4400);

interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
  sample: string;
}

async function loadClient(config: object): Promise<Figures> {
  const file = path.join(os.tmpdir(), `dtma-load-${crypto.randomBytes(4).toString('hex')}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'bench/load-client.ts'), file],
      {
        cwd: ROOT,
        maxBuffer: 10 * 1024 * 1024,
      },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as Figures;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

async function startBare(url: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench/load-bare.ts'), String(PORT + 1), url],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /bare listening (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`bare route exited ${code}`)));
  });
  return {
    url: address,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}

const fmt = (f: Figures) =>
  `${f.rps.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(5)} ms` +
  `  (${f.requests} requests, ${f.non2xx} non-2xx, ${f.errors} errors)` +
  (f.non2xx ? `\n    statuses ${JSON.stringify(f.statuses)} e.g. ${f.sample}` : '');

async function benchDialect(label: string, url: string, cleanup: () => Promise<void>): Promise<void> {
  const need = Math.max(...CLIENTS);
  const assessments = Math.ceil(need / 7);
  console.log(
    `\n[load] ${label}: preparing ${assessments} assessments in the scoring stage (${assessments * 7} experts) …`,
  );
  const handle = await openDatabase({ url, migrate: true });
  const fixture = await prepareScoreFixture(handle, assessments);
  await handle.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dtma-load-ev-'));
  const server = await spawnServe(
    {
      ...process.env,
      DATABASE_URL: url,
      DTMA_EVIDENCE_DIR: dir,
      DTMA_INSECURE_COOKIES: '1',
      DTMA_LOG_LEVEL: 'warn',
    },
    PORT,
  );
  try {
    const writers = [];
    for (const e of fixture.experts.slice(0, need)) {
      const s = await httpLogin(server.url, e.email);
      writers.push({ ...s, assessmentId: e.assessmentId, requirementIds: e.requirementIds });
    }
    const bare = await startBare(url);
    try {
      for (const clients of CLIENTS) {
        const dtma = await loadClient({
          url: server.url,
          connections: clients,
          durationSec: SECONDS,
          writers: writers.slice(0, clients),
        });
        const floor = await loadClient({ url: bare.url, connections: clients, durationSec: SECONDS });
        console.log(`[load] ${label}, ${clients} clients, ${SECONDS} s each`);
        console.log(`  dtma score write   ${fmt(dtma)}`);
        console.log(`  bare Fastify route ${fmt(floor)}`);
        console.log(`  ratio dtma / bare: ${(dtma.rps / Math.max(1, floor.rps)).toFixed(2)} of the req/s`);
      }
    } finally {
      await bare.stop();
    }
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    await cleanup();
  }
}

export async function benchLoad(): Promise<void> {
  console.log(
    `\n[load] external load generator (autocannon, own process) against the compiled dtma serve (own process); ` +
      `${os.cpus().length} CPUs shared by server, database and generator`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dtma-load-'));
  await benchDialect('SQLite (WAL, synchronous=FULL)', path.join(dir, 'dtma.sqlite'), async () =>
    fs.rmSync(dir, { recursive: true, force: true }),
  );
  const pgUrl = process.env.BENCH_PG_URL ?? process.env.DTMA_TEST_PG_URL;
  if (!pgUrl) {
    console.log('[load] PostgreSQL skipped: set BENCH_PG_URL (or DTMA_TEST_PG_URL)');
    return;
  }
  const schema = `load_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  await benchDialect('PostgreSQL', url, async () => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.query(`drop schema if exists ${schema}_jobs cascade`);
    await c.end();
  });
}
