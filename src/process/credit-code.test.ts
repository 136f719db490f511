import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isCreditCode, normalizeCreditCode } from './credit-code.js';

describe('GB 32100-2015 统一社会信用代码', () => {
  it('the check character of published codes', () => {
    // The standard's worked example and a registered company's code.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(isCreditCode('91350100M000100Y43')).toBe(true);
    expect(isCreditCode('91330100716105852F')).toBe(true);
  });

  it('a check character of value 0 (31 − 0) is 0', () => {
    // Any first 17 whose weighted sum is a multiple of 31 ends in 0: all zeros is one.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('refuses a mistyped character, a swapped pair, a wrong length and the letters I O Z S V', () => {
    expect(isCreditCode('91350100M000100Y44')).toBe(false); // wrong check character
    expect(isCreditCode('91350100M000100Y34')).toBe(false); // last two swapped
    expect(isCreditCode('91530100M000100Y43')).toBe(false); // two digits swapped
    expect(isCreditCode('91350100M000100Y4')).toBe(false);
    expect(isCreditCode('91350100M000100Y433')).toBe(false);
    for (const letter of 'IOZSV') expect(creditCodeCheckChar(`91350100M000100Y${letter}`)).toBeUndefined();
    expect(isCreditCode('9135AB00M000100Y43')).toBe(false); // the division is six digits
  });

  it('reads a code typed in lower case or with spaces', () => {
    expect(normalizeCreditCode(' 91330100 716105852f ')).toBe('91330100716105852F');
  });
});
