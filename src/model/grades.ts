/**
 * Table 2 (满足程度与评分) in one place: the four grades a requirement can receive, their exact scores, their
 * integer tenths (the exact form the store and the engine compute with), keys and labels — read from the
 * standard's data file `table2-satisfaction.json`, never written out elsewhere. Browser-safe (a JSON import).
 *
 * The only place in the code where the grade values appear as literals is the `ScoreValue` type below: the
 * module checks at load time that the data holds exactly these values, so a change of Table 2 fails loudly.
 */
import table2 from '../../standard/nfm-dtmm-2024-draft/table2-satisfaction.json' with { type: 'json' };
import type { SatisfactionGrade } from './types.js';

/** A grade's exact score as a decimal string (Table 2). */
export type ScoreValue = '1' | '0.8' | '0.5' | '0';
/** A grade's machine key (score files, templates, colours). */
export type GradeKey = SatisfactionGrade['key'];

export interface Grade {
  key: GradeKey;
  value: ScoreValue;
  /** The score in integer tenths ("0.8" → 8). */
  tenths: number;
  /** 全部满足 … */
  label: string;
  /** Fully met … */
  labelEn: string;
}

/** Exact decimal string → tenths, for the decimals Table 2 uses (at most one decimal place). */
function decimalTenths(score: string): number {
  const m = /^(\d+)(?:\.(\d))?$/.exec(score);
  if (!m) throw new Error(`table2-satisfaction.json: score "${score}" is not a decimal with one place`);
  return Number(m[1]) * 10 + Number(m[2] ?? '0');
}

function buildGrades(rows: readonly SatisfactionGrade[]): Grade[] {
  const grades = rows.map((g) => ({
    key: g.key,
    value: g.score as ScoreValue,
    tenths: decimalTenths(g.score),
    label: g.label,
    labelEn: g.labelEn,
  }));
  const expected: Record<ScoreValue, true> = { '1': true, '0.8': true, '0.5': true, '0': true };
  const found = grades.map((g) => g.value).sort();
  const wanted = (Object.keys(expected) as ScoreValue[]).sort();
  if (found.join() !== wanted.join())
    throw new Error(`table2-satisfaction.json: grades ${found.join(', ')} differ from ${wanted.join(', ')}`);
  return grades;
}

/** The grades, best first, as Table 2 lists them. */
export const GRADES: readonly Grade[] = Object.freeze(
  buildGrades((table2 as { grades: SatisfactionGrade[] }).grades),
);

/** The grade values, best first. */
export const SCORE_VALUES: readonly ScoreValue[] = GRADES.map((g) => g.value);
/** Their tenths, best first. */
export const GRADE_TENTHS: readonly number[] = GRADES.map((g) => g.tenths);
export const GRADE_KEYS: readonly GradeKey[] = GRADES.map((g) => g.key);

const byValue = new Map(GRADES.map((g) => [g.value as string, g]));
const byTenths = new Map(GRADES.map((g) => [g.tenths, g]));
const byKey = new Map(GRADES.map((g) => [g.key as string, g]));

export function isScoreValue(v: unknown): v is ScoreValue {
  return typeof v === 'string' && byValue.has(v);
}

export function isGradeTenths(t: unknown): boolean {
  return typeof t === 'number' && byTenths.has(t);
}

export function gradeOfValue(v: ScoreValue): Grade {
  return byValue.get(v)!;
}

export function gradeOfKey(k: string): Grade | undefined {
  return byKey.get(k);
}

export function gradeOfTenths(t: number): Grade | undefined {
  return byTenths.get(t);
}

/** "0.8" → 8. */
export function tenthsOf(v: ScoreValue): number {
  return gradeOfValue(v).tenths;
}

/** 8 → "0.8"; throws for tenths that are no grade. */
export function valueOfTenths(t: number): ScoreValue {
  const g = byTenths.get(t);
  if (!g) throw new RangeError(`${t} tenths is not a Table 2 grade`);
  return g.value;
}

/** Tenths back to an exact decimal string for any integer (8 → "0.8", 10 → "1", 2 → "0.2", 25 → "2.5"). */
export function decimalOfTenths(t: number): string {
  const sign = t < 0 ? '-' : '';
  const a = Math.abs(t);
  const whole = Math.floor(a / 10);
  const frac = a % 10;
  return frac === 0 ? `${sign}${whole}` : `${sign}${whole}.${frac}`;
}
