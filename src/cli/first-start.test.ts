/**
 * Issue 9, defects 7 and 8 through the real command line (`tsx src/cli/main.ts`, a process of its own):
 * - `dtma serve` on a data folder it cannot write ends with a message naming the path and the fix, exit code 1,
 *   no stack trace (as root, permissions do not stop writes: a file where the folder should be does, and so does
 *   a read-only bind mount where the test may mount one);
 * - `dtma user create-admin` takes DTMA_ADMIN_PASSWORD or generates a password and prints it once;
 * - `dtma serve` without --demo on an empty database creates no demo account and prints how to create the
 *   administrator.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = path.join(ROOT, 'src/cli/main.ts');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dtma-start-'));
  dirs.push(d);
  return d;
}

/** Runs `dtma …` in a process of its own (asynchronously: the test worker keeps answering). */
function dtma(
  args: string[],
  env: Record<string, string>,
  timeout = 90_000,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, ...args],
      { cwd: ROOT, env: { ...process.env, DTMA_LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', timeout },
      (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

describe('issue 9 defect 7: a data folder dtma cannot write', () => {
  it('a file where the data folder should be: the path and the fix, exit 1, no stack trace', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'data'), 'not a folder');
    const r = await dtma(['serve', '--port', '0'], {
      DATABASE_URL: path.join(dir, 'data', 'dtma.sqlite'),
      DTMA_EVIDENCE_DIR: path.join(dir, 'evidence'),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(path.join(dir, 'data'));
    expect(r.stderr).toMatch(/cannot write the database folder/);
    expect(r.stderr).toMatch(/fix: remove or rename the file in the way, or set DATABASE_URL/);
    expect(r.stderr).not.toMatch(/\n\s+at /);

    const ev = await dtma(['serve', '--port', '0'], {
      DATABASE_URL: path.join(dir, 'ok', 'dtma.sqlite'),
      DTMA_EVIDENCE_DIR: path.join(dir, 'data', 'evidence'),
    });
    expect(ev.status).toBe(1);
    expect(ev.stderr).toMatch(/cannot write the evidence folder: .*data\/evidence \(ENOTDIR/);
    expect(ev.stderr).toContain('DTMA_EVIDENCE_DIR');
    expect(ev.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('a read-only folder (chmod for a normal user, a read-only bind mount for root)', async (ctx) => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    fs.mkdirSync(data);
    let unmount = () => {};
    if (process.getuid?.() === 0) {
      try {
        execFileSync('mount', ['--bind', data, data], { stdio: 'ignore' });
        execFileSync('mount', ['-o', 'remount,ro,bind', data], { stdio: 'ignore' });
        unmount = () => execFileSync('umount', [data], { stdio: 'ignore' });
      } catch {
        ctx.skip(); // root without mount rights: nothing makes a folder read-only for it
      }
    } else fs.chmodSync(data, 0o555);
    try {
      const r = await dtma(['serve', '--port', '0'], {
        DATABASE_URL: path.join(data, 'dtma.sqlite'),
        DTMA_EVIDENCE_DIR: path.join(dir, 'evidence'),
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/数据目录不可写 \/ cannot write the database folder: .*data \((EROFS|EACCES)/);
      expect(r.stderr).toMatch(/fix: give the user running dtma .* write access/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      unmount();
      fs.chmodSync(data, 0o755);
    }
  }, 120_000);
});

describe('issue 9 defect 8: create-admin and the first start', () => {
  it('create-admin: DTMA_ADMIN_PASSWORD, the password rules, a generated password printed once', async () => {
    const dir = tempDir();
    const env = {
      DATABASE_URL: path.join(dir, 'dtma.sqlite'),
      DTMA_EVIDENCE_DIR: path.join(dir, 'evidence'),
    };
    const weak = await dtma(['user', 'create-admin', '--email', 'admin@example.org'], {
      ...env,
      DTMA_ADMIN_PASSWORD: 'password1234',
    });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/too easy to guess/);

    const given = await dtma(
      ['user', 'create-admin', '--email', 'admin@example.org', '--name', '平台管理员'],
      {
        ...env,
        DTMA_ADMIN_PASSWORD: 'Kupfer-Schmelze#2026!',
      },
    );
    expect(given.status, given.stderr).toBe(0);
    expect(given.stdout).toContain('platform administrator created: admin@example.org');
    expect(given.stdout).not.toContain('Kupfer-Schmelze#2026!');

    // No terminal, no variable: generated and printed once.
    const gen = await dtma(['user', 'create-admin', '--email', 'second@example.org'], env);
    expect(gen.status, gen.stderr).toBe(0);
    expect(gen.stdout).toMatch(/initial password \(shown once.*\): \S{20}\n/);

    const db = new Database(env.DATABASE_URL, { readonly: true });
    const rows = db.prepare('select email, roles, password_hash from users order by email').all() as {
      email: string;
      roles: string;
      password_hash: string;
    }[];
    db.close();
    expect(rows.map((r) => [r.email, JSON.parse(r.roles)])).toEqual([
      ['admin@example.org', ['platform_admin']],
      ['second@example.org', ['platform_admin']],
    ]);
    expect(rows.every((r) => r.password_hash.startsWith('$argon2id$'))).toBe(true);
  }, 120_000);

  it('serve without --demo on an empty database: no demo account, the create-admin hint', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'dtma.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--port', '0'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: file,
        DTMA_EVIDENCE_DIR: path.join(dir, 'evidence'),
        DTMA_LOG_LEVEL: 'silent',
      },
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start within 90 s: ${out}`)), 90_000);
        child.stdout.on('data', () => {
          if (out.includes('dtma serving')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(out).toContain('no platform administrator yet');
    expect(out).toContain('user create-admin --email');
    expect(out).not.toContain('dtma-demo-2025');
    const db = new Database(file, { readonly: true });
    expect((db.prepare('select count(*) as n from users').get() as { n: number }).n).toBe(0);
    db.close();
  }, 120_000);
});
