/**
 * `dtma plan FILE|ASSESSMENT [--target N] [--mode level|formula] [--json]`: the 一企一策 improvement plan.
 *
 * - `--mode level` (default): level-consistent — to claim level k, S1…Sk are all met; the cheapest raises by
 *   effort, partial (to 大部分满足) where that suffices, in near / mid / long terms (src/planning/level-plan.ts).
 * - `--mode formula`: the formula-minimal plan — fewest requirements raised to 全部满足 so that the total reaches
 *   the band, whatever the levels (src/planning/plan.ts); printed with a warning that it is not level-consistent.
 * - FILE: a score file (JSON) or a filled scoring workbook (.xlsx).
 * - ASSESSMENT: an assessment id in the database, read through the operator use case (src/service/operator.ts).
 *
 * `--json` prints every step with its requirement id, from/to grade and the exact totals after it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { OperatorError, readAssessment } from '../../service/operator.js';
import { loadModel } from '../../model/load.js';
import { type IndustryId, type StandardModel } from '../../model/types.js';
import { gradeKeyOf, planningInputFromEffective } from '../../planning/build.js';
import { formatLevelScore, formatTotal } from '../../planning/format.js';
import { planLevelConsistent, type EnterpriseProfile } from '../../planning/level-plan.js';
import { planImprovements } from '../../planning/plan.js';
import type { GradeKey, PlanningInput, Snapshot } from '../../planning/types.js';
import type { Assessment } from '../../process/types.js';
import type { ScoreValue } from '../../scoring/index.js';
import { CliCommandError } from '../errors.js';
import type { PolicyFlags } from '../policy-options.js';
import { parseScoreInput } from '../score-input.js';
import { renderTable } from '../text-table.js';
import { DEFAULT_MODEL, readScoringWorkbook } from './excel.js';
import { CliUsageError, compiledCache } from './score.js';

export interface PlanCommandOptions extends PolicyFlags {
  lang?: 'zh' | 'en';
  target?: string;
  mode?: string;
  json?: boolean;
  industry?: IndustryId;
  model?: string;
  partial?: boolean;
  size?: 'large' | 'medium' | 'small';
  subSector?: string;
}

/** Reads an assessment of the database for `dtma plan ASSESSMENT` (the operator use case; tests replace it). */
export type PlanAssessmentLoader = (id: string) => Promise<Assessment | undefined>;

async function fromDatabase(id: string): Promise<Assessment | undefined> {
  try {
    return await readAssessment(id);
  } catch (error) {
    if (error instanceof OperatorError) throw new CliCommandError(`"${id}": ${error.message}`);
    throw error;
  }
}

let assessmentLoader: PlanAssessmentLoader = fromDatabase;

/**
 * `dtma plan ASSESSMENT_ID` plans the team scores of the assessment's frozen result (else its consensus), read
 * through the operator use case; tests pass their own loader (undefined restores the database).
 */
export function setPlanAssessmentLoader(loader: PlanAssessmentLoader | undefined): void {
  assessmentLoader = loader ?? fromDatabase;
}

interface PlanSource {
  label: string;
  model: StandardModel;
  industry: IndustryId;
  scores: Map<string, ScoreValue>;
}

async function loadSource(arg: string, options: PlanCommandOptions): Promise<PlanSource> {
  if (existsSync(arg)) {
    if (/\.xlsx$/i.test(arg)) {
      const { model, workbook } = await readScoringWorkbook(arg, options);
      return { label: arg, model, industry: workbook.industry, scores: new Map(workbook.grades) };
    }
    const input = parseScoreInput(readFileSync(arg, 'utf8'), arg);
    const industry = options.industry ?? input.industry;
    if (!industry)
      throw new CliUsageError(`${arg}: 未指定行业 no industry — pass --industry mining|smelting|processing`);
    if (options.industry && input.industry && options.industry !== input.industry)
      throw new CliUsageError(
        `${arg}: the file is for industry ${input.industry}, --industry says ${options.industry}`,
      );
    return {
      label: arg,
      model: loadModel(options.model ?? input.modelId ?? DEFAULT_MODEL),
      industry,
      scores: new Map(Object.entries(input.scores)),
    };
  }
  if (/[/\\]/.test(arg) || /\.(json|xlsx)$/i.test(arg))
    throw new CliCommandError(`${arg}: 文件不存在 no such file`);
  const a = await assessmentLoader(arg);
  if (!a) throw new CliCommandError(`"${arg}": 没有这个评估 no such assessment`);
  const scores = a.result
    ? new Map<string, ScoreValue>(Object.entries(a.result.teamScores))
    : new Map<string, ScoreValue>(Object.entries(a.consensus).map(([id, e]) => [id, e.value]));
  if (scores.size === 0) throw new CliCommandError(`assessment ${arg}: 尚无评分 no scores yet`);
  return {
    label: `assessment ${arg}`,
    model: loadModel(a.result?.modelId ?? a.modelId),
    industry: a.industry,
    scores,
  };
}

function planningInput(src: PlanSource, options: PlanCommandOptions): PlanningInput {
  const compiled = compiledCache(options)(src.model.meta.id, src.industry);
  const grades = new Map<string, GradeKey>();
  for (const [id, v] of src.scores) {
    if (v === null || v === undefined) continue;
    const k = gradeKeyOf(src.model.satisfaction, v);
    if (!k)
      throw new CliCommandError(`${src.label}: ${id}: ${JSON.stringify(v)} 不是满足程度 is not a grade`);
    grades.set(id, k);
  }
  const missing = compiled.ids.filter((id) => !grades.has(id));
  if (missing.length > 0 && !options.partial)
    throw new CliCommandError(
      `${src.label}: ${missing.length} 条要求未评分 requirements unscored (pass --partial to count them as 不满足)`,
    );
  return planningInputFromEffective(compiled.effective, grades);
}

const levelsJson = (s: Snapshot) =>
  s.levels.map((l) => ({ level: l.level, score: l.score.toFractionString(), met: l.met }));

export async function planCommand(
  arg: string,
  options: PlanCommandOptions,
  print: (text: string) => void,
): Promise<void> {
  const mode = options.mode ?? 'level';
  if (mode !== 'level' && mode !== 'formula')
    throw new CliUsageError(`--mode ${mode}: expected level (逐级满足) or formula (公式最少项)`);
  let target: number | undefined;
  if (options.target !== undefined) {
    target = Number(options.target);
    if (!Number.isInteger(target) || target < 1 || target > 5)
      throw new CliUsageError(`--target ${options.target}: expected 1…5`);
  }
  const src = await loadSource(arg, options);
  const input = planningInput(src, options);
  const digits = src.model.policy.displayDecimals;
  const fmtT = (r: Parameters<typeof formatTotal>[0]) => formatTotal(r, digits, input.bands);
  const fmtL = (r: Parameters<typeof formatTotal>[0]) => formatLevelScore(r, digits, input.policy);
  const label = new Map(src.model.satisfaction.map((g) => [g.key, g.label] as const));
  const profile: EnterpriseProfile | undefined =
    options.size || options.subSector
      ? {
          ...(options.size ? { size: options.size } : {}),
          ...(options.subSector ? { subSector: options.subSector } : {}),
        }
      : undefined;

  if (mode === 'level') {
    const plan = planLevelConsistent(input, {
      ...(target !== undefined ? { target } : {}),
      ...(src.model.planningEffort ? { effort: src.model.planningEffort } : {}),
      ...(profile ? { profile } : {}),
    });
    if (options.json) {
      print(
        JSON.stringify(
          {
            mode: 'level',
            modelId: src.model.meta.id,
            industry: src.industry,
            before: {
              total: plan.before.total.toFractionString(),
              conclusion: plan.before.conclusion,
              levels: levelsJson(plan.before),
            },
            attained: plan.attained,
            target: plan.target,
            targets: plan.targets.map((t) => ({
              level: t.level,
              term: t.term,
              reachable: t.reachable,
              steps: t.stepCount,
              effort: t.effort,
              totalAfter: t.after.total.toFractionString(),
            })),
            steps: plan.steps.map((s) => ({
              rank: s.rank,
              requirementId: s.requirementId,
              level: s.level,
              term: s.term,
              from: s.from,
              to: s.to,
              gain: s.gain.toFractionString(),
              effort: s.effort,
              totalAfter: s.after.total.toFractionString(),
              totalAfterDisplay: fmtT(s.after.total),
              conclusionAfter: s.after.conclusion,
              levelsAfter: levelsJson(s.after),
            })),
          },
          null,
          2,
        ),
      );
      return;
    }
    const lines = [
      `${src.label} · ${src.industry}：现状 总分 S = ${fmtT(plan.before.total)}，结论 ${plan.before.conclusion} 级，` +
        `逐级满足至 S${plan.attained}（${plan.before.levels.map((l) => `${l.level} ${fmtL(l.score)}`).join('，')}）`,
      `方案：逐级满足 level-consistent — 声明第 k 级须 S1…Sk 均 ≥ ${input.policy.threshold.toDecimalString(1)}`,
    ];
    for (const t of plan.targets) {
      lines.push(
        t.reachable
          ? `  ${t.level} 级（${plan.terms.find((x) => x.levels.includes(t.level))?.name ?? t.term}）：${t.stepCount} 条，投入 ${t.effort}，完成后 S = ${fmtT(t.after.total)}`
          : `  ${t.level} 级：无法达到 unreachable（即使全部满足）`,
      );
    }
    if (plan.steps.length > 0) {
      lines.push(
        renderTable(
          ['#', '期限', '要求', 'from → to', '投入', 'S after'],
          plan.steps.map((s) => [
            String(s.rank),
            plan.terms.find((t) => t.id === s.term)?.name ?? s.term,
            s.requirementId,
            `${label.get(s.from)} → ${label.get(s.to)}`,
            String(s.effort),
            fmtT(s.after.total),
          ]),
        ),
      );
    } else lines.push('无需改进 nothing to do');
    print(lines.join('\n'));
    return;
  }

  const plan = planImprovements(input, target !== undefined ? { target } : {});
  if (options.json) {
    print(
      JSON.stringify(
        {
          mode: 'formula',
          warning: 'formula-minimal: reaches the band of the total; levels below the target may stay unmet',
          modelId: src.model.meta.id,
          industry: src.industry,
          before: {
            total: plan.before.total.toFractionString(),
            conclusion: plan.before.conclusion,
            levels: levelsJson(plan.before),
          },
          targets: plan.targets.map((t) => ({
            level: t.level,
            reachable: t.reachable,
            steps: t.steps.map((s) => ({
              rank: s.rank,
              requirementId: s.requirementId,
              level: s.level,
              from: s.from,
              to: s.to,
              gain: s.gain.toFractionString(),
              totalAfter: s.after.total.toFractionString(),
              totalAfterDisplay: fmtT(s.after.total),
              conclusionAfter: s.after.conclusion,
              levelsAfter: levelsJson(s.after),
            })),
          })),
        },
        null,
        2,
      ),
    );
    return;
  }
  const lines = [
    `${src.label} · ${src.industry}：现状 总分 S = ${fmtT(plan.before.total)}，结论 ${plan.before.conclusion} 级`,
    '方案：公式最少项 formula-minimal — 仅使总分进入区间，不保证逐级满足 (not level-consistent)',
  ];
  for (const t of plan.targets) {
    if (!t.reachable) {
      lines.push(`  ${t.ordinal}：无法达到 unreachable`);
      continue;
    }
    const unmet = t.after.levels.slice(0, t.level).filter((l) => !l.thresholdMet);
    lines.push(
      `  ${t.ordinal}：${t.steps.length} 条提升为全部满足，S = ${fmtT(t.after.total)}` +
        (unmet.length ? `；注意 ${unmet.map((l) => `${l.level} ${fmtL(l.score)}`).join('，')} 未满足` : ''),
      renderTable(
        ['#', '要求', 'from → to', 'S after'],
        t.steps.map((s) => [
          String(s.rank),
          s.requirementId,
          `${label.get(s.from)} → ${label.get(s.to)}`,
          fmtT(s.after.total),
        ]),
      ),
    );
  }
  print(lines.join('\n'));
}
