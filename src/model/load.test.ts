import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { clearModelCache, DEFAULT_STANDARD_DIR, listModels, loadModel, ModelLoadError } from './load.js';
import { INDUSTRIES } from './types.js';

const ID = 'nfm-dtmm-2024-draft';
const tmp = mkdtempSync(join(tmpdir(), 'dtma-models-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeEach(() => clearModelCache());

/** Copies the committed model into the temp dir under `id` (meta.json's id adjusted). */
function copyAs(id: string, dir = tmp): string {
  const folder = join(dir, id);
  cpSync(join(DEFAULT_STANDARD_DIR, ID), folder, { recursive: true });
  const metaPath = join(folder, 'meta.json');
  const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
  writeFileSync(metaPath, JSON.stringify({ ...meta, id }, null, 2));
  return folder;
}

function loadError(id: string, dir: string): ModelLoadError {
  try {
    loadModel(id, dir);
  } catch (e) {
    if (e instanceof ModelLoadError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('loadModel', () => {
  it('loads the committed model from the repository standard/ folder', () => {
    const m = loadModel(ID);
    expect(m.meta.id).toBe(ID);
    expect(m.domains).toHaveLength(8);
    expect(m.common.rows).toHaveLength(16);
    expect(INDUSTRIES.map((i) => m.industries[i].id)).toEqual(INDUSTRIES);
    expect(m.policy).toEqual({
      weightRescaling: 'within-domain',
      levelMetComparison: 'at-least',
      levelMetThreshold: '0.8',
      gating: false,
      displayDecimals: 2,
    });
    expect(Object.keys(m.policyDocs).sort()).toEqual(Object.keys(m.policy).sort());
  });

  it('caches: the same object until the cache is cleared; the cached model is frozen', () => {
    const a = loadModel(ID);
    expect(loadModel(ID)).toBe(a);
    expect(Object.isFrozen(a.industries.mining.rows[0]!.levels.S1)).toBe(true);
    clearModelCache();
    expect(loadModel(ID)).not.toBe(a);
    expect(loadModel(ID)).toEqual(a);
  });

  it('keeps several model versions side by side', () => {
    const dir = mkdtempSync(join(tmp, 'side-'));
    copyAs(ID, dir);
    const other = copyAs('nfm-dtmm-2025-test', dir);
    const commonPath = join(other, 'appendix-a-common.json');
    const common = JSON.parse(readFileSync(commonPath, 'utf8'));
    common.title = 'changed title';
    writeFileSync(commonPath, JSON.stringify(common));
    expect(listModels(dir).map((m) => m.id)).toEqual([ID, 'nfm-dtmm-2025-test']);
    const a = loadModel(ID, dir);
    const b = loadModel('nfm-dtmm-2025-test', dir);
    expect(a.meta.id).toBe(ID);
    expect(b.meta.id).toBe('nfm-dtmm-2025-test');
    expect(a.common.title).not.toBe('changed title');
    expect(b.common.title).toBe('changed title');
  });

  it('reports invalid JSON, naming the file', () => {
    const folder = copyAs('broken-json');
    writeFileSync(join(folder, 'table2-satisfaction.json'), '{ "grades": [');
    const e = loadError('broken-json', tmp);
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ file: 'table2-satisfaction.json', path: '$' });
    expect(e.message).toMatch(/table2-satisfaction\.json \$: not valid JSON/);
  });

  it('reports schema errors and model errors with file and JSON path', () => {
    const folder = copyAs('broken-data');
    const path = join(folder, 'appendix-b-processing.json');
    const t = JSON.parse(readFileSync(path, 'utf8'));
    t.rows[5].covers = ['knowledge'];
    writeFileSync(path, JSON.stringify(t));
    const e = loadError('broken-data', tmp);
    expect(e.message).toContain(
      'appendix-b-processing.json $.rows[5].covers[0]: "knowledge" is a common sub-domain, this table holds industry ones',
    );
    t.rows[5].levels = {};
    writeFileSync(path, JSON.stringify(t));
    clearModelCache();
    expect(loadError('broken-data', tmp).message).toContain(
      "appendix-b-processing.json $.rows[5].levels: must have required property 'S1'",
    );
  });

  it('reports a missing file and a meta id that differs from the folder', () => {
    const folder = copyAs('no-policy');
    rmSync(join(folder, 'policy.json'));
    expect(loadError('no-policy', tmp).issues[0]).toMatchObject({ file: 'policy.json', path: '$' });
    const other = copyAs('wrong-id');
    const meta = JSON.parse(readFileSync(join(other, 'meta.json'), 'utf8'));
    writeFileSync(join(other, 'meta.json'), JSON.stringify({ ...meta, id: 'something-else' }));
    expect(loadError('wrong-id', tmp).message).toContain(
      'meta.json $.id: "something-else" differs from folder "wrong-id"',
    );
    expect(() => loadModel('missing-model', tmp)).toThrow(/not found/);
    expect(() => loadModel('../etc', tmp)).toThrow(/invalid model id/);
  });
});

describe('listModels', () => {
  it('lists the committed model and skips folders without meta.json (the extractor)', () => {
    expect(listModels().map((m) => m.id)).toContain(ID);
    expect(listModels().map((m) => m.id)).not.toContain('extract');
  });
});
