import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../model/load.js';
import { planningInputFromAssessment } from '../planning/build.js';
import { compileScoring, score } from '../scoring/index.js';
import { buildAssessmentReport } from './assessment-report.js';
import { buildReportDocx, REPORT_HEADINGS, renderReportDocx } from './docx-report.js';
import { docxToPdf, findSoffice, requireTool, shutdownLibreOffice } from './pdf.js';
import { SAMPLE_SPECS, sampleAssessment } from './sample-assessment.js';
import { zipEntry } from '../testing/zip.js';

const model = loadModel('nfm-dtmm-2024-draft');
const OUT = join(process.cwd(), 'tmp', 'report-pages');
const mining = sampleAssessment(model, SAMPLE_SPECS.mining);
const data = buildAssessmentReport({ model, ...mining });
const docx = await renderReportDocx(data);
const xml = zipEntry(docx, 'word/document.xml')!.toString('utf8');
const plain = xml.replace(/<[^>]+>/g, '');

afterAll(() => shutdownLibreOffice());

describe('the Word report (§4.6.4, issue 11)', () => {
  it('holds the team’s six sections, the report number, the body, the team and its disciplines', () => {
    for (const s of data.sections) expect(plain).toContain(s.text!.split('\n')[0]!);
    expect(plain).toContain(data.reportNumber);
    expect(plain).toContain(mining.names.body);
    for (const m of data.team) expect(plain).toContain(m.name);
    expect(plain).toContain('信息化、管理科学');
  });

  it('has a TOC field, PAGE and NUMPAGES fields in the footer (第 X 页 共 Y 页) and zh-CN as language', () => {
    expect(xml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    const footers = [1, 2, 3, 4]
      .map((n) => zipEntry(docx, `word/footer${n}.xml`)?.toString('utf8') ?? '')
      .join('');
    expect(footers).toMatch(/PAGE/);
    expect(footers).toMatch(/NUMPAGES/);
    expect(footers.replace(/<[^>]+>/g, '')).toContain('第 ');
    const styles = zipEntry(docx, 'word/styles.xml')!.toString('utf8');
    expect(styles).toMatch(/<w:lang w:val="zh-CN" w:eastAsia="zh-CN"\/>/);
  });

  it('the cover names the body, the enterprise, the report number and the date in Chinese form', () => {
    const cover = plain.slice(0, plain.indexOf(REPORT_HEADINGS.statements));
    expect(cover).toContain(`报告编号：${data.reportNumber}`);
    expect(cover).toContain(`评估机构：${mining.names.body}`);
    expect(cover).toContain(`受评估企业：${mining.names.enterprise}`);
    expect(cover).toMatch(/报告日期：2026年3月\d+日/);
    expect(cover).toContain('评估依据：《有色金属行业 数字化转型成熟度模型及评估方法》（草案）');
    expect(plain).not.toContain('nfm-dtmm-2024-draft');
  });

  it('carries the §4.2.2 statements and the signature page with the seal hash and the verification code', () => {
    expect(plain).toContain('独立性声明');
    expect(plain).toContain('保密声明');
    const sign = plain.slice(plain.indexOf(REPORT_HEADINGS.signature));
    expect(sign).toContain(mining.assessment.seal!.hash);
    expect(sign).toContain(data.verificationCode!);
  });

  it('captions are “表 n”/“图 n”, upright; body paragraphs have a first-line indent', () => {
    expect(plain).toMatch(/表 1 {2}评估基本信息/);
    expect(plain).toMatch(/图 1 {2}各成熟度等级得分/);
    expect(xml).not.toContain('<w:i/>');
    expect(xml).toMatch(/<w:ind w:firstLine="420"\/>/);
  });

  it('prints no raw fraction before the appendix of calculations, and never “暂无…优秀经验” while a level is met', () => {
    const body = plain.slice(
      0,
      plain.indexOf(REPORT_HEADINGS.appendixCalc, plain.indexOf(REPORT_HEADINGS.signature)),
    );
    expect(body).not.toMatch(/\d+\/\d{3,}/);
    expect(plain).not.toMatch(/暂无[^。]*优秀经验/);
    expect(plain.slice(plain.lastIndexOf(REPORT_HEADINGS.appendixCalc))).toContain('10128079/2580000');
  });

  it('still renders from a scoring result and its planner input (the route of src/http until the service calls the builder)', async () => {
    const compiled = compileScoring(model, 'smelting');
    const scores = mining.assessment.result!.teamScores;
    const smelting = sampleAssessment(model, SAMPLE_SPECS.smelting).assessment.result!.teamScores;
    void scores;
    const result = score(compiled, smelting);
    const legacy = await buildReportDocx({
      model,
      result,
      planning: planningInputFromAssessment(compiled, smelting),
      info: {
        enterprise: '示例冶炼厂',
        industry: 'smelting',
        modelId: model.meta.id,
        reportDate: '2026-03-20',
      },
    });
    const t = zipEntry(legacy, 'word/document.xml')!
      .toString('utf8')
      .replace(/<[^>]+>/g, '');
    expect(t).toContain('评估报告');
    expect(t).toContain(`S = ${result.total.display}`);
    expect(t).toContain('报告日期：2026年3月20日');
  });

  it('converts to a PDF whose table of contents has page numbers and whose pages say 第 X 页 共 Y 页 (requires libreoffice-writer, python3-uno, poppler-utils, fonts-noto-cjk)', async () => {
    findSoffice();
    requireTool('pdftotext', 'poppler-utils');
    requireTool('pdftoppm', 'poppler-utils');
    const pdf = await docxToPdf(docx);
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'report.pdf'), pdf);
    const txt = spawnSync('pdftotext', ['-layout', join(OUT, 'report.pdf'), '-'], { encoding: 'utf8' });
    expect(txt.status).toBe(0);
    const pages = txt.stdout.split('\f').filter((p) => p.trim());
    const n = pages.length;
    expect(pages[1]).toContain(`第 2 页 共 ${n} 页`);
    const toc = pages.find((p) => p.includes(REPORT_HEADINGS.toc) && p.includes(REPORT_HEADINGS.basic))!;
    expect(toc).toMatch(/一、基本情况\.+\s*\d+/);
    for (const h of [REPORT_HEADINGS.basic, REPORT_HEADINGS.overall, REPORT_HEADINGS.signature])
      expect(txt.stdout.replace(/[ \t]+/g, ' ')).toContain(h.replace(/ +/g, ' '));
    const png = spawnSync('pdftoppm', [
      '-png',
      '-r',
      '40',
      '-f',
      '1',
      '-l',
      '3',
      join(OUT, 'report.pdf'),
      join(OUT, 'page'),
    ]);
    expect(png.status).toBe(0);
    expect(readdirSync(OUT).filter((f) => f.endsWith('.png'))).toHaveLength(3);
  }, 240_000);
});
