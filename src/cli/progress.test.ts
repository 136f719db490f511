import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, columns: 100, write: (c: string) => (chunks.push(String(c)), true) };
}

describe('batch progress', () => {
  it('off a terminal: one line per file, failures with their first line', () => {
    const s = stream(false);
    const p = createProgress(3, 'report', s);
    for (const f of ['/x/a.json', '/x/b.json', '/x/c.xlsx']) {
      p.start(f);
      p.done(f, f.includes('b') ? '/x/b.json line 2, column 3: invalid JSON\n  more' : undefined);
    }
    p.stop();
    expect(s.chunks.join('')).toBe(
      '[1/3] a.json ok\n[2/3] b.json FAILED: /x/b.json line 2, column 3: invalid JSON\n[3/3] c.xlsx ok\n',
    );
  });

  it('on a terminal: a bar that ends at total/total with the failure count', () => {
    const s = stream(true);
    const p = createProgress(2, 'report', s);
    p.start('/x/a.json');
    p.done('/x/a.json', 'bad');
    p.start('/x/b.json');
    p.done('/x/b.json');
    p.stop();
    const out = s.chunks.join('');
    expect(out).toContain('report [');
    expect(out).toMatch(/\] 2\/2 b\.json \(1 failed\)/);
    expect(out).not.toContain('[1/2]');
  });
});
