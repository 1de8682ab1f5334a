/**
 * axe-core on the worker's pages at phone size: the landing page, every step of /book
 * that can be reached (with validation messages showing too), the waitlist form,
 * /booking (empty, refused, found, moving, confirming a cancellation), and the desk's
 * own content. No `serious` or `critical` violations.
 */
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSuite } from './suite';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const DESKTOP = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const suite = demoSuite();

async function openPage(options: object): Promise<{ context: BrowserContext; page: Page }> {
  // The server's CSP allows no inline script; axe is injected as one, so the test browser looks past it.
  const context = await suite.browser.newContext({ ...options, bypassCSP: true });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  return { context, page };
}

/** Serious and critical problems axe finds in `include` (the whole page by default), as readable lines. */
async function axeProblems(page: Page, label: string, include?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(selector ? { include: [selector] } : document, { resultTypes: ['violations'] });
    return result.violations;
  }, include ?? null);
  // AXE_VERBOSE=1 lists the moderate and minor findings too, for a closer look.
  if (process.env.AXE_VERBOSE) for (const v of violations) console.log(`${label}: [${v.impact}] ${v.id} ${v.nodes.length}×`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label}: [${v.impact}] ${v.id} – ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core)', () => {
  it('the landing page and every step of /book have no serious or critical violations', async () => {
    const { context, page } = await openPage(PHONE);
    const problems: string[] = [];
    try {
      await page.goto(`${suite.server.baseUrl}/`);
      await page.getByRole('link', { name: /预约咨询/ }).waitFor();
      problems.push(...(await axeProblems(page, '/')));

      await page.goto(`${suite.server.baseUrl}/book`);
      await page.locator('.pick-station').first().waitFor();
      // With a town's villages unfolded too.
      await page.locator('.village-fold > summary').first().click();
      problems.push(...(await axeProblems(page, '/book step 1 (station)')));

      await page.locator('.pick-station.level-district').getByRole('button', { name: '在这里预约' }).click();
      await page.locator('.pick-days button.pick-button').first().waitFor();
      problems.push(...(await axeProblems(page, '/book step 2 (day)')));

      await page.locator('.pick-days button.pick-button').first().click();
      await page.locator('.pick-times button.pick-button:not([disabled])').first().waitFor();
      problems.push(...(await axeProblems(page, '/book step 3 (time)')));

      await page.locator('.pick-times button.pick-button:not([disabled])').first().click();
      await page.getByRole('heading', { name: '您遇到了什么问题？' }).waitFor();
      problems.push(...(await axeProblems(page, '/book step 4 (details)')));
      await page.getByRole('button', { name: '确认预约' }).click();
      await page.locator('.book-error').first().waitFor();
      problems.push(...(await axeProblems(page, '/book step 4 with messages')));

      await page.getByRole('radio', { name: '工伤' }).check();
      await page.getByLabel('姓名', { exact: true }).fill('无障碍测试');
      await page.getByLabel('手机号', { exact: true }).fill('13500135000');
      await page.getByRole('checkbox', { name: '我同意' }).check();
      await page.getByRole('button', { name: '确认预约' }).click();
      await page.getByTestId('booking-code').waitFor();
      problems.push(...(await axeProblems(page, '/book step 5 (done)')));

      // The waitlist form of a full day, reached by its address (no demo day is full).
      const stations = (await (await fetch(`${suite.server.baseUrl}/api/stations`)).json()) as { id: number; level: string }[];
      const district = stations.find((s) => s.level === 'district')!;
      await page.goto(`${suite.server.baseUrl}/book?station=${district.id}&date=2030-01-02&step=waitlist`);
      await page.getByRole('button', { name: '加入候补' }).waitFor();
      problems.push(...(await axeProblems(page, '/book waitlist')));

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('/booking has no serious or critical violations, from look-up to cancelling', async () => {
    const stations = (await (await fetch(`${suite.server.baseUrl}/api/stations`)).json()) as { id: number; level: string }[];
    const district = stations.find((s) => s.level === 'district')!;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const to = new Date(Date.parse(`${today}T00:00:00Z`) + 13 * 86_400_000).toISOString().slice(0, 10);
    const days = (await (await fetch(`${suite.server.baseUrl}/api/stations/${district.id}/availability?from=${today}&to=${to}`)).json()) as {
      date: string;
      remaining: number;
    }[];
    const day = days.find((d) => d.remaining > 0)!;
    const slots = (await (await fetch(`${suite.server.baseUrl}/api/stations/${district.id}/slots?date=${day.date}`)).json()) as {
      start: string;
      remaining: number;
    }[];
    const res = await fetch(`${suite.server.baseUrl}/api/appointments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        stationId: district.id,
        start: slots.filter((s) => s.remaining > 0).at(-1)!.start,
        name: '查询测试',
        phone: '13300133000',
        category: 'social_insurance',
        consent: true,
      }),
    });
    expect(res.status).toBe(201);
    const { code } = (await res.json()) as { code: string };

    const { context, page } = await openPage(PHONE);
    const problems: string[] = [];
    try {
      await page.goto(`${suite.server.baseUrl}/booking`);
      await page.getByRole('button', { name: '查询', exact: true }).waitFor();
      problems.push(...(await axeProblems(page, '/booking')));

      await page.getByRole('button', { name: '查询', exact: true }).click();
      await page.locator('.book-error').first().waitFor();
      problems.push(...(await axeProblems(page, '/booking with messages')));

      await page.getByLabel('预约码', { exact: true }).fill(code.toLowerCase());
      await page.getByLabel('手机号', { exact: true }).fill('13300133009');
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await page.getByRole('alert').waitFor();
      problems.push(...(await axeProblems(page, '/booking not found')));

      await page.getByLabel('手机号', { exact: true }).fill('13300133000');
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await page.getByTestId('booking-code').waitFor();
      problems.push(...(await axeProblems(page, '/booking found')));

      await page.getByRole('button', { name: '改到其他时间' }).click();
      await page.locator('.pick-days button.pick-button').first().waitFor();
      problems.push(...(await axeProblems(page, '/booking move: day')));
      await page.locator('.pick-days button.pick-button').first().click();
      await page.locator('.pick-times button.pick-button').first().waitFor();
      problems.push(...(await axeProblems(page, '/booking move: time')));
      await page.getByRole('button', { name: '返回上一步' }).click();
      await page.getByRole('button', { name: '返回上一步' }).click();

      await page.getByRole('button', { name: '取消预约' }).click();
      await page.getByRole('button', { name: '是的，取消预约' }).waitFor();
      problems.push(...(await axeProblems(page, '/booking confirm cancel')));

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the desk’s own content has no serious or critical violations', async () => {
    const { context, page } = await openPage(DESKTOP);
    try {
      await page.goto(`${suite.server.baseUrl}/login`);
      await page.getByLabel('用户名').fill('staff');
      await page.getByLabel('密码').fill('demo');
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL('**/desk');
      await page.locator('.desk-summary').waitFor();
      // A walk-in (checked in at once), then its outcome form.
      const walkIn = page.locator('.walk-in-form');
      await walkIn.getByLabel('姓名', { exact: true }).fill('无障碍来访');
      await walkIn.getByLabel('手机号').fill('13200132000');
      await walkIn.getByLabel('问题类别').selectOption('other');
      await walkIn.getByRole('checkbox').check();
      await walkIn.getByRole('button', { name: '登记并签到' }).click();
      await page.getByRole('button', { name: /无障碍来访 完成咨询/ }).click();
      await page.locator('.desk-outcome-form').waitFor();
      expect(await axeProblems(page, '/desk', '.desk-page')).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
