/**
 * Exact rational arithmetic on bigint, always kept in lowest terms with a positive denominator.
 *
 * Used by the effective model (weights), by the scoring compiler (to derive integer coefficients)
 * and by the reference evaluator / trace. The hot path of the engine does not allocate Rationals: it works
 * on safe integers derived from them (see scoring/compile.ts).
 *
 * Display policy: `toDecimalString(digits)` rounds half up on the magnitude (ties away from zero); every
 * value of the scoring model is non-negative, where this is the ordinary "round half up" (0.125 → "0.13").
 */

function bigAbs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

export function gcdBig(a: bigint, b: bigint): bigint {
  a = bigAbs(a);
  b = bigAbs(b);
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export function lcmBig(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  return bigAbs((a / gcdBig(a, b)) * b);
}

const DECIMAL_RE = /^([+-]?)(\d+)(?:\.(\d*))?$|^([+-]?)\.(\d+)$/;
const FRACTION_RE = /^([+-]?\d+)\/(\d+)$/;

export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  /** num/den reduced; throws RangeError on a zero denominator or non-integer numbers. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    const n = typeof num === 'bigint' ? num : toBigIntStrict(num);
    let d = typeof den === 'bigint' ? den : toBigIntStrict(den);
    if (d === 0n) throw new RangeError('Rational: zero denominator');
    let nn = n;
    if (d < 0n) {
      nn = -nn;
      d = -d;
    }
    const g = gcdBig(nn, d);
    return g === 1n ? new Rational(nn, d) : new Rational(nn / g, d / g);
  }

  /**
   * Parses an exact decimal string ("0.8", "-2", "1.25", ".5") or a fraction "3/4". No exponents, no
   * binary floating point involved.
   */
  static parse(text: string): Rational {
    const s = text.trim();
    const f = FRACTION_RE.exec(s);
    if (f) return Rational.of(BigInt(f[1]!), BigInt(f[2]!));
    const m = DECIMAL_RE.exec(s);
    if (!m) throw new RangeError(`Rational.parse: not an exact decimal: ${JSON.stringify(text)}`);
    const sign = (m[1] ?? m[4]) === '-' ? -1n : 1n;
    const intPart = m[2] ?? '0';
    const frac = m[3] ?? m[5] ?? '';
    const num = BigInt(intPart + frac) * sign;
    return Rational.of(num, 10n ** BigInt(frac.length));
  }

  /** Tries `parse`, returns undefined instead of throwing. */
  static tryParse(text: string): Rational | undefined {
    try {
      return Rational.parse(text);
    } catch {
      return undefined;
    }
  }

  /** Exact conversion of a JS number that is an integer or a finite decimal written with ≤ 15 digits. */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`Rational.fromNumber: not finite: ${x}`);
    if (Number.isInteger(x)) return Rational.of(BigInt(x));
    // The shortest round-trip decimal representation is what the author of the literal wrote.
    const s = String(x);
    if (/e/i.test(s)) throw new RangeError(`Rational.fromNumber: exponent form not supported: ${s}`);
    return Rational.parse(s);
  }

  add(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }

  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('Rational: division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }

  neg(): Rational {
    return new Rational(-this.num, this.den);
  }

  /** -1, 0 or 1. */
  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  eq(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }

  le(o: Rational): boolean {
    return this.cmp(o) <= 0;
  }

  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }

  ge(o: Rational): boolean {
    return this.cmp(o) >= 0;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  /** Largest integer ≤ this. */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /** Smallest integer ≥ this. */
  ceil(): bigint {
    const q = this.num / this.den;
    return this.num > 0n && q * this.den !== this.num ? q + 1n : q;
  }

  /** Round half up on the magnitude to `digits` decimals, e.g. 2/3 → "0.67", 1/8 (digits 2) → "0.13". */
  toDecimalString(digits: number): string {
    if (!Number.isInteger(digits) || digits < 0)
      throw new RangeError(`digits must be a natural number: ${digits}`);
    const scale = 10n ** BigInt(digits);
    const mag = bigAbs(this.num) * scale;
    const q = (2n * mag + this.den) / (2n * this.den); // floor(mag/den + 1/2)
    return formatScaled(this.num < 0n && q !== 0n ? -q : q, digits);
  }

  /** "3/4", "2", "-1/3". */
  toFractionString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  toString(): string {
    return this.toFractionString();
  }

  /** The nearest binary float (for charts only: never compare scores with it). */
  toNumber(): number {
    return Number(this.num) / Number(this.den);
  }

  /** JSON form: the exact fraction string. */
  toJSON(): string {
    return this.toFractionString();
  }
}

/** Formats the integer `scaled` / 10^digits with exactly `digits` decimals. */
export function formatScaled(scaled: bigint | number, digits: number): string {
  const neg = scaled < 0;
  let s = (neg ? -scaled : scaled).toString();
  if (digits === 0) return (neg ? '-' : '') + s;
  if (s.length <= digits) s = '0'.repeat(digits - s.length + 1) + s;
  return (neg ? '-' : '') + s.slice(0, s.length - digits) + '.' + s.slice(s.length - digits);
}

function toBigIntStrict(x: number): bigint {
  if (!Number.isSafeInteger(x)) throw new RangeError(`Rational: not a safe integer: ${x}`);
  return BigInt(x);
}

/** Sum of rationals (exact). */
export function sumRationals(xs: Iterable<Rational>): Rational {
  let acc = Rational.ZERO;
  for (const x of xs) acc = acc.add(x);
  return acc;
}
