/**
 * The life cycle of the compiled `dtma serve` as an operator sees it: one process (signals reach the server),
 * SIGTERM drains the request in flight and exits 0 with nothing left listening, SIGINT likewise, and killing the
 * process that was started leaves no server behind. Also: the built web app is served precompressed, and the
 * compiled CLI runs from any folder (or says how to build it).
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, CLI, runCli, spawnServe, type ServeProcess } from './server.js';

let dir: string;
let env: NodeJS.ProcessEnv;
const started: ServeProcess[] = [];

beforeAll(() => {
  assertBuilt({ web: true });
  dir = mkdtempSync(join(tmpdir(), 'dtma-serve-'));
  env = {
    ...process.env,
    DATABASE_URL: join(dir, 'dtma.sqlite'),
    DTMA_EVIDENCE_DIR: join(dir, 'evidence'),
    DTMA_INSECURE_COOKIES: '1',
    // Request logs on stdout: the test waits for the server to have received the request before it signals.
    DTMA_LOG: '1',
  };
});

afterAll(async () => {
  for (const s of started) await s.stop(2000);
  rmSync(dir, { recursive: true, force: true });
});

async function serve(): Promise<ServeProcess> {
  // From another folder: the CLI finds standard/, web/dist and its modules from the package, not the cwd.
  const s = await spawnServe(env, 0, { cwd: tmpdir() });
  started.push(s);
  return s;
}

const portOf = (url: string) => Number(new URL(url).port);

/** Whether something accepts TCP connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The pids of the children of `pid` (Linux /proc); [] when it has none. */
function childrenOf(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split(/\s+/).filter(Boolean).map(Number);
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

describe('dtma serve (compiled build)', () => {
  it('runs in one process: the pid started is the server, with no child process', async () => {
    const s = await serve();
    expect(childrenOf(s.child.pid!)).toEqual([]);
    expect((await get(`${s.url}/api/models`)).status).toBe(401);
    expect(await s.stop()).toBe(0);
  });

  it('on SIGTERM finishes the request in flight, refuses new connections, closes the database, exits 0', async () => {
    const s = await serve();
    const port = portOf(s.url);
    // A browser-like client: one keep-alive connection, already used once.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const first = await new Promise<number>((resolve, reject) =>
      http
        .get(`${s.url}/api/models`, { agent }, (res) =>
          res.resume().on('end', () => resolve(res.statusCode!)),
        )
        .on('error', reject),
    );
    expect(first).toBe(401);
    // A login whose body is sent in two parts: the server has the request (it logged it) but not its body yet.
    const body = JSON.stringify({ username: 'nobody@example.org', password: 'not-the-password' });
    const answer = new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        `${s.url}/api/auth/login`,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.flushHeaders();
      req.write(body.slice(0, 10));
      void until('the request log', () => s.output().stdout.includes('/api/auth/login'))
        .then(() => {
          s.child.kill('SIGTERM');
          return until('the stopping message', () => s.output().stderr.includes('SIGTERM: stopping'));
        })
        .then(async () => {
          // Stopping: the listening socket is closed, the request in flight is still being served.
          expect(await listening(port)).toBe(false);
          expect(s.child.exitCode).toBeNull();
          req.end(body.slice(10));
        })
        .catch(reject);
    });
    const reply = await answer;
    const answeredAt = Date.now();
    expect(reply.status).toBe(401); // the real answer of the route, not a reset or a 503
    expect(JSON.parse(reply.body.toString()).error.code).toBe('UNAUTHENTICATED');
    // The kept-alive connection is closed once idle: the server does not wait for the client or the grace period.
    expect(await s.exited).toBe(0);
    expect(Date.now() - answeredAt).toBeLessThan(5000);
    expect(s.output().stdout).toContain('dtma stopped');
    expect(await listening(port)).toBe(false);
    // The database was closed cleanly: SQLite removed its write-ahead log on the last close.
    expect(existsSync(join(dir, 'dtma.sqlite-wal'))).toBe(false);
    agent.destroy();
  });

  it('on SIGINT (Ctrl-C) stops the same way and exits 0', async () => {
    const s = await serve();
    s.child.kill('SIGINT');
    expect(await s.exited).toBe(0);
    expect(await listening(portOf(s.url))).toBe(false);
  });

  it('killing the process that was started (SIGKILL) leaves no server behind', async () => {
    const s = await serve();
    const port = portOf(s.url);
    expect(await listening(port)).toBe(true);
    s.child.kill('SIGKILL');
    expect(await s.exited).toBe('SIGKILL');
    expect(await listening(port)).toBe(false);
  });

  it('serves the built web app precompressed: brotli when accepted, identity otherwise', async () => {
    const s = await serve();
    const index = await get(`${s.url}/`, { 'accept-encoding': 'br' });
    expect(index.headers['cache-control']).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index.body.toString('utf8'))?.[1];
    expect(script).toBeDefined();
    const plain = await get(`${s.url}${script}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get(`${s.url}${script}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers['vary']).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(await s.stop()).toBe(0);
  });
});

describe('the compiled CLI (bin/dtma.js)', () => {
  const dtma = (args: string[], cwd = tmpdir(), cli = CLI) => runCli(args, { cwd, cli });

  it('works from any folder: standard/ and schemas/ are found from the package', async () => {
    const list = await dtma(['model', 'list', '--json']);
    expect(list.status).toBe(0);
    expect((JSON.parse(list.stdout) as { id: string }[]).map((m) => m.id)).toContain('nfm-dtmm-2024-draft');
    const file = join(dir, 'not-scores.json');
    writeFileSync(file, JSON.stringify({ scores: 'none' }));
    const score = await dtma(['score', '--industry', 'mining', file]);
    expect(score.status).toBe(1);
    expect(score.stderr).toContain('does not match the score input schema');
  });

  it('says how to build it when dist/ is missing', async () => {
    const copy = join(dir, 'unbuilt');
    mkdirSync(join(copy, 'bin'), { recursive: true });
    copyFileSync(CLI, join(copy, 'bin/dtma.js'));
    writeFileSync(join(copy, 'package.json'), JSON.stringify({ type: 'module' }));
    const r = await dtma(['model', 'list'], tmpdir(), join(copy, 'bin/dtma.js'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('npm run build');
  });
});
