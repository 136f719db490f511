/** Endpoints: report renders (the report as a background job, with progress and a preview). */
import { IdParams } from '../assessments.js';
import { RenderPageParams, RenderParams, RenderRequestBody, RenderStatus } from '../report-renders.js';
import { Binary } from '../schema.js';
import type { EndpointDef } from '../schema.js';

export const reportRendersEndpoints = {
  'POST /api/assessments/:id/report/renders': {
    summary:
      'Render the report in the background (docx, pdf, or preview: the PDF and PNG images of its first pages); a report rendered before (same content) is done at once. Who may: as GET …/report.',
    tags: ['report'],
    params: IdParams,
    body: RenderRequestBody,
    response: RenderStatus,
    status: 201,
  },
  'GET /api/assessments/:id/report/renders/:renderId': {
    summary:
      'A render’s state (queued, rendering with its step, done with size and download link, failed with the reason); only its requester reads it',
    tags: ['report'],
    params: RenderParams,
    response: RenderStatus,
  },
  'GET /api/assessments/:id/report/renders/:renderId/file': {
    summary: 'The rendered file (docx, or the PDF of a pdf or preview render)',
    tags: ['report'],
    params: RenderParams,
    response: Binary,
    produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/pdf'],
  },
  'GET /api/assessments/:id/report/renders/:renderId/pages/:page': {
    summary: 'A preview page as a PNG image (page 1 … previewPages)',
    tags: ['report'],
    params: RenderPageParams,
    response: Binary,
    produces: ['image/png'],
  },
} as const satisfies Record<string, EndpointDef>;
