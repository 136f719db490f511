/**
 * One editable score sheet (the enterprise's self-assessment or an expert's own sheet) with optimistic
 * concurrency: every write carries the version it was based on; a 409 puts the server's value beside the
 * user's in `conflict` and nothing is overwritten until the user decides.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScoreValue } from '@engine/contract/index';
import { api, isConflict } from '../api/client';

export type SheetKind = 'self' | 'mine';

export interface SheetEntry {
  value: ScoreValue;
  note: string;
  version: number;
}

export interface Conflict {
  requirementId: string;
  mine: { value: ScoreValue; note: string };
  current: SheetEntry;
}

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
  /** Sets a score (and note); saved immediately. */
  save: (requirementId: string, value: ScoreValue, note: string) => void;
  /** Resolves the current conflict: keep the server's value, or write mine over it (explicit choice). */
  resolve: (choice: 'theirs' | 'mine') => void;
  /** Bumps whenever entries change (cheap dependency for recomputes). */
  revision: number;
  reload: () => void;
}

export function useScoreSheet(assessmentId: string, kind: SheetKind): ScoreSheetState {
  const [entries, setEntries] = useState<Record<string, SheetEntry>>({});
  const [status, setStatus] = useState<Record<string, SaveStatus>>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const [submittedAt, setSubmittedAt] = useState<string>();
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [revision, setRevision] = useState(0);
  const [tick, setTick] = useState(0);
  const entriesRef = useRef(entries);
  entriesRef.current = entries;
  /** Per requirement: a write in flight, and the latest wanted value queued behind it. */
  const inflight = useRef(new Map<string, { value: ScoreValue; note: string } | null>());

  useEffect(() => {
    let live = true;
    setLoading(true);
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
    load
      .then((s) => {
        if (!live) return;
        const e: Record<string, SheetEntry> = {};
        for (const [id, v] of Object.entries(s.scores)) e[id] = toEntry(v);
        setEntries(e);
        setSubmittedAt(s.submittedAt);
        setRevision((r) => r + 1);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [assessmentId, kind, tick]);

  const put = useCallback(
    async (
      requirementId: string,
      value: ScoreValue,
      note: string,
      expectedVersion: number,
    ): Promise<void> => {
      setStatus((s) => ({ ...s, [requirementId]: 'saving' }));
      const params = { id: assessmentId, requirementId };
      const body = { value, note, expectedVersion };
      try {
        const saved =
          kind === 'self'
            ? await api('PUT /api/assessments/:id/self-scores/:requirementId', { params, body })
            : await api('PUT /api/assessments/:id/scores/mine/:requirementId', { params, body });
        const queued = inflight.current.get(requirementId);
        setEntries((prev) => ({ ...prev, [requirementId]: { ...toEntry(saved), ...(queued ?? {}) } }));
        if (queued) {
          inflight.current.set(requirementId, null);
          await put(requirementId, queued.value, queued.note, saved.version);
          return;
        }
        inflight.current.delete(requirementId);
        setStatus((s) => ({ ...s, [requirementId]: 'saved' }));
      } catch (e) {
        inflight.current.delete(requirementId);
        if (isConflict(e) && e.current) {
          const current = toEntry(e.current as ServerEntry);
          setConflicts((c) => [
            ...c.filter((x) => x.requirementId !== requirementId),
            { requirementId, mine: { value, note }, current },
          ]);
          setStatus((s) => ({ ...s, [requirementId]: 'conflict' }));
        } else {
          setStatus((s) => ({ ...s, [requirementId]: 'error' }));
          setError(e instanceof Error ? e : new Error(String(e)));
        }
      }
    },
    [assessmentId, kind],
  );

  const save = useCallback(
    (requirementId: string, value: ScoreValue, note: string) => {
      const prev = entriesRef.current[requirementId];
      setEntries((p) => ({ ...p, [requirementId]: { value, note, version: prev?.version ?? 0 } }));
      setRevision((r) => r + 1);
      if (inflight.current.has(requirementId)) {
        inflight.current.set(requirementId, { value, note });
        return;
      }
      inflight.current.set(requirementId, null);
      void put(requirementId, value, note, prev?.version ?? 0);
    },
    [put],
  );

  const conflict = conflicts[0] ?? null;
  const resolve = useCallback(
    (choice: 'theirs' | 'mine') => {
      if (!conflict) return;
      const { requirementId, mine, current } = conflict;
      setConflicts((c) => c.slice(1));
      if (choice === 'theirs') {
        setEntries((p) => ({ ...p, [requirementId]: current }));
        setStatus((s) => ({ ...s, [requirementId]: 'saved' }));
        setRevision((r) => r + 1);
      } else {
        setEntries((p) => ({ ...p, [requirementId]: { ...mine, version: current.version } }));
        inflight.current.set(requirementId, null);
        void put(requirementId, mine.value, mine.note, current.version);
      }
    },
    [conflict, put],
  );

  return {
    loading,
    error,
    entries,
    status,
    submittedAt,
    conflict,
    save,
    resolve,
    revision,
    reload: () => setTick((x) => x + 1),
  };
}
