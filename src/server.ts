/**
 * The composition root: builds the use cases' context from a database and an evidence storage, and the HTTP
 * application over it. The CLI (`dtma serve`, `dtma seed-demo`), the tests and the benchmark start the platform
 * through here; nothing else wires the layers together.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from './http/app.js';
import type { HttpConfig } from './http/context.js';
import { createServiceContext, type ServiceOptions } from './service/context.js';
import { openDatabase } from './store/db.js';
import { FsEvidenceStorage, type EvidenceStorage } from './store/files.js';
import { loadConfig } from './config.js';
import type { Db } from './store/util.js';

/** Everything that can be configured: HTTP and the use cases' options. */
export type AppConfig = HttpConfig & ServiceOptions;

export interface CreateAppOptions {
  db: Db;
  storage: EvidenceStorage;
  config?: Partial<AppConfig>;
  extraRoutes?: BuildAppOptions['extraRoutes'];
}

const HTTP_KEYS = [
  'secureCookies',
  'webDist',
  'trustProxy',
  'logLevel',
  'publicUrl',
  'verifyRateLimit',
] as const;

/** The HTTP application on `db` and `storage`. */
export async function createApp(options: CreateAppOptions): Promise<FastifyInstance> {
  const http: Partial<HttpConfig> = {};
  const service: Partial<ServiceOptions> = {};
  for (const [k, v] of Object.entries(options.config ?? {})) {
    if ((HTTP_KEYS as readonly string[]).includes(k)) (http as Record<string, unknown>)[k] = v;
    else (service as Record<string, unknown>)[k] = v;
  }
  const services = createServiceContext({ db: options.db, storage: options.storage, options: service });
  return buildApp({
    services,
    config: http,
    ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}),
  });
}

export interface ServeOptions {
  /** Overrides of the configuration's port and host (the command line's --port / --host). */
  port?: number;
  host?: string;
  /** Printed once listening. */
  print: (text: string) => void;
}

/**
 * `dtma serve`: reads the configuration (src/config.ts), opens (and migrates) the database and the evidence
 * storage, listens, and on SIGINT / SIGTERM closes the server (in-flight requests finish) and the database.
 */
export async function serve(options: ServeOptions): Promise<void> {
  const config = loadConfig();
  const handle = await openDatabase({ url: config.databaseUrl, migrate: true });
  const storage = new FsEvidenceStorage(config.evidenceDir);
  const app = await createApp({
    db: handle.db,
    storage,
    config: {
      logLevel: config.logLevel,
      trustProxy: config.trustProxy,
      secureCookies: config.secureCookies,
      publicUrl: config.publicUrl ?? null,
    },
  });
  const close = async () => {
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  const address = await app.listen({ port: options.port ?? config.port, host: options.host ?? config.host });
  options.print(
    `dtma serving ${address} (database: ${handle.dialect} ${handle.location}; API docs: ${address}/api/docs)`,
  );
}
