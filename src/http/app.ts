/**
 * The Fastify application: `buildApp({ services, config })`.
 *
 * Thin adapters over the use cases (src/service): each route is registered from its row of the contract
 * (src/contract — request validation, response serialisation, OpenAPI 3.1 at /api/docs), parses, calls one use
 * case, maps errors. Deny by default: every route under /api declares an access rule, or the app refuses to
 * start. Errors always have the shape `{ error: { code, message, field?, params?, … } }`; bad input is never a
 * 5xx.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
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
import { registerNotificationRoutes } from './routes/notifications.js';
import { registerPlanRoutes } from './routes/plans.js';
import { registerResultRoutes } from './routes/results.js';
import { HEALTH_PATHS, registerHealthRoutes } from './routes/health.js';
import { registerReportRenderRoutes } from './routes/report-renders.js';
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
  /** Where the JSON log lines go (default stdout; tests read them). */
  logStream?: NodeJS.WritableStream;
}

/**
 * Never in a log line: credentials and session material, wherever a log call or serializer might put them
 * (headers of requests and answers, request bodies, error objects carrying a body).
 */
export const LOG_REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["x-csrf-token"]',
  'body.password',
  'body.currentPassword',
  'body.newPassword',
  'body.token',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.token',
  '*.csrfToken',
];

const REQUEST_ID_RE = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * Whether the peer of a connection is a trusted proxy (then its X-Request-Id is kept): a hop count trusts the
 * nearest peer; a list trusts exactly those addresses / CIDRs.
 */
function proxyPeer(trust: HttpConfig['trustProxy']): (address: string | undefined) => boolean {
  if (trust === false) return () => false;
  if (trust === true || typeof trust === 'number') return () => trust !== 0;
  const list = new net.BlockList();
  for (const item of trust) {
    const [addr, bits] = item.split('/');
    const type = net.isIPv6(addr ?? '') ? 'ipv6' : 'ipv4';
    if (!addr || !net.isIP(addr)) continue;
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return (address) => {
    if (!address) return false;
    const plain = address.replace(/^::ffff:/, '');
    return net.isIPv4(plain) ? list.check(plain, 'ipv4') : net.isIPv6(plain) && list.check(plain, 'ipv6');
  };
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
  const fromProxy = proxyPeer(trust);
  const app = Fastify({
    // Structured JSON lines (pino): every line of a request carries its requestId.
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    // The request id: the trusted proxy's X-Request-Id (so the proxy's log and ours share it), else a new UUID.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_RE.test(given) && fromProxy(req.socket.remoteAddress)
        ? given
        : crypto.randomUUID();
    },
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
    if (!url.startsWith('/api') && !(HEALTH_PATHS as readonly string[]).includes(url)) return;
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
      // A full disk is the operator's business: logged as an error, answered 503 with a clear message.
      if (known.extra.params?.rule === 'disk_full') {
        request.log.error({ err: error }, 'disk full: the write was refused');
        if (config.logLevel === 'silent')
          console.error('[dtma http] disk full', request.method, request.url, String(error));
      }
      const body = errorBody(known);
      body.error.requestId = request.id;
      return reply.status(STATUS[known.code]).send(body);
    }
    request.log.error({ err: error }, 'internal error');
    if (config.logLevel === 'silent')
      console.error('[dtma http] internal error', request.method, request.url, error);
    return reply
      .status(500)
      .send({ error: { code: 'INTERNAL', message: 'internal server error', requestId: request.id } });
  });

  // Every answer names its request (support quotes it; the log lines carry the same id).
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
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

  registerHealthRoutes(app, ctx);
  registerAuthRoutes(app, ctx, config);
  registerModelRoutes(app);
  registerAdminRoutes(app, ctx);
  registerAssessmentRoutes(app, ctx);
  registerPlanRoutes(app, ctx);
  registerScoreRoutes(app, ctx);
  registerEvidenceRoutes(app, ctx);
  registerProcessRecordRoutes(app, ctx);
  registerResultRoutes(app, ctx);
  registerReportRenderRoutes(app, ctx);
  registerCertificateRoutes(app, ctx, config);
  registerComparisonRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
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
