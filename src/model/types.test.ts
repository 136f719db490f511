import { describe, expect, it } from 'vitest';
import { INDUSTRIES, LEVEL_CODES } from './types.js';

describe('model constants', () => {
  it('names the three industries of Appendix B and the five levels', () => {
    expect(INDUSTRIES).toEqual(['mining', 'smelting', 'processing']);
    expect(LEVEL_CODES).toHaveLength(5);
  });
});
