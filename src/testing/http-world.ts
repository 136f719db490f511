/**
 * Test helpers for the HTTP layer: a world (two bodies, two enterprises, users of every role, eight trained
 * experts covering every discipline), an app on a test database, logins, and `driveTo(stage)` which moves an
 * assessment along through the real HTTP routes.
 */
import type { JobQueue } from '../jobs/types.js';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DISCIPLINES, SCORE_VALUES, type ScoreValue, type Stage } from '../process/types.js';
import { FsEvidenceStorage } from '../store/files.js';
import { hashPassword, PASSWORD_TEST_COST } from '../store/passwords.js';
import { createOrganisation } from '../store/repos/organisations.js';
import { createUser } from '../store/repos/users.js';
import type { TestDatabase } from './databases.js';
import { nowIso } from '../store/util.js';
import { tenthsOf } from '../model/grades.js';
import { advance, createAssessment, loginAs, type Client, type Drive } from '../http/driver.js';
import { createApp, type AppConfig } from '../server.js';

export const PASSWORD = 'test-password-1';
export const MODEL = 'nfm-dtmm-2024-draft';

export interface World {
  app: FastifyInstance;
  body1: string;
  body2: string;
  ent1: string;
  ent2: string;
  users: Record<string, string>;
}

export const USER_KEYS = [
  'platform',
  'body1admin',
  'body2admin',
  'ent1user',
  'ent2user',
  'x1',
  'x2',
  'x3',
  'x4',
  'x5',
  'x6',
  'x7',
  'x8',
  'other',
] as const;

export const email = (key: string) => `${key}@test.dtma`;

export async function makeWorld(
  t: TestDatabase,
  config: Partial<AppConfig> = {},
  options: { jobs?: JobQueue } = {},
): Promise<World> {
  const db = t.db;
  const sys = { userId: null, label: 'test' };
  const body1 = (await createOrganisation(db, sys, { kind: 'body', name: '评估机构一' })).id;
  const body2 = (await createOrganisation(db, sys, { kind: 'body', name: '评估机构二' })).id;
  const ent1 = (await createOrganisation(db, sys, { kind: 'enterprise', name: '甲铜业', industry: 'mining' }))
    .id;
  const ent2 = (await createOrganisation(db, sys, { kind: 'enterprise', name: '乙铝业', industry: 'mining' }))
    .id;
  const passwordHash = await hashPassword(PASSWORD, PASSWORD_TEST_COST);
  const users: Record<string, string> = {};
  const mk = async (key: string, org: string | null, roles: string[], disciplines: string[] = []) => {
    users[key] = (
      await createUser(db, sys, {
        email: email(key),
        displayName: key,
        organisationId: org,
        roles,
        disciplines,
        passwordHash,
      })
    ).id;
  };
  await mk('platform', null, ['platform_admin']);
  await mk('body1admin', body1, ['body_admin']);
  await mk('body2admin', body2, ['body_admin']);
  await mk('ent1user', ent1, ['enterprise_user']);
  await mk('ent2user', ent2, ['enterprise_user']);
  for (let i = 1; i <= 8; i++)
    await mk(`x${i}`, body1, ['expert'], [DISCIPLINES[(i - 1) % DISCIPLINES.length]!]);
  await mk('other', body2, ['expert'], ['safety']);
  for (const key of ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'other']) {
    await db
      .insertInto('expert_profiles')
      .values({
        user_id: users[key]!,
        training_valid_until: '2099-12-31',
        conflicts: '[]',
        version: 1,
        updated_at: nowIso(),
      })
      .execute();
  }
  const evidenceDir = path.join(t.workDir, 'evidence');
  fs.mkdirSync(evidenceDir, { recursive: true });
  const app = await createApp({
    db,
    storage: new FsEvidenceStorage(evidenceDir),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    config: { secureCookies: false, webDist: null, passwordCost: PASSWORD_TEST_COST, ...config },
    ...(options.jobs ? { jobs: options.jobs } : {}),
  });
  return { app, body1, body2, ent1, ent2, users };
}

export type { Client, AppConfig };
export { allItems, multipart, ELIGIBLE } from '../http/driver.js';

export async function login(w: World, key: string): Promise<Client> {
  return loginAs(w.app, email(key), PASSWORD);
}

export interface TestDrive extends Drive {
  clients: Record<string, Client>;
}

const VALUES: readonly ScoreValue[] = SCORE_VALUES;

/** Direct rows for experts 2..7 (the first expert writes through the API): keeps the tests fast. */
export function bulk(t: TestDatabase) {
  return async (assessmentId: string, expertId: string, scores: Record<string, ScoreValue>) => {
    const rows = Object.entries(scores).map(([requirementId, v]) => ({
      assessment_id: assessmentId,
      expert_id: expertId,
      requirement_id: requirementId,
      value_tenths: tenthsOf(v),
      rationale: '依据证据',
      version: 1,
      updated_at: nowIso(),
    }));
    for (let i = 0; i < rows.length; i += 100)
      await t.db
        .insertInto('expert_scores')
        .values(rows.slice(i, i + 100))
        .execute();
  };
}

/** The drive spec of ent1's assessment (body1, mining), team x1 (leader) … x7, for `advance`. */
export function teamSpec(w: World, clients: Record<string, Client>, t?: TestDatabase) {
  return {
    modelId: MODEL,
    industry: 'mining' as const,
    bodyOrgId: w.body1,
    enterprise: clients.ent1user!,
    bodyAdmin: clients.body1admin!,
    experts: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'].map((k) => clients[k]!),
    score: (n: number, _rid: string, j: number) => VALUES[(j + (n % 2)) % 3]!,
    ...(t ? { bulkScores: bulk(t) } : {}),
  };
}

/** An assessment of ent1 (body1, mining), team x1 (leader) … x7, moved up to `target` through the API. */
export async function driveTo(w: World, target: Stage, t?: TestDatabase): Promise<TestDrive> {
  const clients: Record<string, Client> = {};
  for (const k of ['ent1user', 'body1admin', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'])
    clients[k] = await login(w, k);
  const spec = teamSpec(w, clients, t);
  const d = await createAssessment(spec);
  await advance(spec, d, 'application', target);
  return { ...d, clients };
}
