/**
 * The results policy of a model version (`standard/<model-id>/results-policy.json`): how long a published result
 * is valid, when the re-assessment is due, when reminders go out, and k of the benchmark. Numbers the platform
 * decides (the draft standard states none), kept as data beside the version they apply to; see the `docs` of the
 * file for each decision. The dates computed from it are in validity.ts
 * (browser-safe).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_STANDARD_DIR } from './load.js';
import type { ResultsPolicy } from './validity.js';

export type { ResultsPolicy };

export const RESULTS_POLICY_FILE = 'results-policy.json';

export class ResultsPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultsPolicyError';
  }
}

const int = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Checks a parsed results-policy.json; throws ResultsPolicyError naming the field. */
export function parseResultsPolicy(data: unknown, file = RESULTS_POLICY_FILE): ResultsPolicy {
  const o = (data ?? {}) as Record<string, unknown>;
  const bad = (field: string, what: string) => new ResultsPolicyError(`${file} $.${field}: ${what}`);
  if (!int(o.validityMonths, 1, 240)) throw bad('validityMonths', 'an integer 1..240');
  if (!int(o.reassessmentLeadMonths, 0, 120) || o.reassessmentLeadMonths >= o.validityMonths)
    throw bad('reassessmentLeadMonths', 'an integer 0..120, less than validityMonths');
  const days = o.reminderDaysBeforeDue;
  if (!Array.isArray(days) || days.length > 10 || !days.every((d) => int(d, 0, 3650)))
    throw bad('reminderDaysBeforeDue', 'up to 10 integers 0..3650');
  if (!int(o.benchmarkMinPeers, 2, 1000)) throw bad('benchmarkMinPeers', 'an integer 2..1000');
  return {
    validityMonths: o.validityMonths,
    reassessmentLeadMonths: o.reassessmentLeadMonths,
    reminderDaysBeforeDue: [...new Set(days as number[])].sort((a, b) => b - a),
    benchmarkMinPeers: o.benchmarkMinPeers,
  };
}

const cache = new Map<string, ResultsPolicy>();

/** The results policy of model `id` (read once). */
export function loadResultsPolicy(id: string, dir: string = DEFAULT_STANDARD_DIR): ResultsPolicy {
  const file = join(resolve(dir), id, RESULTS_POLICY_FILE);
  const hit = cache.get(file);
  if (hit) return hit;
  if (!existsSync(file)) throw new ResultsPolicyError(`model "${id}" has no ${RESULTS_POLICY_FILE}`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ResultsPolicyError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const p = parseResultsPolicy(data, `${id}/${RESULTS_POLICY_FILE}`);
  cache.set(file, p);
  return p;
}
