/**
 * Test helper: run a suite against every dialect, each test on a fresh database.
 *
 * - SQLite: a new file in a new temp folder.
 * - PostgreSQL: a new schema `t_<random>` in the database of `DTMA_TEST_PG_URL` (search_path set through the pool's
 *   `options`), dropped afterwards. If the variable is set and the server is unreachable, the suite FAILS; if it
 *   is unset, the PostgreSQL pass is skipped with a visible warning.
 *
 * A migrated database is a copy of one template per test process, made once by the real migrations: SQLite copies
 * the migrated file, PostgreSQL replays the `pg_dump` of a migrated schema in one statement batch (without
 * pg_dump on the PATH, each test migrates). Migrating per test cost ~0.4 s on PostgreSQL × ~550 tests.
 *
 * Reused by the HTTP layer's tests:
 *
 *   forEachDialect('users', (t) => { it('…', async () => { const { db } = t(); … }); });
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
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
    if (migrate) fs.copyFileSync(await sqliteTemplate(), file);
    const handle = await openDatabase({ url: `sqlite:${file}`, migrate: false });
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
  const { schema, migrated } = await newPgSchema(url, migrate);
  let handle: DtmaDatabase;
  try {
    handle = await openDatabase({
      url,
      searchPath: schema,
      migrate: migrate && !migrated,
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
      fs.rmSync(workDir, { recursive: true, force: true });
      // …and pg-boss's schema of this test's job queue (src/jobs), if one was started. Dropped while the next
      // test runs; settlePgSchemas() waits for the drops at the end of the suite.
      const drop: Promise<unknown> = pgAdmin(url, (c) =>
        c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`),
      )
        .catch((error: unknown) => console.warn(`[dtma test] dropping ${schema} failed: ${String(error)}`))
        .finally(() => pendingDrops.delete(drop));
      pendingDrops.add(drop);
    },
  };
}

const pendingDrops = new Set<Promise<unknown>>();
/** The next test's migrated schema, copied from the template while the current test runs. */
let preparedSchema: Promise<string> | undefined;

function randomSchemaName(): string {
  return `t_${crypto.randomBytes(6).toString('hex')}`;
}

async function newPgSchema(url: string, migrate: boolean): Promise<{ schema: string; migrated: boolean }> {
  const template = migrate ? await pgTemplate(url) : undefined;
  if (!template) {
    const schema = randomSchemaName();
    await pgAdmin(url, (c) => c.query(`CREATE SCHEMA ${schema}`));
    return { schema, migrated: false };
  }
  const copy = () => {
    const schema = randomSchemaName();
    return pgAdmin(url, (c) => c.query(template.replaceAll(TEMPLATE_SCHEMA, schema))).then(() => schema);
  };
  const ready = preparedSchema ?? copy();
  preparedSchema = copy();
  preparedSchema.catch(() => undefined); // a failure surfaces in the test that takes it
  return { schema: await ready, migrated: true };
}

/** Drops the schema prepared for a next test that did not come, and waits for the drops still running. */
export async function settlePgSchemas(): Promise<void> {
  const url = testPgUrl();
  const prepared = preparedSchema;
  preparedSchema = undefined;
  const schema = await prepared?.catch(() => undefined);
  if (url && schema) await pgAdmin(url, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  await Promise.all([...pendingDrops]);
}

let sqliteTemplateFile: Promise<string> | undefined;

/** This process's migrated SQLite file (closed, so its WAL is checkpointed into it), copied by each test. */
function sqliteTemplate(): Promise<string> {
  sqliteTemplateFile ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dtma-template-'));
    const file = path.join(dir, 'template.sqlite');
    const handle = await openDatabase({ url: `sqlite:${file}`, migrate: true });
    await handle.close();
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    return file;
  })();
  return sqliteTemplateFile;
}

/** Stands for the schema's name in the template SQL (random, so it matches nothing else in the dump). */
const TEMPLATE_SCHEMA = `tpl_${crypto.randomBytes(8).toString('hex')}`;
let pgTemplateSql: Promise<string | undefined> | undefined;

/**
 * The SQL that recreates a migrated schema named `TEMPLATE_SCHEMA`: the schema is migrated once by the
 * real migrations, dumped with pg_dump (DDL and the migration rows) and dropped. Undefined when pg_dump is
 * missing or fails (then each test migrates).
 */
function pgTemplate(url: string): Promise<string | undefined> {
  pgTemplateSql ??= (async () => {
    const schema = TEMPLATE_SCHEMA;
    await pgAdmin(url, (c) => c.query(`CREATE SCHEMA ${schema}`));
    try {
      const handle = await openDatabase({ url, searchPath: schema, migrate: true, poolMax: 1 });
      await handle.close();
      const { stdout } = await promisify(execFile)(
        'pg_dump',
        ['--no-owner', '--no-privileges', '--inserts', `--schema=${schema}`, url],
        { maxBuffer: 64 * 1024 * 1024 },
      );
      // Drops psql meta-commands (`\restrict` of newer pg_dump) and the session settings (search_path '' would
      // outlive the batch on this admin connection only, but the batch needs none of them).
      return stdout
        .split('\n')
        .filter((line) => !line.startsWith('\\') && !/^(SET |SELECT pg_catalog\.set_config)/.test(line))
        .join('\n');
    } catch (error) {
      console.warn(
        `[dtma test] pg_dump of the migrated template failed, each test migrates: ${String(error)}`,
      );
      return undefined;
    } finally {
      await pgAdmin(url, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    }
  })();
  return pgTemplateSql;
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
      if (dialect === 'postgres') {
        beforeAll(assertPgReachable);
        afterAll(settlePgSchemas);
      }
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
    creditCode: '91110000100000000R',
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
