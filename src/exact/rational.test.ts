import { describe, expect, it } from 'vitest';
import { formatScaled, Rational } from './rational.js';

const r = (s: string): Rational => Rational.parse(s);

describe('Rational: exact arithmetic', () => {
  it('7 × 0.8 / 7 equals 0.8 exactly (no binary floating point)', () => {
    const x = r('0.8').mul(Rational.of(7)).div(Rational.of(7));
    expect(x.eq(r('0.8'))).toBe(true);
    expect(x.toFractionString()).toBe('4/5');
  });

  it('0.1 + 0.2 equals 0.3 exactly', () => {
    expect(r('0.1').add(r('0.2')).eq(r('0.3'))).toBe(true);
  });

  it('keeps lowest terms with a positive denominator', () => {
    const x = Rational.of(6, -8);
    expect([x.num, x.den]).toEqual([-3n, 4n]);
    expect(Rational.of(0, 5).toFractionString()).toBe('0');
  });

  it('parses decimals and fractions, rejects anything else', () => {
    expect(r('2').toFractionString()).toBe('2');
    expect(r('0.80').toFractionString()).toBe('4/5');
    expect(r('.5').toFractionString()).toBe('1/2');
    expect(r('-1.25').toFractionString()).toBe('-5/4');
    expect(r('3/6').toFractionString()).toBe('1/2');
    for (const bad of ['', 'abc', '1e3', '0.8.1', '1/0']) expect(() => r(bad)).toThrow(RangeError);
    expect(Rational.tryParse('x')).toBeUndefined();
  });

  it('compares exactly', () => {
    expect(r('0.79').lt(r('0.8'))).toBe(true);
    expect(r('4/5').eq(r('0.8'))).toBe(true);
    expect(r('1/3').cmp(r('0.3333333333333333'))).toBe(1);
    expect(r('2/3').ge(r('2/3'))).toBe(true);
    expect(r('2/3').gt(r('2/3'))).toBe(false);
  });

  it('floor and ceil', () => {
    expect(r('7/2').floor()).toBe(3n);
    expect(r('7/2').ceil()).toBe(4n);
    expect(r('-7/2').floor()).toBe(-4n);
    expect(r('-7/2').ceil()).toBe(-3n);
    expect(r('3').ceil()).toBe(3n);
  });

  it('fromNumber takes the decimal literal the number was written as', () => {
    expect(Rational.fromNumber(0.8).eq(r('0.8'))).toBe(true);
    expect(Rational.fromNumber(5).eq(r('5'))).toBe(true);
    expect(() => Rational.fromNumber(Number.NaN)).toThrow();
  });
});

describe('Rational.toDecimalString: display policy round half up', () => {
  it('rounds ties up', () => {
    expect(r('0.125').toDecimalString(2)).toBe('0.13');
    expect(r('0.005').toDecimalString(2)).toBe('0.01');
    expect(r('2.5').toDecimalString(0)).toBe('3');
    expect(r('0.795').toDecimalString(2)).toBe('0.80');
  });

  it('rounds non-ties to nearest and pads with zeros', () => {
    expect(r('2/3').toDecimalString(2)).toBe('0.67');
    expect(r('1/3').toDecimalString(3)).toBe('0.333');
    expect(r('5').toDecimalString(2)).toBe('5.00');
    expect(r('0').toDecimalString(1)).toBe('0.0');
    expect(r('0.0049').toDecimalString(2)).toBe('0.00');
  });

  it('rounds ties away from zero for negatives (magnitude)', () => {
    expect(r('-0.125').toDecimalString(2)).toBe('-0.13');
    expect(r('-0.001').toDecimalString(2)).toBe('0.00');
  });

  it('formatScaled places the decimal point', () => {
    expect(formatScaled(5, 2)).toBe('0.05');
    expect(formatScaled(500, 2)).toBe('5.00');
    expect(formatScaled(-7n, 1)).toBe('-0.7');
    expect(formatScaled(7, 0)).toBe('7');
  });
});
