/**
 * Evidence taken on site while the server cannot be reached (a photo from the device camera, a note): kept in
 * IndexedDB with its file and uploaded when the connection returns. An upload the server refuses stays, marked
 * with the server's error, until the user removes it — nothing disappears silently.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { EvidenceMethod } from '@engine/contract/index';

export const EVIDENCE_OUTBOX_CHANGED = 'dtma.evidence-outbox.changed';

export interface QueuedEvidence {
  key: string;
  userId: string;
  assessmentId: string;
  requirementId: string;
  kind: 'submitted' | 'collected';
  method?: EvidenceMethod;
  note?: string;
  file?: Blob;
  fileName?: string;
  queuedAt: string;
  attempts: number;
  state: 'pending' | 'failed';
  error?: { code: string; params?: Record<string, string | number | boolean | null> };
}

interface Db extends DBSchema {
  uploads: { key: string; value: QueuedEvidence };
}

let dbp: Promise<IDBPDatabase<Db>> | null = null;
function db(): Promise<IDBPDatabase<Db>> {
  dbp ??= openDB<Db>('dtma-evidence-outbox', 1, {
    upgrade(d) {
      d.createObjectStore('uploads', { keyPath: 'key' });
    },
  });
  return dbp;
}

function changed(): void {
  window.dispatchEvent(new Event(EVIDENCE_OUTBOX_CHANGED));
}

/**
 * A new upload key: the record's key in the outbox and the request's `Idempotency-Key` (issue 12), so an upload
 * whose answer was lost (the server stored it, the connection broke) is not stored twice when it is retried.
 */
export function newUploadKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export async function queueEvidence(
  e: Omit<QueuedEvidence, 'key' | 'queuedAt' | 'attempts' | 'state'> & { key?: string },
): Promise<QueuedEvidence> {
  const rec: QueuedEvidence = {
    ...e,
    key: e.key ?? newUploadKey(),
    queuedAt: new Date().toISOString(),
    attempts: 0,
    state: 'pending',
  };
  await (await db()).put('uploads', rec);
  changed();
  return rec;
}

export async function queuedEvidence(userId: string, assessmentId: string): Promise<QueuedEvidence[]> {
  const all = await (await db()).getAll('uploads');
  return all
    .filter((r) => r.userId === userId && r.assessmentId === assessmentId)
    .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

export async function removeQueued(key: string): Promise<void> {
  await (await db()).delete('uploads', key);
  changed();
}

export async function updateQueued(key: string, patch: Partial<QueuedEvidence>): Promise<void> {
  const d = await db();
  const cur = await d.get('uploads', key);
  if (cur) await d.put('uploads', { ...cur, ...patch });
  changed();
}
