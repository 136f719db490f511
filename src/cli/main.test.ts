import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadModel } from '../model/load.js';
import { allRequirementIds, compileScoring, randomAssessment, score, seededRng } from '../scoring/index.js';
import { buildProgram, main } from './main.js';

const MODEL = 'nfm-dtmm-2024-draft';

async function run(...args: string[]): Promise<string> {
  const out: string[] = [];
  await buildProgram((t) => out.push(t)).parseAsync(args, { from: 'user' });
  return out.join('\n');
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function tempFile(name: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'dtma-cli-'));
  tempDirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('dtma model', () => {
  it('lists the model versions', async () => {
    expect(await run('model', 'list')).toContain(MODEL);
    const list = JSON.parse(await run('model', 'list', '--json')) as { id: string }[];
    expect(list.map((m) => m.id)).toContain(MODEL);
  });

  it('shows the effective model of an industry with every requirement id in the standard order', async () => {
    const compiled = compileScoring(loadModel(MODEL), 'processing');
    const text = await run('model', 'show', '--industry', 'processing');
    const shownIds = [...text.matchAll(/^ {2}((?:common|processing)\.\S+)/gm)].map((m) => m[1]);
    expect(shownIds).toEqual([...allRequirementIds(compiled)]);
    expect(text).toContain('组织建设');
  });

  it('shows the effective weights as exact fractions in JSON, summing to 100 %', async () => {
    const eff = JSON.parse(await run('model', 'show', '--industry', 'mining', '--json')) as {
      domains: { weight: string }[];
    };
    const [num, den] = eff.domains
      .map((d) => d.weight.split('/').map(BigInt) as [bigint, bigint?])
      .reduce<[bigint, bigint]>(([n, d], [a, b = 1n]) => [n * b + a * d, d * b], [0n, 1n]);
    expect(num).toBe(100n * den);
  });
});

describe('dtma score', () => {
  const compiled = compileScoring(loadModel(MODEL), 'smelting');
  const scores = randomAssessment(compiled, seededRng(42));

  it('prints the same total and conclusion as the engine', async () => {
    const expected = score(compiled, scores);
    const file = tempFile('a.json', { industry: 'smelting', scores });
    const json = JSON.parse(await run('score', file, '--json')) as { total: { num: number; den: number } };
    expect(json.total).toMatchObject({ num: expected.total.num, den: expected.total.den });
    const text = await run('score', file);
    expect(text).toContain(`= ${expected.total.display}`);
    expect(text).toContain(expected.conclusion.name);
  });

  it('names every missing requirement id unless --partial', async () => {
    const ids = allRequirementIds(compiled);
    const partial = Object.fromEntries(
      Object.entries(scores).filter(([id]) => id !== ids[0] && id !== ids[5]),
    );
    const file = tempFile('b.json', partial);
    await expect(run('score', '--industry', 'smelting', file)).rejects.toThrow(
      new RegExp(
        `MISSING_SCORES[\\s\\S]*${ids[0]!.replace(/\./g, '\\.')}[\\s\\S]*${ids[5]!.replace(/\./g, '\\.')}`,
      ),
    );
    expect(await run('score', '--industry', 'smelting', '--partial', file)).toContain('partial result: 2');
  });

  it('says which industry a foreign requirement belongs to', async () => {
    const file = tempFile('c.json', { ...scores, 'mining.production-operations.S1.1': 1 });
    await expect(run('score', '--industry', 'smelting', file)).rejects.toThrow(/mining/);
  });

  it('needs an industry', async () => {
    const file = tempFile('d.json', scores);
    await expect(run('score', file)).rejects.toThrow(/no industry/);
  });

  it('scores every file of a folder', async () => {
    const file = tempFile('e.json', { industry: 'smelting', scores });
    const dir = join(file, '..');
    writeFileSync(join(dir, 'f.json'), JSON.stringify({ industry: 'smelting', scores }));
    const out = JSON.parse(await run('score', dir, '--json')) as { file: string }[];
    expect(out.map((r) => r.file.split('/').pop())).toEqual(['e.json', 'f.json']);
  });

  it('scores the good files of a folder, then fails naming every bad one; progress on stderr', async () => {
    const file = tempFile('a.json', { industry: 'smelting', scores });
    const dir = join(file, '..');
    writeFileSync(join(dir, 'b.json'), '{ "industry": "smelting", ');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ scores }));
    writeFileSync(join(dir, 'd.json'), JSON.stringify({ industry: 'smelting', scores }));
    const stdout: string[] = [];
    const stderr: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((c) => (stdout.push(String(c)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((c) => (stderr.push(String(c)), true));
    let code: number;
    try {
      code = await main(['score', dir]);
    } finally {
      vi.restoreAllMocks();
    }
    expect(code).toBe(1);
    const total = score(compiled, scores).total.display;
    expect(stdout.join('')).toContain('■ a.json');
    expect(stdout.join('')).toContain('■ d.json');
    expect(stdout.join('').split(`= ${total}`).length).toBe(3);
    const err = stderr.join('');
    expect(err).toContain('[1/4] a.json ok');
    expect(err).toMatch(/\[2\/4\] b\.json FAILED: \S*b\.json line 1, column \d+: invalid JSON/);
    expect(err).toMatch(/2 of 4 file\(s\) failed:\n {2}✗ \S*b\.json[\s\S]*✗ \S*c\.json: no industry/);
  });

  it('applies policy flags: strict threshold and gating', async () => {
    const all08 = Object.fromEntries(allRequirementIds(compiled).map((id) => [id, 0.8]));
    const file = tempFile('g.json', { industry: 'smelting', scores: all08 });
    expect(await run('score', file)).toContain('= 5.00');
    expect(await run('score', file, '--strict')).toContain('= 4.00');
  });
});
