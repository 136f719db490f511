/** Endpoints: results over time (comparison, validity, re-assessment), benchmark, what-if under another version. */
import { AssessmentView, IdParams } from '../assessments.js';
import {
  Benchmark,
  CarriedOver,
  Comparison,
  ConfirmCarriedRequest,
  ReassessmentRequest,
  ValidityView,
  WhatIf,
  WhatIfQuery,
} from '../comparison.js';
import { Industry } from '../domain.js';
import { Obj, Type } from '../schema.js';
import type { EndpointDef } from '../schema.js';

export const ValidityRow = Type.Composite([
  Obj({
    assessmentId: Type.String(),
    enterpriseOrgId: Type.String(),
    enterpriseName: Type.String(),
    industry: Industry,
    certificateNumber: Type.Union([Type.String(), Type.Null()]),
  }),
  ValidityView,
]);

export const comparisonEndpoints = {
  'GET /api/assessments/:id/comparison': {
    summary:
      'This result beside the enterprise’s earlier published ones (those the caller may read): total, levels, domains and sub-domains over time, what improved and fell back, which steps of the earlier 一企一策 plan were achieved',
    tags: ['results over time'],
    params: IdParams,
    response: Comparison,
  },
  'GET /api/assessments/:id/benchmark': {
    summary:
      'Position of the published result against peers (same industry and model version; sub-sector and size where recorded): percentile of the total, quartiles per domain — only for groups of at least k other enterprises, nothing that identifies a peer',
    tags: ['results over time'],
    params: IdParams,
    response: Benchmark,
  },
  'GET /api/assessments/:id/what-if': {
    summary:
      'The frozen result re-scored under another model version (grades carried through the mapping; the sealed result is never changed), with the requirements that need a new grade',
    tags: ['results over time'],
    params: IdParams,
    query: WhatIfQuery,
    response: WhatIf,
  },
  'POST /api/assessments/:id/reassessment': {
    summary:
      'Start a new application from published assessment :id (same enterprise): its evidence and self-assessment carried over as a starting point, marked until confirmed',
    tags: ['results over time'],
    params: IdParams,
    body: ReassessmentRequest,
    response: AssessmentView,
    status: 201,
  },
  'POST /api/assessments/:id/carried-over/confirm': {
    summary: 'Confirm carried-over evidence and self-assessment grades (all, or those named)',
    tags: ['results over time'],
    params: IdParams,
    body: ConfirmCarriedRequest,
    response: CarriedOver,
  },
  'GET /api/results/validity': {
    summary:
      'Validity and re-assessment due dates of the newest published result of each enterprise the caller answers for (own enterprise, own body)',
    tags: ['results over time'],
    response: Type.Array(ValidityRow),
  },
} as const satisfies Record<string, EndpointDef>;
