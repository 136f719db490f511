/**
 * Report rendering off the main thread (piscina worker threads): the service layer calls
 * `renderReport(request, format)`; building the report data, the charts and the DOCX (hundreds of ms of CPU)
 * runs in a worker, so the server's event loop keeps answering. A PDF is the worker's DOCX converted by the warm
 * LibreOffice of this process (a child process: waiting for it does not block the event loop either).
 *
 * Threads: `DTMA_REPORT_THREADS` (default 1 — the machine has 2 cores; reports are rare next to requests). A
 * worker keeps the model, the fonts and the laid-out chart labels warm between reports; idle workers end after
 * `DTMA_REPORT_IDLE_MS` (default 10 min) and do not keep the process alive.
 */
import { Piscina } from 'piscina';
import { docxToPdf } from './pdf.js';
import type { ReportFileFormat, ReportRequest } from './render.js';

let pool: Piscina | undefined;

function workerOptions(): { filename: string; execArgv: string[] } {
  const ts = import.meta.url.endsWith('.ts');
  const filename = new URL(ts ? './render-worker.ts' : './render-worker.js', import.meta.url).href;
  // A .ts worker (tests, `npm run dtma`) needs the tsx loader unless this process already runs under it.
  const hasTsx = process.execArgv.some((a) => /tsx/.test(a));
  return {
    filename,
    execArgv: ts && !hasTsx ? [...process.execArgv, '--import', 'tsx'] : [...process.execArgv],
  };
}

export function renderPool(): Piscina {
  if (pool) return pool;
  const threads = Math.max(1, Number(process.env.DTMA_REPORT_THREADS ?? 1) || 1);
  pool = new Piscina({
    ...workerOptions(),
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: Number(process.env.DTMA_REPORT_IDLE_MS ?? 600_000),
  });
  return pool;
}

/** The report file of `request` in `format` (docx | pdf | xlsx | json), rendered in a worker thread. */
export async function renderReport(request: ReportRequest, format: ReportFileFormat): Promise<Buffer> {
  const inWorker = format === 'pdf' ? 'docx' : format;
  const bytes = (await renderPool().run({ request, format: inWorker })) as Uint8Array;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return format === 'pdf' ? docxToPdf(buf) : buf;
}

/** Ends the worker threads (tests, a CLI before it exits). */
export async function closeRenderPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}
