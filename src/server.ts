/**
 * The composition root: builds the use cases' context from a database and an evidence storage, and the HTTP
 * application over it. The CLI (`dtma serve`, `dtma seed-demo`), the tests and the benchmark start the platform
 * through here; nothing else wires the layers together.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from './http/app.js';
import type { HttpConfig } from './http/context.js';
import { createJobQueue } from './jobs/index.js';
import type { JobQueue } from './jobs/types.js';
import { createServiceContext, type ServiceOptions } from './service/context.js';
import { checkDataPaths, databaseFileError } from './service/data-paths.js';
import { markJobsStopped, startJobs } from './service/jobs.js';
import { prepareFirstStart } from './service/setup.js';
import { openDatabase } from './store/db.js';
import { configureDocCache } from './store/repos/documents.js';
import type { EvidenceStorage } from './store/files.js';
import { openEvidenceStorage } from './store/evidence-storage.js';
import { loadConfig } from './config.js';
import type { Db } from './store/util.js';

/** Everything that can be configured: HTTP and the use cases' options. */
export type AppConfig = HttpConfig & ServiceOptions;

export interface CreateAppOptions {
  db: Db;
  storage: EvidenceStorage;
  /** The background job queue (started by `startJobs`); none by default. */
  jobs?: JobQueue | null;
  config?: Partial<AppConfig>;
  extraRoutes?: BuildAppOptions['extraRoutes'];
  /** Where the JSON log lines go (default stdout). */
  logStream?: NodeJS.WritableStream;
}

const HTTP_KEYS = [
  'secureCookies',
  'webDist',
  'trustProxy',
  'logLevel',
  'apiDocs',
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
  const services = createServiceContext({
    db: options.db,
    storage: options.storage,
    options: service,
    jobs: options.jobs ?? null,
  });
  return buildApp({
    services,
    config: http,
    ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
    // Report rendering keeps worker threads and a warm LibreOffice; they end with the app.
    onClose: async () => {
      const [{ closeRenderPool }, { shutdownLibreOffice }] = await Promise.all([
        import('./reports/render-pool.js'),
        import('./reports/pdf.js'),
      ]);
      await closeRenderPool();
      await shutdownLibreOffice();
    },
  });
}

export interface ServeOptions {
  /** Overrides of the configuration's port and host (the command line's --port / --host). */
  port?: number;
  host?: string;
  /** Printed once listening, and once stopped. */
  print: (text: string) => void;
  /** How long requests in flight may take to finish after a stop was asked for (default 10 s). */
  shutdownGraceMs?: number;
  /** SIGTERM / SIGINT stop the server and end the process (default true). */
  exitOnSignal?: boolean;
  /** `--demo`: seed the demo data (documented passwords) on an empty database. Never without it. */
  demo?: boolean;
}

/** A listening server: its address, and `stop` (what SIGTERM / SIGINT run). */
export interface RunningServer {
  address: string;
  /** Stops accepting connections, drains requests in flight (at most the grace period), closes the database. */
  stop: () => Promise<{ drained: boolean }>;
}

/**
 * `dtma serve`: reads the configuration (src/config.ts), opens (and migrates) the database and the evidence
 * storage, and listens. On SIGTERM or SIGINT it stops gracefully: the listening socket is closed at once (new
 * connections are refused), requests in flight finish, keep-alive connections are closed as soon as they are
 * idle (a request arriving on one meanwhile gets 503 with `connection: close`), the database is closed, and the
 * process exits 0. After the grace period the remaining connections are cut and the exit code is 1; a second
 * signal cuts them at once.
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const config = loadConfig();
  configureDocCache(config.docCache);
  // A read-only or misplaced data folder stops the start here, with the path and the fix (OperatorError).
  checkDataPaths(config);
  let handle: Awaited<ReturnType<typeof openDatabase>>;
  try {
    handle = await openDatabase({ url: config.databaseUrl, migrate: true });
  } catch (error) {
    throw databaseFileError(config, error) ?? error;
  }
  let app: FastifyInstance;
  let address: string;
  let jobs: JobQueue | undefined;
  try {
    const storage = openEvidenceStorage(config);
    // Uploads a killed process left half-written (the hourly evidence_sweep job repeats this).
    await storage.cleanTemp();
    // Demo data only with --demo; without a platform administrator, how to create one.
    await prepareFirstStart(handle.db, storage, { demo: options.demo ?? false, print: options.print });
    jobs = await createJobQueue({ db: handle.db, databaseUrl: config.databaseUrl });
    app = await createApp({
      db: handle.db,
      storage,
      jobs,
      config: {
        logLevel: config.logLevel,
        trustProxy: config.trustProxy,
        secureCookies: config.secureCookies,
        publicUrl: config.publicUrl ?? null,
        apiDocs: config.apiDocs,
        maxUploadBytes: config.maxUploadBytes,
        evidenceQuota: config.evidenceQuota,
        mail: config.mail ? { ...config.mail, publicUrl: config.publicUrl ?? null } : null,
      },
    });
    try {
      await startJobs(app.services);
      address = await app.listen({ port: options.port ?? config.port, host: options.host ?? config.host });
    } catch (error) {
      await app.close();
      await jobs.stop();
      throw error;
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  const graceMs = options.shutdownGraceMs ?? 10_000;
  const running = jobs;
  const stop = stopper(
    app,
    async () => {
      // Background jobs finish (or are left for another instance to retry) before the database closes.
      markJobsStopped(app.services);
      await running.stop({ timeoutMs: graceMs });
      await handle.close();
    },
    graceMs,
  );
  if (options.exitOnSignal ?? true) stopOnSignals(app, stop, graceMs, options.print);
  options.print(
    `dtma serving ${address} (database: ${handle.dialect} ${handle.location}; API docs: ${address}/api/docs)`,
  );
  return { address, stop };
}

/** SIGTERM/SIGINT stop the server and end the process; a second signal cuts the open connections at once. */
function stopOnSignals(
  app: FastifyInstance,
  stop: RunningServer['stop'],
  graceMs: number,
  print: (text: string) => void,
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`dtma: ${signal} again: closing the open connections now\n`);
      app.server.closeAllConnections();
      return;
    }
    stopping = true;
    process.stderr.write(
      `dtma: ${signal}: stopping — no new connections, in-flight requests finish (at most ${graceMs / 1000} s)\n`,
    );
    stop().then(
      ({ drained }) => {
        print(drained ? 'dtma stopped' : 'dtma stopped (grace period over: open connections were cut)');
        process.exit(drained ? 0 : 1);
      },
      (error: unknown) => {
        process.stderr.write(`dtma: error while stopping: ${(error as Error).stack ?? String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function stopper(app: FastifyInstance, closeDatabase: () => Promise<void>, graceMs: number) {
  let done: Promise<{ drained: boolean }> | undefined;
  return (): Promise<{ drained: boolean }> =>
    (done ??= (async () => {
      let drained = true;
      const timer = setTimeout(() => {
        drained = false;
        app.server.closeAllConnections();
      }, graceMs);
      // A keep-alive connection whose last response was sent would otherwise stay open until the client closes
      // it or it times out (72 s): close connections as soon as they are idle.
      const idle = setInterval(() => app.server.closeIdleConnections(), 100);
      try {
        // Fastify closes the listening socket and the idle connections, answers 503 to new requests on open
        // ones, runs the onClose hooks, and resolves when the last connection has ended.
        await app.close();
      } finally {
        clearTimeout(timer);
        clearInterval(idle);
        await closeDatabase();
      }
      return { drained };
    })());
}
