import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load.js';
import { planningInputFromAssessment } from '../planning/build.js';
import { compileScoring, score, seededRng } from '../scoring/index.js';
import { buildReportDocx, REPORT_HEADINGS } from './docx-report.js';
import { docxToPdf, findSoffice, requireTool } from './pdf.js';

const model = loadModel('nfm-dtmm-2024-draft');
const OUT = join(process.cwd(), 'tmp', 'report-pages');

/** A deterministic assessment of a smelter that is mostly 一级/二级: lower levels better than higher ones. */
function assessment(): Record<string, number> {
  const compiled = compileScoring(model, 'smelting');
  const rng = seededRng(2024);
  const out: Record<string, number> = {};
  for (const id of compiled.ids) {
    const level = Number(/\.S(\d)\./.exec(id)![1]);
    const x = rng() + 0.35 - level * 0.12;
    out[id] = x > 0.75 ? 1 : x > 0.5 ? 0.8 : x > 0.3 ? 0.5 : 0;
  }
  return out;
}

describe('assessment report', () => {
  it('renders to docx and, through LibreOffice, to a PDF with the headings, numbers and every domain (requires libreoffice-writer, poppler-utils, fonts-noto-cjk)', async () => {
    findSoffice(); // clear ToolMissingError when LibreOffice is missing
    requireTool('pdftotext', 'poppler-utils');
    requireTool('pdftoppm', 'poppler-utils');
    const compiled = compileScoring(model, 'smelting');
    const input = assessment();
    const result = score(compiled, input);
    const t0 = performance.now();
    const docx = await buildReportDocx({
      model,
      result,
      planning: planningInputFromAssessment(compiled, input),
      info: {
        enterprise: '示例铜冶炼有限公司',
        industry: 'smelting',
        modelId: model.meta.id,
        assessedFrom: '2024-03-01',
        assessedTo: '2024-03-05',
        reportDate: '2024-03-20',
        team: [{ name: '张三', role: '组长' }, { name: '李四' }, { name: '王五' }],
        profile: '大型铜冶炼企业，年产阴极铜 40 万吨',
      },
    });
    const tDocx = performance.now() - t0;
    const pdf = await docxToPdf(docx);
    const tPdf = performance.now() - t0 - tDocx;
    console.log(
      `report: docx ${tDocx.toFixed(0)} ms (${docx.length} B), pdf ${tPdf.toFixed(0)} ms (${pdf.length} B)`,
    );
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'report.docx'), docx);
    writeFileSync(join(OUT, 'report.pdf'), pdf);
    const txt = spawnSync('pdftotext', ['-layout', join(OUT, 'report.pdf'), '-'], { encoding: 'utf8' });
    expect(txt.status).toBe(0);
    const text = txt.stdout.replace(/[ \t]+/g, ' ');
    for (const h of Object.values(REPORT_HEADINGS)) expect(text).toContain(h);
    expect(text).toContain(`S = ${result.total.display}`);
    expect(text).toContain(`${result.conclusion.ordinal} ${result.conclusion.name}`);
    for (const l of result.levels)
      expect(text).toMatch(new RegExp(`${l.level} ${l.score.display.replace('.', '\\.')}`));
    for (const d of result.domains) expect(text).toContain(d.name);
    expect(text).toContain('示例铜冶炼有限公司');
    expect(text).toContain('优秀经验');
    const pages = spawnSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '8',
      join(OUT, 'report.pdf'),
      join(OUT, 'page'),
    ]);
    expect(pages.status).toBe(0);
    expect(readdirSync(OUT).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(4);
  }, 240_000);
});
