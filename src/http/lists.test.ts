/**
 * Issue 10 ("a decade of assessments"): every list the API serves is a page — `{ items, total, nextCursor? }` —
 * searched, filtered and sorted by the server, and shows each reader exactly what it showed before paging (the
 * users one manages, the organisations one may see, one's assessments' evidence and contests, the audit entries
 * as redacted for the reader). Checked through HTTP: the pages put together are the whole list, `total` counts
 * what the filters match, and no filter or id list reaches past the reader's tenancy.
 */
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { allItems, driveTo, login, makeWorld, teamSpec, type Client } from '../testing/http-world.js';
import { advance } from './driver.js';

interface Page<T> {
  items: T[];
  total: number;
  nextCursor?: string;
}
interface User {
  id: string;
  username: string;
  displayName: string;
  organisationId: string | null;
  organisationName: string | null;
  roles: string[];
  active: boolean;
  version: number;
}
interface Org {
  id: string;
  kind: string;
  name: string;
  creditCode: string | null;
}
interface Entry {
  seq: number;
  entity: string;
  entityId: string;
  action: string;
  actorId: string | null;
  redacted?: string;
}

const EVERY_USER = [
  'body1admin',
  'body2admin',
  'ent1user',
  'ent2user',
  'other',
  'platform',
  'x1',
  'x2',
  'x3',
  'x4',
  'x5',
  'x6',
  'x7',
  'x8',
];
const names = (items: { displayName: string }[]) => items.map((u) => u.displayName);

/** Every page of `url` with `limit`, checking each page's total and cursor on the way. */
async function walk<T>(c: Client, url: string, limit: number): Promise<T[]> {
  const sep = url.includes('?') ? '&' : '?';
  const out: T[] = [];
  let total: number | undefined;
  for (let offset = 0; ;) {
    const page: Page<T> = await c.json('GET', `${url}${sep}limit=${limit}&offset=${offset}`);
    total ??= page.total;
    expect(page.total, `${url}: the same total on every page`).toBe(total);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...page.items);
    if (page.nextCursor === undefined) {
      expect(out.length, `${url}: the pages hold the total`).toBe(total);
      return out;
    }
    expect(page.nextCursor).toBe(String(offset + page.items.length));
    offset = Number(page.nextCursor);
  }
}

forEachDialect('issue 10: lists paged, searched, filtered and sorted on the server', (t) => {
  it(
    'GET /api/users: the platform admin pages through everyone; a body admin through its own body only',
    { timeout: 120_000 },
    async () => {
      const w = await makeWorld(t());
      try {
        const platform = await login(w, 'platform');
        // By e-mail (the default), five at a time: every user once, in order.
        const all = await walk<User>(platform, '/api/users', 5);
        expect(names(all)).toEqual(EVERY_USER);
        expect(all.find((u) => u.displayName === 'x3')).toMatchObject({
          organisationId: w.body1,
          organisationName: '评估机构一',
        });
        expect(all.find((u) => u.displayName === 'platform')!.organisationName).toBeNull();
        // Search: name or e-mail, case-insensitively, on both databases.
        const searched: Page<User> = await platform.json('GET', '/api/users?q=X1%40TEST');
        expect(names(searched.items)).toEqual(['x1']);
        expect(searched.total).toBe(1);
        expect(names((await platform.json('GET', '/api/users?q=ENT')).items)).toEqual([
          'ent1user',
          'ent2user',
        ]);
        // Wildcards are text.
        expect((await platform.json('GET', '/api/users?q=%25')).total).toBe(0);
        expect((await platform.json('GET', '/api/users?q=_')).total).toBe(0);
        // Filters: role, organisation, active.
        const experts = await walk<User>(platform, '/api/users?role=expert&sort=name&order=desc', 4);
        expect(names(experts)).toEqual(['x8', 'x7', 'x6', 'x5', 'x4', 'x3', 'x2', 'x1', 'other']);
        const body2: Page<User> = await platform.json('GET', `/api/users?orgId=${w.body2}`);
        expect(names(body2.items)).toEqual(['body2admin', 'other']);
        const x4 = all.find((u) => u.displayName === 'x4')!;
        const off = await platform.req('PATCH', `/api/users/${x4.id}`, {
          active: false,
          expectedVersion: x4.version,
        });
        expect(off.statusCode).toBe(200);
        const inactive: Page<User> = await platform.json('GET', '/api/users?active=false');
        expect(names(inactive.items)).toEqual(['x4']);
        expect((await platform.json('GET', '/api/users?active=true&role=expert')).total).toBe(8);
        // Sort by organisation: in the order of its name as the database sorts names, users without one last.
        const orgOrder = (await walk<Org>(platform, '/api/orgs?sort=name', 50)).map((o) => o.name);
        const byOrg = await walk<User>(platform, '/api/users?sort=organisation', 3);
        const rank = byOrg.map((u) =>
          u.organisationName === null ? 99 : orgOrder.indexOf(u.organisationName),
        );
        expect(rank).toEqual([...rank].sort((x, y) => x - y));
        expect(rank.filter((r) => r === 99)).toHaveLength(1);
        expect(rank).not.toContain(-1);
        // Bad sorts and sizes are refused, not ignored.
        for (const q of ['sort=password_hash', 'limit=0', 'limit=201', 'order=up', 'role=root'])
          expect((await platform.req('GET', `/api/users?${q}`)).statusCode, q).toBe(400);

        // A body admin: its own body, whatever the filters ask for.
        const body1admin = await login(w, 'body1admin');
        const own = await walk<User>(body1admin, '/api/users', 3);
        expect(names(own)).toEqual(['body1admin', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8']);
        expect((await body1admin.json('GET', '/api/users?q=other')).total).toBe(0);
        expect((await body1admin.json('GET', '/api/users?q=ent')).total).toBe(0);
        expect((await body1admin.req('GET', `/api/users?orgId=${w.body2}`)).statusCode).toBe(403);
        for (const who of ['x1', 'ent1user'])
          expect((await (await login(w, who)).req('GET', '/api/users?q=x')).statusCode, who).toBe(403);
      } finally {
        await w.app.close();
      }
    },
  );

  it(
    'GET /api/orgs: each reader pages through the organisations it saw before; search by name or credit code',
    { timeout: 120_000 },
    async () => {
      const w = await makeWorld(t());
      try {
        const platform = await login(w, 'platform');
        const codes = ['913600001583045524', ' 91530000 2165234573 ', '91110000710935321q'];
        for (const [i, name] of [
          '江西某铜业有限公司',
          '云南某锡业有限公司',
          '北京某有色金属研究院',
        ].entries()) {
          const r = await platform.req('POST', '/api/orgs', {
            kind: i === 2 ? 'body' : 'enterprise',
            name,
            creditCode: codes[i],
            ...(i === 2 ? {} : { industry: i === 0 ? 'smelting' : 'processing' }),
          });
          expect(r.statusCode).toBe(201);
        }
        // GB 32100: a mistyped credit code is refused, naming the field, and creates nothing; one typed in lower
        // case with spaces is stored as printed on the licence.
        const typo = await platform.req('POST', '/api/orgs', {
          kind: 'enterprise',
          name: '湖南某铅锌冶炼有限公司',
          creditCode: '914300001837654328',
          industry: 'smelting',
        });
        expect(typo.statusCode).toBe(400);
        expect(typo.json().error).toMatchObject({
          code: 'VALIDATION',
          field: 'body.creditCode',
          params: { rule: 'creditCode', value: '914300001837654328' },
        });
        expect((await platform.json('GET', `/api/orgs?q=${encodeURIComponent('铅锌')}`)).total).toBe(0);
        const all = await walk<Org>(platform, '/api/orgs', 2);
        expect(all).toHaveLength(7);
        expect(all.find((o) => o.name === '云南某锡业有限公司')!.creditCode).toBe('915300002165234573');
        // The pages, two at a time, are the one page of all (by name, as the database orders names).
        expect(all).toEqual((await platform.json('GET', '/api/orgs?limit=200')).items);
        // Credit code and name, case-insensitively.
        const byCode: Page<Org> = await platform.json('GET', '/api/orgs?q=0935321q');
        expect(byCode.items.map((o) => o.name)).toEqual(['北京某有色金属研究院']);
        expect((await platform.json('GET', `/api/orgs?q=${encodeURIComponent('铜业')}`)).total).toBe(2);
        // Filters: kind, industry; sort by the time created, newest first.
        const enterprises = await walk<Org>(platform, '/api/orgs?kind=enterprise&sort=created&order=desc', 3);
        expect(enterprises.map((o) => o.name)).toEqual([
          '云南某锡业有限公司',
          '江西某铜业有限公司',
          '乙铝业',
          '甲铜业',
        ]);
        expect((await platform.json('GET', '/api/orgs?industry=mining')).total).toBe(2);
        expect((await platform.json('GET', '/api/orgs?kind=body')).total).toBe(3);

        // An enterprise user: the bodies and its own enterprise — also when it names others by id.
        const ent1 = await login(w, 'ent1user');
        const seen = await walk<Org>(ent1, '/api/orgs', 2);
        expect(seen.filter((o) => o.kind === 'enterprise').map((o) => o.id)).toEqual([w.ent1]);
        expect(seen).toHaveLength(4);
        const asked: Page<Org> = await ent1.json('GET', `/api/orgs?ids=${w.ent2}&ids=${w.ent1}`);
        expect(asked.items.map((o) => o.id)).toEqual([w.ent1]);
        expect((await ent1.json('GET', `/api/orgs?q=${encodeURIComponent('乙铝')}`)).total).toBe(0);
        // An expert: the enterprises too (declaring interests, 4.2.2), one id at a time as well.
        const x8 = await login(w, 'x8');
        expect((await x8.json('GET', '/api/orgs?kind=enterprise')).total).toBe(4);
        const one: Page<Org> = await x8.json('GET', `/api/orgs?ids=${w.ent2}`);
        expect(one.items.map((o) => o.name)).toEqual(['乙铝业']);
        expect((await platform.req('GET', '/api/orgs?sort=credit_code')).statusCode).toBe(400);
      } finally {
        await w.app.close();
      }
    },
  );

  it(
    'GET /api/audit and …/:id/audit: the afterSeq pages hold `total` entries; filters by record type, action and actor',
    { timeout: 240_000 },
    async () => {
      const w = await makeWorld(t());
      try {
        const d = await driveTo(w, 'scoring', t());
        // x2 grades two requirements (blind until the sheets are submitted).
        const wrote = await d.clients.x2!.req('PUT', `/api/assessments/${d.id}/scores/mine`, {
          writes: d.requirementIds.slice(0, 2).map((requirementId) => ({
            requirementId,
            value: '0.8',
            note: '现场查看了生产管控系统',
            expectedVersion: 0,
          })),
        });
        expect(wrote.statusCode, wrote.body).toBe(200);
        const platform = await login(w, 'platform');
        const every: Entry[] = await allItems(platform, '/api/audit?limit=1000', 'afterSeq');
        const first: Page<Entry> = await platform.json('GET', '/api/audit?limit=7');
        expect(first.items).toHaveLength(7);
        expect(first.total).toBe(every.length);
        expect(first.nextCursor).toBe(String(first.items[6]!.seq));
        const paged: Entry[] = await allItems(platform, '/api/audit?limit=7', 'afterSeq');
        expect(paged.map((e) => e.seq)).toEqual(every.map((e) => e.seq));
        const last: Page<Entry> = await platform.json('GET', `/api/audit?afterSeq=${every.at(-2)!.seq}`);
        expect(last.items.map((e) => e.seq)).toEqual([every.at(-1)!.seq]);
        expect(last.nextCursor).toBeUndefined();
        expect(last.total).toBe(every.length);
        // Filters, each total what it matches.
        const x2 = w.users.x2!;
        const byActor: Page<Entry> = await platform.json('GET', `/api/audit?actorId=${x2}&limit=1000`);
        expect(byActor.items.length).toBeGreaterThan(0);
        expect(byActor.items.every((e) => e.actorId === x2)).toBe(true);
        expect(byActor.total).toBe(every.filter((e) => e.actorId === x2).length);
        const logins: Page<Entry> = await platform.json(
          'GET',
          '/api/audit?entity=session&action=login&limit=2',
        );
        expect(logins.total).toBe(every.filter((e) => e.entity === 'session' && e.action === 'login').length);
        expect(logins.items.every((e) => e.entity === 'session' && e.action === 'login')).toBe(true);
        // The platform log still withholds assessment content (redaction unchanged, with or without filters).
        const scores = every.filter((e) => e.entity === 'expert_score');
        expect(scores.length).toBeGreaterThan(0);
        expect(scores.every((e) => e.redacted !== undefined)).toBe(true);

        // One assessment's trail as its leader reads it: paged, filtered, blind scoring as before.
        const leader = d.clients.x1!;
        const trail: Entry[] = await allItems(
          leader,
          `/api/assessments/${d.id}/audit?limit=1000`,
          'afterSeq',
        );
        const pages: Entry[] = await allItems(leader, `/api/assessments/${d.id}/audit?limit=5`, 'afterSeq');
        expect(pages).toEqual(trail);
        const head: Page<Entry> = await leader.json('GET', `/api/assessments/${d.id}/audit?limit=5`);
        expect(head.total).toBe(trail.length);
        const mine: Page<Entry> = await leader.json(
          'GET',
          `/api/assessments/${d.id}/audit?actorId=${x2}&entity=expert_score&limit=1000`,
        );
        const expected = trail.filter((e) => e.actorId === x2 && e.entity === 'expert_score');
        expect(mine.items).toEqual(expected);
        expect(mine.total).toBe(expected.length);
        // x2 scores blind: the leader (not yet submitted) sees that x2 scored, not what.
        expect(expected.length).toBeGreaterThan(0);
        expect(expected.every((e) => e.redacted === 'blind_scoring')).toBe(true);
        const transitions: Page<Entry> = await leader.json(
          'GET',
          `/api/assessments/${d.id}/audit?action=application.submit`,
        );
        expect(transitions.total).toBe(1);
      } finally {
        await w.app.close();
      }
    },
  );

  it(
    'GET …/evidence and …/contests: pages filtered by requirement, kind, review state, contest state',
    { timeout: 240_000 },
    async () => {
      const w = await makeWorld(t());
      try {
        const d = await driveTo(w, 'scoring', t());
        const [ent, leader, x2] = [d.clients.ent1user!, d.clients.x1!, d.clients.x2!];
        const base = `/api/assessments/${d.id}/evidence`;
        const every = await walk<{ id: string; kind: string; requirementId: string; at: string }>(
          ent,
          base,
          2,
        );
        expect(every.length).toBeGreaterThan(2);
        // Recorded order by default; the team's view is the enterprise's (every reader sees all evidence).
        expect(every.map((e) => e.at)).toEqual([...every.map((e) => e.at)].sort());
        expect(await walk(leader, base, 200)).toEqual(every);
        const collected: Page<{ kind: string }> = await ent.json('GET', `${base}?kind=collected`);
        expect(collected.total).toBe(every.filter((e) => e.kind === 'collected').length);
        expect(collected.total).toBeGreaterThan(0);
        const rid = every[0]!.requirementId;
        const forRid: Page<{ requirementId: string }> = await ent.json(
          'GET',
          `${base}?requirementId=${encodeURIComponent(rid)}`,
        );
        expect(forRid.total).toBe(every.filter((e) => e.requirementId === rid).length);
        // Review state (4.6.2): one accepted, one needing more; the rest unreviewed.
        const [a, b] = every.filter((e) => e.kind === 'submitted');
        for (const [item, outcome] of [
          [a!, 'accepted'],
          [b!, 'needs_more'],
        ] as const) {
          const r = await x2.req('PUT', `${base}/${item.id}/review`, {
            outcome,
            ...(outcome === 'needs_more' ? { reason: '请补充运行记录' } : {}),
          });
          expect(r.statusCode, r.body).toBe(200);
        }
        const ids = async (q: string) =>
          (await walk<{ id: string }>(ent, `${base}?${q}`, 200)).map((e) => e.id);
        expect(await ids('review=accepted')).toEqual([a!.id]);
        expect(await ids('review=needs_more')).toEqual([b!.id]);
        expect((await ids('review=unreviewed')).length).toBe(every.length - 2);
        expect(await ids('review=rejected')).toEqual([]);
        // By requirement (the model's order), newest first.
        const desc = await walk<{ at: string }>(ent, `${base}?order=desc`, 200);
        expect(desc.map((e) => e.at)).toEqual([...every.map((e) => e.at)].reverse());
        const byReq = await walk<{ requirementId: string }>(ent, `${base}?sort=requirement`, 200);
        const order = d.requirementIds;
        const positions = byReq.map((e) => order.indexOf(e.requirementId));
        expect(positions).toEqual([...positions].sort((x, y) => x - y));
        expect((await ent.req('GET', `${base}?review=maybe`)).statusCode).toBe(400);
        const other = await login(w, 'ent2user');
        expect((await other.req('GET', `${base}?kind=submitted`)).statusCode).toBe(404);

        // Contests: two filed, one answered.
        const spec = teamSpec(w, d.clients, t());
        await advance(spec, d, 'scoring', 'communication');
        const contests = `/api/assessments/${d.id}/contests`;
        const version = async () => (await ent.json('GET', `/api/assessments/${d.id}`)).version as number;
        const filed: string[] = [];
        for (const i of [3, 4]) {
          const r = await ent.req('POST', contests, {
            requirementId: d.requirementIds[i]!,
            claim: i === 3 ? '已上线制造执行系统，覆盖全部产线' : '设备联网率已达到九成',
            evidence: [{ note: '系统运行截图及说明' }],
            expectedVersion: await version(),
          });
          expect(r.statusCode, r.body).toBe(201);
          filed.push(r.json().id);
        }
        const answered = await leader.req('POST', `${contests}/${filed[0]}/answer`, {
          decision: 'rejected',
          reason: '证据不足以改变评分',
          expectedVersion: await version(),
        });
        expect(answered.statusCode, answered.body).toBe(200);
        const state = async (s: string) =>
          ((await ent.json('GET', `${contests}?state=${s}`)) as Page<{ id: string }>).items.map((c) => c.id);
        expect(await state('open')).toEqual([filed[1]]);
        expect(await state('rejected')).toEqual([filed[0]]);
        expect(await state('upheld')).toEqual([]);
        const all = await walk<{ id: string }>(ent, contests, 1);
        expect(all.map((c) => c.id)).toEqual(filed);
        const newest: Page<{ id: string }> = await leader.json('GET', `${contests}?order=desc&limit=1`);
        expect(newest).toEqual({
          items: [expect.objectContaining({ id: filed[1] })],
          total: 2,
          nextCursor: '1',
        });
        const forRequirement: Page<{ id: string }> = await ent.json(
          'GET',
          `${contests}?requirementId=${encodeURIComponent(d.requirementIds[4]!)}`,
        );
        expect(forRequirement.items.map((c) => c.id)).toEqual([filed[1]]);
      } finally {
        await w.app.close();
      }
    },
  );
});
