/** Model versions: summaries, a whole model, the effective model of an industry (exact weights as fractions). */
import type { EffectiveModelView, ModelSummary, StandardModel } from '../contract/models.js';
import { effectiveModel } from '../model/effective.js';
import { listModels } from '../model/load.js';
import { INDUSTRIES, type IndustryId } from '../model/types.js';
import { modelOrNotFound, requirementIdsOf } from './engine.js';

export function modelSummaries(): ModelSummary[] {
  return listModels().map((m) => ({
    id: m.id,
    title: m.title,
    titleEn: m.titleEn,
    status: m.status,
    industries: [...INDUSTRIES],
    requirementCounts: {
      mining: requirementIdsOf(m.id, 'mining').length,
      smelting: requirementIdsOf(m.id, 'smelting').length,
      processing: requirementIdsOf(m.id, 'processing').length,
    },
  }));
}

export function getModel(modelId: string): StandardModel {
  return modelOrNotFound(modelId);
}

/** Exact rationals become `num/den` text (their JSON form). */
export function effectiveModelView(modelId: string, industry: IndustryId): EffectiveModelView {
  return JSON.parse(JSON.stringify(effectiveModel(modelOrNotFound(modelId), industry))) as EffectiveModelView;
}
