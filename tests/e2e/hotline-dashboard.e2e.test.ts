/**
 * Hotline staff log a call from the keyboard, book a consultation for the caller from
 * it and see the booking code on the call; the dashboard then counts one more call.
 * Also walks the call-back and referral tabs (with a dispute's whole path).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSuite, SCREENSHOTS } from './suite';
import { signIn as signInAs, openWatchedPage } from './session.js';

const DESKTOP = { viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

const suite = demoSuite();

const openPage = () => openWatchedPage(suite.browser, DESKTOP);

const signIn = (page: Page, username: string, lands: string) => signInAs(page, suite.server.baseUrl, username, lands);

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
const figure = (page: Page, id: string) => page.getByTestId(`figure-${id}`);
const countOf = async (page: Page, id: string) => Number((await figure(page, id).innerText()).replace(/[^\d]/g, ''));
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.tagName);

describe('hotline → booking → dashboard', () => {
  it('logs a call by keyboard, books the caller, shows the code, and the dashboard counts the call', async () => {
    const { context, page, problems } = await openPage();
    // A caller new to the network on every attempt, so that a retry still counts one more person.
    const callerPhone = `1398${String(Date.now()).slice(-7)}`;
    try {
      await signIn(page, 'staff', '/desk');

      // The figures before: this month, the whole network.
      await page.goto(`${suite.server.baseUrl}/dashboard`);
      await figure(page, 'hotlineCalls').waitFor();
      const callsBefore = await countOf(page, 'hotlineCalls');
      const servedBefore = await countOf(page, 'peopleServed');

      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '热线' }).click();
      await page.waitForURL('**/hotline');
      const form = page.locator('form[aria-labelledby="call-form-title"]');
      await form.waitFor();
      // The station defaults to the staff member's own.
      expect(await form.getByLabel('站点').locator('option:checked').innerText()).toBe('观山湖区职工维权服务站');

      // Keyboard only: the summary has focus; Alt+1 picks 欠薪; Tab through; Enter saves.
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(await focusedName(page)).toBe('summary');
      await page.keyboard.type('建筑工地拖欠三个月工资，询问如何申请劳动仲裁');
      await page.keyboard.press('Alt+Digit1');
      expect(await form.locator('.hl-category-tile.is-on').innerText()).toContain('欠薪');
      await page.keyboard.press('Tab'); // → outcome (已解答 is chosen)
      await page.keyboard.press('Tab'); // → duration
      expect(await focusedName(page)).toBe('duration');
      await page.keyboard.type('4:05');
      // Name and number only with the caller's consent (Space ticks it).
      await page.keyboard.press('Tab');
      expect(await focusedName(page)).toBe('callerConsent');
      expect(await form.locator('[name="callerName"]').isDisabled()).toBe(true);
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      expect(await focusedName(page)).toBe('callerName');
      await page.keyboard.type('李春梅');
      await page.keyboard.press('Tab');
      await page.keyboard.type(callerPhone);
      await shot(page, 'hotline-form-1280');
      await page.keyboard.press('Enter');

      const logged = page.locator('.last-call .alert-ok-text');
      await logged.waitFor();
      const callId = Number(/#(\d+)/.exec(await logged.innerText())![1]);
      expect(callId).toBeGreaterThan(0);
      // Ready for the next call: empty summary, focused.
      expect(await focusedName(page)).toBe('summary');
      expect(await form.getByLabel('来电摘要').inputValue()).toBe('');
      const row = page.locator(`tr[data-call-id="${callId}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain('李春梅');
      await page.setViewportSize({ width: 1400, height: 900 });

      // Book for the caller: the first day with a free hl-slot.
      await page.locator('.last-call').getByRole('button', { name: '为来电人预约' }).click();
      const picker = page.locator('.last-call form.book-caller');
      await picker.waitFor();
      const days = picker.locator('.day-chips .btn');
      await days.first().waitFor(); // the days come with the station's slots: count them once they are there
      let booked = false;
      for (let i = 0; i < (await days.count()) && !booked; i++) {
        await days.nth(i).click();
        const free = picker.locator('.hl-slot:not(.is-full)');
        await Promise.race([
          free.first().waitFor({ timeout: 10_000 }),
          picker.getByText('这一天没有可约时段', { exact: false }).waitFor({ timeout: 10_000 }),
        ]).catch(() => undefined);
        if ((await free.count()) === 0) continue;
        await free.first().click();
        await shot(page, 'hotline-book-slots-desktop');
        await picker.getByRole('button', { name: /^预约 \d\d:\d\d$/ }).click();
        booked = true;
      }
      expect(booked, 'a free hl-slot within the next 7 days (the demo data publishes rosters)').toBe(true);
      const code = (await page.locator('.booked-notice .hl-booking-code').innerText()).trim();
      expect(code).toMatch(/^[A-Z0-9]{4,}-[A-Z0-9]{4,}$/);

      // The call now shows the booking code and its new outcome.
      const badge = page.getByTestId(`booking-code-${callId}`);
      await badge.waitFor();
      expect(await badge.innerText()).toContain(code);
      expect(await row.innerText()).toContain('已预约面谈');
      expect(await row.getByRole('button', { name: '为来电人预约' }).count()).toBe(0);
      await shot(page, 'hotline-desktop');

      // Call-backs and referrals (the demo data has both).
      await page.getByRole('tab', { name: '回访' }).click();
      await page.getByRole('tab', { name: /全部待回访/ }).click();
      await page.locator('.follow-item').first().waitFor();
      await shot(page, 'hotline-followups-desktop');
      await page.getByRole('tab', { name: '转介' }).click();
      await page.getByRole('tab', { name: '本站转出' }).click();
      await page.locator('.referral-item').first().waitFor();
      await page.locator('.referral-item').first().getByRole('button', { name: '查看全程' }).click();
      await page.locator('.path-step').first().waitFor();
      await shot(page, 'hotline-referrals-desktop');

      // The dashboard counts the call (and its caller).
      await page.goto(`${suite.server.baseUrl}/dashboard`);
      await expect.poll(() => countOf(page, 'hotlineCalls'), { timeout: 15_000 }).toBe(callsBefore + 1);
      expect(await countOf(page, 'peopleServed')).toBe(servedBefore + 1);
      for (const id of ['consultations', 'applicationsDrafted', 'mediationReferrals', 'amountInvolved', 'coverage']) {
        expect((await figure(page, id).innerText()).trim()).not.toBe('');
      }
      expect(await figure(page, 'amountInvolved').innerText()).toMatch(/万元|¥/);
      await expect.poll(() => page.locator('.chart canvas').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
      await page.waitForTimeout(500); // let the charts finish drawing
      await shot(page, 'dashboard-desktop');
      await shot(page, 'dashboard-desktop-full', true);

      // A town with the villages under it.
      await page.locator('.dash-station-picker select').selectOption({ label: '金华镇职工维权服务分站' });
      // The box shows what the address says: it turns checked once the navigation its click
      // starts has landed, so click and wait for that (check() wants the state at once).
      const withChildren = page.getByLabel('含下级站点');
      await withChildren.click();
      await expect.poll(() => withChildren.isChecked()).toBe(true);
      await expect.poll(() => page.getByTestId('dashboard-scope').innerText()).toContain('金华镇职工维权服务分站（含下级）');
      await page.getByRole('radio', { name: '本年' }).click();
      expect(page.url()).toContain('period=thisYear');

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
