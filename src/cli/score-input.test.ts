import { describe, expect, it } from 'vitest';
import { InputFileError, lineAndColumn, parseScoreInput } from './score-input.js';

describe('score input file', () => {
  it('accepts a bare map of requirement id to grade, in numbers, labels and keys', () => {
    const input = parseScoreInput(
      JSON.stringify({
        'common.organization-building.S1.1': 0.8,
        'mining.production-operation.S2.3': '部分满足',
        'common.x.S5.2': 'none',
      }),
      'a.json',
    );
    expect(input.scores['mining.production-operation.S2.3']).toBe('部分满足');
    expect(input.industry).toBeUndefined();
  });

  it('accepts the wrapped form with model id and industry', () => {
    const input = parseScoreInput(
      JSON.stringify({
        modelId: 'nfm-dtmm-2024-draft',
        industry: 'smelting',
        scores: { 'common.x.S1.1': 1 },
      }),
      'b.json',
    );
    expect(input).toEqual({
      modelId: 'nfm-dtmm-2024-draft',
      industry: 'smelting',
      scores: { 'common.x.S1.1': 1 },
    });
  });

  it('names line and column of a JSON syntax error', () => {
    const text = '{\n  "common.x.S1.1": 1,\n  "common.x.S1.2": ,\n}';
    expect(() => parseScoreInput(text, 'c.json')).toThrow(/c\.json line 3, column \d+: invalid JSON/);
  });

  it('names the JSON path of a bad grade', () => {
    try {
      parseScoreInput(JSON.stringify({ 'common.x.S1.1': 0.7 }), 'd.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputFileError);
      expect((error as Error).message).toContain('/common.x.S1.1');
    }
  });

  it('names a malformed requirement id', () => {
    expect(() => parseScoreInput(JSON.stringify({ 'organization-building-S1-1': 1 }), 'e.json')).toThrow(
      /organization-building-S1-1/,
    );
  });

  it('rejects an unknown industry in the wrapped form', () => {
    expect(() => parseScoreInput(JSON.stringify({ industry: 'steel', scores: {} }), 'f.json')).toThrow(
      /industry/,
    );
  });

  it('computes line and column of an offset', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
