/**
 * Test helpers for the HTTP layer: a world (two bodies, two enterprises, users of every role, eight trained
 * experts covering every discipline), an app on a test database, logins, and `driveTo(stage)` which moves an
 * assessment along through the real HTTP routes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { DISCIPLINES, REPORT_SECTIONS, type Stage } from '../process/types.js';
import { FsEvidenceStorage } from '../store/files.js';
import { hashPassword, PASSWORD_TEST_COST } from '../store/passwords.js';
import { createOrganisation } from '../store/repos/organisations.js';
import { createUser } from '../store/repos/users.js';
import type { TestDatabase } from '../store/test-databases.js';
import { nowIso } from '../store/util.js';
import { buildApp } from './app.js';
import type { AppConfig } from './context.js';

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

export async function makeWorld(t: TestDatabase, config: Partial<AppConfig> = {}): Promise<World> {
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
  const app = await buildApp({
    db,
    storage: new FsEvidenceStorage(evidenceDir),
    config: { secureCookies: false, webDist: null, passwordCost: PASSWORD_TEST_COST, ...config },
  });
  return { app, body1, body2, ent1, ent2, users };
}

export interface Client {
  userId: string;
  csrf: string;
  cookie: string;
  req(
    method: string,
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test JSON
  json<T = any>(method: string, url: string, payload?: unknown): Promise<T>;
}

export async function login(w: World, key: string): Promise<Client> {
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: email(key), password: PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'dtma_session')!;
  const body = res.json() as { csrfToken: string; user: { id: string } };
  const client: Client = {
    userId: body.user.id,
    csrf: body.csrfToken,
    cookie: `dtma_session=${cookie.value}`,
    req: (method, url, payload, headers = {}) =>
      w.app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, ...headers },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
    async json(method, url, payload) {
      const r = await client.req(method, url, payload);
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
      return r.json();
    },
  };
  return client;
}

export const ELIGIBLE = {
  noMajorSafetyAccident: true,
  noMajorEnvironmentalIncident: true,
  hasTransformationPlan: true,
  compliesWithLaws: true,
  truthfulnessCommitment: true,
};

export const FORM = { scope: '全公司', requestedLevel: 3, contactName: '张三', contactPhone: '13800000000' };

/** multipart/form-data body for inject. */
export function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer | string }) {
  const boundary = '----dtmatest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: application/octet-stream\r\n\r\n`,
      ),
    );
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export interface Drive {
  id: string;
  clients: Record<string, Client>;
  version(): Promise<number>;
  transition(who: string, command: Record<string, unknown>): Promise<LightMyRequestResponse>;
  requirementIds: string[];
}

const TODAY = new Date().toISOString().slice(0, 10);

/**
 * Creates an assessment of ent1 (body1, mining) and moves it up to `target` through the HTTP API. Team: x1
 * (leader) … x7.
 */
export async function driveTo(w: World, target: Stage): Promise<Drive> {
  const clients: Record<string, Client> = {};
  for (const k of ['ent1user', 'body1admin', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'])
    clients[k] = await login(w, k);
  const ent = clients.ent1user!;
  const created = await ent.json('POST', '/api/assessments', {
    modelId: MODEL,
    industry: 'mining',
    eligibility: ELIGIBLE,
    form: FORM,
    bodyOrgId: w.body1,
  });
  const id = created.id as string;
  const requirementIds = created.requirementIds as string[];
  const d: Drive = {
    id,
    clients,
    requirementIds,
    async version() {
      return (await ent.json('GET', `/api/assessments/${id}`)).version;
    },
    async transition(who, command) {
      const c = clients[who]!;
      const cur = (await c.json('GET', `/api/assessments/${id}`)).version;
      return c.req('POST', `/api/assessments/${id}/transitions`, { command, expectedVersion: cur });
    },
  };
  const step = async (who: string, command: Record<string, unknown>) => {
    const r = await d.transition(who, command);
    expect(r.statusCode, `${String(command.type)}: ${r.body}`).toBe(200);
    return r.json();
  };
  if (target === 'application') return d;
  // Evidence for the application.
  const up = multipart(
    { requirementId: requirementIds[0]!, kind: 'submitted', note: '制度文件' },
    { name: '制度.pdf', content: 'pdf bytes' },
  );
  const r = await ent.req('POST', `/api/assessments/${id}/evidence`, up.payload, up.headers);
  expect(r.statusCode, r.body).toBe(201);
  await step('ent1user', { type: 'application.submit' });
  if (target === 'submitted') return d;
  await step('body1admin', { type: 'application.accept' });
  if (target === 'team_formation') return d;
  const v = await d.version();
  const members = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'].map((k, i) => ({
    userId: w.users[k]!,
    role: i === 0 ? 'leader' : 'member',
  }));
  await clients.body1admin!.json('PUT', `/api/assessments/${id}/team`, { members, expectedVersion: v });
  if (target === 'planning') return d;
  const people = members.map((m) => m.userId);
  for (const kind of ['pre', 'formal'] as const) {
    const plan = await clients.x1!.json('PUT', `/api/assessments/${id}/plans/${kind}`, {
      purpose: '评估',
      scope: '全公司',
      tasks: ['访谈'],
      methods: ['interview', 'site_visit'],
      startDate: TODAY,
      endDate: TODAY,
      people,
      schedule: [{ date: TODAY, activity: '首次会议' }],
      expectedVersion: 0,
    });
    await step('ent1user', { type: 'plan.confirm', kind, version: plan.version });
  }
  await clients.x1!.json('PUT', `/api/assessments/${id}/meetings/first`, {
    heldAt: new Date().toISOString(),
    minutes: '首次会议纪要',
    planAgreed: true,
    attendees: [
      { name: 'x1', userId: w.users.x1, side: 'team' },
      { name: '张三', side: 'enterprise' },
    ],
    topics: ['purpose', 'methods', 'schedule', 'team_introduction'],
  });
  if (target === 'evidence_collection') return d;
  const col = multipart({
    requirementId: requirementIds[1]!,
    kind: 'collected',
    method: 'interview',
    note: '访谈记录',
  });
  const rc = await clients.x2!.req('POST', `/api/assessments/${id}/evidence`, col.payload, col.headers);
  expect(rc.statusCode, rc.body).toBe(201);
  await step('x1', { type: 'scoring.open' });
  if (target === 'scoring') return d;
  const values = ['1', '0.8', '0.5', '0'];
  for (const [n, k] of ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'].entries()) {
    const writes = requirementIds.map((rid, i) => ({
      requirementId: rid,
      value: values[(i * 7 + n * (i % 3 === 0 ? 1 : 0)) % 4 === 3 ? 3 : (i + (n % 2)) % 3]!,
      note: '依据证据',
      expectedVersion: 0,
    }));
    await clients[k]!.json('PUT', `/api/assessments/${id}/scores/mine`, { writes });
    await step(k, { type: 'score.submit' });
  }
  await step('x1', { type: 'consensus.open' });
  if (target === 'consensus') return d;
  await clients.x1!.json('PUT', `/api/assessments/${id}/consensus`, {
    items: requirementIds.map((rid, i) => ({
      requirementId: rid,
      value: values[i % 3]!,
      rationale: '合议',
      expectedVersion: 0,
    })),
  });
  await step('x1', { type: 'result.freeze' });
  if (target === 'result_frozen') return d;
  const sections = Object.fromEntries(REPORT_SECTIONS.map((s) => [s, `${s} 内容`]));
  await clients.x1!.json('PUT', `/api/assessments/${id}/report-draft`, { sections, expectedVersion: 0 });
  if (target === 'report_draft') return d;
  await step('x1', { type: 'communication.open' });
  if (target === 'communication') return d;
  await step('ent1user', { type: 'contest.waive' });
  await clients.x1!.json('PUT', `/api/assessments/${id}/meetings/final`, {
    heldAt: new Date().toISOString(),
    minutes: '末次会议纪要',
    attendees: [
      { name: 'x1', userId: w.users.x1, side: 'team' },
      { name: '张三', side: 'enterprise' },
    ],
    topics: ['summary', 'results', 'strengths', 'weaknesses'],
  });
  if (target === 'final_meeting') return d;
  await step('x1', { type: 'publish' });
  return d;
}
