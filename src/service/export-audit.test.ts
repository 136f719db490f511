/**
 * Bulk exports are recorded in the audit log (src/service/export-audit.ts): the assessment list's workbook and
 * the analytics workbook / annual summary each leave one `data_export` entry — who, which kind and format, the
 * filters, the rows — and a refused export leaves none. The whole log shows the entries to the platform admin.
 * An assessment's report handed out (the result workbook, the report data) is a `download` in its trail.
 */
import { expect, it } from 'vitest';
import type { ScoreValue } from '../model/grades.js';
import { verifyAuditChain } from '../store/audit.js';
import { forEachDialect } from '../testing/databases.js';
import { makeServiceWorld } from '../testing/service-world.js';
import { exportAnalytics } from './analytics.js';
import { exportAssessmentList } from './assessment-export.js';
import { assessmentAuditTrail, listAuditLog } from './audit.js';
import { ServiceError } from './errors.js';
import { getReportJson, renderReport } from './results.js';

const grade = (_rid: string, j: number): ScoreValue => (j % 2 === 0 ? '1' : '0.8');

forEachDialect('data exports in the audit log', (t) => {
  it('each export and report download leaves one entry with who, what, the filters and the rows; a refused one leaves none', async () => {
    const w = await makeServiceWorld(t());
    const { ctx } = w;
    const copper = await w.enterprise('江西某铜业股份有限公司', 'smelting');
    const published = await w.publish(copper.user, grade, 'smelting');
    await w.enterprise('云南某锡业有限公司', 'mining');
    const platform = await w.platformAdmin();
    const exports = async () =>
      (await listAuditLog(ctx, platform, { entity: 'data_export', limit: 50 })).items;
    expect(await exports()).toEqual([]);

    const list = await exportAssessmentList(ctx, w.bodyAdmin, {
      industry: 'smelting',
      q: '铜业',
      sort: 'enterprise',
    });
    expect(list.rows).toHaveLength(1);
    // Refused (more rows than allowed): no file, no entry.
    const refused = await exportAssessmentList(ctx, w.bodyAdmin, {}, { maxRows: 0 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceError);
    await exportAnalytics(ctx, w.bodyAdmin, { format: 'docx', industry: 'smelting' });
    await exportAnalytics(ctx, w.bodyAdmin, { format: 'xlsx' });

    const entries = await exports();
    expect(
      entries.map((e) => ({
        actor: e.actorId,
        entity: e.entityId,
        action: e.action,
        after: e.after,
        redacted: e.redacted,
      })),
    ).toEqual([
      {
        actor: w.bodyAdmin.user.id,
        entity: w.body,
        action: 'export',
        after: {
          kind: 'assessment_list',
          format: 'xlsx',
          filters: { industry: 'smelting', q: '铜业', sort: 'enterprise' },
          rows: 1,
        },
        redacted: undefined,
      },
      {
        actor: w.bodyAdmin.user.id,
        entity: w.body,
        action: 'export',
        after: {
          kind: 'analytics',
          format: 'docx',
          filters: { year: expect.any(Number), industry: 'smelting' },
        },
        redacted: undefined,
      },
      {
        actor: w.bodyAdmin.user.id,
        entity: w.body,
        action: 'export',
        after: { kind: 'analytics', format: 'xlsx', filters: {} },
        redacted: undefined,
      },
    ]);
    expect(entries[0]!.actorLabel).toContain(w.bodyAdmin.user.email);

    // The report of one assessment: each file handed out is a `download` in the assessment's own trail.
    await renderReport(ctx, w.bodyAdmin, published, 'xlsx');
    await getReportJson(ctx, copper.user, published);
    const trail = await assessmentAuditTrail(ctx, w.bodyAdmin, published, { action: 'download' });
    expect(
      trail.items.map((e) => ({ actor: e.actorId, entity: e.entity, id: e.entityId, after: e.after })),
    ).toEqual([
      { actor: w.bodyAdmin.user.id, entity: 'report', id: `${published}/report`, after: { format: 'xlsx' } },
      { actor: copper.user.user.id, entity: 'report', id: `${published}/report`, after: { format: 'json' } },
    ]);
    // A reader refused the report leaves nothing behind.
    const outsider = await w.enterprise('湖南某铅锌冶炼有限公司', 'smelting');
    expect(await getReportJson(ctx, outsider.user, published).catch((e: unknown) => e)).toBeInstanceOf(
      ServiceError,
    );
    expect((await assessmentAuditTrail(ctx, w.bodyAdmin, published, { action: 'download' })).total).toBe(2);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
  });
});
