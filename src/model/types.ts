/**
 * Types of the standard's model as it is stored under `standard/<model-id>/`.
 *
 * The files are data, produced by `standard/extract` from the seed; these types describe them.
 * Numbers that take part in scoring are stored as exact decimal strings ("0.8", "2") or integers
 * (weights in percent), never as binary floating point values to compare.
 */

export type IndustryId = 'mining' | 'smelting' | 'processing';
export const INDUSTRIES: readonly IndustryId[] = ['mining', 'smelting', 'processing'];
export const INDUSTRY_NAMES_ZH: Record<IndustryId, string> = {
  mining: '采选',
  smelting: '冶炼',
  processing: '加工',
};

export type IndicatorType = 'common' | 'industry';
export type LevelCode = 'S1' | 'S2' | 'S3' | 'S4' | 'S5';
export const LEVEL_CODES: readonly LevelCode[] = ['S1', 'S2', 'S3', 'S4', 'S5'];

/** Table 1: a capability sub-domain (能力子域). */
export interface SubdomainDef {
  /** Stable slug, e.g. `organization-building`. */
  id: string;
  /** Chinese name as in Table 1, e.g. 组织建设. */
  name: string;
  /** English name, for the English UI. */
  nameEn: string;
  type: IndicatorType;
  /** Table 1 weight in percent (integer, the 38 weights sum to 100). */
  weightPercent: number;
  /** 1-based line of the seed where the sub-domain's name stands in Table 1. */
  seedLine: number;
}

/** Table 1: a capability domain (能力域). */
export interface DomainDef {
  /** Stable slug, e.g. `organization`. */
  id: string;
  name: string;
  nameEn: string;
  seedLine: number;
  subdomains: SubdomainDef[];
}

/** Table 2: degree of satisfaction of a requirement and its score. */
export interface SatisfactionGrade {
  /** Machine key used in score files: full | mostly | partly | none. */
  key: 'full' | 'mostly' | 'partly' | 'none';
  /** Chinese label: 全部满足 / 大部分满足 / 部分满足 / 不满足. */
  label: string;
  labelEn: string;
  /** Exact decimal string: "1", "0.8", "0.5", "0". */
  score: string;
}

/** Table 3: an assessment conclusion (maturity level). */
export interface LevelBand {
  /** 1..5 */
  level: number;
  /** 一级 … 五级 */
  ordinal: string;
  /** 规范级 场景级 领域级 平台级 生态级 */
  name: string;
  nameEn: string;
  /** Inclusive lower bound, exact decimal string. */
  min: string;
  /** Upper bound, exact decimal string. */
  max: string;
  maxInclusive: boolean;
  description: string;
  seedLine: number;
}

/** One requirement of one level cell of an appendix table. */
export interface Requirement {
  /** Stable id: `<table>.<subdomain-id>.<level>.<n>`, e.g. `common.organization-building.S1.1`. */
  id: string;
  /** Position within its level cell, 1-based, in the standard's order. */
  seq: number;
  /** The requirement's text, bookmarks and numbering removed. */
  text: string;
  /** "示例" text attached to this requirement, if any. */
  examples: string[];
  /** Seed line(s) the text was taken from. */
  seedLines: number[];
  /**
   * Item number as printed in the standard ("5", "（1）"), from `display-text.json`; absent when the seed prints
   * none (see NOTES.md 5.1) or the model version has no display file. `seq` is the position, which differs where
   * the seed's numbering is broken (NOTES.md 5.6).
   */
  label?: string;
  /**
   * Display form of `text` (NOTES.md 7.4): spaces left between CJK characters by the conversion removed and the
   * typos of NOTES.md 7.1 corrected, each correction listed in `displayFixes`. Absent when equal to `text`.
   * Reports and screens show this form; `text` stays the exact text of the seed.
   */
  display?: string;
  /** The corrections applied to get `display` (traceable to a seed line and a reason). */
  displayFixes?: DisplayFix[];
}

/** One correction of the display form of a requirement (standard/extract/display.ts). */
export interface DisplayFix {
  /** Seed line the corrected text stands on. */
  line: number;
  find: string;
  replace: string;
  reason: string;
}

/** A sub-domain row of an appendix table. */
export interface AppendixRow {
  /** Id of the scoring unit: equals a Table 1 sub-domain id, or a merged id. */
  id: string;
  /** Name as it stands in the appendix table. */
  name: string;
  /** The Table 1 sub-domains this row covers (one, or several for a merged row). */
  covers: string[];
  /** Domain id (Table 1) the row belongs to. */
  domainId: string;
  seedLine: number;
  levels: Record<LevelCode, Requirement[]>;
}

/** Appendix A (common indicators) or one industry table of Appendix B. */
export interface AppendixTable {
  /** `common`, `mining`, `smelting` or `processing`. */
  id: 'common' | IndustryId;
  title: string;
  seedLine: number;
  rows: AppendixRow[];
}

export type WeightRescaling = 'within-domain' | 'within-type' | 'global';
export type ThresholdComparison = 'at-least' | 'greater-than';

/** Scoring policies: each decision of the model that the standard leaves open, explicit and switchable. */
export interface ScoringPolicy {
  /** How weights are rescaled when an industry lacks a sub-domain. */
  weightRescaling: WeightRescaling;
  /** A level is met when its score is ≥ threshold (`at-least`) or > threshold (`greater-than`). */
  levelMetComparison: ThresholdComparison;
  /** Exact decimal string, "0.8". */
  levelMetThreshold: string;
  /** When true, a level counts as met only if all lower levels are met. Default false (flag only). */
  gating: boolean;
  /** Decimals shown when a number is displayed (round half up). */
  displayDecimals: number;
}

export interface PolicyOption<K extends keyof ScoringPolicy> {
  key: K;
  default: ScoringPolicy[K];
  options: ScoringPolicy[K][];
  rationale: string;
}

export interface ModelMeta {
  id: string;
  title: string;
  titleEn: string;
  status: string;
  /** Seed file the model was extracted from, and its sha256. */
  source: { file: string; sha256: string };
}

/** A whole model version, as loaded from its folder. */
export interface StandardModel {
  meta: ModelMeta;
  domains: DomainDef[];
  satisfaction: SatisfactionGrade[];
  levels: LevelBand[];
  policy: ScoringPolicy;
  policyDocs: Record<
    keyof ScoringPolicy,
    { options: ScoringPolicy[keyof ScoringPolicy][]; rationale: string }
  >;
  common: AppendixTable;
  industries: Record<IndustryId, AppendixTable>;
  /** Planning assumptions (`planning-effort.json`, hand-written, optional). */
  planningEffort?: PlanningEffortData;
}

/** Enterprise size classes the planning assumptions may distinguish. */
export type EnterpriseSize = 'large' | 'medium' | 'small' | 'micro';
export const ENTERPRISE_SIZES: readonly EnterpriseSize[] = ['large', 'medium', 'small', 'micro'];
export const ENTERPRISE_SIZE_NAMES_ZH: Record<EnterpriseSize, string> = {
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
};

/** `planning-effort.json`: effort points of the 一企一策 planner (see its `rationale`). */
export interface PlanningEffortData {
  rationale: string;
  /** Effort factor of a requirement of each level. */
  levelFactor: Record<LevelCode, number>;
  /** Cumulative effort points to reach each grade from 不满足 (none = 0). */
  gradeEffort: Record<SatisfactionGrade['key'], number>;
  sizes: Partial<
    Record<
      EnterpriseSize,
      {
        levelFactor?: Partial<Record<LevelCode, number>>;
        gradeEffort?: Partial<Record<SatisfactionGrade['key'], number>>;
      }
    >
  >;
  /** Level factor overrides by requirement id. */
  requirements: Record<string, number>;
  /** Reserved: factors by sub-sector (none yet). */
  subSectors: Record<string, { levelFactor?: Partial<Record<LevelCode, number>> }>;
  terms: { id: string; name: string; nameEn: string; horizon: string }[];
  /** Headline measures per term shown in the report body. */
  headlineQuota: number[];
}
