/** Loads each model version once per page; builds each industry engine once. */
import { useEffect, useState } from 'react';
import type { IndustryId, StandardModel } from '@engine/model/types';
import { api } from '../api/client';
import { buildEngine, type IndustryEngine } from './live';

const models = new Map<string, Promise<StandardModel>>();
const engines = new Map<string, IndustryEngine>();

export function loadModel(modelId: string): Promise<StandardModel> {
  let p = models.get(modelId);
  if (!p) {
    p = api('GET /api/models/:modelId', { params: { modelId } });
    p.catch(() => models.delete(modelId));
    models.set(modelId, p);
  }
  return p;
}

export function engineFor(model: StandardModel, industry: IndustryId): IndustryEngine {
  const key = `${model.meta.id}/${industry}`;
  let e = engines.get(key);
  if (!e) {
    e = buildEngine(model, industry);
    engines.set(key, e);
  }
  return e;
}

export type EngineState =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'ready'; model: StandardModel; engine: IndustryEngine };

export function useIndustryEngine(
  modelId: string | undefined,
  industry: IndustryId | undefined,
): EngineState {
  const [state, setState] = useState<EngineState>({ status: 'loading' });
  useEffect(() => {
    if (!modelId || !industry) return;
    let live = true;
    setState({ status: 'loading' });
    loadModel(modelId)
      .then((model) => {
        if (live) setState({ status: 'ready', model, engine: engineFor(model, industry) });
      })
      .catch((e: unknown) => {
        if (live) setState({ status: 'error', error: e instanceof Error ? e : new Error(String(e)) });
      });
    return () => {
      live = false;
    };
  }, [modelId, industry]);
  return state;
}
