/**
 * Issue 12, the list export as a use case (both dialects): the workbook holds the list's rows in the list's order
 * for the same filters and sort, no paging; the organisations' columns (credit code, sub-sector, body) and the
 * team leader; the result only where the list shows one (the enterprise before communication: none); the overdue
 * flag and filter on the service's clock; the ceiling refused with VALIDATION export.tooMany; English on request.
 */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import type { AssessmentExportQuery } from '../contract/assessments.js';
import type { ScoreValue } from '../model/grades.js';
import { listHeaders } from '../reports/assessment-list-xlsx.js';
import { updateOrganisation } from '../store/repos/organisations.js';
import { forEachDialect } from '../testing/databases.js';
import { makeServiceWorld } from '../testing/service-world.js';
import { exportAssessmentList } from './assessment-export.js';
import { listAssessmentSummaries } from './assessments.js';
import type { Caller, ServiceContext } from './context.js';
import { advance, startAssessment } from './drive.js';
import { ServiceError } from './errors.js';

const grade = (_rid: string, j: number): ScoreValue => (j % 3 === 0 ? '1' : j % 3 === 1 ? '0.8' : '0.5');

/** The list, every page, for the same filters. */
async function listed(ctx: ServiceContext, who: Caller, q: AssessmentExportQuery) {
  const { lang: _lang, ...filter } = q;
  const items = [];
  for (let offset = 0; ;) {
    const page = await listAssessmentSummaries(ctx, who, { ...filter, limit: 2, offset });
    items.push(...page.items);
    if (page.nextCursor === undefined) return items;
    offset = Number(page.nextCursor);
  }
}

async function sheet(buffer: Buffer, name = '评估清单') {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(name)!;
  const headers = listHeaders(name === '评估清单' ? 'zh' : 'en');
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  for (let r = 2; r <= ws.rowCount; r++)
    rows.push(Object.fromEntries(headers.map((h, i) => [h, ws.getRow(r).getCell(i + 1).value])));
  return { wb, rows };
}

forEachDialect('issue 12: the assessment list export (use case)', (t) => {
  it(
    'holds the list’s rows for the filters and sort, the organisations’ columns, results only where listed',
    { timeout: 240_000 },
    async () => {
      const w = await makeServiceWorld(t());
      const { ctx } = w;
      const sys = { userId: null, label: 'test' };
      const copper = await w.enterprise('江西某铜业股份有限公司', 'smelting');
      await updateOrganisation(ctx.db, sys, {
        id: copper.orgId,
        expectedVersion: 1,
        patch: { creditCode: '913600001583040173', profile: { subSector: 'copper', size: 'large' } },
      });
      const tin = await w.enterprise('云南某锡业有限公司（Yunnan Tin）', 'mining');
      const zinc = await w.enterprise('湖南某铅锌冶炼有限公司', 'smelting');

      const published = await w.publish(copper.user, grade, 'smelting');
      const sTin = w.spec(tin.user, grade, 'mining');
      const { id: scoring } = await startAssessment(ctx, sTin);
      await advance(ctx, sTin, scoring, 'application', 'scoring');
      const sZinc = w.spec(zinc.user, grade, 'smelting');
      const { id: frozen } = await startAssessment(ctx, sZinc);
      await advance(ctx, sZinc, frozen, 'application', 'report_draft');
      const { id: applying } = await startAssessment(ctx, w.spec(copper.user, grade, 'smelting'));
      // A month on: the scoring step's formal plan (ended "today") is overdue.
      w.setNow('2025-07-01T02:00:00.000Z');

      const body = w.bodyAdmin;
      const leader = w.experts[0]!;
      const queries: AssessmentExportQuery[] = [
        {},
        { sort: 'enterprise', order: 'asc' },
        { sort: 'level', order: 'desc' },
        { industry: 'smelting' },
        { stage: 'scoring' },
        { q: '铜业' },
        { q: 'yunnan TIN' },
        { level: 0 },
        { overdue: '1' },
        { year: 2025, sort: 'due', order: 'asc' },
        { year: 2024 },
      ];
      for (const who of [body, leader, copper.user, tin.user, zinc.user]) {
        for (const q of queries) {
          const label = `${who.user.email} ${JSON.stringify(q)}`;
          const list = await listed(ctx, who, q);
          const file = await exportAssessmentList(ctx, who, q);
          expect(
            file.rows.map((r) => r.id),
            label,
          ).toEqual(list.map((x) => x.id));
          file.rows.forEach((r, i) => {
            const h = list[i]!.headline;
            expect(r.result && { total: r.result.total, level: r.result.level }, label).toEqual(
              h ? { total: h.total, level: h.level } : null,
            );
            expect(r.experts === null, label).toBe(list[i]!.progress.experts.length === 0);
          });
          const { rows } = await sheet(file.buffer);
          expect(
            rows.map((r) => r['评估编号']),
            label,
          ).toEqual(list.map((x) => x.id));
        }
      }

      // The search ignores case on both databases (PostgreSQL's LIKE alone would not).
      expect((await listed(ctx, body, { q: 'yunnan TIN' })).map((x) => x.id)).toEqual([scoring]);

      // The body's workbook: every column of the published assessment, the overdue step, the hidden nothing.
      const all = await exportAssessmentList(ctx, body, {});
      expect(all.filename).toBe('评估清单-2025-07-01.xlsx');
      const { rows, wb } = await sheet(all.buffer);
      expect(rows).toHaveLength(4);
      const byId = (id: string) => rows.find((r) => r['评估编号'] === id)!;
      expect(byId(published)).toMatchObject({
        企业名称: '江西某铜业股份有限公司',
        统一社会信用代码: '913600001583040173',
        行业: '冶炼',
        细分领域: '铜',
        当前阶段: '结果发布',
        评估机构: '测试评估中心',
        评估组长: leader.user.displayName,
        是否逾期: '否',
        已提交评分表: 7,
        评估组专家数: 7,
        合议进度: 1,
      });
      expect(typeof byId(published)['总分']).toBe('number');
      expect(typeof byId(published)['等级']).toBe('number');
      expect(byId(published)['申请日期']).toBeInstanceOf(Date);
      expect(byId(scoring)).toMatchObject({ 当前阶段: '专家独立打分', 是否逾期: '是', 总分: null });
      expect(byId(scoring)['当前步骤截止日期']).toBeInstanceOf(Date);
      expect(typeof byId(frozen)['总分']).toBe('number');
      expect(byId(applying)).toMatchObject({ 评估组长: null, 评估组专家数: null, 总分: null });
      const filters = wb.getWorksheet('筛选条件')!;
      expect(filters.getCell('B9').value).toBe(4);
      expect(filters.getCell('B10').value).toBe(`${body.user.displayName}（${body.user.email}）`);

      // The enterprise before communication: its assessment listed, no result, no team progress.
      const zincRows = (await sheet((await exportAssessmentList(ctx, zinc.user, {})).buffer)).rows;
      expect(zincRows).toHaveLength(1);
      expect(zincRows[0]).toMatchObject({ 评估编号: frozen, 总分: null, 等级: null, 评估结论: null });
      expect(zincRows[0]!['专家评分进度']).toBeNull();
      expect(zincRows[0]!['评估组长']).toBe(leader.user.displayName);

      // English on request.
      const en = await exportAssessmentList(ctx, body, { lang: 'en', stage: 'published' });
      expect(en.filename).toBe('assessments-2025-07-01.xlsx');
      const enRows = (await sheet(en.buffer, 'Assessments')).rows;
      expect(enRows).toHaveLength(1);
      expect(enRows[0]).toMatchObject({ Stage: 'published', Industry: 'Smelting', 'Sub-sector': 'Copper' });

      // The ceiling: more rows than allowed is refused, naming how many match.
      const refused = await exportAssessmentList(ctx, body, {}, { maxRows: 3 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ServiceError);
      expect(refused).toMatchObject({
        code: 'VALIDATION',
        extra: { params: { rule: 'export.tooMany', total: 4, max: 3 } },
      });
      expect((await exportAssessmentList(ctx, body, { stage: 'scoring' }, { maxRows: 1 })).rows).toHaveLength(
        1,
      );
    },
  );
});
