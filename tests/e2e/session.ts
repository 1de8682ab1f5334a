/** What every browser test does: sign in through the form, and collect script errors. */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/** Sign in as a demo user (password `demo`) and wait for the role's landing page. */
export async function signIn(page: Page, baseUrl: string, username: string, landing: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`**${landing}`);
}

/** Script errors and console errors on the page (refused requests the page handles are not errors). */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
  });
  return problems;
}

/**
 * A fresh browser context and page that records script errors (and, if asked, accepts
 * confirmation prompts). `now` fixes the page's clock (`Date`) at that instant, to match
 * a server started with DEMO_NOW; timers keep running.
 */
export async function openWatchedPage(
  browser: Browser,
  options: BrowserContextOptions,
  opts: { acceptDialogs?: boolean; now?: Date } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext(options);
  if (opts.now) await context.clock.setFixedTime(opts.now);
  const page = await context.newPage();
  const problems = watchProblems(page);
  if (opts.acceptDialogs) page.on('dialog', (d) => void d.accept());
  return { context, page, problems };
}

/** A JSON call to the server under test: the parsed answer, or an error naming the status and body. */
export async function callApi(baseUrl: string, method: string, url: string, body?: unknown, token?: string): Promise<unknown> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}
