/**
 * Every page fits a 360 px wide phone, in Chinese and in English: nothing widens the page
 * so that it scrolls sideways (wide tables scroll inside their own box). Calendar lists
 * show their events whole, and the notification panel stays on the screen.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSuite } from './suite';
import { openWatchedPage, signIn } from './session.js';

const suite = demoSuite();

const PAGES: [user: string, landing: string, paths: string[]][] = [
  ['coordinator', '/coverage', ['/coverage', '/roster', '/roster?tab=rotations', '/swaps', '/stations', '/lawyers', '/dashboard', '/hotline', '/hotline?tab=followUps', '/desk', '/privacy']],
  ['lawyer1', '/my-duty', ['/my-duty', '/desk', '/hotline']],
  ['admin', '/users', ['/users', '/coverage']],
];
const LANGUAGES = ['zh-CN', 'en'] as const;
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** Event texts in calendar lists that are cut (wider than their box). */
const cutListTitles = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.cal-list-title')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth)
      .map((el) => el.textContent ?? ''),
  );

describe('phone width', () => {
  for (const lang of LANGUAGES) {
    it(`no page is wider than a 360 px screen (${lang})`, async () => {
      const wider: string[] = [];
      const cut: string[] = [];
      for (const [user, landing, paths] of PAGES) {
        const { context, page, problems } = await openWatchedPage(suite.browser, PHONE);
        await signIn(page, suite.server.baseUrl, user, landing);
        await page.evaluate((l) => localStorage.setItem('dutyroster.lang', l), lang);
        for (const path of [...paths, ...(user === 'coordinator' ? ['/', '/book', '/booking'] : [])]) {
          await page.goto(`${suite.server.baseUrl}${path}`, { waitUntil: 'networkidle' });
          await page.locator('h1').first().waitFor();
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > 360) wider.push(`${path} (${user}): ${width} px`);
          for (const text of await cutListTitles(page)) cut.push(`${path} (${user}): ${text}`);
        }
        expect(problems).toEqual([]);
        await context.close();
      }
      expect(wider).toEqual([]);
      expect(cut).toEqual([]);
    }, 150_000);
  }

  it('a lawyer sees every duty day on the list, a pending swap included, and the bell panel on screen', async () => {
    const { context, page, problems } = await openWatchedPage(suite.browser, PHONE);
    await signIn(page, suite.server.baseUrl, 'lawyer1', '/my-duty');
    await page.evaluate(() => localStorage.setItem('dutyroster.lang', 'en'));
    await page.goto(`${suite.server.baseUrl}/my-duty`, { waitUntil: 'networkidle' });
    // Phones open on the list; the demo data has a swap of lawyer1's waiting for approval.
    const swapping = page.locator('.duty-swapping .cal-list-title');
    await swapping.first().waitFor();
    expect(await swapping.first().innerText()).toMatch(/swap pending/i);
    expect(await cutListTitles(page)).toEqual([]);

    await page.locator('.bell-button').click();
    const panel = page.locator('.bell-panel');
    await panel.waitFor();
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    // The server writes messages in Chinese; an English reader gets them in English (names and stations stay as they are).
    await panel.locator('.bell-item').first().waitFor();
    const bodies = await panel.locator('.bell-item-body').allInnerTexts();
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.filter((b) => /请在|值班|换班|您/.test(b))).toEqual([]);
    expect((await panel.locator('.bell-item-title').allInnerTexts()).filter((t) => /值班表|换班|已发布/.test(t))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('coverage and the roster list each day with the lawyers’ names on a phone', async () => {
    const { context, page, problems } = await openWatchedPage(suite.browser, PHONE);
    await signIn(page, suite.server.baseUrl, 'coordinator', '/coverage');
    for (const path of ['/coverage', '/roster']) {
      await page.goto(`${suite.server.baseUrl}${path}`, { waitUntil: 'networkidle' });
      const first = page.locator('.cal-list-title').first();
      await first.waitFor();
      // "观山湖区 王建国": a station and a name, not cut to a few characters.
      expect((await first.innerText()).trim()).toMatch(/\S+\s+\S+/);
      expect(await cutListTitles(page)).toEqual([]);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
