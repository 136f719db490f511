/**
 * Text of the server-side charts as outlines: every `<text>` of an ECharts SVG is replaced by the glyph outlines
 * of Noto Sans CJK SC (fonts-noto-cjk), laid out with fontkit. The fonts are opened once per process and each
 * distinct text is laid out once (cached), so resvg renders the SVG without any font: resvg's font database reads
 * the whole 20 MB font file again for every text element it shapes, which made the heatmap of 38 labels take
 * about a second.
 *
 * Handles what ECharts' SVG renderer writes: `x`, `y`, `transform`, `text-anchor` (start | middle | end),
 * `dominant-baseline` (alphabetic | central | middle | hanging | …), `style` with font-size / font-weight, `fill`,
 * `fill-opacity`, `opacity`. Unknown attributes are ignored.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { ToolMissingError } from './pdf.js';

interface Face {
  font: fontkit.Font;
  upem: number;
  ascent: number;
  descent: number;
}

let faces: { regular: Face; bold: Face } | undefined;
const layoutCache = new Map<string, { d: string; advance: number }>();

/** The file of a fontconfig pattern (e.g. `Noto Sans CJK SC:style=Bold`), or undefined. */
function fcMatch(pattern: string): string | undefined {
  const r = spawnSync('fc-match', ['-f', '%{file}', pattern], { encoding: 'utf8' });
  const file = r.status === 0 ? r.stdout.trim() : '';
  return file && existsSync(file) ? file : undefined;
}

function openFace(pattern: string, postscript: string): Face | undefined {
  const file = fcMatch(pattern);
  if (!file || !/NotoSansCJK/i.test(file)) return undefined;
  const opened = fontkit.openSync(file);
  const font =
    'fonts' in opened
      ? ((opened.getFont(postscript) as fontkit.Font | null) ?? (opened.fonts[0] as fontkit.Font))
      : (opened as fontkit.Font);
  return { font, upem: font.unitsPerEm, ascent: font.ascent, descent: font.descent };
}

/** Opens Noto Sans CJK SC Regular and Bold once; throws ToolMissingError without fonts-noto-cjk. */
export function chartFaces(): { regular: Face; bold: Face } {
  if (faces) return faces;
  const regular = openFace('Noto Sans CJK SC:style=Regular', 'NotoSansCJKsc-Regular');
  if (!regular)
    throw new ToolMissingError('the font Noto Sans CJK SC (fc-match finds none)', 'fonts-noto-cjk');
  const bold = openFace('Noto Sans CJK SC:style=Bold', 'NotoSansCJKsc-Bold') ?? regular;
  faces = { regular, bold };
  return faces;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? m[1] : undefined;
}

function styleProp(style: string | undefined, name: string): string | undefined {
  if (!style) return undefined;
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([^;]+)`).exec(style);
  return m ? m[1]!.trim() : undefined;
}

/** Glyph outlines of `text` in font units (y up), pen from 0, and the advance width. */
function layout(face: Face, key: string, text: string): { d: string; advance: number } {
  const cacheKey = `${key}\u0000${text}`;
  const hit = layoutCache.get(cacheKey);
  if (hit) return hit;
  const run = face.font.layout(text);
  let pen = 0;
  const parts: string[] = [];
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i]!;
    const d = g.path.translate(pen + p.xOffset, p.yOffset).toSVG();
    if (d) parts.push(d);
    pen += p.xAdvance;
  });
  const out = { d: parts.join(''), advance: pen };
  layoutCache.set(cacheKey, out);
  return out;
}

const round = (n: number): string => String(Math.round(n * 1000) / 1000);

/** Replaces every `<text>` element of an SVG by its outlines. */
export function outlineTexts(svg: string): string {
  const { regular, bold } = chartFaces();
  return svg.replace(/<text\b([^>]*)>([\s\S]*?)<\/text>/g, (_m, attrs: string, inner: string) => {
    const text = decodeEntities(inner.replace(/<[^>]+>/g, ''));
    if (!text.trim()) return '';
    const style = attr(attrs, 'style');
    const size = parseFloat(styleProp(style, 'font-size') ?? attr(attrs, 'font-size') ?? '12');
    const weight = styleProp(style, 'font-weight') ?? attr(attrs, 'font-weight') ?? 'normal';
    const isBold = /bold|bolder|[6-9]00/.test(weight);
    const face = isBold ? bold : regular;
    const { d, advance } = layout(face, isBold ? 'b' : 'r', text);
    const s = size / face.upem;
    const anchor = attr(attrs, 'text-anchor') ?? 'start';
    const shiftX = anchor === 'middle' ? -advance / 2 : anchor === 'end' ? -advance : 0;
    const baseline = attr(attrs, 'dominant-baseline') ?? 'alphabetic';
    // Baseline offset in font units (y up): where the given y is relative to the alphabetic baseline.
    const em = face.ascent - face.descent;
    const shiftY =
      baseline === 'central' || baseline === 'middle'
        ? (face.ascent + face.descent) / 2
        : baseline === 'hanging' || baseline === 'text-before-edge'
          ? face.ascent
          : baseline === 'text-after-edge' || baseline === 'ideographic'
            ? face.descent
            : 0;
    void em;
    const x = parseFloat(attr(attrs, 'x') ?? '0');
    const y = parseFloat(attr(attrs, 'y') ?? '0');
    const transform = attr(attrs, 'transform');
    const fill = attr(attrs, 'fill') ?? styleProp(style, 'fill') ?? '#000';
    const extra = ['fill-opacity', 'opacity']
      .map((n) => {
        const v = attr(attrs, n) ?? styleProp(style, n);
        return v ? ` ${n}="${v}"` : '';
      })
      .join('');
    const inner2 = `<path transform="translate(${round(x)} ${round(y)}) scale(${round(s)} ${round(-s)}) translate(${round(shiftX)} ${round(-shiftY)})" d="${d}"/>`;
    return `<g${transform ? ` transform="${transform}"` : ''} fill="${fill}"${extra}>${inner2}</g>`;
  });
}
