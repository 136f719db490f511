/**
 * The pure rules of the score outbox (tested in queue.test.ts): what a failed send means, when to try again,
 * and how the queued grades lie over the server's sheet.
 */
import type { ScoreValue } from '@engine/contract/index';

export const OUTBOX_CHANGED = 'dtma.outbox.changed';

export type SheetKind = 'self' | 'mine';

export interface SheetRef {
  userId: string;
  kind: SheetKind;
  assessmentId: string;
}

export interface SheetEntry {
  value: ScoreValue;
  note: string;
  version: number;
}

/** A grade waiting for the server: `pending` (to send), `conflict` (someone else wrote), `failed` (refused). */
export interface OutboxRecord extends SheetRef {
  key: string;
  requirementId: string;
  value: ScoreValue;
  note: string;
  /** The server version this grade was given on (0: the requirement had no score). */
  baseVersion: number;
  /** Bumped on every new grade of the same requirement: a confirmation removes only the write it confirms. */
  seq: number;
  queuedAt: string;
  attempts: number;
  state: 'pending' | 'conflict' | 'failed';
  /** conflict: the stored entry; failed: the error code and parameters (translated by the web app). */
  current?: SheetEntry;
  error?: { code: string; params?: Record<string, string | number | boolean | null> };
}

export type SendOutcome =
  | { kind: 'saved'; entry: SheetEntry }
  | { kind: 'conflict'; current: SheetEntry }
  | { kind: 'retry' }
  | { kind: 'failed'; code: string; params?: Record<string, string | number | boolean | null> };

/**
 * What a failed send means. No answer (offline, server down) and server faults are tried again; a conflict is
 * shown; anything else the server refused (a locked sheet, a stage that moved on) stays queued and is shown.
 */
export function classifyFailure(status: number, code: string): 'retry' | 'conflict' | 'failed' {
  if (status === 0 || code === 'NETWORK') return 'retry';
  if (code === 'VERSION_CONFLICT') return 'conflict';
  if (status >= 500 || status === 429 || code === 'RATE_LIMITED' || code === 'UNAVAILABLE') return 'retry';
  if (status === 401 || code === 'UNAUTHENTICATED') return 'retry'; // after the next login
  return 'failed';
}

/** A conflict whose stored value is exactly mine is my own earlier write (its answer was lost): confirmed. */
export function isOwnEcho(current: SheetEntry, mine: { value: ScoreValue; note: string }): boolean {
  return current.value === mine.value && current.note === mine.note;
}

/** Exponential back-off with a cap: 1 s, 2 s, 4 s … 30 s (attempt counts from 1). */
export function backoffMs(attempt: number, capMs = 30_000): number {
  return Math.min(capMs, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** The sheet the user sees: the server's entries with every queued grade over them. */
export function overlay(
  server: Readonly<Record<string, SheetEntry>>,
  queued: readonly OutboxRecord[],
): Record<string, SheetEntry> {
  const out: Record<string, SheetEntry> = { ...server };
  for (const r of queued) {
    out[r.requirementId] = { value: r.value, note: r.note, version: server[r.requirementId]?.version ?? 0 };
  }
  return out;
}
