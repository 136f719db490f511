/** Endpoints: the assessment body's analytics. */
import { Analytics, AnalyticsExportQuery, AnalyticsQuery } from '../analytics.js';
import { Binary } from '../schema.js';
import type { EndpointDef } from '../schema.js';

export const analyticsEndpoints = {
  'GET /api/analytics': {
    summary:
      'The body’s published results as distributions: levels by industry, domain means, weakest sub-domains, trend by year (body admins, own body)',
    tags: ['analytics'],
    query: AnalyticsQuery,
    response: Analytics,
  },
  'GET /api/analytics/export': {
    summary: 'The analytics as an Excel workbook (xlsx) or the annual summary report (docx)',
    tags: ['analytics'],
    query: AnalyticsExportQuery,
    response: Binary,
    produces: [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
  },
} as const satisfies Record<string, EndpointDef>;
