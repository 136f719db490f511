import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EvidenceNotFoundError, EvidenceTooLargeError, FsEvidenceStorage, readAll } from './files.js';

describe('FsEvidenceStorage', () => {
  let dir: string;
  let storage: FsEvidenceStorage;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dtma-evidence-'));
    storage = new FsEvidenceStorage(path.join(dir, 'evidence'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

  it('stores a buffer under a random key with its sha256 and size, and reads it back', async () => {
    const data = Buffer.from('证据 evidence '.repeat(1000));
    const a = await storage.put(data);
    const b = await storage.put(data);
    expect(a.key).toMatch(/^[0-9a-f]{32}$/);
    expect(a.key).not.toBe(b.key);
    expect(a).toMatchObject({ sha256: sha(data), size: data.length });
    expect(await readAll(await storage.get(a.key))).toEqual(data);
    expect(await storage.exists(a.key)).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'evidence', 'tmp'))).toEqual([]);
  });

  it('stores a stream (multi-chunk)', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => crypto.randomBytes(10_000 + i));
    const whole = Buffer.concat(chunks);
    const r = await storage.put(Readable.from(chunks));
    expect(r).toMatchObject({ sha256: sha(whole), size: whole.length });
    expect(sha(await readAll(await storage.get(r.key)))).toBe(sha(whole));
  });

  it('rejects data above maxBytes and leaves nothing behind', async () => {
    await expect(storage.put(Buffer.alloc(1001), { maxBytes: 1000 })).rejects.toThrow(EvidenceTooLargeError);
    expect(fs.readdirSync(path.join(dir, 'evidence', 'tmp'))).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'evidence')).filter((n) => n !== 'tmp')).toEqual([]);
    expect((await storage.put(Buffer.alloc(1000), { maxBytes: 1000 })).size).toBe(1000);
  });

  it('refuses keys that are not storage keys (no path traversal), deletes idempotently', async () => {
    await expect(storage.get('../../etc/passwd')).rejects.toThrow(EvidenceNotFoundError);
    await expect(storage.get('0'.repeat(32))).rejects.toThrow(EvidenceNotFoundError);
    expect(await storage.exists('../x')).toBe(false);
    const r = await storage.put(Buffer.from('x'));
    await storage.delete(r.key);
    await storage.delete(r.key);
    await storage.delete('../../whatever');
    expect(await storage.exists(r.key)).toBe(false);
    await expect(storage.get(r.key)).rejects.toThrow(EvidenceNotFoundError);
  });

  it('refuses a root under a public/static folder of the project', () => {
    expect(() => new FsEvidenceStorage('./web/dist/evidence')).toThrow(/public\/static/);
    expect(() => new FsEvidenceStorage('./public/uploads')).toThrow(/public\/static/);
  });
});
