/**
 * The body's annual summary report (年度评估工作总结) as a Word document: the year's published results in
 * figures — how many, the conclusion levels per industry, the domain means, the weakest sub-domains across the
 * sector, the trend over the years — with charts. No enterprise is named.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun, type Table } from 'docx';
import { INDUSTRY_NAMES_ZH } from '../model/types.js';
import {
  domainChart,
  industries,
  LEVEL_NAMES_ZH,
  levelsChart,
  trendChart,
  type AnalyticsData,
} from './analytics-data.js';
import { caption, heading, image, PAGE_MARGINS, para, styles, table } from './docx-parts.js';

/** 2025-11-26 → 2025年11月26日. */
const zh = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export async function annualSummaryDocx(d: AnalyticsData, today: string): Promise<Buffer> {
  const title = `${d.year ?? '历年'}年度有色金属行业数字化转型成熟度评估工作总结`.replace('历年年度', '历年');
  const inds = industries(d);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ spacing: { before: 2400 } }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: title, bold: true, size: 40 })],
    }),
    new Paragraph({ spacing: { before: 600 } }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: d.bodyName, size: 28 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: zh(today), size: 24 })],
    }),
    new Paragraph({ pageBreakBefore: true }),
  ];
  const levelCount = (l: number) =>
    d.levelsByIndustry.filter((r) => r.level === l).reduce((s, r) => s + r.n, 0);
  const top = [3, 4, 5].reduce((s, l) => s + levelCount(l), 0);
  children.push(
    heading('一、总体情况'),
    para(
      `${d.year === undefined ? '截至目前' : `${d.year}年`}，${d.bodyName}共发布企业数字化转型成熟度评估结果 ${d.results} 份，` +
        `涉及${inds.map((i) => INDUSTRY_NAMES_ZH[i]).join('、') || '—'}行业；其中达到三级（领域级）及以上的 ${top} 份，` +
        `未达一级的 ${levelCount(0)} 份。以下统计仅包括已发布并封存的评估结果，不列示任何企业名称。`,
    ),
    heading('二、成熟度等级分布'),
    table(
      ['行业', ...LEVEL_NAMES_ZH, '合计'],
      inds.map((i) => {
        const row = d.levelsByIndustry.filter((r) => r.industry === i);
        return [
          INDUSTRY_NAMES_ZH[i],
          ...LEVEL_NAMES_ZH.map((_, l) => String(row.find((r) => r.level === l)?.n ?? 0)),
          String(row.reduce((s, r) => s + r.n, 0)),
        ];
      }),
      [12, 10, 8, 8, 8, 8, 8, 8],
      ['left', 'center', 'center', 'center', 'center', 'center', 'center', 'center'],
    ),
    caption('表 1  各行业成熟度等级分布（家数）'),
  );
  if (d.results > 0) children.push(image(levelsChart(d), 520), caption('图 1  各行业成熟度等级分布'));
  const all = d.domainMeans.filter((m) => m.industry === 'all');
  children.push(
    heading('三、能力域平均得分'),
    para(
      '能力域得分为该能力域在 S1–S5 各级得分之和（0–5），反映该能力域在各成熟度等级要求上的整体满足程度。',
    ),
    table(
      ['能力域', '全部', ...inds.map((i) => INDUSTRY_NAMES_ZH[i])],
      all.map((m) => [
        m.name,
        m.mean,
        ...inds.map((i) => d.domainMeans.find((x) => x.industry === i && x.id === m.id)?.mean ?? '—'),
      ]),
      [16, 10, ...inds.map(() => 10)],
      ['left', 'center', ...inds.map(() => 'center' as const)],
    ),
    caption('表 2  能力域平均得分'),
  );
  if (all.length > 0) children.push(image(domainChart(d), 520), caption('图 2  能力域平均得分'));
  children.push(
    heading('四、行业共性薄弱环节'),
    para(
      '按全部已发布结果的平均得分由低到高，列出得分最低的能力子域，可作为行业共性短板和下一年度培训、宣贯的重点。',
    ),
    table(
      ['序号', '能力子域', '平均得分', '结果数'],
      d.weakestUnits.map((u, i) => [String(i + 1), u.name, u.mean, String(u.n)]),
      [8, 30, 12, 10],
      ['center', 'left', 'center', 'center'],
    ),
    caption('表 3  平均得分最低的能力子域'),
    heading('五、年度趋势'),
    table(
      ['年度', '发布结果数', '平均总分', ...LEVEL_NAMES_ZH],
      d.trend.map((t) => [
        String(t.year),
        String(t.n),
        t.meanTotal,
        ...LEVEL_NAMES_ZH.map((_, l) => String(t.levels.find((x) => x.level === l)?.n ?? 0)),
      ]),
      [8, 10, 10, 10, 7, 7, 7, 7, 7],
      Array(9).fill('center'),
    ),
    caption('表 4  历年评估结果'),
  );
  if (d.trend.length > 0) children.push(image(trendChart(d), 520), caption('图 3  年度趋势'));
  const doc = new Document({
    creator: 'dtma',
    title,
    styles: styles(),
    sections: [{ properties: { page: { margin: PAGE_MARGINS } }, children }],
  });
  return Packer.toBuffer(doc);
}
