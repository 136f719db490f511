/** The body's analytics as an Excel workbook: one sheet per table (levels, domain means, weakest, trend). */
import ExcelJS from 'exceljs';
import { INDUSTRY_NAMES_ZH } from '../model/types.js';
import { LEVEL_NAMES_ZH, type AnalyticsData } from './analytics-data.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  header: string[],
  widths: number[],
  rows: (string | number)[][],
) {
  const ws = wb.addWorksheet(name);
  const h = ws.addRow(header);
  h.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const r of rows) ws.addRow(r);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.pageSetup = {
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
  };
  return ws;
}

/** Means are written as numbers (display precision) so that the workbook can chart and sort them. */
export async function analyticsWorkbook(d: AnalyticsData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dtma';
  sheet(
    wb,
    '说明',
    ['项目', '内容'],
    [18, 70],
    [
      ['评估机构', d.bodyName],
      ['年度', d.year === undefined ? '全部年度' : String(d.year)],
      ['行业', d.industry === undefined ? '全部行业' : INDUSTRY_NAMES_ZH[d.industry]],
      ['发布结果数', d.results],
      ['口径', '仅统计已发布（封存）的评估结果；能力域、能力子域得分为其 S1–S5 各级得分之和（0–5）。'],
    ],
  );
  sheet(
    wb,
    '等级分布',
    ['行业', '评估结论', '家数'],
    [12, 14, 10],
    d.levelsByIndustry.map((r) => [
      INDUSTRY_NAMES_ZH[r.industry],
      LEVEL_NAMES_ZH[r.level] ?? String(r.level),
      r.n,
    ]),
  );
  sheet(
    wb,
    '能力域平均得分',
    ['行业', '能力域', 'id', '平均得分', '结果数'],
    [12, 16, 22, 12, 10],
    d.domainMeans.map((m) => [
      m.industry === 'all' ? '全部' : INDUSTRY_NAMES_ZH[m.industry],
      m.name,
      m.id,
      Number(m.mean),
      m.n,
    ]),
  );
  sheet(
    wb,
    '薄弱能力子域',
    ['排序', '能力子域', 'id', '平均得分', '结果数'],
    [8, 22, 34, 12, 10],
    d.weakestUnits.map((u, i) => [i + 1, u.name, u.id, Number(u.mean), u.n]),
  );
  sheet(
    wb,
    '年度趋势',
    ['年度', '发布结果数', '平均总分', ...LEVEL_NAMES_ZH],
    [8, 12, 10, 10, 8, 8, 8, 8, 8],
    d.trend.map((t) => [
      t.year,
      t.n,
      Number(t.meanTotal),
      ...LEVEL_NAMES_ZH.map((_, l) => t.levels.find((x) => x.level === l)?.n ?? 0),
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
