/**
 * The display form of the requirements (NOTES.md 7.4): the exact text of the seed with
 * 1. the corrections of `DISPLAY_CORRECTIONS` (typos of NOTES.md 7.1, words blanked out in the seed of NOTES.md 6
 *    marked as a blank "＿＿"), keyed by seed line, and
 * 2. every run of spaces between two CJK characters (Han, CJK or full-width punctuation) removed (NOTES.md 7.3),
 * each change recorded as a fix with its seed line and reason, so that every difference between the display form
 * and the exact text is traceable. The exact text (`text`) is never changed: scoring, ids and the extraction
 * test work on it; reports and screens show the display form.
 */
import type { DisplayFix, Requirement } from '../../src/model/types.js';
import type { SeedLine } from './text.js';

export interface DisplayCorrection {
  line: number;
  find: string;
  replace: string;
  reason: string;
}

const TYPO = 'typo in the seed (NOTES.md 7.1)';
const BLANK = 'a word blanked out in the seed (NOTES.md 6): shown as a blank ＿＿';

export const DISPLAY_CORRECTIONS: readonly DisplayCorrection[] = [
  { line: 381, find: '方面，.应', replace: '方面，应', reason: `${TYPO}: stray "." after "，"` },
  { line: 384, find: '组织建设x数据', replace: '组织建设数据', reason: `${TYPO}: stray "x"` },
  { line: 418, find: '；；', replace: '；', reason: `${TYPO}: doubled "；"` },
  { line: 420, find: '方面.应', replace: '方面，应', reason: `${TYPO}: "." for "，"` },
  { line: 570, find: '支持支持', replace: '支持', reason: `${TYPO}: doubled word 支持` },
  { line: 597, find: '最大化、。', replace: '最大化。', reason: `${TYPO}: stray "、" before "。"` },
  { line: 619, find: '应事先产品设计', replace: '应实现产品设计', reason: `${TYPO}: 事先 for 实现` },
  { line: 678, find: '实性效益最大化', replace: '实现效益最大化', reason: `${TYPO}: 实性 for 实现` },
  { line: 702, find: '。；', replace: '。', reason: `${TYPO}: "。" followed by "；"` },
  { line: 703, find: '并于过程控制系统', replace: '并与过程控制系统', reason: `${TYPO}: 于 for 与` },
  { line: 706, find: '工艺规划于设计', replace: '工艺规划与设计', reason: `${TYPO}: 于 for 与` },
  { line: 754, find: '给岀', replace: '给出', reason: `${TYPO}: 岀 for 出` },
  { line: 981, find: '全称跟踪', replace: '全程跟踪', reason: `${TYPO}: 全称 for 全程` },
  { line: 1469, find: '冶炼立质量管控', replace: '冶炼质量管控', reason: `${TYPO}: stray 立` },
  { line: 1500, find: '网路化', replace: '网络化', reason: `${TYPO}: 网路化 for 网络化` },
  { line: 2054, find: '网路化', replace: '网络化', reason: `${TYPO}: 网路化 for 网络化` },
  { line: 1922, find: '产品设计使进行', replace: '产品设计时进行', reason: `${TYPO}: 使 for 时` },
  { line: 2037, find: '标识解折', replace: '标识解析', reason: `${TYPO}: 解折 for 解析` },
  { line: 2037, find: '唯一标识，', replace: '唯一标识。', reason: `${TYPO}: the cell ends with "，"` },
  { line: 2193, find: '自动生产有限能力', replace: '自动生成有限能力', reason: `${TYPO}: 生产 for 生成` },
  { line: 2259, find: '交付过程管中', replace: '交付过程管理中', reason: `${TYPO}: 管中 for 管理中` },
  { line: 2260, find: '交付过程管中', replace: '交付过程管理中', reason: `${TYPO}: 管中 for 管理中` },
  { line: 1524, find: '实现 中介质', replace: '实现＿＿中介质', reason: BLANK },
  { line: 1524, find: '、 环境数据', replace: '、＿＿环境数据', reason: BLANK },
  { line: 1534, find: '将 相关信息', replace: '将＿＿相关信息', reason: BLANK },
  { line: 1534, find: '采集至 管理系统', replace: '采集至＿＿管理系统', reason: BLANK },
  { line: 1534, find: '对 状态', replace: '对＿＿状态', reason: BLANK },
  { line: 1534, find: '， 状态异常', replace: '，＿＿状态异常', reason: BLANK },
  { line: 1535, find: '建立与 的', replace: '建立与＿＿的', reason: BLANK },
  { line: 1553, find: '实现 自动优化', replace: '实现＿＿自动优化', reason: BLANK },
  { line: 1553, find: '实现无人 ；', replace: '实现无人＿＿；', reason: BLANK },
  { line: 2079, find: '涉及 的存储', replace: '涉及＿＿的存储', reason: BLANK },
  { line: 2079, find: '建立 安全', replace: '建立＿＿安全', reason: BLANK },
  { line: 2088, find: '将 相关信息', replace: '将＿＿相关信息', reason: BLANK },
  { line: 2099, find: '根据 等状态', replace: '根据＿＿等状态', reason: BLANK },
  { line: 2100, find: '（ 运输）', replace: '（＿＿运输）', reason: BLANK },
];

const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef';
const CJK_SPACE = new RegExp(`([${CJK}])[ \\t\\u3000]+(?=[${CJK}])`, 'u');
const SPACE_REASON = 'space between CJK characters left by the conversion (NOTES.md 7.3)';

export interface DisplayEntry {
  label?: string;
  display?: string;
  fixes?: DisplayFix[];
}

/**
 * The display form of one requirement: corrections of its seed lines in order, then the space rule.
 * `lineText` gives the seed text of a line (to attribute a space to the line it stands on).
 * Returns the fixes applied (empty when the display form equals the text) and the corrections used.
 */
export function displayForm(
  req: Pick<Requirement, 'text' | 'seedLines'>,
  lineText: (line: number) => string,
  corrections: readonly DisplayCorrection[] = DISPLAY_CORRECTIONS,
): { display: string; fixes: DisplayFix[]; used: DisplayCorrection[] } {
  let text = req.text;
  const fixes: DisplayFix[] = [];
  const used: DisplayCorrection[] = [];
  for (const c of corrections) {
    if (!req.seedLines.includes(c.line) || !text.includes(c.find)) continue;
    text = text.replace(c.find, c.replace);
    fixes.push({ line: c.line, find: c.find, replace: c.replace, reason: c.reason });
    used.push(c);
  }
  for (let m = CJK_SPACE.exec(text); m; m = CJK_SPACE.exec(text)) {
    const find = text.slice(m.index, m.index + m[0].length + 1);
    const replace = m[1]! + find.slice(-1);
    const line = req.seedLines.find((l) => lineText(l).includes(find)) ?? req.seedLines[0]!;
    text = text.slice(0, m.index) + replace + text.slice(m.index + find.length);
    fixes.push({ line, find, replace, reason: SPACE_REASON });
  }
  return { display: text, fixes, used };
}

/** `display-text.json`: label and display form of every requirement, in the model's order. */
export function buildDisplayFile(
  requirements: readonly (Requirement & { printed: number | null })[],
  lines: readonly SeedLine[],
  corrections: readonly DisplayCorrection[] = DISPLAY_CORRECTIONS,
): { file: { rationale: string; requirements: Record<string, DisplayEntry> }; unused: DisplayCorrection[] } {
  const byLine = new Map(lines.map((l) => [l.line, l.text] as const));
  const out: Record<string, DisplayEntry> = {};
  const usedAll = new Set<DisplayCorrection>();
  for (const r of requirements) {
    const { display, fixes, used } = displayForm(r, (l) => byLine.get(l) ?? '', corrections);
    for (const u of used) usedAll.add(u);
    const entry: DisplayEntry = {};
    if (r.printed !== null) entry.label = String(r.printed);
    if (display !== r.text) {
      entry.display = display;
      entry.fixes = fixes;
    }
    out[r.id] = entry;
  }
  return {
    file: {
      rationale:
        'Generated by standard/extract (display.ts), never edited by hand. For each requirement: `label`, the item ' +
        'number printed in the seed (absent where the seed prints none); `display`, the text as reports and screens ' +
        'show it (absent when equal to the exact text), with `fixes`, every change from the exact text with its seed ' +
        'line and reason: typos corrected, blanked-out words marked ＿＿, spaces between CJK characters removed ' +
        '(NOTES.md 7.4).',
      requirements: out,
    },
    unused: corrections.filter((c) => !usedAll.has(c)),
  };
}
