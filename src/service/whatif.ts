/**
 * What-if under another model version: the frozen (sealed) team grades carried to the other version through the
 * mapping between the versions (a mapping file `standard/mappings/<from>--<to>.json` where one is kept, else the
 * one `dtma model diff` derives), re-scored there — computed on the fly, never stored: the sealed result does not
 * change. Requirements without a carried grade count 不满足 and are listed with the reworded ones, whose grade is
 * carried provisionally: they need a new grade.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WhatIf } from '../contract/comparison.js';
import { carryGrades, diffModels, mappingOf, parseMapping, type ModelMapping } from '../model/diff.js';
import { DEFAULT_STANDARD_DIR } from '../model/load.js';
import type { StandardModel } from '../model/types.js';
import { canSeeTeamResult } from '../process/visibility.js';
import type { ScoreResult } from '../scoring/index.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { compiledFor, computeResult, modelOrNotFound } from './engine.js';
import { forbidden, ServiceError, validation } from './errors.js';
import { figuresOf } from './figures.js';

/** The kept mapping file between two versions, if any (checked against both). */
function keptMapping(a: StandardModel, b: StandardModel): ModelMapping | undefined {
  const file = join(DEFAULT_STANDARD_DIR, 'mappings', `${a.meta.id}--${b.meta.id}.json`);
  if (!existsSync(file)) return undefined;
  return parseMapping(JSON.parse(readFileSync(file, 'utf8')), a, b);
}

export function mappingBetween(
  a: StandardModel,
  b: StandardModel,
): { mapping: ModelMapping; diff: ReturnType<typeof diffModels> } {
  const diff = diffModels(a, b);
  return { mapping: keptMapping(a, b) ?? mappingOf(diff), diff };
}

export async function whatIf(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  modelId: string,
): Promise<WhatIf> {
  const a = (await authorizeAssessment(ctx, caller, id)).assessment;
  if (!canSeeTeamResult(a, caller.actor))
    throw forbidden('the result is not communicated yet', { rule: 'result_not_communicated' });
  if (!a.result)
    throw new ServiceError('INVALID_TRANSITION', `a what-if needs a frozen result (stage ${a.stage})`, {
      params: { stage: a.stage, rule: 'result_not_frozen' },
    });
  if (modelId === a.modelId) throw validation('choose another model version', 'query.modelId');
  const from = modelOrNotFound(a.modelId);
  const to = modelOrNotFound(modelId);
  const { mapping, diff } = mappingBetween(from, to);
  const scope = [...compiledFor(modelId, a.industry).ids];
  const carried = carryGrades(mapping, a.result.teamScores, scope);
  const rescored = computeResult(modelId, a.industry, carried.grades, true);
  const now = figuresOf(a.result.value as unknown as ScoreResult, from.levels);
  const then = figuresOf(rescored, to.levels);
  const text = new Map(
    compiledFor(modelId, a.industry).effective.domains.flatMap((d) =>
      d.units.flatMap((u) =>
        Object.values(u.levels).flatMap((l) => l.requirements.map((r) => [r.id, r.text] as const)),
      ),
    ),
  );
  return {
    from: from.meta.id,
    to: to.meta.id,
    toTitle: to.meta.title,
    current: { total: now.total, conclusion: now.conclusion },
    whatIf: {
      total: then.total,
      conclusion: then.conclusion,
      levels: then.levels.map(({ level, score, met }) => ({ level, score, met })),
    },
    changes: {
      added: diff.added.length,
      removed: diff.removed.length,
      moved: diff.moved.length,
      reworded: diff.reworded.length,
      weights: diff.weights.length,
    },
    needsGrade: carried.needsGrade.map((n) => ({
      id: n.id,
      reason: n.reason,
      text: text.get(n.id) ?? '',
      ...(n.from ? { from: n.from } : {}),
      ...(n.carried !== undefined ? { carried: n.carried } : {}),
    })),
  };
}
