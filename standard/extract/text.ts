/**
 * Text cleaning helpers for the seed (a Word document converted to plain text).
 * All functions are pure.
 */

/** One line of the seed with its 1-based line number. */
export interface SeedLine {
  line: number;
  text: string;
}

/** Splits the seed into numbered lines (LF or CRLF; a final newline does not make an extra line). */
export function toLines(seed: string): SeedLine[] {
  const raw = seed.split(/\r?\n/);
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  return raw.map((text, i) => ({ line: i + 1, text }));
}

/** Removes `[bookmark: …]` markers left by the Word conversion. */
export function removeBookmarks(s: string): string {
  return s.replace(/\[bookmark: [^\]]*\]/g, '');
}

/** Trims ASCII whitespace, TABs and the ideographic space U+3000 at both ends. */
export function trimAll(s: string): string {
  return s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

/** Removes bookmarks and trims. */
export function clean(s: string): string {
  return trimAll(removeBookmarks(s));
}

/** Collapses internal runs of whitespace to one space (used for titles only, never for requirement text). */
export function collapseSpaces(s: string): string {
  return clean(s).replace(/[\s\u3000]+/g, ' ');
}

export type NumberingKind = 'dot' | 'paren' | 'bare';

export interface Numbered {
  /** The item number, or null when the text does not start with numbering. */
  number: number | null;
  /** `dot`: "1." "1．" "1、"; `paren`: "（1）" "(1)"; `bare`: a digit directly followed by a Han character ("3应用…"). */
  kind: NumberingKind | null;
  /** The text after the numbering, trimmed. */
  rest: string;
}

const DOT_NUMBERING = /^(\d{1,2})[ \t\u3000]*[.．、](?!\d)[\s\u3000]*/;
const PAREN_NUMBERING = /^[（(](\d{1,2})[）)][\s\u3000]*/;
const BARE_NUMBERING = /^(\d{1,2})(?=\p{Script=Han})/u;

/** Recognizes and strips leading list numbering: "1.", "2、", "3．", "（1）", "(2)", and the bare "3应用…". */
export function stripNumbering(text: string): Numbered {
  const t = trimAll(text);
  for (const [re, kind] of [
    [DOT_NUMBERING, 'dot'],
    [PAREN_NUMBERING, 'paren'],
    [BARE_NUMBERING, 'bare'],
  ] as const) {
    const m = re.exec(t);
    if (m) return { number: Number(m[1]), kind, rest: trimAll(t.slice(m[0].length)) };
  }
  return { number: null, kind: null, rest: t };
}

/**
 * Splits a line where a new numbered item starts in the middle of it, e.g. "…环节；2.应使用…".
 * A mid-line item start is a 1–2 digit number followed by "." / "．" / "、" (not by another digit, so
 * "7.2.4c)" is not split) and preceded by a clause delimiter (；;。，,、).
 */
export function splitInlineNumbering(text: string): string[] {
  const re = /(?<=[；;。，,、])[ \t\u3000]*(?=\d{1,2}[ \t\u3000]*[.．](?!\d))/g;
  const pieces: string[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index + m[0].length;
    pieces.push(text.slice(last, m.index));
    last = at;
  }
  pieces.push(text.slice(last));
  return pieces.map(trimAll).filter((p) => p !== '');
}

/** True when the text ends a sentence or clause that a new item may follow (。；;！？!?). */
export function endsSentence(text: string): boolean {
  return /[。；;！？!?]$/.test(trimAll(text));
}

/** Recognizes an example line ("示例：…", also the typo "示例；…") and returns its text without the label. */
export function exampleText(text: string): string | null {
  const m = /^示例[ \t\u3000]*[：:；;][ \t\u3000]*/.exec(trimAll(text));
  return m ? trimAll(trimAll(text).slice(m[0].length)) : null;
}
