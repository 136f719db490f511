/**
 * Explicit corrections of seed anomalies that cannot be decided mechanically, keyed by seed line.
 * Every entry is mirrored in ../nfm-dtmm-2024-draft/NOTES.md (a test checks that each line is cited there).
 * Everything else the extractor does follows mechanical rules (see split.ts).
 */
import type { IndustryId } from '../../src/model/types.js';

export type Correction = { line: number; reason: string } & (
  | {
      /** The line is left out of the model (listed in NOTES as deliberately ignored). */
      kind: 'ignore';
    }
  | {
      /** The line is a fragment of the previous requirement: its text (numbering removed) is appended to it. */
      kind: 'append-to-previous';
    }
  | {
      /** Literal text replacement on the line before it is split into requirements. */
      kind: 'replace';
      find: string;
      replace: string;
    }
  | {
      /** The row whose sub-domain name stands on this line: its id and the Table 1 sub-domains it covers. */
      kind: 'row';
      rowId: string;
      covers: string[];
    }
  | {
      /** Text in the domain column that is not a domain: the row keeps the domain carried down from above. */
      kind: 'domain-label-ignored';
    }
  | {
      /** An Appendix B table without a title line (the header row starts on this line): its industry and title. */
      kind: 'table-title';
      industry: IndustryId;
      title: string;
    }
);

export const CORRECTIONS: readonly Correction[] = [
  {
    line: 387,
    kind: 'append-to-previous',
    reason:
      '"4.与发展。" after requirement 4 of 组织建设 S5 (line 386) is a left-over fragment with a repeated number 4, ' +
      'not a requirement of its own; appended to requirement 4 so that no text is lost.',
  },
  {
    line: 677,
    kind: 'replace',
    find: '1.应具备动态获取用户地块、',
    replace: '',
    reason:
      'Mining 数字化营销 S5 starts with the unfinished clause "应具备动态获取用户地块、" (user land plots, ' +
      'apparently left from another standard) directly followed by a second "1."; the truncated clause has no ' +
      'assessable content and is dropped; the requirement starts at the second "1.".',
  },
  {
    line: 1020,
    kind: 'replace',
    find: '生态系统，3.实现',
    replace: '生态系统，实现',
    reason:
      'Mining 服务交付 S4: the number "3." stands inside requirement 2 ("…生态系统，3.实现资源共享和协同创新。") ' +
      'while the next line (1021), unnumbered, is the real requirement 3 (compare 服务运行 S5 item 1, line 1044). ' +
      'The misplaced "3." is removed; line 1021 becomes requirement 3.',
  },
  {
    line: 1732,
    kind: 'replace',
    find: '生态系统，3.实现',
    replace: '生态系统，实现',
    reason: 'Smelting 服务交付 S4: same misplaced "3." as line 1020; line 1733 becomes requirement 3.',
  },
  {
    line: 1478,
    kind: 'ignore',
    reason: 'Smelting 质量管控 S3: item "4." without any text (the cell ends there).',
  },
  {
    line: 615,
    kind: 'row',
    rowId: 'technology-innovation-incl-rd-management',
    covers: ['rd-management', 'technology-innovation'],
    reason: 'Mining row 技术创新（含研发管理）: one merged row for Table 1 研发管理 and 技术创新.',
  },
  {
    line: 1770,
    kind: 'row',
    rowId: 'technology-innovation-incl-rd-management',
    covers: ['rd-management', 'technology-innovation'],
    reason: 'Processing row 技术创新（含研发管理）: one merged row for Table 1 研发管理 and 技术创新.',
  },
  {
    line: 971,
    kind: 'row',
    rowId: 'service-products',
    covers: ['service-products'],
    reason:
      'Mining row 服务产品、能力、交付及运行: its name suggests a merged row, but 服务能力, 服务交付 and 服务运行 ' +
      'follow as rows of their own (lines 986, 1006, 1028), so this row stands for 服务产品 only.',
  },
  {
    line: 2241,
    kind: 'domain-label-ignored',
    reason:
      'Processing: "服务能力、交付及运行" stands in the domain column of the 服务能力 row; it is a heading, ' +
      'not a domain; the row stays in 数字化服务. Processing has no 服务运行 row.',
  },
  {
    line: 606,
    kind: 'table-title',
    industry: 'mining',
    title: '表B.1 采选企业评分标准',
    reason:
      'The first Appendix B table has no title (nor has Appendix B a heading); its content is about 采选 ' +
      '(采选作业, 采矿, 选矿); title written after the pattern of 表B.3.',
  },
  {
    line: 1048,
    kind: 'table-title',
    industry: 'smelting',
    title: '表B.2 冶炼企业评分标准',
    reason:
      'The second Appendix B table has no title; its content is about 冶炼; title after the pattern of 表B.3.',
  },
];

/** The corrections of one line. */
export function correctionsAt(line: number, list: readonly Correction[] = CORRECTIONS): Correction[] {
  return list.filter((c) => c.line === line);
}
