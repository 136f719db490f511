/**
 * Issue 12, read path: the export never shows more than the list. For every role of the access test's world
 * (platform admin, both bodies' admins, a team leader, a team expert, the leader of another team, an expert on no
 * team, both enterprises) and several filters and sorts, `GET /api/assessments/export` holds exactly the rows of
 * `GET /api/assessments` in the same order, with the result columns empty exactly where the list shows no result
 * (the enterprise before communication, blind scoring: no result and no team progress for those who may not see
 * them) — read back from the workbook the route answers.
 */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { forEachDialect } from '../testing/databases.js';
import { driveTo, email, login, makeWorld, PASSWORD, teamSpec, type Client } from '../testing/http-world.js';
import { createUser, hashPassword, PASSWORD_TEST_COST } from '../testing/store.js';
import { advance, createAssessment } from './driver.js';

const VIEWERS = [
  'platform',
  'body1admin',
  'body2admin',
  'x1', // leads A, member of B and C
  'x2', // on A's and C's teams
  'x8', // leads B, not on A's team
  'x9', // an expert of body1 on no team
  'ent1user',
  'ent2user',
] as const;

interface Listed {
  id: string;
  headline?: { total: string; level: number | null };
  progress: { experts: unknown[] };
}

/** The list sheet's rows by header (the sheet's own header row, checked to be of the language asked for). */
async function workbookRows(body: Buffer, lang: 'zh' | 'en') {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  expect(headers[0]).toBe(lang === 'zh' ? '企业名称' : 'Enterprise');
  const out: Record<string, ExcelJS.CellValue>[] = [];
  for (let r = 2; r <= ws.rowCount; r++)
    out.push(Object.fromEntries(headers.map((h, i) => [h, ws.getRow(r).getCell(i + 1).value])));
  return out;
}

forEachDialect('issue 12: the export shows no more than the list (route × role × tenant)', (t) => {
  it(
    'for every role and filter, the export’s rows and results are the list’s',
    { timeout: 300_000 },
    async () => {
      const w = await makeWorld(t());
      try {
        await createUser(
          t().db,
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
        // A: ent1, body1, led by x1, result communicated (the enterprise sees it).
        const a = await driveTo(w, 'communication', t());
        const clients: Record<string, Client> = { ...a.clients };
        for (const k of ['platform', 'body2admin', 'x8', 'x9', 'ent2user']) clients[k] = await login(w, k);
        const team = (keys: string[]) => keys.map((k) => clients[k]!);
        // B: ent1, body1, led by x8, result frozen and the report drafted (not yet for the enterprise's eyes).
        const specB = {
          ...teamSpec(w, clients, t()),
          experts: team(['x8', 'x1', 'x3', 'x4', 'x5', 'x6', 'x7']),
        };
        const b = await createAssessment(specB);
        await advance(specB, b, 'application', 'report_draft');
        // C: ent2, body1, in independent scoring (blind: progress only, no result).
        const specC = {
          ...specB,
          enterprise: clients.ent2user!,
          experts: team(['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7']),
        };
        const c = await createAssessment(specC);
        await advance(specC, c, 'application', 'scoring');
        // D: ent2 with body2, submitted.
        const d = await createAssessment({ ...specC, bodyOrgId: w.body2, bodyAdmin: clients.body2admin! });
        await advance(
          { ...specC, bodyOrgId: w.body2, bodyAdmin: clients.body2admin! },
          d,
          'application',
          'submitted',
        );

        const stage = async (id: string, who = 'body1admin') =>
          (await clients[who]!.json('GET', `/api/assessments/${id}`)).stage as string;
        expect([
          await stage(a.id),
          await stage(b.id),
          await stage(c.id),
          await stage(d.id, 'body2admin'),
        ]).toEqual(['communication', 'report_draft', 'scoring', 'submitted']);
        const levelA = (await clients.body1admin!.json('GET', `/api/assessments/${a.id}`)).headline.level as
          number | null;
        const queries = [
          '',
          'sort=level&order=asc',
          'sort=enterprise&order=desc',
          `industry=mining&level=${levelA ?? 0}`,
          'stage=report_draft',
          `q=${encodeURIComponent('铜')}`,
          `q=${b.id}`,
          'overdue=1',
          'year=2099',
          'lang=en&sort=due&order=asc',
        ];
        const failures: string[] = [];
        const seen = { rows: 0, results: 0, hidden: 0 };
        for (const who of VIEWERS) {
          const client = clients[who]!;
          for (const q of queries) {
            const label = `${who} ?${q}`;
            const listQuery = q.replace(/(^|&)lang=en/, '');
            const list = (
              await client.json('GET', `/api/assessments?${listQuery}${listQuery ? '&' : ''}limit=200`)
            ).items as Listed[];
            const res = await client.req('GET', `/api/assessments/export?${q}`);
            if (res.statusCode !== 200) {
              failures.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
              continue;
            }
            expect(res.headers['content-type']).toContain('spreadsheetml');
            expect(String(res.headers['content-disposition'])).toMatch(
              q.includes('lang=en')
                ? /filename\*=UTF-8''assessments-\d{4}-\d{2}-\d{2}\.xlsx$/
                : /filename\*=UTF-8''%E8%AF%84%E4%BC%B0%E6%B8%85%E5%8D%95-\d{4}-\d{2}-\d{2}\.xlsx$/,
            );
            const lang = q.includes('lang=en') ? 'en' : 'zh';
            const [id, total, level, conclusion, sheets] =
              lang === 'zh'
                ? ['评估编号', '总分', '等级', '评估结论', '专家评分进度']
                : ['Assessment id', 'Total score', 'Level', 'Conclusion', 'Expert sheets'];
            const rows = await workbookRows(res.rawPayload, lang);
            const ids = rows.map((r) => r[id!]);
            if (JSON.stringify(ids) !== JSON.stringify(list.map((x) => x.id))) {
              failures.push(
                `${label}: export ${JSON.stringify(ids)} ≠ list ${JSON.stringify(list.map((x) => x.id))}`,
              );
              continue;
            }
            rows.forEach((r, i) => {
              const item = list[i]!;
              seen.rows++;
              const shown = [r[total!], r[level!], r[conclusion!]];
              if (item.headline) {
                seen.results++;
                const want = [Number(item.headline.total), item.headline.level ?? 0];
                if (shown[0] !== want[0] || shown[1] !== want[1] || !shown[2])
                  failures.push(
                    `${label} ${item.id}: result ${JSON.stringify(shown)}, list ${JSON.stringify(want)}`,
                  );
              } else {
                seen.hidden++;
                if (shown.some((v) => v !== null))
                  failures.push(
                    `${label} ${item.id}: the list has no result, the export shows ${JSON.stringify(shown)}`,
                  );
              }
              if ((r[sheets!] === null) !== (item.progress.experts.length === 0))
                failures.push(
                  `${label} ${item.id}: team progress ${String(r[sheets!])}, list ${item.progress.experts.length}`,
                );
            });
          }
        }
        expect(failures).toEqual([]);
        // The world is what it claims: results shown and hidden, rows for every kind of reader.
        expect(seen.results).toBeGreaterThan(10);
        expect(seen.hidden).toBeGreaterThan(10);
        const count = async (who: string) =>
          (await workbookRows((await clients[who]!.req('GET', '/api/assessments/export')).rawPayload, 'zh'))
            .length;
        expect({
          platform: await count('platform'),
          body1admin: await count('body1admin'),
          body2admin: await count('body2admin'),
          x8: await count('x8'),
          x9: await count('x9'),
          ent1user: await count('ent1user'),
          ent2user: await count('ent2user'),
        }).toEqual({ platform: 0, body1admin: 3, body2admin: 1, x8: 1, x9: 0, ent1user: 2, ent2user: 2 });
      } finally {
        await w.app.close();
      }
    },
  );
});
