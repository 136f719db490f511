/**
 * The assessment report (评估报告, §4.6.4) as a Word document, from the report data (assessment-report.ts):
 * cover (body, enterprise, report number, date), statements (independence, confidentiality, §4.2.2), table of
 * contents (a TOC field), 一、基本情况 … 六、改造建议 with the team's own sections first in each, the signature and
 * approval page with the seal hash and the verification code, and the appendices (calculations with exact
 * fractions, every improvement step, the evidence list). Header with the report number, footer
 * 第 X 页 共 Y 页 (PAGE / NUMPAGES fields); zh-CN language; captions 表 n above tables, 图 n below figures, upright;
 * body paragraphs with a first-line indent of two characters.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { FINDING_KIND_NAMES_ZH } from '../process/types.js';
import type { StandardModel } from '../model/types.js';
import type { PlanningInput } from '../planning/types.js';
import type { ScoreResult, ScoreValue } from '../scoring/index.js';
import { buildReportData, isoDateChina, REPORT_TITLE } from './assessment-report.js';
import { reportCharts, type ChartImage, type ReportCharts } from './charts.js';
import type { AssessmentInfo } from './common.js';
import type { ReportData, ReportFinding } from './report-data.js';

/** The former input of `buildReportDocx` (still accepted: src/http calls it until the service layer takes over). */
export interface ReportInput {
  model: StandardModel;
  result: ScoreResult;
  /** Planner input built from the same assessment (planningInputFromAssessment). */
  planning: PlanningInput;
  info: AssessmentInfo;
  charts?: ReportCharts;
  bodyFont?: string;
  headingFont?: string;
}

export interface DocxOptions {
  charts?: ReportCharts;
  /** Body font (default Noto Serif CJK SC; headings and tables use Noto Sans CJK SC). */
  bodyFont?: string;
  headingFont?: string;
}

/** 4.5.3: the findings' part of 一、基本情况 (only when there are findings), after the contests if any. */
export const findingsHeading = (data: Pick<ReportData, 'contests'>): string =>
  `（${data.contests.length > 0 ? '五' : '四'}）评估发现及整改情况`;

/** The section of a re-assessment's report only (issue 14), after the plan. */
export const COMPARISON_HEADING = '七、与上次评估结果的对比';

export const REPORT_HEADINGS = {
  title: REPORT_TITLE,
  statements: '声明',
  toc: '目录',
  basic: '一、基本情况',
  overall: '二、总体评估',
  analysis: '三、分析报告',
  byDomain: '（一）能力域分析',
  bySubdomain: '（二）能力子域分析',
  strengths: '四、优秀经验',
  weaknesses: '五、短板不足',
  suggestions: '六、改造建议（“一企一策”提升方案）',
  enterprisePlan: '（一）企业整体层面',
  scenarioPlan: '（二）场景层面',
  signature: '评估组签署及审批',
  appendixCalc: '附录 A 计算过程',
  appendixSteps: '附录 B 改进步骤清单',
  appendixEvidence: '附录 C 证据清单',
} as const;

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };
/** A4 text width with 2.5 cm left/right margins, in twips (21 cm − 5 cm = 16 cm). */
const TEXT_WIDTH = 9070;
/** Two characters of the 10.5 pt body text (首行缩进 2 字符). */
const INDENT = 420;

type Align = 'center' | 'left' | 'right';
const ALIGN = { center: AlignmentType.CENTER, left: AlignmentType.LEFT, right: AlignmentType.RIGHT } as const;

/** Legacy input → report data (a file without a process: no team sections, no seal). */
function dataFromLegacy(input: ReportInput): ReportData {
  const { model, info, planning } = input;
  const scores: Record<string, ScoreValue> = {};
  for (const r of planning.requirements) scores[r.id] = r.grade;
  const date =
    info.reportDate ?? info.assessedTo ?? info.assessedFrom ?? isoDateChina(new Date().toISOString());
  return buildReportData(model, {
    modelId: input.result.modelId,
    industry: info.industry,
    scores,
    enterprise: info.enterprise,
    ...(info.team
      ? {
          team: info.team.map((m) => ({
            name: m.name,
            role: m.role === '组长' ? 'leader' : (m.role ?? 'member'),
          })),
        }
      : {}),
    reportDate: date,
    ...(info.assessedFrom ? { assessedFrom: info.assessedFrom } : {}),
    ...(info.assessedTo ? { assessedTo: info.assessedTo } : {}),
    ...(info.profile ? { profile: { description: info.profile } } : {}),
    partial: !input.result.complete,
  });
}

/** The Word report of report data (or, as before, of a scoring result with its planner input). */
export async function buildReportDocx(
  input: ReportData | ReportInput,
  options: DocxOptions = {},
): Promise<Buffer> {
  if ('version' in input) return renderReportDocx(input, options);
  return renderReportDocx(dataFromLegacy(input), {
    ...options,
    ...(input.charts ? { charts: input.charts } : {}),
    ...(input.bodyFont ? { bodyFont: input.bodyFont } : {}),
    ...(input.headingFont ? { headingFont: input.headingFont } : {}),
  });
}

export async function renderReportDocx(data: ReportData, options: DocxOptions = {}): Promise<Buffer> {
  const charts = options.charts ?? reportCharts(data.charts);
  const bodyFont = options.bodyFont ?? 'Noto Serif CJK SC';
  const headingFont = options.headingFont ?? 'Noto Sans CJK SC';
  let tableNo = 0;
  let figureNo = 0;

  const run = (text: string, o: { bold?: boolean; size?: number; font?: string; color?: string } = {}) =>
    new TextRun({
      text,
      bold: o.bold,
      size: o.size,
      color: o.color,
      ...(o.font ? { font: { ascii: o.font, eastAsia: o.font, hAnsi: o.font } } : {}),
    });
  /** Body paragraph: justified, first-line indent of two characters, 1.5 lines. */
  const p = (text: string | TextRun[], o: { bold?: boolean; indent?: boolean; keepNext?: boolean } = {}) =>
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: o.indent === false ? undefined : { firstLine: INDENT },
      spacing: { after: 80, line: 360 },
      keepNext: o.keepNext,
      children: typeof text === 'string' ? [run(text, { bold: o.bold })] : text,
    });
  const h1 = (text: string, pageBreak = false) =>
    new Paragraph({ text, heading: HeadingLevel.HEADING_1, pageBreakBefore: pageBreak, keepNext: true });
  const h2 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2, keepNext: true });
  const h3 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_3, keepNext: true });
  const item = (runs: TextRun[], level = 0) =>
    new Paragraph({
      alignment: AlignmentType.LEFT,
      indent: { left: 420 + level * 420, hanging: 210 },
      spacing: { after: 40, line: 320 },
      children: runs,
    });
  const cell = (text: string, o: { header?: boolean; width: number; align?: Align; span?: number }) =>
    new TableCell({
      borders: BORDERS,
      verticalAlign: VerticalAlign.CENTER,
      width: { size: o.width, type: WidthType.DXA },
      ...(o.span ? { columnSpan: o.span } : {}),
      ...(o.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E1F2' } } : {}),
      margins: { top: 30, bottom: 30, left: 70, right: 70 },
      children: text.split('\n').map(
        (line) =>
          new Paragraph({
            alignment: ALIGN[o.align ?? 'left'],
            spacing: { line: 260 },
            children: [run(line, { bold: o.header, size: 18, font: headingFont })],
          }),
      ),
    });
  const caption = (kind: '表' | '图', title: string) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: kind === '表',
      spacing: { before: kind === '表' ? 160 : 40, after: kind === '表' ? 60 : 200 },
      children: [
        run(`${kind} ${kind === '表' ? ++tableNo : ++figureNo}  ${title}`, {
          bold: true,
          size: 19,
          font: headingFont,
        }),
      ],
    });
  /**
   * A captioned table; `widths` are relative and scaled to the text width. `groups` (optional) puts a full-width
   * row with a group label before its rows.
   */
  const table = (
    title: string,
    header: string[],
    rows: string[][],
    widths: number[],
    align?: Align[],
    groups?: { label: string; rows: string[][] }[],
  ) => {
    const sum = widths.reduce((a, b) => a + b, 0);
    const w = widths.map((x) => Math.floor((x / sum) * TEXT_WIDTH));
    const dataRow = (r: string[]) =>
      new TableRow({
        cantSplit: true,
        children: r.map((t, i) => cell(t, { width: w[i]!, align: align?.[i] ?? 'left' })),
      });
    const body = groups
      ? groups.flatMap((g) => [
          new TableRow({
            cantSplit: true,
            children: [
              new TableCell({
                borders: BORDERS,
                columnSpan: w.length,
                shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' },
                margins: { top: 30, bottom: 30, left: 70, right: 70 },
                children: [
                  new Paragraph({ children: [run(g.label, { bold: true, size: 18, font: headingFont })] }),
                ],
              }),
            ],
          }),
          ...g.rows.map(dataRow),
        ])
      : rows.map(dataRow);
    return [
      caption('表', title),
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: w,
        rows: [
          new TableRow({
            tableHeader: true,
            cantSplit: true,
            children: header.map((h, i) => cell(h, { header: true, width: w[i]!, align: 'center' })),
          }),
          ...body,
        ],
      }),
    ];
  };
  const figure = (c: ChartImage, widthPx: number, title: string) => [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120 },
      children: [
        new ImageRun({
          type: 'png',
          data: c.png,
          transformation: { width: widthPx, height: Math.round((c.height / c.width) * widthPx) },
          altText: { name: title, description: title, title },
        }),
      ],
    }),
    caption('图', title),
  ];
  /** The team's own text of a §4.6.4 section, paragraph by paragraph. */
  const teamText = (key: string) => {
    const s = data.sections.find((x) => x.key === key);
    if (!s?.text) return [];
    return [
      p([run('评估组意见：', { bold: true }), run(s.text.split(/\n+/)[0]!)]),
      ...s.text
        .split(/\n+/)
        .slice(1)
        .map((t) => p(t)),
    ];
  };
  const r = data.result;
  const children: (Paragraph | Table | TableOfContents)[] = [];

  // ---- Cover.
  const coverLine = (label: string, value: string) =>
    new Paragraph({
      alignment: AlignmentType.LEFT,
      indent: { left: 1600 },
      spacing: { after: 160 },
      children: [run(`${label}：`, { size: 28, font: headingFont }), run(value, { size: 28 })],
    });
  children.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [run(`报告编号：${data.reportNumber}`, { size: 21 })],
    }),
    new Paragraph({ spacing: { before: 2400 } }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 300 },
      children: [run(data.title, { bold: true, size: 48, font: headingFont })],
    }),
    ...(data.draft
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [run('（草稿：评估结果尚未发布）', { size: 28, color: 'C00000' })],
          }),
        ]
      : []),
    new Paragraph({ spacing: { before: 1800 } }),
    coverLine('受评估企业', data.enterprise.name),
    coverLine('所属行业', `${data.enterprise.industryName}`),
    coverLine('评估依据', data.standard.citation),
    coverLine('评估机构', data.body.name || '—'),
    coverLine('报告日期', data.dates.reportZh),
  );

  // ---- Statements.
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      pageBreakBefore: true,
      spacing: { after: 300 },
      children: [run(REPORT_HEADINGS.statements, { bold: true, size: 32, font: headingFont })],
    }),
    p(`一、独立性声明：${data.statements.independence}`),
    p(`二、保密声明：${data.statements.confidentiality}`),
    p(`三、责任声明：${data.statements.responsibility}`),
    p(
      `四、本报告依据${data.standard.citation}编制，评估对象为${data.enterprise.name}，报告编号 ${data.reportNumber}。` +
        (data.verificationCode
          ? `报告真伪可凭验证码 ${data.verificationCode} 及签署页所列封存哈希在评估平台核验。`
          : '本报告为草稿，结果发布后生成验证码。'),
    ),
  );

  // ---- Table of contents.
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      pageBreakBefore: true,
      spacing: { after: 200 },
      children: [run(REPORT_HEADINGS.toc, { bold: true, size: 32, font: headingFont })],
    }),
    new TableOfContents(REPORT_HEADINGS.toc, { hyperlink: true, headingStyleRange: '1-2' }),
  );

  // ---- 一、基本情况
  const team = data.team;
  children.push(
    h1(REPORT_HEADINGS.basic, true),
    ...teamText('basic_situation'),
    ...table(
      '评估基本信息',
      ['项目', '内容'],
      [
        ['受评估企业', data.enterprise.name],
        [
          '所属行业',
          `有色金属${data.enterprise.industryName}（附录 A 基础共性指标 + 附录 B ${data.enterprise.industryName}行业特性指标）`,
        ],
        ...(data.enterprise.profile ? [['企业概况', data.enterprise.profile]] : []),
        ['评估依据', data.standard.citation],
        ['评估机构', data.body.name || '—'],
        ['报告编号', data.reportNumber],
        ['评估范围', data.scope ?? '—'],
        ['评估方法', data.methods.length ? data.methods.join('、') : '—'],
        ['评估日期', data.dates.periodZh ?? '—'],
        ['结果冻结日期', data.dates.frozenZh ?? '—'],
        ['报告日期', data.dates.reportZh],
        [
          '评估要求',
          `${r.requirementCount} 条` +
            (r.complete ? '，均已评分' : `，其中 ${r.missingCount} 条未评分（按 0 分计）`),
        ],
      ],
      [1, 4],
    ),
  );
  if (team.length > 0) {
    children.push(
      h2('（一）评估组'),
      p(
        `评估组由 ${team.length} 名专家组成（组长 ${
          team
            .filter((m) => m.role === '组长')
            .map((m) => m.name)
            .join('、') || '—'
        }），` +
          `覆盖${[...new Set(team.flatMap((m) => m.disciplines))].join('、') || '—'}等专业（标准 4.5.2）。`,
      ),
      ...table(
        '评估组成员',
        ['序号', '姓名', '职责', '专业领域'],
        team.map((m, i) => [String(i + 1), m.name, m.role, m.disciplines.join('、') || '—']),
        [0.7, 1.6, 1.2, 4],
        ['center', 'left', 'center', 'left'],
      ),
    );
  }
  if (data.plans.length > 0) {
    children.push(h2('（二）评估计划与日程'));
    for (const pl of data.plans) {
      children.push(
        p(
          `${pl.kindName}：评估目的为${pl.purpose}；评估范围为${pl.scope}；评估任务包括${pl.tasks.join('、')}；` +
            `评估方法为${pl.methods.join('、')}；评估时间 ${pl.period}；评估人员 ${pl.people.join('、')}` +
            (pl.confirmed ? `；受评估企业于 ${pl.confirmed} 确认。` : '。'),
        ),
      );
      if (pl.schedule.length > 0)
        children.push(
          ...table(
            `${pl.kindName}日程`,
            ['日期', '活动'],
            pl.schedule.map((s) => [s.date, s.activity]),
            [1.5, 5],
          ),
        );
    }
  }
  if (data.meetings.length > 0) {
    children.push(
      h2('（三）首次会议与末次会议'),
      ...table(
        '会议记录',
        ['会议', '日期', '参加人员', '内容'],
        data.meetings.map((m) => [
          m.kindName,
          m.date,
          m.attendees.join('、'),
          [m.topics.join('、'), m.minutes].filter(Boolean).join('\n'),
        ]),
        [1.1, 1.5, 2.4, 4],
      ),
    );
  }
  if (data.contests.length > 0) {
    children.push(
      h2('（四）评估结果沟通与再次论证'),
      p('评估组将评估结果向受评估企业通报后，企业就下列要求提出再次论证，评估组的答复如下（标准 4.7.1）：'),
      ...table(
        '再次论证及答复',
        ['要求', '企业意见', '结论', '理由', '评分变化'],
        data.contests.map((c) => [c.requirement, c.claim, c.decision, c.reason, c.change]),
        [1.8, 2.6, 0.8, 2.6, 1.6],
      ),
    );
  }
  if (data.findings.length > 0) {
    const pre = data.findings.filter((f) => f.kind === FINDING_KIND_NAMES_ZH.pre_assessment).length;
    children.push(
      h2(findingsHeading(data)),
      p(
        `评估组在现场预评估和正式评估中形成评估发现共 ${data.findings.length} 项（其中现场预评估 ${pre} 项），` +
          '受评估企业对发现的问题提出整改说明，评估组予以核验（标准 4.5.3）：',
      ),
      ...table(
        '评估发现及整改情况',
        ['序', '阶段', '程度', '相关要求', '评估发现', '整改情况', '状态'],
        data.findings.map((f) => [
          String(f.no),
          f.kind,
          f.severity,
          f.requirements.join('、'),
          f.text,
          f.rectification,
          f.status,
        ]),
        [0.5, 1, 0.7, 1.6, 2.8, 2.6, 0.8],
      ),
    );
  }
  children.push(p(`评估过程中采集和核验的证据共 ${data.evidence.length} 项，清单见附录 C。`));

  // ---- 二、总体评估
  children.push(
    h1(REPORT_HEADINGS.overall),
    ...teamText('overall_assessment'),
    p(
      `经评估，${data.enterprise.name}数字化转型成熟度总分 S = ${r.total}，处于表 3 区间 ${r.conclusion.interval}，` +
        `评估结论为：${r.conclusionText}。`,
      { bold: true },
    ),
  );
  if (r.consistencyNote) children.push(p(r.consistencyNote));
  if (r.conclusion.description) children.push(p(`等级说明：${r.conclusion.description}`));
  if (!r.complete)
    children.push(
      p(`注意：尚有 ${r.missingCount} 条要求未评分，按 0 分计入，结论为阶段性结果。`, { bold: true }),
    );
  children.push(
    p(
      `各等级得分 S_L 由能力域、能力子域权重和各条要求的满足程度加权计算；等级得分 ${r.comparison} ${r.threshold} 为满足，` +
        `计 1 分，不满足的等级按实际得分计入总分。计算过程见附录 A。`,
    ),
    ...table(
      '各成熟度等级得分',
      ['等级', '等级得分', `是否满足（${r.comparison}${r.threshold}）`, '计入总分'],
      r.levels.map((l) => [l.level, l.score, l.status, l.counted]),
      [1, 2, 3, 2],
      ['center', 'right', 'center', 'right'],
    ),
    p(`总分 ${r.totalLine}。`, { indent: false }),
    ...figure(charts.levels, 500, '各成熟度等级得分（虚线为满足线）'),
  );

  // ---- 三、分析报告
  children.push(
    h1(REPORT_HEADINGS.analysis),
    ...teamText('analysis'),
    h2(REPORT_HEADINGS.byDomain),
    p(
      '下表列出各能力域在 S1–S5 各等级的得分（0–1）及其权重；“逐级满足”为从 S1 起连续达到满足线的最高等级。' +
        '雷达图为各能力域 S1–S5 得分之和（0–5）。',
    ),
    ...table(
      '能力域等级得分',
      ['能力域', '权重', 'S1', 'S2', 'S3', 'S4', 'S5', '逐级满足'],
      r.domains.map((d) => [d.name, d.weight, ...d.scores, d.attained]),
      [2.4, 1, 1, 1, 1, 1, 1, 1.3],
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'center'],
    ),
    ...figure(charts.radar, 430, '能力域得分雷达图'),
    h2(REPORT_HEADINGS.bySubdomain),
    p('下表列出各能力子域（评分单元）在本行业中的权重及其在各等级的得分。'),
    ...table(
      '能力子域等级得分',
      ['能力域', '能力子域', '权重', 'S1', 'S2', 'S3', 'S4', 'S5', '逐级满足'],
      r.units.map((u) => [u.domain, u.name, u.weight, ...u.scores, u.attained]),
      [1.7, 2.4, 1.1, 0.9, 0.9, 0.9, 0.9, 0.9, 1.1],
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'center'],
    ),
    ...figure(charts.heatmap, 520, '能力子域 × 等级得分热力图'),
  );

  // ---- 四、优秀经验 / 五、短板不足
  const findings = (list: ReportFinding[]) => {
    const out: Paragraph[] = [];
    list.forEach((f, i) => {
      out.push(item([run(`${i + 1}. ${f.subject}：`, { bold: true }), run(f.summary)]));
      for (const q of f.requirements) {
        const ev = q.evidence.length ? `证据：${q.evidence.join('；')}` : '证据：—';
        out.push(
          item(
            [
              run(`${q.label}（${q.grade}）`, { bold: true, size: 19 }),
              run(` ${q.text}`, { size: 19 }),
              run(`\u3000${ev}${q.rationale ? `；评分说明：${q.rationale}` : ''}`, {
                size: 18,
                color: '595959',
              }),
            ],
            1,
          ),
        );
      }
    });
    return out;
  };
  children.push(
    h1(REPORT_HEADINGS.strengths),
    ...teamText('strengths'),
    p(data.strengths.intro),
    ...findings(data.strengths.findings),
    h1(REPORT_HEADINGS.weaknesses),
    ...teamText('weaknesses'),
    p(data.weaknesses.intro),
    ...findings(data.weaknesses.findings),
  );

  // ---- 六、改造建议
  const plan = data.plan;
  const headline = plan.measures.filter((m) => m.headline);
  const formulaNote =
    plan.formulaAlternative.length > 0
      ? [
          p([
            run('参考：公式最少项方案。', { bold: true }),
            run(
              '仅按总分区间计算、使提升为“全部满足”的要求条数最少的方案如下；它不保证逐级满足，可能依赖较高等级的要求，不作为建议：' +
                plan.formulaAlternative.join(''),
            ),
          ]),
        ]
      : [];

  children.push(
    h1(REPORT_HEADINGS.suggestions),
    ...teamText('recommendations'),
    p(plan.intro),
    ...(plan.profileNote ? [p(plan.profileNote)] : []),
    h2(REPORT_HEADINGS.enterprisePlan),
    ...plan.summary.map((s) => item([run('● '), run(s)])),
    ...formulaNote,
    h2(REPORT_HEADINGS.scenarioPlan),
    p('下表为各场景在各等级的得分（场景内各能力子域按权重加权）及本方案在该场景的措施。'),
    ...table(
      '各场景等级得分及措施',
      ['场景', '权重', 'S1', 'S2', 'S3', 'S4', 'S5', '措施'],
      plan.scenarios.map((s) => [s.name, s.weight, ...s.scores, s.focus]),
      [0.9, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 4.2],
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
  );
  if (headline.length > 0) {
    children.push(
      p(
        `按近期、中期、远期列出重点提升措施 ${headline.length} 项（全部 ${plan.measures.length} 项措施、${plan.steps.length} 条改进步骤见附录 B）：`,
      ),
      ...table(
        '重点提升措施',
        ['场景', '能力子域', '等级', '措施（要求编号）', '等级得分', '投入'],
        [],
        [0.8, 1.7, 0.6, 4, 1.5, 0.6],
        ['center', 'left', 'center', 'left', 'center', 'right'],
        plan.terms
          .map((t) => ({
            label: `${t.name}（${t.horizon}）：${t.levels} 逐级满足`,
            rows: headline
              .filter((m) => m.termId === t.id)
              .map((m) => [m.scenario, m.unit, m.level, m.action, m.effect, String(m.effort)]),
          }))
          .filter((g) => g.rows.length > 0),
      ),
      new Paragraph({
        spacing: { before: 60, after: 120 },
        children: [
          run(
            '注：要求编号为“能力子域 等级-条目编号”，带 * 者标准原文未编号，按位置计；投入为相对工作量估计（点）。',
            {
              size: 17,
              color: '595959',
            },
          ),
        ],
      }),
    );
  }
  // ---- A re-assessment: the comparison with the previous published result.
  const cmp = data.comparison;
  if (cmp) {
    const rows = (xs: { name: string; before: string; after: string; delta: string }[]) =>
      xs.map((x) => [x.name, x.before, x.after, x.delta]);
    const right: Align[] = ['left', 'right', 'right', 'right'];
    children.push(
      h1(COMPARISON_HEADING),
      p(
        `企业上次评估结果于${cmp.previousDateZh}发布，总分 ${cmp.previous.total}，评估结论为${cmp.previous.conclusion}；` +
          `本次总分 ${cmp.current.total}，评估结论为${cmp.current.conclusion}，总分变化 ${cmp.total.delta}。` +
          `与上次相比，${cmp.requirements.improved} 条要求的满足程度提高，${cmp.requirements.fell} 条下降。`,
      ),
      ...table(
        '两次评估的等级得分与能力域得分',
        ['项目', '上次', '本次', '变化'],
        [
          [cmp.total.name, cmp.total.before, cmp.total.after, cmp.total.delta],
          ...rows(cmp.levels),
          ...rows(cmp.domains),
        ],
        [3, 1, 1, 1],
        right,
      ),
    );
    if (cmp.unitsUp.length + cmp.unitsDown.length > 0)
      children.push(
        ...table('变化最大的能力子域', ['能力子域', '上次', '本次', '变化'], [], [3, 1, 1, 1], right, [
          ...(cmp.unitsUp.length ? [{ label: '提升', rows: rows(cmp.unitsUp) }] : []),
          ...(cmp.unitsDown.length ? [{ label: '回落', rows: rows(cmp.unitsDown) }] : []),
        ]),
      );
    children.push(
      p(
        cmp.plan.steps === 0
          ? '上次评估报告的“一企一策”方案没有改进步骤。'
          : `上次评估报告的“一企一策”方案${cmp.plan.target ? `（目标${cmp.plan.target}）` : ''}共 ${cmp.plan.steps} 条改进步骤：` +
              `已达到目标满足程度 ${cmp.plan.achieved} 条，有所提升但未达目标 ${cmp.plan.improved} 条，未见提升 ${cmp.plan.notAchieved} 条。`,
      ),
    );
  }
  // ---- Signature and approval page.
  const sign = (label: string) =>
    new Paragraph({
      spacing: { before: 360 },
      children: [run(`${label}：`, { font: headingFont }), run('________________________')],
    });
  children.push(
    h1(REPORT_HEADINGS.signature, true),
    ...table(
      '评估组签署',
      ['姓名', '职责', '专业领域', '签字', '日期'],
      (team.length ? team : [{ name: '', role: '组长', disciplines: [] }]).map((m) => [
        m.name,
        m.role,
        m.disciplines.join('、'),
        '',
        '',
      ]),
      [1.5, 1, 2.8, 2, 1.5],
      ['left', 'center', 'left', 'left', 'left'],
    ),
    sign('评估机构审核人'),
    sign('评估机构批准人'),
    new Paragraph({
      spacing: { before: 360 },
      children: [run(`评估机构（盖章）：${data.body.name || '________________'}`, { font: headingFont })],
    }),
    new Paragraph({
      spacing: { before: 240, after: 240 },
      children: [run(`批准日期：${data.dates.sealedZh ?? '______年____月____日'}`, { font: headingFont })],
    }),
    ...table(
      '结果封存信息',
      ['项目', '内容'],
      [
        ['报告编号', data.reportNumber],
        ['结果发布日期', data.dates.sealedZh ?? '未发布（草稿）'],
        ['封存哈希（SHA-256）', data.sealHash ?? '—'],
        ['验证码', data.verificationCode ?? '—'],
      ],
      [1.6, 5],
    ),
  );

  // ---- Appendices.
  children.push(
    h1(REPORT_HEADINGS.appendixCalc, true),
    p('本附录以精确分数列出计算过程，正文中的数值均由此四舍五入（跨越等级区间或满足线时截断）得到。'),
  );
  for (const c of data.appendix.calculations) {
    children.push(h3(c.title));
    for (const line of c.lines)
      children.push(
        new Paragraph({
          spacing: { after: 40, line: 280 },
          children: [run(line, { size: 17, font: headingFont })],
        }),
      );
  }
  children.push(h1(REPORT_HEADINGS.appendixSteps, true));
  if (plan.steps.length === 0) children.push(p('无需改进步骤。'));
  else
    children.push(
      p(
        '按期限、等级、场景排列；“要求编号”为能力子域、等级及标准中的条目编号（带 * 者标准原文未编号，按位置计）。',
      ),
      ...table(
        '改进步骤',
        ['序', '期限', '要求编号', '要求', '现状 → 目标', '等级得分增量', '投入', '累计总分'],
        plan.steps.map((s) => [
          String(s.no),
          s.term.replace(/（.*）/, ''),
          s.requirement,
          s.text,
          `${s.from} → ${s.to}`,
          s.gain,
          String(s.effort),
          s.totalAfter,
        ]),
        [0.5, 0.6, 1.6, 4.2, 1.4, 1, 0.6, 0.8],
        ['center', 'center', 'left', 'left', 'left', 'right', 'right', 'right'],
      ),
    );
  children.push(h1(REPORT_HEADINGS.appendixEvidence, true));
  if (data.evidence.length === 0) children.push(p('无证据记录。'));
  else
    children.push(
      ...table(
        '证据清单',
        ['序', '要求编号', '来源', '采集方式', '采集人', '日期', '文件', '说明'],
        data.evidence.map((e) => [
          String(e.no),
          e.requirement,
          e.kind,
          e.method,
          e.by,
          e.date,
          e.file,
          e.note,
        ]),
        [0.5, 1.8, 1, 1, 1, 1.3, 1.6, 2],
      ),
    );

  const headingRun = (size: number, color?: string) => ({
    font: { ascii: headingFont, eastAsia: headingFont, hAnsi: headingFont },
    size,
    bold: true,
    ...(color ? { color } : {}),
  });
  const doc = new Document({
    creator: data.body.name || 'dtma',
    title: `${data.title} — ${data.enterprise.name}`,
    subject: data.reportNumber,
    description: data.standard.citation,
    features: { updateFields: true },
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: bodyFont, eastAsia: bodyFont, hAnsi: bodyFont, cs: bodyFont },
            size: 21,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
        },
        heading1: {
          run: headingRun(30, '1F3864'),
          paragraph: { spacing: { before: 360, after: 200 }, keepNext: true, outlineLevel: 0 },
        },
        heading2: {
          run: headingRun(25, '2F5597'),
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, outlineLevel: 1 },
        },
        heading3: {
          run: headingRun(22),
          paragraph: { spacing: { before: 200, after: 100 }, keepNext: true, outlineLevel: 2 },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { margin: { top: 1440, bottom: 1300, left: 1418, right: 1418, header: 720, footer: 680 } },
        },
        headers: {
          first: new Header({ children: [new Paragraph({})] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '808080', space: 2 } },
                children: [
                  run(
                    `${data.title}${data.draft ? '（草稿）' : ''}\u3000\u3000报告编号：${data.reportNumber}`,
                    {
                      size: 17,
                      font: headingFont,
                    },
                  ),
                ],
              }),
            ],
          }),
        },
        footers: {
          first: new Footer({ children: [new Paragraph({})] }),
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: 18,
                    children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
