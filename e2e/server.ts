/**
 * Starts a real `dtma serve` (the compiled build: `node bin/dtma.js`, one process — the pid is the server) on a
 * fresh SQLite database with the demo data, for end-to-end tests. Needs `npm run build` (dist/ and web/dist).
 * Set DTMA_E2E_URL to test an already running server instead.
 *
 * The server is stopped by its own pid (SIGTERM, then SIGKILL after 15 s) and waited for; a server still running
 * when the test process exits is killed then, so no `dtma serve` outlives the tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'bin/dtma.js');
export const DEMO_PASSWORD = 'dtma-demo-2025';

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
  /** Stops the server process, keeping its database (a server down mid-work); `resume` starts it again. */
  pause: () => Promise<void>;
  resume: () => Promise<void>;
}

/** The newest modification time of the files under `dir` (recursively). */
function newest(dir: string, keep: (file: string) => boolean): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) max = Math.max(max, newest(p, keep));
    else if (keep(p)) max = Math.max(max, statSync(p).mtimeMs);
  }
  return max;
}

/** Throws unless the compiled CLI (and, with `web`, the web app) exist and are newer than their sources. */
export function assertBuilt({ web }: { web: boolean }): void {
  const main = join(ROOT, 'dist/cli/main.js');
  if (!existsSync(main)) throw new Error('dist/ missing: run npm run build');
  const source = newest(join(ROOT, 'src'), (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  if (source > statSync(main).mtimeMs)
    throw new Error('dist/ is older than src/: run npm run build (or npm run build:server)');
  if (web && !existsSync(join(ROOT, 'web/dist/index.html')))
    throw new Error('web/dist missing: run npm run build (or npm run web:build)');
}

/** A spawned `dtma serve`: the child is the server itself. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Everything the server printed so far. */
  output: () => { stdout: string; stderr: string };
  /** Resolves with the exit code (or the signal name) once the process is gone. */
  exited: Promise<number | string>;
  /** SIGTERM, wait for the exit (SIGKILL after `ms`); resolves with the exit code or signal. */
  stop: (ms?: number) => Promise<number | string>;
}

const running = new Set<ChildProcess>();

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/dtma.js …` and resolves when it exits. Asynchronous on purpose: a synchronous spawn blocks the test
 * worker's event loop for as long as the command runs (seeding the demo takes tens of seconds on a loaded machine),
 * and vitest's worker then misses its 60 s RPC deadline ("Timeout calling onTaskUpdate") although every test passed.
 */
export function runCli(
  args: string[],
  { env = process.env, cwd = ROOT, cli = CLI }: { env?: NodeJS.ProcessEnv; cwd?: string; cli?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error) => {
      running.delete(child);
      reject(error);
    });
    child.on('close', (code) => {
      running.delete(child);
      resolve({ status: code, stdout, stderr });
    });
  });
}
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Spawns `node bin/dtma.js serve` and resolves when it prints its address. */
export async function spawnServe(
  env: NodeJS.ProcessEnv,
  port = 0,
  { cwd = ROOT, timeoutMs = 60_000 }: { cwd?: string; timeoutMs?: number } = {},
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    env,
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dtma serve did not start in ${timeoutMs} ms: ${stdout} ${stderr}`));
    }, timeoutMs);
    const onData = () => {
      const m = /dtma serving (http:\/\/\S+)/.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`dtma serve exited (${code}) before listening: ${stderr || stdout}`));
    });
  });
  const stop = async (ms = 15_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    }
    return exited;
  };
  return { child, url, output: () => ({ stdout, stderr }), exited, stop };
}

/** The environment of a server (or CLI) whose SQLite database and evidence files live in `dir`. */
export function seedEnv(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: join(dir, 'dtma.sqlite'), DTMA_EVIDENCE_DIR: join(dir, 'evidence') };
}

/** DTMA_E2E_PORT: the port to use (an engineer's own range on a shared machine); else a random one. */
export async function startServer(
  port = Number(process.env.DTMA_E2E_PORT) || 18000 + Math.floor(Math.random() * 1000),
  extraEnv: Record<string, string> = {},
): Promise<RunningServer> {
  if (process.env.DTMA_E2E_URL) {
    const none = async () => {
      throw new Error('pause/resume need a server started by the test (DTMA_E2E_URL is set)');
    };
    return { url: process.env.DTMA_E2E_URL, stop: async () => {}, pause: none, resume: none };
  }
  assertBuilt({ web: true });
  // Imported here, not at the top: e2e/global-setup.ts imports this module outside a test worker.
  const { inject } = await import('vitest');
  const seed = inject('demoSeed');
  if (!seed) throw new Error('e2e/global-setup.ts did not seed the demo data');
  const dir = mkdtempSync(join(tmpdir(), 'dtma-e2e-'));
  const env = { ...seedEnv(dir), ...extraEnv };
  try {
    // A fresh copy of the demo database and its evidence files, seeded once for the run (e2e/global-setup.ts).
    cpSync(seed, dir, { recursive: true });
    let server = await spawnServe(env, port);
    return {
      url: server.url,
      stop: async () => {
        try {
          await server.stop();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
      pause: async () => {
        await server.stop();
      },
      resume: async () => {
        server = await spawnServe(env, port);
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
