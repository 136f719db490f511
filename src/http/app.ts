/**
 * The Fastify application: `buildApp({ services, config })`.
 *
 * Thin adapters over the use cases (src/service): each route is registered from its row of the contract
 * (src/contract — request validation, response serialisation, OpenAPI 3.1 at /api/docs), parses, calls one use
 * case, maps errors. Deny by default: every route under /api declares an access rule, or the app refuses to
 * start. Errors always have the shape `{ error: { code, message, field?, params?, … } }`; bad input is never a
 * 5xx.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { authorizeAssessment } from '../service/access.js';
import type { ServiceContext } from '../service/context.js';
import { ServiceError } from '../service/errors.js';
import { authenticate, registerAuthRoutes } from './auth.js';
import type { Access, ApiRoute, HttpConfig } from './context.js';
import { errorBody, errorHeaders, STATUS, toClientError } from './errors.js';
import { endpointOf } from './route.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerAssessmentRoutes } from './routes/assessments.js';
import { registerAnalyticsRoutes } from './routes/analytics.js';
import { registerCertificateRoutes } from './routes/certificates.js';
import { registerComparisonRoutes } from './routes/comparison.js';
import { registerEvidenceRoutes } from './routes/evidence.js';
import { registerProcessRecordRoutes } from './routes/process-records.js';
import { registerModelRoutes } from './routes/models.js';
import { registerPlanRoutes } from './routes/plans.js';
import { registerResultRoutes } from './routes/results.js';
import { registerScoreRoutes } from './routes/scores.js';
import { registerStatic } from './static.js';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export const DEFAULT_HTTP_CONFIG: HttpConfig = {
  secureCookies: true,
  webDist: DEFAULT_WEB_DIST,
  trustProxy: false,
  logLevel: 'silent',
  publicUrl: null,
  verifyRateLimit: { windowMs: 60_000, max: 30 },
  apiDocs: 'login',
};

/**
 * Content-Security-Policy of every answer: scripts only from the platform itself (the SPA and the API pages have
 * no inline script); styles also inline (Ant Design writes its CSS-in-JS into <style> elements, index.html has
 * one); images and fonts also as data: URLs (ECharts exports, the API pages); no plugins, no framing (also
 * X-Frame-Options: DENY), forms and fetches to the platform only.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'worker-src': ["'self'", 'blob:'],
};

export interface BuildAppOptions {
  services: ServiceContext;
  config?: Partial<HttpConfig>;
  /** Registers further routes (tests: a route without an access rule must stop the app from starting). */
  extraRoutes?: (app: FastifyInstance) => void;
  /** Runs when the app closes (the composition root ends what it started: worker threads, child processes). */
  onClose?: () => Promise<void>;
}

/** Strings with NUL characters cannot be stored (PostgreSQL text); refuse them as bad input anywhere. */
function findNul(value: unknown, where: string, depth = 0): string | undefined {
  if (depth > 64) return where;
  if (typeof value === 'string') return value.includes('\u0000') ? where : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = findNul(value[i], `${where}.${i}`, depth + 1);
      if (r) return r;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return `${where}.${k}`;
      const r = findNul(v, `${where}.${k}`, depth + 1);
      if (r) return r;
    }
  }
  return undefined;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const config: HttpConfig = { ...DEFAULT_HTTP_CONFIG, ...(options.config ?? {}) };
  const ctx = options.services;
  const trust = config.trustProxy;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // A hop count trusts that many proxies nearest to the server (the client's own X-Forwarded-For entries,
    // further left, are never believed).
    trustProxy: typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    routerOptions: { maxParamLength: 500 },
  });

  // Deny by default: an /api route without an access rule is a startup error. Every /api route is listed in
  // `app.apiRoutes` (the generated access test walks them all).
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.decorate('services', ctx);
  app.addHook('onRoute', (r) => {
    const url = r.url;
    if (!url.startsWith('/api')) return;
    const methods = (Array.isArray(r.method) ? r.method : [r.method]).map(String);
    if (url === '/api/docs' || url.startsWith('/api/docs/')) {
      // The API pages: for signed-in users unless DTMA_API_DOCS=public (off: not registered at all).
      const docs: Access = config.apiDocs === 'public' ? { kind: 'public' } : { kind: 'session' };
      r.config = { ...(r.config ?? {}), access: docs };
      for (const method of methods) apiRoutes.push({ method, url, access: docs });
      return;
    }
    const access = (r.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`route ${methods.join(',')} ${url} has no access rule (deny by default)`);
    for (const method of methods) apiRoutes.push({ method, url, access });
  });

  // Before any plugin: plugins registered later (the API pages) inherit it.
  app.setErrorHandler((error, request, reply) => {
    const known = toClientError(error);
    if (known) {
      for (const [k, v] of Object.entries(errorHeaders(known))) void reply.header(k, v);
      return reply.status(STATUS[known.code]).send(errorBody(known));
    }
    request.log.error({ err: error }, 'internal error');
    if (config.logLevel === 'silent')
      console.error('[dtma http] internal error', request.method, request.url, error);
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal server error' } });
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS only where the platform is served over HTTPS (secure cookies); plain-HTTP development has none.
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyMultipart, {
    limits: { fileSize: ctx.options.maxUploadBytes, files: 1, fields: 20, fieldSize: 100_000, parts: 25 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'dtma — 有色金属行业数字化转型成熟度评估平台 API',
        version: '0.2.0',
        description:
          'Session cookie from POST /api/auth/login; every state-changing request carries x-csrf-token. ' +
          'Errors: { error: { code, message, field?, params?, current?, details? } }.',
      },
    },
    // Multipart uploads are read as a stream (no body schema to validate); document their fields.
    transform: ({ schema, url, route: r }) => {
      const methods = Array.isArray(r.method) ? r.method : [r.method];
      const def = endpointOf(String(methods[0]), url);
      if (!def?.multipart || !schema) return { schema, url };
      return { schema: { ...schema, body: def.multipart }, url };
    },
  });
  if (config.apiDocs !== 'off') await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const bad = findNul(value, part);
      if (bad)
        throw new ServiceError('VALIDATION', `${bad}: NUL characters are not allowed`, {
          field: bad,
          params: { rule: 'nul' },
        });
    }
  });

  // Authentication and CSRF before validation (a forged request learns nothing about the body's shape).
  app.addHook('preValidation', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!request.url.startsWith('/api') || request.is404) return;
    if (!access) throw new ServiceError('FORBIDDEN', 'no access rule');
    if (access.kind === 'public') return;
    await authenticate(ctx, config, request, reply);
  });

  // The route's access rule on its assessment, after the params are validated.
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (!request.url.startsWith('/api') || request.is404) return;
    if (!access) throw new ServiceError('FORBIDDEN', 'no access rule');
    if (access.kind === 'public') return;
    if (!request.auth) throw new ServiceError('UNAUTHENTICATED', 'login required');
    if (access.kind === 'assessment') {
      const params = request.params;
      const id = params && typeof params === 'object' && 'id' in params ? params.id : undefined;
      if (typeof id !== 'string') throw new ServiceError('FORBIDDEN', 'no assessment in the path');
      await authorizeAssessment(ctx, request.auth, id, access.action);
    }
  });

  registerAuthRoutes(app, ctx, config);
  registerModelRoutes(app);
  registerAdminRoutes(app, ctx);
  registerAssessmentRoutes(app, ctx);
  registerPlanRoutes(app, ctx);
  registerScoreRoutes(app, ctx);
  registerEvidenceRoutes(app, ctx);
  registerProcessRecordRoutes(app, ctx);
  registerResultRoutes(app, ctx);
  registerCertificateRoutes(app, ctx, config);
  registerComparisonRoutes(app, ctx);
  registerAnalyticsRoutes(app, ctx);
  options.extraRoutes?.(app);
  const onClose = options.onClose;
  if (onClose) app.addHook('onClose', async () => onClose());
  registerStatic(
    app,
    config.webDist && fs.existsSync(path.join(config.webDist, 'index.html')) ? config.webDist : null,
  );
  await app.ready();
  return app;
}
