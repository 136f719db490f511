/**
 * Browser benchmark: the live recompute of the self-assessment wizard in headless Chromium, for the largest
 * industry (smelting, 722 requirements). Starts a real `dtma serve` with the demo data (needs web/dist and
 * /usr/bin/chromium), switches the demo application to smelting, clicks grades and reads the times the web app
 * records around each recompute (`window.__dtmaRecomputeStats`), plus click → next frame.
 */
import { goto, launch, loginAs, setBaseUrl } from '../e2e/helpers.js';
import { startServer } from '../e2e/server.js';

const CLICKS = Number(process.env.BENCH_CLICKS ?? 40);

export async function benchBrowser(): Promise<void> {
  console.log(`\nWeb app — live recompute in Chromium, smelting (largest industry), ${CLICKS} score clicks`);
  const server = await startServer();
  setBaseUrl(server.url);
  const browser = await launch();
  try {
    const { page } = await loginAs(browser, 'enterprise');
    const id = await page.evaluate(async () => {
      const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
      const list = (
        (await (await fetch('/api/assessments')).json()) as {
          items: {
            id: string;
            stage: string;
            version: number;
          }[];
        }
      ).items;
      const a = list.find((x) => x.stage === 'application')!;
      const r = await fetch(`/api/assessments/${a.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ industry: 'smelting', expectedVersion: a.version }),
      });
      if (!r.ok) throw new Error(`switching to smelting: ${r.status} ${await r.text()}`);
      return a.id;
    });
    await goto(page, `/a/${id}/self`);
    await page.getByTestId('live-result').waitFor();
    const frames: number[] = [];
    for (let i = 0; i < CLICKS; i++) {
      const row = page.locator('[data-testid^="req-"]').nth(i % 10);
      const g = i % 2 === 0 ? '0.5' : '1';
      const t0 = Date.now();
      await row.locator(`label:has([data-testid="grade-${g}"])`).click();
      await page.evaluate(
        () =>
          new Promise((r) =>
            (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame(
              () => r(null),
            ),
          ),
      );
      frames.push(Date.now() - t0);
    }
    const stats = await page.evaluate(
      () =>
        (globalThis as { __dtmaRecomputeStats?: { count: number; totalMs: number; maxMs: number } })
          .__dtmaRecomputeStats,
    );
    if (!stats) throw new Error('the web app recorded no recompute');
    frames.sort((a, b) => a - b);
    const q = (p: number): number => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))]!;
    console.log(
      `  engine recompute in the browser: ${stats.count} recomputes, mean ${(stats.totalMs / stats.count).toFixed(2)} ms, ` +
        `max ${stats.maxMs.toFixed(2)} ms (target < 16 ms)`,
    );
    console.log(
      `  click → next frame (React + antd + recompute + save request): median ${q(0.5)} ms, p95 ${q(0.95)} ms`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}
