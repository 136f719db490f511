/**
 * Generated read-path test (issue 9, defect 1): every GET route of the app (enumerated from `apiRoutes`, so a new
 * read path cannot escape) × every viewer (role × own / other tenant) × stage, with blind scoring as the
 * dimension: the responses — JSON, audit trails, the platform log, exported workbooks — are searched for marks
 * written into each expert's rationales and the enterprise's self-assessment notes. The expectation table is
 * written here by hand (not computed from src/process): who may see whose sheet at which stage.
 *
 * Each expert writes rationales `BLIND-<expert>-<n>` through the API (so the audit log has them); the enterprise
 * writes self-assessment notes `SELF-MARK-<n>`. A viewer must find no mark they may not see in any read path —
 * and must find each mark they may see in some path (so the test cannot pass by showing nothing).
 */
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import {
  bulk,
  driveTo,
  email,
  login,
  makeWorld,
  PASSWORD,
  teamSpec,
  type Client,
  type World,
} from '../testing/http-world.js';
import { createUser, hashPassword, PASSWORD_TEST_COST } from '../testing/store.js';
import { zipText } from '../testing/zip.js';
import { advance } from './driver.js';
import { eventually } from '../testing/jobs.js';

const TEAM = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'] as const;
const VIEWERS = [
  'platform',
  'body1admin',
  'body2admin',
  'x1', // the leader
  'x2', // an expert who submitted early
  'x5', // an expert who submits late
  'x8', // a leader of another team
  'x9', // an expert of the body on no team
  'ent1user',
  'ent2user',
] as const;
type Viewer = (typeof VIEWERS)[number];
type Expert = (typeof TEAM)[number];

const ALL: readonly Expert[] = TEAM;
const NONE: readonly Expert[] = [];

/** Whose sheets each viewer may see, per stage — by hand, from the rules of 4.6.3 and the access matrix. */
const SEES: Record<'scoring' | 'consensus' | 'communication', Record<Viewer, readonly Expert[]>> = {
  // x2, x3, x4 have submitted; the leader x1 and x5, x6, x7 have not.
  scoring: {
    platform: NONE,
    body1admin: NONE, // never during independent scoring
    body2admin: NONE,
    x1: ['x1'], // own sheet only until their own full set is submitted
    x2: ALL,
    x5: ['x5'],
    x8: NONE,
    x9: NONE,
    ent1user: NONE,
    ent2user: NONE,
  },
  consensus: {
    platform: NONE,
    body1admin: ALL,
    body2admin: NONE,
    x1: ALL,
    x2: ALL,
    x5: ALL,
    x8: NONE,
    x9: NONE,
    ent1user: NONE, // the enterprise sees the team's result, never the individual sheets
    ent2user: NONE,
  },
  communication: {
    platform: NONE,
    body1admin: ALL,
    body2admin: NONE,
    x1: ALL,
    x2: ALL,
    x5: ALL,
    x8: NONE,
    x9: NONE,
    ent1user: NONE,
    ent2user: NONE,
  },
};
/**
 * The self-assessment: the enterprise's own draft; once submitted with the application (every stage scanned here
 * is later) its grades and notes are application material the assessment body and the team read beside their
 * work (issue 12: the expert sees the enterprise's self-grade and note) — through GET …/self-scores/submitted
 * only (canSeeSubmittedSelfAssessment); never another body, another team, another enterprise or the platform.
 */
const SEES_SELF: readonly Viewer[] = ['ent1user', 'body1admin', 'x1', 'x2', 'x5'];

const MARKED = 3;
const mark = (expert: string, n: number) => `BLIND-${expert}-${n}`;
const selfMark = (n: number) => `SELF-MARK-${n}`;

interface Fixture {
  w: World;
  a: string;
  evidenceId: string;
  clients: Record<Viewer, Client>;
  /** Each viewer's report render (communication: those who may read the report), else someone else's or none. */
  renders: Partial<Record<Viewer, string>>;
}

/** Requests for every GET route (a route without a filler here fails the test). */
function requestsFor(route: string, f: Fixture, who: Viewer, stage: string): string[] {
  const path = route.replace(/^GET /, '');
  const fill: Record<string, string> = {
    id: f.a,
    evidenceId: f.evidenceId,
    userId: f.w.users[who] ?? f.w.users.x2!,
    modelId: 'nfm-dtmm-2024-draft',
    industry: 'mining',
    kind: 'pre',
    code: 'ABCDEFGHJKMNPQRSTVWXYZ0123',
    renderId: f.renders[who] ?? Object.values(f.renders)[0] ?? '01a00000-0000-7000-8000-000000000000',
    page: '1',
  };
  const url = path.replace(/:(\w+)/g, (m, name: string) => {
    const v = fill[name];
    if (v === undefined) throw new Error(`${route}: no value for ${m}`);
    return encodeURIComponent(v);
  });
  switch (path) {
    case '/api/audit':
      return [
        `${url}?limit=1000`,
        `${url}?entity=expert_score&limit=1000`,
        `${url}?entity=self_score&limit=1000`,
      ];
    case '/api/assessments/:id/audit':
      return [`${url}?limit=1000`];
    case '/api/assessments/:id/report':
      return stage === 'communication'
        ? [`${url}?format=json`, `${url}?format=xlsx`]
        : [`${url}?format=json`];
    case '/api/assessments/:id/result':
      return [url, `${url}?source=self`];
    case '/api/analytics/export':
      return [`${url}?format=xlsx`];
    default:
      return [url];
  }
}

async function prepare(w: World, t: Parameters<typeof driveTo>[2]) {
  await createUser(
    t!.db,
    { userId: null, label: 'test' },
    {
      email: email('x9'),
      displayName: 'x9',
      organisationId: w.body1,
      roles: ['expert'],
      disciplines: ['safety'],
      passwordHash: await hashPassword(PASSWORD, PASSWORD_TEST_COST),
    },
  );
  const d = await driveTo(w, 'scoring', t);
  const clients = { ...d.clients } as Record<string, Client>;
  for (const k of ['platform', 'body2admin', 'x8', 'x9', 'ent2user']) clients[k] = await login(w, k);
  const ent = clients.ent1user!;
  const rids = d.requirementIds;
  for (let n = 0; n < MARKED; n++)
    await ent.json('PUT', `/api/assessments/${d.id}/self-scores/${encodeURIComponent(rids[n]!)}`, {
      value: '0.5',
      note: selfMark(n),
      expectedVersion: 0,
    });
  // Full sheets (rows written directly, fast), then the marked rationales through the API (audited).
  const fill = bulk(t!);
  const values = ['1', '0.8', '0.5', '0'] as const;
  for (const [i, key] of TEAM.entries()) {
    await fill(d.id, w.users[key]!, Object.fromEntries(rids.map((rid, j) => [rid, values[(i + j) % 4]!])));
    await clients[key]!.json('PUT', `/api/assessments/${d.id}/scores/mine`, {
      writes: rids.slice(0, MARKED).map((rid, n) => ({
        requirementId: rid,
        value: values[(i + n + 1) % 4]!,
        note: mark(key, n),
        expectedVersion: 1,
      })),
    });
  }
  const evidenceId = (await ent.json('GET', `/api/assessments/${d.id}/evidence`)).items.find(
    (e: { url?: string }) => e.url,
  ).id as string;
  return { d, clients: clients as Record<Viewer, Client>, evidenceId };
}

/** Communication: each viewer who may asks for the Word report (rendered once, then the kept file). */
async function renderReports(f: Fixture): Promise<void> {
  for (const who of VIEWERS) {
    const res = await f.clients[who].req('POST', `/api/assessments/${f.a}/report/renders`, {
      format: 'docx',
    });
    if (res.statusCode !== 201) continue;
    const id = res.json().id as string;
    await eventually(
      `${who}'s render done`,
      async () => {
        const s = await f.clients[who].json('GET', `/api/assessments/${f.a}/report/renders/${id}`);
        return s.state === 'done';
      },
      120_000,
    );
    f.renders[who] = id;
  }
}

async function scan(f: Fixture, stage: keyof typeof SEES): Promise<string[]> {
  if (stage === 'communication') await renderReports(f);
  const failures: string[] = [];
  const routes = f.w.app.apiRoutes
    .filter((r) => r.method === 'GET' && !r.url.startsWith('/api/docs'))
    .map((r) => `GET ${r.url}`);
  const every = [...ALL.flatMap((e) => Array.from({ length: MARKED }, (_, n) => mark(e, n)))];
  const selfMarks = Array.from({ length: MARKED }, (_, n) => selfMark(n));
  await Promise.all(
    VIEWERS.map(async (who) => {
      const client = f.clients[who];
      const allowed = new Set(
        SEES[stage][who].flatMap((e) => Array.from({ length: MARKED }, (_, n) => mark(e, n))),
      );
      if (SEES_SELF.includes(who)) for (const m of selfMarks) allowed.add(m);
      const found = new Set<string>();
      for (const route of routes) {
        for (const url of requestsFor(route, f, who, stage)) {
          const res = await client.req('GET', url);
          const type = String(res.headers['content-type'] ?? '');
          const text = /spreadsheetml|wordprocessingml/.test(type) ? zipText(res.rawPayload) : res.body;
          for (const m of [...every, ...selfMarks]) {
            if (!text.includes(m)) continue;
            found.add(m);
            if (!allowed.has(m)) failures.push(`${stage}: ${who} reads ${m} in GET ${url}`);
          }
        }
      }
      for (const m of allowed)
        if (!found.has(m)) failures.push(`${stage}: ${who} may read ${m} but no read path shows it`);
    }),
  );
  return failures;
}

forEachDialect('read paths under blind scoring (route × role × tenant × stage)', (t) => {
  it(
    'no read path shows a grade, rationale or self-assessment note to whom the primary route hides it',
    { timeout: 240_000 },
    async () => {
      const w = await makeWorld(t());
      try {
        const { d, clients, evidenceId } = await prepare(w, t());
        const f: Fixture = { w, a: d.id, evidenceId, clients, renders: {} };
        const submit = async (key: string) => {
          const r = await d.transition(clients[key as Viewer] ?? (await login(w, key)), {
            type: 'score.submit',
          });
          expect(r.statusCode, `${key} submits: ${r.body}`).toBe(200);
        };
        const failures: string[] = [];

        for (const key of ['x2', 'x3', 'x4']) await submit(key);
        failures.push(...(await scan(f, 'scoring')));

        for (const key of ['x1', 'x5', 'x6', 'x7']) await submit(key);
        expect((await d.transition(clients.x1, { type: 'consensus.open' })).statusCode).toBe(200);
        failures.push(...(await scan(f, 'consensus')));

        const team: Record<string, Client> = { ...clients };
        for (const k of ['x3', 'x4', 'x6', 'x7']) team[k] = await login(w, k);
        await advance(teamSpec(w, team), d, 'consensus', 'communication');
        failures.push(...(await scan(f, 'communication')));

        expect(failures).toEqual([]);
      } finally {
        await w.app.close();
      }
    },
  );
});
