import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** A Kysely instance or a transaction on the dtma database. */
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

/** Who makes a change: a user, or the system (`userId: null`, e.g. `{ userId: null, label: 'system' }`). */
export interface Actor {
  userId: string | null;
  /** Human-readable: the user's email or display name, or `system`, `cli`, … */
  label: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'system' };

let lastMs = 0;
let counter = 0;

/**
 * A UUID v7 (RFC 9562): 48-bit Unix ms timestamp, then a 12-bit counter (monotonic within this process), then
 * 62 random bits. Ids sort by creation time, which makes "latest" queries stable within one millisecond.
 */
export function newId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = 0;
  }
  const b = crypto.randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Current time as an ISO-8601 UTC string with milliseconds (the format of every timestamp column). */
export function nowIso(date: Date = new Date()): string {
  return date.toISOString();
}

/** Normalises any accepted timestamp input to the stored ISO form; rejects invalid dates. */
export function toIso(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new RangeError(`invalid timestamp: ${String(value)}`);
  return d.toISOString();
}

/**
 * Canonical JSON: object keys sorted (code-point order), no whitespace, arrays in order. Throws on values JSON
 * cannot represent faithfully (undefined inside arrays, non-finite numbers, bigint, functions, symbols);
 * object properties whose value is undefined are omitted, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value
          .map((v) => {
            if (v === undefined) throw new TypeError('canonicalJson: undefined in array');
            return canonicalJson(v);
          })
          .join(',')}]`;
      }
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialise ${typeof value}`);
  }
}

export function sha256Hex(data: string | Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** Runs `fn` in a transaction: the given one, or a new one (committed when `fn` resolves). */
export async function inTransaction<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Trx);
  return db.transaction().execute(fn);
}

export const flag = (b: boolean): 0 | 1 => (b ? 1 : 0);

/** Thrown inside a transaction to roll it back and turn into a typed result outside. */
export class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rollback');
    this.name = 'Rollback';
  }
}

/** Runs `fn` in a transaction; a `Rollback` thrown inside rolls back and its value is returned. */
export async function transactOrRollback<T, R>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T | R> {
  try {
    return await inTransaction(db, fn);
  } catch (error) {
    if (error instanceof Rollback) return error.value as R;
    throw error;
  }
}
