import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256 } from './util.js';

const nodeSha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

describe('sha256 (sealing published results) is browser-safe and hashes as node:crypto did', () => {
  const inputs = [
    '',
    'abc',
    '有色金属行业数字化转型成熟度',
    'a'.repeat(55),
    'b'.repeat(56),
    'c'.repeat(64),
    'd'.repeat(1_000_003),
    '\u{1F600} emoji and a lone surrogate \uD800 end',
    canonicalJson({ total: { num: 37, den: 10 }, levels: ['S1', 'S2'], note: null, z: [1, 0.8, 0.5, 0] }),
  ];

  it.each(inputs.map((s) => [s.length, s]))('input of %i chars', (_n, s) => {
    expect(sha256(s)).toBe(nodeSha256(s));
  });

  it('known vector: sha256("abc")', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
