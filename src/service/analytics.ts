/**
 * The assessment body's analytics over its published results (aggregate SQL in store/repos/published.ts, no
 * document loaded): levels by industry, domain means, the weakest sub-domains across the sector, the trend by year;
 * exported as an Excel workbook or the annual summary report (DOCX). Names of enterprises never appear.
 */
import { can } from '../access/can.js';
import type { Analytics } from '../contract/analytics.js';
import { listModels, loadModel } from '../model/load.js';
import { INDUSTRIES, type IndustryId } from '../model/types.js';
import {
  analyticsYears,
  levelsByIndustry,
  meanScores,
  trendByYear,
  type AnalyticsFilter,
} from '../store/repos/published.js';
import { organisationNames } from '../store/repos/organisations.js';
import type { Caller, ServiceContext } from './context.js';
import { forbidden } from './errors.js';
import { microDisplay } from './figures.js';
import { auditExport } from './export-audit.js';

export const WEAKEST_UNITS = 8;

/** Names of domains and units by id, from the offered model versions (ids are stable slugs of Table 1). */
function names(): Map<string, string> {
  const out = new Map<string, string>();
  for (const meta of listModels()) {
    const m = loadModel(meta.id);
    for (const d of m.domains) {
      if (!out.has(d.id)) out.set(d.id, d.name);
      for (const s of d.subdomains) if (!out.has(s.id)) out.set(s.id, s.name);
    }
    for (const t of [m.common, ...Object.values(m.industries)])
      for (const r of t.rows) if (!out.has(r.id)) out.set(r.id, r.name);
  }
  return out;
}

function bodyOf(caller: Caller): string {
  const orgId = caller.actor.orgId;
  if (!orgId || !can(caller.actor, 'analytics.read', { kind: 'organization', orgId, orgKind: 'body' }))
    throw forbidden('analytics: for the admins of an assessment body', { action: 'analytics.read' });
  return orgId;
}

export async function getAnalytics(
  ctx: ServiceContext,
  caller: Caller,
  query: { year?: number; industry?: IndustryId },
): Promise<Analytics> {
  const bodyId = bodyOf(caller);
  const f: AnalyticsFilter = {
    bodyId,
    ...(query.year !== undefined ? { year: query.year } : {}),
    ...(query.industry !== undefined ? { industry: query.industry } : {}),
  };
  const [levels, domains, units, trend, years, bodyNames] = await Promise.all([
    levelsByIndustry(ctx.db, f),
    meanScores(ctx.db, f, 'domain'),
    meanScores(ctx.db, f, 'unit'),
    trendByYear(ctx.db, { bodyId, ...(query.industry !== undefined ? { industry: query.industry } : {}) }),
    analyticsYears(ctx.db, bodyId),
    organisationNames(ctx.db, [bodyId]),
  ]);
  const name = names();
  const pool = (rows: { key: string; n: number; meanMicro: number }[]) => {
    const by = new Map<string, { n: number; sum: number }>();
    for (const r of rows) {
      const e = by.get(r.key) ?? { n: 0, sum: 0 };
      e.n += r.n;
      e.sum += r.meanMicro * r.n;
      by.set(r.key, e);
    }
    return [...by].map(([key, e]) => ({ key, n: e.n, meanMicro: e.sum / e.n }));
  };
  const domainOrder = [...name.keys()];
  const byOrder = (a: { key: string }, b: { key: string }) =>
    domainOrder.indexOf(a.key) - domainOrder.indexOf(b.key);
  const domainMeans: Analytics['domainMeans'] = [
    ...pool(domains)
      .sort(byOrder)
      .map((d) => ({
        id: d.key,
        name: name.get(d.key) ?? d.key,
        industry: 'all' as const,
        mean: microDisplay(d.meanMicro),
        n: d.n,
      })),
    ...domains
      .filter((d) => (INDUSTRIES as readonly string[]).includes(d.industry))
      .sort(
        (a, b) =>
          INDUSTRIES.indexOf(a.industry as IndustryId) - INDUSTRIES.indexOf(b.industry as IndustryId) ||
          byOrder(a, b),
      )
      .map((d) => ({
        id: d.key,
        name: name.get(d.key) ?? d.key,
        industry: d.industry as IndustryId,
        mean: microDisplay(d.meanMicro),
        n: d.n,
      })),
  ];
  const weakestUnits = pool(units)
    .sort((a, b) => a.meanMicro - b.meanMicro || (a.key < b.key ? -1 : 1))
    .slice(0, WEAKEST_UNITS)
    .map((u) => ({ id: u.key, name: name.get(u.key) ?? u.key, mean: microDisplay(u.meanMicro), n: u.n }));
  const perYear = new Map<number, { n: number; sum: number; levels: { level: number; n: number }[] }>();
  for (const t of trend) {
    const e = perYear.get(t.year) ?? { n: 0, sum: 0, levels: [] };
    e.n += t.n;
    e.sum += t.sumMicro;
    e.levels.push({ level: t.level, n: t.n });
    perYear.set(t.year, e);
  }
  return {
    bodyName: bodyNames.get(bodyId) ?? '',
    years,
    ...(query.year !== undefined ? { year: query.year } : {}),
    ...(query.industry !== undefined ? { industry: query.industry } : {}),
    results: levels.reduce((s, r) => s + r.n, 0),
    levelsByIndustry: levels
      .filter((r) => (INDUSTRIES as readonly string[]).includes(r.industry))
      .map((r) => ({ industry: r.industry as IndustryId, level: r.level, n: r.n })),
    domainMeans,
    weakestUnits,
    trend: [...perYear].map(([year, e]) => ({
      year,
      n: e.n,
      meanTotal: microDisplay(e.sum / e.n),
      levels: e.levels,
    })),
  };
}

export interface AnalyticsFile {
  buffer: Buffer;
  mime: string;
  filename: string;
}

export async function exportAnalytics(
  ctx: ServiceContext,
  caller: Caller,
  query: { format: 'xlsx' | 'docx'; year?: number; industry?: IndustryId },
): Promise<AnalyticsFile> {
  const { format, ...filter } = query;
  // The annual report is of one year: the one asked for, else the latest with results.
  let year = filter.year;
  if (format === 'docx' && year === undefined) year = (await analyticsYears(ctx.db, bodyOf(caller))).at(-1);
  const data = await getAnalytics(ctx, caller, { ...filter, ...(year !== undefined ? { year } : {}) });
  const file: AnalyticsFile =
    format === 'xlsx'
      ? {
          buffer: await (await import('../reports/analytics-xlsx.js')).analyticsWorkbook(data),
          mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          filename: `analytics${year !== undefined ? `-${year}` : ''}.xlsx`,
        }
      : {
          buffer: await (
            await import('../reports/annual-summary.js')
          ).annualSummaryDocx(data, ctx.options.now().toISOString().slice(0, 10)),
          mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          filename: `annual-summary${year !== undefined ? `-${year}` : ''}.docx`,
        };
  await auditExport(ctx, caller, {
    kind: 'analytics',
    format,
    filters: {
      ...(year !== undefined ? { year } : {}),
      ...(filter.industry !== undefined ? { industry: filter.industry } : {}),
    },
  });
  return file;
}
