/** Endpoints: plans, meetings, report draft. */
import { IdParams } from '../assessments.js';
import { Meeting, Meetings, PlanDoc, Plans, Report } from '../domain.js';
import {
  MeetingParams,
  PlanParams,
  PutMeetingRequest,
  PutPlanRequest,
  PutReportRequest,
  ReportDraft,
} from '../work.js';
import type { EndpointDef } from '../schema.js';

export const plansEndpoints = {
  'GET /api/assessments/:id/plans': {
    summary: 'The two plans (4.5.3)',
    tags: ['plans'],
    params: IdParams,
    response: Plans,
  },
  'PUT /api/assessments/:id/plans/:kind': {
    summary: 'Write a plan (leader); 409 VERSION_CONFLICT with the stored plan on a stale version',
    tags: ['plans'],
    params: PlanParams,
    body: PutPlanRequest,
    response: PlanDoc,
  },
  'GET /api/assessments/:id/meetings': {
    summary: 'First and final meetings',
    tags: ['meetings'],
    params: IdParams,
    response: Meetings,
  },
  'PUT /api/assessments/:id/meetings/:kind': {
    summary: 'Record the first (4.6.1) or final (4.7.2) meeting (leader); moves the stage on',
    tags: ['meetings'],
    params: MeetingParams,
    body: PutMeetingRequest,
    response: Meeting,
  },
  'GET /api/assessments/:id/report-draft': {
    summary: 'The report draft (team, body; the enterprise once communicated)',
    tags: ['report'],
    params: IdParams,
    response: ReportDraft,
  },
  'PUT /api/assessments/:id/report-draft': {
    summary: 'Write the report sections (4.6.4); 409 with the stored report on a stale version',
    tags: ['report'],
    params: IdParams,
    body: PutReportRequest,
    response: Report,
  },
} as const satisfies Record<string, EndpointDef>;
