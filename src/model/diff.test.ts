import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { carryGrades, diffModels, mappingOf, parseMapping, textSimilarity } from './diff.js';
import { listModels, loadModel } from './load.js';

const FIXTURES = fileURLToPath(new URL('../testing/fixtures/models/', import.meta.url));
const A = loadModel('nfm-dtmm-2024-draft');
const B = loadModel('nfm-dtmm-2025-test', FIXTURES);

describe('model diff (the test version nfm-dtmm-2025-test, CHANGES.md)', () => {
  const d = diffModels(A, B);

  it('lists exactly the changes made: added, removed, moved, reworded, weights', () => {
    expect(d.added.map((r) => r.id)).toEqual(['mining.data-driven-business.S3.3']);
    expect(d.removed.map((r) => r.id).sort()).toEqual([
      'common.change-management.S4.3',
      'mining.digital-supply-chain.S1.4',
    ]);
    expect(d.moved.map((m) => [m.from.id, m.to.id, m.reworded])).toEqual([
      ['common.transformation-strategy.S2.4', 'common.transformation-strategy.S3.5', false],
      ['mining.business-digitization.S4.4', 'mining.business-digitization.S5.4', true],
    ]);
    expect(d.reworded.map((r) => r.id).sort()).toEqual([
      'common.organization-building.S1.1',
      'common.process-management.S2.2',
      'mining.digital-marketing.S2.1',
    ]);
    expect(d.weights).toEqual([
      { subdomainId: 'organization-building', name: '组织建设', from: 2, to: 3 },
      { subdomainId: 'transformation-strategy', name: '转型战略', from: 2, to: 1 },
    ]);
  });

  it('reworded requirements carry their similarity score, below 1 and above the threshold', () => {
    for (const r of [...d.reworded, ...d.moved.filter((m) => m.reworded)]) {
      expect(r.similarity).toBeLessThan(1);
      expect(r.similarity).toBeGreaterThanOrEqual(d.threshold);
    }
    expect(d.moved.find((m) => !m.reworded)?.similarity).toBe(1);
  });

  it('a version compared with itself has no change', () => {
    const same = diffModels(A, A);
    expect([same.added, same.removed, same.moved, same.reworded, same.weights].map((x) => x.length)).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect(same.unchanged).toBe(d.unchanged + d.removed.length + d.moved.length + d.reworded.length);
  });

  it('a threshold above every similarity turns rewordings into removed + added', () => {
    const strict = diffModels(A, B, 0.99);
    expect(strict.reworded).toEqual([]);
    expect(strict.removed.length).toBe(2 + 3 + 1);
    expect(strict.added.length).toBe(1 + 3 + 1);
  });
});

describe('text similarity', () => {
  it('is 1 for texts equal up to punctuation and numbering, 0 for texts without a common bigram', () => {
    expect(textSimilarity('1.应建立数据标准；', '应建立数据标准。')).toBe(1);
    expect(textSimilarity('数据治理', '安全生产')).toBe(0);
    const s = textSimilarity('应建立主数据管理规范', '应建立主数据管理制度');
    expect(s).toBeGreaterThan(0.6);
    expect(s).toBeLessThan(1);
  });
});

describe('mapping between versions', () => {
  const mapping = mappingOf(diffModels(A, B));

  it('round-trips through its file form and refuses a mapping of other versions', () => {
    expect(parseMapping(JSON.parse(JSON.stringify(mapping)), A, B)).toEqual(mapping);
    expect(() => parseMapping(mapping, B, A)).toThrow(/maps/);
    const broken = { ...mapping, requirements: [{ from: 'common.nothing.S1.1', to: null, kind: 'removed' }] };
    expect(() => parseMapping(broken, A, B)).toThrow(/requirements\[0\]\.from/);
  });

  it('carries grades: moved keep theirs, reworded carry it to confirm, added need a new one, removed drop', () => {
    const grades: Record<string, string> = {
      'common.transformation-strategy.S2.4': '0.8',
      'common.organization-building.S1.1': '1',
      'mining.business-digitization.S4.4': '0.5',
      'common.change-management.S4.3': '1',
      'common.process-management.S1.1': '0',
    };
    const scope = [
      'common.transformation-strategy.S3.5',
      'common.organization-building.S1.1',
      'mining.business-digitization.S5.4',
      'mining.data-driven-business.S3.3',
      'common.process-management.S1.1',
    ];
    const r = carryGrades(mapping, grades, scope);
    expect(r.grades).toEqual({
      'common.transformation-strategy.S3.5': '0.8',
      'common.organization-building.S1.1': '1',
      'mining.business-digitization.S5.4': '0.5',
      'common.process-management.S1.1': '0',
    });
    expect(r.needsGrade).toEqual([
      {
        id: 'common.organization-building.S1.1',
        reason: 'reworded',
        from: 'common.organization-building.S1.1',
        carried: '1',
      },
      {
        id: 'mining.business-digitization.S5.4',
        reason: 'reworded',
        from: 'mining.business-digitization.S4.4',
        carried: '0.5',
      },
      { id: 'mining.data-driven-business.S3.3', reason: 'added' },
    ]);
  });
});

describe('the test version is never offered', () => {
  it('is not among the versions the platform lists (standard/)', () => {
    expect(listModels().map((m) => m.id)).toContain('nfm-dtmm-2024-draft');
    expect(listModels().map((m) => m.id)).not.toContain('nfm-dtmm-2025-test');
  });
});
