/**
 * Crash test of the real server: `dtma serve` (node --import tsx src/cli/main.ts serve --port 0) as a child
 * process on an SQLite file, 16 concurrent score-writing streams (7 logged-in experts, each (expert,
 * requirement) pair owned by one stream), `kill -9` after ~1 s of writes, restart on the same file, read back
 * through the API: every write acknowledged with a 2xx is there with its acknowledged value and version (or,
 * for the one write per stream that was in flight at the kill, the in-flight one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SCORE_VALUES, type ScoreValue } from '../process/types.js';
import { createTestDatabase, type TestDatabase } from '../testing/databases.js';
import { driveTo, makeWorld } from '../testing/http-world.js';
import { openDatabase, verifyAuditChain } from '../testing/store.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsxLoader = createRequire(import.meta.url).resolve('tsx');
const STREAMS = 16;

function startServer(
  t: TestDatabase,
): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown> }> {
  // `node --import tsx` runs the CLI in this very process, so SIGKILL hits the server itself.
  const child = spawn(process.execPath, ['--import', tsxLoader, 'src/cli/main.ts', 'serve', '--port', '0'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${t.file}`,
      DTMA_EVIDENCE_DIR: path.join(t.workDir, 'evidence'),
      DTMA_INSECURE_COOKIES: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out} ${err}`)), 30_000);
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /dtma serving (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, exited });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${err}`));
    });
  });
}

interface Reply {
  status: number;
  body: string;
}

function request(
  agent: http.Agent,
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Reply> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...headers,
          ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('crash safety of the HTTP server (SQLite, kill -9)', () => {
  let t: TestDatabase | undefined;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await t?.destroy();
    t = undefined;
  });

  it(
    'every score write answered 2xx before kill -9 is stored with its value and version after restart',
    { timeout: 120_000 },
    async () => {
      t = await createTestDatabase('sqlite');
      const w = await makeWorld(t);
      const d = await driveTo(w, 'scoring', t);
      await w.app.close();
      await t.close(); // the server owns the file now

      const experts = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'].map((k) => d.clients[k]!);
      type Key = string; // expertIndex/requirementId
      const acked = new Map<Key, { value: ScoreValue; version: number }>();
      const inFlight = new Map<Key, { value: ScoreValue; version: number }>();

      const first = await startServer(t);
      children.push(first.child);
      const agent = new http.Agent({ keepAlive: true, maxSockets: STREAMS });
      let stop = false;
      let errors = 0;
      const streams = Array.from({ length: STREAMS }, async (_, k) => {
        const e = k % experts.length;
        const client = experts[e]!;
        const rids = d.requirementIds.filter((_r, j) => j % STREAMS === k);
        const headers = { cookie: client.cookie, 'x-csrf-token': client.csrf };
        for (let n = 0; !stop; n++) {
          const rid = rids[n % rids.length]!;
          const key = `${e}/${rid}`;
          const version = acked.get(key)?.version ?? 0;
          const value = SCORE_VALUES[(n + k) % SCORE_VALUES.length]!;
          inFlight.set(key, { value, version: version + 1 });
          let r: Reply;
          try {
            r = await request(
              agent,
              `${first.url}/api/assessments/${d.id}/scores/mine/${encodeURIComponent(rid)}`,
              'PUT',
              headers,
              { value, note: `stream ${k} write ${n}`, expectedVersion: version },
            );
          } catch {
            return; // the connection died with the server
          }
          if (r.status === 200) {
            const got = JSON.parse(r.body) as { value: ScoreValue; version: number };
            expect(got).toMatchObject({ value, version: version + 1 });
            acked.set(key, { value, version: version + 1 });
            inFlight.delete(key);
          } else {
            errors++;
            inFlight.delete(key);
          }
        }
      });
      // Kill -9 mid-flight once enough writes were acknowledged (a count, not a time: the machine may be slow).
      const ackedWrites = () => [...acked.values()].reduce((s, a) => s + a.version, 0);
      const t0 = Date.now();
      while (ackedWrites() <= 80 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 5));
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');
      stop = true;
      await Promise.all(streams);
      agent.destroy();
      expect(ackedWrites(), 'acknowledged writes').toBeGreaterThan(80);
      expect(errors, 'non-2xx answers before the kill').toBe(0);

      // Restart on the same file and read every expert's sheet back through the API.
      const second = await startServer(t);
      children.push(second.child);
      const agent2 = new http.Agent({ keepAlive: true });
      const problems: string[] = [];
      let inFlightFound = 0;
      for (const [e, client] of experts.entries()) {
        const r = await request(agent2, `${second.url}/api/assessments/${d.id}/scores/mine`, 'GET', {
          cookie: client.cookie,
        });
        expect(r.status, r.body).toBe(200);
        const stored = (JSON.parse(r.body) as { scores: Record<string, { value: string; version: number }> })
          .scores;
        for (const rid of d.requirementIds) {
          const key = `${e}/${rid}`;
          const want = acked.get(key);
          const pending = inFlight.get(key);
          const got = stored[rid];
          if (want && !got) problems.push(`${key}: acknowledged v${want.version} missing`);
          else if (got && want && got.version === want.version && got.value !== want.value)
            problems.push(`${key}: v${got.version} is ${got.value}, acknowledged ${want.value}`);
          else if (got && (!want || got.version !== want.version)) {
            // Only the write in flight at the kill may be stored without an acknowledgement.
            if (pending && got.version === pending.version && got.value === pending.value) inFlightFound++;
            else
              problems.push(
                `${key}: stored v${got.version} ${got.value}, acknowledged ${want ? `v${want.version}` : 'nothing'}`,
              );
          }
        }
      }
      agent2.destroy();
      expect(problems).toEqual([]);
      expect(inFlightFound).toBeLessThanOrEqual(STREAMS);
      second.child.kill('SIGKILL');
      await second.exited;

      const reopened = await openDatabase({ url: `sqlite:${t.file}` });
      try {
        expect(await verifyAuditChain(reopened.db)).toMatchObject({ ok: true });
      } finally {
        await reopened.close();
      }
    },
  );
});
