/** Plain-text tables for the terminal that line up Chinese (double-width) and Latin text. */

/** Display width of a string: East Asian wide and full-width characters count 2. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6)
        ? 2
        : 1;
  }
  return width;
}

export type Align = 'left' | 'right';

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Renders rows under a header; numeric-looking columns are right-aligned unless `align` says otherwise. */
export function renderTable(header: string[], rows: string[][], align?: Align[]): string {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const aligns =
    align ??
    header.map((_, i) =>
      rows.length > 0 && rows.every((r) => /^[-+]?[\d.]+%?$|^—$|^$/.test(r[i] ?? '')) ? 'right' : 'left',
    );
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => pad(c, widths[i]!, aligns[i]!))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
