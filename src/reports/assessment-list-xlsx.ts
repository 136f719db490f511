/**
 * The assessment list as an Excel workbook (issue 12: the body takes its year out of the platform): sheet 1 one
 * row per assessment — the columns of the list plus the enterprise's credit code and sub-sector, the body and the
 * team leader — with a bold frozen header, column widths and an autofilter; numbers as numbers, dates as dates.
 * Sheet 2 (筛选条件) names the filters applied, who exported and when. Chinese, or English when asked.
 *
 * Pure: rows in, bytes out. What a row holds is decided by the use case (src/service/assessment-export.ts): the
 * team's progress and the result only where the reader's list shows them (null here: an empty cell).
 */
import ExcelJS from 'exceljs';
import { chinaDate } from '../model/validity.js';
import { profileLabel } from '../model/profile.js';
import { INDUSTRY_NAMES_ZH, type IndustryId } from '../model/types.js';
import { STAGE_NAMES_EN } from '../process/notification-text.js';
import { STAGE_NAMES_ZH, type Stage } from '../process/types.js';
import { setPrintLayout } from './xlsx-template.js';

export type ListLang = 'zh' | 'en';

export interface AssessmentListRow {
  id: string;
  enterprise: string;
  creditCode: string | null;
  industry: IndustryId;
  /** The sub-sector code of the enterprise profile (labelled here), or null. */
  subSector: string | null;
  stage: Stage;
  body: string;
  /** The team leader's name, once there is a team. */
  leader: string | null;
  /** Calendar dates, `YYYY-MM-DD`. */
  appliedOn: string;
  dueOn: string | null;
  overdue: boolean;
  updatedOn: string;
  requirements: number;
  selfDone: number;
  /** The team's sheets where the reader's list shows them; null: not shown to this reader. */
  experts: { done: number; total: number; submitted: number; members: number } | null;
  consensusDone: number;
  openContests: number;
  /** The result where the reader's list shows it; null: no result, or not shown to this reader. */
  result: { total: string; level: number | null; conclusion: string; conclusionEn?: string } | null;
}

export interface AssessmentListFilters {
  stage?: Stage;
  industry?: IndustryId;
  year?: number;
  level?: number;
  q?: string;
  overdue?: boolean;
  sort?: 'created' | 'updated' | 'enterprise' | 'stage' | 'level' | 'due';
  order?: 'asc' | 'desc';
}

export interface AssessmentListWorkbookInput {
  lang: ListLang;
  rows: readonly AssessmentListRow[];
  filters: AssessmentListFilters;
  /** Who exported (name and e-mail). */
  exportedBy: string;
  /** When (an instant; written in China time). */
  exportedAt: string;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const DATE = 'yyyy-mm-dd';
const PERCENT = '0%';

type Cell = string | number | Date | null;

interface Column {
  zh: string;
  en: string;
  width: number;
  /** Where the English labels are longer. */
  widthEn?: number;
  numFmt?: string;
  value: (r: AssessmentListRow, lang: ListLang) => Cell;
}

/** Display width of a text (a CJK character takes two columns). */
const textWidth = (s: string): number => [...s].reduce((n, c) => n + (/[\u2e80-\uffff]/.test(c) ? 2 : 1), 0);

const day = (d: string | null): Date | null => (d ? new Date(`${d}T00:00:00.000Z`) : null);
const share = (done: number, total: number): number | null => (total > 0 ? done / total : null);
const decimals = (s: string): number => (s.split('.')[1] ?? '').length;

const INDUSTRY_NAMES_EN: Record<IndustryId, string> = {
  mining: 'Mining',
  smelting: 'Smelting',
  processing: 'Processing',
};

const LEVEL_EN = (level: number | null) => (level === null ? 'Below level 1' : `Level ${level}`);

/** The list sheet's columns (no width of 9: exceljs leaves its default width out of the file). */
const COLUMNS: Column[] = [
  { zh: '企业名称', en: 'Enterprise', width: 30, value: (r) => r.enterprise },
  { zh: '统一社会信用代码', en: 'Credit code', width: 21, value: (r) => r.creditCode },
  {
    zh: '行业',
    en: 'Industry',
    width: 10,
    value: (r, l) => (l === 'zh' ? INDUSTRY_NAMES_ZH : INDUSTRY_NAMES_EN)[r.industry],
  },
  {
    zh: '细分领域',
    en: 'Sub-sector',
    width: 14,
    widthEn: 22,
    value: (r, l) => (r.subSector === null ? null : profileLabel('subSector', r.subSector, l)),
  },
  {
    zh: '当前阶段',
    en: 'Stage',
    width: 15,
    widthEn: 24,
    value: (r, l) => (l === 'zh' ? STAGE_NAMES_ZH : STAGE_NAMES_EN)[r.stage],
  },
  { zh: '评估机构', en: 'Assessment body', width: 30, value: (r) => r.body },
  { zh: '评估组长', en: 'Team leader', width: 12, value: (r) => r.leader },
  { zh: '申请日期', en: 'Applied on', width: 12, numFmt: DATE, value: (r) => day(r.appliedOn) },
  { zh: '当前步骤截止日期', en: 'Current step due', width: 16, numFmt: DATE, value: (r) => day(r.dueOn) },
  {
    zh: '是否逾期',
    en: 'Overdue',
    width: 10,
    value: (r, l) => (l === 'zh' ? (r.overdue ? '是' : '否') : r.overdue ? 'yes' : 'no'),
  },
  { zh: '评估要求数', en: 'Requirements', width: 11, value: (r) => r.requirements },
  { zh: '自评估已评', en: 'Self-assessed', width: 11, value: (r) => r.selfDone },
  {
    zh: '自评估进度',
    en: 'Self-assessment',
    width: 11,
    numFmt: PERCENT,
    value: (r) => share(r.selfDone, r.requirements),
  },
  {
    zh: '专家评分进度',
    en: 'Expert sheets',
    width: 12,
    numFmt: PERCENT,
    value: (r) => (r.experts ? share(r.experts.done, r.experts.total) : null),
  },
  {
    zh: '已提交评分表',
    en: 'Sheets submitted',
    width: 12,
    value: (r) => (r.experts && r.experts.members > 0 ? r.experts.submitted : null),
  },
  {
    zh: '评估组专家数',
    en: 'Team experts',
    width: 12,
    value: (r) => (r.experts && r.experts.members > 0 ? r.experts.members : null),
  },
  {
    zh: '合议进度',
    en: 'Consensus',
    width: 10,
    numFmt: PERCENT,
    value: (r) => share(r.consensusDone, r.requirements),
  },
  { zh: '未答复异议', en: 'Open contests', width: 11, value: (r) => r.openContests },
  { zh: '总分', en: 'Total score', width: 10, value: (r) => (r.result ? Number(r.result.total) : null) },
  {
    zh: '等级',
    en: 'Level',
    width: 7,
    value: (r) => (r.result ? (r.result.level ?? 0) : null),
  },
  {
    zh: '评估结论',
    en: 'Conclusion',
    width: 16,
    widthEn: 24,
    value: (r, l) =>
      r.result === null
        ? null
        : l === 'zh'
          ? r.result.level === null
            ? '未达一级'
            : r.result.conclusion
          : r.result.level === null
            ? LEVEL_EN(null)
            : `${LEVEL_EN(r.result.level)}${r.result.conclusionEn ? ` (${r.result.conclusionEn})` : ''}`,
  },
  { zh: '最近更新', en: 'Updated on', width: 12, numFmt: DATE, value: (r) => day(r.updatedOn) },
  { zh: '评估编号', en: 'Assessment id', width: 28, value: (r) => r.id },
];

/** The column headers of the list sheet in `lang` (the tests read them back). */
export function listHeaders(lang: ListLang): string[] {
  return COLUMNS.map((c) => c[lang]);
}

const SHEETS = { list: { zh: '评估清单', en: 'Assessments' }, filters: { zh: '筛选条件', en: 'Filters' } };

const SORT_NAMES: Record<NonNullable<AssessmentListFilters['sort']>, { zh: string; en: string }> = {
  created: { zh: '申请时间', en: 'application date' },
  updated: { zh: '最近更新', en: 'last update' },
  enterprise: { zh: '企业名称', en: 'enterprise' },
  stage: { zh: '阶段', en: 'stage' },
  level: { zh: '等级', en: 'level' },
  due: { zh: '截止日期', en: 'due date' },
};

/** The filter sheet's lines: what was asked (or "all"), the sort, who, when, how many rows. */
function filterLines(input: AssessmentListWorkbookInput): [string, Cell][] {
  const { filters: f, lang } = input;
  const zh = lang === 'zh';
  const all = zh ? '全部' : 'all';
  const sort = f.sort ?? 'created';
  const order = (f.order ?? 'desc') === 'asc' ? (zh ? '升序' : 'ascending') : zh ? '降序' : 'descending';
  const exportedAt = new Date(new Date(input.exportedAt).getTime() + 8 * 3600_000);
  return [
    [zh ? '搜索企业名称' : 'Search', f.q?.trim() ? f.q.trim() : zh ? '（无）' : '(none)'],
    [zh ? '阶段' : 'Stage', f.stage ? (zh ? STAGE_NAMES_ZH : STAGE_NAMES_EN)[f.stage] : all],
    [zh ? '行业' : 'Industry', f.industry ? (zh ? INDUSTRY_NAMES_ZH : INDUSTRY_NAMES_EN)[f.industry] : all],
    [zh ? '年度（申请）' : 'Year (application)', f.year ?? all],
    [
      zh ? '等级' : 'Level',
      f.level === undefined
        ? all
        : zh
          ? f.level === 0
            ? '未达一级'
            : `${f.level} 级`
          : LEVEL_EN(f.level === 0 ? null : f.level),
    ],
    [zh ? '只看逾期' : 'Overdue only', f.overdue ? (zh ? '是' : 'yes') : zh ? '否' : 'no'],
    [zh ? '排序' : 'Sort', zh ? `${SORT_NAMES[sort].zh}，${order}` : `${SORT_NAMES[sort].en}, ${order}`],
    [zh ? '导出条数' : 'Rows exported', input.rows.length],
    [zh ? '导出人' : 'Exported by', input.exportedBy],
    [zh ? '导出时间（北京时间）' : 'Exported at (China time)', exportedAt],
    [
      zh ? '说明' : 'Note',
      zh
        ? '与评估列表相同：只含导出人可查看的评估；评估组进度和评估结果只在导出人可查看时列出，空白表示无权查看或尚无结果。'
        : 'As the assessment list: only the assessments the exporter may read; the team’s progress and the result only where the exporter may see them (blank: not visible or no result yet).',
    ],
  ];
}

/** The workbook's sheets (exported for tests that look at cells rather than bytes). */
export function buildAssessmentListWorkbook(input: AssessmentListWorkbookInput): ExcelJS.Workbook {
  const { lang } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dtma';
  wb.created = new Date(input.exportedAt);
  wb.title = lang === 'zh' ? '评估清单' : 'Assessment list';

  const ws = wb.addWorksheet(SHEETS.list[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({
    header: c[lang],
    // Wide enough for the header on one line (no row is taller than its font: no viewer grows it).
    width: Math.max(lang === 'en' ? (c.widthEn ?? c.width) : c.width, textWidth(c[lang]) + 3),
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.numFmt = 'General';
  });
  const totalColumn = COLUMNS.findIndex((c) => c.zh === '总分') + 1;
  for (const r of input.rows) {
    const row = ws.addRow(COLUMNS.map((c) => c.value(r, lang)));
    // The total with the decimals the list shows it with.
    if (r.result) {
      const d = decimals(r.result.total);
      row.getCell(totalColumn).numFmt = d > 0 ? `0.${'0'.repeat(d)}` : '0';
    }
  }
  const last = Math.max(1, ws.rowCount);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: COLUMNS.length } };
  setPrintLayout(ws, { landscape: true, lastColumn: COLUMNS.length, lastRow: last, titleRows: '1:1' });

  const fs = wb.addWorksheet(SHEETS.filters[lang]);
  fs.columns = [
    { header: lang === 'zh' ? '项目' : 'Item', width: 22 },
    { header: lang === 'zh' ? '内容' : 'Value', width: 70 },
  ];
  fs.getRow(1).font = { bold: true };
  fs.getRow(1).eachCell((cell) => (cell.fill = HEADER_FILL));
  for (const [k, v] of filterLines(input)) {
    const row = fs.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(1).alignment = { vertical: 'top' };
    if (v instanceof Date) row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
    row.getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
    // Long text wraps: the row made as tall as its lines (viewers keep the stored height).
    if (typeof v === 'string') {
      const lines = Math.ceil(textWidth(v) / 66);
      if (lines > 1) row.height = 16 * lines;
    }
  }
  setPrintLayout(fs, { landscape: false, lastColumn: 2, lastRow: fs.rowCount });
  return wb;
}

export async function assessmentListWorkbook(input: AssessmentListWorkbookInput): Promise<Buffer> {
  return Buffer.from(await buildAssessmentListWorkbook(input).xlsx.writeBuffer());
}

/** The file name: 评估清单-2026-05-01.xlsx / assessments-2026-05-01.xlsx (the day in China time). */
export function assessmentListFilename(lang: ListLang, exportedAt: string): string {
  return `${lang === 'zh' ? '评估清单' : 'assessments'}-${chinaDate(exportedAt)}.xlsx`;
}
