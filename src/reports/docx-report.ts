/**
 * The assessment report (评估报告, section 4.6.4) as a Word document: 基本情况, 总体评估, the level result with
 * the calculation, analysis by domain and sub-domain with charts, 优秀经验, 短板不足, 改进建议 and the 一企一策
 * plan at enterprise and scenario level. Every number comes from the exact scoring result and the planner;
 * decimals are displayed with the policy's `displayDecimals` (round half up).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { INDUSTRY_NAMES_ZH, LEVEL_CODES, type StandardModel } from '../model/types.js';
import { evaluate, indexInput } from '../planning/evaluate.js';
import { deriveInsights, type Insights } from '../planning/insights.js';
import { planImprovements } from '../planning/plan.js';
import type { GradeKey, ImprovementPlan, PlanningInput, PlanStep } from '../planning/types.js';
import { Rational } from '../exact/rational.js';
import type { Exact, ScoreResult } from '../scoring/index.js';
import { reportCharts, type ChartImage, type ReportCharts } from './charts.js';
import type { AssessmentInfo } from './common.js';

export interface ReportInput {
  model: StandardModel;
  result: ScoreResult;
  /** Planner input built from the same assessment (planningInputFromAssessment). */
  planning: PlanningInput;
  info: AssessmentInfo;
  /** Precomputed parts (computed when absent). */
  plan?: ImprovementPlan;
  insights?: Insights;
  charts?: ReportCharts;
  /** Body font (default Noto Serif CJK SC; headings use Noto Sans CJK SC). */
  bodyFont?: string;
  headingFont?: string;
}

export const REPORT_HEADINGS = {
  title: '有色金属企业数字化转型成熟度评估报告',
  basic: '一、基本情况',
  overall: '二、总体评估',
  levels: '三、成熟度等级结果与计算',
  analysis: '四、分析报告',
  byDomain: '4.1 能力域分析',
  bySubdomain: '4.2 能力子域分析',
  strengths: '五、优秀经验',
  weaknesses: '六、短板不足',
  suggestions: '七、改进建议与“一企一策”提升方案',
  enterprisePlan: '7.1 企业整体层面',
  scenarioPlan: '7.2 场景层面',
} as const;

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };
/** A4 text width with 2.5 cm margins, in twips (21 cm − 5 cm = 16 cm). */
const TEXT_WIDTH = 9070;

function fmtE(e: Exact | null | undefined): string {
  return e ? e.display : '—';
}

export async function buildReportDocx(input: ReportInput): Promise<Buffer> {
  const { model, result, info } = input;
  const digits = result.policy.displayDecimals;
  const fmt = (r: Rational): string => r.toDecimalString(digits);
  const ix = indexInput(input.planning);
  const before = evaluate(ix);
  const plan = input.plan ?? planImprovements(input.planning);
  const insights = input.insights ?? deriveInsights(ix, { before });
  const charts = input.charts ?? reportCharts(result);
  const bodyFont = input.bodyFont ?? 'Noto Serif CJK SC';
  const headingFont = input.headingFont ?? 'Noto Sans CJK SC';
  const gradeLabel = new Map(model.satisfaction.map((g) => [g.key, g.label] as const));
  const label = (k: GradeKey): string => gradeLabel.get(k) ?? k;
  const band = model.levels.find((b) => b.level === result.conclusion.level);

  const p = (
    text: string,
    opts: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
  ) =>
    new Paragraph({
      alignment: opts.align,
      spacing: { after: 100, line: 360 },
      children: [new TextRun({ text, bold: opts.bold })],
    });
  const h1 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
  const h2 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
  const h3 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_3 });
  const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 }, spacing: { after: 60 } });
  const cell = (
    text: string,
    o: { header?: boolean; width?: number; align?: 'center' | 'left' | 'right' } = {},
  ) =>
    new TableCell({
      borders: BORDERS,
      verticalAlign: VerticalAlign.CENTER,
      ...(o.width ? { width: { size: o.width, type: WidthType.DXA } } : {}),
      ...(o.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E1F2' } } : {}),
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [
        new Paragraph({
          alignment:
            o.align === 'center'
              ? AlignmentType.CENTER
              : o.align === 'right'
                ? AlignmentType.RIGHT
                : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: o.header, size: 18 })],
        }),
      ],
    });
  /** A table; `widths` are relative and scaled to the text width. */
  const table = (
    header: string[],
    rows: string[][],
    widths: number[],
    align?: ('center' | 'left' | 'right')[],
  ) => {
    const sum = widths.reduce((a, b) => a + b, 0);
    const w = widths.map((x) => Math.floor((x / sum) * TEXT_WIDTH));
    return new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: w,
      rows: [
        new TableRow({
          tableHeader: true,
          children: header.map((h, i) => cell(h, { header: true, width: w[i]!, align: 'center' })),
        }),
        ...rows.map(
          (r) =>
            new TableRow({
              cantSplit: true,
              children: r.map((t, i) => cell(t, { width: w[i]!, align: align?.[i] ?? 'left' })),
            }),
        ),
      ],
    });
  };
  const image = (c: ChartImage, widthPx: number) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type: 'png',
          data: c.png,
          transformation: { width: widthPx, height: Math.round((c.height / c.width) * widthPx) },
        }),
      ],
    });
  const caption = (text: string) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [new TextRun({ text, size: 18, italics: true })],
    });

  const children: (Paragraph | Table)[] = [];
  // Title.
  children.push(
    new Paragraph({ spacing: { before: 1800 } }),
    new Paragraph({
      text: REPORT_HEADINGS.title,
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 600, after: 200 },
      children: [new TextRun({ text: info.enterprise, size: 32, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: `评估依据：${model.meta.title}（${model.meta.id}）`, size: 22 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: `报告日期：${info.reportDate ?? ''}`, size: 22 })],
    }),
    new Paragraph({ children: [new PageBreak()] }),
  );

  // 一、基本情况
  const period = [info.assessedFrom, info.assessedTo].filter(Boolean).join(' 至 ') || '—';
  const team = (info.team ?? []).map((m) => (m.role ? `${m.name}（${m.role}）` : m.name)).join('、') || '—';
  children.push(
    h1(REPORT_HEADINGS.basic),
    table(
      ['项目', '内容'],
      [
        ['企业名称', info.enterprise],
        [
          '所属行业',
          `${INDUSTRY_NAMES_ZH[info.industry]}（评分标准：附录 A 基础共性指标 + 附录 B ${INDUSTRY_NAMES_ZH[info.industry]}行业特性指标）`,
        ],
        ['评估模型', `${model.meta.title}（版本 ${model.meta.id}，${model.meta.status}）`],
        ['评估日期', period],
        ['报告日期', info.reportDate ?? '—'],
        ['评估组', team],
        [
          '评估要求条数',
          `${result.units.reduce((a, u) => a + u.total, 0)} 条（已评分 ${result.units.reduce((a, u) => a + u.answered, 0)} 条）`,
        ],
        ...(info.profile ? [['企业概况', info.profile]] : []),
      ],
      [1, 4],
    ),
  );

  // 二、总体评估
  const conclusionText = result.conclusion.belowLevel1
    ? '未达到一级（规范级）'
    : `${result.conclusion.ordinal} ${result.conclusion.name}`;
  children.push(
    h1(REPORT_HEADINGS.overall),
    p(
      `经评估，${info.enterprise}数字化转型成熟度总分 S = ${result.total.display}，处于区间 ${result.conclusion.interval}，` +
        `评估结论为：${conclusionText}。`,
      { bold: true },
    ),
  );
  if (band) children.push(p(`层级说明：${band.description}`));
  if (!result.complete) {
    children.push(
      p(`注意：本评估尚有 ${result.missing.length} 条要求未评分，按 0 分计入，结论为阶段性结果。`),
    );
  }

  // 三、等级结果与计算
  const thr = result.policy.levelMetThreshold;
  const cmp = result.policy.levelMetComparison === 'at-least' ? '≥' : '>';
  children.push(
    h1(REPORT_HEADINGS.levels),
    p(
      `各成熟度等级得分 L = Σ α·B（能力域权重 α × 能力域等级得分 B），B = Σ β·C（能力子域权重 β × 能力子域等级得分 C），` +
        `C 为该等级下各条要求得分（${model.satisfaction.map((g) => `${g.label} ${g.score}`).join('，')}）的算术平均值。` +
        `等级得分 ${cmp} ${thr} 视为满足该等级，计 1 分；不满足的等级按实际得分计入。` +
        (result.policy.gating ? '（启用逐级判定：低等级未满足时，高等级不计为满足。）' : ''),
    ),
    table(
      ['等级', '等级得分', `是否满足（${cmp}${thr}）`, '计入总分'],
      result.levels.map((l) => [
        l.level,
        l.score.display,
        l.met ? (l.counted ? '满足' : '满足（低等级未满足，不计）') : '不满足',
        l.contribution.display,
      ]),
      [1, 2, 3, 2],
      ['center', 'right', 'center', 'right'],
    ),
    p(
      `总分 S = ${result.levels.map((l) => l.contribution.display).join(' + ')} = ${result.total.display}` +
        `（精确值 ${before.total.toFractionString()}）。`,
    ),
    image(charts.levels, 520),
    caption('图 1 各成熟度等级得分（虚线为满足线）'),
  );

  // 四、分析报告
  children.push(h1(REPORT_HEADINGS.analysis), h2(REPORT_HEADINGS.byDomain));
  children.push(
    p(
      '下表列出各能力域在 S1–S5 各等级的得分 B（0–1），雷达图为各能力域 S1–S5 得分之和（0–5）。' +
        `达到等级指从 S1 起连续满足（${cmp}${thr}）的最高等级。`,
    ),
    table(
      ['能力域', ...LEVEL_CODES, '达到等级'],
      insights.domains.map((d) => [
        d.name,
        ...LEVEL_CODES.map((l) => fmt(d.scores[l])),
        d.attained ? `S${d.attained}` : '—',
      ]),
      [3, 1.3, 1.3, 1.3, 1.3, 1.3, 1.6],
      ['left', 'right', 'right', 'right', 'right', 'right', 'center'],
    ),
    image(charts.radar, 460),
    caption('图 2 能力域得分雷达图'),
    h2(REPORT_HEADINGS.bySubdomain),
    p('下表列出各能力子域（评分单元）在各等级的得分 C 及其在本行业中的权重。'),
    table(
      ['能力域', '能力子域', '权重', ...LEVEL_CODES, '达到等级'],
      insights.units.map((u) => [
        u.domainName,
        u.name,
        `${u.weight.mul(Rational.of(100)).toDecimalString(digits)}%`,
        ...LEVEL_CODES.map((l) => fmtE(result.units.find((x) => x.id === u.id)?.levels[l])),
        u.attained ? `S${u.attained}` : '—',
      ]),
      [2.2, 3.4, 1.4, 1.1, 1.1, 1.1, 1.1, 1.1, 1.4],
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'center'],
    ),
    image(charts.heatmap, 520),
    caption('图 3 能力子域 × 等级得分热力图'),
  );

  // 五、优秀经验
  children.push(h1(REPORT_HEADINGS.strengths));
  if (insights.strengths.domains.length + insights.strengths.units.length === 0) {
    children.push(p('各能力域、能力子域均未在任何等级达到满足线，暂无可总结的优秀经验。'));
  } else {
    for (const s of insights.strengths.domains)
      children.push(bullet(`能力域“${s.entity.name}”：${s.reason}。`));
    for (const s of insights.strengths.units) {
      children.push(bullet(`能力子域“${s.entity.name}”（${s.entity.domainName}）：${s.reason}。`));
    }
  }

  // 六、短板不足
  children.push(h1(REPORT_HEADINGS.weaknesses));
  if (insights.weaknesses.units.length === 0) {
    children.push(p('在高于当前结论的等级上，各能力子域均已达到满足线。'));
  } else {
    const lv = [...new Set(insights.weaknesses.units.map((w) => w.level))].join('、');
    children.push(
      p(`以下为在 ${lv} 等级（当前结论之上）得分低于满足线、对等级得分影响最大的能力域与能力子域：`),
    );
    for (const w of insights.weaknesses.domains)
      children.push(bullet(`能力域“${w.entity.name}”：${w.reason}。`));
    for (const w of insights.weaknesses.units) {
      children.push(bullet(`能力子域“${w.entity.name}”（${w.entity.domainName}）：${w.reason}。`));
    }
  }

  // 七、改进建议与一企一策
  children.push(h1(REPORT_HEADINGS.suggestions));
  children.push(
    p(
      '提升方案按“最少改进条数”计算：在保持其他评分不变的前提下，找出使评估结论提升至目标等级所需提升为“全部满足”的最少要求集合' +
        '（同等条数下取总分最高者），并按每条要求带来的等级得分增量排序。注意等级得分达到满足线后按 1 分计入，' +
        '故接近满足线的等级上的改进对总分的贡献可能大于其本身的增量。' +
        (info.profile ? `结合企业情况（${info.profile}），建议按下列顺序分步实施。` : ''),
    ),
    h2(REPORT_HEADINGS.enterprisePlan),
  );
  if (plan.targets.length === 0) children.push(p('企业已达到最高等级（五级 生态级），建议保持并持续优化。'));
  for (const t of plan.targets) {
    children.push(h3(`目标：${t.ordinal} ${t.name}（总分 ≥ ${fmt(t.min)}）`));
    if (!t.reachable) {
      children.push(p('在现有评分要求下，即使全部要求均达到“全部满足”也无法达到该等级。'));
      continue;
    }
    const levelsChanged = LEVEL_CODES.filter(
      (l, i) => !t.after.levels[i]!.score.eq(t.before.levels[i]!.score),
    );
    children.push(
      p(
        `至少需将 ${t.steps.length} 条要求提升为“全部满足”，总分由 ${fmt(t.before.total)} 提升至 ${fmt(t.after.total)}` +
          `（结论 ${t.after.conclusion} 级）。涉及等级：` +
          levelsChanged
            .map((l) => {
              const i = LEVEL_CODES.indexOf(l);
              const b = t.before.levels[i]!;
              const a = t.after.levels[i]!;
              return `${l} ${fmt(b.score)}→${fmt(a.score)}${a.met && !b.met ? '（达到满足线）' : ''}`;
            })
            .join('，') +
          '。',
      ),
      stepTable(t.steps),
    );
  }
  function stepTable(steps: PlanStep[]): Table {
    return table(
      ['序', '能力域 / 子域', '等级', '要求', '现状 → 目标', '等级得分增量', '累计总分'],
      steps.map((s) => [
        String(s.rank),
        `${s.domainName} / ${s.unitName}`,
        `${s.level}-${s.seq}`,
        s.text,
        `${label(s.from)} → ${label(s.to)}` +
          (s.sufficientGrade !== s.to ? `（至少${label(s.sufficientGrade)}）` : ''),
        `+${s.gain.toDecimalString(Math.max(digits, 4))}`,
        fmt(s.after.total),
      ]),
      [0.6, 2.2, 0.9, 6, 2, 1.4, 1.2],
      ['center', 'left', 'center', 'left', 'left', 'right', 'right'],
    );
  }

  children.push(h2(REPORT_HEADINGS.scenarioPlan));
  children.push(
    p(
      `场景划分：${plan.scenarios.map((s) => `${s.name}（${s.domainIds.map((id) => result.domains.find((d) => d.id === id)?.name ?? id).join('、')}）`).join('；')}。` +
        '下表为各场景在各等级的得分（场景内各能力子域按权重加权）及其占等级得分的权重。',
    ),
    table(
      ['场景', '权重', ...LEVEL_CODES],
      plan.scenarios.map((s) => [
        s.name,
        `${s.weight.mul(Rational.of(100)).toDecimalString(digits)}%`,
        ...LEVEL_CODES.map((l) => fmt(s.score[l])),
      ]),
      [2, 1.5, 1, 1, 1, 1, 1],
      ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  for (const s of plan.scenarios) {
    children.push(h3(`${s.name}场景`));
    const weakest = LEVEL_CODES.slice(before.conclusion, before.conclusion + 2);
    const lines: string[] = [];
    for (const t of plan.targets) {
      const g = t.byScenario.find((x) => x.id === s.id);
      const steps = t.steps.filter((x) => x.scenarioId === s.id);
      if (!g || steps.length === 0) {
        lines.push(`达到${t.ordinal}（${t.name}）的最少改进方案不涉及本场景。`);
        continue;
      }
      const gains = LEVEL_CODES.filter((l) => g.gainByLevel[l])
        .map((l) => `${l} +${g.gainByLevel[l]!.toDecimalString(Math.max(digits, 4))}`)
        .join('，');
      lines.push(
        `达到${t.ordinal}（${t.name}）需在本场景提升 ${g.stepCount} 条要求（等级得分增量：${gains}），` +
          `重点：${[...new Set(steps.map((x) => x.unitName))].join('、')}。`,
      );
    }
    if (weakest.length > 0) {
      lines.push(
        `本场景 ${weakest.map((l) => `${l} 得分 ${fmt(s.score[l])}`).join('，')}` +
          `（满足线 ${thr}），占等级得分权重 ${s.weight.mul(Rational.of(100)).toDecimalString(digits)}%。`,
      );
    }
    for (const line of lines) children.push(bullet(line));
  }

  const doc = new Document({
    creator: 'dtma',
    title: `${REPORT_HEADINGS.title} — ${info.enterprise}`,
    styles: {
      default: {
        document: {
          run: { font: { ascii: bodyFont, eastAsia: bodyFont, hAnsi: bodyFont, cs: bodyFont }, size: 21 },
        },
        heading1: {
          run: {
            font: { ascii: headingFont, eastAsia: headingFont, hAnsi: headingFont },
            size: 30,
            bold: true,
            color: '1F3864',
          },
          paragraph: { spacing: { before: 360, after: 160 } },
        },
        heading2: {
          run: {
            font: { ascii: headingFont, eastAsia: headingFont, hAnsi: headingFont },
            size: 26,
            bold: true,
            color: '2F5597',
          },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        heading3: {
          run: {
            font: { ascii: headingFont, eastAsia: headingFont, hAnsi: headingFont },
            size: 23,
            bold: true,
          },
          paragraph: { spacing: { before: 200, after: 100 } },
        },
        title: {
          run: {
            font: { ascii: headingFont, eastAsia: headingFont, hAnsi: headingFont },
            size: 44,
            bold: true,
          },
        },
      },
    },
    sections: [
      {
        properties: { page: { margin: { top: 1418, bottom: 1418, left: 1418, right: 1418 } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
