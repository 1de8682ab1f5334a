/**
 * Chinese first, English on request: a worker's phone loads no English strings; picking
 * English fetches them, switches the page, and is remembered on the next visit. The staff
 * pages' Chinese strings come only after sign-in.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { demoSuite, SCREENSHOTS } from './suite';
import { openWatchedPage, signIn } from './session.js';

const suite = demoSuite();

describe('language', () => {
  it('loads English only when it is chosen, and keeps it for the next visit', async () => {
    const { context, page, problems } = await openWatchedPage(suite.browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    const englishChunk = (list: string[]) => list.filter((p) => /\/assets\/en-[\w-]+\.js$/.test(p));

    await page.goto(`${suite.server.baseUrl}/book`);
    await page.getByRole('heading', { name: '预约免费法律咨询' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(englishChunk(scripts)).toEqual([]);

    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Book a free legal consultation' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(englishChunk(scripts)).toHaveLength(1);

    scripts.length = 0;
    await page.reload();
    await page.getByRole('heading', { name: 'Book a free legal consultation' }).waitFor();
    expect(englishChunk(scripts)).toHaveLength(1);

    await page.getByRole('button', { name: /中文/ }).click();
    await page.getByRole('heading', { name: '预约免费法律咨询' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('gives every public page a tab title in the current language, and none outlives its page', async () => {
    const { context, page, problems } = await openWatchedPage(suite.browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const title = () => page.title();
    const site = '职工维权服务站';

    await page.goto(`${suite.server.baseUrl}/book`);
    await page.getByRole('heading', { name: '选择服务站', level: 2 }).waitFor();
    await expect.poll(title).toBe('服务站 · 预约免费法律咨询');
    // Back home by the header link: the booking step's title goes with the page.
    await page.getByRole('link', { name: site, exact: true }).click();
    await page.getByRole('heading', { name: '职工维权 免费法律咨询', level: 1 }).waitFor();
    await expect.poll(title).toBe(`职工维权 免费法律咨询 · ${site}`);
    await page.getByRole('link', { name: '工作人员登录' }).click();
    await page.getByRole('heading', { name: '工作人员登录', level: 1 }).waitFor();
    await expect.poll(title).toBe(`工作人员登录 · ${site}`);

    // Switching language on the page retitles it; English stays for the pages after.
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Staff sign-in', level: 1 }).waitFor();
    const english: [path: string, heading: string, title: string][] = [
      ['/login', 'Staff sign-in', "Staff sign-in · Workers' Rights Service Stations"],
      ['/', 'Free legal advice for workers', "Free legal advice for workers · Workers' Rights Service Stations"],
      ['/book', 'Book a free legal consultation', 'Station · Book a free legal consultation'],
      ['/booking', 'Find my booking', 'Find my booking'],
      ['/no-such-page', 'Page not found', "Page not found · Workers' Rights Service Stations"],
    ];
    for (const [path, heading, expected] of english) {
      if (path !== '/login') await page.goto(`${suite.server.baseUrl}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await expect.poll(title, { message: path }).toBe(expected);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('loads the staff pages’ strings only with the staff pages', async () => {
    const { context, page, problems } = await openWatchedPage(suite.browser, { viewport: { width: 1280, height: 900 } });
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    const staffChunk = () => scripts.filter((p) => /\/assets\/staff\.zh-CN-[\w-]+\.js$/.test(p));

    for (const path of ['/', '/book', '/booking', '/login']) {
      await page.goto(`${suite.server.baseUrl}${path}`);
      await page.locator('h1').first().waitFor();
    }
    expect(staffChunk()).toEqual([]);

    await signIn(page, suite.server.baseUrl, 'coordinator', '/coverage');
    await page.getByRole('link', { name: '覆盖日历' }).waitFor();
    await page.getByRole('heading', { name: '覆盖日历' }).waitFor();
    expect(staffChunk()).toHaveLength(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps a staff member’s language with their account: signing in shows it, the bell speaks it, switching saves it', async () => {
    const { context, page, problems } = await openWatchedPage(suite.browser, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const lang = () => page.evaluate(() => document.documentElement.lang);
    // lawyer2 reads English (the demo): the Chinese sign-in page gives way to English pages.
    await signIn(page, suite.server.baseUrl, 'lawyer2', '/my-duty');
    await expect.poll(lang).toBe('en');
    await page.locator('.bell-button').click();
    const titles = page.locator('.bell-panel .bell-item-title');
    await titles.first().waitFor();
    await expect.poll(async () => (await titles.allInnerTexts()).some((t) => /^Roster for \d{4}-\d{2} published$/.test(t.trim()))).toBe(true);
    expect((await titles.allInnerTexts()).filter((t) => /值班表|换班|已发布/.test(t))).toEqual([]);
    await page.locator('.bell-panel').screenshot({ path: path.join(SCREENSHOTS, 'bell-lawyer2-en.png') });
    await page.keyboard.press('Escape');

    // Switching to Chinese saves it: the bell is Chinese, and so is the next sign-in.
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH');
    await page.getByRole('button', { name: /中文/ }).click();
    const answer = await saved;
    expect(answer.status()).toBe(200);
    expect(((await answer.json()) as { lang: string }).lang).toBe('zh');
    await expect.poll(lang).toBe('zh-CN');
    await page.locator('.bell-button').click();
    await expect.poll(async () => (await titles.allInnerTexts()).some((t) => t.trim().endsWith('值班表已发布'))).toBe(true);
    await page.locator('.bell-panel').screenshot({ path: path.join(SCREENSHOTS, 'bell-lawyer2-zh.png') });
    expect(problems).toEqual([]);
    await context.close();

    const again = await openWatchedPage(suite.browser, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signIn(again.page, suite.server.baseUrl, 'lawyer2', '/my-duty');
    await again.page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await again.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // Back to English, as the demo has it.
    const back = again.page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH');
    await again.page.getByRole('button', { name: /English/ }).click();
    expect((await back).status()).toBe(200);
    expect(again.problems).toEqual([]);
    await again.context.close();
  });
});
