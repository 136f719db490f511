import { useCallback, useMemo } from 'react';
import type { EvidenceMethod, EvidenceView } from '@engine/contract/index';
import { api } from '../api/client';
import { useApi } from '../api/useApi';

export interface EvidenceState {
  loading: boolean;
  error: Error | undefined;
  byRequirement: Map<string, EvidenceView[]>;
  all: EvidenceView[];
  upload: (p: {
    requirementId: string;
    file?: File;
    note?: string;
    kind: 'submitted' | 'collected';
    method?: EvidenceMethod;
  }) => Promise<EvidenceView>;
  remove: (evidenceId: string) => Promise<void>;
  reload: () => void;
}

export function useEvidence(assessmentId: string): EvidenceState {
  const q = useApi(
    (signal) => api('GET /api/assessments/:id/evidence', { params: { id: assessmentId }, signal }),
    [assessmentId],
  );
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
  const upload = useCallback<EvidenceState['upload']>(
    async ({ requirementId, file, note, kind, method }) => {
      const fd = new FormData();
      if (file) fd.append('file', file, file.name);
      fd.append('requirementId', requirementId);
      fd.append('kind', kind);
      if (note) fd.append('note', note);
      if (method) fd.append('method', method);
      const e = await api('POST /api/assessments/:id/evidence', { params: { id: assessmentId }, body: fd });
      setData((prev) => [...(prev ?? []), e]);
      return e;
    },
    [assessmentId, setData],
  );
  const remove = useCallback(
    async (evidenceId: string) => {
      await api('DELETE /api/assessments/:id/evidence/:evidenceId', {
        params: { id: assessmentId, evidenceId },
      });
      setData((prev) => (prev ?? []).filter((e) => e.id !== evidenceId));
    },
    [assessmentId, setData],
  );
  const { loading, error, reload } = q;
  return useMemo(
    () => ({ loading, error, byRequirement, all, upload, remove, reload }),
    [loading, error, byRequirement, all, upload, remove, reload],
  );
}
