/**
 * The preview of a report: PNG images of the first pages of its PDF, made by poppler's `pdftoppm` (and the page
 * count by `pdfinfo`), each a child process killed by its pid when it runs past its time limit. PNG pages rather
 * than the PDF in the browser's viewer: a tablet's browser (iPad Safari, Android Chrome) shows no inline PDF
 * viewer or only the first page, while images show everywhere, as thumbnails with their page numbers.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversionError, ToolMissingError } from './pdf.js';

const POPPLER = 'poppler-utils';

export interface PreviewOptions {
  /** Pages rendered from the first (default 8). */
  maxPages?: number;
  /** Width of a page image in pixels (default 800: sharp on a tablet, ~100 KB a page). */
  width?: number;
  /** Per child process (default 60 s). */
  timeoutMs?: number;
  /** The tools (tests point them elsewhere). */
  pdftoppm?: string;
  pdfinfo?: string;
}

export interface Preview {
  /** Pages of the whole PDF. */
  pages: number;
  /** PNG images of pages 1 … images.length. */
  images: Buffer[];
}

/**
 * Runs `command` with `args`; resolves with its standard output, rejects with ToolMissingError when it does not
 * exist and ConversionError when it fails or runs longer than `timeoutMs` (then it is killed by its pid).
 */
export function runTool(command: string, args: string[], timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new ToolMissingError(command, POPPLER) : e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new ConversionError(`${command} ran longer than ${timeoutMs} ms and was stopped`));
      else if (code !== 0)
        reject(new ConversionError(`${command} exited ${code}: ${Buffer.concat(err).toString().trim()}`));
      else resolve(Buffer.concat(out));
    });
  });
}

/** The number of pages of a PDF (`pdfinfo`). */
export function pageCountOf(info: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(info);
  if (!m) throw new ConversionError('pdfinfo gave no page count');
  return Number(m[1]);
}

export async function pdfPreview(pdf: Uint8Array, options: PreviewOptions = {}): Promise<Preview> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const dir = await mkdtemp(join(tmpdir(), 'dtma-preview-'));
  try {
    const file = join(dir, 'report.pdf');
    await writeFile(file, pdf);
    const pages = pageCountOf((await runTool(options.pdfinfo ?? 'pdfinfo', [file], timeoutMs)).toString());
    const last = Math.min(pages, options.maxPages ?? 8);
    await runTool(
      options.pdftoppm ?? 'pdftoppm',
      [
        '-png',
        '-f',
        '1',
        '-l',
        String(last),
        '-scale-to-x',
        String(options.width ?? 800),
        '-scale-to-y',
        '-1',
        file,
        join(dir, 'page'),
      ],
      timeoutMs,
    );
    // pdftoppm names pages page-1.png … or page-01.png (zero-padded to the page count's width).
    const names = (await readdir(dir)).filter((n) => /^page-\d+\.png$/.test(n));
    names.sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
    const images = await Promise.all(names.map((n) => readFile(join(dir, n))));
    return { pages, images };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
