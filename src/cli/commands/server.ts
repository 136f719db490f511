/**
 * `dtma serve`, `dtma db migrate`, `dtma backup`, `dtma restore`, `dtma audit verify`.
 * The database is `DATABASE_URL` (postgres://… for PostgreSQL), default the SQLite file ./data/dtma.sqlite;
 * evidence files live in `DTMA_EVIDENCE_DIR` (default ./data/evidence).
 */
import { buildApp } from '../../http/app.js';
import { verifyAuditChain } from '../../store/audit.js';
import { backupSqlite, restoreSqlite, BackupError, PG_BACKUP_MESSAGE } from '../../store/backup.js';
import { openDatabase, resolveDatabaseUrl } from '../../store/db.js';
import { DEFAULT_EVIDENCE_DIR, FsEvidenceStorage } from '../../store/files.js';
import { migrateToLatest } from '../../store/migrations/index.js';

export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export interface ServeOptions {
  port: string;
  host: string;
}

export async function serve(options: ServeOptions, print: (t: string) => void): Promise<void> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CommandError(`invalid port ${options.port}`);
  const handle = await openDatabase({ migrate: true });
  const storage = new FsEvidenceStorage(process.env.DTMA_EVIDENCE_DIR ?? DEFAULT_EVIDENCE_DIR);
  const app = await buildApp({ db: handle.db, storage, config: { logger: process.env.DTMA_LOG === '1' } });
  const close = async () => {
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  const address = await app.listen({ port, host: options.host });
  print(
    `dtma serving ${address} (database: ${handle.dialect} ${handle.location}; API docs: ${address}/api/docs)`,
  );
}

export async function dbMigrate(print: (t: string) => void): Promise<void> {
  const handle = await openDatabase();
  try {
    const applied = await migrateToLatest(handle.db, handle.dialect);
    print(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
  } finally {
    await handle.close();
  }
}

export async function backup(file: string, print: (t: string) => void): Promise<void> {
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
  const handle = await openDatabase();
  try {
    const r = await verifyAuditChain(handle.db);
    if (!r.ok) throw new CommandError(`audit chain BROKEN at seq ${r.seq ?? '?'}: ${r.reason}`);
    print(`audit chain ok: ${r.count} rows, head hash ${r.headHash}`);
  } finally {
    await handle.close();
  }
}
