/**
 * The web app people work in all day (issue 12), against a real `dtma serve` in Chromium:
 * - no lost grade: the server is stopped mid-scoring, the expert keeps scoring, reloads, the server comes back —
 *   every grade arrives;
 * - the administration screens (organisations, users, expert pool, audit log with verification), their lists
 *   paged, searched and filtered by the server (issue 10), at 1440 and 390 px;
 * - accessibility: axe-core finds no critical or serious violation on the main screens;
 * - tablets and phones: no horizontal overflow at 768 and 390 px, 退出 reachable.
 * Screenshots: tmp/screens/webapp/.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { goto, loginAs, screenshot, serverAndBrowser } from './helpers.js';
import { DEMO_PASSWORD } from './server.js';

const SHOTS = process.env.DTMA_E2E_WEBAPP_SHOTS ?? 'tmp/screens/webapp';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const live = serverAndBrowser();

const as = (username: string, viewport?: { width: number; height: number }, bypassCSP = false) =>
  loginAs(live.browser, 'body', {
    as: { username, password: DEMO_PASSWORD },
    ...(viewport ? { viewport } : {}),
    bypassCSP,
  });

/** A search box of a list (the test id is on the input or around it). */
function searchBox(page: Page, id: string) {
  return page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
}

/** The range and total the table's pager shows ("第 a–b 条，共 N 条"). */
function pagerText(page: Page): Promise<string> {
  return page.locator('.ant-pagination-total-text').first().innerText();
}

async function idsByStage(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const list = (
      (await (await fetch('/api/assessments')).json()) as { items: { id: string; stage: string }[] }
    ).items;
    return Object.fromEntries(list.map((a) => [a.stage, a.id]));
  });
}

/** The service worker controls the page (so a reload without the server still shows the app). */
async function swReady(page: Page): Promise<void> {
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  // Requests made before the worker took control were not seen by it: load once more through it.
  await page.reload();
  await page.waitForFunction('navigator.serviceWorker.controller !== null');
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function axe(page: Page, name: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const r = await (
      globalThis as unknown as { axe: { run: (o?: unknown) => Promise<{ violations: AxeViolation[] }> } }
    ).axe.run();
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })),
    }));
  });
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map(
      (v) =>
        `${name}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

describe('issue 12: the web app people work in all day', () => {
  it('no lost grade: server stopped mid-scoring, scoring goes on, reload, server back — every grade arrives', async () => {
    const { context, page } = await as('expert3@dtma.demo');
    const ids = await idsByStage(page);
    const id = ids.scoring!;
    await goto(page, `/a/${id}/score`);
    await page.getByTestId('requirement-detail').waitFor();
    await swReady(page);
    await page.getByTestId('requirement-detail').waitFor();
    await page.getByText(/^未评$/).click();
    const unsaved = page.getByTestId('unsaved-count');
    await expect.poll(() => unsaved.getAttribute('data-unsaved')).toBe('0');

    // One grade while the server is up.
    const given: { id: string; value: string; note: string }[] = [];
    const detail = page.getByTestId('requirement-detail');
    const grade = async (key: string, value: string, note: string) => {
      const rid = (await detail.getAttribute('data-requirement'))!;
      await page.locator('body').press(key);
      await page.getByTestId('rationale').fill(note);
      await page.getByTestId('rationale').press('Enter');
      // Saved (at least on the device) and moved on to the next unscored requirement.
      await expect.poll(() => detail.getAttribute('data-requirement')).not.toBe(rid);
      given.push({ id: rid, value, note });
    };
    await grade('1', '1', '现场核验：规划文件齐全');
    await expect.poll(() => unsaved.getAttribute('data-unsaved')).toBe('0');

    // The server goes down: grades go on, the row shows them at once, the count grows, the banner says so.
    await live.server.pause();
    try {
      await grade('2', '0.8', '断网期间打分：MES 覆盖主要产线');
      await grade('3', '0.5', '断网期间打分：仅部分车间上线');
      await grade('4', '0', '断网期间打分：未见证据');
      await expect.poll(() => unsaved.getAttribute('data-unsaved')).toBe('3');
      await page.getByTestId('offline-banner').waitFor();
      await screenshot(page, `${SHOTS}/offline-scoring.png`);

      // A reload while the server is down: the app comes from the service worker, the grades from IndexedDB.
      await page.reload();
      await page.getByTestId('requirement-detail').waitFor();
      await expect.poll(() => page.getByTestId('unsaved-count').getAttribute('data-unsaved')).toBe('3');
      await screenshot(page, `${SHOTS}/offline-after-reload.png`);
    } finally {
      // The server is back: every grade arrives, nothing is left unsaved.
      await live.server.resume();
    }
    await expect
      .poll(() => page.getByTestId('unsaved-count').getAttribute('data-unsaved'), { timeout: 60_000 })
      .toBe('0');
    const sheet = await page.evaluate(async (aid) => {
      const r = await fetch(`/api/assessments/${aid}/scores/mine`);
      return (await r.json()) as { scores: Record<string, { value: string; rationale: string }> };
    }, id);
    for (const g of given) {
      expect(sheet.scores[g.id], g.id).toMatchObject({ value: g.value, rationale: g.note });
    }
    await expect.poll(() => page.getByTestId('offline-banner').count()).toBe(0);
    await context.close();
  }, 180_000);

  it('administration: organisations, users and roles, expert pool, audit log with verification', async () => {
    const { context, page } = await as('platform@dtma.demo');
    await page.getByText('平台概况').first().waitFor();
    await screenshot(page, `${SHOTS}/admin-home.png`);
    // An organisation.
    await goto(page, '/admin/orgs');
    await page.getByTestId('org-new').click();
    const dialog = page.locator('.ant-modal-content');
    await dialog.locator('input#name').fill('湖南某锌冶炼有限公司');
    // Its profile (4.6.4): sub-sector and size from the lists, region and ownership edited afterwards.
    await dialog.locator('#profile_subSector').click();
    await page.keyboard.type('铅锌');
    await page.keyboard.press('Enter');
    await dialog.locator('#profile_size').click();
    await page.keyboard.type('中型');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: /新\s*建/ }).click();
    // The list is searched by the server (name or credit code).
    await searchBox(page, 'orgs-search').fill('湖南某锌');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    await expect.poll(() => pagerText(page)).toBe('第 1–1 条，共 1 条');
    const orgRow = page.locator('.ant-table-row', { hasText: '湖南某锌冶炼有限公司' });
    await orgRow.filter({ hasText: '铅锌' }).waitFor();
    await orgRow.getByTestId('org-edit-profile').click();
    await dialog.locator('#region').click();
    await page.keyboard.type('湖南');
    await page.keyboard.press('Enter');
    await dialog.locator('#ownership').click();
    await page.keyboard.type('民营');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await orgRow.filter({ hasText: '湖南省' }).filter({ hasText: '民营' }).waitFor();
    // A user of that enterprise.
    await goto(page, '/admin/users');
    await page.getByTestId('user-new').click();
    await dialog.locator('input#username').fill('zinc@dtma.demo');
    await dialog.locator('input#displayName').fill('何锌');
    await dialog.locator('input#password').first().fill('Kq7#zinc-smelter-2026');
    // The organisation picker searches the server (not the first page of the list).
    await dialog.locator('#organisationId').click();
    await page.keyboard.type('湖南某锌');
    await page.locator('.ant-select-item-option', { hasText: '湖南某锌冶炼有限公司' }).click();
    await dialog.getByLabel('评估专家').uncheck();
    await dialog.getByLabel('企业用户').check();
    await dialog.getByRole('button', { name: /新\s*建/ }).click();
    await expect.poll(() => pagerText(page)).toMatch(/^第 1–\d+ 条，共 \d+ 条$/);
    await searchBox(page, 'users-search').fill('ZINC@');
    const row = page.locator('.ant-table-row', { hasText: 'zinc@dtma.demo' });
    await row.waitFor();
    await expect.poll(() => pagerText(page)).toBe('第 1–1 条，共 1 条');
    expect(await row.innerText()).toContain('湖南某锌冶炼有限公司');
    // A one-time reset link; the user sets a new password with it and signs in.
    await row.getByRole('button', { name: /重置密码/ }).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    const link = (await page.getByTestId('reset-link').innerText()).trim();
    expect(link).toMatch(/\/reset-password#token=/);
    await screenshot(page, `${SHOTS}/admin-users.png`);
    await page.locator('.ant-modal-footer .ant-btn').last().click();
    {
      const context = await live.browser.newContext();
      const p = await context.newPage();
      await p.goto(link);
      await p.locator('input#newPassword').fill('Vb3$zinc-reset-2026');
      await p.locator('input#againPassword').fill('Vb3$zinc-reset-2026');
      await p.locator('button[type=submit]').click();
      await p.getByTestId('reset-done').waitFor();
      await context.close();
    }
    const zinc = await loginAs(live.browser, 'enterprise', {
      as: { username: 'zinc@dtma.demo', password: 'Vb3$zinc-reset-2026' },
    });
    await zinc.context.close();
    // The expert pool with training and workload.
    await goto(page, '/admin/experts');
    await page.locator('.ant-table-row', { hasText: '王立新' }).waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(8);
    await screenshot(page, `${SHOTS}/admin-experts.png`);
    // The audit log, a page after a seq, its total, and its verification.
    await goto(page, '/admin/audit');
    await page.locator('.ant-table-row').first().waitFor();
    const auditRange = () => page.getByTestId('cursor-pager').locator('.ant-typography').innerText();
    await expect.poll(auditRange).toMatch(/^第 1–50 条，共 \d+ 条$/);
    const logTotal = Number(/共 (\d+) 条/.exec(await auditRange())![1]);
    await page
      .getByTestId('cursor-pager')
      .getByRole('button', { name: /下一页/ })
      .click();
    await expect.poll(auditRange).toBe(`第 51–100 条，共 ${logTotal} 条`);
    await page
      .getByTestId('cursor-pager')
      .getByRole('button', { name: /上一页/ })
      .click();
    await expect.poll(auditRange).toBe(`第 1–50 条，共 ${logTotal} 条`);
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verification').innerText()).toMatch(/哈希链完整/);
    await screenshot(page, `${SHOTS}/admin-audit.png`);
    await context.close();

    // A body admin manages its own body's users; an expert has no administration.
    const body = await as('body@dtma.demo');
    await goto(body.page, '/admin/users');
    await body.page.locator('.ant-table-row').first().waitFor();
    const usernames = await body.page.locator('.ant-table-row td:nth-child(2)').allInnerTexts();
    expect(usernames.every((u) => u.startsWith('body') || u.startsWith('expert'))).toBe(true);
    await body.context.close();
  }, 120_000);

  it('accessibility: no critical or serious axe violation on the main screens', async () => {
    const failures: string[] = [];
    const loginContext = await live.browser.newContext({ bypassCSP: true });
    const login = await loginContext.newPage();
    await login.goto(`${live.server.url}/#/login`);
    await login.locator('input#username').waitFor();
    failures.push(...(await axe(login, 'login')));
    await loginContext.close();
    const visits: [string, (ids: Record<string, string>) => string, string][] = [
      ['processing2@dtma.demo', () => '/', 'home (enterprise)'],
      ['processing2@dtma.demo', (ids) => `/a/${ids.application}/self`, 'self-assessment'],
      ['expert2@dtma.demo', (ids) => `/a/${ids.scoring}/score`, 'scoring'],
      ['expert1@dtma.demo', (ids) => `/a/${ids.published}/consensus`, 'consensus'],
      ['expert1@dtma.demo', (ids) => `/a/${ids.published}/result`, 'results'],
      ['body@dtma.demo', () => '/', 'home (body)'],
      ['platform@dtma.demo', () => '/admin/users', 'admin users'],
      ['platform@dtma.demo', () => '/admin/experts', 'admin experts'],
    ];
    for (const [user, path, name] of visits) {
      const { context, page } = await as(user, undefined, true);
      const ids = await idsByStage(page);
      await goto(page, path(ids));
      await page.waitForTimeout(500);
      failures.push(...(await axe(page, name)));
      await context.close();
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('the users and audit lists with their pagers at 1440 and 390 px: no horizontal overflow', async () => {
    const problems: string[] = [];
    for (const width of [1440, 390]) {
      const viewport = { width, height: width < 500 ? 844 : 900 };
      const { context, page } = await as('platform@dtma.demo', viewport);
      await goto(page, '/admin/users');
      await page.locator('.ant-table-row').first().waitFor();
      await expect.poll(() => pagerText(page)).toMatch(/^第 1–20 条，共 \d+ 条$/);
      // Filtered by role on the server: the experts only.
      await page.getByTestId('users-role').click();
      await page.locator('.ant-select-item-option', { hasText: '评估专家' }).click();
      await expect.poll(() => pagerText(page)).toBe('第 1–8 条，共 8 条');
      const overflowUsers = Number(
        await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'),
      );
      if (overflowUsers > 0) problems.push(`users at ${width}: ${overflowUsers}px wider than the screen`);
      await screenshot(page, `${SHOTS}/${width}-admin-users-pager.png`, true);
      await goto(page, '/admin/audit');
      await page.locator('.ant-table-row').first().waitFor();
      await page.getByTestId('cursor-pager').waitFor();
      await expect
        .poll(() => page.getByTestId('cursor-pager').locator('.ant-typography').innerText())
        .toMatch(/^第 1–50 条，共 \d+ 条$/);
      const overflowAudit = Number(
        await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'),
      );
      if (overflowAudit > 0) problems.push(`audit at ${width}: ${overflowAudit}px wider than the screen`);
      await screenshot(page, `${SHOTS}/${width}-admin-audit-pager.png`, true);
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);

  for (const width of [768, 390]) {
    it(`on a ${width} px screen: no horizontal overflow, 退出 reachable (scoring, evidence, self-assessment, home)`, async () => {
      const viewport = { width, height: width < 500 ? 844 : 1024 };
      const problems: string[] = [];
      const visits: [string, (ids: Record<string, string>) => string, string][] = [
        ['expert2@dtma.demo', (ids) => `/a/${ids.scoring}/score`, 'scoring'],
        ['expert2@dtma.demo', (ids) => `/a/${ids.scoring}/evidence`, 'evidence'],
        ['processing2@dtma.demo', (ids) => `/a/${ids.application}/self`, 'self'],
        ['body@dtma.demo', () => '/', 'home'],
      ];
      for (const [user, path, name] of visits) {
        const { context, page } = await as(user, viewport);
        const ids = await idsByStage(page);
        await goto(page, path(ids));
        await page.waitForTimeout(500);
        const overflow = Number(
          await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'),
        );
        if (overflow > 0) problems.push(`${name}: ${overflow}px wider than the screen`);
        const box = await page.getByTestId('logout').boundingBox();
        if (!box || box.x < 0 || box.x + box.width > width) problems.push(`${name}: 退出 off-screen`);
        await screenshot(page, `${SHOTS}/${width}-${name}.png`);
        await context.close();
      }
      expect(problems).toEqual([]);
    }, 120_000);
  }
});
