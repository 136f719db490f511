/**
 * Test helper: run a suite against every dialect, each test on a fresh database.
 *
 * - SQLite: a new file in a new temp folder.
 * - PostgreSQL: a new schema `t_<random>` in the database of `DTMA_TEST_PG_URL` (search_path set through the pool's
 *   `options`), dropped afterwards. If the variable is set and the server is unreachable, the suite FAILS; if it
 *   is unset, the PostgreSQL pass is skipped with a visible warning.
 *
 * Reused by the HTTP layer's tests:
 *
 *   forEachDialect('users', (t) => { it('…', async () => { const { db } = t(); … }); });
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { openDatabase, type DtmaDatabase } from '../store/db.js';
import type { Dialect } from '../store/dialect.js';

export const TEST_PG_URL_VAR = 'DTMA_TEST_PG_URL';

export interface TestDatabase extends DtmaDatabase {
  /** A fresh temp folder for this test (backups, evidence files…), removed afterwards. */
  workDir: string;
  /** SQLite: the database file. */
  file?: string;
  /** PostgreSQL: the schema of this test. */
  schema?: string;
  /** Close and remove everything. Idempotent. */
  destroy(): Promise<void>;
  /**
   * PostgreSQL: a second, independent pool on the same schema (another "server instance"). SQLite: the same
   * handle (one handle per file per process, see db.ts); its `close` does nothing.
   */
  openAnother(): Promise<DtmaDatabase>;
}

/** Tests do not need durable commits; skipping the WAL flush per commit makes them much faster. */
const TEST_PG_SETTINGS = { synchronous_commit: 'off' };

export function testPgUrl(): string | undefined {
  const url = process.env[TEST_PG_URL_VAR];
  return url && url.trim() !== '' ? url.trim() : undefined;
}

/** Dialects the suite runs on here, with the reason a dialect is skipped. */
export function testDialects(): { dialect: Dialect; skip?: string }[] {
  return [
    { dialect: 'sqlite' },
    testPgUrl()
      ? { dialect: 'postgres' }
      : { dialect: 'postgres', skip: `${TEST_PG_URL_VAR} is not set: PostgreSQL tests SKIPPED` },
  ];
}

async function pgAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`${TEST_PG_URL_VAR}=${url} is set but PostgreSQL is unreachable: ${String(error)}`, {
      cause: error,
    });
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Fails (throws) when DTMA_TEST_PG_URL is set but the server does not answer. */
export async function assertPgReachable(): Promise<void> {
  const url = testPgUrl();
  if (url) await pgAdmin(url, (c) => c.query('select 1'));
}

export async function createTestDatabase(
  dialect: Dialect,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dtma-test-'));
  let destroyed = false;
  if (dialect === 'sqlite') {
    const file = path.join(workDir, 'dtma.sqlite');
    const handle = await openDatabase({ url: `sqlite:${file}`, migrate });
    return {
      ...handle,
      workDir,
      file,
      openAnother: async () => ({ ...handle, close: async () => undefined }),
      async destroy() {
        if (destroyed) return;
        destroyed = true;
        await handle.close();
        fs.rmSync(workDir, { recursive: true, force: true });
      },
    };
  }
  const url = testPgUrl();
  if (!url) throw new Error(`${TEST_PG_URL_VAR} is not set`);
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  await pgAdmin(url, (c) => c.query(`CREATE SCHEMA ${schema}`));
  let handle: DtmaDatabase;
  try {
    handle = await openDatabase({
      url,
      searchPath: schema,
      migrate,
      poolMax: 5,
      pgSettings: TEST_PG_SETTINGS,
    });
  } catch (error) {
    await pgAdmin(url, (c) => c.query(`DROP SCHEMA ${schema} CASCADE`));
    throw error;
  }
  return {
    ...handle,
    workDir,
    schema,
    openAnother: () => openDatabase({ url, searchPath: schema, poolMax: 5, pgSettings: TEST_PG_SETTINGS }),
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await handle.close();
      // …and pg-boss's schema of this test's job queue (src/jobs), if one was started.
      await pgAdmin(url, (c) =>
        c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`),
      );
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/**
 * `describe` the suite once per dialect; inside, `t()` returns the current test's fresh database.
 * Pass `{ migrate: false }` to get an empty database (migration tests).
 */
export function forEachDialect(
  name: string,
  fn: (t: () => TestDatabase, dialect: Dialect) => void,
  options: { migrate?: boolean } = {},
): void {
  for (const { dialect, skip } of testDialects()) {
    const title = `${name} [${dialect}]`;
    if (skip) {
      console.warn(`[dtma test] ${title}: ${skip}`);
      describe.skip(`${title} (${skip})`, () => fn(() => unavailable(), dialect));
      continue;
    }
    describe(title, () => {
      let current: TestDatabase | undefined;
      if (dialect === 'postgres') beforeAll(assertPgReachable);
      beforeEach(async () => {
        current = await createTestDatabase(dialect, options);
      });
      afterEach(async () => {
        const c = current;
        current = undefined;
        await c?.destroy();
      });
      fn(() => {
        if (!current) throw new Error('test database used outside a test');
        return current;
      }, dialect);
    });
  }
}

function unavailable(): never {
  throw new Error('test database unavailable');
}

/** A minimal world for tests: a body, an enterprise, an admin, two experts, an assessment. */
export interface SeedWorld {
  bodyId: string;
  enterpriseId: string;
  adminId: string;
  expertIds: [string, string];
  enterpriseUserId: string;
  assessmentId: string;
}

export async function seedWorld(db: DtmaDatabase['db']): Promise<SeedWorld> {
  const { createOrganisation } = await import('../store/repos/organisations.js');
  const { createUser } = await import('../store/repos/users.js');
  const { createAssessment } = await import('../store/repos/assessments.js');
  const system = { userId: null, label: 'test-seed' };
  const body = await createOrganisation(db, system, { kind: 'body', name: '评估机构' });
  const enterprise = await createOrganisation(db, system, {
    kind: 'enterprise',
    name: '某铜业公司',
    creditCode: '91110000100000000X',
    industry: 'smelting',
  });
  const admin = await createUser(db, system, {
    organisationId: body.id,
    email: 'admin@body.test',
    displayName: 'Admin',
    roles: ['admin'],
  });
  const e1 = await createUser(db, system, {
    organisationId: body.id,
    email: 'expert1@body.test',
    displayName: 'Expert 1',
    roles: ['expert'],
  });
  const e2 = await createUser(db, system, {
    organisationId: body.id,
    email: 'expert2@body.test',
    displayName: 'Expert 2',
    roles: ['expert'],
  });
  const eu = await createUser(db, system, {
    organisationId: enterprise.id,
    email: 'owner@enterprise.test',
    displayName: 'Owner',
    roles: ['enterprise'],
  });
  const assessment = await createAssessment(
    db,
    { userId: eu.id, label: eu.email },
    {
      enterpriseId: enterprise.id,
      bodyId: body.id,
      industry: 'smelting',
      modelId: 'test-model',
      stage: 'application',
    },
  );
  return {
    bodyId: body.id,
    enterpriseId: enterprise.id,
    adminId: admin.id,
    expertIds: [e1.id, e2.id],
    enterpriseUserId: eu.id,
    assessmentId: assessment.id,
  };
}
