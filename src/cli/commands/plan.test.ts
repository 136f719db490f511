import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadModel } from '../../model/load.js';
import { SAMPLE_SPECS, sampleAssessment } from '../../reports/sample-assessment.js';
import { buildProgram } from '../main.js';
import { setPlanAssessmentLoader } from './plan.js';

const model = loadModel('nfm-dtmm-2024-draft');
const dir = mkdtempSync(join(tmpdir(), 'dtma-cli-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<string> {
  const out: string[] = [];
  await buildProgram((t) => out.push(t)).parseAsync(args, { from: 'user' });
  return out.join('\n');
}

// The demo's smelter: 二级 with S3 unmet (the case of issue 11 defect 5).
const smelter = sampleAssessment(model, SAMPLE_SPECS.smelting).assessment;
const scores = Object.fromEntries(Object.entries(smelter.result!.teamScores).map(([k, v]) => [k, Number(v)]));
const file = join(dir, 'smelter.json');
writeFileSync(file, JSON.stringify({ industry: 'smelting', scores }));
const VALUE = { full: 1, mostly: 0.8, partly: 0.5, none: 0 } as const;

describe('dtma plan FILE (issue 11 defect 6)', () => {
  afterEach(() => setPlanAssessmentLoader(undefined));

  it('--json lists every step with requirement id, from/to grade and the exact totals after it', async () => {
    const plan = JSON.parse(await run('plan', file, '--target', '3', '--json'));
    expect(plan.mode).toBe('level');
    expect(plan.target).toBe(3);
    expect(plan.steps.length).toBeGreaterThan(0);
    for (const s of plan.steps) {
      expect(Object.keys(s)).toEqual(
        expect.arrayContaining([
          'requirementId',
          'from',
          'to',
          'totalAfter',
          'totalAfterDisplay',
          'levelsAfter',
        ]),
      );
      expect(s.totalAfter).toMatch(/^\d+(\/\d+)?$/);
      expect(s.requirementId in scores).toBe(true);
    }
  });

  it('the level-consistent plan, applied and re-scored through dtma score, meets every level up to its target', async () => {
    const before = JSON.parse(await run('score', file, '--json'));
    expect(before.levels[2].met).toBe(false);
    for (const target of [3, 4]) {
      const plan = JSON.parse(await run('plan', file, '--target', String(target), '--json'));
      const improved = { ...scores };
      for (const s of plan.steps) improved[s.requirementId] = VALUE[s.to as keyof typeof VALUE];
      const out = join(dir, `improved-${target}.json`);
      writeFileSync(out, JSON.stringify({ industry: 'smelting', scores: improved }));
      const after = JSON.parse(await run('score', out, '--json'));
      for (const l of after.levels.slice(0, target)) expect(l.met, `${target}: ${l.level}`).toBe(true);
      expect(after.conclusion.level).toBeGreaterThanOrEqual(target);
      expect(`${after.total.num}/${after.total.den}`.replace(/\/1$/, '')).toBe(plan.steps.at(-1).totalAfter);
      // No step above the target level.
      expect(plan.steps.every((s: { level: string }) => Number(s.level.slice(1)) <= target)).toBe(true);
    }
  });

  it('prints a readable plan; --mode formula is labelled as not level-consistent', async () => {
    const text = await run('plan', file, '--target', '3');
    expect(text).toContain('逐级满足');
    expect(text).toMatch(/3 级（近期）：\d+ 条/);
    const formula = await run('plan', file, '--target', '3', '--mode', 'formula');
    expect(formula).toContain('公式最少项');
    expect(formula).toContain('不保证逐级满足');
  });

  it('rejects a bad target', async () => {
    await expect(run('plan', file, '--target', '7')).rejects.toThrow(/--target 7: expected 1…5/);
  });

  it('ASSESSMENT: read from the database through the operator use case (says so when there is none); the same plan as from the file', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = join(tmpdir(), `dtma-no-such-${process.pid}`, 'dtma.sqlite');
    try {
      await expect(run('plan', 'a-123')).rejects.toThrow(/"a-123": no database to look "a-123" up/);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    setPlanAssessmentLoader(async (id) => (id === smelter.id ? smelter : undefined));
    const plan = JSON.parse(await run('plan', smelter.id, '--target', '3', '--json'));
    const fromFile = JSON.parse(await run('plan', file, '--target', '3', '--json'));
    expect(plan.steps).toEqual(fromFile.steps);
    await expect(run('plan', 'nope')).rejects.toThrow(/no such assessment/);
  });
});
