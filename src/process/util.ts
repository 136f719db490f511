import { sha256 as sha256Bytes } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type {
  Assessment,
  JsonValue,
  ProcessEnv,
  ProcessError,
  ProcessErrorCode,
  ProcessOptions,
} from './types.js';
import { DEFAULT_OPTIONS } from './types.js';

export function fail(
  code: ProcessErrorCode,
  message: string,
  field?: string,
  details?: { [key: string]: JsonValue },
): ProcessError {
  const e: ProcessError = { code, message };
  if (field !== undefined) e.field = field;
  if (details !== undefined) e.details = details;
  return e;
}

export function isBlank(s: unknown): boolean {
  return typeof s !== 'string' || s.trim() === '';
}

/** Score as an integer number of tenths ("0.8" → 8): exact arithmetic on Table 2 values. */
export { isScoreValue, tenthsOf as tenths, decimalOfTenths as fromTenths } from '../model/grades.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function isIsoDateTime(s: unknown): s is string {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s));
}

const CHINA_OFFSET_MS = 8 * 3600_000;

/** The calendar date in China (UTC+8, no DST) at instant `d`: the standard's years and dates are Chinese. */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function chinaYear(d: Date): number {
  return Number(chinaDate(d).slice(0, 4));
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

export function resolveOptions(env: ProcessEnv | undefined): ProcessOptions {
  return { ...DEFAULT_OPTIONS, ...(env?.options ?? {}) };
}

/** Requirement membership: the injected model lookup if given, and always the assessment's scope list. */
export function requirementChecker(
  a: Pick<Assessment, 'industry' | 'requirementIds'>,
  env: ProcessEnv | undefined,
): (id: string) => boolean {
  const scope = new Set(a.requirementIds);
  const ofIndustry = env?.isRequirementOf;
  return (id: string) => scope.has(id) && (ofIndustry === undefined || ofIndustry(a.industry, id));
}

/** Canonical JSON: object keys sorted, no whitespace. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x === undefined ? null : x)).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/**
 * SHA-256 of the UTF-8 bytes of `s`, as lowercase hex (the seal of published results). Pure JS (@noble/hashes),
 * so process/ runs unchanged in the browser; equal to node:crypto's digest (util.test.ts).
 */
export function sha256(s: string): string {
  return bytesToHex(sha256Bytes(utf8ToBytes(s)));
}
