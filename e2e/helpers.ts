/**
 * End-to-end helpers (playwright-core + system Chromium). Tests built on these run against a live `dtma serve`
 * (base URL from DTMA_E2E_URL, default http://127.0.0.1:8080).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from './server.js';

let baseUrl = process.env.DTMA_E2E_URL ?? 'http://127.0.0.1:8080';
export function setBaseUrl(url: string): void {
  baseUrl = url;
}
export function baseURL(): string {
  return baseUrl;
}
export const CHROMIUM = process.env.DTMA_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface RoleLogin {
  username: string;
  password: string;
}

/** Demo accounts per role; override with DTMA_E2E_<ROLE>=user:password. */
export function account(role: 'enterprise' | 'body' | 'leader' | 'expert'): RoleLogin {
  const env = process.env[`DTMA_E2E_${role.toUpperCase()}`];
  if (env && env.includes(':')) {
    const i = env.indexOf(':');
    return { username: env.slice(0, i), password: env.slice(i + 1) };
  }
  // The demo data of `dtma seed-demo`.
  const defaults = {
    enterprise: 'processing2@dtma.demo',
    body: 'body@dtma.demo',
    leader: 'expert1@dtma.demo',
    expert: 'expert2@dtma.demo',
  } as const;
  return { username: defaults[role], password: 'dtma-demo-2025' };
}

/** A fresh context (own cookies) logged in through the login screen. */
export async function loginAs(
  browser: Browser,
  role: 'enterprise' | 'body' | 'leader' | 'expert',
  opts: {
    lang?: 'zh' | 'en';
    viewport?: { width: number; height: number };
    as?: RoleLogin;
    /** Lets a test inject a script (axe-core) despite the app's Content-Security-Policy. */
    bypassCSP?: boolean;
  } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    locale: opts.lang === 'en' ? 'en-US' : 'zh-CN',
    ...(opts.bypassCSP ? { bypassCSP: true } : {}),
  });
  if (opts.lang) {
    await context.addInitScript({
      content: `localStorage.setItem('dtma.lang', ${JSON.stringify(opts.lang)});`,
    });
  }
  const page = await context.newPage();
  const { username, password } = opts.as ?? account(role);
  await page.goto(`${baseUrl}/#/login`);
  await page.locator('input#username').fill(username);
  await page.locator('input#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('logout').waitFor();
  return { context, page };
}

export async function goto(page: Page, hashPath: string): Promise<void> {
  await page.goto(`${baseUrl}/#${hashPath}`);
  await page.waitForLoadState('networkidle');
}

export async function screenshot(page: Page, file: string, fullPage = false): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage });
}

/** The last live-recompute time the web app exposed (ms), or undefined. */
export async function lastRecomputeMs(page: Page): Promise<number | undefined> {
  return page.evaluate(() => (globalThis as { __dtmaRecomputeMs?: number }).__dtmaRecomputeMs);
}

/** Confirms the step's confirmation dialog (submit, accept, freeze, publish … ask first). */
export async function confirmStep(page: Page): Promise<void> {
  const ok = page.locator('.ant-modal-confirm-btns .ant-btn-primary');
  await ok.waitFor();
  await ok.click();
}

/** Types a date (YYYY-MM-DD, or YYYY-MM-DD HH:mm) into an antd date picker and closes its panel. */
export async function fillDate(page: Page, selector: string, value: string): Promise<void> {
  const input = page.locator(selector);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.keyboard.press('Escape');
}

/**
 * A test file's own `dtma serve` (on its copy of the demo data) and Chromium: started before its tests, stopped after
 * them. Read `live.server` / `live.browser` inside the tests.
 */
export function serverAndBrowser(): { readonly server: RunningServer; readonly browser: Browser } {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    setBaseUrl(server.url);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
  };
}
