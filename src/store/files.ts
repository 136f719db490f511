/**
 * Evidence file storage. `EvidenceStorage` is the interface (an S3-compatible store can implement it: put
 * streams to a random object key and returns its sha256 and size; get returns a stream; delete is idempotent).
 *
 * `FsEvidenceStorage` keeps files under a private folder (default `./data/evidence`, never under a public static
 * path): keys are random (never the client's filename), files are written to a temp file, fsynced, renamed into
 * place, and the folder is fsynced, so a stored file is complete or absent after a crash.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const DEFAULT_EVIDENCE_DIR = './data/evidence';

export interface StoredObject {
  key: string;
  sha256: string;
  size: number;
}

export type EvidenceInput = Buffer | Uint8Array | Readable | AsyncIterable<Uint8Array>;

export interface EvidenceStorage {
  /** Stores the bytes under a new random key. Rejects (and stores nothing) when more than `maxBytes` arrive. */
  put(data: EvidenceInput, options?: { maxBytes?: number }): Promise<StoredObject>;
  /** A stream of the stored bytes; rejects with `EvidenceNotFoundError` for an unknown key. */
  get(key: string): Promise<Readable>;
  /** Removes the object; no error when it does not exist. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /**
   * Removes what interrupted uploads left behind (a process killed mid-upload): run at start and periodically.
   * Returns how many leftovers were removed.
   */
  cleanTemp(options?: { olderThanMs?: number }): Promise<number>;
  /** Can objects be written now? (readiness); throws with the reason when not. */
  checkWritable(): Promise<void>;
}

export class EvidenceNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`evidence object ${key} not found`);
    this.name = 'EvidenceNotFoundError';
  }
}

export class EvidenceTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`evidence file larger than ${maxBytes} bytes`);
    this.name = 'EvidenceTooLargeError';
  }
}

/** Keys are 32 lower-case hex digits (128 random bits). Anything else is refused (no path tricks). */
const KEY_RE = /^[0-9a-f]{32}$/;

export function isEvidenceKey(key: string): boolean {
  return KEY_RE.test(key);
}

const PUBLIC_SEGMENTS = new Set(['public', 'static', 'www', 'htdocs', 'dist', 'assets']);

export class FsEvidenceStorage implements EvidenceStorage {
  readonly root: string;

  constructor(root: string = DEFAULT_EVIDENCE_DIR) {
    this.root = path.resolve(root);
    // Refuse folders the project serves statically (public/, static/, web/dist/ … below the working directory).
    const rel = path.relative(process.cwd(), this.root);
    const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    const publicSegment = inside
      ? rel.split(path.sep).find((s) => PUBLIC_SEGMENTS.has(s.toLowerCase()))
      : undefined;
    if (publicSegment) {
      throw new Error(
        `evidence storage must not be under a public/static folder (${publicSegment}): ${this.root}`,
      );
    }
    fs.mkdirSync(path.join(this.root, 'tmp'), { recursive: true, mode: 0o700 });
  }

  private pathOf(key: string): string {
    if (!isEvidenceKey(key)) throw new EvidenceNotFoundError(key);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(data: EvidenceInput, options: { maxBytes?: number } = {}): Promise<StoredObject> {
    const key = crypto.randomBytes(16).toString('hex');
    // The host and process in the name: a later start on this host removes the leftovers of dead processes.
    const tmp = path.join(this.root, 'tmp', `${key}.${HOST}.${process.pid}.part`);
    const hash = crypto.createHash('sha256');
    let size = 0;
    const max = options.maxBytes ?? Infinity;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > max) return cb(new EvidenceTooLargeError(max));
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    const source =
      Buffer.isBuffer(data) || data instanceof Uint8Array
        ? Readable.from([Buffer.from(data)])
        : Readable.from(data);
    try {
      await pipeline(source, meter, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      // fsync works on the file, not the descriptor: flush what the stream wrote before the rename.
      const handle = await fsp.open(tmp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      await fsp.rm(tmp, { force: true });
      throw error;
    }
    const final = this.pathOf(key);
    const dir = path.dirname(final);
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    await fsp.rename(tmp, final);
    await fsyncDir(dir);
    return { key, sha256: hash.digest('hex'), size };
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    try {
      const handle = await fsp.open(file, 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new EvidenceNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    if (!isEvidenceKey(key)) return;
    const file = this.pathOf(key);
    await fsp.rm(file, { force: true });
    await fsyncDir(path.dirname(file)).catch(() => undefined);
  }

  async exists(key: string): Promise<boolean> {
    if (!isEvidenceKey(key)) return false;
    try {
      await fsp.access(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Removes temp files of interrupted uploads: those of processes of this host that are no longer running (a
   * kill -9 mid-upload), and any older than `olderThanMs` (default 1 h; other hosts sharing the folder).
   */
  async cleanTemp(options: { olderThanMs?: number } = {}): Promise<number> {
    const olderThanMs = options.olderThanMs ?? 3_600_000;
    const dir = path.join(this.root, 'tmp');
    let removed = 0;
    for (const name of await fsp.readdir(dir)) {
      const file = path.join(dir, name);
      const st = await fsp.stat(file).catch(() => undefined);
      if (!st) continue;
      const m = /^[0-9a-f]{32}\.(.+)\.([0-9]+)\.part$/.exec(name);
      const deadHere = m !== null && m[1] === HOST && !processAlive(Number(m[2]));
      if (deadHere || Date.now() - st.mtimeMs > olderThanMs) {
        await fsp.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  async checkWritable(): Promise<void> {
    const probe = path.join(this.root, 'tmp', `ready.${HOST}.${process.pid}.probe`);
    await fsp.writeFile(probe, 'ok');
    await fsp.rm(probe, { force: true });
  }
}

/** This host's name as it appears in temp file names (no dots or slashes). */
const HOST = os.hostname().replace(/[^A-Za-z0-9-]/g, '_') || 'host';

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads a whole stream into a buffer (tests, small files). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
