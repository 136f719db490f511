/**
 * `dtma serve`, `dtma db migrate`, `dtma backup`, `dtma restore`, `dtma audit verify`.
 * The database is `DATABASE_URL` (postgres://… for PostgreSQL), default the SQLite file ./data/dtma.sqlite;
 * evidence files live in `DTMA_EVIDENCE_DIR` (default ./data/evidence).
 */

// The composition root and the operator use cases are imported inside the commands: `dtma model list` and
// `dtma score` (which load this module for CommandError) must not pay for Fastify, Kysely and the database drivers.
const composition = () => import('../../server.js');
const operatorUseCases = () => import('../../service/operator.js');

export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export interface ServeOptions {
  port?: string;
  host?: string;
  /** Seconds in-flight requests get to finish after SIGTERM/SIGINT (default 10). */
  shutdownGrace?: string;
}

/** `dtma serve`: listens until SIGTERM/SIGINT, then stops gracefully and exits (see serve in src/server.ts). */
export async function serve(options: ServeOptions, print: (t: string) => void): Promise<void> {
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && (!/^[0-9]+$/.test(options.port!) || port > 65535))
    throw new CommandError(`--port: "${options.port}" is not a port number 0–65535`);
  const graceSeconds = Number(options.shutdownGrace ?? '10');
  if (!/^[0-9]+(\.[0-9]+)?$/.test(options.shutdownGrace ?? '10'))
    throw new CommandError(`--shutdown-grace: "${options.shutdownGrace}" is not a number of seconds`);
  const { serve: serveApp } = await composition();
  try {
    await serveApp({
      ...(port !== undefined ? { port } : {}),
      ...(options.host ? { host: options.host } : {}),
      print,
      shutdownGraceMs: graceSeconds * 1000,
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { address?: string; port?: number };
    const where = e.address !== undefined ? `${e.address}:${e.port}` : 'the address';
    if (e.code === 'EADDRINUSE') throw new CommandError(`${where} is already in use`);
    if (e.code === 'EACCES') throw new CommandError(`no permission to listen on ${where}`);
    throw error;
  }
}

/** Runs an operator use case; its problems become command errors (printed, exit 1). */
async function operator<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof (await operatorUseCases()).OperatorError) throw new CommandError(error.message);
    throw error;
  }
}

export async function dbMigrate(print: (t: string) => void): Promise<void> {
  const { migrateDatabase } = await operatorUseCases();
  const applied = await operator(migrateDatabase);
  print(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
}

export async function backup(file: string, print: (t: string) => void): Promise<void> {
  const { backupDatabase } = await operatorUseCases();
  const r = await operator(() => backupDatabase(file));
  print(`backup written: ${r.file} (${r.bytes} bytes, sha256 ${r.sha256})`);
}

export async function restore(file: string, print: (t: string) => void): Promise<void> {
  const { restoreDatabase } = await operatorUseCases();
  const r = await operator(() => restoreDatabase(file));
  print(`restored ${file} into ${r.target}${r.previous ? ` (previous database kept as ${r.previous})` : ''}`);
}

export async function auditVerify(print: (t: string) => void): Promise<void> {
  const { verifyAudit } = await operatorUseCases();
  const r = await operator(verifyAudit);
  if (!r.ok) throw new CommandError(`audit chain BROKEN at seq ${r.seq ?? '?'}: ${r.reason}`);
  print(`audit chain ok: ${r.count} rows, head hash ${r.headHash}`);
}
