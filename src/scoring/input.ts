/**
 * Reading score input: accepted values (grades as numbers, exact decimal strings, keys, labels) → tenths, and
 * an id → value input (plain object, Map, entries) → the dense tenths array, collecting every issue (unknown
 * id, id of another industry, bad value, duplicate) instead of stopping at the first.
 */
import { Rational } from '../exact/rational.js';
import type { StandardModel } from '../model/types.js';
import { ScoringError, type ScoringIssue } from './errors.js';
import {
  BAD,
  GIVEN_NULL,
  MISSING,
  type CompiledScoring,
  type Internals,
  type ScoreInput,
  type ScoreValue,
} from './types.js';

/**
 * The grades of Table 2 (`model.satisfaction`) as tenths: every accepted number and string (score, key,
 * Chinese and English label) → tenths, the bit mask of valid tenths, and tenths → the exact score string.
 */
export function compileGrades(
  model: StandardModel,
): Pick<Internals, 'byNumber' | 'byString' | 'gradeText' | 'validMask'> {
  const byNumber = new Map<number, number>();
  const byString = new Map<string, number>();
  const gradeText: string[] = [];
  let validMask = 0;
  for (const g of model.satisfaction) {
    const s = Rational.parse(g.score);
    const t10 = s.mul(Rational.of(10));
    if (!t10.isInteger() || t10.num < 0n || t10.num > 10n) {
      throw new ScoringError('MODEL_INVALID', `grade ${g.key} score ${g.score} is not a tenth in [0, 1]`);
    }
    const t = Number(t10.num);
    validMask |= 1 << t;
    byNumber.set(Number(g.score), t);
    gradeText[t] = s.toDecimalString(t % 10 === 0 ? 0 : 1);
    for (const k of [g.score, gradeText[t]!, g.key, g.label, g.labelEn]) byString.set(k, t);
  }
  return { byNumber, byString, gradeText, validMask };
}

/** A dense value that means "not scored": null, undefined, NaN or MISSING (-1). */
export function isMissingValue(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && (Number.isNaN(v) || v === MISSING));
}

/** A value as it can appear in an issue (JSON-friendly; anything else stringified). */
export function describeValue(v: unknown): unknown {
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null
    ? v
    : String(v);
}

/**
 * Tenths (10, 8, 5, 0) of an accepted score value; undefined for null/undefined (not scored); throws a
 * BAD_VALUE ScoringError for anything else.
 */
export function parseScoreValue(compiled: CompiledScoring, v: ScoreValue, id = '?'): number | undefined {
  if (v === null || v === undefined) return undefined;
  const t = tenthsOf(compiled.c, v);
  if (t === BAD) {
    throw new ScoringError(
      'BAD_VALUE',
      `${id}: bad value ${JSON.stringify(describeValue(v))}`,
      [id],
      [
        {
          kind: 'bad-value',
          id,
          value: describeValue(v),
          message: `${id}: bad value ${JSON.stringify(describeValue(v))}`,
        },
      ],
    );
  }
  return t;
}

/** Tenths of a score value, or BAD. */
function tenthsOf(c: Internals, v: ScoreValue): number {
  if (typeof v === 'number') {
    const t = c.byNumber.get(v);
    return t === undefined ? BAD : t;
  }
  if (typeof v === 'string') {
    const t = c.byString.get(v);
    if (t !== undefined) return t;
    const s = v.trim();
    const t2 = c.byString.get(s);
    if (t2 !== undefined) return t2;
    const r = Rational.tryParse(s);
    if (r) {
      const x = r.mul(Rational.of(10));
      if (x.isInteger() && x.num >= 0n && x.num <= 10n && ((c.validMask >>> Number(x.num)) & 1) === 1) {
        return Number(x.num);
      }
    }
  }
  return BAD;
}

/**
 * Fast path for a plain-object input: looks every requirement up by id (no Map, no key array) and writes
 * its tenths into `dense` (BAD for a bad value). Returns the number of ids found, or -1 if a value was bad.
 */
function readRecord(
  compiled: CompiledScoring,
  rec: Readonly<Record<string, ScoreValue>>,
  dense: Int8Array,
): number {
  const c = compiled.c;
  const ids = compiled.ids;
  const gradeNums = c.gradeNums;
  const gradeTenths = c.gradeTenths;
  const G = gradeNums.length;
  let found = 0;
  let bad = false;
  for (let i = 0; i < ids.length; i++) {
    const v = rec[ids[i]!];
    if (v === undefined) continue;
    found++;
    let t = BAD;
    if (typeof v === 'number') {
      for (let g = 0; g < G; g++) if (gradeNums[g] === v) t = gradeTenths[g]!;
    } else if (v === null) t = GIVEN_NULL;
    else t = tenthsOf(c, v);
    if (t === BAD) bad = true;
    dense[i] = t;
  }
  return bad ? -1 : found;
}

/**
 * Reads an id → value input into the compiled scratch array `compiled.c.dense` (tenths, or MISSING,
 * GIVEN_NULL, BAD) and returns the issues found. Throws BAD_INPUT for a malformed container.
 */
export function readInput(compiled: CompiledScoring, input: ScoreInput): ScoringIssue[] {
  const c = compiled.c;
  const dense = c.dense;
  dense.fill(MISSING);
  const issues: ScoringIssue[] = [];
  const index = compiled.index;
  const put = (id: string, v: ScoreValue, checkDup: boolean): void => {
    const i = index.get(id);
    if (i === undefined) {
      const other = c.foreign.get(id);
      issues.push({
        kind: 'unknown',
        id,
        ...(other !== undefined ? { belongsTo: other } : {}),
        message:
          other !== undefined
            ? `${id}: belongs to industry ${other}, not ${compiled.industry}`
            : `${id}: unknown requirement id`,
      });
      return;
    }
    if (checkDup && dense[i] !== MISSING) {
      issues.push({ kind: 'duplicate', id, message: `${id}: given more than once` });
      return;
    }
    if (v === null || v === undefined) {
      dense[i] = GIVEN_NULL;
      return;
    }
    const t = tenthsOf(c, v);
    if (t === BAD) {
      dense[i] = BAD;
      issues.push({
        kind: 'bad-value',
        id,
        value: describeValue(v),
        message: `${id}: bad value ${JSON.stringify(describeValue(v))} (expected ${c.gradeText
          .filter((x) => x !== undefined)
          .reverse()
          .join(', ')} or a grade key/label)`,
      });
      return;
    }
    dense[i] = t;
  };
  if (input instanceof Map) {
    for (const [id, v] of input as ReadonlyMap<string, ScoreValue>) put(id, v, false);
  } else if (typeof (input as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const e of input as Iterable<readonly [string, ScoreValue]>) {
      if (!Array.isArray(e) || typeof e[0] !== 'string') {
        throw new ScoringError('BAD_INPUT', 'entries must be [requirementId, value] pairs');
      }
      put(e[0], e[1], true);
    }
  } else if (input !== null && typeof input === 'object') {
    const rec = input as Readonly<Record<string, ScoreValue>>;
    const found = readRecord(compiled, rec, dense);
    // Unknown keys, or bad values (marked BAD by readRecord): walk the keys to report them.
    if (found < 0 || Object.keys(rec).length !== found) {
      for (const id in rec) {
        if (!Object.prototype.hasOwnProperty.call(rec, id)) continue;
        const i = index.get(id);
        if (i === undefined || dense[i] === BAD) put(id, rec[id], false);
      }
    }
  } else {
    throw new ScoringError('BAD_INPUT', 'input must be an object, a Map or a list of [id, value] entries');
  }
  return issues;
}
