import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load.js';
import { gradeKeyOf } from '../planning/build.js';
import { compileScoring, randomAssessment, score, seededRng } from '../scoring/index.js';
import type { GradeKey } from '../planning/types.js';
import { resultWorkbookBuffer } from './xlsx-export.js';

const model = loadModel('nfm-dtmm-2024-draft');

describe('result export', () => {
  it('writes the total, the level scores and every requirement score', async () => {
    const compiled = compileScoring(model, 'processing');
    const input = randomAssessment(compiled, seededRng(5));
    delete input[compiled.ids[0]!];
    const result = score(compiled, input, { partial: true });
    const grades = new Map(
      Object.entries(input).map(([id, v]) => [id, gradeKeyOf(model.satisfaction, v)!] as [string, GradeKey]),
    );
    const buf = await resultWorkbookBuffer({
      model,
      compiled,
      result,
      grades,
      notes: new Map([[compiled.ids[1]!, { evidence: '会议纪要', rationale: '已设立领导小组' }]]),
      info: { enterprise: '某加工企业', industry: 'processing', modelId: model.meta.id },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ov = wb.getWorksheet('总览')!;
    expect(ov.getCell('B5').value).toBe(Number(result.total.display));
    expect(ov.getCell('B6').value).toBe(`${result.total.num}/${result.total.den}`);
    const lv = wb.getWorksheet('等级得分')!;
    result.levels.forEach((l, i) =>
      expect(lv.getCell(i + 2, 3).value).toBe(
        l.score.den === 1 ? String(l.score.num) : `${l.score.num}/${l.score.den}`,
      ),
    );
    const dt = wb.getWorksheet('评分明细')!;
    expect(dt.rowCount - 1).toBe(compiled.ids.length);
    expect(dt.getCell('A2').value).toBe(compiled.ids[0]);
    expect(dt.getCell('G2').value).toBe('未评分');
    expect(dt.getCell('I3').value).toBe('会议纪要');
    const second = input[compiled.ids[1]!]!;
    expect(dt.getCell('H3').value).toBe(second);
  });
});
