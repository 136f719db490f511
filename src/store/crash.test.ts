import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from './audit.js';
import { openDatabase } from './db.js';
import { listExpertScores } from './repos/scores.js';
import { createTestDatabase, seedWorld, type TestDatabase } from '../testing/databases.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsxLoader = createRequire(import.meta.url).resolve('tsx');

describe('crash safety (SQLite)', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.destroy();
    t = undefined;
  });

  it(
    'every write acknowledged before kill -9 is in the file after reopening',
    { timeout: 60_000 },
    async () => {
      t = await createTestDatabase('sqlite');
      const w = await seedWorld(t.db);
      await t.close(); // the child owns the file now

      // `node --import tsx` runs the script in this very process, so SIGKILL hits the writer itself.
      const child = spawn(
        process.execPath,
        ['--import', tsxLoader, path.join(here, 'crash-writer.ts'), t.file!, w.assessmentId, w.expertIds[0]],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );

      // wait for the first acknowledged write, then let it run ~300 ms and kill it mid-flight
      const started = Date.now();
      while (!out.includes('\n')) {
        if (child.exitCode !== null) throw new Error(`writer exited early: ${err}`);
        if (Date.now() - started > 30_000) throw new Error(`writer did not start: ${err}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      // only complete lines are acknowledgements
      const acknowledged = out.split('\n').slice(0, -1).map(Number);
      expect(acknowledged.length).toBeGreaterThan(5);
      expect(acknowledged).toEqual(acknowledged.map((_, i) => i + 1));

      const reopened = await openDatabase({ url: `sqlite:${t.file}` });
      try {
        const stored = new Set(
          (await listExpertScores(reopened.db, { assessmentId: w.assessmentId })).map((s) =>
            Number(s.requirementId.split('.')[1]),
          ),
        );
        const missing = acknowledged.filter((i) => !stored.has(i));
        expect(missing).toEqual([]);
        // at most the one write in flight at the kill may be there without an acknowledgement
        expect(stored.size - acknowledged.length).toBeLessThanOrEqual(1);
        expect(await verifyAuditChain(reopened.db)).toMatchObject({ ok: true });
      } finally {
        await reopened.close();
      }
    },
  );
});
