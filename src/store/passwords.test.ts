import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  needsRehash,
  PASSWORD_DEFAULT_COST,
  PASSWORD_TEST_COST,
  verifyPassword,
} from './passwords.js';

describe('passwords (argon2id)', () => {
  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('正确 horse battery', PASSWORD_TEST_COST);
    expect(h).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await verifyPassword(h, '正确 horse battery')).toBe(true);
    expect(await verifyPassword(h, '正确 horse batterY')).toBe(false);
    expect(await verifyPassword(h, '')).toBe(false);
    expect(await verifyPassword('garbage', 'x')).toBe(false);
    expect(await verifyPassword('$argon2id$v=19$m=1024,t=1,p=1$broken', 'x')).toBe(false);
    const again = await hashPassword('正确 horse battery', PASSWORD_TEST_COST);
    expect(again).not.toBe(h); // salted
  });

  it('refuses empty and over-long passwords', async () => {
    await expect(hashPassword('', PASSWORD_TEST_COST)).rejects.toThrow(RangeError);
    await expect(hashPassword('x'.repeat(1025), PASSWORD_TEST_COST)).rejects.toThrow(RangeError);
  });

  it('default cost is the production cost and needsRehash detects other parameters', async () => {
    const h = await hashPassword('pw', PASSWORD_DEFAULT_COST);
    expect(h).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    expect(needsRehash(h)).toBe(false);
    expect(needsRehash(await hashPassword('pw', PASSWORD_TEST_COST))).toBe(true);
    expect(needsRehash('$2b$10$bcrypt')).toBe(true);
  });
});
