import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertProperty } from '../testing/fast-check.js';
import {
  applyScoreWrite,
  consensusCompleteness,
  emptySheet,
  orderDisagreementsFirst,
  scoreSpread,
  sheetCompleteness,
  visibleScores,
} from './scoring-sheets.js';
import {
  NOW,
  REQS,
  bodyAdmin,
  driveTo,
  enterpriseUser,
  expertActor,
  leader,
  must,
  otherBodyAdmin,
  outsiderExpert,
  platformAdmin,
} from './test-fixtures.js';
import type { ExpertSheet, ScoreValue } from './types.js';
import { SCORE_VALUES } from './types.js';

const write = (
  requirementId: string,
  value: ScoreValue,
  expectedVersion: number,
  rationale = 'seen on site',
) => ({
  requirementId,
  value,
  rationale,
  expectedVersion,
});

describe('applyScoreWrite', () => {
  it('a first write expects version 0 and creates version 1', () => {
    const r = applyScoreWrite(emptySheet('x1'), write('r1', '0.8', 0), NOW);
    expect(r.ok && r.score).toMatchObject({
      requirementId: 'r1',
      value: '0.8',
      version: 1,
      at: NOW.toISOString(),
    });
  });

  it('an overwrite with the current version makes the next version', () => {
    const s1 = applyScoreWrite(emptySheet('x1'), write('r1', '0.8', 0), NOW);
    if (!s1.ok) throw new Error();
    const s2 = applyScoreWrite(s1.sheet, write('r1', '1', 1), NOW);
    expect(s2.ok && s2.sheet.scores['r1']).toMatchObject({ value: '1', version: 2 });
  });

  it('a stale expectedVersion is rejected with conflict, never silently overwritten', () => {
    const s1 = applyScoreWrite(emptySheet('x1'), write('r1', '0.8', 0), NOW);
    if (!s1.ok) throw new Error();
    const stale = applyScoreWrite(s1.sheet, write('r1', '0', 0), NOW);
    expect(stale).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        field: 'write.expectedVersion',
        details: { currentVersion: 1, expectedVersion: 0 },
      },
    });
    const ahead = applyScoreWrite(s1.sheet, write('r1', '0', 5), NOW);
    expect(ahead.ok).toBe(false);
    expect(s1.sheet.scores['r1']?.value).toBe('0.8');
  });

  it('only the Table 2 values 1 / 0.8 / 0.5 / 0 are accepted', () => {
    for (const v of SCORE_VALUES)
      expect(applyScoreWrite(emptySheet('x'), write('r', v, 0), NOW).ok).toBe(true);
    for (const v of ['0.7', '2', '', '1.0']) {
      const r = applyScoreWrite(emptySheet('x'), write('r', v as ScoreValue, 0), NOW);
      expect(r).toMatchObject({ ok: false, error: { code: 'validation', field: 'write.value' } });
    }
  });

  it('each score needs a rationale', () => {
    expect(applyScoreWrite(emptySheet('x'), write('r', '1', 0, '  '), NOW)).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'write.rationale' },
    });
  });

  it('a submitted sheet is locked', () => {
    const sheet: ExpertSheet = { ...emptySheet('x'), submittedAt: NOW.toISOString() };
    expect(applyScoreWrite(sheet, write('r', '1', 0), NOW)).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
  });

  it('property: a sequence of writes with random expected versions accepts exactly those that match', () => {
    assertProperty(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('a', 'b'),
            fc.constantFrom(...SCORE_VALUES),
            fc.integer({ min: 0, max: 4 }),
          ),
        ),
        (writes) => {
          let sheet = emptySheet('x');
          const versions: Record<string, number> = {};
          for (const [req, value, expected] of writes) {
            const before = sheet;
            const r = applyScoreWrite(sheet, write(req, value, expected), NOW);
            const current = versions[req] ?? 0;
            if (expected === current) {
              expect(r.ok).toBe(true);
              if (r.ok) sheet = r.sheet;
              versions[req] = current + 1;
              expect(sheet.scores[req]).toMatchObject({ value, version: current + 1 });
            } else {
              expect(r.ok ? 'ok' : r.error.code).toBe('conflict');
              expect(sheet).toBe(before);
            }
          }
        },
      ),
    );
  });
});

describe('completeness', () => {
  it('a sheet is complete when every requirement in scope is scored and nothing else', () => {
    let sheet = emptySheet('x');
    for (const r of REQS.slice(0, 2)) {
      const w = applyScoreWrite(sheet, write(r, '1', 0), NOW);
      if (w.ok) sheet = w.sheet;
    }
    expect(sheetCompleteness(sheet, REQS)).toEqual({ complete: false, missing: [REQS[2]], outOfScope: [] });
    expect(sheetCompleteness(sheet, REQS.slice(0, 1))).toEqual({
      complete: false,
      missing: [],
      outOfScope: [REQS[1]],
    });
    expect(sheetCompleteness(sheet, REQS.slice(0, 2)).complete).toBe(true);
  });

  it('consensus is complete against the list of requirement ids', () => {
    const a = driveTo('result_frozen');
    expect(consensusCompleteness(a.consensus, REQS)).toEqual({ complete: true, missing: [], outOfScope: [] });
    expect(consensusCompleteness(a.consensus, [...REQS, 'extra'])).toMatchObject({
      complete: false,
      missing: ['extra'],
    });
    expect(consensusCompleteness({}, REQS)).toMatchObject({ complete: false, missing: REQS });
  });
});

describe('visibleScores: independence of expert scoring', () => {
  const scoring = () => {
    let a = driveTo('scoring');
    a = must(a, { type: 'score.write', write: write(REQS[0]!, '1', 0) }, expertActor('x2'));
    a = must(a, { type: 'score.write', write: write(REQS[0]!, '0.5', 0) }, expertActor('x3'));
    return a;
  };

  it('an expert sees their own sheet but not the others’ until they submitted their own full set', () => {
    const a = scoring();
    const v = visibleScores(a, expertActor('x2'));
    expect(v.sheets.map((s) => s.expertId)).toEqual(['x2']);
    expect(v.hidden).toContain('x3');
    expect(v.reason).toMatch(/own full set/);
  });

  it('once the expert submitted, they see every sheet', () => {
    let a = scoring();
    for (const r of REQS.slice(1))
      a = must(a, { type: 'score.write', write: write(r, '1', 0) }, expertActor('x2'));
    a = must(a, { type: 'score.submit' }, expertActor('x2'));
    const v = visibleScores(a, expertActor('x2'));
    expect(v.sheets[0]?.expertId).toBe('x2');
    expect(v.sheets.map((s) => s.expertId).sort()).toEqual(Object.keys(a.sheets).sort());
    expect(v.hidden).toEqual([]);
    // x3 has not submitted: still blind to x2's scores.
    expect(visibleScores(a, expertActor('x3')).sheets.map((s) => s.expertId)).toEqual(['x3']);
  });

  it('the leader is bound by the same rule', () => {
    expect(visibleScores(scoring(), leader).sheets.map((s) => s.expertId)).toEqual(['x1']);
  });

  it('the body admin sees the sheets only when every expert has submitted', () => {
    expect(visibleScores(scoring(), bodyAdmin).sheets).toEqual([]);
    const a = driveTo('consensus');
    expect(visibleScores(a, bodyAdmin).sheets).toHaveLength(7);
    expect(visibleScores(a, otherBodyAdmin).sheets).toEqual([]);
  });

  it('the enterprise, the platform admin and experts of other teams never see individual sheets', () => {
    const a = driveTo('consensus');
    for (const viewer of [enterpriseUser, platformAdmin, outsiderExpert]) {
      const v = visibleScores(a, viewer);
      expect(v.sheets).toEqual([]);
      expect(v.hidden).toHaveLength(7);
    }
  });
});

describe('spread and ordering', () => {
  it('per requirement: min, max, exact range, distinct values, mode and dissenting experts', () => {
    const a = driveTo('consensus');
    const rows = scoreSpread(Object.values(a.sheets), REQS);
    expect(rows[0]).toMatchObject({
      requirementId: REQS[0],
      min: '0.5',
      max: '1',
      range: '0.5',
      distinct: ['1', '0.8', '0.5'],
      mode: '1',
      disagreement: true,
      missing: [],
    });
    expect(rows[0]?.dissenters.sort()).toEqual(['x2', 'x3']);
    expect(rows[1]).toMatchObject({ range: '0', distinct: ['0.5'], dissenters: [], disagreement: false });
  });

  it('after consensus, dissent is measured against the team score', () => {
    const a = driveTo('result_frozen');
    const rows = scoreSpread(Object.values(a.sheets), REQS, a.consensus);
    expect(rows[0]?.teamValue).toBe('1');
    expect(rows[0]?.dissenters.sort()).toEqual(['x2', 'x3']);
    const changed = { ...a.consensus, [REQS[0]!]: { ...a.consensus[REQS[0]!]!, value: '0.8' as const } };
    expect(scoreSpread(Object.values(a.sheets), REQS, changed)[0]?.dissenters.sort()).toEqual(
      ['x1', 'x3', 'x4', 'x5', 'x6', 'x7'].sort(),
    );
  });

  it('a tie has no mode and no dissenters; missing scores are listed', () => {
    const sheets: ExpertSheet[] = ['p', 'q', 'r'].map((id, i): ExpertSheet => ({
      expertId: id,
      scores:
        i === 2
          ? {}
          : {
              r1: {
                requirementId: 'r1',
                value: i === 0 ? '1' : '0',
                rationale: 'x',
                at: NOW.toISOString(),
                version: 1,
              },
            },
    }));
    expect(scoreSpread(sheets, ['r1'])[0]).toMatchObject({
      mode: null,
      dissenters: [],
      missing: ['r'],
      range: '1',
    });
  });

  it('disagreements first: widest range, then most distinct values, agreed rows after in their order', () => {
    const mk = (id: string, values: ScoreValue[]) =>
      scoreSpread(
        values.map((v, i) => ({
          expertId: `e${i}`,
          scores: {
            [id]: { requirementId: id, value: v, rationale: 'x', at: NOW.toISOString(), version: 1 },
          },
        })),
        [id],
      )[0]!;
    const rows = [
      mk('agreed1', ['1', '1']),
      mk('narrow', ['1', '0.8']),
      mk('agreed2', ['0', '0']),
      mk('wide', ['1', '0']),
      mk('narrow3', ['1', '0.8', '0.8', '1', '0.8']),
      mk('mid3', ['1', '0.8', '0.5']),
    ];
    expect(orderDisagreementsFirst(rows).map((r) => r.requirementId)).toEqual([
      'wide',
      'mid3',
      'narrow',
      'narrow3',
      'agreed1',
      'agreed2',
    ]);
  });
});
