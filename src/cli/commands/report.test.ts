import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadModel } from '../../model/load.js';
import { REPORT_HEADINGS } from '../../reports/docx-report.js';
import { findSoffice, requireTool } from '../../reports/pdf.js';
import { zipEntry } from '../../testing/zip.js';
import { compileScoring, score, seededRng } from '../../scoring/index.js';
import { SAMPLE_SPECS, sampleAssessment } from '../../reports/sample-assessment.js';
import { zhDate } from '../../reports/assessment-report.js';
import { buildProgram, main } from '../main.js';
import {
  createAssessment,
  createOrganisation,
  openDatabase,
  writeConsensusScores,
} from '../../testing/store.js';

const model = loadModel('nfm-dtmm-2024-draft');
const compiled = compileScoring(model, 'smelting');

/** A smelter that is mostly 一级/二级: lower levels better than higher ones (so the plan has work to do). */
function assessment(seed: number): Record<string, number> {
  const rng = seededRng(seed);
  const out: Record<string, number> = {};
  for (const id of compiled.ids) {
    const level = Number(/\.S(\d)\./.exec(id)![1]);
    const x = rng() + 0.35 - level * 0.12;
    out[id] = x > 0.75 ? 1 : x > 0.5 ? 0.8 : x > 0.3 ? 0.5 : 0;
  }
  return out;
}

async function run(...args: string[]): Promise<string> {
  const out: string[] = [];
  await buildProgram((t) => out.push(t)).parseAsync(args, { from: 'user' });
  return out.join('\n');
}

/** Runs `main` (exit code, stdout and stderr captured). */
async function runMain(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((c) => (stdout.push(String(c)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((c) => (stderr.push(String(c)), true));
  try {
    const code = await main(args);
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    vi.restoreAllMocks();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'dtma-cli-report-'));
const scores = assessment(2024);
const expected = score(compiled, scores);
const scoreFile = join(dir, '示例铜冶炼.json');
writeFileSync(scoreFile, JSON.stringify({ industry: 'smelting', scores }));
const outDir = join(dir, 'out');
const docxPath = join(outDir, '示例铜冶炼.docx');
const pdfPath = join(outDir, '示例铜冶炼.pdf');

/**
 * The docx report takes seconds (charts): built once for the docx and the pdf test, in one run with both formats.
 * Settles with the error instead of rejecting, so the docx test does not fail on a missing LibreOffice.
 */
let docxAndPdf: Promise<Error | null> | undefined;
const reportOnce = () =>
  (docxAndPdf ??= run(
    'report',
    scoreFile,
    '--format',
    'docx,pdf',
    '--out',
    outDir,
    '--team',
    '张三:组长,李四',
    '--assessed-from',
    '2024-03-01',
    '--assessed-to',
    '2024-03-05',
  ).then(
    () => null,
    (e: Error) => e,
  ));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dtma report from a score file', () => {
  afterEach(() => vi.restoreAllMocks());

  it('--format docx: a Word document with the Chinese headings, the total and the enterprise', async () => {
    await reportOnce();
    expect(existsSync(docxPath)).toBe(true);
    const xml = zipEntry(readFileSync(docxPath), 'word/document.xml')?.toString('utf8');
    expect(xml, 'word/document.xml in the docx').toBeDefined();
    const text = xml!.replace(/<[^>]+>/g, '');
    for (const h of Object.values(REPORT_HEADINGS)) expect(text).toContain(h);
    expect(text).toContain(`S = ${expected.total.display}`);
    expect(text).toContain(`${expected.conclusion.ordinal}（${expected.conclusion.name}）`);
    expect(text).toContain('示例铜冶炼'); // the file name stands in for the enterprise
    expect(text).toMatch(/张三组长/); // the team table: name, role
    expect(text).toContain('评估日期2024年3月1日至2024年3月5日');
  }, 180_000);

  it('--format pdf: converted by LibreOffice; pdftotext shows the headings, the total and every domain (requires libreoffice-writer, poppler-utils)', async () => {
    findSoffice(); // a clear ToolMissingError when LibreOffice is missing — fails, never skips
    requireTool('pdftotext', 'poppler-utils');
    requireTool('pdftoppm', 'poppler-utils');
    const error = await reportOnce();
    if (error) throw error;
    const txt = spawnSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(txt.status, txt.stderr).toBe(0);
    const text = txt.stdout.replace(/[ \t]+/g, ' ');
    for (const h of Object.values(REPORT_HEADINGS)) expect(text).toContain(h);
    expect(text).toContain(`S = ${expected.total.display}`);
    for (const d of expected.domains) expect(text).toContain(d.name);
    // Page images to look at (tmp/ is ignored by git).
    const pages = join(process.cwd(), 'tmp');
    mkdirSync(pages, { recursive: true });
    const png = spawnSync('pdftoppm', [
      '-png',
      '-r',
      '50',
      '-f',
      '1',
      '-l',
      '2',
      pdfPath,
      join(pages, 'cli-report'),
    ]);
    expect(png.status).toBe(0);
  }, 240_000);

  it('--format xlsx: the result and every score, readable again', async () => {
    const out = join(dir, 'result.xlsx');
    const text = await run('report', scoreFile, '--format', 'xlsx', '--out', out, '--enterprise', '某铜业');
    expect(text).toContain(`S = ${expected.total.display}`);
    expect(text).toContain(`wrote ${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ov = wb.getWorksheet('总览')!;
    expect(ov.getCell('B1').value).toBe('某铜业');
    expect(ov.getCell('B5').value).toBe(Number(expected.total.display));
    expect(ov.getCell('B6').value).toBe(`${expected.total.num}/${expected.total.den}`);
    const detail = wb.getWorksheet('评分明细')!;
    expect(detail.rowCount - 1).toBe(compiled.ids.length);
    expect(detail.getCell('A2').value).toBe(compiled.ids[0]);
    expect(detail.getCell('H2').value).toBe(scores[compiled.ids[0]!]);
  }, 60_000);

  it('rejects an unknown format, and a --out file of another type', async () => {
    await expect(run('report', scoreFile, '--format', 'doc')).rejects.toThrow(/expected docx, pdf, xlsx/);
    await expect(run('report', scoreFile, '--format', 'xlsx', '--out', join(dir, 'x.docx'))).rejects.toThrow(
      /needs a \.xlsx file name/,
    );
  });
});

describe('dtma report FOLDER (batch)', () => {
  it('writes the good reports, names the bad file, exits non-zero; progress one line per file off a TTY', async () => {
    const inputs = join(dir, 'batch');
    mkdirSync(inputs);
    writeFileSync(join(inputs, 'a.json'), JSON.stringify({ industry: 'smelting', scores }));
    writeFileSync(
      join(inputs, 'b.json'),
      JSON.stringify({ industry: 'smelting', scores: { ...scores, 'mining.production-operations.S1.1': 1 } }),
    );
    writeFileSync(join(inputs, 'c.json'), JSON.stringify({ industry: 'smelting', scores: assessment(7) }));
    writeFileSync(join(inputs, 'notes.txt'), 'not an input');
    const out = join(dir, 'batch-out');
    const r = await runMain('report', inputs, '--format', 'xlsx', '--out', out);
    expect(r.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['a-result.xlsx', 'c-result.xlsx']);
    expect(r.stderr).toContain('[1/3] a.json ok');
    expect(r.stderr).toMatch(/\[2\/3\] b\.json FAILED: /);
    expect(r.stderr).toContain('[3/3] c.json ok');
    expect(r.stderr).toMatch(/1 of 3 file\(s\) failed:\n {2}✗ \S*b\.json/);
    expect(r.stderr).toContain('mining.production-operations.S1.1');
    expect(r.stdout).toContain(`a.json: S = ${expected.total.display}`);
    // The good reports are complete workbooks.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'c-result.xlsx'));
    expect(wb.getWorksheet('总览')!.getCell('B5').value).toBe(
      Number(score(compiled, assessment(7)).total.display),
    );
  }, 60_000);

  it('needs --out for a folder', async () => {
    await expect(run('report', dir, '--format', 'xlsx')).rejects.toThrow(/pass --out DIR/);
  });
});

describe('dtma report ASSESSMENT_ID (database)', () => {
  it('uses the consensus scores or the frozen result and the enterprise of a stored assessment; says so when there are none', async () => {
    const file = join(dir, 'db', 'dtma.sqlite');
    const sys = { userId: null, label: 'test' };
    const handle = await openDatabase({ url: file, migrate: true });
    let scoredId = '';
    let emptyId = '';
    let frozenId = '';
    const frozenScores = assessment(11);
    try {
      const org = await createOrganisation(handle.db, sys, {
        kind: 'enterprise',
        name: '数据库铜业有限公司',
        industry: 'smelting',
      });
      const make = () =>
        createAssessment(handle.db, sys, {
          enterpriseId: org.id,
          industry: 'smelting',
          modelId: model.meta.id,
          stage: 'consensus',
        });
      scoredId = (await make()).id;
      emptyId = (await make()).id;
      // As the web application stores it: the process aggregate with the frozen result's team scores.
      frozenId = (await make()).id;
      const frozen = score(compiled, frozenScores);
      await handle.db
        .insertInto('assessment_documents')
        .values({
          assessment_id: frozenId,
          doc: JSON.stringify({
            assessment: {
              id: frozenId,
              consensus: {},
              result: {
                revision: 2,
                modelId: model.meta.id,
                teamScores: Object.fromEntries(Object.entries(frozenScores).map(([k, v]) => [k, String(v)])),
                value: JSON.parse(JSON.stringify(frozen)) as unknown,
              },
            },
            form: {},
          }),
          version: 1,
          updated_at: new Date().toISOString(),
        })
        .execute();
      const tenths: Record<number, number> = { 1: 10, 0.8: 8, 0.5: 5, 0: 0 };
      const written = await writeConsensusScores(
        handle.db,
        sys,
        compiled.ids.map((rid) => ({
          assessmentId: scoredId,
          requirementId: rid,
          valueTenths: tenths[scores[rid]!]!,
          rationale: rid === compiled.ids[0] ? '查阅会议纪要' : '',
          expectedVersion: 0,
        })),
      );
      expect(written.ok).toBe(true);
    } finally {
      await handle.close();
    }
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `sqlite:${file}`;
    try {
      const out = join(dir, 'db-result.xlsx');
      const text = await run('report', scoredId, '--format', 'xlsx', '--out', out);
      expect(text).toContain(`S = ${expected.total.display}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      expect(wb.getWorksheet('总览')!.getCell('B1').value).toBe('数据库铜业有限公司');
      expect(wb.getWorksheet('总览')!.getCell('B5').value).toBe(Number(expected.total.display));
      expect(wb.getWorksheet('评分明细')!.getCell('J2').value).toBe('查阅会议纪要');

      const frozenText = await run('report', frozenId, '--format', 'xlsx', '--out', join(dir, 'frozen.xlsx'));
      expect(frozenText).toContain(`S = ${score(compiled, frozenScores).total.display}`);

      await expect(run('report', emptyId, '--format', 'xlsx', '--out', join(dir, 'x.xlsx'))).rejects.toThrow(
        new RegExp(`assessment ${emptyId} \\(stage consensus\\) has no scores yet`),
      );
      expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
      await expect(run('report', 'no-such-id', '--format', 'xlsx')).rejects.toThrow(
        /neither a file or folder nor an assessment/,
      );
    } finally {
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
    }
  }, 60_000);
});

describe('dtma report ASSESSMENT_ID of a published assessment (issue 11 defect 2)', () => {
  it('prints the team’s sections, the team, the seal and the seal’s date — never today’s', async () => {
    const file = join(dir, 'db2', 'dtma.sqlite');
    const sys = { userId: null, label: 'test' };
    const handle = await openDatabase({ url: file, migrate: true });
    const sample = sampleAssessment(model, SAMPLE_SPECS.mining);
    let id = '';
    try {
      const ent = await createOrganisation(handle.db, sys, {
        kind: 'enterprise',
        name: '江西某铜矿业有限公司',
        industry: 'mining',
      });
      const body = await createOrganisation(handle.db, sys, { kind: 'body', name: '某评估中心' });
      id = (
        await createAssessment(handle.db, sys, {
          enterpriseId: ent.id,
          industry: 'mining',
          modelId: model.meta.id,
          stage: 'published',
        })
      ).id;
      const a = { ...sample.assessment, id, enterpriseOrgId: ent.id, bodyOrgId: body.id };
      await handle.db
        .insertInto('assessment_documents')
        .values({
          assessment_id: id,
          doc: JSON.stringify({ assessment: a, form: {} }),
          version: 1,
          updated_at: new Date().toISOString(),
        })
        .execute();
    } finally {
      await handle.close();
    }
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `sqlite:${file}`;
    try {
      const out = join(dir, 'published.docx');
      await run('report', id, '--format', 'docx', '--out', out);
      const text = zipEntry(readFileSync(out), 'word/document.xml')!
        .toString('utf8')
        .replace(/<[^>]+>/g, '');
      for (const sec of Object.values(sample.assessment.report!.sections))
        expect(text).toContain(sec!.slice(0, 20));
      expect(text).toContain('评估机构：某评估中心');
      expect(text).toContain(sample.assessment.seal!.hash);
      expect(text).toContain(`报告日期：${zhDate(sample.assessment.seal!.at)}`);
      expect(text).toContain('王建国');
    } finally {
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
    }
  }, 60_000);
});
