/** Endpoints: result and report. */
import { IdParams } from '../assessments.js';
import { ReportJson, ReportQuery, ResultQuery, ResultResponse } from '../work.js';
import { Binary, Type } from '../schema.js';
import type { EndpointDef } from '../schema.js';

const REPORT_TYPES = [
  'application/json',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/pdf',
] as const;

export const resultsEndpoints = {
  'GET /api/assessments/:id/result': {
    summary:
      'The result: source=self (the enterprise’s self-assessment, live) or team (the team scores; the frozen result once frozen)',
    tags: ['result'],
    params: IdParams,
    query: ResultQuery,
    response: ResultResponse,
  },
  'GET /api/assessments/:id/report': {
    summary:
      'The report as a file: docx (Word report), pdf (through LibreOffice), xlsx (result workbook), json; built from the frozen result (409 before). The enterprise sees it once communicated.',
    tags: ['report'],
    params: IdParams,
    query: ReportQuery,
    response: Type.Union([ReportJson, Binary]),
    produces: REPORT_TYPES,
  },
} as const satisfies Record<string, EndpointDef>;
