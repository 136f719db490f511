/**
 * Password hashing: argon2id (RFC 9106) through @node-rs/argon2.
 *
 * Default cost: 64 MiB, 3 passes, 1 lane (RFC 9106's second recommended option; ~100-200 ms on a server core).
 * Tests pass `PASSWORD_TEST_COST`. Parameters live in the PHC string, so raising them later still verifies old
 * hashes; `needsRehash` tells when to re-hash at the next successful login.
 */
import { hash, verify } from '@node-rs/argon2';

export interface PasswordCost {
  /** KiB */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const PASSWORD_DEFAULT_COST: PasswordCost = { memoryCost: 65536, timeCost: 3, parallelism: 1 };
/** Much cheaper; for tests only. */
export const PASSWORD_TEST_COST: PasswordCost = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

/** Longer inputs are refused before hashing (argon2 cost grows with input; nobody types 1 KiB passwords). */
export const PASSWORD_MAX_LENGTH = 1024;

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, unusable under isolatedModules). */
const ARGON2ID = 2;

export async function hashPassword(
  password: string,
  cost: PasswordCost = PASSWORD_DEFAULT_COST,
): Promise<string> {
  if (password.length === 0) throw new RangeError('empty password');
  if (password.length > PASSWORD_MAX_LENGTH) throw new RangeError('password too long');
  return hash(password, { algorithm: ARGON2ID, ...cost });
}

/** True when `password` matches; false for a wrong password, a malformed hash or an over-long input. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length === 0 || password.length > PASSWORD_MAX_LENGTH) return false;
  if (!passwordHash.startsWith('$argon2id$')) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** True when the hash was made with other parameters than `cost` (or is not argon2id). */
export function needsRehash(passwordHash: string, cost: PasswordCost = PASSWORD_DEFAULT_COST): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
  if (!m) return true;
  return (
    Number(m[1]) !== cost.memoryCost || Number(m[2]) !== cost.timeCost || Number(m[3]) !== cost.parallelism
  );
}
