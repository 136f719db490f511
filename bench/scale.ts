/**
 * `BENCH=scale` (issue 10): lists at scale. The demo is seeded through the use cases (every industry; stages
 * application, planning, scoring with partial sheets, published with 7 experts' full sheets), then its assessments
 * are cloned through the store (src/store/clone.ts: document, team, self-assessment, all expert grades and sheets,
 * evidence metadata, an audit row each) to 100 and then 1,000 assessments, on SQLite and on PostgreSQL (a fresh
 * schema in DTMA_BENCH_PG_URL, else DTMA_TEST_PG_URL; skipped when neither is set). At each size: the body admin's
 * first list page, a filtered search, opening one assessment (cold cache), an expert's sheet, a grade write, the
 * consensus data, the whole list exported as a workbook (issue 12) and its size, the other paged lists (the platform's user list searched, the audit log and one assessment's
 * trail with their totals, an assessment's evidence filtered), `audit verify`, and the database size per
 * assessment; then the ratios of the last size to the first.
 *
 * BENCH_SCALE_DB=sqlite|postgres runs one dialect (default both); BENCH_SCALE_SIZES=100,300 other sizes (default
 * 100,1000), e.g. where generating 1,000 assessments takes too long — the seeding and each cloning step print
 * their time.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import path from 'node:path';
import type { Dialect } from '../src/store/dialect.js';
import { sql } from 'kysely';
import { listUsers } from '../src/service/admin.js';
import { exportAssessmentList } from '../src/service/assessment-export.js';
import { listAssessmentSummaries, getAssessmentView } from '../src/service/assessments.js';
import { assessmentAuditTrail, listAuditLog } from '../src/service/audit.js';
import { listEvidence } from '../src/service/evidence.js';
import { callerOf } from '../src/service/auth.js';
import { getConsensus } from '../src/service/consensus.js';
import { createServiceContext, type Caller, type ServiceContext } from '../src/service/context.js';
import { seedDemo } from '../src/service/demo.js';
import { getOwnSheet, writeOwnScore } from '../src/service/scores.js';
import { verifyAuditChain } from '../src/store/audit.js';
import { cloneAssessmentsTo } from '../src/store/clone.js';
import { FsEvidenceStorage } from '../src/store/files.js';
import { PASSWORD_TEST_COST } from '../src/store/passwords.js';
import { clearDocCache } from '../src/store/repos/documents.js';
import { getUserByEmail } from '../src/store/repos/users.js';
import { openDatabase, type DtmaDatabase } from '../src/store/db.js';

interface TestDatabase extends DtmaDatabase {
  workDir: string;
  file?: string;
  destroy(): Promise<void>;
}

const pgUrl = () => process.env.DTMA_BENCH_PG_URL || process.env.DTMA_TEST_PG_URL;

/** The sizes measured, ascending (BENCH_SCALE_SIZES). */
function sizes(): number[] {
  const list = (process.env.BENCH_SCALE_SIZES ?? '100,1000')
    .split(',')
    .map((x) => Number(x.trim()))
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
  if (list.length === 0) throw new Error('BENCH_SCALE_SIZES: give sizes such as 100,1000');
  return list;
}

/** A fresh SQLite file, or a fresh schema of DTMA_TEST_PG_URL (dropped afterwards). */
async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dtma-scale-'));
  if (dialect === 'sqlite') {
    const file = path.join(workDir, 'dtma.sqlite');
    const handle = await openDatabase({ url: `sqlite:${file}`, migrate: true });
    return {
      ...handle,
      workDir,
      file,
      destroy: async () => {
        await handle.close();
        fs.rmSync(workDir, { recursive: true, force: true });
      },
    };
  }
  const url = pgUrl()!;
  const schema = `scale_${crypto.randomBytes(4).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const handle = await openDatabase({ url, searchPath: schema, migrate: true, poolMax: 5 });
  return {
    ...handle,
    workDir,
    destroy: async () => {
      await handle.close();
      await admin(`DROP SCHEMA ${schema} CASCADE`);
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeIt(n: number, fn: () => Promise<unknown>): Promise<number> {
  const t: number[] = [];
  await fn(); // warm
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

async function caller(ctx: ServiceContext, email: string): Promise<Caller> {
  const u = await getUserByEmail(ctx.db, email);
  if (!u) throw new Error(`no user ${email}`);
  return callerOf(u);
}

async function dbBytes(t: TestDatabase): Promise<number> {
  if (t.dialect === 'sqlite') {
    await sql`pragma wal_checkpoint(truncate)`.execute(t.db);
    const file = t.file!;
    return fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
  }
  const r = await sql<{ n: string }>`select coalesce(sum(pg_total_relation_size(c.oid)), 0) as n
    from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
    where ns.nspname = current_schema() and c.relkind = 'r'`.execute(t.db);
  return Number(r.rows[0]!.n);
}

type Figures = Record<string, number>;

async function measure(t: TestDatabase, ctx: ServiceContext): Promise<Figures> {
  const body = await caller(ctx, 'body@dtma.demo');
  const leader = await caller(ctx, 'expert1@dtma.demo');
  const platform = await caller(ctx, 'platform@dtma.demo');
  const first = await listAssessmentSummaries(ctx, body, { limit: 20 });
  const all = await listAssessmentSummaries(ctx, body, { limit: 200, stage: 'scoring' });
  const scoring = all.items.find((a) =>
    a.progress.experts.some((e) => e.userId === leader.user.id && !e.submitted),
  );
  const published = (await listAssessmentSummaries(ctx, body, { limit: 1, stage: 'published' })).items[0]!;
  if (!scoring) throw new Error('no assessment in scoring with expert1 on the team');
  const sheet = await getOwnSheet(ctx, leader, scoring.id);
  const rid =
    Object.keys(sheet.scores)[0] ?? (await getAssessmentView(ctx, leader, scoring.id)).requirementIds[0]!;
  let version = sheet.scores[rid]?.version ?? 0;
  // The leader reads the consensus data of a published assessment of their team; of another team, the body admin.
  const consensusReader = published.progress.experts.some((e) => e.userId === leader.user.id) ? leader : body;
  let flip = false;
  const n = Number(first.total);
  const figures: Figures = {
    assessments: n,
    'first list page (20 of all)': await timeIt(15, () => listAssessmentSummaries(ctx, body, { limit: 20 })),
    'filtered search (q=铜, mining, sorted by level)': await timeIt(15, () =>
      listAssessmentSummaries(ctx, body, { q: '铜', industry: 'mining', sort: 'level', limit: 20 }),
    ),
    'export the whole list (xlsx, every row)': await timeIt(3, () => exportAssessmentList(ctx, body, {})),
    'open one assessment (cold cache)': await timeIt(15, async () => {
      clearDocCache();
      await getAssessmentView(ctx, body, published.id);
    }),
    'open one assessment (warm)': await timeIt(15, () => getAssessmentView(ctx, body, published.id)),
    'an expert’s sheet': await timeIt(15, () => getOwnSheet(ctx, leader, scoring.id)),
    'a grade write': await timeIt(15, async () => {
      flip = !flip;
      const s = await writeOwnScore(ctx, leader, scoring.id, rid, {
        value: flip ? '0.8' : '1',
        note: '现场核查：系统已覆盖主要生产环节',
        expectedVersion: version,
      });
      version = s.version;
    }),
    'consensus data (published, 7 sheets)': await timeIt(5, async () => {
      clearDocCache();
      await getConsensus(ctx, consensusReader, published.id);
    }),
    'consensus data (warm)': await timeIt(5, () => getConsensus(ctx, consensusReader, published.id)),
    'users page (platform, q=expert)': await timeIt(15, () =>
      listUsers(ctx, platform, { q: 'expert', sort: 'name', limit: 20 }),
    ),
    'audit log page + total (platform)': await timeIt(15, () => listAuditLog(ctx, platform, { limit: 50 })),
    'audit log page + total (entity filter)': await timeIt(15, () =>
      listAuditLog(ctx, platform, { entity: 'expert_score', limit: 50 }),
    ),
    'one assessment’s trail page + total': await timeIt(15, () =>
      assessmentAuditTrail(ctx, body, published.id, { limit: 50 }),
    ),
    'evidence page (submitted, by requirement)': await timeIt(15, () =>
      listEvidence(ctx, body, published.id, { kind: 'submitted', sort: 'requirement', limit: 20 }),
    ),
    'audit verify (whole log)': await timeIt(1, () => verifyAuditChain(ctx.db)),
  };
  const grades = await ctx.db
    .selectFrom('expert_scores')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  figures['expert grades'] = Number(grades?.n ?? 0);
  figures['audit entries'] = (await listAuditLog(ctx, platform, { limit: 1 })).total;
  figures['export KB'] = (await exportAssessmentList(ctx, body, {})).buffer.length / 1024;
  figures['DB KB per assessment'] = (await dbBytes(t)) / 1024 / n;
  return figures;
}

/** Sizes (KB), not times. */
const isSize = (k: string) => k.includes(' KB');

function print(label: string, f: Figures): void {
  console.log(`  ${label}`);
  for (const [k, v] of Object.entries(f))
    console.log(
      `    ${k.padEnd(48)} ${Number.isInteger(v) ? String(v) : v.toFixed(isSize(k) ? 0 : 2)}${
        isSize(k) || Number.isInteger(v) ? '' : ' ms'
      }`,
    );
}

async function benchDialect(dialect: Dialect): Promise<void> {
  const t = await createTestDatabase(dialect);
  try {
    const storage = new FsEvidenceStorage(path.join(t.workDir, 'evidence'));
    const t0 = performance.now();
    await seedDemo(t.db, storage, () => undefined, { passwordCost: PASSWORD_TEST_COST });
    console.log(
      `\n[${dialect}] demo seeded through the use cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const ctx = createServiceContext({ db: t.db, storage, options: { passwordCost: PASSWORD_TEST_COST } });
    const sys = { userId: null, label: 'bench-scale' };
    const results: Figures[] = [];
    const run = sizes();
    console.log(`[${dialect}] sizes of this run: ${run.join(', ')} assessments`);
    for (const size of run) {
      const c0 = performance.now();
      const made = await cloneAssessmentsTo(t.db, sys, size);
      const s = (performance.now() - c0) / 1000;
      console.log(
        `[${dialect}] cloned ${made} assessments in ${s.toFixed(1)} s (${made > 0 ? ((s * 1000) / made).toFixed(0) : 0} ms each)`,
      );
      const f = await measure(t, ctx);
      print(`${dialect}, ${size} assessments`, f);
      results.push(f);
    }
    if (results.length < 2) return;
    const a = results[0]!;
    const b = results.at(-1)!;
    console.log(`  ${dialect}, ratio ${run.at(-1)!.toLocaleString('en')} / ${run[0]!.toLocaleString('en')}`);
    for (const k of Object.keys(a))
      if (!Number.isInteger(a[k]!) || isSize(k))
        console.log(`    ${k.padEnd(48)} ×${(b[k]! / a[k]!).toFixed(2)}`);
  } finally {
    await t.destroy();
  }
}

export async function benchScale(): Promise<void> {
  console.log(`\n== lists at scale (issue 10): demo cloned to ${sizes().join(', ')} assessments`);
  const only = process.env.BENCH_SCALE_DB; // sqlite | postgres (default both)
  if (only !== 'postgres') await benchDialect('sqlite');
  if (only !== 'sqlite') {
    if (pgUrl()) await benchDialect('postgres');
    else
      console.log(
        '[postgres] skipped: set DTMA_BENCH_PG_URL (or DTMA_TEST_PG_URL)=postgres://…/<database> for the PostgreSQL pass',
      );
  }
}
