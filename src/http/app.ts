/**
 * The Fastify application: `buildApp({ db, storage, config })`.
 *
 * Thin: routes parse (JSON Schemas on body, params, query and response), check access (`src/access`), call
 * `src/process` / `src/scoring` / `src/store`, write the audit rows in the same transaction, respond.
 * Deny by default: every route under /api declares an access rule (`config.access`), or the app refuses to
 * start. Errors always have the shape `{ error: { code, message, field? } }`; bad input is never a 5xx.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { can } from '../access/can.js';
import { assessmentResource } from '../process/resource.js';
import { dialectOf } from '../store/dialect.js';
import type { EvidenceStorage } from '../store/files.js';
import { GroupCommitter } from '../store/group-commit.js';
import type { Db } from '../store/util.js';
import { authenticate, registerAuthRoutes } from './auth.js';
import type { Access, ApiRoute, AppConfig, Ctx } from './context.js';
import { readDocRaw } from './documents.js';
import { HttpError, toHttpError } from './errors.js';
import { registerAdminRoutes } from './routes-admin.js';
import { registerAssessmentRoutes } from './routes-assessments.js';
import { registerModelRoutes } from './routes-models.js';
import { registerWorkRoutes } from './routes-work.js';
import { registerStatic } from './static.js';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export function defaultConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    secureCookies: !(env.DTMA_INSECURE_COOKIES === '1' || env.NODE_ENV === 'development'),
    sessionTtlMs: 8 * 3600_000,
    sessionTouchMs: 60_000,
    loginRateLimit: { windowMs: 15 * 60_000, maxPerEmail: 5, maxPerIp: 50 },
    webDist: DEFAULT_WEB_DIST,
    trustProxy: env.DTMA_TRUST_PROXY === '1',
    logger: false,
    maxUploadBytes: 50 * 1024 * 1024,
    process: {},
    now: () => new Date(),
  };
}

export interface BuildAppOptions {
  db: Db;
  storage: EvidenceStorage;
  config?: Partial<AppConfig>;
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
  const config: AppConfig = { ...defaultConfig(), ...(options.config ?? {}) };
  const ctx: Ctx = {
    db: options.db,
    storage: options.storage,
    config,
    scoreWrites: dialectOf(options.db) === 'sqlite' ? new GroupCommitter(options.db) : null,
  };
  const app = Fastify({
    logger: config.logger,
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    maxParamLength: 500,
  });

  // Deny by default: an /api route without an access rule is a startup error. Every /api route is listed in
  // `app.apiRoutes` (the generated access test walks them all).
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.decorate('scoreWrites', ctx.scoreWrites);
  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (!url.startsWith('/api')) return;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(String);
    if (url === '/api/docs' || url.startsWith('/api/docs/')) {
      route.config = { ...(route.config ?? {}), access: { kind: 'public' } };
      for (const method of methods) apiRoutes.push({ method, url, access: { kind: 'public' } });
      return;
    }
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`route ${methods.join(',')} ${url} has no access rule (deny by default)`);
    for (const method of methods) apiRoutes.push({ method, url, access });
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 20, fieldSize: 100_000, parts: 25 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'dtma — 有色金属行业数字化转型成熟度评估平台 API',
        version: '0.1.0',
        description:
          'Session cookie from POST /api/auth/login; every state-changing request carries x-csrf-token. ' +
          'Errors: { error: { code, message, field?, current?, details? } }.',
      },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.setErrorHandler((error, request, reply) => {
    const http = toHttpError(error);
    if (http) {
      for (const [k, v] of Object.entries(http.extra.headers ?? {})) void reply.header(k, v);
      return reply.status(http.status).send(http.body());
    }
    request.log.error({ err: error }, 'internal error');
    if (!config.logger) console.error('[dtma http] internal error', request.method, request.url, error);
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal server error' } });
  });

  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const bad = findNul(value, part);
      if (bad)
        throw new HttpError(400, 'VALIDATION', `${bad}: NUL characters are not allowed`, { field: bad });
    }
  });

  // Authentication and CSRF before validation (a forged request learns nothing about the body's shape).
  app.addHook('preValidation', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!request.url.startsWith('/api') || request.is404) return;
    if (!access) throw new HttpError(403, 'FORBIDDEN', 'no access rule');
    if (access.kind === 'public') return;
    await authenticate(ctx, request, reply);
  });

  // The route's access rule on its resource, after the params are validated.
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (!request.url.startsWith('/api') || request.is404) return;
    if (!access) throw new HttpError(403, 'FORBIDDEN', 'no access rule');
    if (access.kind === 'public') return;
    if (!request.auth) throw new HttpError(401, 'UNAUTHENTICATED', 'login required');
    if (access.kind === 'assessment') {
      const id = (request.params as { id?: string }).id;
      if (typeof id !== 'string') throw new HttpError(403, 'FORBIDDEN', 'no assessment in the path');
      const doc = await readDocRaw(ctx.db, id);
      const actor = request.auth!.actor;
      if (!doc) throw new HttpError(404, 'NOT_FOUND', 'assessment not found');
      const resource = assessmentResource(doc.assessment);
      if (!can(actor, 'assessment.read', resource))
        throw new HttpError(404, 'NOT_FOUND', 'assessment not found');
      if (!can(actor, access.action, resource))
        throw new HttpError(
          403,
          'FORBIDDEN',
          `${access.action}: not allowed for this user on this assessment`,
        );
      request.doc = doc;
    }
  });

  registerAuthRoutes(app, ctx);
  registerModelRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerAssessmentRoutes(app, ctx);
  registerWorkRoutes(app, ctx);
  registerStatic(
    app,
    config.webDist && fs.existsSync(path.join(config.webDist, 'index.html')) ? config.webDist : null,
  );
  await app.ready();
  return app;
}
