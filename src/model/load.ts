/**
 * Loading model versions from `standard/<model-id>/`. Several versions live side by side, each in its own
 * folder named after its id (equal to `meta.json`'s `id`). Loaded models are validated and cached.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatIssue,
  MODEL_FILES,
  OPTIONAL_MODEL_FILES,
  validateDisplay,
  validateFile,
  validateModel,
  validateOptionalFile,
  type DisplayTextFile,
  type ModelFileKey,
  type ModelIssue,
  type OptionalModelFileKey,
} from './schema.js';
import type {
  AppendixTable,
  DomainDef,
  LevelBand,
  ModelMeta,
  PlanningEffortData,
  SatisfactionGrade,
  ScoringPolicy,
  StandardModel,
} from './types.js';

/** The repository's `standard/` folder. */
export const DEFAULT_STANDARD_DIR = fileURLToPath(new URL('../../standard/', import.meta.url));

/** A model that could not be loaded: every issue names the file and the JSON path. */
export class ModelLoadError extends Error {
  constructor(
    readonly modelId: string,
    readonly issues: ModelIssue[],
  ) {
    const shown = issues.slice(0, 20).map((i) => `  ${formatIssue(i)}`);
    if (issues.length > 20) shown.push(`  … and ${issues.length - 20} more`);
    super(`model "${modelId}" is invalid:\n${shown.join('\n')}`);
    this.name = 'ModelLoadError';
  }
}

const cache = new Map<string, StandardModel>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Forgets the loaded models (for tests, or after the files changed). */
export function clearModelCache(): void {
  cache.clear();
}

function readJson(folder: string, file: string, issues: ModelIssue[]): unknown {
  const path = join(folder, file);
  if (!existsSync(path)) {
    issues.push({ file, path: '$', message: `file missing (${path})` });
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    issues.push({ file, path: '$', message: `not valid JSON: ${(e as Error).message}` });
    return undefined;
  }
}

/** The model versions found in `dir`: every sub-folder holding a valid meta.json, sorted by id. */
export function listModels(dir: string = DEFAULT_STANDARD_DIR): ModelMeta[] {
  const root = resolve(dir);
  const metas: ModelMeta[] = [];
  for (const name of readdirSync(root).sort()) {
    const folder = join(root, name);
    if (!statSync(folder).isDirectory() || !existsSync(join(folder, MODEL_FILES.meta))) continue;
    const issues: ModelIssue[] = [];
    const meta = readJson(folder, MODEL_FILES.meta, issues);
    if (issues.length === 0) issues.push(...validateFile('meta', meta));
    if (issues.length === 0 && (meta as ModelMeta).id !== name) {
      issues.push({
        file: MODEL_FILES.meta,
        path: '$.id',
        message: `"${(meta as ModelMeta).id}" differs from folder "${name}"`,
      });
    }
    if (issues.length > 0) throw new ModelLoadError(name, issues);
    metas.push(meta as ModelMeta);
  }
  return metas;
}

/** Adds the display form and the printed item number of `display-text.json` to the requirements. */
function applyDisplay(model: StandardModel, display: DisplayTextFile): void {
  for (const t of [
    model.common,
    model.industries.mining,
    model.industries.smelting,
    model.industries.processing,
  ]) {
    for (const row of t.rows) {
      for (const reqs of Object.values(row.levels)) {
        for (const r of reqs) {
          const d = display.requirements[r.id];
          if (!d) continue;
          if (d.label !== undefined) r.label = d.label;
          if (d.display !== undefined) r.display = d.display;
          if (d.fixes !== undefined) r.displayFixes = d.fixes;
        }
      }
    }
  }
}

/**
 * Loads, validates and caches the model version `id` from `dir/id/` (synchronous; the files are small and read
 * once). The returned model is deeply frozen: clone it (structuredClone) to modify it. Throws ModelLoadError on
 * bad data.
 */
export function loadModel(id: string, dir: string = DEFAULT_STANDARD_DIR): StandardModel {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new Error(`invalid model id "${id}"`);
  const folder = resolve(dir, id);
  const cached = cache.get(folder);
  if (cached) return cached;
  if (!existsSync(folder)) throw new Error(`model "${id}" not found in ${resolve(dir)}`);

  const issues: ModelIssue[] = [];
  const data = {} as Record<ModelFileKey, unknown>;
  for (const key of Object.keys(MODEL_FILES) as ModelFileKey[]) {
    const before = issues.length;
    data[key] = readJson(folder, MODEL_FILES[key], issues);
    if (issues.length === before) issues.push(...validateFile(key, data[key]));
  }
  if (issues.length > 0) throw new ModelLoadError(id, issues);

  const meta = data.meta as ModelMeta;
  if (meta.id !== id)
    issues.push({
      file: MODEL_FILES.meta,
      path: '$.id',
      message: `"${meta.id}" differs from folder "${id}"`,
    });
  const policy = data.policy as { default: ScoringPolicy; docs: StandardModel['policyDocs'] };
  const model: StandardModel = {
    meta,
    domains: (data.indicators as { domains: DomainDef[] }).domains,
    satisfaction: (data.satisfaction as { grades: SatisfactionGrade[] }).grades,
    levels: (data.levels as { levels: LevelBand[] }).levels,
    policy: policy.default,
    policyDocs: policy.docs,
    common: data.common as AppendixTable,
    industries: {
      mining: data.mining as AppendixTable,
      smelting: data.smelting as AppendixTable,
      processing: data.processing as AppendixTable,
    },
  };
  issues.push(...validateModel(model));
  if (issues.length > 0) throw new ModelLoadError(id, issues);
  const optional: Partial<Record<OptionalModelFileKey, unknown>> = {};
  for (const key of Object.keys(OPTIONAL_MODEL_FILES) as OptionalModelFileKey[]) {
    if (!existsSync(join(folder, OPTIONAL_MODEL_FILES[key]))) continue;
    const before = issues.length;
    optional[key] = readJson(folder, OPTIONAL_MODEL_FILES[key], issues);
    if (issues.length === before) issues.push(...validateOptionalFile(key, optional[key]));
  }
  if (optional.display && issues.length === 0)
    issues.push(...validateDisplay(model, optional.display as DisplayTextFile));
  if (issues.length > 0) throw new ModelLoadError(id, issues);
  if (optional.display) applyDisplay(model, optional.display as DisplayTextFile);
  if (optional.effort) model.planningEffort = optional.effort as PlanningEffortData;
  cache.set(folder, deepFreeze(model));
  return model;
}
