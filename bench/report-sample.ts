/**
 * `npm run report:sample [industry…]`: the published-demo-like report of each industry as DOCX and PDF, and the PDF's pages as
 * PNG (pdftoppm), under tmp/report-samples/ — to look at the report as the chief expert would.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../src/model/load.js';
import { INDUSTRIES } from '../src/model/types.js';
import { buildAssessmentReport } from '../src/reports/assessment-report.js';
import { renderReportDocx } from '../src/reports/docx-report.js';
import { docxToPdf, shutdownLibreOffice } from '../src/reports/pdf.js';
import { SAMPLE_SPECS, sampleAssessment } from '../src/reports/sample-assessment.js';

const OUT = join(process.cwd(), 'tmp', 'report-samples');
const only = process.argv.slice(2);
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const model = loadModel('nfm-dtmm-2024-draft');
try {
  for (const industry of INDUSTRIES.filter((i) => only.length === 0 || only.includes(i))) {
    let t = performance.now();
    const { assessment, names } = sampleAssessment(model, SAMPLE_SPECS[industry]);
    const tProcess = performance.now() - t;
    t = performance.now();
    const data = buildAssessmentReport({ assessment, model, names });
    const docx = await renderReportDocx(data);
    const tDocx = performance.now() - t;
    t = performance.now();
    const pdf = await docxToPdf(docx);
    const tPdf = performance.now() - t;
    const base = join(OUT, industry);
    writeFileSync(`${base}.json`, JSON.stringify(data, null, 2));
    writeFileSync(`${base}.docx`, docx);
    writeFileSync(`${base}.pdf`, pdf);
    const info = spawnSync('pdfinfo', [`${base}.pdf`], { encoding: 'utf8' }).stdout;
    const pages = /Pages:\s+(\d+)/.exec(info)?.[1];
    spawnSync('pdftoppm', ['-png', '-r', '50', `${base}.pdf`, `${base}-page`]);
    console.log(
      `${industry}: S = ${data.result.total} ${data.result.conclusionText}, ${pages} pages; ` +
        `process ${tProcess.toFixed(0)} ms, data+docx ${tDocx.toFixed(0)} ms, pdf ${tPdf.toFixed(0)} ms → ${base}.pdf`,
    );
  }
} finally {
  await shutdownLibreOffice();
}
