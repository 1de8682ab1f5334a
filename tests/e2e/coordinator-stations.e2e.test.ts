/**
 * A coordinator signs in and sees the station network: the district station and
 * its 10 town/street sub-stations, on a desktop and on a phone.
 */
import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSuite, SCREENSHOTS } from './suite';
import { signIn } from './session.js';


// The real district's 10 towns and streets (shared/data/guanshanhu-divisions.json).
const TOWNS = ['宾阳街道', '云潭街道', '金华园街道', '长岭街道', '观山街道', '世纪城街道', '金阳街道', '金华镇', '朱昌镇', '百花湖镇'];

const suite = demoSuite();

const signInAsCoordinator = (page: Page) => signIn(page, suite.server.baseUrl, 'coordinator', '/coverage');

async function openStations(page: Page) {
  // On a phone the menu sits behind the header's menu button (on a desktop it is hidden).
  const menu = page.locator('.menu-toggle');
  await menu.waitFor({ state: 'attached' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '驻站' }).click();
  await page.waitForURL('**/stations');
  await page.locator('.station-card[data-level="town"]').first().waitFor();
}

async function expectNetwork(page: Page) {
  const district = page.locator('.station-card[data-level="district"]');
  expect(await district.count()).toBe(1);
  expect(await district.locator('.station-name').innerText()).toContain('观山湖区');

  const towns = page.locator('.station-card[data-level="town"]');
  expect(await towns.count()).toBe(10);
  const townNames = await towns.locator('.station-name').allInnerTexts();
  for (const town of TOWNS) expect(townNames.some((n) => n.includes(town)), `${town} is listed`).toBe(true);

  // Each sub-station shows its parent chain up to the district station.
  const chain = await towns.first().locator('.station-chain').innerText();
  expect(chain).toContain('观山湖区');
}

describe('coordinator: stations', () => {
  const viewports: [string, BrowserContextOptions][] = [
    ['desktop', { viewport: { width: 1280, height: 800 } }],
    ['phone', { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
  ];

  for (const [name, options] of viewports) {
    it(`lists the district station and its 10 sub-stations (${name})`, async () => {
      const context = await suite.browser.newContext({ ...options, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      page.on('console', (msg) => {
        // HTTP errors the page handles (e.g. /api/coverage before the roster feature lands) are not script errors.
        if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
      });
      try {
        await signInAsCoordinator(page);
        await openStations(page);
        await expectNetwork(page);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

        await page.screenshot({ path: path.join(SCREENSHOTS, `coordinator-stations-${name}.png`) });
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
