/**
 * The data of the assessment report (评估报告, §4.6.4) — everything the DOCX / PDF / XLSX writers print, as plain
 * JSON (strings, numbers, booleans): it crosses into a worker thread by structured clone and can be stored or
 * served as is. Numbers are display strings (band-safe, see planning/format.ts); exact fractions appear only in
 * the appendix of calculations (`appendix.calculations`).
 */
import type { LevelCode } from '../model/types.js';

export const REPORT_DATA_VERSION = 1;

/** One finding (评估发现) as the report prints it. */
export interface ReportFindingRow {
  no: number;
  /** 现场预评估 / 正式评估 */
  kind: string;
  /** 严重 / 一般 / 观察项 */
  severity: string;
  requirements: string[];
  text: string;
  /** 待整改 / 已整改 / 已关闭 */
  status: string;
  rectification: string;
  date: string;
}

export interface ReportPerson {
  name: string;
  /** 组长 / 组员 */
  role: string;
  /** Disciplines (4.5.2) in Chinese. */
  disciplines: string[];
}

export interface ReportPlan {
  kindName: string;
  purpose: string;
  scope: string;
  tasks: string[];
  methods: string[];
  /** 2026年3月1日至2026年3月5日 */
  period: string;
  people: string[];
  schedule: { date: string; activity: string }[];
  /** 企业确认日期, or null. */
  confirmed: string | null;
}

export interface ReportMeeting {
  kindName: string;
  date: string;
  minutes: string;
  attendees: string[];
  topics: string[];
}

export interface ReportEvidence {
  no: number;
  requirementId: string;
  /** 组织建设 S1-1 */
  requirement: string;
  kind: string;
  method: string;
  by: string;
  date: string;
  file: string;
  note: string;
}

export interface ReportRequirementRef {
  id: string;
  /** 组织建设 S1-1 */
  label: string;
  text: string;
  grade: string;
  evidence: string[];
  rationale: string;
}

export interface ReportFinding {
  /** 能力子域 name (能力域 name) */
  subject: string;
  level: LevelCode;
  /** One sentence with the numbers. */
  summary: string;
  requirements: ReportRequirementRef[];
}

export interface ReportMeasure {
  termId: string;
  term: string;
  scenario: string;
  /** 能力子域 name */
  unit: string;
  /** 能力子域 name (能力域 name) */
  subject: string;
  level: LevelCode;
  /** 将 3 条要求提升至“全部满足”、1 条至“大部分满足” */
  action: string;
  requirements: string[];
  /** C of the unit at the level: 0.60 → 0.85 */
  effect: string;
  effort: number;
  headline: boolean;
}

export interface ReportStep {
  no: number;
  term: string;
  scenario: string;
  requirement: string;
  requirementId: string;
  text: string;
  from: string;
  to: string;
  gain: string;
  effort: number;
  /** Total after the step, band-safe. */
  totalAfter: string;
  /** Exact total after the step (appendix only). */
  totalAfterExact: string;
}

/** One figure before and after (display strings), for the comparison with the previous result. */
export interface ReportChange {
  name: string;
  before: string;
  after: string;
  /** Signed: +0.35, -0.10, 0.00. */
  delta: string;
}

/** The section comparing the result with the enterprise's previous published result (re-assessment). */
export interface ReportComparison {
  /** 2025年11月20日 */
  previousDateZh: string;
  previous: { total: string; conclusion: string };
  current: { total: string; conclusion: string };
  total: ReportChange;
  levels: ReportChange[];
  domains: ReportChange[];
  /** The sub-domains that moved most, up and down (a few each). */
  unitsUp: ReportChange[];
  unitsDown: ReportChange[];
  requirements: { improved: number; fell: number };
  /** The previous report's 一企一策 plan and what became of its steps. */
  plan: { target: string | null; steps: number; achieved: number; improved: number; notAchieved: number };
}

export interface ReportData {
  version: typeof REPORT_DATA_VERSION;
  /** A report of a result not sealed yet (printed with 草稿 / draft marks). */
  draft: boolean;
  title: string;
  reportNumber: string;
  /** Derived from the seal hash; null before publication. */
  verificationCode: string | null;
  sealHash: string | null;
  dates: {
    /** YYYY-MM-DD (China time). */
    report: string;
    /** 2026年11月25日 */
    reportZh: string;
    /** 2026年3月1日至2026年3月5日, or null when unknown. */
    periodZh: string | null;
    frozenZh: string | null;
    sealedZh: string | null;
  };
  standard: { id: string; title: string; citation: string; status: string };
  enterprise: { name: string; industry: string; industryName: string; profile: string | null };
  body: { name: string };
  team: ReportPerson[];
  plans: ReportPlan[];
  meetings: ReportMeeting[];
  /** §4.6.4 sections written by the team, in the standard's order (text null when not written). */
  sections: { key: string; title: string; text: string | null }[];
  scope: string | null;
  methods: string[];
  evidence: ReportEvidence[];
  contests: { requirement: string; claim: string; decision: string; reason: string; change: string }[];
  /** 4.5.3 findings of the pre-assessment and the formal assessment, with the enterprise's rectifications. */
  findings: ReportFindingRow[];
  result: {
    total: string;
    conclusion: {
      level: number;
      ordinal: string;
      name: string;
      interval: string;
      description: string | null;
    };
    /** 四级（平台级） or 未达到一级 */
    conclusionText: string;
    /** Highest k with S1…k all met. */
    consistentLevel: number;
    /** One sentence when the conclusion's own level (or one below it) is not met; else null. */
    consistencyNote: string | null;
    complete: boolean;
    missingCount: number;
    requirementCount: number;
    threshold: string;
    comparison: string;
    levels: { level: LevelCode; score: string; met: boolean; counted: string; status: string }[];
    /** S = 1 + 1 + 1 + 0.62 + 0.31 = 3.93 (band-safe parts). */
    totalLine: string;
    domains: { name: string; weight: string; scores: string[]; attained: string }[];
    units: { domain: string; name: string; weight: string; scores: string[]; attained: string }[];
  };
  strengths: { intro: string; findings: ReportFinding[] };
  weaknesses: { intro: string; findings: ReportFinding[] };
  plan: {
    mode: 'level';
    intro: string;
    profileNote: string | null;
    summary: string[];
    terms: { id: string; name: string; horizon: string; levels: string; summary: string }[];
    scenarios: { name: string; weight: string; scores: string[]; focus: string }[];
    measures: ReportMeasure[];
    steps: ReportStep[];
    /** The formula-minimal plan, for reference (clearly labelled in the report). */
    formulaAlternative: string[];
  };
  charts: {
    levels: { level: string; value: number; label: string; met: boolean }[];
    threshold: number;
    radar: { name: string; value: number }[];
    heatmap: { label: string; values: number[] }[];
  };
  appendix: {
    calculations: { title: string; lines: string[] }[];
  };
  statements: { independence: string; confidentiality: string; responsibility: string };
  /** A re-assessment: the comparison with the previous published result (absent for a first assessment). */
  comparison?: ReportComparison;
}
