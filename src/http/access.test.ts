/**
 * Generated access test: every /api route and the health checks (/healthz, /readyz) (enumerated from the app's `apiRoutes`, so a new route cannot escape)
 * × every role × own / other tenant, against an expectation table written here by hand — NOT computed from
 * `src/access/matrix.ts`.
 *
 * Columns (each cell: `+` allowed, `.` denied), in this order:
 *
 *   platform_admin   own: platform          other: platform (no tenant)
 *   body_admin       own: body1admin        other: body2admin            (another assessment body)
 *   team_leader      own: x1 (leads A)      other: x8 (leads B, not on A's team)
 *   expert           own: x2 (on A's team)  other: x9 (same body, on no team)
 *   enterprise_user  own: ent1user (A's)    other: ent2user              (another enterprise)
 *
 * Assessment A (ent1, body1, team x1…x7) is in stage `communication` with a contest filed; admin routes target
 * body1 and its expert x7 (password resets: body1's expert `resetme`).
 *
 * How "denied" looks (the app's rule, checked for consistency):
 * - assessment routes: a user who cannot read the assessment gets 404 NOT_FOUND (its existence is hidden); a user
 *   who can read it but not do the action gets 403 FORBIDDEN;
 * - session routes: 403 FORBIDDEN, except the expert-profile routes, which hide other organisations' users (404).
 * "Allowed" means the access layer let the request through: 2xx, or a 4xx whose code is not an access code (the
 * requests are valid; where an allowed write must not change the world, it carries a stale version or is
 * illegal in the stage, so a 409 VERSION_CONFLICT / INVALID_TRANSITION after the access check is expected).
 */
import { expect, it } from 'vitest';
import { REPORT_SECTIONS } from '../process/types.js';
import { forEachDialect } from '../testing/databases.js';
import { advance, createAssessment, type Client } from './driver.js';
import { createUser, hashPassword, PASSWORD_TEST_COST } from '../testing/store.js';
import { zipText } from '../testing/zip.js';
import {
  driveTo,
  ELIGIBLE,
  email,
  login,
  makeWorld,
  multipart,
  MODEL,
  PASSWORD,
  type World,
} from '../testing/http-world.js';

const COLUMNS = [
  ['platform_admin', 'own', 'platform'],
  ['platform_admin', 'other', 'platform'],
  ['body_admin', 'own', 'body1admin'],
  ['body_admin', 'other', 'body2admin'],
  ['team_leader', 'own', 'x1'],
  ['team_leader', 'other', 'x8'],
  ['expert', 'own', 'x2'],
  ['expert', 'other', 'x9'],
  ['enterprise_user', 'own', 'ent1user'],
  ['enterprise_user', 'other', 'ent2user'],
] as const;
type UserKey = (typeof COLUMNS)[number][2];

interface Fixture {
  w: World;
  a: string;
  rids: string[];
  evidenceId: string;
  contestId: string;
  /** A notification of ent1user (A's result communicated). */
  notificationId: string;
  clients: Record<UserKey, Client>;
  /** A's current version (read by its leader). */
  version(): Promise<number>;
  /** A report render of A asked for by `who` (when they may; else the enterprise's, which is not theirs). */
  renderOf(who: UserKey): Promise<string>;
}

interface Req {
  params?: Record<string, string>;
  query?: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** No session at all (public login). */
  anonymous?: boolean;
  /** A new session of the actor just for this request (logout). */
  fresh?: boolean;
}

interface Case {
  /** `METHOD /pattern` exactly as registered. */
  route: string;
  note?: string;
  /** 10 cells in COLUMNS order, e.g. '.. +. +. +. +.'. */
  expect: string;
  /** Run the columns one after the other (an allowed request changes the state the next one relies on). */
  serial?: boolean;
  /** Session route whose denial is a 404 (existence hidden). */
  hides?: boolean;
  req(f: Fixture, who: UserKey): Req | Promise<Req>;
}

const ALL = '++ ++ ++ ++ ++';
const READ = '.. +. +. +. +.';
const TODAY = new Date().toISOString().slice(0, 10);
const sections = Object.fromEntries(REPORT_SECTIONS.map((s) => [s, `${s}：见评估组意见。`]));
const plan = (people: string[]) => ({
  purpose: '现场预评估',
  scope: '生产经营全过程',
  tasks: ['人员座谈'],
  methods: ['interview'],
  startDate: TODAY,
  endDate: TODAY,
  people,
  schedule: [{ date: TODAY, activity: '首次会议' }],
  expectedVersion: 0,
});
const meeting = {
  heldAt: new Date().toISOString(),
  minutes: '会议纪要',
  planAgreed: true,
  attendees: [{ name: '评估组长', side: 'team' }],
  topics: ['purpose'],
};
let unique = 0;
/** A verification code the fixture stores for A (never published, so verification answers "withdrawn"). */
const CODE = 'ABCDEFGHJKMNPQRSTVWXYZ0123';
const A = (f: Fixture) => ({ id: f.a });

// prettier-ignore
const CASES: Case[] = [
  // --- public (the API pages: any signed-in user, see security-headers.test.ts for anonymous) ------------------
  { route: 'GET /api/docs', expect: ALL, req: () => ({}) },
  { route: 'HEAD /api/docs/', expect: ALL, req: () => ({}) },
  { route: 'GET /api/docs/json', expect: ALL, req: () => ({}) },
  { route: 'GET /api/docs/yaml', expect: ALL, req: () => ({}) },
  { route: 'GET /api/docs/static/index.html', expect: ALL, req: () => ({}) },
  { route: 'GET /api/docs/static/swagger-initializer.js', expect: ALL, req: () => ({}) },
  { route: 'GET /api/docs/static/*', expect: ALL, req: () => ({ params: { '*': 'swagger-ui.css' } }) },
  { route: 'GET /api/verify/:code', note: 'a certificate of A (not published: withdrawn)', expect: ALL, req: () => ({ anonymous: true, params: { code: CODE } }) },
  { route: 'GET /healthz', note: 'liveness', expect: ALL, req: () => ({ anonymous: true }) },
  { route: 'GET /readyz', note: 'readiness (no job queue in this world: ready)', expect: ALL, req: () => ({ anonymous: true }) },
  { route: 'POST /api/auth/login', expect: ALL, req: (_f, who) => ({ anonymous: true, payload: { username: email(who), password: PASSWORD } }) },
  // --- any session --------------------------------------------------------------------------------------------
  { route: 'POST /api/auth/logout', expect: ALL, req: () => ({ fresh: true }) },
  { route: 'GET /api/me', expect: ALL, req: () => ({}) },
  { route: 'POST /api/auth/password', note: 'wrong current password', expect: ALL, req: () => ({ payload: { currentPassword: 'not-the-password', newPassword: 'Zq7!mW2#xL9p-new' } }) },
  { route: 'POST /api/auth/password-reset', note: 'unknown token', expect: ALL, req: () => ({ anonymous: true, payload: { token: 'x'.repeat(43), newPassword: 'Zq7!mW2#xL9p-new' } }) },
  { route: 'GET /api/models', expect: ALL, req: () => ({}) },
  { route: 'GET /api/models/:modelId', expect: ALL, req: () => ({ params: { modelId: MODEL } }) },
  { route: 'GET /api/models/:modelId/industries/:industry', expect: ALL, req: () => ({ params: { modelId: MODEL, industry: 'mining' } }) },
  { route: 'GET /api/orgs', expect: ALL, req: () => ({}) },
  { route: 'GET /api/orgs', note: 'searched, filtered, sorted, a later page (each within what it may see)', expect: ALL, req: () => ({ query: `q=${encodeURIComponent('机构')}&kind=body&sort=created&order=desc&limit=1&offset=1` }) },
  { route: 'GET /api/orgs', note: 'by ids, other tenants’ among them (listed only where visible)', expect: ALL, req: (f) => ({ query: `ids=${f.w.ent1}&ids=${f.w.ent2}&ids=${f.w.body2}` }) },
  { route: 'GET /api/assessments', expect: ALL, req: () => ({}) },
  { route: 'GET /api/assessments', note: 'sorted by the level, paged', expect: ALL, req: () => ({ query: 'sort=level&order=asc&limit=200&offset=0' }) },
  { route: 'GET /api/assessments', note: 'searched and filtered (A listed only where it matches)', expect: ALL, req: () => ({ query: `q=${encodeURIComponent('铜')}&industry=mining&level=2&year=2026` }) },
  { route: 'GET /api/assessments/export', expect: ALL, req: () => ({ query: 'industry=mining&sort=level&order=asc' }) },
  { route: 'GET /api/assessments/export', note: 'English, searched', expect: ALL, req: () => ({ query: `lang=en&q=${encodeURIComponent('铜')}&year=2026` }) },
  { route: 'GET /api/assessment-stats', expect: ALL, req: () => ({ query: 'overdue=1&industry=mining' }) },
  { route: 'GET /api/results/validity', expect: '.. ++ .. .. ++', req: () => ({}) },
  { route: 'GET /api/notifications', note: 'own notifications only', expect: ALL, req: () => ({ query: 'limit=5' }) },
  { route: 'POST /api/notifications/:id/read', note: 'the enterprise user’s own notification (others: 404, hidden)', expect: '.. .. .. .. +.', hides: true, req: (f) => ({ params: { id: f.notificationId } }) },
  { route: 'POST /api/notifications/read-all', expect: ALL, req: () => ({}) },
  { route: 'PUT /api/notifications/settings', expect: ALL, req: () => ({ payload: { language: 'zh' } }) },
  { route: 'GET /api/analytics', expect: '.. ++ .. .. ..', req: () => ({}) },
  { route: 'GET /api/analytics/export', expect: '.. ++ .. .. ..', req: () => ({ query: 'format=xlsx' }) },
  // --- administration (target: body1, its expert x7) ------------------------------------------------------------
  { route: 'POST /api/orgs', expect: '++ .. .. .. ..', req: () => ({ payload: { kind: 'enterprise', name: `新企业${++unique}`, industry: 'mining' } }) },
  { route: 'PUT /api/orgs/:orgId/profile', note: 'ent1’s profile with a stale version (409 after the access check)', expect: '++ .. .. .. +.', req: (f) => ({ params: { orgId: f.w.ent1 }, payload: { size: 'large', expectedVersion: 999 } }) },
  { route: 'GET /api/users', expect: '++ +. .. .. ..', req: (f) => ({ query: `orgId=${f.w.body1}` }) },
  { route: 'GET /api/users', note: 'own tenancy: searched, filtered, sorted, a later page', expect: '++ ++ .. .. ..', req: () => ({ query: 'q=x&role=expert&active=true&sort=organisation&order=desc&limit=2&offset=2' }) },
  { route: 'POST /api/users', expect: '++ +. .. .. ..', req: (f) => ({ payload: { username: `new${++unique}@test.dtma`, displayName: '新专家', password: 'new-password-1', organisationId: f.w.body1, roles: ['expert'], disciplines: ['safety'] } }) },
  { route: 'PATCH /api/users/:userId', expect: '++ +. .. .. ..', req: (f) => ({ params: { userId: f.w.users.x7! }, payload: { displayName: 'x7', expectedVersion: 999 } }) },
  { route: 'GET /api/experts', expect: '++ ++ .. .. ..', req: () => ({}) },
  { route: 'POST /api/users/:userId/password-reset', expect: '++ +. .. .. ..', req: (f) => ({ params: { userId: f.w.users.resetme! } }) },
  { route: 'GET /api/users/:userId/expert-profile', expect: '++ +. .. .. ..', hides: true, req: (f) => ({ params: { userId: f.w.users.x7! } }) },
  { route: 'PUT /api/users/:userId/expert-profile', expect: '++ +. .. .. ..', hides: true, req: (f) => ({ params: { userId: f.w.users.x7! }, payload: { trainingValidUntil: '2099-12-31', conflicts: [], expectedVersion: 999 } }) },
  { route: 'GET /api/audit', expect: '++ .. .. .. ..', req: () => ({ query: 'limit=5' }) },
  { route: 'GET /api/audit', note: 'filtered by record type, action and actor, a later page', expect: '++ .. .. .. ..', req: (f) => ({ query: `entity=expert_score&action=update&actorId=${f.w.users.x2}&afterSeq=1&limit=5` }) },
  { route: 'GET /api/audit/verify', expect: '++ .. .. .. ..', req: () => ({}) },
  // --- assessments ------------------------------------------------------------------------------------------------
  { route: 'POST /api/assessments', expect: '.. .. .. .. ++', req: (f) => ({ payload: { modelId: MODEL, industry: 'mining', eligibility: ELIGIBLE, form: { scope: '全公司', requestedLevel: 2, contactName: '李四', contactPhone: '13900000000' }, bodyOrgId: f.w.body1 } }) },
  { route: 'GET /api/assessments/:id', expect: READ, req: (f) => ({ params: A(f) }) },
  { route: 'PATCH /api/assessments/:id', expect: '.. .. .. .. +.', req: (f) => ({ params: A(f), payload: { expectedVersion: 0 } }) },
  { route: 'POST /api/assessments/:id/transitions', note: 'contest.waive', serial: true, expect: '.. .. .. .. +.', req: async (f) => ({ params: A(f), payload: { command: { type: 'contest.waive' }, expectedVersion: await f.version() } }) },
  { route: 'GET /api/assessments/:id/team/candidates', expect: '.. +. .. .. ..', req: (f) => ({ params: A(f) }) },
  { route: 'POST /api/assessments/:id/team/check', expect: '.. +. .. .. ..', req: (f) => ({ params: A(f), payload: { members: [{ userId: f.w.users.x1!, role: 'leader' }] } }) },
  { route: 'PUT /api/assessments/:id/team', expect: '.. +. .. .. ..', req: (f) => ({ params: A(f), payload: { members: [1, 2, 3, 4, 5, 6, 7].map((i) => ({ userId: f.w.users[`x${i}`]!, role: i === 1 ? 'leader' : 'member' })), expectedVersion: 0 } }) },
  { route: 'GET /api/assessments/:id/plans', expect: READ, req: (f) => ({ params: A(f) }) },
  { route: 'PUT /api/assessments/:id/plans/:kind', expect: '.. .. +. .. ..', req: (f) => ({ params: { ...A(f), kind: 'pre' }, payload: plan([f.w.users.x1!]) }) },
  { route: 'GET /api/assessments/:id/meetings', expect: READ, req: (f) => ({ params: A(f) }) },
  { route: 'PUT /api/assessments/:id/meetings/:kind', expect: '.. .. +. .. ..', req: (f) => ({ params: { ...A(f), kind: 'first' }, payload: meeting }) },
  { route: 'GET /api/assessments/:id/report-draft', expect: READ, req: (f) => ({ params: A(f) }) },
  { route: 'PUT /api/assessments/:id/report-draft', expect: '.. .. +. +. ..', req: (f) => ({ params: A(f), payload: { sections, expectedVersion: 999 } }) },
  { route: 'GET /api/assessments/:id/result', expect: READ, req: (f) => ({ params: A(f) }) },
  { route: 'GET /api/assessments/:id/result', note: 'source=self', expect: '.. .. .. .. +.', req: (f) => ({ params: A(f), query: 'source=self' }) },
  { route: 'GET /api/assessments/:id/report', expect: READ, req: (f) => ({ params: A(f), query: 'format=json' }) },
  { route: 'POST /api/assessments/:id/report/renders', expect: READ, req: (f) => ({ params: A(f), payload: { format: 'docx' } }) },
  { route: 'GET /api/assessments/:id/report/renders/:renderId', expect: READ, req: async (f, who) => ({ params: { ...A(f), renderId: await f.renderOf(who) } }) },
  { route: 'GET /api/assessments/:id/report/renders/:renderId/file', note: 'done, or 409 while rendering', expect: READ, req: async (f, who) => ({ params: { ...A(f), renderId: await f.renderOf(who) } }) },
  { route: 'GET /api/assessments/:id/report/renders/:renderId/pages/:page', note: 'a docx render: 409, no preview pages', expect: READ, req: async (f, who) => ({ params: { ...A(f), renderId: await f.renderOf(who), page: '1' } }) },
  { route: 'GET /api/assessments/:id/certificate', expect: READ, req: (f) => ({ params: A(f) }) },
  { route: 'GET /api/assessments/:id/comparison', expect: READ, req: (f) => ({ params: A(f) }) },
  { route: 'GET /api/assessments/:id/benchmark', expect: READ, req: (f) => ({ params: A(f) }) },
  { route: 'GET /api/assessments/:id/what-if', expect: READ, req: (f) => ({ params: A(f), query: `modelId=${MODEL}` }) },
  { route: 'POST /api/assessments/:id/reassessment', expect: '.. .. .. .. +.', req: (f) => ({ params: A(f), payload: { eligibility: ELIGIBLE } }) },
  { route: 'POST /api/assessments/:id/carried-over/confirm', expect: '.. .. .. .. +.', req: (f) => ({ params: A(f), payload: { expectedVersion: 0 } }) },
  { route: 'GET /api/assessments/:id/audit', expect: '.. +. +. .. ..', req: (f) => ({ params: A(f), query: 'limit=5' }) },
  { route: 'GET /api/assessments/:id/audit', note: 'filtered by record type, action and actor', expect: '.. +. +. .. ..', req: (f) => ({ params: A(f), query: `entity=expert_score&actorId=${f.w.users.x2}&afterSeq=1&limit=5` }) },
  // --- self-assessment, scores, consensus ---------------------------------------------------------------------------
  { route: 'GET /api/assessments/:id/self-scores', expect: '.. .. .. .. +.', req: (f) => ({ params: A(f) }) },
  { route: 'GET /api/assessments/:id/self-scores/submitted', expect: READ, req: (f) => ({ params: A(f) }) },
  { route: 'PUT /api/assessments/:id/self-scores/:requirementId', expect: '.. .. .. .. +.', req: (f) => ({ params: { ...A(f), requirementId: f.rids[6]! }, payload: { value: '0.5', note: '自评', expectedVersion: 99 } }) },
  { route: 'DELETE /api/assessments/:id/self-scores/:requirementId', expect: '.. .. .. .. +.', req: (f) => ({ params: { ...A(f), requirementId: f.rids[5]! }, query: 'expectedVersion=99' }) },
  { route: 'GET /api/assessments/:id/scores/mine', expect: '.. .. +. +. ..', req: (f) => ({ params: A(f) }) },
  { route: 'PUT /api/assessments/:id/scores/mine/:requirementId', expect: '.. .. +. +. ..', req: (f) => ({ params: { ...A(f), requirementId: f.rids[0]! }, payload: { value: '1', note: '依据', expectedVersion: 1 } }) },
  { route: 'PUT /api/assessments/:id/scores/mine', expect: '.. .. +. +. ..', req: (f) => ({ params: A(f), payload: { writes: [{ requirementId: f.rids[0]!, value: '1', note: '依据', expectedVersion: 1 }] } }) },
  { route: 'GET /api/assessments/:id/consensus', expect: '.. +. +. +. ..', req: (f) => ({ params: A(f) }) },
  { route: 'PUT /api/assessments/:id/consensus/:requirementId', expect: '.. .. +. .. ..', req: (f) => ({ params: { ...A(f), requirementId: f.rids[0]! }, payload: { value: '1', rationale: '合议', expectedVersion: 1 } }) },
  { route: 'PUT /api/assessments/:id/consensus', expect: '.. .. +. .. ..', req: (f) => ({ params: A(f), payload: { items: [{ requirementId: f.rids[0]!, value: '1', rationale: '合议', expectedVersion: 1 }] } }) },
  // --- evidence, contests -------------------------------------------------------------------------------------------
  { route: 'GET /api/assessments/:id/evidence', expect: READ, req: (f) => ({ params: A(f) }) },
  { route: 'GET /api/assessments/:id/evidence', note: 'filtered (requirement, kind, review state), sorted, a later page', expect: READ, req: (f) => ({ params: A(f), query: `requirementId=${encodeURIComponent(f.rids[0]!)}&kind=submitted&review=unreviewed&sort=requirement&order=desc&limit=2&offset=1` }) },
  { route: 'POST /api/assessments/:id/evidence', note: 'kind=submitted', expect: '.. .. .. .. +.', req: (f) => { const m = multipart({ requirementId: f.rids[0]!, kind: 'submitted', note: '补充材料' }, { name: '补充.txt', content: 'x' }); return { params: A(f), payload: m.payload, headers: m.headers }; } },
  { route: 'POST /api/assessments/:id/evidence', note: 'kind=collected', expect: '.. .. +. +. ..', req: (f) => { const m = multipart({ requirementId: f.rids[0]!, kind: 'collected', method: 'interview', note: '座谈' }); return { params: A(f), payload: m.payload, headers: m.headers }; } },
  { route: 'DELETE /api/assessments/:id/evidence/:evidenceId', expect: '.. .. .. .. +.', req: (f) => ({ params: { ...A(f), evidenceId: f.evidenceId } }) },
  { route: 'GET /api/assessments/:id/evidence/:evidenceId/file', expect: READ, req: (f) => ({ params: { ...A(f), evidenceId: f.evidenceId } }) },
  { route: 'GET /api/assessments/:id/contests', expect: READ, req: (f) => ({ params: A(f) }) },
  { route: 'GET /api/assessments/:id/contests', note: 'filtered by state and requirement, paged', expect: READ, req: (f) => ({ params: A(f), query: `state=open&requirementId=${encodeURIComponent(f.rids[3]!)}&order=desc&limit=1` }) },
  { route: 'POST /api/assessments/:id/contests', expect: '.. .. .. .. +.', req: (f) => ({ params: A(f), payload: { requirementId: f.rids[4]!, claim: '已上线', requestedValue: '1', evidence: [{ note: '说明' }], expectedVersion: 0 } }) },
  { route: 'POST /api/assessments/:id/contests/:contestId/answer', expect: '.. .. +. .. ..', req: (f) => ({ params: { ...A(f), contestId: f.contestId }, payload: { decision: 'rejected', reason: '证据不足', expectedVersion: 0 } }) },
  // --- section 4 records: evidence review and requests, briefing, findings, readiness, resubmission -------------
  { route: 'GET /api/assessments/:id/evidence-review', expect: READ, req: (f) => ({ params: A(f) }) },
  { route: 'PUT /api/assessments/:id/evidence/:evidenceId/review', expect: '.. .. +. +. ..', req: (f) => ({ params: { ...A(f), evidenceId: f.evidenceId }, payload: { outcome: 'needs_more', reason: '缺少运行记录' } }) },
  { route: 'POST /api/assessments/:id/evidence-requests', expect: '.. .. +. +. ..', req: (f) => ({ params: A(f), payload: { requirementIds: [f.rids[0]!], message: '请补充运行记录', dueDate: '2099-01-01' } }) },
  { route: 'POST /api/assessments/:id/evidence-requests/:requestId/answer', expect: '.. .. .. .. +.', req: (f) => ({ params: { ...A(f), requestId: 'rq-none' }, payload: { note: '已补充', evidenceIds: [] } }) },
  { route: 'PUT /api/assessments/:id/briefing', expect: '.. .. +. .. ..', req: (f) => ({ params: A(f), payload: { heldOn: TODAY, attendees: [], content: '培训', excused: [], expectedVersion: 0 } }) },
  { route: 'PUT /api/assessments/:id/group-reviews/:requirementId', expect: '.. .. +. .. ..', req: (f) => ({ params: { ...A(f), requirementId: f.rids[0]! }, payload: { outcome: '组内评审结论', participants: ['x1', 'x2'] } }) },
  { route: 'PUT /api/assessments/:id/group-reviews', expect: '.. .. +. .. ..', req: (f) => ({ params: A(f), payload: { items: [{ requirementId: f.rids[0]!, outcome: '组内评审结论', participants: ['x1', 'x2'] }] } }) },
  { route: 'GET /api/assessments/:id/findings', expect: READ, req: (f) => ({ params: A(f) }) },
  { route: 'POST /api/assessments/:id/findings', expect: '.. .. +. +. ..', req: (f) => ({ params: A(f), payload: { kind: 'formal', requirementIds: [f.rids[0]!], evidenceIds: [], text: '发现', severity: 'minor' } }) },
  { route: 'PATCH /api/assessments/:id/findings/:findingId', expect: '.. .. +. +. ..', req: (f) => ({ params: { ...A(f), findingId: 'f-none' }, payload: { status: 'closed', expectedVersion: 1 } }) },
  { route: 'POST /api/assessments/:id/findings/:findingId/rectification', expect: '.. .. .. .. +.', req: (f) => ({ params: { ...A(f), findingId: 'f-none' }, payload: { text: '已整改', evidenceIds: [] } }) },
  { route: 'GET /api/assessments/:id/readiness', expect: READ, req: (f) => ({ params: A(f) }) },
  { route: 'POST /api/assessments/:id/resubmission', expect: '.. .. .. .. +.', req: (f) => ({ params: A(f) }) },
];

const ACCESS_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'CSRF', 'NOT_FOUND']);

function errorCode(
  method: string,
  res: { headers: Record<string, unknown>; body: string },
): string | undefined {
  if (method === 'HEAD' || !String(res.headers['content-type'] ?? '').includes('json')) return undefined;
  try {
    return (JSON.parse(res.body) as { error?: { code?: string } })?.error?.code;
  } catch {
    return undefined;
  }
}

function cells(expect: string): boolean[] {
  const c = expect.replace(/\s+/g, '');
  if (!/^[+.]{10}$/.test(c)) throw new Error(`bad expectation ${expect}`);
  return [...c].map((x) => x === '+');
}

function urlOf(route: string, r: Req): { method: string; url: string } {
  const [method, pattern] = route.split(' ') as [string, string];
  const path = pattern.replace(/:(\w+)|\*/g, (m, name: string | undefined) => {
    const v = r.params?.[name ?? '*'];
    if (v === undefined) throw new Error(`${route}: no value for ${m}`);
    return name ? encodeURIComponent(v) : v;
  });
  return { method, url: r.query ? `${path}?${r.query}` : path };
}

async function prepare(w: World, t: Parameters<typeof driveTo>[2]): Promise<Fixture> {
  // resetme: an expert of body1 whose password the user managers reset.
  w.users.resetme = (
    await createUser(
      t!.db,
      { userId: null, label: 'test' },
      {
        email: email('resetme'),
        displayName: 'resetme',
        organisationId: w.body1,
        roles: ['expert'],
      },
    )
  ).id;
  // x9: an expert of body1 on no team.
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
  const d = await driveTo(w, 'communication', t);
  const clients = { ...d.clients } as Record<string, Client>;
  for (const k of ['platform', 'body2admin', 'x8', 'x9', 'ent2user']) clients[k] = await login(w, k);
  // B: led by x8 (so x8 is a team leader, of another assessment).
  const specB = {
    modelId: MODEL,
    industry: 'mining' as const,
    bodyOrgId: w.body1,
    enterprise: clients.ent1user!,
    bodyAdmin: clients.body1admin!,
    experts: ['x8', 'x1', 'x3', 'x4', 'x5', 'x6', 'x7'].map((k) => clients[k]!),
    score: () => '1' as const,
  };
  const b = await createAssessment(specB);
  await advance(specB, b, 'application', 'planning');
  const ent = clients.ent1user!;
  const evidenceId = (await ent.json('GET', `/api/assessments/${d.id}/evidence`)).items.find(
    (e: { url?: string }) => e.url,
  ).id as string;
  await ent.json('PUT', `/api/assessments/${d.id}/self-scores/${encodeURIComponent(d.requirementIds[5]!)}`, {
    value: '1',
    note: '自评',
    expectedVersion: 0,
  });
  const contest = await ent.json('POST', `/api/assessments/${d.id}/contests`, {
    requirementId: d.requirementIds[3]!,
    claim: '已上线MES系统',
    evidence: [{ note: '系统截图说明' }],
    expectedVersion: (await ent.json('GET', `/api/assessments/${d.id}`)).version,
  });
  await t!.db
    .insertInto('certificates')
    .values({
      id: `cert-${d.id}`,
      number: 'DTMA-ZS-2099-000001',
      code: CODE,
      assessment_id: d.id,
      seal_hash: '0'.repeat(64),
      content: JSON.stringify({
        number: 'DTMA-ZS-2099-000001',
        enterprise: '甲铜业',
        industry: 'mining',
        level: 1,
        conclusion: '一级 规范级',
        total: '1.20',
        modelId: MODEL,
        modelTitle: '有色金属行业 数字化转型成熟度模型及评估方法',
        body: '评估机构一',
        issuedOn: '2099-01-01',
        validUntil: '2101-12-31',
      }),
      issued_at: new Date().toISOString(),
      withdrawn_at: null,
      withdrawn_reason: null,
    })
    .execute();
  const leader = clients.x1!;
  const renders = new Map<UserKey, Promise<string>>();
  const renderOf = (who: UserKey): Promise<string> => {
    let r = renders.get(who);
    if (!r) {
      r = clients[who]!.req('POST', `/api/assessments/${d.id}/report/renders`, { format: 'docx' }).then(
        (res) => (res.statusCode === 201 ? (res.json().id as string) : renderOf('ent1user')),
      );
      renders.set(who, r);
    }
    return r;
  };
  return {
    renderOf,
    w,
    a: d.id,
    rids: d.requirementIds,
    evidenceId,
    contestId: contest.id,
    notificationId: (await ent.json('GET', '/api/notifications?limit=1')).items[0].id as string,
    clients: clients as Record<UserKey, Client>,
    version: async () => (await leader.json('GET', `/api/assessments/${d.id}`)).version,
  };
}

forEachDialect('access (route × role × tenant)', (t) => {
  it('every /api route is in the table, and every cell holds', { timeout: 300_000 }, async () => {
    const w = await makeWorld(t());
    try {
      // 1. Coverage: the table names exactly the app's routes (HEAD routes ride on their GET case).
      const registered = new Set(w.app.apiRoutes.map((r) => `${r.method} ${r.url}`));
      const tabled = new Set(CASES.map((c) => c.route));
      const missing = [...registered].filter(
        (r) => !tabled.has(r) && !(r.startsWith('HEAD ') && tabled.has(r.replace(/^HEAD /, 'GET '))),
      );
      expect(missing, 'routes without a row in the expectation table').toEqual([]);
      expect(
        [...tabled].filter((r) => !registered.has(r)),
        'rows for routes that do not exist',
      ).toEqual([]);

      // 2. Every case × column (and HEAD for every GET).
      const f = await prepare(w, t());
      const readRow = cells(CASES.find((c) => c.route === 'GET /api/assessments/:id')!.expect);
      const failures: string[] = [];
      let requests = 0;
      for (const c of CASES) {
        const allowed = cells(c.expect);
        const access = w.app.apiRoutes.find((r) => `${r.method} ${r.url}` === c.route)!.access;
        const methods = c.route.startsWith('GET ') ? ['GET', 'HEAD'] : [c.route.split(' ')[0]!];
        const column = async (i: number) => {
          const [role, tenant, who] = COLUMNS[i]!;
          for (const m of methods) {
            const r = await c.req(f, who);
            const { url } = urlOf(c.route, r);
            let client = f.clients[who];
            if (r.fresh) client = await login(w, who);
            const res = r.anonymous
              ? await w.app.inject({
                  method: m as 'GET',
                  url,
                  ...(r.payload === undefined ? {} : { payload: r.payload as object }),
                })
              : await client.req(m, url, r.payload, r.headers);
            requests++;
            const code = errorCode(m, res);
            const label = `${m} ${c.route.split(' ')[1]}${c.note ? ` (${c.note})` : ''} — ${role}/${tenant} (${who})`;
            if (res.statusCode >= 500) {
              failures.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
              continue;
            }
            const denied =
              res.statusCode === 401 ||
              res.statusCode === 403 ||
              (res.statusCode === 404 && (m === 'HEAD' || code === 'NOT_FOUND'));
            if (allowed[i] && denied) {
              failures.push(`${label}: expected allowed, got ${res.statusCode} ${res.body.slice(0, 160)}`);
            } else if (allowed[i] && code && ACCESS_CODES.has(code)) {
              failures.push(`${label}: expected allowed, got access code ${code}`);
            } else if (!allowed[i]) {
              // Consistency of the denial: hide existence from those who cannot read it.
              const hide = access.kind === 'assessment' ? !readRow[i] : !!c.hides;
              const want = hide ? [404, 'NOT_FOUND'] : [403, 'FORBIDDEN'];
              if (res.statusCode !== want[0] || (code !== undefined && code !== want[1]))
                failures.push(
                  `${label}: expected denied with ${want.join(' ')}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
                );
            }
            // The listing is filtered per tenant: A is in it exactly for those who may read A.
            if (c.route === 'GET /api/assessments' && !c.note && m === 'GET' && res.statusCode === 200) {
              const listed = (res.json() as { items: { id: string }[] }).items.some((x) => x.id === f.a);
              if (listed !== readRow[i]) failures.push(`${label}: listing shows A = ${listed}`);
            }
            // So is the export (its rows as the list's for every filter: assessment-export.test.ts).
            if (c.route === 'GET /api/assessments/export' && !c.note && m === 'GET') {
              const exported = res.statusCode === 200 && zipText(res.rawPayload).includes(f.a);
              if (exported !== readRow[i]) failures.push(`${label}: export shows A = ${exported}`);
            }
          }
        };
        // Columns run concurrently, except where an allowed request changes what the others see.
        if (c.serial) for (let i = 0; i < COLUMNS.length; i++) await column(i);
        else await Promise.all(COLUMNS.map((_, i) => column(i)));
      }
      expect(failures).toEqual([]);
      expect(requests).toBeGreaterThan(CASES.length * COLUMNS.length);
    } finally {
      await w.app.close();
    }
  });
});
