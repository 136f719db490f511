/**
 * Report benchmark (`BENCH=report npm run bench`): the published-demo-like smelting report (722 requirements) in a
 * warm process — report data, DOCX (with charts), PDF through the warm LibreOffice, and for comparison a one-shot
 * `soffice --convert-to` — then the event-loop delay of this thread while the render pool renders a report in a
 * worker, against rendering in this thread. Targets (issue 11): DOCX ≤ 1.5 s, PDF ≤ 5 s in a warm process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../src/model/load.js';
import { INDUSTRIES } from '../src/model/types.js';
import { buildAssessmentReport } from '../src/reports/assessment-report.js';
import { renderReportDocx } from '../src/reports/docx-report.js';
import {
  convertWithLibreOffice,
  docxToPdf,
  shutdownLibreOffice,
  warmLibreOffice,
} from '../src/reports/pdf.js';
import { closeRenderPool, renderReport } from '../src/reports/render-pool.js';
import { renderInThisThread } from '../src/reports/render.js';
import { SAMPLE_SPECS, sampleAssessment } from '../src/reports/sample-assessment.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

function pagesOf(pdf: Buffer): number {
  const dir = mkdtempSync(join(tmpdir(), 'dtma-bench-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const info = spawnSync('pdfinfo', [join(dir, 'r.pdf')], { encoding: 'utf8' }).stdout;
    return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Event-loop delay of this thread while `fn` runs: a 5 ms interval timer records how late each tick comes
 * (max and p99 of the lateness), as a server's request handlers would feel it.
 */
async function loopDelay(fn: () => Promise<unknown>): Promise<{ max: number; p99: number; total: number }> {
  const late: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    late.push(Math.max(0, now - last - 5));
    last = now;
  }, 5);
  await new Promise((r) => setTimeout(r, 20));
  last = performance.now();
  late.length = 0;
  const [, total] = await time(fn);
  await new Promise((r) => setTimeout(r, 10));
  clearInterval(timer);
  const sorted = [...late].sort((a, b) => a - b);
  return {
    max: sorted[sorted.length - 1] ?? 0,
    p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0,
    total,
  };
}

export async function benchReport(): Promise<void> {
  const model = loadModel('nfm-dtmm-2024-draft');
  const smelting = sampleAssessment(model, SAMPLE_SPECS.smelting);
  console.log('\nreport — smelting, published-demo-like (722 requirements), warm process');
  try {
    // Cold: first report of the process (fonts, echarts, model caches; LibreOffice start).
    const [data0, tData0] = await time(() => buildAssessmentReport({ model, ...smelting }));
    const [docx0, tDocx0] = await time(() => renderReportDocx(data0));
    const lo = warmLibreOffice();
    const [pdf0, tPdf0] = await time(() => docxToPdf(docx0));
    console.log(
      `  first report: data ${ms(tData0)}, docx ${ms(tDocx0)}, pdf ${ms(tPdf0)} (${lo ? 'starts the warm LibreOffice' : 'one-shot soffice: no python3-uno'})`,
    );
    const tData: number[] = [];
    const tDocx: number[] = [];
    const tPdf: number[] = [];
    let pages = 0;
    for (let i = 0; i < 3; i++) {
      const [data, a] = await time(() => buildAssessmentReport({ model, ...smelting }));
      const [docx, b] = await time(() => renderReportDocx(data));
      const [pdf, c] = await time(() => docxToPdf(docx));
      tData.push(a);
      tDocx.push(a + b);
      tPdf.push(a + b + c);
      pages = pagesOf(pdf);
    }
    console.log(
      `  warm (median of 3): data ${ms(median(tData))}; DOCX (data + charts + document) ${ms(median(tDocx))} ` +
        `(target ≤ 1500 ms); PDF (DOCX + warm LibreOffice) ${ms(median(tPdf))} (target ≤ 5000 ms); ${pages} pages`,
    );
    const [, tOneShot] = await time(() => convertWithLibreOffice(docx0, 'docx', 'pdf'));
    console.log(`  for comparison: one-shot soffice --convert-to of the same DOCX ${ms(tOneShot)}`);
    console.log(
      `  pdf size ${(pdf0.length / 1024).toFixed(0)} KiB, docx ${(docx0.length / 1024).toFixed(0)} KiB`,
    );

    for (const industry of INDUSTRIES) {
      const s = sampleAssessment(model, SAMPLE_SPECS[industry]);
      const data = buildAssessmentReport({ model, ...s });
      const pdf = await docxToPdf(await renderReportDocx(data));
      console.log(
        `  ${industry}: S = ${data.result.total} ${data.result.conclusionText}, ${pagesOf(pdf)} pages, ` +
          `${data.plan.steps.length} plan steps, ${data.plan.measures.filter((m) => m.headline).length} headline measures`,
      );
    }

    // Event loop of this thread while a report renders.
    const request = smelting;
    await renderReport(request, 'docx'); // start the worker (tsx, fonts, model)
    const inThread = await loopDelay(() => renderInThisThread(request, 'docx'));
    const pooled = await loopDelay(() => renderReport(request, 'docx'));
    const pooledPdf = await loopDelay(() => renderReport(request, 'pdf'));
    console.log(
      `  event-loop delay of this thread — DOCX in this thread: max ${ms(inThread.max)}, p99 ${ms(inThread.p99)} ` +
        `(${ms(inThread.total)}); DOCX in the render pool: max ${ms(pooled.max)}, p99 ${ms(pooled.p99)} ` +
        `(${ms(pooled.total)}); PDF via the pool: max ${ms(pooledPdf.max)}, p99 ${ms(pooledPdf.p99)} (${ms(pooledPdf.total)})`,
    );
  } finally {
    await closeRenderPool();
    await shutdownLibreOffice();
  }
}
