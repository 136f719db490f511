/**
 * The report-data builder: from the process aggregate (`Assessment`, src/process/types.ts) — or, for score files
 * and workbooks, from a `ReportSource` with whatever is known — and the model, everything the writers print
 * (`ReportData`, report-data.ts). Pure: no database, no clock, no file system; the caller passes the names of
 * the enterprise, the body and the users.
 *
 * Decisions
 * - Report number: `DTMA-<year>-<8 hex>`, the year of the report date and the first 8 hex digits (upper case) of
 *   sha256("<body org id>:<assessment id>"): deterministic, the same for every rendering of one assessment,
 *   unique in practice (no number is stored yet; a stored one, `ReportSource.reportNumber`, takes precedence).
 * - Verification code: the first 16 hex digits of the seal hash in groups of four (3F2A-01C9-D7E2-88B1); the
 *   signature page prints the whole hash, so the code can be checked against the platform's published seal.
 * - Dates (China time, 年月日 with Arabic numerals, e.g. 2026年11月25日): the report date of a sealed result is the
 *   seal's date, else the date the report was issued for communication, else the date the result was frozen,
 *   else the date given for a file; never "today" for a sealed result. The assessment period is the formal
 *   plan's dates (else the pre-assessment plan's, else the meetings').
 * - Strengths come from the levels the enterprise meets (units that meet S1…k with their fully met requirements
 *   and evidence), weaknesses from the levels it does not meet (the lowest two unmet levels, the units below the
 *   threshold there with their unmet requirements); one sentence explains a conclusion whose own level is not met
 *   (Table 3 judges the sum).
 */
import { createHash } from 'node:crypto';
import { effectiveUnits } from '../model/effective.js';
import {
  ENTERPRISE_SIZE_NAMES_ZH,
  INDUSTRY_NAMES_ZH,
  LEVEL_CODES,
  type IndustryId,
  type LevelCode,
  type ScoringPolicy,
  type StandardModel,
} from '../model/types.js';
import { gradeKeyOf, planningInputFromEffective } from '../planning/build.js';
import { evaluate, indexInput, passes } from '../planning/evaluate.js';
import { formatLevelScore, formatTotal } from '../planning/format.js';
import { entityScores, type ScoredEntity } from '../planning/insights.js';
import { planLevelConsistent, type ConsistentPlan, type EnterpriseProfile } from '../planning/level-plan.js';
import { planImprovements } from '../planning/plan.js';
import type { GradeKey, PlanningInput } from '../planning/types.js';
import {
  DISCIPLINE_NAMES_ZH,
  EVIDENCE_METHOD_NAMES_ZH,
  FINDING_KIND_NAMES_ZH,
  FINDING_SEVERITY_NAMES_ZH,
  FINDING_STATUS_NAMES_ZH,
  PLAN_KIND_NAMES_ZH,
  REPORT_SECTIONS,
  REPORT_SECTION_NAMES_ZH,
  type Assessment,
  type Contest,
  type Discipline,
  type EvidenceItem,
  type EvidenceMethod,
  type Finding,
  type Meeting,
  type PlanDoc,
  type ReportSection,
} from '../process/types.js';
import {
  compileScoring,
  score,
  type CompiledScoring,
  type ScoreResult,
  type ScoreValue,
} from '../scoring/index.js';
import { Rational } from '../exact/rational.js';
import {
  REPORT_DATA_VERSION,
  type ReportData,
  type ReportFinding,
  type ReportRequirementRef,
} from './report-data.js';

export const REPORT_TITLE = '有色金属企业数字化转型成熟度评估报告';

/** Names the aggregate refers to by id. */
export interface ReportNames {
  enterprise: string;
  body: string;
  /** User id → display name, for evidence collectors, plan people and seal (team members are named already). */
  users?: Readonly<Record<string, string>>;
}

/** What is known about one assessment; only `modelId`, `industry`, `scores` and `enterprise` are required. */
export interface ReportSource {
  assessmentId?: string;
  bodyOrgId?: string;
  modelId: string;
  industry: IndustryId;
  /** Team scores: requirement id → grade (1 | 0.8 | … , a key or a label). */
  scores: Readonly<Record<string, ScoreValue>>;
  enterprise: string;
  body?: string;
  reportNumber?: string;
  team?: { name: string; role: 'leader' | 'member' | string; disciplines?: readonly string[] }[];
  plans?: readonly PlanDoc[];
  meetings?: readonly Meeting[];
  evidence?: readonly EvidenceItem[];
  contests?: readonly Contest[];
  findings?: readonly Finding[];
  sections?: Partial<Record<ReportSection, string>>;
  /** Consensus rationale and workbook notes by requirement id. */
  notes?: Readonly<Record<string, { evidence?: string; rationale?: string }>>;
  seal?: { at: string; hash: string };
  issuedAt?: string;
  frozenAt?: string;
  /** Dates for a file without a process (YYYY-MM-DD). */
  assessedFrom?: string;
  assessedTo?: string;
  reportDate?: string;
  userNames?: Readonly<Record<string, string>>;
  profile?: EnterpriseProfile;
  /** Accept missing scores (counted as 0): a draft. */
  partial?: boolean;
}

export interface ReportOptions {
  /** Conclusion level the plan aims at (default: three levels beyond the consistent one, at most 5). */
  target?: number;
  policy?: Partial<ScoringPolicy>;
}

// ---------------------------------------------------------------------------------------------------------
// small helpers

/** 2026年11月25日 from YYYY-MM-DD or an ISO date-time (China time, UTC+8). */
export function zhDate(value: string): string {
  const d = isoDateChina(value);
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

/** YYYY-MM-DD of a date or an ISO date-time in China time. */
export function isoDateChina(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new Error(`report: not a date: ${value}`);
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
}

function zhPeriod(from: string | undefined, to: string | undefined): string | null {
  if (!from && !to) return null;
  if (!from || !to || isoDateChina(from) === isoDateChina(to)) return zhDate((from ?? to)!);
  return `${zhDate(from)}至${zhDate(to)}`;
}

export function reportNumberOf(bodyOrgId: string, assessmentId: string, reportDate: string): string {
  const hex = createHash('sha256')
    .update(`${bodyOrgId}:${assessmentId}`)
    .digest('hex')
    .slice(0, 8)
    .toUpperCase();
  return `DTMA-${isoDateChina(reportDate).slice(0, 4)}-${hex}`;
}

export function verificationCodeOf(sealHash: string): string {
  return sealHash.slice(0, 16).toUpperCase().match(/.{4}/g)?.join('-') ?? '';
}

const compiledCache = new WeakMap<StandardModel, Map<string, CompiledScoring>>();
function compiledFor(
  model: StandardModel,
  industry: IndustryId,
  policy?: Partial<ScoringPolicy>,
): CompiledScoring {
  if (policy && Object.keys(policy).length > 0) return compileScoring(model, industry, policy);
  let m = compiledCache.get(model);
  if (!m) compiledCache.set(model, (m = new Map()));
  let c = m.get(industry);
  if (!c) m.set(industry, (c = compileScoring(model, industry)));
  return c;
}

const pct = (r: Rational, digits: number): string => `${r.mul(Rational.of(100)).toDecimalString(digits)}%`;
const exact = (e: { num: number; den: number }): Rational => Rational.of(e.num, e.den);

// ---------------------------------------------------------------------------------------------------------
// the aggregate → a source

/** Report data of an assessment of the process (the service layer and `dtma report ASSESSMENT_ID` call this). */
export function buildAssessmentReport(input: {
  assessment: Assessment;
  model: StandardModel;
  names: ReportNames;
  profile?: EnterpriseProfile;
  options?: ReportOptions;
}): ReportData {
  const { assessment: a, model, names } = input;
  if (!a.result) throw new Error(`report: assessment ${a.id} has no frozen result`);
  const notes: Record<string, { evidence?: string; rationale?: string }> = {};
  for (const [rid, e] of Object.entries(a.consensus))
    if (e.rationale) notes[rid] = { rationale: e.rationale };
  const users: Record<string, string> = { ...(names.users ?? {}) };
  for (const m of a.team?.members ?? []) users[m.expert.userId] = m.expert.name;
  return buildReportData(
    model,
    {
      assessmentId: a.id,
      bodyOrgId: a.bodyOrgId,
      modelId: a.result.modelId,
      industry: a.industry,
      scores: a.result.teamScores,
      enterprise: names.enterprise,
      body: names.body,
      team: [...(a.team?.members ?? [])]
        .sort((x, y) => (x.role === 'leader' ? -1 : y.role === 'leader' ? 1 : 0))
        .map((m) => ({ name: m.expert.name, role: m.role, disciplines: m.expert.disciplines })),
      plans: (['pre', 'formal'] as const).map((k) => a.plans[k]).filter((p): p is PlanDoc => !!p),
      meetings: [a.meetings.first, a.meetings.final].filter((m): m is Meeting => !!m),
      evidence: [...a.evidence, ...a.contests.flatMap((c) => c.evidence)],
      contests: a.contests,
      findings: a.findings ?? [],
      ...(a.report ? { sections: a.report.sections } : {}),
      notes,
      ...(a.seal ? { seal: { at: a.seal.at, hash: a.seal.hash } } : {}),
      ...(a.report?.issuedAt ? { issuedAt: a.report.issuedAt } : {}),
      frozenAt: a.result.frozenAt,
      userNames: users,
      ...(input.profile ? { profile: input.profile } : {}),
    },
    input.options,
  );
}

// ---------------------------------------------------------------------------------------------------------
// the builder

export function buildReportData(
  model: StandardModel,
  src: ReportSource,
  options: ReportOptions = {},
): ReportData {
  if (model.meta.id !== src.modelId)
    throw new Error(`report: model ${model.meta.id} given for ${src.modelId}`);
  const compiled = compiledFor(model, src.industry, options.policy);
  const eff = compiled.effective;
  const digits = compiled.policy.displayDecimals;
  const result: ScoreResult = score(compiled, src.scores, { partial: src.partial ?? false, trace: true });
  const grades = new Map<string, GradeKey>();
  for (const [rid, v] of Object.entries(src.scores)) {
    const k = v === null || v === undefined ? undefined : gradeKeyOf(model.satisfaction, v);
    if (k) grades.set(rid, k);
  }
  const planning: PlanningInput = planningInputFromEffective(eff, grades);
  const ix = indexInput(planning);
  const before = evaluate(ix);
  const policy = planning.policy;
  const fmtTotal = (r: Rational) => formatTotal(r, digits, planning.bands);
  const fmtLevel = (r: Rational) => formatLevelScore(r, digits, policy);
  const thr = policy.threshold.toDecimalString(1);
  const cmp = policy.comparison === 'at-least' ? '≥' : '>';
  const gradeLabel = new Map(model.satisfaction.map((g) => [g.key, g.label] as const));
  const users = src.userNames ?? {};
  const nameOf = (id: string) => users[id] ?? id;

  // Requirement lookup (labels for the report).
  const reqInfo = new Map<
    string,
    { unit: string; domain: string; level: LevelCode; label: string; text: string }
  >();
  for (const u of effectiveUnits(eff)) {
    for (const l of LEVEL_CODES) {
      for (const r of u.levels[l].requirements) {
        reqInfo.set(r.id, {
          unit: u.name,
          domain: eff.domains.find((d) => d.id === u.domainId)?.name ?? '',
          level: l,
          label: `${u.name} ${l}-${r.label ?? `${r.seq}*`}`,
          text: r.display ?? r.text,
        });
      }
    }
  }
  const reqLabel = (id: string) => reqInfo.get(id)?.label ?? id;

  // Dates.
  const reportIso = src.seal?.at ?? src.issuedAt ?? src.frozenAt ?? src.reportDate;
  if (!reportIso) throw new Error('report: no report date (no seal, no issue or freeze date, none given)');
  const reportDate = isoDateChina(reportIso);
  const formal = src.plans?.find((p) => p.kind === 'formal') ?? src.plans?.[0];
  const meetings = src.meetings ?? [];
  const periodZh =
    (formal ? zhPeriod(formal.startDate, formal.endDate) : null) ??
    zhPeriod(src.assessedFrom, src.assessedTo) ??
    (meetings.length ? zhPeriod(meetings[0]!.heldAt, meetings[meetings.length - 1]!.heldAt) : null);
  const reportNumber =
    src.reportNumber ??
    reportNumberOf(src.bodyOrgId ?? src.body ?? '', src.assessmentId ?? src.enterprise, reportDate);

  // Evidence by requirement.
  const evidenceOf = new Map<string, string[]>();
  for (const e of src.evidence ?? []) {
    const what = [e.file?.name, e.note].filter(Boolean).join('：');
    if (what) evidenceOf.set(e.requirementId, [...(evidenceOf.get(e.requirementId) ?? []), what]);
  }
  for (const [rid, n] of Object.entries(src.notes ?? {})) {
    if (n.evidence) evidenceOf.set(rid, [...(evidenceOf.get(rid) ?? []), n.evidence]);
  }
  const refOf = (id: string, grade: GradeKey): ReportRequirementRef => ({
    id,
    label: reqLabel(id),
    text: reqInfo.get(id)?.text ?? id,
    grade: gradeLabel.get(grade) ?? grade,
    evidence: evidenceOf.get(id) ?? [],
    rationale: src.notes?.[id]?.rationale ?? '',
  });

  // Result tables.
  const conclusion = result.conclusion;
  const band = model.levels.find((b) => b.level === conclusion.level);
  const conclusionText = conclusion.belowLevel1
    ? '未达到一级（规范级）'
    : `${conclusion.ordinal}（${conclusion.name}）`;
  const consistentLevel = before.levels.findIndex((l) => !l.thresholdMet);
  const k = consistentLevel < 0 ? 5 : consistentLevel;
  const unmetAtOrBelow = before.levels.slice(0, conclusion.level).filter((l) => !l.thresholdMet);
  const consistencyNote =
    unmetAtOrBelow.length > 0
      ? `按表 3，成熟度等级依据总分 S（各等级计入分值之和）判定：${unmetAtOrBelow
          .map((l) => `${l.level} 等级得分 ${fmtLevel(l.score)}`)
          .join('、')} 未达到满足线 ${thr}，总分 ${fmtTotal(before.total)} 由${
          k > 0 ? ` S1${k > 1 ? `–S${k}` : ''} 各计 1 分与` : ''
        }其余等级的实际得分相加而得，故结论为${conclusionText}，而${unmetAtOrBelow.map((l) => l.level).join('、')} 等级本身尚未满足。`
      : null;
  const levelRows = before.levels.map((l) => ({
    level: l.level,
    score: fmtLevel(l.score),
    met: l.met,
    counted: l.met ? '1' : fmtLevel(l.score),
    status: l.met ? '满足' : l.thresholdMet ? '满足（低等级未满足，不计）' : '不满足',
  }));
  const totalLine = `S = ${levelRows.map((l) => l.counted).join(' + ')} = ${fmtTotal(before.total)}`;
  const { units: unitScores, domains: domainScores } = entityScores(ix);
  const attainedText = (e: ScoredEntity) => (e.attained ? `S${e.attained}` : '—');
  const domainRows = domainScores.map((d) => ({
    name: d.name,
    weight: pct(d.weight, 0),
    scores: LEVEL_CODES.map((l) => fmtLevel(d.scores[l])),
    attained: attainedText(d),
  }));
  const unitRows = unitScores.map((u) => ({
    domain: u.domainName,
    name: u.name,
    weight: pct(u.weight, digits),
    scores: LEVEL_CODES.map((l) => fmtLevel(u.scores[l])),
    attained: attainedText(u),
  }));

  // Strengths: from the levels met.
  const metLevels = before.levels.filter((l) => l.thresholdMet).map((l) => l.level);
  const reqsAt = (unitId: string, level: LevelCode) =>
    planning.requirements.filter((r) => r.unitId === unitId && r.level === level);
  const strongUnits = unitScores
    .filter((u) => u.attained >= 1)
    .sort((a, b) => b.attained - a.attained || b.weight.cmp(a.weight))
    .slice(0, 8);
  const strengths: ReportFinding[] = strongUnits.map((u) => {
    const top = LEVEL_CODES[u.attained - 1]!;
    const span = u.attained === 1 ? 'S1' : `S1–${top}`;
    const next = LEVEL_CODES[u.attained];
    return {
      subject: `${u.name}（${u.domainName}）`,
      level: top,
      summary:
        `${span} 各等级得分均达到满足线（${top} 为 ${fmtLevel(u.scores[top])}）` +
        (next ? `，${next} 已得 ${fmtLevel(u.scores[next])}` : '') +
        (u.attained > k ? `，高于企业整体逐级满足的等级（S${k}）` : '') +
        '。',
      // Its best requirements at that level: 全部满足 first, then 大部分满足.
      requirements: reqsAt(u.id, top)
        .filter((r) => passes(ix.gradeByKey.get(r.grade)!.score, policy))
        .sort((a, b) => ix.gradeByKey.get(b.grade)!.score.cmp(ix.gradeByKey.get(a.grade)!.score))
        .slice(0, 3)
        .map((r) => refOf(r.id, r.grade)),
    };
  });
  const strengthIntro =
    metLevels.length > 0
      ? `企业 ${metLevels.join('、')} 等级得分达到满足线（${cmp}${thr}）。以下能力子域在这些等级上表现突出，列出其满足程度最高的要求及证据：`
      : strengths.length > 0
        ? `企业各等级得分均未达到满足线（${cmp}${thr}）；以下能力子域已逐级满足部分等级，可作为经验推广：`
        : `企业各等级得分均未达到满足线（${cmp}${thr}），各能力子域亦未达到任何等级，暂无可总结的优秀经验。`;

  // Weaknesses: from the lowest two unmet levels.
  const unmet = before.levels.filter((l) => !l.thresholdMet).slice(0, 2);
  const weaknesses: ReportFinding[] = [];
  for (const l of unmet) {
    const rows = unitScores
      .filter((u) => !passes(u.scores[l.level], policy) && !u.weight.isZero())
      .map((u) => ({ u, shortfall: u.weight.mul(Rational.ONE.sub(u.scores[l.level])) }))
      .sort((a, b) => b.shortfall.cmp(a.shortfall))
      .slice(0, 5);
    for (const { u, shortfall } of rows) {
      weaknesses.push({
        subject: `${u.name}（${u.domainName}）`,
        level: l.level,
        summary: `${l.level} 得分 ${fmtLevel(u.scores[l.level])}，低于满足线 ${thr}；权重 ${pct(u.weight, digits)}，使 ${l.level} 等级得分少 ${shortfall.toDecimalString(3)}。`,
        requirements: reqsAt(u.id, l.level)
          .filter((r) => r.grade !== 'full')
          .sort((a, b) => ix.gradeByKey.get(a.grade)!.score.cmp(ix.gradeByKey.get(b.grade)!.score))
          .slice(0, 3)
          .map((r) => refOf(r.id, r.grade)),
      });
    }
  }
  const weaknessIntro =
    unmet.length > 0
      ? `企业 ${unmet.map((l) => `${l.level}（${fmtLevel(l.score)}）`).join('、')} 等级得分未达到满足线 ${thr}。以下为使这些等级得分损失最大的能力子域，列出其未全部满足的要求：`
      : `企业各等级得分均达到满足线 ${thr}。`;

  // The plan.
  const plan = planLevelConsistent(planning, {
    ...(options.target !== undefined ? { target: options.target } : {}),
    ...(model.planningEffort ? { effort: model.planningEffort } : {}),
    ...(src.profile ? { profile: src.profile } : {}),
  });
  const planData = planSection(plan, planning, fmtTotal, fmtLevel, thr, gradeLabel, reqLabel, options);

  // Team, plans, meetings, evidence, contests.
  const team = (src.team ?? []).map((m) => ({
    name: m.name,
    role: m.role === 'leader' ? '组长' : m.role === 'member' ? '组员' : m.role,
    disciplines: (m.disciplines ?? []).map((d) => DISCIPLINE_NAMES_ZH[d as Discipline] ?? d),
  }));
  const plans = (src.plans ?? []).map((p) => ({
    kindName: PLAN_KIND_NAMES_ZH[p.kind],
    purpose: p.purpose,
    scope: p.scope,
    tasks: p.tasks,
    methods: p.methods.map((m) => EVIDENCE_METHOD_NAMES_ZH[m] ?? m),
    period: zhPeriod(p.startDate, p.endDate) ?? '',
    people: p.people.map(nameOf),
    schedule: p.schedule.map((s) => ({ date: zhDate(s.date), activity: s.activity })),
    confirmed: p.confirmed ? zhDate(p.confirmed.at) : null,
  }));
  const TOPICS: Record<string, string> = {
    purpose: '说明评估目的',
    methods: '介绍评估方法',
    schedule: '确定评估日程',
    team_introduction: '介绍评估人员',
    summary: '评估总结',
    results: '评估结果',
    strengths: '优秀经验',
    weaknesses: '短板不足',
  };
  const meetingRows = meetings.map((m) => ({
    kindName: m.kind === 'first' ? '首次会议' : '末次会议',
    date: zhDate(m.heldAt),
    minutes: m.minutes,
    attendees: m.attendees.map(
      (x) => `${x.name}（${x.side === 'team' ? '评估组' : x.side === 'enterprise' ? '企业' : '其他'}）`,
    ),
    topics: m.topics.map((t) => TOPICS[t] ?? t),
  }));
  const methodsUsed = new Set<string>();
  for (const p of src.plans ?? [])
    for (const m of p.methods) methodsUsed.add(EVIDENCE_METHOD_NAMES_ZH[m] ?? m);
  for (const e of src.evidence ?? [])
    if (e.method) methodsUsed.add(EVIDENCE_METHOD_NAMES_ZH[e.method as EvidenceMethod] ?? e.method);
  const evidence = (src.evidence ?? []).map((e, i) => ({
    no: i + 1,
    requirementId: e.requirementId,
    requirement: reqLabel(e.requirementId),
    kind: e.contestId ? '企业申诉提交' : e.kind === 'collected' ? '现场采集' : '企业提交',
    method: e.method ? (EVIDENCE_METHOD_NAMES_ZH[e.method] ?? e.method) : '—',
    by: nameOf(e.by),
    date: zhDate(e.at),
    file: e.file?.name ?? '—',
    note: e.note ?? '',
  }));
  for (const [rid, n] of Object.entries(src.notes ?? {})) {
    if (!n.evidence) continue;
    evidence.push({
      no: evidence.length + 1,
      requirementId: rid,
      requirement: reqLabel(rid),
      kind: '评分表记录',
      method: '—',
      by: '—',
      date: '—',
      file: '—',
      note: n.evidence,
    });
  }
  const contests = (src.contests ?? []).map((c) => ({
    requirement: reqLabel(c.requirementId),
    claim: c.claim,
    decision: c.answer ? (c.answer.decision === 'upheld' ? '采纳' : '不采纳') : '待答复',
    reason: c.answer?.reason ?? '',
    change:
      c.answer?.decision === 'upheld' && c.answer.newValue
        ? `${gradeLabel.get(gradeKeyOf(model.satisfaction, c.answer.previousValue)!)} → ${gradeLabel.get(gradeKeyOf(model.satisfaction, c.answer.newValue)!)}`
        : '—',
  }));

  const findings = (src.findings ?? []).map((f, i) => ({
    no: i + 1,
    kind: FINDING_KIND_NAMES_ZH[f.kind],
    severity: FINDING_SEVERITY_NAMES_ZH[f.severity],
    requirements: f.requirementIds.map(reqLabel),
    text: f.text,
    status: FINDING_STATUS_NAMES_ZH[f.status],
    rectification: f.rectification ? `${zhDate(f.rectification.at)}：${f.rectification.text}` : '—',
    date: zhDate(f.recordedAt),
  }));

  // Appendix: calculations with exact fractions.
  const calc = calculations(result, eff.domains, unitScores, fmtTotal);

  const profileText = src.profile
    ? [
        src.profile.size ? `${ENTERPRISE_SIZE_NAMES_ZH[src.profile.size]}企业` : '',
        src.profile.subSector ?? '',
        src.profile.description ?? '',
      ]
        .filter(Boolean)
        .join('，')
    : null;
  const statusZh = model.meta.status === 'draft' ? '草案' : model.meta.status;
  const body = src.body ?? '';
  return {
    version: REPORT_DATA_VERSION,
    draft: !src.seal,
    title: REPORT_TITLE,
    reportNumber,
    verificationCode: src.seal ? verificationCodeOf(src.seal.hash) : null,
    sealHash: src.seal?.hash ?? null,
    dates: {
      report: reportDate,
      reportZh: zhDate(reportDate),
      periodZh,
      frozenZh: src.frozenAt ? zhDate(src.frozenAt) : null,
      sealedZh: src.seal ? zhDate(src.seal.at) : null,
    },
    standard: {
      id: model.meta.id,
      title: model.meta.title,
      citation: `《${model.meta.title}》（${statusZh}）`,
      status: statusZh,
    },
    enterprise: {
      name: src.enterprise,
      industry: src.industry,
      industryName: INDUSTRY_NAMES_ZH[src.industry],
      profile: profileText || null,
    },
    body: { name: body },
    team,
    plans,
    meetings: meetingRows,
    sections: REPORT_SECTIONS.map((key) => ({
      key,
      title: REPORT_SECTION_NAMES_ZH[key],
      text: src.sections?.[key]?.trim() ? src.sections[key]!.trim() : null,
    })),
    scope: formal?.scope ?? null,
    methods: [...methodsUsed],
    evidence,
    contests,
    findings,
    result: {
      total: fmtTotal(before.total),
      conclusion: {
        level: conclusion.level,
        ordinal: conclusion.ordinal,
        name: conclusion.name,
        interval: conclusion.interval,
        description: band?.description ?? null,
      },
      conclusionText,
      consistentLevel: k,
      consistencyNote,
      complete: result.complete,
      missingCount: result.missing.length,
      requirementCount: compiled.ids.length,
      threshold: thr,
      comparison: cmp,
      levels: levelRows,
      totalLine,
      domains: domainRows,
      units: unitRows,
    },
    strengths: { intro: strengthIntro, findings: strengths },
    weaknesses: { intro: weaknessIntro, findings: weaknesses },
    plan: planData,
    charts: {
      levels: before.levels.map((l, i) => ({
        level: l.level,
        value: l.score.toNumber(),
        label: levelRows[i]!.score,
        met: l.met,
      })),
      threshold: policy.threshold.toNumber(),
      radar: domainScores.map((d) => ({
        name: d.name,
        value: LEVEL_CODES.reduce((a, l) => a + d.scores[l].toNumber(), 0),
      })),
      heatmap: unitScores.map((u) => ({
        label: `${u.name}（${u.domainName}）`,
        values: LEVEL_CODES.map((l) => u.scores[l].toNumber()),
      })),
    },
    appendix: { calculations: calc },
    statements: {
      independence:
        `${body || '评估机构'}及评估组成员与${src.enterprise}不存在咨询、设计、生产、销售等方面的利益关系；` +
        '评估组成员均已声明利益关系，评估活动以事实为依据，确保公平公正（依据标准 4.2.2）。',
      confidentiality:
        `本报告及评估过程中获取的资料仅用于本次评估，评估方不得泄露${src.enterprise}的商业机密或相关信息；` +
        '未经受评估企业与评估机构书面同意，不得复制、摘录或向第三方提供本报告（依据标准 4.2.2）。',
      responsibility:
        '评估方对评估结果的真实性负责，对存在疑问的内容有责任进行解释澄清（依据标准 4.2.2）。' +
        '本报告结论仅对本次评估范围及评估期间有效。',
    },
  };
}

// ---------------------------------------------------------------------------------------------------------

function planSection(
  plan: ConsistentPlan,
  planning: PlanningInput,
  fmtTotal: (r: Rational) => string,
  fmtLevel: (r: Rational) => string,
  thr: string,
  gradeLabel: Map<string, string>,
  reqLabel: (id: string) => string,
  options: ReportOptions,
): ReportData['plan'] {
  const label = (k: string) => gradeLabel.get(k) ?? k;
  const termName = new Map(plan.terms.map((t) => [t.id, `${t.name}（${t.horizon}）`] as const));
  const bandName = (level: number) => {
    const b = planning.bands.find((x) => x.level === level);
    return b ? `${b.ordinal}（${b.name}）` : `${level}级`;
  };
  const summary: string[] = [];
  const terms = plan.terms.map((t) => {
    const targets = plan.targets.filter((x) => x.term === t.id);
    const steps = plan.steps.filter((s) => s.term === t.id);
    const partial = steps.filter((s) => s.to !== 'full').length;
    const last = targets[targets.length - 1];
    const reachable = targets.every((x) => x.reachable);
    const levels = targets.map((x) => `S${x.level}`).join('、');
    const text = reachable
      ? `使 ${targets
          .map(
            (x) =>
              `S${x.level} 由 ${fmtLevel(plan.before.levels[x.level - 1]!.score)} 提升至 ${fmtLevel(x.after.levels[x.level - 1]!.score)}`,
          )
          .join('，')}，达到${bandName(last!.level)}的逐级满足：提升 ${steps.length} 条要求` +
        (partial ? `（其中 ${partial} 条提升至“大部分满足”即可）` : '') +
        `，投入估计 ${steps.reduce((a, s) => a + s.effort, 0)} 点，完成后总分 ${fmtTotal(last!.after.total)}。`
      : `${levels} 在现有要求下即使全部满足也无法达到满足线，需结合标准修订情况另行研究。`;
    summary.push(`${t.name}（${t.horizon}）：${text}`);
    return { id: t.id, name: t.name, horizon: t.horizon, levels, summary: text };
  });
  if (plan.targets.length === 0)
    summary.push(`企业已逐级满足 S1–S${plan.attained}，已达到最高等级，建议保持并持续优化。`);
  const measures = plan.measures.map((m) => {
    const full = m.stepCount - m.partialCount;
    return {
      termId: m.term,
      term: termName.get(m.term) ?? m.term,
      scenario: m.scenarioName,
      unit: m.unitName,
      subject: `${m.unitName}（${m.domainName}）`,
      level: m.level,
      action:
        [
          full ? `${full} 条要求提升至“全部满足”` : '',
          m.partialCount ? `${m.partialCount} 条提升至“大部分满足”` : '',
        ]
          .filter(Boolean)
          .join('，') +
        '：' +
        m.requirementIds
          .map(reqLabel)
          .map((x) => x.split(' ').pop())
          .join('、'),
      requirements: m.requirementIds.map(reqLabel),
      effect: `${m.level} ${fmtLevel(m.before)} → ${fmtLevel(m.after)}`,
      effort: m.effort,
      headline: m.headline,
    };
  });
  const steps = plan.steps.map((s) => ({
    no: s.rank,
    term: termName.get(s.term) ?? s.term,
    scenario: s.scenarioName,
    requirement: reqLabel(s.requirementId),
    requirementId: s.requirementId,
    text: s.display,
    from: label(s.from),
    to: label(s.to),
    gain: `+${s.gain.toDecimalString(4)}`,
    effort: s.effort,
    totalAfter: fmtTotal(s.after.total),
    totalAfterExact: s.after.total.toFractionString(),
  }));
  const scenarios = plan.scenarios.map((s) => {
    const ms = plan.measures.filter((m) => m.scenarioId === s.id);
    return {
      name: s.name,
      weight: `${s.weight.mul(Rational.of(100)).toDecimalString(1)}%`,
      scores: LEVEL_CODES.map((l) => fmtLevel(s.score[l])),
      focus: ms.length
        ? `${ms.length} 项措施：${[...new Set(ms.map((m) => m.unitName))].join('、')}`
        : '本方案不涉及本场景',
    };
  });
  // The formula-minimal alternative, for reference.
  const formula = planImprovements(planning, options.target !== undefined ? { target: options.target } : {});
  const formulaAlternative = formula.targets.map((t) => {
    if (!t.reachable) return `达到${t.ordinal}：即使全部要求均为“全部满足”也无法达到。`;
    const byLevel = t.byLevel.map((g) => `${g.id} ${g.stepCount} 条`).join('，');
    const unmetAfter = t.after.levels.slice(0, t.level).filter((l) => !l.thresholdMet);
    return (
      `达到${t.ordinal}（总分 ≥ ${t.min.toDecimalString(1)}）：将 ${t.steps.length} 条要求提升为“全部满足”（${byLevel}），总分 ${fmtTotal(t.after.total)}` +
      (unmetAfter.length
        ? `，但 ${unmetAfter.map((l) => `${l.level} 为 ${fmtLevel(l.score)}`).join('、')}，未逐级满足。`
        : '。')
    );
  });
  const effortNote = plan.effortTable.adaptations.length
    ? '已按企业规模调整各等级的投入系数。'
    : '企业规模、细分行业等信息未提供，投入按默认系数估计。';
  return {
    mode: 'level',
    intro:
      `本方案采用“逐级满足”原则编制：声明达到第 k 级，须 S1 至 Sk 各等级得分均达到满足线 ${thr}（此时总分必然进入相应区间）。` +
      '对每一等级，在保持其他评分不变的前提下，选取投入最小的要求提升组合（能提升至“大部分满足”即可达标的，不要求“全部满足”）；' +
      `投入按等级与提升幅度估计（${plan.effortTable.levelFactor.S1}、${plan.effortTable.levelFactor.S2}、${plan.effortTable.levelFactor.S3}、${plan.effortTable.levelFactor.S4}、${plan.effortTable.levelFactor.S5} 为 S1–S5 的等级系数）。` +
      '措施按近期、中期、远期分步实施，并从企业整体和生产、管理等场景两个层面组织（标准 4.6.4）。' +
      effortNote,
    profileNote: plan.profile
      ? `结合企业情况（${[plan.profile.size ? ENTERPRISE_SIZE_NAMES_ZH[plan.profile.size] + '企业' : '', plan.profile.subSector ?? '', plan.profile.description ?? ''].filter(Boolean).join('，')}）编制。`
      : null,
    summary,
    terms,
    scenarios,
    measures,
    steps,
    formulaAlternative,
  };
}

function calculations(
  result: ScoreResult,
  domains: readonly { id: string; name: string }[],
  units: ScoredEntity[],
  fmtTotal: (r: Rational) => string,
): ReportData['appendix']['calculations'] {
  const domainName = new Map(domains.map((d) => [d.id, d.name] as const));
  const out: ReportData['appendix']['calculations'] = [];
  const trace = result.trace!;
  out.push({
    title: '各等级得分 S_L = Σ α·B（α：能力域权重，B：能力域等级得分）',
    lines: trace.levels.map((l) => {
      const terms = l.terms
        .map(
          (t) =>
            `${domainName.get(t.id) ?? t.id} ${exact(t.weight).toFractionString()}×${exact(t.value).toFractionString()}`,
        )
        .join(' + ');
      return `${l.level} = ${terms} = ${exact(l.value).toFractionString()}（${l.met ? '满足' : '不满足'}，计入 ${exact(l.contribution).toFractionString()}）`;
    }),
  });
  const total = exact(result.total);
  out.push({
    title: '总分',
    lines: [
      `S = ${result.levels.map((l) => exact(l.contribution).toFractionString()).join(' + ')} = ${total.toFractionString()} ≈ ${total.toDecimalString(6)}（显示为 ${fmtTotal(total)}）`,
    ],
  });
  out.push({
    title: '各能力域等级得分 B = Σ β·C（β：能力子域在能力域内的权重，C：能力子域等级得分）',
    lines: trace.domains
      .filter((d) => d.value)
      .map(
        (d) =>
          `${domainName.get(d.domainId) ?? d.domainId} ${d.level}：${d.terms.map((t) => `${exact(t.weight).toFractionString()}×${exact(t.value).toFractionString()}`).join(' + ')} = ${exact(d.value!).toFractionString()}`,
      ),
  });
  out.push({
    title: '各能力子域等级得分 C（该等级各条要求得分的算术平均值）',
    lines: units.map(
      (u) => `${u.name}：${LEVEL_CODES.map((l) => `${l} ${u.scores[l].toFractionString()}`).join('，')}`,
    ),
  });
  return out;
}
