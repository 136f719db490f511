/**
 * Starts a real `dtma serve` on a fresh SQLite database with the demo data, for end-to-end tests.
 * Needs web/dist (npm run web:build). Set DTMA_E2E_URL to test an already running server instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEMO_PASSWORD = 'dtma-demo-2025';

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
  /** Stops the server process, keeping its database (a server down mid-work); `resume` starts it again. */
  pause: () => Promise<void>;
  resume: () => Promise<void>;
}

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/models`);
      if (r.status === 401 || r.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`server at ${url} did not start`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function startServer(port = 18000 + Math.floor(Math.random() * 1000)): Promise<RunningServer> {
  if (process.env.DTMA_E2E_URL) {
    const none = async () => {
      throw new Error('pause/resume need a server started by the test (DTMA_E2E_URL is set)');
    };
    return { url: process.env.DTMA_E2E_URL, stop: async () => {}, pause: none, resume: none };
  }
  if (!existsSync(join(ROOT, 'web/dist/index.html')))
    throw new Error('web/dist missing: run npm run web:build');
  const dir = mkdtempSync(join(tmpdir(), 'dtma-e2e-'));
  const env = {
    ...process.env,
    DATABASE_URL: join(dir, 'dtma.sqlite'),
    DTMA_EVIDENCE_DIR: join(dir, 'evidence'),
  };
  const cli = join(ROOT, 'bin/dtma.js');
  for (const args of [['db', 'migrate'], ['seed-demo']]) {
    const r = spawnSync(process.execPath, [cli, ...args], { env, cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`dtma ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  }
  // The server process itself (not bin/dtma.js, whose spawnSync child would outlive a signal to the launcher).
  const spawnServer = (): ChildProcess =>
    spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'src/cli/main.ts'),
        'serve',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
      ],
      { env, cwd: ROOT, stdio: 'ignore' },
    );
  let child = spawnServer();
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url, 60_000);
  const kill = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return {
    url,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
    pause: kill,
    resume: async () => {
      child = spawnServer();
      await waitFor(url, 60_000);
    },
  };
}
