/**
 * Operations figures (printed, never asserted):
 *
 * BENCH=cli — start-up of the compiled CLI: CPU time (user + sys) of `dtma model list` (node bin/dtma.js, run from
 * another folder) beside `node -e 0`, and their ratio (target ≤ 4×). CPU time of the finished children as the
 * kernel counts it (/proc/self/stat cutime + cstime), so other load on the machine changes it little; the wall
 * time (median) is shown beside it. Needs `npm run build`.
 *
 * BENCH=login — first load of the login page in headless Chromium (empty cache) against a real compiled
 * `dtma serve` with web/dist: bytes transferred (headers + bodies, Chromium's encodedDataLength) as served —
 * brotli — and with `accept-encoding: identity`, which is what the server sent before it served the
 * precompressed copies (target ≤ 250 KB compressed). Needs `npm run build` and /usr/bin/chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../e2e/helpers.js';
import { assertBuilt, CLI, spawnServe } from '../e2e/server.js';

const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 20);

/** CPU seconds (user + sys) of this process's waited-for children so far; undefined without /proc. */
function childrenCpuSeconds(): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3; cutime and cstime are 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[16 - 3]) + Number(fields[17 - 3]);
  const clk = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return ticks / clk;
}

function measure(args: string[], cwd: string): { cpuMs: number | undefined; wallMs: number } {
  // One run first (file system cache), not counted.
  spawnSync(process.execPath, args, { cwd, stdio: 'ignore' });
  const walls: number[] = [];
  const before = childrenCpuSeconds();
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    walls.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`);
  }
  const after = childrenCpuSeconds();
  walls.sort((a, b) => a - b);
  return {
    cpuMs: before === undefined || after === undefined ? undefined : ((after - before) * 1000) / RUNS,
    wallMs: walls[Math.floor(walls.length / 2)]!,
  };
}

export function benchCliStart(): void {
  console.log(`\nCLI start — ${RUNS} runs each, from ${tmpdir()} (not the repository)`);
  assertBuilt({ web: false });
  const cwd = tmpdir();
  const node = measure(['-e', '0'], cwd);
  const dtma = measure([CLI, 'model', 'list'], cwd);
  const fmt = (m: { cpuMs: number | undefined; wallMs: number }) =>
    `CPU ${m.cpuMs === undefined ? '?' : m.cpuMs.toFixed(0)} ms, wall median ${m.wallMs.toFixed(0)} ms`;
  console.log(`  node -e 0:             ${fmt(node)}`);
  console.log(`  dtma model list:       ${fmt(dtma)}`);
  if (node.cpuMs && dtma.cpuMs)
    console.log(`  ratio (CPU):           ${(dtma.cpuMs / node.cpuMs).toFixed(1)}× (target ≤ 4×)`);
}

interface PageLoad {
  bytes: number;
  requests: { url: string; bytes: number; encoding: string }[];
}

async function loadLoginPage(url: string, acceptEncoding?: string): Promise<PageLoad> {
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (acceptEncoding)
      await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': acceptEncoding } });
    const seen = new Map<string, { url: string; encoding: string }>();
    const load: PageLoad = { bytes: 0, requests: [] };
    cdp.on('Network.responseReceived', (e) => {
      const headers = e.response.headers as Record<string, string>;
      const encoding =
        Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] ?? 'identity';
      seen.set(e.requestId, { url: e.response.url, encoding });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = seen.get(e.requestId);
      if (!r) return;
      load.bytes += e.encodedDataLength;
      load.requests.push({ url: r.url.replace(url, ''), bytes: e.encodedDataLength, encoding: r.encoding });
    });
    await page.goto(`${url}/#/login`, { waitUntil: 'networkidle' });
    await page.locator('input#password').waitFor();
    return load;
  } finally {
    await browser.close();
  }
}

export async function benchLoginPage(): Promise<void> {
  console.log('\nWeb app — first load of the login page in Chromium (empty cache), bytes transferred');
  assertBuilt({ web: true });
  const dir = mkdtempSync(join(tmpdir(), 'dtma-bench-login-'));
  const server = await spawnServe({
    ...process.env,
    DATABASE_URL: join(dir, 'dtma.sqlite'),
    DTMA_EVIDENCE_DIR: join(dir, 'evidence'),
  });
  try {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const compressed = await loadLoginPage(server.url);
    const identity = await loadLoginPage(server.url, 'identity');
    console.log(`  as served (brotli):            ${kb(compressed.bytes)} (target ≤ 250 KB)`);
    for (const r of compressed.requests)
      console.log(`    ${kb(r.bytes).padStart(9)}  ${r.encoding.padEnd(8)}  ${r.url}`);
    console.log(`  uncompressed (as before):      ${kb(identity.bytes)}`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
