/**
 * Issues 11/12: the 生成报告 panel in Chromium against `dtma serve` (demo data, the job queue of the server): the
 * body renders the Word report of a published assessment and downloads it, then the PDF with its page preview;
 * the panel at 1440, 768 and 390 px (screenshots under tmp/screens/report-render to look at).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { goto, launch, loginAs, screenshot, setBaseUrl } from './helpers.js';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server.js';

const SHOTS = process.env.DTMA_E2E_REPORT_SHOTS ?? 'tmp/screens/report-render';
/** A port of this work's range (DTMA_E2E_PORT to choose another). */
const PORT = Number(process.env.DTMA_E2E_PORT ?? 4500 + Math.floor(Math.random() * 100));

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer(PORT);
  setBaseUrl(server.url);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** What the page functions read of the DOM (the e2e code has no DOM types). */
interface Doc {
  documentElement: { scrollWidth: number };
  querySelectorAll(selector: string): ArrayLike<{ complete: boolean; naturalWidth: number }>;
}

async function publishedId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const list = (
      (await (await fetch('/api/assessments?limit=100')).json()) as { items: { id: string; stage: string }[] }
    ).items;
    return list.find((a) => a.stage === 'published')!.id;
  });
}

async function noHorizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => (globalThis as unknown as { document: Doc }).document.documentElement.scrollWidth,
  );
}

describe('issues 11/12: the report a body signs — progress, preview, download', () => {
  it(
    'the body renders the Word report, downloads it, then previews the PDF pages (1440, 768, 390 px)',
    { timeout: 400_000 },
    async () => {
      const { context, page } = await loginAs(browser, 'body', {
        as: { username: 'body@dtma.demo', password: DEMO_PASSWORD },
      });
      try {
        const id = await publishedId(page);
        await goto(page, `/a/${id}/report`);
        const panel = page.getByTestId('render-panel');
        await panel.waitFor();
        await expect(panel.textContent()).resolves.toContain('生成报告');

        // Word: queued → rendering → done, then the download.
        await page.getByTestId('render-start').click();
        await page.getByTestId('render-steps').waitFor();
        const download = page.getByTestId('render-download');
        await download.waitFor({ timeout: 120_000 });
        await expect(panel.textContent()).resolves.toMatch(/文件大小：[\d.]+ KB/);
        await screenshot(page, `${SHOTS}/1440-docx-done.png`);
        const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
        expect(file.suggestedFilename()).toMatch(/\.docx$/);
        const bytes = readFileSync((await file.path())!);
        expect(bytes.subarray(0, 2).toString()).toBe('PK');
        expect(bytes.length).toBeGreaterThan(10_000);

        // The same report again: the kept file, at once.
        await page.getByTestId('render-start').click();
        await page.getByText('报告内容未变，直接使用已生成的文件').waitFor({ timeout: 30_000 });

        // PDF with the page preview: thumbnails with their page numbers.
        await panel.getByText('PDF 及页面预览').click();
        await page.getByTestId('render-start').click();
        const preview = page.getByTestId('render-preview');
        await preview.waitFor({ timeout: 240_000 });
        await page.getByAltText('第 1 页').waitFor();
        await page.waitForFunction(() => {
          const { document } = globalThis as unknown as { document: Doc };
          const images = Array.from(document.querySelectorAll('[data-testid=render-preview] img'));
          return images.every((img) => img.complete && img.naturalWidth > 0);
        });
        await expect(preview.textContent()).resolves.toMatch(/共 \d+ 页，以下为前 \d+ 页/);
        await screenshot(page, `${SHOTS}/1440-preview.png`, true);
        for (const width of [768, 390]) {
          await page.setViewportSize({ width, height: width < 500 ? 844 : 1024 });
          await page.waitForTimeout(300);
          expect(await noHorizontalOverflow(page), `${width} px`).toBeLessThanOrEqual(width);
          await panel.scrollIntoViewIfNeeded();
          await screenshot(page, `${SHOTS}/${width}-preview.png`, true);
        }
      } finally {
        await context.close();
      }
    },
  );

  it('English: the panel and its steps in English', { timeout: 200_000 }, async () => {
    const { context, page } = await loginAs(browser, 'body', {
      lang: 'en',
      viewport: { width: 390, height: 844 },
      as: { username: 'body@dtma.demo', password: DEMO_PASSWORD },
    });
    try {
      const id = await publishedId(page);
      await goto(page, `/a/${id}/report`);
      const panel = page.getByTestId('render-panel');
      await panel.waitFor();
      await page.getByTestId('render-start').click();
      await page.getByTestId('render-download').waitFor({ timeout: 120_000 });
      await expect(panel.textContent()).resolves.toContain('Download DOCX');
      await screenshot(page, `${SHOTS}/390-en-done.png`, true);
    } finally {
      await context.close();
    }
  });
});
