/**
 * Issue 13 end to end: `dtma serve` (the compiled build, demo data) with DTMA_SMTP_URL pointing at an SMTP server
 * started by the test. A stage hand-over made through the API (the leader writes the plan the enterprise must
 * confirm) is e-mailed to the enterprise's user, and after a restart the deadline reminder ("due in N days", the
 * plan's start date) is e-mailed once — both read back from the test's SMTP server. Ports: 4300–4399.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { startTestSmtp, type TestSmtp } from '../src/testing/smtp.js';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server.js';

let smtp: TestSmtp;
let server: RunningServer;

beforeAll(async () => {
  smtp = await startTestSmtp();
  const port = smtp.port === 4399 ? 4398 : smtp.port + 1;
  server = await startServer(port, {
    DTMA_SMTP_URL: smtp.url,
    DTMA_MAIL_FROM: '数字化转型评估平台 <noreply@dtma.test>',
    DTMA_PUBLIC_URL: 'https://dtma.example.org',
  });
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

interface Session {
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

async function login(username: string): Promise<Session> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status, `login ${username}`).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    async call(method, path, body) {
      const r = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: r.status, body: (await r.json()) as never };
    },
  };
}

const to = (m: ParsedMail) => JSON.stringify(m.to ?? '');

describe('issue 13 notifications and deadlines through dtma serve and SMTP', () => {
  it(
    'the plan to confirm, then its reminder, reach the enterprise by e-mail (each once)',
    { timeout: 300_000 },
    async () => {
      const body = await login('body@dtma.demo');
      const list = (
        await body.call<{ items: { id: string; stage: string }[] }>('GET', '/api/assessments?limit=100')
      ).body.items;
      const planning = list.find((a) => a.stage === 'planning');
      expect(planning, 'the demo has an assessment in planning').toBeDefined();
      const id = planning!.id;
      const view = (
        await body.call<{
          team: { members: { expert: { userId: string }; role: string }[] };
          plans?: { pre?: { version: number } };
        }>('GET', `/api/assessments/${id}`)
      ).body;
      const members = view.team.members;
      const leaderId = members.find((m) => m.role === 'leader')!.expert.userId;

      // The leader (one of the demo experts) writes the pre-assessment plan starting tomorrow (China time).
      const start = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
      let leader: Session | undefined;
      for (let i = 1; i <= 8 && !leader; i++) {
        const expert = await login(`expert${i}@dtma.demo`);
        if ((await expert.call<{ user: { id: string } }>('GET', '/api/me')).body.user.id === leaderId)
          leader = expert;
      }
      expect(leader, 'a demo expert leads the assessment in planning').toBeDefined();
      const r = await leader!.call('PUT', `/api/assessments/${id}/plans/pre`, {
        purpose: '现场预评估：核实企业数字化转型基础条件',
        scope: '生产经营全过程',
        tasks: ['人员座谈', '信息系统演示'],
        methods: ['interview', 'system_demo'],
        startDate: start,
        endDate: start,
        people: members.map((m) => m.expert.userId),
        schedule: [{ date: start, activity: '首次会议' }],
        expectedVersion: view.plans?.pre?.version ?? 0,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);

      const stageMail = await smtp.waitForMail((m) => m.subject === '【评估平台】评估计划待确认');
      expect(stageMail.text).toMatch(
        /评估组已为.+编制评估计划，请在\d{4}年\d{1,2}月\d{1,2}日前确认（当前阶段：编制评估计划）/,
      );
      expect(stageMail.text).toContain(`https://dtma.example.org/#/a/${id}/plans`);
      const enterprise = to(stageMail);

      // A restart catches up on the deadline reminders: the plan starts tomorrow → "还有1天".
      await server.pause();
      await server.resume();
      const reminder = await smtp.waitForMail((m) => /评估计划确认还有\d天截止/.test(m.subject ?? ''));
      expect(to(reminder)).toBe(enterprise);
      expect(reminder.text).toMatch(/的评估计划确认将于\d{4}年\d{1,2}月\d{1,2}日截止/);
      // Once: another restart sends no second reminder.
      await server.pause();
      await server.resume();
      await new Promise((r) => setTimeout(r, 3000));
      expect(
        smtp.messages.filter((m) => m.subject === reminder.subject && to(m) === enterprise),
      ).toHaveLength(1);
      expect(
        smtp.messages.filter((m) => m.subject === stageMail.subject && to(m) === enterprise),
      ).toHaveLength(1);
    },
  );
});
