/**
 * Issue 9, defect 7: a data folder `dtma` cannot write to (read-only mount, wrong owner, a file where a folder
 * should be, a full disk) stops the start with a message that names the path and the fix — never a stack trace.
 * Checked before the database is opened: the SQLite database's folder and file, and the evidence folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { resolveDatabaseUrl } from '../store/db.js';
import { OperatorError } from './operator.js';

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a file stands where a folder is needed',
  EEXIST: 'a file stands where a folder is needed',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  SQLITE_READONLY: 'the database file is read-only',
  SQLITE_CANTOPEN: 'the database file cannot be opened',
};

function fix(code: string | undefined, dir: string, variable: string): string {
  if (code === 'ENOSPC' || code === 'EDQUOT') return `free disk space on the device of ${dir}`;
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return `remove or rename the file in the way, or set ${variable} to another place`;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const owner = uid === undefined ? 'the user running dtma' : `the user running dtma (uid ${uid})`;
  return (
    `give ${owner} write access (e.g. \`chown -R ${uid ?? '<user>'} ${dir}\`, or mount it read-write), ` +
    `or set ${variable} to a writable folder`
  );
}

export function dataPathError(what: string, target: string, variable: string, error: unknown): OperatorError {
  const code = (error as { code?: string } | null)?.code;
  const why = (code && WHY[code]) ?? String((error as Error)?.message ?? error);
  const dir = fs.existsSync(target) && fs.statSync(target).isDirectory() ? target : path.dirname(target);
  return new OperatorError(
    `数据目录不可写 / cannot write ${what}: ${target} (${code ? `${code}: ` : ''}${why}).\n` +
      `  修复 / fix: ${fix(code, dir, variable)}.`,
  );
}

/** Creates `dir` if needed and proves it writable (a file created, synced and removed). */
function probeFolder(dir: string, what: string, variable: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.dtma-write-check-${process.pid}`);
    const fd = fs.openSync(probe, 'w');
    try {
      fs.writeSync(fd, 'ok');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
      fs.rmSync(probe, { force: true });
    }
  } catch (error) {
    throw dataPathError(what, dir, variable, error);
  }
}

/** The folders and files `dtma serve` writes to are writable; else OperatorError naming the path and the fix. */
export function checkDataPaths(config: Pick<Config, 'databaseUrl' | 'evidenceDir' | 'evidenceUrl'>): void {
  const { dialect, target } = resolveDatabaseUrl(config.databaseUrl);
  if (dialect === 'sqlite') {
    const file = path.resolve(target);
    probeFolder(path.dirname(file), 'the database folder', 'DATABASE_URL');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      if (!fs.existsSync(f)) continue;
      try {
        fs.closeSync(fs.openSync(f, 'r+'));
      } catch (error) {
        throw dataPathError('the database file', f, 'DATABASE_URL', error);
      }
    }
  }
  if (!config.evidenceUrl)
    probeFolder(path.resolve(config.evidenceDir), 'the evidence folder', 'DTMA_EVIDENCE_DIR');
}

/** An error of opening the database that is about its files (read-only, missing folder …), as OperatorError. */
export function databaseFileError(config: Pick<Config, 'databaseUrl'>, error: unknown): OperatorError | null {
  const code = (error as { code?: string } | null)?.code;
  if (!code || !(code in WHY)) return null;
  const { dialect, target } = resolveDatabaseUrl(config.databaseUrl);
  if (dialect !== 'sqlite') return null;
  return dataPathError('the database', path.resolve(target), 'DATABASE_URL', error);
}
