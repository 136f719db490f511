/**
 * The durable outbox of score writes (defect 1 of issue 12: no grade is ever lost). Every grade the user gives is
 * written to IndexedDB before it is sent; it leaves the outbox only when the server has confirmed it (or the user
 * chose the server's value in a conflict). A reload, a closed tab or a server that is down loses nothing: the
 * next page load shows the queued grades over the server's sheet and sends them again.
 *
 * One record per user × sheet × requirement: a newer grade for the same requirement replaces the queued one
 * (keeping the version it was based on, so a conflict with someone else's write is still detected).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ScoreValue } from '@engine/contract/index';
import { OUTBOX_CHANGED, type OutboxRecord, type SheetRef } from './queue';

export type { OutboxRecord, SheetRef };

interface OutboxDb extends DBSchema {
  writes: {
    key: string;
    value: OutboxRecord;
  };
}

const DB_NAME = 'dtma-outbox';
let dbPromise: Promise<IDBPDatabase<OutboxDb>> | null = null;

function db(): Promise<IDBPDatabase<OutboxDb>> {
  dbPromise ??= openDB<OutboxDb>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('writes', { keyPath: 'key' });
    },
  });
  return dbPromise;
}

export function recordKey(s: SheetRef, requirementId: string): string {
  return `${s.userId}|${s.kind}|${s.assessmentId}|${requirementId}`;
}

/** Tells every hook of this tab (and, through storage events, other tabs) that the outbox changed. */
function changed(): void {
  window.dispatchEvent(new Event(OUTBOX_CHANGED));
  try {
    localStorage.setItem(OUTBOX_CHANGED, String(Date.now()));
  } catch {
    /* no storage */
  }
}

/** Queues a write: replaces a queued one of the same requirement but keeps its base version. */
export async function enqueue(
  s: SheetRef,
  requirementId: string,
  value: ScoreValue,
  note: string,
  baseVersion: number,
): Promise<OutboxRecord> {
  const d = await db();
  const tx = d.transaction('writes', 'readwrite');
  const key = recordKey(s, requirementId);
  const prev = await tx.store.get(key);
  const rec: OutboxRecord = {
    key,
    ...s,
    requirementId,
    value,
    note,
    // A write queued behind an unconfirmed one is based on what that one was based on.
    baseVersion: prev && prev.state !== 'conflict' ? prev.baseVersion : baseVersion,
    seq: (prev?.seq ?? 0) + 1,
    queuedAt: new Date().toISOString(),
    attempts: 0,
    state: 'pending',
  };
  await tx.store.put(rec);
  await tx.done;
  changed();
  return rec;
}

/** Every record of one sheet (pending, conflict and failed). */
export async function recordsOf(s: SheetRef): Promise<OutboxRecord[]> {
  const d = await db();
  const all = await d.getAll('writes');
  return all.filter((r) => r.userId === s.userId && r.kind === s.kind && r.assessmentId === s.assessmentId);
}

/** Every record of a user (the app-wide "未保存 N 条"). */
export async function countOf(userId: string): Promise<number> {
  const d = await db();
  const all = await d.getAll('writes');
  return all.filter((r) => r.userId === userId).length;
}

/** Removes a record, but only the exact write that was confirmed (a newer queued grade stays). */
export async function confirm(key: string, seq: number, savedVersion: number): Promise<void> {
  const d = await db();
  const tx = d.transaction('writes', 'readwrite');
  const cur = await tx.store.get(key);
  if (cur) {
    if (cur.seq === seq) await tx.store.delete(key);
    else await tx.store.put({ ...cur, baseVersion: savedVersion });
  }
  await tx.done;
  changed();
}

/** Updates a record in place when it is still the same write. */
export async function update(key: string, seq: number, patch: Partial<OutboxRecord>): Promise<void> {
  const d = await db();
  const tx = d.transaction('writes', 'readwrite');
  const cur = await tx.store.get(key);
  if (cur && cur.seq === seq) await tx.store.put({ ...cur, ...patch });
  await tx.done;
  changed();
}

/** Drops a record whatever its state (the user kept the server's value). */
export async function drop(key: string): Promise<void> {
  const d = await db();
  await d.delete('writes', key);
  changed();
}
