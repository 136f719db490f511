/** The scoring engine as the use cases use it: compiled once per (model, industry), results as JSON. */
import { DEFAULT_STANDARD_DIR, listModels, loadModel } from '../model/load.js';
import type { StandardModel } from '../model/types.js';
import type { IndustryId } from '../model/types.js';
import { compileScoring, score, type CompiledScoring, type ScoreResult } from '../scoring/index.js';
import type { JsonValue } from '../process/types.js';
import { ServiceError } from './errors.js';

const compiled = new Map<string, CompiledScoring>();

/**
 * Folders of further model versions besides standard/ (tests add the test version under src/testing/fixtures).
 * Their versions can be read and targeted by a what-if, but are never listed to users (`GET /api/models` lists
 * standard/ only) and cannot be applied for.
 */
const extraDirs: string[] = [];

export function addModelDirectory(dir: string): void {
  if (!extraDirs.includes(dir)) extraDirs.push(dir);
}

export function knownModelIds(): string[] {
  return listModels().map((m) => m.id);
}

/** The folder holding model `id`, or undefined. */
function modelDir(modelId: string): string | undefined {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(modelId)) return undefined;
  if (knownModelIds().includes(modelId)) return DEFAULT_STANDARD_DIR;
  return extraDirs.find((d) => listModels(d).some((m) => m.id === modelId));
}

export function modelOrNotFound(modelId: string): StandardModel {
  const dir = modelDir(modelId);
  if (dir === undefined) {
    throw new ServiceError('NOT_FOUND', `model ${modelId} not found`, {
      params: { what: 'model', id: modelId },
    });
  }
  return loadModel(modelId, dir);
}

/** A model version offered to users (under standard/): the only ones an application may use. */
export function offeredModelOrNotFound(modelId: string): StandardModel {
  if (!knownModelIds().includes(modelId))
    throw new ServiceError('NOT_FOUND', `model ${modelId} not found`, {
      params: { what: 'model', id: modelId },
    });
  return modelOrNotFound(modelId);
}

/** The folder of a model (for its data files beside the tables, e.g. results-policy.json). */
export function modelDirOf(modelId: string): string {
  modelOrNotFound(modelId);
  return modelDir(modelId)!;
}

export function compiledFor(modelId: string, industry: IndustryId): CompiledScoring {
  const key = `${modelId}\u0000${industry}`;
  let c = compiled.get(key);
  if (!c) {
    c = compileScoring(modelOrNotFound(modelId), industry);
    compiled.set(key, c);
  }
  return c;
}

/** The requirement ids in scope of an industry (Appendix A + its Appendix B), in model order. */
export function requirementIdsOf(modelId: string, industry: IndustryId): string[] {
  return [...compiledFor(modelId, industry).ids];
}

export function isRequirementOf(modelId: string) {
  return (industry: IndustryId, id: string): boolean => compiledFor(modelId, industry).index.has(id);
}

/** The engine's result for the given scores (missing ones counted as 0 when `partial`). */
export function computeResult(
  modelId: string,
  industry: IndustryId,
  scores: Record<string, string>,
  partial: boolean,
): ScoreResult {
  return score(compiledFor(modelId, industry), scores, { partial });
}

export function resultJson(r: ScoreResult): JsonValue {
  return JSON.parse(JSON.stringify(r)) as JsonValue;
}

export { headlineOf, type Headline } from '../store/repos/summaries.js';
