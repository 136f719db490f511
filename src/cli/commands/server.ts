/**
 * `dtma serve`, `dtma db migrate`, `dtma backup`, `dtma restore`, `dtma audit verify`.
 * The database is `DATABASE_URL` (postgres://… for PostgreSQL), default the SQLite file ./data/dtma.sqlite;
 * evidence files live in `DTMA_EVIDENCE_DIR` (default ./data/evidence).
 */
import type { FastifyInstance } from 'fastify';
import type { DtmaDatabase } from '../../store/db.js';

// The store and the HTTP layer are imported inside the commands: `dtma model list` and `dtma score` (which load
// this module for CommandError) must not pay for Fastify, Kysely and the database drivers.
const store = {
  audit: () => import('../../store/audit.js'),
  backup: () => import('../../store/backup.js'),
  db: () => import('../../store/db.js'),
  files: () => import('../../store/files.js'),
  migrations: () => import('../../store/migrations/index.js'),
};

export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export interface ServeOptions {
  port: string;
  host: string;
  /** Seconds in-flight requests get to finish after SIGTERM/SIGINT (default 10). */
  shutdownGrace?: string;
}

/** What `serve` returns: the address, and `stop` (what SIGTERM/SIGINT run) for callers in this process. */
export interface RunningServer {
  address: string;
  /** Stops accepting connections, drains in-flight requests (at most the grace period), closes the database. */
  stop: () => Promise<{ drained: boolean }>;
}

/**
 * `dtma serve`: migrates, listens, and on SIGTERM or SIGINT shuts down gracefully — the listening socket is
 * closed at once (new connections are refused), requests already in flight finish, keep-alive connections are
 * closed as soon as they are idle (a request arriving on one meanwhile gets 503 with `connection: close`), then
 * the database is closed and the process exits 0. After the grace period the remaining connections are cut and the
 * exit code is 1; a second signal cuts them at once.
 */
export async function serve(options: ServeOptions, print: (t: string) => void): Promise<RunningServer> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CommandError(`invalid port ${options.port}`);
  const graceSeconds = Number(options.shutdownGrace ?? '10');
  if (!Number.isFinite(graceSeconds) || graceSeconds < 0)
    throw new CommandError(`invalid --shutdown-grace ${options.shutdownGrace}`);
  const [{ buildApp }, { openDatabase }, { DEFAULT_EVIDENCE_DIR, FsEvidenceStorage }] = await Promise.all([
    import('../../http/app.js'),
    store.db(),
    store.files(),
  ]);
  const handle = await openDatabase({ migrate: true });
  let app: FastifyInstance;
  let address: string;
  try {
    const storage = new FsEvidenceStorage(process.env.DTMA_EVIDENCE_DIR ?? DEFAULT_EVIDENCE_DIR);
    app = await buildApp({ db: handle.db, storage, config: { logger: process.env.DTMA_LOG === '1' } });
    try {
      address = await app.listen({ port, host: options.host });
    } catch (error) {
      await app.close();
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'EADDRINUSE') throw new CommandError(`${options.host}:${port} is already in use`);
      if (e.code === 'EACCES') throw new CommandError(`no permission to listen on ${options.host}:${port}`);
      throw error;
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  const stop = shutdown(app, handle, graceSeconds * 1000);
  stopOnSignals(app, stop, graceSeconds, print);
  print(
    `dtma serving ${address} (database: ${handle.dialect} ${handle.location}; API docs: ${address}/api/docs)`,
  );
  return { address, stop };
}

/** SIGTERM/SIGINT stop the server and end the process; a second signal cuts the open connections at once. */
function stopOnSignals(
  app: FastifyInstance,
  stop: RunningServer['stop'],
  graceSeconds: number,
  print: (t: string) => void,
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
      `dtma: ${signal}: stopping — no new connections, in-flight requests finish (at most ${graceSeconds} s)\n`,
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

function shutdown(app: FastifyInstance, handle: DtmaDatabase, graceMs: number): RunningServer['stop'] {
  let done: Promise<{ drained: boolean }> | undefined;
  return () =>
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
        await handle.close();
      }
      return { drained };
    })());
}

export async function dbMigrate(print: (t: string) => void): Promise<void> {
  const [{ openDatabase }, { migrateToLatest }] = await Promise.all([store.db(), store.migrations()]);
  const handle = await openDatabase();
  try {
    const applied = await migrateToLatest(handle.db, handle.dialect);
    print(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
  } finally {
    await handle.close();
  }
}

export async function backup(file: string, print: (t: string) => void): Promise<void> {
  const [{ openDatabase, resolveDatabaseUrl }, { backupSqlite, BackupError, PG_BACKUP_MESSAGE }] =
    await Promise.all([store.db(), store.backup()]);
  if (resolveDatabaseUrl().dialect === 'postgres') throw new CommandError(PG_BACKUP_MESSAGE);
  const handle = await openDatabase();
  try {
    const r = await backupSqlite(handle, file);
    print(`backup written: ${r.file} (${r.bytes} bytes, sha256 ${r.sha256})`);
  } catch (error) {
    if (error instanceof BackupError) throw new CommandError(error.message);
    throw error;
  } finally {
    await handle.close();
  }
}

export async function restore(file: string, print: (t: string) => void): Promise<void> {
  const [{ resolveDatabaseUrl }, { restoreSqlite, BackupError, PG_BACKUP_MESSAGE }] = await Promise.all([
    store.db(),
    store.backup(),
  ]);
  const { dialect, target } = resolveDatabaseUrl();
  if (dialect === 'postgres') throw new CommandError(PG_BACKUP_MESSAGE);
  try {
    const r = await restoreSqlite(file, target);
    print(`restored ${file} into ${target}${r.previous ? ` (previous database kept as ${r.previous})` : ''}`);
  } catch (error) {
    if (error instanceof BackupError) throw new CommandError(error.message);
    throw error;
  }
}

export async function auditVerify(print: (t: string) => void): Promise<void> {
  const [{ openDatabase }, { verifyAuditChain }] = await Promise.all([store.db(), store.audit()]);
  const handle = await openDatabase();
  try {
    const r = await verifyAuditChain(handle.db);
    if (!r.ok) throw new CommandError(`audit chain BROKEN at seq ${r.seq ?? '?'}: ${r.reason}`);
    print(`audit chain ok: ${r.count} rows, head hash ${r.headHash}`);
  } finally {
    await handle.close();
  }
}
