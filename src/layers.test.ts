/**
 * The layer rule (.dependency-cruiser.mjs, run by `npm run lint`) really fails on an upward import: the same
 * depcruise command as the lint script runs on a small temporary tree shaped like src/ and web/src/, first
 * with only allowed imports (must pass and must have cruised every file), then with one forbidden import per
 * rule added (must fail, naming each rule and its file), then without them again (must pass). A last check
 * runs it on the real layers below the adapters.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.mjs');

/** Asynchronous, so the test worker keeps answering vitest while depcruise runs (seconds on a loaded machine). */
function depcruise(cwd: string, paths: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, '--config', CONFIG, ...paths],
      { cwd, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status, out: `${stdout}${stderr}` });
      },
    );
  });
}

/** A tree with one allowed import along every arrow the rules permit. */
const ALLOWED: Record<string, string> = {
  'src/exact/rational.ts': 'export const one = 1;\n',
  'src/model/effective.ts': "import { one } from '../exact/rational.js';\nexport const w = one;\n",
  'src/model/load.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'src/scoring/index.ts': "import { w } from '../model/effective.js';\nexport const score = w;\n",
  'src/planning/plan.ts': "import { score } from '../scoring/index.js';\nexport const plan = score;\n",
  'src/access/types.ts': 'export type Role = string;\n',
  'src/process/util.ts':
    "import type { Role } from '../access/types.js';\nimport { w } from '../model/effective.js';\n" +
    'export const r: Role = String(w);\n',
  'src/store/repo.ts': "import { r } from '../process/util.js';\nexport const row = r;\n",
  'src/service/use-case.ts': "import { row } from '../store/repo.js';\nexport const run = row;\n",
  'src/http/route.ts': "import { run } from '../service/use-case.js';\nexport const route = run;\n",
  'src/cli/command.ts': "import { run } from '../service/use-case.js';\nexport const cmd = run;\n",
  'src/testing/helper.ts': 'export const check = true;\n',
  'src/model/effective.test.ts': "import { check } from '../testing/helper.js';\nexport const t = check;\n",
  'web/src/live.ts':
    "import { score } from '../../src/scoring/index.js';\nimport { r } from '../../src/process/util.js';\n" +
    'export const live = [score, r];\n',
};

/** One forbidden import each: the file(s) added to the allowed tree; the rule must report the first file. */
const FORBIDDEN: { rule: string; files: Record<string, string> }[] = [
  {
    rule: 'model-above-exact-only',
    files: {
      'src/model/upward.ts': "import { score } from '../scoring/index.js';\nexport const u = score;\n",
    },
  },
  {
    rule: 'exact-imports-nothing',
    files: { 'src/exact/upward.ts': "import { w } from '../model/effective.js';\nexport const u = w;\n" },
  },
  {
    rule: 'scoring-above-model',
    files: {
      'src/scoring/upward.ts': "import { plan } from '../planning/plan.js';\nexport const u = plan;\n",
    },
  },
  {
    rule: 'process-browser-safe',
    files: {
      'src/process/hash.ts': "import { createHash } from 'node:crypto';\nexport const h = createHash;\n",
    },
  },
  {
    rule: 'store-below-service',
    files: {
      'src/store/upward.ts': "import { run } from '../service/use-case.js';\nexport const u = run;\n",
    },
  },
  {
    rule: 'http-through-service',
    files: { 'src/http/direct.ts': "import { row } from '../store/repo.js';\nexport const u = row;\n" },
  },
  {
    rule: 'cli-through-service',
    files: { 'src/cli/direct.ts': "import { route } from '../http/route.js';\nexport const u = route;\n" },
  },
  {
    rule: 'web-browser-safe-layers-only',
    files: {
      'web/src/server-side.ts': "import { row } from '../../src/store/repo.js';\nexport const u = row;\n",
    },
  },
  {
    rule: 'web-reaches-no-builtin',
    files: {
      'web/src/reads-files.ts': "import { read } from '../../src/model/load.js';\nexport const u = read;\n",
    },
  },
  {
    rule: 'testing-only-from-tests',
    files: {
      'src/scoring/helper-use.ts': "import { check } from '../testing/helper.js';\nexport const u = check;\n",
    },
  },
  {
    rule: 'no-circular',
    files: {
      'src/scoring/cycle-a.ts': "import { b } from './cycle-b.js';\nexport const a = () => b;\n",
      'src/scoring/cycle-b.ts': "import { a } from './cycle-a.js';\nexport const b = () => a;\n",
    },
  },
];

describe('the layer rule fails on an upward import (dependency-cruiser, as `npm run lint` runs it)', () => {
  let dir = '';
  const write = (file: string, source: string): void => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), source);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dtma-layers-'));
    for (const [file, source] of Object.entries(ALLOWED)) write(file, source);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes on a tree with only allowed imports, having cruised every file', async () => {
    const r = await depcruise(dir, ['src', 'web/src']);
    expect(r.out).toContain('no dependency violations found');
    expect(r.out).toMatch(new RegExp(`\\(${Object.keys(ALLOWED).length + 1} modules`)); // + node:fs
    expect(r.status).toBe(0);
  });

  it('fails on each forbidden import, naming its rule and file, and passes again once they are removed', async () => {
    const added = FORBIDDEN.flatMap((f) => Object.keys(f.files));
    for (const f of FORBIDDEN) for (const [file, source] of Object.entries(f.files)) write(file, source);
    let bad: Awaited<ReturnType<typeof depcruise>>;
    try {
      bad = await depcruise(dir, ['src', 'web/src']);
    } finally {
      for (const file of added) rmSync(join(dir, file));
    }
    expect(bad.status).not.toBe(0);
    for (const f of FORBIDDEN) expect(bad.out).toContain(`error ${f.rule}: ${Object.keys(f.files)[0]}`);
    // Every violation is one of the forbidden imports: the allowed tree stays clean around them.
    const reported = [...bad.out.matchAll(/^\s*error [\w-]+: (\S+)/gm)].map((m) => m[1]);
    expect(reported.length).toBeGreaterThanOrEqual(FORBIDDEN.length);
    for (const file of reported) expect(added).toContain(file);

    const good = await depcruise(dir, ['src', 'web/src']);
    expect(good.out).toContain('no dependency violations found');
    expect(good.status).toBe(0);
  });

  it('passes on the real tree below the adapters (exact … reports)', async () => {
    const layers = ['exact', 'model', 'scoring', 'planning', 'access', 'process', 'store', 'reports'];
    const r = await depcruise(
      ROOT,
      layers.map((l) => `src/${l}`),
    );
    expect(r.out).toContain('no dependency violations found');
    expect(r.status).toBe(0);
  });
});
