import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fillDate, goto, lastRecomputeMs, loginAs, screenshot, serverAndBrowser } from './helpers.js';
import { DEMO_PASSWORD } from './server.js';

const live = serverAndBrowser();
const SHOTS = process.env.DTMA_E2E_SHOTS ?? 'tmp/screens/e2e';

/** Assessment id by stage, as the logged-in user sees the list. */
async function idsByStage(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const list = (
      (await (await fetch('/api/assessments')).json()) as { items: { id: string; stage: string }[] }
    ).items;
    return Object.fromEntries(list.map((a) => [a.stage, a.id]));
  });
}

describe('web app against the real server', () => {
  it('enterprise: self-assessment recomputes live in the browser and resumes after reload', async () => {
    const { context, page } = await loginAs(live.browser, 'enterprise');
    const ids = await idsByStage(page);
    expect(ids.application).toBeDefined();
    await goto(page, `/a/${ids.application}/self`);
    await page.getByTestId('live-result').waitFor();
    const before = await page.getByTestId('live-result').innerText();
    // Six requirements: each gets a grade different from its current one, so every click is a change.
    const grades: string[] = [];
    for (let i = 0; i < 6; i++) {
      const row = page.locator('[data-testid^="req-"]').nth(i);
      const checked = row.locator('label.ant-radio-button-wrapper-checked input');
      const current = (await checked.count()) > 0 ? await checked.getAttribute('value') : null;
      const g = current === '1' ? '0.5' : '1';
      await row.locator(`label:has([data-testid="grade-${g}"])`).click();
      grades.push(g);
    }
    await page.waitForLoadState('networkidle');
    const stats = await page.evaluate(
      () => (globalThis as { __dtmaRecomputeStats?: { count: number; maxMs: number } }).__dtmaRecomputeStats,
    );
    // Every click recomputed in the browser; how fast (target < 16 ms) is a figure of `npm run bench`.
    expect(stats?.count).toBeGreaterThanOrEqual(grades.length);
    expect(await lastRecomputeMs(page)).toBeTypeOf('number');
    expect(await page.getByTestId('live-result').innerText()).not.toBe(before);
    await screenshot(page, `${SHOTS}/self.png`);
    // Saved on the server: a reload shows the same answers.
    await page.reload();
    await page.getByTestId('live-result').waitFor();
    for (const [i, g] of grades.entries()) {
      const row = page.locator('[data-testid^="req-"]').nth(i);
      await expect
        .poll(() => row.locator(`label:has([data-testid="grade-${g}"])`).getAttribute('class'))
        .toContain('ant-radio-button-wrapper-checked');
    }
    await context.close();
  });

  it('expert: keyboard scoring needs a rationale, saves, and a concurrent write shows a conflict', async () => {
    const a = await loginAs(live.browser, 'expert');
    const b = await loginAs(live.browser, 'expert');
    const ids = await idsByStage(a.page);
    expect(ids.scoring).toBeDefined();
    for (const s of [a, b]) {
      await goto(s.page, `/a/${ids.scoring}/score`);
      await s.page.getByTestId('requirement-detail').waitFor();
      await s.page.getByText(/^未评$/).click();
    }
    const progress = () => a.page.getByTestId('expert-progress').innerText();
    const start = await progress();
    // 2 = 大部分满足; without a rationale it waits, Enter in the rationale saves and moves on.
    await a.page.locator('body').press('2');
    await expect
      .poll(() => a.page.getByTestId('rationale').evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true);
    expect(await progress()).toBe(start);
    await a.page.keyboard.type('现场查看了系统演示');
    await a.page.keyboard.press('Enter');
    await expect.poll(progress).not.toBe(start);
    await screenshot(a.page, `${SHOTS}/expert.png`);
    // The second window still believes the requirement is unscored: its write gets 409 and shows both values.
    await b.page.locator('body').press('4');
    await b.page.keyboard.type('证据不足');
    await b.page.keyboard.press('Enter');
    await b.page.getByTestId('conflict-theirs').waitFor();
    await screenshot(b.page, `${SHOTS}/conflict.png`);
    await b.page.getByTestId('conflict-theirs').click();
    await a.context.close();
    await b.context.close();
  });

  it('body: team rules are shown, results drill down to the requirements', async () => {
    const { context, page } = await loginAs(live.browser, 'body');
    const ids = await idsByStage(page);
    await goto(page, `/a/${ids.planning}/team`);
    const rules = page.getByTestId('team-rules');
    await rules.waitFor();
    await expect.poll(() => rules.locator('.anticon-check-circle').count()).toBeGreaterThanOrEqual(10);
    await goto(page, `/a/${ids.published}/result`);
    await page.getByTestId('result-total').click();
    const drawer = page.locator('.ant-drawer');
    await drawer.locator('tbody tr').first().waitFor();
    await drawer.locator('tbody tr').nth(1).click(); // S2
    await drawer.locator('tbody tr').first().click(); // first domain
    await drawer.locator('tbody tr').first().click(); // first sub-domain
    await expect.poll(() => drawer.innerText()).toMatch(/C = /);
    await screenshot(page, `${SHOTS}/drill.png`);
    await context.close();
  });

  it('English switch translates the shell', async () => {
    const { context, page } = await loginAs(live.browser, 'body', { lang: 'en' });
    await expect.poll(() => page.locator('header').innerText()).toContain('Sign out');
    await context.close();
  });

  it('leader writes the pre-assessment plan; the enterprise confirms it', async () => {
    const { context, page } = await loginAs(live.browser, 'leader');
    const ids = await idsByStage(page);
    await goto(page, `/a/${ids.planning}/plans`);
    await page.locator('textarea#purpose').fill('核实企业数字化转型现状，确认正式评估范围');
    await page.locator('input[id="tasks_0"]').fill('查阅规划文件与制度');
    await page.getByLabel('文件与评审记录').check();
    await page.getByLabel('信息系统演示').check();
    await fillDate(page, 'input#startDate', '2026-12-01');
    await fillDate(page, 'input#endDate', '2026-12-02');
    await page.getByTestId('plan-add-schedule').click();
    await fillDate(page, 'input[id="schedule_0_date"]', '2026-12-01');
    await page.locator('input[id="schedule_0_activity"]').fill('首次会议与文件审查');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(/版本 1 待受评估方确认/).waitFor();
    await context.close();

    const ent = await loginAs(live.browser, 'enterprise', {
      as: { username: 'processing@dtma.demo', password: DEMO_PASSWORD },
    });
    await goto(ent.page, `/a/${ids.planning}/plans`);
    await ent.page.getByRole('button', { name: '确认计划' }).click();
    await ent.page.locator('.ant-popconfirm .ant-btn-primary').click();
    await ent.page.getByText(/受评估方已于/).waitFor();
    await screenshot(ent.page, `${SHOTS}/plan-confirmed.png`);
    await ent.context.close();
  });
});
