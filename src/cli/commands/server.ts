/**
 * `dtma serve`, `dtma db migrate`, `dtma backup`, `dtma restore`, `dtma audit verify`.
 * The database is `DATABASE_URL` (postgres://… for PostgreSQL), default the SQLite file ./data/dtma.sqlite;
 * evidence files live in `DTMA_EVIDENCE_DIR` (default ./data/evidence).
 */
import { serve as serveApp } from '../../server.js';
import {
  backupDatabase,
  migrateDatabase,
  OperatorError,
  restoreDatabase,
  verifyAudit,
} from '../../service/operator.js';

export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export interface ServeOptions {
  port?: string;
  host?: string;
}

export async function serve(options: ServeOptions, print: (t: string) => void): Promise<void> {
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && (!/^[0-9]+$/.test(options.port!) || port > 65535))
    throw new CommandError(`--port: "${options.port}" is not a port number 0–65535`);
  await serveApp({
    ...(port !== undefined ? { port } : {}),
    ...(options.host ? { host: options.host } : {}),
    print,
  });
}

/** Runs an operator use case; its problems become command errors (printed, exit 1). */
async function operator<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof OperatorError) throw new CommandError(error.message);
    throw error;
  }
}

export async function dbMigrate(print: (t: string) => void): Promise<void> {
  const applied = await operator(migrateDatabase);
  print(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
}

export async function backup(file: string, print: (t: string) => void): Promise<void> {
  const r = await operator(() => backupDatabase(file));
  print(`backup written: ${r.file} (${r.bytes} bytes, sha256 ${r.sha256})`);
}

export async function restore(file: string, print: (t: string) => void): Promise<void> {
  const r = await operator(() => restoreDatabase(file));
  print(`restored ${file} into ${r.target}${r.previous ? ` (previous database kept as ${r.previous})` : ''}`);
}

export async function auditVerify(print: (t: string) => void): Promise<void> {
  const r = await operator(verifyAudit);
  if (!r.ok) throw new CommandError(`audit chain BROKEN at seq ${r.seq ?? '?'}: ${r.reason}`);
  print(`audit chain ok: ${r.count} rows, head hash ${r.headHash}`);
}
