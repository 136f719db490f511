/**
 * Document conversion with LibreOffice headless: docx → pdf for the report, and any → xlsx (used to check
 * that a workbook survives a round trip through LibreOffice).
 *
 * `docxToPdf` and `xlsxToPdf` use a warm LibreOffice (libreoffice.ts) when python3-uno is there, else, like
 * `convertWithLibreOffice`, one `soffice --convert-to` per conversion with a private profile
 * (`-env:UserInstallation=file:///tmp/…`) in a fresh temporary directory, so concurrent conversions do not clash
 * on the profile lock; the process is killed after `timeoutMs`. A missing LibreOffice is a clear error (Debian:
 * `apt-get install libreoffice-writer libreoffice-calc fonts-noto-cjk`).
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config.js';
import { findPythonUno, LibreOfficeError, LibreOfficeServer } from './libreoffice.js';

export class ToolMissingError extends Error {
  constructor(
    readonly tool: string,
    readonly debianPackages: string,
  ) {
    super(`${tool} is not installed (Debian: apt-get install -y ${debianPackages})`);
    this.name = 'ToolMissingError';
  }
}

export class ConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversionError';
  }
}

const LO_PACKAGES = 'libreoffice-writer libreoffice-calc fonts-noto-cjk';

/** Path of the LibreOffice binary (`DTMA_SOFFICE`, else soffice / libreoffice on PATH); throws ToolMissingError. */
let sofficeFound: string | undefined;

export function findSoffice(): string {
  // Found once per process: `soffice --version` starts LibreOffice (a second or more) and blocks the thread.
  if (sofficeFound) return sofficeFound;
  const candidates = [loadConfig().soffice, 'soffice', 'libreoffice'].filter((x): x is string => !!x);
  for (const c of candidates) {
    const r = spawnSync(c, ['--version'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return (sofficeFound = c);
  }
  throw new ToolMissingError('LibreOffice (soffice)', LO_PACKAGES);
}

/** Throws ToolMissingError when `tool` (e.g. pdftotext) does not run. */
export function requireTool(tool: string, debianPackages: string, args: string[] = ['-v']): void {
  const r = spawnSync(tool, args, { encoding: 'utf8', timeout: 30_000 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new ToolMissingError(tool, debianPackages);
}

export interface ConvertOptions {
  /** Default 120 s. */
  timeoutMs?: number;
  soffice?: string;
}

/**
 * Converts `input` (bytes of a file with extension `fromExt`) with `soffice --headless --convert-to <target>`
 * and returns the converted bytes. `target` is LibreOffice's filter spec, e.g. `pdf` or `xlsx`.
 */
export async function convertWithLibreOffice(
  input: Uint8Array,
  fromExt: string,
  target: string,
  options: ConvertOptions = {},
): Promise<Buffer> {
  const soffice = options.soffice ?? findSoffice();
  const dir = await mkdtemp(join(tmpdir(), 'dtma-lo-'));
  try {
    const inName = `input.${fromExt.replace(/^\./, '')}`;
    const inPath = join(dir, inName);
    const outDir = join(dir, 'out');
    await writeFile(inPath, input);
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const args = [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      target,
      '--outdir',
      outDir,
      inPath,
    ];
    const timeoutMs = options.timeoutMs ?? 120_000;
    await new Promise<void>((resolve, reject) => {
      execFile(soffice, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
        if (err) {
          const killed = (err as { killed?: boolean }).killed;
          reject(
            new ConversionError(
              killed
                ? `LibreOffice did not finish converting to ${target} within ${timeoutMs} ms`
                : `LibreOffice failed converting to ${target}: ${err.message}\n${stderr}${stdout}`,
            ),
          );
        } else resolve();
      });
    });
    const outExt = target.split(':')[0]!;
    const outPath = join(outDir, `${basename(inName, extname(inName))}.${outExt}`);
    try {
      return await readFile(outPath);
    } catch {
      throw new ConversionError(`LibreOffice produced no ${outExt} file (input ${inName})`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let warm: LibreOfficeServer | null | undefined;

/** The process's warm LibreOffice, or null (no python3-uno, or DTMA_LO_MODE=oneshot). */
export function warmLibreOffice(options: ConvertOptions = {}): LibreOfficeServer | null {
  if (warm !== undefined) return warm;
  const python = process.env.DTMA_LO_MODE === 'oneshot' ? null : findPythonUno();
  warm = python ? new LibreOfficeServer(options.soffice ?? findSoffice(), python) : null;
  return warm;
}

/** Stops the warm LibreOffice, if one runs (a CLI calls this before it exits). */
export async function shutdownLibreOffice(): Promise<void> {
  const w = warm;
  warm = undefined;
  await w?.shutdown();
}

async function warmOrOneShot(
  input: Uint8Array,
  fromExt: string,
  filter: string,
  options: ConvertOptions,
): Promise<Buffer> {
  const w = warmLibreOffice(options);
  if (!w) return convertWithLibreOffice(input, fromExt, 'pdf', options);
  try {
    return await w.convert(input, fromExt, 'pdf', {
      filter,
      updateIndexes: fromExt === 'docx',
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
  } catch (error) {
    if (error instanceof LibreOfficeError) throw new ConversionError(error.message);
    throw error;
  }
}

/** The report (docx bytes) as PDF bytes, its table of contents updated (warm LibreOffice). */
export function docxToPdf(docx: Uint8Array, options: ConvertOptions = {}): Promise<Buffer> {
  return warmOrOneShot(docx, 'docx', 'writer_pdf_Export', options);
}

/** A workbook (xlsx bytes) as PDF bytes, as it prints (page setup, print areas). */
export function xlsxToPdf(xlsx: Uint8Array, options: ConvertOptions = {}): Promise<Buffer> {
  return warmOrOneShot(xlsx, 'xlsx', 'calc_pdf_Export', options);
}
