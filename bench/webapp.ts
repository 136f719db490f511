/**
 * The web app's own figures (issue 12 targets), in headless Chromium against a real `dtma serve` with the demo:
 * - grade key → the row shows the new grade (optimistic; target ≤ 50 ms p95) and → the server confirms it
 *   (target ≤ 150 ms p95 on loopback), timed inside the page from the keydown to the DOM change;
 * - the login page's first load: compressed script bytes (target ≤ 250 KB);
 * - the scoring screen interactive after login (target ≤ 1.5 s): from the login click to the requirement with
 *   enabled grade buttons, fresh browser context each time (nothing cached).
 * Figures, not tests: BENCH=webapp npm run bench.
 */
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { goto, launch, loginAs, setBaseUrl } from '../e2e/helpers.js';
import { startServer } from '../e2e/server.js';

const GRADES = Number(process.env.BENCH_GRADES ?? 40);
const LOGINS = Number(process.env.BENCH_LOGINS ?? 5);

function q(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** In the page: times from each keydown to the unsaved count leaving 0 (row updated) and coming back (saved). */
const INSTRUMENT = `(() => {
  const w = window;
  w.__bench = { t0: 0, optimistic: [], confirmed: [], phase: 'idle' };
  const read = () => document.querySelector('[data-testid="unsaved-count"]')?.getAttribute('data-unsaved');
  window.addEventListener('keydown', () => { w.__bench.t0 = performance.now(); w.__bench.phase = 'wait'; }, true);
  new MutationObserver(() => {
    const b = w.__bench;
    const n = read();
    if (b.phase === 'wait' && n && n !== '0') { b.optimistic.push(performance.now() - b.t0); b.phase = 'sent'; }
    else if (b.phase === 'sent' && n === '0') { b.confirmed.push(performance.now() - b.t0); b.phase = 'idle'; }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-unsaved'] });
})()`;

async function currentGrade(page: Page): Promise<string | null> {
  const checked = page.locator(
    '[data-testid="requirement-detail"] label.ant-radio-button-wrapper-checked input',
  );
  return (await checked.count()) > 0 ? checked.getAttribute('value') : null;
}

export async function benchWebapp(): Promise<void> {
  console.log('\nWeb app (issue 12 targets) — Chromium against dtma serve with the demo data');
  const server = await startServer();
  setBaseUrl(server.url);
  const browser = await launch();
  try {
    // 1. Login page: script bytes, compressed as a server or proxy would send them.
    {
      const context = await browser.newContext();
      const page = await context.newPage();
      const scripts: string[] = [];
      page.on('response', (r) => {
        if (r.request().resourceType() === 'script') scripts.push(r.url());
      });
      await page.goto(`${server.url}/#/login`);
      await page.locator('input#username').waitFor();
      await page.waitForLoadState('networkidle');
      let raw = 0;
      let gz = 0;
      for (const url of scripts) {
        const body = Buffer.from(await (await fetch(url)).arrayBuffer());
        raw += body.length;
        gz += gzipSync(body, { level: 9 }).length;
      }
      console.log(
        `  login page first load: ${scripts.length} script(s), ${(gz / 1024).toFixed(1)} KB gzip ` +
          `(${(raw / 1024).toFixed(0)} KB raw) (target ≤ 250 KB)`,
      );
      await context.close();
    }

    // 2. Scoring screen interactive after login (fresh context each time).
    const ids = await (async () => {
      const { context, page } = await loginAs(browser, 'expert', { bypassCSP: true });
      const r = await page.evaluate(async () => {
        const list = (
          (await (await fetch('/api/assessments')).json()) as { items: { id: string; stage: string }[] }
        ).items;
        return Object.fromEntries(list.map((a) => [a.stage, a.id]));
      });
      await context.close();
      return r;
    })();
    const interactive: number[] = [];
    for (let i = 0; i < LOGINS; i++) {
      // bypassCSP: the harness evaluates its probes as strings (the app's CSP forbids eval).
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${server.url}/#/login`);
      await page.locator('input#username').fill('expert2@dtma.demo');
      await page.locator('input#password').fill('dtma-demo-2025');
      const t0 = Date.now();
      await page.locator('button[type=submit]').click();
      await page.getByTestId('logout').waitFor();
      await page.evaluate(`location.hash = '#/a/${ids.scoring}/score'`);
      await page.waitForFunction(
        '(() => { const i = document.querySelector(\'[data-testid="requirement-detail"] input[value="1"]\'); return !!i && !i.disabled; })()',
      );
      interactive.push(Date.now() - t0);
      await context.close();
    }
    console.log(
      `  scoring screen interactive after login: median ${ms(q(interactive, 0.5))}, p95 ${ms(q(interactive, 0.95))} ` +
        `over ${LOGINS} fresh logins (target ≤ 1500 ms)`,
    );

    // 3. Grade key → row (optimistic) and → server confirmation, on requirements that already have a rationale.
    const { page } = await loginAs(browser, 'expert', { bypassCSP: true });
    await goto(page, `/a/${ids.scoring}/score`);
    await page.getByTestId('requirement-detail').waitFor();
    await page.getByText(/^已评$/).click();
    await page.evaluate(INSTRUMENT);
    for (let i = 0; i < GRADES; i++) {
      const cur = await currentGrade(page);
      const key = cur === '1' ? '2' : '1';
      const before = await page.evaluate('window.__bench.confirmed.length');
      await page.locator('body').press(key);
      await page.waitForFunction(`window.__bench.confirmed.length > ${before as number}`, undefined, {
        timeout: 10_000,
      });
    }
    const b = (await page.evaluate('window.__bench')) as { optimistic: number[]; confirmed: number[] };
    console.log(
      `  grade key → row shows it (optimistic): median ${ms(q(b.optimistic, 0.5))}, p95 ${ms(q(b.optimistic, 0.95))} ` +
        `(target ≤ 50 ms), ${b.optimistic.length} grades`,
    );
    console.log(
      `  grade key → server confirmed: median ${ms(q(b.confirmed, 0.5))}, p95 ${ms(q(b.confirmed, 0.95))} ` +
        `(target ≤ 150 ms on loopback)`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}
