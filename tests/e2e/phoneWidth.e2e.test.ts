/**
 * Every page fits a 360 px wide phone: nothing widens the page so that it scrolls
 * sideways (wide tables scroll inside their own box).
 */
import { describe, expect, it } from 'vitest';
import { demoSuite } from './suite';
import { openWatchedPage, signIn } from './session.js';

const suite = demoSuite();

const PAGES: [user: string, landing: string, paths: string[]][] = [
  ['coordinator', '/coverage', ['/coverage', '/roster', '/swaps', '/stations', '/lawyers', '/dashboard', '/hotline', '/desk', '/privacy']],
  ['lawyer1', '/my-duty', ['/my-duty']],
  ['admin', '/coverage', ['/users']],
];

describe('phone width', () => {
  it('no page is wider than a 360 px screen', async () => {
    const wider: string[] = [];
    for (const [user, landing, paths] of PAGES) {
      const { context, page, problems } = await openWatchedPage(suite.browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      await signIn(page, suite.server.baseUrl, user, landing);
      for (const path of [...paths, ...(user === 'coordinator' ? ['/', '/book', '/booking'] : [])]) {
        await page.goto(`${suite.server.baseUrl}${path}`, { waitUntil: 'networkidle' });
        await page.locator('h1').first().waitFor();
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 360) wider.push(`${path} (${user}): ${width} px`);
      }
      expect(problems).toEqual([]);
      await context.close();
    }
    expect(wider).toEqual([]);
  });
});
