import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, resolveDatabaseUrl } from './db.js';

describe('openDatabase (SQLite)', () => {
  it('creates the folder and file, with WAL, synchronous=FULL, foreign keys, busy timeout', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dtma-db-'));
    const file = path.join(dir, 'nested', 'deeper', 'dtma.sqlite');
    const h = await openDatabase({ url: file, migrate: true, busyTimeoutMs: 1234 });
    try {
      expect(h.dialect).toBe('sqlite');
      expect(fs.existsSync(file)).toBe(true);
      const c = h.sqlite!;
      expect(c.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(c.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(c.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(c.pragma('busy_timeout', { simple: true })).toBe(1234);
      await expect(openDatabase({ url: file })).rejects.toThrow(/already open in this process/);
    } finally {
      await h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('resolves URLs', () => {
    expect(resolveDatabaseUrl('postgres://u@h/db')).toEqual({
      dialect: 'postgres',
      target: 'postgres://u@h/db',
    });
    expect(resolveDatabaseUrl('postgresql://u@h/db').dialect).toBe('postgres');
    expect(resolveDatabaseUrl('sqlite:./x.sqlite')).toEqual({ dialect: 'sqlite', target: './x.sqlite' });
    expect(resolveDatabaseUrl('/abs/x.sqlite')).toEqual({ dialect: 'sqlite', target: '/abs/x.sqlite' });
    expect(() => resolveDatabaseUrl(':memory:')).toThrow();
  });
});
