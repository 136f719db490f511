/**
 * A database ready for score writes, shared by `BENCH=load` and e2e/two-instances.e2e.ts: a body, an enterprise,
 * seven trained experts per assessment (all disciplines), `assessments` mining assessments moved through the real
 * use cases (in-process app) to the scoring stage. The servers under test are started on it afterwards.
 */
import path from 'node:path';
import os from 'node:os';
import { createApp } from '../src/server.js';
import { advance, createAssessment, loginAs, type Client } from '../src/http/driver.js';
import { DISCIPLINES } from '../src/process/types.js';
import type { DtmaDatabase } from '../src/store/db.js';
import { FsEvidenceStorage } from '../src/store/files.js';
import { hashPassword, PASSWORD_TEST_COST } from '../src/store/passwords.js';
import { createOrganisation } from '../src/store/repos/organisations.js';
import { createUser } from '../src/store/repos/users.js';
import { nowIso } from '../src/store/util.js';

export const FIXTURE_PASSWORD = 'Fixture-Password#2026';

export interface ScoreFixture {
  /** One entry per expert: its login and the assessment it scores. */
  experts: { email: string; assessmentId: string; requirementIds: string[] }[];
  bodyAdmin: string;
}

export async function prepareScoreFixture(handle: DtmaDatabase, assessments: number): Promise<ScoreFixture> {
  const db = handle.db;
  const sys = { userId: null, label: 'fixture' };
  const body = await createOrganisation(db, sys, { kind: 'body', name: '有色金属数字化评估中心' });
  const ent = await createOrganisation(db, sys, {
    kind: 'enterprise',
    name: '江西铜业（测试）',
    industry: 'mining',
  });
  // The test cost: the servers upgrade the hash at the first login (as after a cost change).
  const passwordHash = await hashPassword(FIXTURE_PASSWORD, PASSWORD_TEST_COST);
  await createUser(db, sys, {
    email: 'ent@load.test',
    displayName: '企业联系人',
    organisationId: ent.id,
    roles: ['enterprise_user'],
    passwordHash,
  });
  await createUser(db, sys, {
    email: 'admin@load.test',
    displayName: '机构管理员',
    organisationId: body.id,
    roles: ['body_admin'],
    passwordHash,
  });
  for (let i = 0; i < assessments * 7; i++) {
    const u = await createUser(db, sys, {
      email: `e${i}@load.test`,
      displayName: `专家${i}`,
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
    storage: new FsEvidenceStorage(path.join(os.tmpdir(), 'dtma-fixture-evidence')),
    config: { webDist: null, secureCookies: false, passwordCost: PASSWORD_TEST_COST },
  });
  try {
    const enterprise = await loginAs(app, 'ent@load.test', FIXTURE_PASSWORD);
    const bodyAdmin = await loginAs(app, 'admin@load.test', FIXTURE_PASSWORD);
    const experts: ScoreFixture['experts'] = [];
    for (let a = 0; a < assessments; a++) {
      const clients: Client[] = [];
      for (let k = 0; k < 7; k++)
        clients.push(await loginAs(app, `e${a * 7 + k}@load.test`, FIXTURE_PASSWORD));
      const spec = {
        modelId: 'nfm-dtmm-2024-draft',
        industry: 'mining' as const,
        bodyOrgId: body.id,
        enterprise,
        bodyAdmin,
        experts: clients,
        score: () => '1' as const,
      };
      const d = await createAssessment(spec);
      await advance(spec, d, 'application', 'scoring');
      for (let k = 0; k < 7; k++)
        experts.push({
          email: `e${a * 7 + k}@load.test`,
          assessmentId: d.id,
          requirementIds: d.requirementIds,
        });
    }
    return { experts, bodyAdmin: 'admin@load.test' };
  } finally {
    await app.close();
  }
}

/** Logs in over HTTP (a real server): the session cookie and the CSRF token. */
export async function httpLogin(
  base: string,
  email: string,
  password = FIXTURE_PASSWORD,
): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: email, password }),
  });
  if (r.status !== 200) throw new Error(`login ${email} at ${base}: ${r.status} ${await r.text()}`);
  const set = r.headers.getSetCookie().find((c) => c.startsWith('dtma_session='))!;
  const body = (await r.json()) as { csrfToken: string };
  return { cookie: set.split(';')[0]!, csrf: body.csrfToken };
}
