/**
 * The evidence storage contract (`EvidenceStorage`), run against the folder store and against a real
 * S3-compatible server started here (s3rver on the loopback), including a multipart upload; then what only the
 * folder store has: leftovers of a process killed mid-upload are removed at the next start.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  EvidenceNotFoundError,
  EvidenceTooLargeError,
  FsEvidenceStorage,
  readAll,
  type EvidenceStorage,
} from './files.js';
import { parseS3Url, S3EvidenceStorage } from './s3-storage.js';

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** `total` pseudo-random bytes in chunks of `chunk` (a client's upload as it arrives). */
function chunks(total: number, chunk = 256 * 1024, fail?: Error): { stream: Readable; bytes: Buffer } {
  const bytes = crypto.randomBytes(total);
  async function* gen() {
    for (let i = 0; i < total; i += chunk) {
      if (fail && i >= total / 2) throw fail;
      yield bytes.subarray(i, Math.min(total, i + chunk));
    }
  }
  return { stream: Readable.from(gen()), bytes };
}

interface Subject {
  storage: EvidenceStorage;
  /** How many objects are stored (finished or not). */
  count(): Promise<number>;
  /** S3: how many parts the object was uploaded in (from its ETag, `"…-N"` for a multipart upload). */
  parts?(key: string): Promise<number>;
}

function contract(name: string, make: () => Promise<Subject>) {
  describe(`evidence storage contract: ${name}`, () => {
    let s: Subject;
    beforeAll(async () => {
      s = await make();
    });

    it('stores a buffer under a new random key with its sha256 and size, and reads it back', async () => {
      const data = Buffer.from('证据 evidence '.repeat(500));
      const a = await s.storage.put(data);
      const b = await s.storage.put(data);
      expect(a.key).toMatch(/^[0-9a-f]{32}$/);
      expect(a.key).not.toBe(b.key);
      expect(a).toMatchObject({ sha256: sha(data), size: data.length });
      expect(await readAll(await s.storage.get(a.key))).toEqual(data);
      expect(await s.storage.exists(a.key)).toBe(true);
    });

    it(
      'streams a large upload (20 MiB: a multipart upload on S3) and reads the same bytes back',
      { timeout: 60_000 },
      async () => {
        const { stream, bytes } = chunks(20 * 1024 * 1024);
        const o = await s.storage.put(stream);
        expect(o).toMatchObject({ size: bytes.length, sha256: sha(bytes) });
        expect(sha(await readAll(await s.storage.get(o.key)))).toBe(sha(bytes));
      },
    );

    it('refuses more than maxBytes and keeps nothing', async () => {
      const before = await s.count();
      const { stream } = chunks(3 * 1024 * 1024);
      await expect(s.storage.put(stream, { maxBytes: 1024 * 1024 })).rejects.toBeInstanceOf(
        EvidenceTooLargeError,
      );
      expect(await s.count()).toBe(before);
    });

    it('keeps nothing when the upload breaks off', async () => {
      const before = await s.count();
      const { stream } = chunks(1024 * 1024, 64 * 1024, new Error('client went away'));
      await expect(s.storage.put(stream)).rejects.toThrow('client went away');
      expect(await s.count()).toBe(before);
    });

    it('unknown and malformed keys are not found; delete is idempotent', async () => {
      await expect(s.storage.get('0'.repeat(32))).rejects.toBeInstanceOf(EvidenceNotFoundError);
      await expect(s.storage.get('../../etc/passwd')).rejects.toBeInstanceOf(EvidenceNotFoundError);
      expect(await s.storage.exists('../x')).toBe(false);
      const o = await s.storage.put(Buffer.from('x'));
      await s.storage.delete(o.key);
      await s.storage.delete(o.key);
      expect(await s.storage.exists(o.key)).toBe(false);
      await expect(s.storage.get(o.key)).rejects.toBeInstanceOf(EvidenceNotFoundError);
    });

    it('answers the readiness check', async () => {
      await expect(s.storage.checkWritable()).resolves.toBeUndefined();
      expect(await s.storage.cleanTemp()).toBe(0);
    });
  });
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dtma-storage-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

contract('folder', async () => {
  const root = path.join(work, 'evidence');
  const storage = new FsEvidenceStorage(root);
  const count = async () =>
    fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  return { storage, count };
});

describe('S3-compatible server (s3rver on 127.0.0.1)', () => {
  let server: S3rver;
  let storage: S3EvidenceStorage;
  beforeAll(async () => {
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: path.join(work, 's3'),
      configureBuckets: [{ name: 'dtma-evidence', configs: [] }],
    });
    const { port } = await server.run();
    const location = parseS3Url(
      `s3://dtma-evidence/files?endpoint=http://127.0.0.1:${port}&region=cn-north-1`,
    );
    storage = new S3EvidenceStorage(location, {
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  });
  afterAll(async () => {
    storage?.destroy();
    await server?.close();
  });

  contract('S3', async () => ({
    storage,
    parts: async (key) => {
      const head = await storage.client.send(
        new HeadObjectCommand({ Bucket: 'dtma-evidence', Key: `files/${key}` }),
      );
      return Number(/-([0-9]+)"?$/.exec(head.ETag ?? '')?.[1] ?? 1);
    },
    count: async () => {
      const r = await storage.client.send(
        new ListObjectsV2Command({ Bucket: 'dtma-evidence', Prefix: 'files/' }),
      );
      return r.KeyCount ?? 0;
    },
  }));
});

describe('S3 location URLs', () => {
  it('reads bucket, prefix, endpoint, region; refuses credentials in the URL', () => {
    expect(parseS3Url('s3://dtma-evidence/a/b?endpoint=http://10.0.0.5:9000&region=cn-north-1')).toEqual({
      bucket: 'dtma-evidence',
      prefix: 'a/b/',
      endpoint: 'http://10.0.0.5:9000',
      region: 'cn-north-1',
      forcePathStyle: true,
    });
    expect(parseS3Url('s3://dtma-evidence')).toEqual({
      bucket: 'dtma-evidence',
      prefix: '',
      region: 'us-east-1',
      forcePathStyle: false,
    });
    expect(() => parseS3Url('s3://key:secret@bucket1/x')).toThrow(/credentials/);
    expect(() => parseS3Url('http://bucket1')).toThrow(/s3:/);
    expect(() => parseS3Url('s3://B_ad/x')).toThrow(/bucket/);
  });
});

describe('folder store: leftovers of a killed upload', () => {
  afterEach(() => undefined);
  it(
    'a kill -9 mid-upload leaves a .part file; the next start removes it, and keeps live uploads',
    { timeout: 60_000 },
    async () => {
      const root = path.join(work, 'killed');
      new FsEvidenceStorage(root);
      const script = path.join(work, 'slow-upload.ts');
      const files = new URL('./files.ts', import.meta.url).pathname;
      fs.writeFileSync(
        script,
        `import { Readable } from 'node:stream';
import { FsEvidenceStorage } from ${JSON.stringify(files)};
const s = new FsEvidenceStorage(${JSON.stringify(root)});
async function* slow() { for (;;) { yield Buffer.alloc(4096, 1); await new Promise((r) => setTimeout(r, 20)); } }
void s.put(Readable.from(slow()));
`,
      );
      const tsx = createRequire(import.meta.url).resolve('tsx');
      const child = spawn(process.execPath, ['--import', tsx, script], { stdio: 'ignore' });
      const tmp = path.join(root, 'tmp');
      const until = Date.now() + 30_000;
      while (!fs.readdirSync(tmp).some((n) => n.endsWith('.part'))) {
        if (Date.now() > until) throw new Error('the child never started its upload');
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const leftover = fs.readdirSync(tmp).filter((n) => n.endsWith('.part'));
      expect(leftover).toHaveLength(1);
      expect(leftover[0]).toContain(`.${child.pid}.part`);

      // A live upload of this process and a fresh one of another host stay; an old one of another host goes.
      const mine = path.join(
        tmp,
        `${'a'.repeat(32)}.${os.hostname().replace(/[^A-Za-z0-9-]/g, '_')}.${process.pid}.part`,
      );
      const otherFresh = path.join(tmp, `${'b'.repeat(32)}.elsewhere.12345.part`);
      const otherOld = path.join(tmp, `${'c'.repeat(32)}.elsewhere.12346.part`);
      for (const f of [mine, otherFresh, otherOld]) fs.writeFileSync(f, 'x');
      const old = new Date(Date.now() - 2 * 3600_000);
      fs.utimesSync(otherOld, old, old);

      const restarted = new FsEvidenceStorage(root);
      expect(await restarted.cleanTemp()).toBe(2);
      expect(fs.readdirSync(tmp).sort()).toEqual([path.basename(mine), path.basename(otherFresh)].sort());
    },
  );
});
