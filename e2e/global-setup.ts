/**
 * Seeds the demo data once for the whole e2e run (`dtma db migrate` + `dtma seed-demo` through the compiled CLI, tens
 * of seconds), into a folder every `startServer` copies: each test file still starts on its own fresh copy of the
 * same database and evidence files, without paying the seeding again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { assertBuilt, runCli, seedEnv } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder holding the seeded `dtma.sqlite` and `evidence/`; empty when DTMA_E2E_URL names a server. */
    demoSeed: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.DTMA_E2E_URL) {
    project.provide('demoSeed', '');
    return () => {};
  }
  assertBuilt({ web: true });
  const dir = mkdtempSync(join(tmpdir(), 'dtma-e2e-seed-'));
  try {
    for (const args of [['db', 'migrate'], ['seed-demo']]) {
      const r = await runCli(args, { env: seedEnv(dir) });
      if (r.status !== 0) throw new Error(`dtma ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  project.provide('demoSeed', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
