/**
 * Issue 14 in the browser against a real server with the demo data: the mining enterprise's two published
 * assessments a year apart show the comparison; its certificate is verified at /verify/<code> without login; a
 * forged code is refused; its benchmark against the five peer enterprises is shown; the body's analytics draw.
 */
import { describe, expect, it } from 'vitest';
import { goto, loginAs, screenshot, serverAndBrowser } from './helpers.js';
import { DEMO_PASSWORD } from './server.js';

const live = serverAndBrowser();
const SHOTS = process.env.DTMA_E2E_SHOTS ?? 'tmp/screens/e2e';

describe('results over time (issue 14)', () => {
  it('the mining enterprise compares its two results, sees its benchmark, and its certificate verifies without login', async () => {
    const { context, page } = await loginAs(live.browser, 'enterprise', {
      as: { username: 'mining@dtma.demo', password: DEMO_PASSWORD },
    });
    const published = await page.evaluate(async () => {
      const list = (
        (await (await fetch('/api/assessments')).json()) as {
          items: {
            id: string;
            stage: string;
            createdAt: string;
          }[];
        }
      ).items;
      return list.filter((a) => a.stage === 'published').map((a) => a.id);
    });
    expect(published).toHaveLength(2);
    await goto(page, `/a/${published[0]}/outcomes`);
    const cmp = page.getByTestId('comparison');
    await cmp.locator('tbody tr').nth(1).waitFor();
    expect(await cmp.locator('.ant-table').first().locator('tbody tr').count()).toBe(2);
    await expect.poll(() => page.getByTestId('plan-steps').innerText()).toMatch(/已达到/);
    await page.getByTestId('benchmark-chart').waitFor();
    const number = (await page.getByTestId('certificate-number').innerText()).trim();
    expect(number).toMatch(/^DTMA-ZS-\d{4}-\d{6}$/);
    const link = page.getByRole('link', { name: '公开核验页面' });
    const href = await link.getAttribute('href');
    await screenshot(page, `${SHOTS}/outcomes.png`, true);
    await context.close();

    const anon = await live.browser.newContext({ locale: 'zh-CN' });
    const p = await anon.newPage();
    await p.goto(`${live.server.url}${href}`);
    await expect.poll(() => p.getByTestId('verify-state').innerText()).toBe('证书有效');
    await expect.poll(() => p.getByTestId('verify').innerText()).toContain('江西某铜矿业有限公司');
    await p.getByTestId('verify-number').fill(number);
    await p.getByTestId('verify-number').press('Enter');
    await p.getByText('证书编号与核验结果一致').waitFor();
    await screenshot(p, `${SHOTS}/verify.png`, true);
    await p.goto(`${live.server.url}/verify/ABCDEFGHJKMNPQRSTVWXYZ0123`);
    await expect.poll(() => p.getByTestId('verify-state').innerText()).toContain('未找到');
    await anon.close();
  });

  it('the body sees its analytics with charts', async () => {
    const { context, page } = await loginAs(live.browser, 'body');
    await goto(page, '/analytics');
    for (const id of ['analytics-levels', 'analytics-trend', 'analytics-domains'])
      await page.getByTestId(id).locator('svg').first().waitFor();
    await screenshot(page, `${SHOTS}/analytics.png`, true);
    await context.close();
  });
});
