/**
 * BENCH=planner: time of the improvement planner (一企一策, src/planning) per industry on the real model, for the
 * same seeded assessments as src/planning/real-model.test.ts (six runs per industry, grades skewed towards 1 so
 * that the conclusions vary). Target: well under 5 s per plan.
 */
import { loadModel } from '../src/model/load.js';
import { INDUSTRIES, type IndustryId } from '../src/model/types.js';
import { planImprovements, planningInputFromAssessment, type PlanningInput } from '../src/planning/index.js';
import { compileScoring, randomAssessment, seededRng, type CompiledScoring } from '../src/scoring/index.js';

const MODEL = 'nfm-dtmm-2024-draft';

/** The assessments of src/planning/real-model.test.ts: same seed, same skew. */
function seededInputs(compiled: CompiledScoring, industry: IndustryId): PlanningInput[] {
  const rng = seededRng(industry.length * 7919);
  return Array.from({ length: 6 }, (_, run) => {
    const base = randomAssessment(compiled, rng);
    const input = Object.fromEntries(
      Object.entries(base).map(([id, v]) => [id, rng() < run / 6 ? 1 : v] as const),
    );
    return planningInputFromAssessment(compiled, input);
  });
}

export function benchPlanner(): void {
  const model = loadModel(MODEL);
  console.log(
    `\nImprovement planner — six seeded assessments per industry (${MODEL}), target < 5 s per plan`,
  );
  for (const industry of INDUSTRIES as IndustryId[]) {
    const compiled = compileScoring(model, industry);
    const inputs = seededInputs(compiled, industry);
    const times: number[] = [];
    let steps = 0;
    for (const pin of inputs) {
      const t0 = performance.now();
      const plan = planImprovements(pin);
      times.push(performance.now() - t0);
      steps += plan.targets.reduce((a, t) => a + t.steps.length, 0);
    }
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    console.log(
      `  ${industry.padEnd(10)} ${compiled.ids.length} requirements: mean ${mean.toFixed(1)} ms, ` +
        `max ${Math.max(...times).toFixed(1)} ms per plan (${inputs.length} plans, ${steps} steps in all)`,
    );
  }
}
