/**
 * Backups. SQLite: online backup through better-sqlite3's `.backup()` (consistent while the server runs) and an
 * atomic restore. PostgreSQL: use pg_dump / pg_restore (or the provider's snapshots); these functions refuse.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { DtmaDatabase } from './db.js';
import { fsyncDir } from './files.js';
import { MIGRATION_TABLE, MIGRATIONS } from './migrations/index.js';

export const PG_BACKUP_MESSAGE =
  'PostgreSQL databases are backed up with pg_dump (e.g. `pg_dump -Fc "$DATABASE_URL" > dtma.dump`) and restored ' +
  'with pg_restore; dtma does not copy PostgreSQL databases itself.';

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes a consistent copy of the running SQLite database to `file` (via a temp file, fsynced, renamed), and
 * checks the copy. Returns the file's size and sha256.
 */
export async function backupSqlite(
  handle: DtmaDatabase,
  file: string,
): Promise<{ file: string; bytes: number; sha256: string }> {
  if (handle.dialect !== 'sqlite' || !handle.sqlite) throw new BackupError(PG_BACKUP_MESSAGE);
  const target = path.resolve(file);
  if (target === handle.location) throw new BackupError('backup target is the live database');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    await handle.sqlite.backup(tmp);
    // The copy is a rollback-journal database file on its own (no -wal needed).
    const check = new BetterSqlite3(tmp);
    try {
      check.pragma('journal_mode = DELETE');
    } finally {
      check.close();
    }
    validateDtmaFile(tmp);
    fsyncFile(tmp);
    fs.renameSync(tmp, target);
    await fsyncDir(path.dirname(target));
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  const bytes = fs.readFileSync(target);
  return {
    file: target,
    bytes: bytes.length,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
  };
}

/** Throws BackupError unless `file` is an intact SQLite dtma database whose migrations this build knows. */
export function validateDtmaFile(file: string): { migrations: string[] } {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist`);
  let conn: BetterSqlite3.Database;
  try {
    conn = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} is not an SQLite database: ${String(error)}`);
  }
  try {
    let integrity: unknown;
    try {
      integrity = conn.pragma('quick_check', { simple: true });
    } catch (error) {
      throw new BackupError(`${file} is not an SQLite database: ${String(error)}`);
    }
    if (integrity !== 'ok') throw new BackupError(`${file} failed the integrity check: ${String(integrity)}`);
    const table = conn
      .prepare(`select name from sqlite_master where type = 'table' and name = ?`)
      .get(MIGRATION_TABLE);
    if (!table) throw new BackupError(`${file} is not a dtma database (no ${MIGRATION_TABLE} table)`);
    const rows = conn.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as {
      name: string;
    }[];
    const known = new Set(Object.keys(MIGRATIONS.sqlite));
    const unknown = rows.map((r) => r.name).filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new BackupError(
        `${file} was written by a newer dtma (unknown migrations: ${unknown.join(', ')})`,
      );
    }
    if (rows.length === 0) throw new BackupError(`${file} is a dtma database with no migrations applied`);
    return { migrations: rows.map((r) => r.name) };
  } finally {
    conn.close();
  }
}

/**
 * Replaces the SQLite database `target` with the backup `file`, atomically (copy to a temp file beside the
 * target, fsync, rename over it). The server must be stopped (no open connection on `target`). The previous
 * database is kept as `<target>.before-restore-<timestamp>`; its path is returned.
 */
export async function restoreSqlite(file: string, target: string): Promise<{ previous: string | null }> {
  const source = path.resolve(file);
  const dest = path.resolve(target);
  if (source === dest) throw new BackupError('restore source and target are the same file');
  validateDtmaFile(source);
  fs.mkdirSync(path.dirname(dest), { recursive: true });

  let previous: string | null = null;
  if (fs.existsSync(dest)) {
    // Fold the target's WAL into it and make sure nobody has it open: a stale -wal would be replayed onto the
    // restored file.
    const conn = new BetterSqlite3(dest, { fileMustExist: true });
    try {
      conn.pragma('wal_checkpoint(TRUNCATE)');
      conn.pragma('journal_mode = DELETE');
    } catch (error) {
      throw new BackupError(`cannot take over ${dest}; stop the server first (${String(error)})`);
    } finally {
      conn.close();
    }
    for (const suffix of ['-wal', '-shm', '-journal']) {
      if (fs.existsSync(dest + suffix))
        throw new BackupError(`${dest}${suffix} still exists; stop the server first`);
    }
    previous = `${dest}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.copyFileSync(dest, previous);
    fsyncFile(previous);
  }
  const tmp = `${dest}.${crypto.randomBytes(4).toString('hex')}.restore`;
  try {
    fs.copyFileSync(source, tmp);
    fsyncFile(tmp);
    validateDtmaFile(tmp);
    fs.renameSync(tmp, dest);
    await fsyncDir(path.dirname(dest));
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  return { previous };
}

/** PostgreSQL has no built-in backup here: always throws with the pg_dump instructions. */
export function backupPostgres(): never {
  throw new BackupError(PG_BACKUP_MESSAGE);
}
