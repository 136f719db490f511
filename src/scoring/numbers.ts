/**
 * Safe-integer arithmetic of the compiled engine: range checks, fraction reduction by the known prime factors
 * of a denominator, and display strings by integer rounding (half up).
 */
import { formatScaled, Rational } from '../exact/rational.js';
import { ScoringError } from './errors.js';
import type { Exact, Internals } from './types.js';

export const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function checkSafe(x: bigint, what: string): number {
  if (x > MAX_SAFE || x < -MAX_SAFE) {
    throw new ScoringError('NUMERIC_RANGE', `${what} exceeds the safe integer range (${x})`);
  }
  return Number(x);
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * Distinct prime factors of the denominator n, when every numerator over n (≤ 5·n) fits in int32 — then the
 * reduction in `exact` runs on int32 (fast integer modulo); otherwise null (Euclid on doubles).
 */
export function primeFactors(n: bigint): Int32Array | null {
  if (5n * n > 0x7fffffffn) return null;
  let x = Number(n);
  const ps: number[] = [];
  for (let p = 2; p * p <= x; p += p === 2 ? 1 : 2) {
    if (x % p === 0) {
      ps.push(p);
      while (x % p === 0) x /= p;
    }
  }
  if (x > 1) ps.push(x);
  return Int32Array.from(ps);
}

/**
 * Exact value num/den (0 ≤ num ≤ 5·den, safe integers) → reduced Exact with its display string. `primes`:
 * the prime factors of den (cheaper than Euclid: only the few primes of den can divide both).
 */
export function exact(c: Internals, num: number, den: number, primes: Int32Array | null): Exact {
  let display: string;
  if (c.fastDisplay) {
    // q = round half up (num·scale / den), by exact integer arithmetic.
    const a = num * c.scale;
    let q = Math.floor(a / den);
    let r = a - q * den;
    if (r < 0) {
      q--;
      r += den;
    } else if (r >= den) {
      q++;
      r -= den;
    }
    if (2 * r >= den) q++;
    display = c.displayCache[q] ?? (c.displayCache[q] = formatScaled(q, c.digits));
  } else {
    display = Rational.of(BigInt(num), BigInt(den)).toDecimalString(c.digits);
  }
  if (primes === null) {
    const g = gcd(num, den);
    return { num: num / g, den: den / g, display };
  }
  let n = num | 0;
  let d = den | 0;
  for (let i = 0; i < primes.length; i++) {
    const p = primes[i]!;
    while (n % p === 0 && d % p === 0) {
      n = (n / p) | 0;
      d = (d / p) | 0;
    }
  }
  return { num: n, den: d, display };
}

/** A Rational (from the reference evaluator) as an Exact; NUMERIC_RANGE if it has no safe-integer form. */
export function toExact(c: Internals, r: Rational): Exact {
  return {
    num: checkSafe(r.num, 'trace numerator'),
    den: checkSafe(r.den, 'trace denominator'),
    display: r.toDecimalString(c.digits),
  };
}
