/**
 * Validity of a published result, its re-assessment due date and the reminders, from the results policy of its
 * model version (results-policy.ts). Calendar dates `YYYY-MM-DD` in China time, as certificates print them.
 * Pure and browser-safe.
 */

export interface ResultsPolicy {
  /** Validity of a published result, months from the publication date (China time). */
  validityMonths: number;
  /** The re-assessment is due this many months before the validity ends. */
  reassessmentLeadMonths: number;
  /** Reminders this many days before the due date (0 = on the day), descending. */
  reminderDaysBeforeDue: number[];
  /** k: the least number of other enterprises a benchmark peer group must hold. */
  benchmarkMinPeers: number;
}

// Dates (calendar dates `YYYY-MM-DD`, China time, as printed on certificates)

/** The calendar date in China (UTC+8, no daylight saving) of an instant. */
export function chinaDate(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function parts(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a calendar date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** `date` plus `months` calendar months (the day clamped to the month's last day: 01-31 + 1 month = 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = idx - ny * 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return new Date(Date.UTC(ny, nm, Math.min(d, last))).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

export interface Validity {
  /** Publication date (China time). */
  issuedOn: string;
  /** Last day of validity: issuedOn + validityMonths − 1 day. */
  validUntil: string;
  /** The re-assessment is due on this date: validUntil − reassessmentLeadMonths. */
  reassessmentDue: string;
}

/** The validity of a result published at `sealedAt`. */
export function validityOf(sealedAt: string, policy: ResultsPolicy): Validity {
  const issuedOn = chinaDate(sealedAt);
  const validUntil = addDays(addMonths(issuedOn, policy.validityMonths), -1);
  return { issuedOn, validUntil, reassessmentDue: addMonths(validUntil, -policy.reassessmentLeadMonths) };
}

export type ValidityState = 'valid' | 'due' | 'expired';

/** valid until the due date, due from it, expired after the last valid day. */
export function validityState(v: Validity, today: string): ValidityState {
  if (today > v.validUntil) return 'expired';
  if (today >= v.reassessmentDue) return 'due';
  return 'valid';
}

export type ReminderKind = `due-${number}` | 'expired';

/**
 * The reminders due on `today` for a result with validity `v`: every `due-N` whose day (due − N days) has come,
 * and `expired` once the validity has ended. The caller sends those not sent yet (each kind once per result).
 */
export function remindersDue(v: Validity, policy: ResultsPolicy, today: string): ReminderKind[] {
  const out: ReminderKind[] = [];
  for (const n of policy.reminderDaysBeforeDue)
    if (today >= addDays(v.reassessmentDue, -n) && today <= v.validUntil) out.push(`due-${n}`);
  if (today > v.validUntil) out.push('expired');
  return out;
}
