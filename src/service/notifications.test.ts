/** Issue 13: notifications of the stage hand-overs, the notification centre API, visibility, and their e-mail. */
import { describe, expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { eventually, testJobQueue } from '../testing/jobs.js';
import { driveTo, login, makeWorld, type Client, type World } from '../testing/http-world.js';
import { startTestSmtp } from '../testing/smtp.js';
import type { NotificationItem, NotificationPage } from '../contract/notifications.js';
import { closeMailTransports } from './mail.js';
import { sendDeadlineReminders, validityChannel } from './deadlines.js';
import { sendDueReminders } from './reminders.js';

async function all(c: Client, lang = 'zh'): Promise<NotificationPage> {
  return c.json('GET', `/api/notifications?limit=100&lang=${lang}`);
}
const kinds = (p: NotificationPage) => p.items.map((i) => i.kind);

forEachDialect('issue 13 notifications and deadlines', (t) => {
  describe('hand-overs: every stage change that hands work to someone tells them', () => {
    it(
      '4.5–4.7 each party finds the notifications of its work, with links and the contest deadline',
      { timeout: 60_000 },
      async () => {
        const w = await makeWorld(t());
        try {
          const d = await driveTo(w, 'communication', t());
          const c = d.clients;
          const ent = await all(c.ent1user!);
          expect(kinds(ent)).toEqual(
            expect.arrayContaining([
              'application_accepted',
              'plan_to_confirm',
              'evidence_collection_started',
              'result_communicated',
            ]),
          );
          const communicated = ent.items.find((i) => i.kind === 'result_communicated')!;
          expect(communicated.link).toBe(`/a/${d.id}/contests`);
          expect(communicated.deadline).toMatch(/^\d{4}-\d{2}-\d{2}T/);
          expect(communicated.body).toMatch(
            /甲铜业的评估结果.*已沟通，如有异议请在\d{4}年\d{1,2}月\d{1,2}日前申请再次论证（当前阶段：沟通评估结果）/,
          );
          expect((await all(c.ent1user!, 'en')).items[0]!.title).toMatch(/[A-Za-z]/);

          const body = await all(c.body1admin!);
          expect(kinds(body)).toEqual(
            expect.arrayContaining(['application_submitted', 'result_frozen', 'result_communicated']),
          );
          expect(body.items.find((i) => i.kind === 'application_submitted')!.body).toContain('甲铜业已提交');

          const leader = await all(c.x1!);
          expect(kinds(leader)).toEqual(
            expect.arrayContaining(['team_assigned', 'plan_confirmed', 'sheets_all_submitted']),
          );
          // The leader opened scoring and consensus: nobody is told of their own act.
          expect(kinds(leader)).not.toContain('scoring_opened');
          const member = await all(c.x2!);
          expect(kinds(member)).toEqual(
            expect.arrayContaining(['team_assigned', 'scoring_opened', 'consensus_opened']),
          );
          expect(kinds(member)).not.toContain('sheets_all_submitted');

          // Other tenants: nothing.
          for (const k of ['ent2user', 'body2admin', 'x8', 'platform']) {
            const p = await all(await login(w, k));
            expect(p.items, k).toEqual([]);
            expect(p.unread).toBe(0);
          }
        } finally {
          await w.app.close();
        }
      },
    );

    it(
      'visibility: no grade, no rationale, no total, no other tenant’s name in any notification; the level only once visible',
      { timeout: 60_000 },
      async () => {
        const w = await makeWorld(t());
        try {
          const d = await driveTo(w, 'communication', t());
          for (const k of ['ent1user', 'body1admin', 'x1', 'x2']) {
            const p = await all(d.clients[k]!);
            const text = JSON.stringify(p);
            expect(text).not.toMatch(/乙铝业|评估机构二/);
            for (const item of p.items) {
              expect(Object.keys(item.params)).not.toEqual(expect.arrayContaining(['value']));
              for (const key of ['value', 'rationale', 'total', 'note', 'reason', 'newValue'])
                expect(item.params[key], `${k} ${item.kind} ${key}`).toBeUndefined();
            }
            // Before the result was communicated the enterprise's notifications carry no level.
            if (k === 'ent1user')
              for (const item of p.items.filter((i) => i.kind !== 'result_communicated'))
                expect(item.params.level, item.kind).toBeUndefined();
          }
        } finally {
          await w.app.close();
        }
      },
    );
  });

  it(
    'the notification centre: unread count, paging, mark read, mark all read; another user’s notification is 404',
    { timeout: 60_000 },
    async () => {
      const w = await makeWorld(t());
      try {
        const d = await driveTo(w, 'evidence_collection', t());
        const ent = d.clients.ent1user!;
        const first = await all(ent);
        expect(first.unread).toBe(first.total);
        expect(first.total).toBeGreaterThanOrEqual(3);
        expect(first.mail).toBe(false);
        const page = (await ent.json('GET', '/api/notifications?limit=1&offset=1')) as NotificationPage;
        expect(page.items).toHaveLength(1);
        expect(page.items[0]!.id).toBe(first.items[1]!.id);
        const read = (await ent.json(
          'POST',
          `/api/notifications/${first.items[0]!.id}/read`,
        )) as NotificationItem;
        expect(read.readAt).not.toBeNull();
        const unread = (await ent.json('GET', '/api/notifications?unread=true')) as NotificationPage;
        expect(unread.unread).toBe(first.total - 1);
        expect(unread.items.map((i) => i.id)).not.toContain(first.items[0]!.id);
        const other = await d.clients.x2!.req('POST', `/api/notifications/${first.items[1]!.id}/read`);
        expect(other.statusCode).toBe(404);
        expect((await ent.json('POST', '/api/notifications/read-all')).marked).toBe(first.total - 1);
        expect((await all(ent)).unread).toBe(0);
      } finally {
        await w.app.close();
      }
    },
  );

  it(
    'reminders: contest window "due in N days" then "overdue", each sent once',
    { timeout: 60_000 },
    async () => {
      let offset = 0;
      const w = await makeWorld(t(), { now: () => new Date(Date.now() + offset) });
      const at = (when: number) => (offset = when - Date.now());
      try {
        const d = await driveTo(w, 'communication', t());
        const ctx = w.app.services;
        const deadline = new Date(
          (await all(d.clients.ent1user!)).items.find((i) => i.kind === 'result_communicated')!.deadline!,
        );
        expect(await sendDeadlineReminders(ctx)).toEqual([]);
        at(deadline.getTime() - 2 * 86_400_000 + 60_000);
        const due = await sendDeadlineReminders(ctx);
        expect(due.map((r) => [r.kind, r.phase])).toEqual([['contest_window', 'due-3']]);
        expect(await sendDeadlineReminders(ctx)).toEqual([]);
        // The sessions of the drive expired with the clock moved: new logins.
        const reminder = (await all(await login(w, 'ent1user'))).items.find(
          (i) => i.kind === 'deadline_due',
        )!;
        expect(reminder.title).toMatch(/^再次论证申请还有\d天截止$/);
        expect(reminder.body).toMatch(/甲铜业的再次论证申请将于\d{4}年\d{1,2}月\d{1,2}日截止/);
        at(deadline.getTime() + 1000);
        expect((await sendDeadlineReminders(ctx)).map((r) => r.phase)).toEqual(['overdue']);
        expect(await sendDeadlineReminders(ctx)).toEqual([]);
        expect(kinds(await all(await login(w, 'x1')))).toContain('deadline_overdue');
        expect(kinds(await all(await login(w, 'ent1user'))).filter((k) => k === 'deadline_due')).toHaveLength(
          1,
        );
      } finally {
        await w.app.close();
      }
    },
  );

  it(
    'issue 14 validity reminders reach the enterprise and the body through the notification service',
    { timeout: 90_000 },
    async () => {
      let offset = 0;
      const w = await makeWorld(t(), { now: () => new Date(Date.now() + offset) });
      try {
        const d = await driveTo(w, 'published', t());
        expect(kinds(await all(d.clients.ent1user!))).toContain('result_published');
        // 31 months on: 90 days before the re-assessment is due (36 months of validity, due 3 months before).
        offset = 31 * 30.5 * 86_400_000;
        const ctx = w.app.services;
        const sent = await sendDueReminders(ctx, validityChannel(ctx));
        expect(sent.map((r) => r.kind)).toEqual(['due-90']);
        expect(await sendDueReminders(ctx, validityChannel(ctx))).toEqual([]);
        for (const k of ['ent1user', 'body1admin']) {
          const item = (await all(await login(w, k))).items.find((i) => i.kind === 'validity_due')!;
          expect(item.title, k).toBe('评估结果即将到期，请安排复评');
          expect(item.body).toMatch(
            /^甲铜业的评估结果有效期至\d{4}年\d{1,2}月\d{1,2}日，复评应于\d{4}年\d{1,2}月\d{1,2}日前开展。$/,
          );
        }
        expect((await all(await login(w, 'ent2user'))).items).toEqual([]);
      } finally {
        await w.app.close();
      }
    },
  );

  it(
    'e-mail: one message per notification, after the commit, through a real SMTP server, read back in the user’s language',
    { timeout: 90_000 },
    async () => {
      const smtp = await startTestSmtp();
      const jobs = await testJobQueue(t());
      const w: World = await makeWorld(
        t(),
        {
          mail: {
            url: smtp.url,
            from: '评估平台 <noreply@dtma.test>',
            publicUrl: 'https://dtma.example.org',
          },
        },
        { jobs },
      );
      try {
        const { startJobs } = await import('./jobs.js');
        await startJobs(w.app.services);
        const x2 = await login(w, 'x2');
        expect((await x2.json('PUT', '/api/notifications/settings', { language: 'en' })).language).toBe('en');
        const d = await driveTo(w, 'planning', t());
        const sent = await eventually('all notification e-mails sent', async () => {
          const rows = await t()
            .db.selectFrom('notifications')
            .select(['id', 'mail_status', 'recipient_id'])
            .execute();
          return rows.length > 0 && rows.every((r) => r.mail_status === 'sent') && rows;
        });
        const messages = await smtp.waitFor(sent.length);
        await new Promise((r) => setTimeout(r, 500));
        expect(smtp.messages).toHaveLength(sent.length); // exactly once each
        const ids = new Set(smtp.messages.map((m) => m.headers.get('x-dtma-notification')));
        expect(ids.size).toBe(sent.length);
        const toEnt = messages.find((m) => m.to && JSON.stringify(m.to).includes('ent1user@test.dtma'))!;
        expect(toEnt.subject).toBe('【评估平台】评估申请已受理');
        expect(toEnt.text).toContain('评估机构一已受理甲铜业的评估申请');
        expect(toEnt.text).toContain(`https://dtma.example.org/#/a/${d.id}`);
        const toX2 = messages.find((m) => JSON.stringify(m.to).includes('x2@test.dtma'))!;
        expect(toX2.subject).toBe('[DTMA] You are on the team assessing 甲铜业');
        expect((await all(d.clients.ent1user!)).mail).toBe(true);
      } finally {
        await jobs.stop();
        await w.app.close();
        closeMailTransports();
        await smtp.close();
      }
    },
  );
});
