/**
 * Splitting a level cell of an appendix table into its requirements.
 */
import { endsSentence, exampleText, splitInlineNumbering, stripNumbering, type SeedLine } from './text.js';

/** What the splitter noticed about a requirement; reported in NOTES.md. */
export type SegmentFlag =
  /** Starts on a line without numbering although it follows a finished sentence: taken as its own requirement. */
  | 'unnumbered'
  /** Continues on a following line because the previous line stopped mid-sentence. */
  | 'joined-line-break'
  /** Numbering without separator ("3应用…"). */
  | 'bare-numbering'
  /** Its numbering stood in the middle of a line ("…；2.应…"). */
  | 'inline-numbering'
  /** A numbered line was appended to it by an explicit correction. */
  | 'appended-fragment'
  /** Its number stood alone on a line, the text follows on the next line. */
  | 'number-alone';

export interface Segment {
  /** Number as written in the seed, or null. */
  number: number | null;
  text: string;
  examples: string[];
  /** Seed lines of the text and of its examples, ascending. */
  lines: number[];
  flags: SegmentFlag[];
}

/** Per-line instructions for the splitter, taken from `corrections.ts`. */
export interface LineFix {
  /** Skip the line entirely (it is listed as deliberately ignored). */
  ignore?: boolean;
  /** Append the line's text (numbering removed) to the previous requirement instead of starting a new one. */
  appendToPrevious?: boolean;
  /** Literal replacements applied to the line before splitting. */
  replace?: { find: string; replace: string }[];
}

function addLine(seg: Segment, line: number): void {
  if (!seg.lines.includes(line)) seg.lines.push(line);
}

/**
 * Splits the lines of one cell into requirements:
 * - a numbered line (or a numbered piece of a line) starts a new requirement;
 * - an unnumbered line continues the previous requirement when that one stops mid-sentence or is still
 *   empty ("4." alone on its line), otherwise it starts a new requirement (flagged `unnumbered`);
 * - "示例：…" lines are attached to the previous requirement as examples.
 * Lines must already be cleaned (bookmarks removed, trimmed, non-empty).
 */
export function splitCell(
  lines: readonly SeedLine[],
  fixes: ReadonlyMap<number, LineFix> = new Map(),
): Segment[] {
  const segs: Segment[] = [];
  for (const { line, text: original } of lines) {
    const fix = fixes.get(line);
    if (fix?.ignore) continue;
    let text = original;
    for (const r of fix?.replace ?? []) {
      if (!text.includes(r.find)) throw new Error(`line ${line}: correction text "${r.find}" not found`);
      text = text.replace(r.find, r.replace);
    }
    const example = exampleText(text);
    if (example !== null) {
      const prev = segs[segs.length - 1];
      if (!prev) throw new Error(`line ${line}: example without a requirement before it`);
      prev.examples.push(example);
      addLine(prev, line);
      continue;
    }
    const pieces = splitInlineNumbering(text);
    pieces.forEach((piece, i) => {
      const n = stripNumbering(piece);
      const prev = segs[segs.length - 1];
      if (fix?.appendToPrevious && i === 0) {
        if (!prev) throw new Error(`line ${line}: nothing to append to`);
        prev.text += n.rest;
        addLine(prev, line);
        prev.flags.push('appended-fragment');
        return;
      }
      if (n.number !== null) {
        const flags: SegmentFlag[] = [];
        if (n.kind === 'bare') flags.push('bare-numbering');
        if (i > 0) flags.push('inline-numbering');
        segs.push({ number: n.number, text: n.rest, examples: [], lines: [line], flags });
      } else if (!prev) {
        segs.push({ number: null, text: n.rest, examples: [], lines: [line], flags: [] });
      } else if (prev.text === '') {
        prev.text = n.rest;
        addLine(prev, line);
        prev.flags.push('number-alone');
      } else if (endsSentence(prev.text) || prev.examples.length > 0) {
        segs.push({ number: null, text: n.rest, examples: [], lines: [line], flags: ['unnumbered'] });
      } else {
        prev.text += n.rest;
        addLine(prev, line);
        if (!prev.flags.includes('joined-line-break')) prev.flags.push('joined-line-break');
      }
    });
  }
  for (const s of segs) {
    if (s.text === '') throw new Error(`line ${s.lines[0]}: empty requirement (numbering without text)`);
    s.lines.sort((a, b) => a - b);
  }
  return segs;
}

/** Numbering problems of a cell: numbers out of the sequence 1..n of the numbered requirements. */
export function numberingIssues(segs: readonly Segment[]): string[] {
  const issues: string[] = [];
  let expected = 1;
  for (const s of segs) {
    if (s.number === null) continue;
    if (s.number !== expected) {
      issues.push(`line ${s.lines[0]}: number ${s.number} where ${expected} was expected`);
    }
    expected = s.number + 1;
  }
  return issues;
}
