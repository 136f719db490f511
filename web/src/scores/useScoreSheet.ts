/**
 * One editable score sheet (the enterprise's self-assessment or an expert's own sheet), saved optimistically and
 * durably: a grade shows at once, goes to the IndexedDB outbox (outbox.ts) and is sent from there, retried with
 * back-off while the server cannot be reached, and leaves the outbox only when the server confirms it. Every
 * write carries the version it was based on; a 409 puts the server's value beside the user's in `conflict` and
 * nothing is overwritten until the user decides.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ScoreValue } from '@engine/contract/index';
import { api, ApiError, onReachability } from '../api/client';
import { useAuth } from '../app/auth';
import * as outbox from './outbox';
import {
  backoffMs,
  classifyFailure,
  isOwnEcho,
  OUTBOX_CHANGED,
  overlay,
  type OutboxRecord,
  type SendOutcome,
  type SheetEntry,
  type SheetKind,
  type SheetRef,
} from './queue';

export type { SheetEntry, SheetKind };

export interface Conflict {
  requirementId: string;
  mine: { value: ScoreValue; note: string };
  current: SheetEntry;
}

/** saving: queued, not yet confirmed; error: refused by the server (shown, kept until discarded). */
export type SaveStatus = 'saving' | 'saved' | 'error' | 'conflict';

interface ServerEntry {
  value: ScoreValue;
  version: number;
  note?: string;
  rationale?: string;
}

function toEntry(s: ServerEntry): SheetEntry {
  return { value: s.value, note: s.note ?? s.rationale ?? '', version: s.version };
}

export interface ScoreSheetState {
  loading: boolean;
  error: Error | undefined;
  entries: Record<string, SheetEntry>;
  status: Record<string, SaveStatus>;
  submittedAt: string | undefined;
  conflict: Conflict | null;
  /** Grades not yet confirmed by the server (pending, in conflict or refused). */
  unsaved: number;
  /** Grades the server refused (a locked sheet, a closed stage): shown until the user discards them. */
  failed: OutboxRecord[];
  /** Sets a score (and note): shown at once, queued durably, sent. */
  save: (requirementId: string, value: ScoreValue, note: string) => void;
  /** Resolves the current conflict: keep the server's value, or write mine over it (explicit choice). */
  resolve: (choice: 'theirs' | 'mine') => void;
  /** Drops a refused grade from the outbox. */
  discard: (requirementId: string) => void;
  /** Bumps whenever entries change (cheap dependency for recomputes). */
  revision: number;
  reload: () => void;
}

async function send(ref: SheetRef, r: OutboxRecord): Promise<SendOutcome> {
  const params = { id: ref.assessmentId, requirementId: r.requirementId };
  const body = { value: r.value, note: r.note, expectedVersion: r.baseVersion };
  try {
    const saved =
      ref.kind === 'self'
        ? await api('PUT /api/assessments/:id/self-scores/:requirementId', { params, body })
        : await api('PUT /api/assessments/:id/scores/mine/:requirementId', { params, body });
    return { kind: 'saved', entry: toEntry(saved) };
  } catch (e) {
    if (!(e instanceof ApiError)) return { kind: 'retry' };
    const what = classifyFailure(e.status, e.code);
    if (what === 'conflict') {
      const cur = e.current as ServerEntry | null | undefined;
      // A conflict without a stored record (it was deleted): base the write on nothing and send it again.
      if (!cur) return { kind: 'conflict', current: { value: r.value, note: '', version: 0 } };
      return { kind: 'conflict', current: toEntry(cur) };
    }
    if (what === 'retry') return { kind: 'retry' };
    return { kind: 'failed', code: e.code, ...(e.params ? { params: e.params } : {}) };
  }
}

export function useScoreSheet(assessmentId: string, kind: SheetKind): ScoreSheetState {
  const { user } = useAuth();
  const ref = useMemo<SheetRef>(
    () => ({ userId: user?.id ?? '', kind, assessmentId }),
    [user?.id, kind, assessmentId],
  );
  const [server, setServer] = useState<Record<string, SheetEntry>>({});
  const [queued, setQueued] = useState<Map<string, OutboxRecord>>(new Map());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const [submittedAt, setSubmittedAt] = useState<string>();
  const [revision, setRevision] = useState(0);
  const [tick, setTick] = useState(0);
  const flushing = useRef(false);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);
  /** Grades shown but not yet in IndexedDB (a few milliseconds): kept over what the outbox holds. */
  const optimistic = useRef(new Map<string, OutboxRecord>());

  const readQueue = useCallback(async () => {
    const recs = await outbox.recordsOf(ref);
    if (!alive.current) return;
    const m = new Map(recs.map((r) => [r.requirementId, r]));
    for (const [id, r] of optimistic.current) m.set(id, r);
    setQueued(m);
    setRevision((x) => x + 1);
  }, [ref]);

  /** Sends every pending record of the sheet, oldest first; stops at the first one that must wait. */
  const flush = useCallback(async (): Promise<void> => {
    if (flushing.current) {
      again.current = true;
      return;
    }
    flushing.current = true;
    clearTimeout(timer.current);
    try {
      do {
        again.current = false;
        const pending = (await outbox.recordsOf(ref))
          .filter((r) => r.state === 'pending')
          .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
        for (const r of pending) {
          const out = await send(ref, r);
          if (out.kind === 'saved' || (out.kind === 'conflict' && isOwnEcho(out.current, r))) {
            const entry = out.kind === 'saved' ? out.entry : out.current;
            await outbox.confirm(r.key, r.seq, entry.version);
            if (alive.current) setServer((s) => ({ ...s, [r.requirementId]: entry }));
          } else if (out.kind === 'conflict') {
            await outbox.update(r.key, r.seq, { state: 'conflict', current: out.current });
          } else if (out.kind === 'failed') {
            await outbox.update(r.key, r.seq, {
              state: 'failed',
              error: { code: out.code, ...(out.params ? { params: out.params } : {}) },
            });
          } else {
            const attempts = r.attempts + 1;
            await outbox.update(r.key, r.seq, { attempts });
            if (alive.current) timer.current = setTimeout(() => void flush(), backoffMs(attempts));
            again.current = false;
            break;
          }
        }
      } while (again.current);
    } finally {
      flushing.current = false;
      await readQueue();
    }
  }, [ref, readQueue]);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      clearTimeout(timer.current);
    };
  }, []);

  // Load the server's sheet and the queued grades; send what is queued.
  useEffect(() => {
    if (!ref.userId) return;
    let live = true;
    setLoading(true);
    setError(undefined);
    const load =
      kind === 'self'
        ? api('GET /api/assessments/:id/self-scores', { params: { id: assessmentId } }).then((s) => ({
            scores: s.scores as Record<string, ServerEntry>,
            submittedAt: undefined,
          }))
        : api('GET /api/assessments/:id/scores/mine', { params: { id: assessmentId } }).then((s) => ({
            scores: s.scores as Record<string, ServerEntry>,
            submittedAt: s.submittedAt,
          }));
    const settled = load.then(
      (v) => ({ ok: true as const, v }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    Promise.all([settled, readQueue()])
      .then(([r]) => {
        if (!live) return;
        if (!r.ok) {
          setError(r.e instanceof Error ? r.e : new Error(String(r.e)));
          return;
        }
        const s = r.v;
        const e: Record<string, SheetEntry> = {};
        for (const [id, v] of Object.entries(s.scores)) e[id] = toEntry(v);
        setServer(e);
        setSubmittedAt(s.submittedAt);
        setRevision((r) => r + 1);
      })
      .finally(() => {
        if (live) setLoading(false);
        void flush();
      });
    return () => {
      live = false;
    };
  }, [assessmentId, kind, tick, ref.userId, readQueue, flush]);

  // Another tab (or hook) changed the outbox; the network came back.
  useEffect(() => {
    const onChange = () => void readQueue();
    const onStorage = (e: StorageEvent) => e.key === OUTBOX_CHANGED && onChange();
    const onOnline = () => void flush();
    window.addEventListener(OUTBOX_CHANGED, onChange);
    window.addEventListener('storage', onStorage);
    window.addEventListener('online', onOnline);
    const offReach = onReachability((r) => r && void flush());
    return () => {
      offReach();
      window.removeEventListener(OUTBOX_CHANGED, onChange);
      window.removeEventListener('storage', onStorage);
      window.removeEventListener('online', onOnline);
    };
  }, [readQueue, flush]);

  const queuedList = useMemo(() => [...queued.values()], [queued]);
  const entries = useMemo(() => overlay(server, queuedList), [server, queuedList]);
  const status = useMemo(() => {
    const s: Record<string, SaveStatus> = {};
    for (const r of queuedList)
      s[r.requirementId] = r.state === 'pending' ? 'saving' : r.state === 'conflict' ? 'conflict' : 'error';
    return s;
  }, [queuedList]);

  const save = useCallback(
    (requirementId: string, value: ScoreValue, note: string) => {
      const base = server[requirementId]?.version ?? 0;
      // Shown at once (optimistic); the durable record follows in the same task.
      const prev = queued.get(requirementId);
      const rec: OutboxRecord = {
        key: outbox.recordKey(ref, requirementId),
        ...ref,
        requirementId,
        value,
        note,
        baseVersion: prev && prev.state !== 'conflict' ? prev.baseVersion : base,
        seq: (prev?.seq ?? 0) + 1,
        queuedAt: new Date().toISOString(),
        attempts: 0,
        state: 'pending',
      };
      optimistic.current.set(requirementId, rec);
      setQueued((q) => new Map(q).set(requirementId, rec));
      setRevision((r) => r + 1);
      void outbox.enqueue(ref, requirementId, value, note, base).then(() => {
        if (optimistic.current.get(requirementId) === rec) optimistic.current.delete(requirementId);
        return flush();
      });
    },
    [server, queued, ref, flush],
  );

  const conflictRec = queuedList.find((r) => r.state === 'conflict' && r.current);
  const conflict: Conflict | null = conflictRec
    ? {
        requirementId: conflictRec.requirementId,
        mine: { value: conflictRec.value, note: conflictRec.note },
        current: conflictRec.current!,
      }
    : null;

  const resolve = useCallback(
    (choice: 'theirs' | 'mine') => {
      const r = conflictRec;
      if (!r?.current) return;
      const current = r.current;
      if (choice === 'theirs') {
        setServer((s) => ({ ...s, [r.requirementId]: current }));
        void outbox.drop(r.key).then(readQueue);
      } else {
        void outbox
          .update(r.key, r.seq, { state: 'pending', baseVersion: current.version, attempts: 0 })
          .then(() => flush());
      }
    },
    [conflictRec, readQueue, flush],
  );

  const discard = useCallback(
    (requirementId: string) => {
      const r = queued.get(requirementId);
      if (r) void outbox.drop(r.key).then(readQueue);
    },
    [queued, readQueue],
  );

  const failed = useMemo(() => queuedList.filter((r) => r.state === 'failed'), [queuedList]);

  return {
    loading,
    error,
    entries,
    status,
    submittedAt,
    conflict,
    unsaved: queuedList.length,
    failed,
    save,
    resolve,
    discard,
    revision,
    reload: () => setTick((x) => x + 1),
  };
}
