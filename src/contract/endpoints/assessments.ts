/** Endpoints: assessments. */
import { AssessmentAuditQuery, AuditPage } from '../admin.js';
import {
  AssessmentExportQuery,
  AssessmentListQuery,
  AssessmentPage,
  AssessmentStats,
  AssessmentStatsQuery,
  AssessmentView,
  CreateAssessmentRequest,
  IdParams,
  TransitionRequest,
  UpdateAssessmentRequest,
} from '../assessments.js';
import { Binary } from '../schema.js';
import type { EndpointDef } from '../schema.js';

export const assessmentsEndpoints = {
  'GET /api/assessments': {
    summary:
      'A page of the assessments the user may read (own enterprise / own body / own team): search, filters, sort',
    tags: ['assessments'],
    query: AssessmentListQuery,
    response: AssessmentPage,
  },
  'GET /api/assessments/export': {
    summary:
      'The filtered list as an Excel workbook (xlsx): the rows, order and visibility of GET /api/assessments, no paging (at most 10,000; more: 400 VALIDATION)',
    tags: ['assessments'],
    query: AssessmentExportQuery,
    response: Binary,
    produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  },
  'GET /api/assessment-stats': {
    summary:
      'The dashboard over the assessments the user may read (filtered): counts by stage, levels by industry, overdue steps',
    tags: ['assessments'],
    query: AssessmentStatsQuery,
    response: AssessmentStats,
  },
  'POST /api/assessments': {
    summary: 'The enterprise starts an application (stage application)',
    tags: ['assessments'],
    body: CreateAssessmentRequest,
    response: AssessmentView,
    status: 201,
  },
  'GET /api/assessments/:id': {
    summary: 'One assessment',
    tags: ['assessments'],
    params: IdParams,
    response: AssessmentView,
  },
  'PATCH /api/assessments/:id': {
    summary: 'Update the application (industry, eligibility, form) while in stage application',
    tags: ['assessments'],
    params: IdParams,
    body: UpdateAssessmentRequest,
    response: AssessmentView,
  },
  'POST /api/assessments/:id/transitions': {
    summary:
      'Move the assessment along (submit, accept/reject, confirm plan, open scoring, freeze, publish …)',
    tags: ['assessments'],
    params: IdParams,
    body: TransitionRequest,
    response: AssessmentView,
  },
  'GET /api/assessments/:id/audit': {
    summary:
      'The audit trail of one assessment (body admin, leader), as each may see it: paged by seq (`afterSeq`), filtered by record type, action and actor, with the total for the pager',
    tags: ['audit'],
    params: IdParams,
    query: AssessmentAuditQuery,
    response: AuditPage,
  },
} as const satisfies Record<string, EndpointDef>;
