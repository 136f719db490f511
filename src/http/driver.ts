/**
 * Drives an assessment through the process via the HTTP API (in-process `inject`): used by the tests and by
 * `dtma seed-demo`. Every step is a real route call; a non-2xx answer throws.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DISCIPLINES, MAIN_PATH, REPORT_SECTIONS, type ScoreValue, type Stage } from '../process/types.js';

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
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of the API
  json<T = any>(method: string, url: string, payload?: unknown): Promise<T>;
}

/**
 * Every item of a paged list (`{ items, nextCursor? }`): the pages of `url` one after the other, each next one
 * asked for with `nextCursor` as the `cursor` parameter (`offset`, or `afterSeq` for the audit log).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of the API
export async function allItems<T = any>(
  c: Client,
  url: string,
  cursor: 'offset' | 'afterSeq' = 'offset',
): Promise<T[]> {
  const out: T[] = [];
  const sep = url.includes('?') ? '&' : '?';
  for (let next: string | undefined, pages = 0; ; pages++) {
    if (pages > 10_000) throw new Error(`${url}: no end of pages`);
    const page = await c.json<{ items: T[]; nextCursor?: string }>(
      'GET',
      next === undefined ? url : `${url}${sep}${cursor}=${encodeURIComponent(next)}`,
    );
    if (!Array.isArray(page.items))
      throw new Error(`${url}: not a page: ${JSON.stringify(page).slice(0, 200)}`);
    out.push(...page.items);
    if (page.nextCursor === undefined) return out;
    next = page.nextCursor;
  }
}

export async function loginAs(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'dtma_session')!;
  const body = res.json() as { csrfToken: string; user: { id: string } };
  const client: Client = {
    userId: body.user.id,
    csrf: body.csrfToken,
    cookie: `dtma_session=${cookie.value}`,
    req: (method, url, payload, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, ...headers },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
    async json(method, url, payload) {
      const r = await client.req(method, url, payload);
      if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
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

/** multipart/form-data body for inject. */
export function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer | string }) {
  const boundary = '----dtma' + Math.random().toString(16).slice(2);
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

export interface DriveSpec {
  modelId: string;
  industry: 'mining' | 'smelting' | 'processing';
  bodyOrgId: string;
  enterprise: Client;
  bodyAdmin: Client;
  /** The team, leader first (7 experts). */
  experts: Client[];
  /** Expert i's score of requirement j. */
  score: (expert: number, requirementId: string, index: number) => ScoreValue;
  /** Fills the experts' sheets (all but the first, which writes through the API) faster than the API. */
  bulkScores?: (assessmentId: string, expertId: string, scores: Record<string, ScoreValue>) => Promise<void>;
  form?: { scope: string; requestedLevel: number | null; contactName: string; contactPhone: string };
}

export interface Drive {
  id: string;
  requirementIds: string[];
  transition(who: Client, command: Record<string, unknown>): Promise<LightMyRequestResponse>;
}

const FORM = { scope: '全公司', requestedLevel: 3, contactName: '张三', contactPhone: '13800000000' };

export async function createAssessment(s: DriveSpec): Promise<Drive> {
  const created = await s.enterprise.json('POST', '/api/assessments', {
    modelId: s.modelId,
    industry: s.industry,
    eligibility: ELIGIBLE,
    form: s.form ?? FORM,
    bodyOrgId: s.bodyOrgId,
  });
  const id = created.id as string;
  return {
    id,
    requirementIds: created.requirementIds as string[],
    async transition(who, command) {
      const cur = (await who.json('GET', `/api/assessments/${id}`)).version;
      return who.req('POST', `/api/assessments/${id}/transitions`, { command, expectedVersion: cur });
    },
  };
}

/** Moves `d` from `from` (its current stage) up to `target`. */
export async function advance(s: DriveSpec, d: Drive, from: Stage, target: Stage): Promise<void> {
  const { id, requirementIds } = d;
  const leader = s.experts[0]!;
  const order = MAIN_PATH;
  const step = async (who: Client, command: Record<string, unknown>) => {
    const r = await d.transition(who, command);
    if (r.statusCode !== 200) throw new Error(`${String(command.type)}: ${r.statusCode} ${r.body}`);
  };
  const today = new Date().toISOString().slice(0, 10);
  for (let i = order.indexOf(from); i < order.indexOf(target); i++) {
    switch (order[i]) {
      case 'application': {
        const up = multipart(
          { requirementId: requirementIds[0]!, kind: 'submitted', note: '数字化转型规划及年度实施方案' },
          { name: '数字化转型规划.txt', content: '数字化转型中长期规划（示例）\n' },
        );
        const r = await s.enterprise.req('POST', `/api/assessments/${id}/evidence`, up.payload, up.headers);
        if (r.statusCode !== 201) throw new Error(`evidence: ${r.body}`);
        // 4.2.1 / 4.4: the three required documents, and evidence for every requirement claimed.
        for (const [kind, name] of [
          ['mid_long_term_plan', '数字化转型中长期规划'],
          ['annual_goals', '年度目标'],
          ['implementation_plan', '实施方案'],
        ] as const) {
          const att = multipart(
            { requirementId: requirementIds[0]!, kind: 'submitted', note: name, attachmentKind: kind },
            { name: `${name}.txt`, content: `${name}\n` },
          );
          const ra = await s.enterprise.req(
            'POST',
            `/api/assessments/${id}/evidence`,
            att.payload,
            att.headers,
          );
          if (ra.statusCode !== 201) throw new Error(`attachment: ${ra.body}`);
        }
        const ready = await s.enterprise.json('GET', `/api/assessments/${id}/readiness`);
        for (const rid of ready.requirementsWithoutEvidence as string[]) {
          const ev = multipart({ requirementId: rid, kind: 'submitted', note: '自评估佐证材料' });
          const rc = await s.enterprise.req(
            'POST',
            `/api/assessments/${id}/evidence`,
            ev.payload,
            ev.headers,
          );
          if (rc.statusCode !== 201) throw new Error(`claimed evidence: ${rc.body}`);
        }
        await step(s.enterprise, { type: 'application.submit' });
        break;
      }
      case 'submitted':
        await step(s.bodyAdmin, { type: 'application.accept' });
        break;
      case 'team_formation': {
        const v = (await s.bodyAdmin.json('GET', `/api/assessments/${id}`)).version;
        const members = s.experts.map((c, j) => ({ userId: c.userId, role: j === 0 ? 'leader' : 'member' }));
        await s.bodyAdmin.json('PUT', `/api/assessments/${id}/team`, { members, expectedVersion: v });
        break;
      }
      case 'planning': {
        const people = s.experts.map((c) => c.userId);
        for (const kind of ['pre', 'formal'] as const) {
          const plan = await leader.json('PUT', `/api/assessments/${id}/plans/${kind}`, {
            purpose: kind === 'pre' ? '现场预评估' : '正式评估',
            scope: '生产经营全过程',
            tasks: ['人员座谈', '实地调查', '信息系统演示'],
            methods: ['interview', 'site_visit', 'system_demo'],
            startDate: today,
            endDate: today,
            people,
            schedule: [{ date: today, activity: '首次会议、现场评估' }],
            expectedVersion: 0,
          });
          await step(s.enterprise, { type: 'plan.confirm', kind, version: plan.version });
        }
        await leader.json('PUT', `/api/assessments/${id}/meetings/first`, {
          heldAt: new Date().toISOString(),
          minutes: '首次会议：明确评估目的、方法和日程，介绍评估组成员。',
          planAgreed: true,
          attendees: [
            { name: '评估组长', userId: leader.userId, side: 'team' },
            { name: '企业联系人', side: 'enterprise' },
          ],
          topics: ['purpose', 'methods', 'schedule', 'team_introduction'],
        });
        break;
      }
      case 'evidence_collection': {
        const col = multipart({
          requirementId: requirementIds[1]!,
          kind: 'collected',
          method: 'interview',
          note: '与信息化部门座谈记录',
        });
        const r = await s.experts[1]!.req(
          'POST',
          `/api/assessments/${id}/evidence`,
          col.payload,
          col.headers,
        );
        if (r.statusCode !== 201) throw new Error(`collect: ${r.body}`);
        // 4.5.2: the leader briefs the whole team before formal scoring.
        const v = (await leader.json('GET', `/api/assessments/${id}`)).version;
        const rb = await leader.req('PUT', `/api/assessments/${id}/briefing`, {
          heldOn: today,
          attendees: s.experts.map((c) => c.userId),
          content: '讲解评估标准、打分规则和现场纪律',
          excused: [],
          expectedVersion: v,
        });
        if (rb.statusCode !== 200) throw new Error(`briefing: ${rb.body}`);
        await step(leader, { type: 'scoring.open' });
        break;
      }
      case 'scoring': {
        for (const [n, c] of s.experts.entries()) {
          if (n > 0 && s.bulkScores) {
            await s.bulkScores(
              id,
              c.userId,
              Object.fromEntries(requirementIds.map((rid, j) => [rid, s.score(n, rid, j)])),
            );
          } else {
            const writes = requirementIds.map((rid, j) => ({
              requirementId: rid,
              value: s.score(n, rid, j),
              note: '依据现场证据',
              expectedVersion: 0,
            }));
            await c.json('PUT', `/api/assessments/${id}/scores/mine`, { writes });
          }
          await step(c, { type: 'score.submit' });
        }
        await step(leader, { type: 'consensus.open' });
        break;
      }
      case 'consensus': {
        const view = await leader.json('GET', `/api/assessments/${id}/consensus`);
        // 4.6.3: requirements whose grades spread widely are reviewed by the group before the team score.
        const experts = (view.experts as { userId: string }[]).map((e) => e.userId);
        const reviews = (
          view.items as { requirementId: string; needsGroupReview: boolean; groupReview: unknown }[]
        )
          .filter((it) => it.needsGroupReview && !it.groupReview)
          .map((it) => ({
            requirementId: it.requirementId,
            outcome: '组内评审：复核现场证据后按多数意见确定',
            participants: experts,
          }));
        if (reviews.length > 0)
          await leader.json('PUT', `/api/assessments/${id}/group-reviews`, { items: reviews });
        const items = (view.items as { requirementId: string; mode: string | null; max?: string }[]).map(
          (it) => ({
            requirementId: it.requirementId,
            value: it.mode ?? it.max ?? '0',
            rationale: '评估组合议',
            expectedVersion: 0,
          }),
        );
        await leader.json('PUT', `/api/assessments/${id}/consensus`, { items });
        await step(leader, { type: 'result.freeze' });
        break;
      }
      case 'result_frozen': {
        const sections = Object.fromEntries(REPORT_SECTIONS.map((sec) => [sec, `${sec}：见评估组意见。`]));
        await leader.json('PUT', `/api/assessments/${id}/report-draft`, { sections, expectedVersion: 0 });
        break;
      }
      case 'report_draft':
        await step(leader, { type: 'communication.open' });
        break;
      case 'communication':
        await step(s.enterprise, { type: 'contest.waive' });
        await leader.json('PUT', `/api/assessments/${id}/meetings/final`, {
          heldAt: new Date().toISOString(),
          minutes: '末次会议：通报评估结果、优秀经验与短板不足。',
          attendees: [
            { name: '评估组长', userId: leader.userId, side: 'team' },
            { name: '企业联系人', side: 'enterprise' },
          ],
          topics: ['summary', 'results', 'strengths', 'weaknesses'],
        });
        break;
      case 'final_meeting':
        await step(leader, { type: 'publish' });
        break;
      default:
        throw new Error(`cannot advance from ${String(order[i])}`);
    }
  }
}

export { DISCIPLINES };
