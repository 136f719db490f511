import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EvidenceMethod, EvidenceView } from '@engine/contract/index';
import { api, ApiError, onReachability } from '../api/client';
import { everyPage } from '../api/pages';
import { useApi } from '../api/useApi';
import { useAuth } from '../app/auth';
import { useAssessmentRefresh } from '../screens/assessment/context';
import { backoffMs, classifyFailure } from '../scores/queue';
import {
  EVIDENCE_OUTBOX_CHANGED,
  queuedEvidence,
  newUploadKey,
  queueEvidence,
  removeQueued,
  updateQueued,
  type QueuedEvidence,
} from './evidenceOutbox';

export type { QueuedEvidence };

export interface UploadInput {
  requirementId: string;
  file?: File;
  note?: string;
  kind: 'submitted' | 'collected';
  method?: EvidenceMethod;
}

export interface EvidenceState {
  loading: boolean;
  error: Error | undefined;
  byRequirement: Map<string, EvidenceView[]>;
  all: EvidenceView[];
  /** Evidence kept on this device until the server takes it (offline), by requirement. */
  queued: QueuedEvidence[];
  /** Uploads; without a connection the item is queued (`queued: true`) and sent later. */
  upload: (p: UploadInput) => Promise<{ queued: false; item: EvidenceView } | { queued: true }>;
  remove: (evidenceId: string) => Promise<void>;
  discardQueued: (key: string) => Promise<void>;
  reload: () => void;
}

function formOf(p: {
  requirementId: string;
  kind: string;
  note?: string | undefined;
  method?: string | undefined;
  file?: Blob | undefined;
  fileName?: string | undefined;
}): FormData {
  const fd = new FormData();
  if (p.file) fd.append('file', p.file, p.fileName ?? 'photo.jpg');
  fd.append('requirementId', p.requirementId);
  fd.append('kind', p.kind);
  if (p.note) fd.append('note', p.note);
  if (p.method) fd.append('method', p.method);
  return fd;
}

/** One upload of the queue at a time across hooks and tabs (a file must not arrive twice). */
function exclusive(fn: () => Promise<void>): Promise<void> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? locks.request('dtma-evidence-outbox', fn).then(() => undefined) : fn();
}

/**
 * The evidence of an assessment (every page of it: the screens work per requirement over all of it), uploads
 * with the offline queue, removal. `{ list: false }`: uploads and the queue only, for a screen that pages the
 * list itself.
 */
export function useEvidence(assessmentId: string, options: { list?: boolean } = {}): EvidenceState {
  const { user } = useAuth();
  const userId = user?.id ?? '';
  const refresh = useAssessmentRefresh();
  const list = options.list ?? true;
  const q = useApi(
    (signal) =>
      list
        ? everyPage((page) =>
            api('GET /api/assessments/:id/evidence', { params: { id: assessmentId }, query: page, signal }),
          )
        : Promise.resolve([]),
    [assessmentId, list],
  );
  const [queued, setQueued] = useState<QueuedEvidence[]>([]);
  const all = useMemo(() => q.data ?? [], [q.data]);
  const byRequirement = useMemo(() => {
    const m = new Map<string, EvidenceView[]>();
    for (const e of all) {
      const list = m.get(e.requirementId);
      if (list) list.push(e);
      else m.set(e.requirementId, [e]);
    }
    return m;
  }, [all]);
  const { setData } = q;

  const readQueue = useCallback(async () => {
    if (!userId) return;
    setQueued(await queuedEvidence(userId, assessmentId).catch(() => []));
  }, [userId, assessmentId]);

  const flushing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const flush = useCallback(async () => {
    if (flushing.current || !userId) return;
    flushing.current = true;
    clearTimeout(timer.current);
    try {
      await exclusive(async () => {
        for (const r of (await queuedEvidence(userId, assessmentId)).filter((x) => x.state === 'pending')) {
          try {
            const e = await api('POST /api/assessments/:id/evidence', {
              params: { id: assessmentId },
              body: formOf(r),
              idempotencyKey: r.key,
            });
            await removeQueued(r.key);
            setData((prev) => [...(prev ?? []).filter((x) => x.id !== e.id), e]);
          } catch (e) {
            const what = e instanceof ApiError ? classifyFailure(e.status, e.code) : 'retry';
            if (what === 'retry') {
              await updateQueued(r.key, { attempts: r.attempts + 1 });
              timer.current = setTimeout(() => void flush(), backoffMs(r.attempts + 1));
              break;
            }
            await updateQueued(r.key, {
              state: 'failed',
              error: {
                code: e instanceof ApiError ? e.code : 'INTERNAL',
                ...(e instanceof ApiError && e.params ? { params: e.params } : {}),
              },
            });
          }
        }
      });
    } finally {
      flushing.current = false;
      await readQueue();
    }
  }, [userId, assessmentId, setData, readQueue, refresh]);

  useEffect(() => {
    void readQueue().then(() => flush());
    const onChange = () => void readQueue();
    const onOnline = () => void flush();
    window.addEventListener(EVIDENCE_OUTBOX_CHANGED, onChange);
    window.addEventListener('online', onOnline);
    const off = onReachability((r) => r && void flush());
    return () => {
      window.removeEventListener(EVIDENCE_OUTBOX_CHANGED, onChange);
      window.removeEventListener('online', onOnline);
      off();
      clearTimeout(timer.current);
    };
  }, [readQueue, flush]);

  const upload = useCallback<EvidenceState['upload']>(
    async ({ requirementId, file, note, kind, method }) => {
      // One key for this upload, kept with it in the outbox when it has to wait: its retry is the same upload.
      const key = newUploadKey();
      try {
        const e = await api('POST /api/assessments/:id/evidence', {
          params: { id: assessmentId },
          body: formOf({ requirementId, kind, note, method, file, fileName: file?.name }),
          idempotencyKey: key,
        });
        setData((prev) => [...(prev ?? []).filter((x) => x.id !== e.id), e]);
        void refresh();
        return { queued: false, item: e };
      } catch (e) {
        if (!(e instanceof ApiError) || classifyFailure(e.status, e.code) !== 'retry') throw e;
        await queueEvidence({
          key,
          userId,
          assessmentId,
          requirementId,
          kind,
          ...(method ? { method } : {}),
          ...(note ? { note } : {}),
          ...(file ? { file, fileName: file.name } : {}),
        });
        timer.current = setTimeout(() => void flush(), backoffMs(1));
        return { queued: true };
      }
    },
    [assessmentId, setData, userId, flush, refresh],
  );
  const remove = useCallback(
    async (evidenceId: string) => {
      await api('DELETE /api/assessments/:id/evidence/:evidenceId', {
        params: { id: assessmentId, evidenceId },
      });
      setData((prev) => (prev ?? []).filter((e) => e.id !== evidenceId));
      void refresh();
    },
    [assessmentId, setData, refresh],
  );
  const discardQueued = useCallback(async (key: string) => removeQueued(key), []);
  const { loading, error, reload } = q;
  return useMemo(
    () => ({ loading, error, byRequirement, all, queued, upload, remove, discardQueued, reload }),
    [loading, error, byRequirement, all, queued, upload, remove, discardQueued, reload],
  );
}
