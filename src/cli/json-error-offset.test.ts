import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertProperty } from '../testing/fast-check.js';
import { jsonErrorOffset } from './json-error-offset.js';

describe('jsonErrorOffset', () => {
  it('is undefined for any valid JSON', () => {
    assertProperty(fc.property(fc.json(), (text) => jsonErrorOffset(text) === undefined));
  });

  it('points at the offending character', () => {
    expect(jsonErrorOffset('{"a": ,}')).toBe(6);
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('[1 2]')).toBe(3);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('"open')).toBe(5);
    expect(jsonErrorOffset('{} x')).toBe(3);
  });

  it('agrees with JSON.parse on what is invalid', () => {
    assertProperty(
      fc.property(fc.json(), fc.nat(), fc.constantFrom(',', '}', ']', ':', '"', 'x'), (json, at, ch) => {
        const pos = at % (json.length + 1);
        const text = json.slice(0, pos) + ch + json.slice(pos);
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(text) === undefined).toBe(valid);
      }),
    );
  });
});
