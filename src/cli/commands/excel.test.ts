import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadModel } from '../../model/load.js';
import { COVER_SHEET, HEADER_ROW } from '../../reports/xlsx-template.js';
import { compileScoring, randomAssessment, score, seededRng } from '../../scoring/index.js';
import { buildProgram, main } from '../main.js';

const model = loadModel('nfm-dtmm-2024-draft');
const compiled = compileScoring(model, 'smelting');
const scores = randomAssessment(compiled, seededRng(7));
const label = new Map(model.satisfaction.map((g) => [g.score, g.label] as const));

async function run(...args: string[]): Promise<string> {
  const out: string[] = [];
  await buildProgram((t) => out.push(t)).parseAsync(args, { from: 'user' });
  return out.join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'dtma-cli-excel-'));

/**
 * Fills the 评分 column of a template the way a user would: labels mostly, some plain numbers; `edit` may
 * change single cells afterwards (sheet, row of the requirement, value).
 */
async function fill(
  template: string,
  out: string,
  edit?: (ws: ExcelJS.Worksheet, row: number, id: string) => void,
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  let n = 0;
  for (const ws of wb.worksheets) {
    if (ws.name === COVER_SHEET) continue;
    const header = ws.getRow(HEADER_ROW);
    let idCol = 0;
    let gradeCol = 0;
    header.eachCell((c, i) => {
      if (c.value === '要求编号') idCol = i;
      if (c.value === '评分') gradeCol = i;
    });
    for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
      const id = ws.getRow(r).getCell(idCol).value;
      if (typeof id !== 'string' || !id) continue;
      const v = scores[id]!;
      ws.getRow(r).getCell(gradeCol).value = n++ % 5 === 0 ? v : label.get(String(v))!;
      edit?.(ws, r, id);
    }
  }
  await wb.xlsx.writeFile(out);
}

describe('dtma template / dtma import', () => {
  afterEach(() => vi.restoreAllMocks());

  it('template → filled with exceljs → import gives the same total as dtma score of the equivalent JSON', async () => {
    const template = join(dir, 'template.xlsx');
    expect(await run('template', '--industry', 'smelting', '--enterprise', '示例铜业', template)).toContain(
      template,
    );
    const filled = join(dir, 'filled.xlsx');
    await fill(template, filled);

    const expected = score(compiled, scores);
    const text = await run('import', filled);
    expect(text).toContain('示例铜业');
    expect(text).toContain(`= ${expected.total.display}`);
    expect(text).toContain(expected.conclusion.name);

    const json = JSON.parse(await run('import', filled, '--json')) as { total: { num: number; den: number } };
    expect(json.total).toMatchObject({ num: expected.total.num, den: expected.total.den });

    // The score file written by import scores the same through dtma score, and equals the original grades.
    const scoreFile = join(dir, 'scores.json');
    expect(await run('import', filled, '--out', scoreFile)).toContain(`S = ${expected.total.display}`);
    const written = JSON.parse(readFileSync(scoreFile, 'utf8')) as {
      modelId: string;
      industry: string;
      scores: Record<string, number>;
    };
    expect(written).toMatchObject({ modelId: model.meta.id, industry: 'smelting' });
    expect(written.scores).toEqual(scores);
    // A report straight from the workbook: enterprise from the cover, same total.
    const resultFile = join(dir, 'result.xlsx');
    expect(await run('report', filled, '--format', 'xlsx', '--out', resultFile)).toContain(
      `S = ${expected.total.display}`,
    );
    const result = new ExcelJS.Workbook();
    await result.xlsx.readFile(resultFile);
    expect(result.getWorksheet('总览')!.getCell('B1').value).toBe('示例铜业');
    expect(result.getWorksheet('总览')!.getCell('B5').value).toBe(Number(expected.total.display));

    const scored = await run('score', scoreFile);
    expect(scored).toContain(`= ${expected.total.display}`);
    expect(scored.split('\n')).toEqual(text.split('\n').slice(1));
  }, 60_000);

  it('an import error names sheet!cell, exits 1 and writes nothing', async () => {
    const template = join(dir, 'template2.xlsx');
    await run('template', '--industry', 'smelting', template);
    const bad = join(dir, 'bad.xlsx');
    let badRef = '';
    let emptyRef = '';
    await fill(template, bad, (ws, r, id) => {
      if (id === compiled.ids[2]) {
        ws.getRow(r).getCell(8).value = '大部份满足'; // a typo: 份 for 分
        badRef = `${ws.name}!H${r}`;
      }
      if (id === compiled.ids[40]) {
        ws.getRow(r).getCell(8).value = null;
        emptyRef = `${ws.name}!H${r}`;
      }
    });
    expect(badRef).toBe('组织!H5');
    const out = join(dir, 'never.json');
    await expect(run('import', bad, '--out', out)).rejects.toThrow(
      new RegExp(`${badRef}：“大部份满足”不是有效的满足程度[\\s\\S]*${emptyRef}：要求 \\S+ 未评分`),
    );
    expect(existsSync(out)).toBe(false);

    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
    expect(await main(['import', bad, '--out', out])).toBe(1);
    expect(stderr.join('')).toContain(`dtma: ${bad}：工作簿有 2 处问题，未导入`);
    expect(stderr.join('')).toContain(badRef);
    expect(existsSync(out)).toBe(false);
    // --partial accepts the empty cell, not the typo.
    await expect(run('import', bad, '--partial')).rejects.toThrow(/1 处问题[\s\S]*组织!H5/);
    // English on request.
    await expect(run('import', bad, '--lang', 'en')).rejects.toThrow(
      new RegExp(
        `2 problem\\(s\\) in the workbook, nothing imported:[\\s\\S]*${badRef}: "大部份满足" is not one of`,
      ),
    );
  }, 60_000);

  it('--partial imports a workbook with empty cells, counted as 0 and listed', async () => {
    const template = join(dir, 'template3.xlsx');
    await run('template', '--industry', 'smelting', template);
    const part = join(dir, 'part.xlsx');
    await fill(template, part, (ws, r, id) => {
      if (id === compiled.ids[0] || id === compiled.ids[9]) ws.getRow(r).getCell(8).value = null;
    });
    await expect(run('import', part)).rejects.toThrow(/未评分[\s\S]*--partial/);
    const expected = score(
      compiled,
      Object.fromEntries(
        Object.entries(scores).filter(([id]) => id !== compiled.ids[0] && id !== compiled.ids[9]),
      ),
      { partial: true },
    );
    const text = await run('import', part, '--partial');
    expect(text).toContain('partial result: 2 requirements without a score');
    expect(text).toContain(`= ${expected.total.display}`);
  }, 60_000);
});
