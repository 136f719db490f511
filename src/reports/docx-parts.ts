/** Building blocks of the Word documents written here (tables, images, captions) and their page style. */
import {
  AlignmentType,
  BorderStyle,
  HeadingLevel,
  ImageRun,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IStylesOptions,
} from 'docx';
import type { ChartImage } from './charts.js';

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };
/** A4 text width with 2.5 cm margins, in twips. */
export const TEXT_WIDTH = 9070;
export const PAGE_MARGINS = { top: 1418, bottom: 1418, left: 1418, right: 1418 };

export type Align = 'center' | 'left' | 'right';
const ALIGN = { center: AlignmentType.CENTER, left: AlignmentType.LEFT, right: AlignmentType.RIGHT } as const;

function cell(text: string, o: { header?: boolean; width: number; align: Align }): TableCell {
  return new TableCell({
    borders: BORDERS,
    verticalAlign: VerticalAlign.CENTER,
    width: { size: o.width, type: WidthType.DXA },
    ...(o.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E1F2' } } : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: ALIGN[o.align],
        children: [new TextRun({ text, bold: o.header, size: 18 })],
      }),
    ],
  });
}

/** A table with a repeated header row; `widths` are relative, scaled to the text width. */
export function table(header: string[], rows: string[][], widths: number[], align?: Align[]): Table {
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
}

export function image(c: ChartImage, widthPx: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    children: [
      new ImageRun({
        type: 'png',
        data: c.png,
        transformation: { width: widthPx, height: Math.round((c.height / c.width) * widthPx) },
      }),
    ],
  });
}

export function caption(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 200 },
    children: [new TextRun({ text, size: 18 })],
  });
}

export function heading(text: string, level: 1 | 2 = 1): Paragraph {
  return new Paragraph({ text, heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 });
}

/** A body paragraph with the first line indented by two characters (Chinese layout). */
export function para(text: string): Paragraph {
  return new Paragraph({
    spacing: { after: 120, line: 360 },
    indent: { firstLine: 420 },
    children: [new TextRun(text)],
  });
}

export function styles(bodyFont = 'Noto Serif CJK SC', headingFont = 'Noto Sans CJK SC'): IStylesOptions {
  const head = { ascii: headingFont, eastAsia: headingFont, hAnsi: headingFont };
  return {
    default: {
      document: {
        run: { font: { ascii: bodyFont, eastAsia: bodyFont, hAnsi: bodyFont, cs: bodyFont }, size: 21 },
      },
      heading1: {
        run: { font: head, size: 30, bold: true, color: '1F3864' },
        paragraph: { spacing: { before: 360, after: 160 } },
      },
      heading2: {
        run: { font: head, size: 26, bold: true, color: '2F5597' },
        paragraph: { spacing: { before: 240, after: 120 } },
      },
      title: { run: { font: head, size: 44, bold: true } },
    },
  };
}
