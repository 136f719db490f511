/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a 31-character set without
 * I, O, Z, S, V — registration authority, organisation type, the 6-digit administrative division, the 9-character
 * organisation code — and a check character over the first 17 (weights 3^i mod 31). An organisation's code is
 * checked when it is entered, so a mistyped code is refused with the field named, not printed on a certificate.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character (18th) of a code's first 17 characters; undefined when one is outside the set. */
export function creditCodeCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i]!);
    if (value < 0) return undefined;
    sum += value * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** The code as entered, without spaces and in capitals (people type it in lower case and with spaces). */
export function normalizeCreditCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Whether `code` (normalized) is a well-formed code whose check character matches. */
export function isCreditCode(code: string): boolean {
  return SHAPE.test(code) && creditCodeCheckChar(code.slice(0, 17)) === code[17];
}
