/** Endpoints: evidence. */
import { IdParams } from '../assessments.js';
import { EvidenceView } from '../domain.js';
import { EvidencePage, EvidenceParams, EvidenceQuery, UploadEvidenceFields } from '../work.js';
import { Binary, Ok } from '../schema.js';
import type { EndpointDef } from '../schema.js';

export const evidenceEndpoints = {
  'GET /api/assessments/:id/evidence': {
    summary:
      'A page of the evidence items (submitted by the enterprise, collected by the team): filtered by requirement, kind and review state',
    tags: ['evidence'],
    params: IdParams,
    query: EvidenceQuery,
    response: EvidencePage,
  },
  'POST /api/assessments/:id/evidence': {
    summary:
      'Upload evidence (multipart/form-data: file?, requirementId, note?, method?, kind=submitted|collected); 413 over the size limit',
    tags: ['evidence'],
    params: IdParams,
    multipart: UploadEvidenceFields,
    response: EvidenceView,
    status: 201,
  },
  'DELETE /api/assessments/:id/evidence/:evidenceId': {
    summary: 'Remove submitted evidence (stage application)',
    tags: ['evidence'],
    params: EvidenceParams,
    response: Ok,
  },
  'GET /api/assessments/:id/evidence/:evidenceId/file': {
    summary: 'Download an evidence file (content-disposition: attachment)',
    tags: ['evidence'],
    params: EvidenceParams,
    response: Binary,
    produces: ['application/octet-stream'],
  },
} as const satisfies Record<string, EndpointDef>;
