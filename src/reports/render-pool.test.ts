import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../model/load.js';
import { shutdownLibreOffice } from './pdf.js';
import { closeRenderPool, renderPool, renderReport } from './render-pool.js';
import { renderInThisThread } from './render.js';
import { SAMPLE_SPECS, sampleAssessment } from './sample-assessment.js';
import { zipEntry } from '../testing/zip.js';

const model = loadModel('nfm-dtmm-2024-draft');
const request = sampleAssessment(model, SAMPLE_SPECS.processing);
const text = (docx: Buffer) =>
  zipEntry(docx, 'word/document.xml')!
    .toString('utf8')
    .replace(/<[^>]+>/g, '');

afterAll(async () => {
  await closeRenderPool();
  await shutdownLibreOffice();
});

describe('render pool (reports off the main thread)', () => {
  it('renders the same report in a worker thread as in this thread, and keeps this thread’s event loop turning meanwhile', async () => {
    let turns = 0;
    let done = false;
    const spin = () => {
      turns++;
      if (!done) setImmediate(spin);
    };
    setImmediate(spin);
    const docx = await renderReport(request, 'docx');
    done = true;
    expect(renderPool().completed).toBe(1);
    expect(text(docx)).toBe(text(await renderInThisThread(request, 'docx')));
    // The worker built the charts and the document while this thread kept running callbacks.
    expect(turns).toBeGreaterThan(50);
  }, 120_000);

  it('renders the JSON report data and the result workbook', async () => {
    const json = JSON.parse((await renderReport(request, 'json')).toString('utf8'));
    expect(json.enterprise.name).toBe(SAMPLE_SPECS.processing.enterprise);
    const xlsx = await renderReport(request, 'xlsx');
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  }, 120_000);

  it('renders a PDF: the worker’s DOCX through LibreOffice (requires libreoffice-writer)', async () => {
    const pdf = await renderReport(request, 'pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  }, 240_000);
});
