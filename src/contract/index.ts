/**
 * The HTTP contract between `src/http` and the web app: request and response schemas written once (TypeBox),
 * used by Fastify for validation, serialisation and OpenAPI, and by the web app for its client types.
 * Browser-safe.
 */
export * from './admin.js';
export * from './analytics.js';
export * from './assessments.js';
export * from './auth.js';
export * from './certificates.js';
export * from './comparison.js';
export * from './domain.js';
export * from './endpoints.js';
export * from './errors.js';
export * from './models.js';
export * from './report-renders.js';
export * from './notifications.js';
export * from './process-records.js';
export { Binary, Ok } from './schema.js';
export * from './work.js';
