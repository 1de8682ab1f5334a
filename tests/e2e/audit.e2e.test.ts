/**
 * The activity log (/audit): a coordinator gives a duty to another lawyer with a reason on
 * the roster, follows the editor's 变更记录 link to that duty's history and finds who did it,
 * when and why, in words; the menu's 操作记录 lists it with the demo's other changes and
 * filters by action. On a phone a coordinator rejects a swap with a note and finds it among
 * the log's cards. Screenshots on a laptop (1280 px) and a phone (360 px).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { demoSuite, SCREENSHOTS } from './suite';
import { DESKTOP_ZH, PHONE_ZH } from './viewports';
import { openWatchedPage, signIn } from './session.js';

const DESKTOP = DESKTOP_ZH;
const PHONE = PHONE_ZH;

const suite = demoSuite();

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

/** A page of the staff menu, opening the menu first where it sits behind its button. */
async function openFromMenu(page: Page, name: string) {
  // isVisible does not wait: the header first.
  await page.locator('.staff-header').waitFor();
  const toggle = page.locator('.menu-toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name }).click();
}

describe('coordinator: the activity log', () => {
  it('finds who moved a duty, when and why, from the duty itself and from the menu (1280 px)', async () => {
    const { context, page, problems } = await openWatchedPage(suite.browser, DESKTOP);
    try {
      await signIn(page, suite.server.baseUrl, 'coordinator', '/coverage');
      await page.goto(`${suite.server.baseUrl}/roster`);

      // Next month's published roster: give the district station's first duty to a colleague who is free that day.
      const duty = page.locator('.roster-event', { hasText: /^观山湖区 / }).first();
      await duty.waitFor();
      const before = (await duty.innerText()).replace('观山湖区 ', '').trim();
      await duty.click();
      const editor = page.locator('.shift-editor');
      await editor.waitFor();
      const select = editor.getByLabel('换成');
      const free = await select.locator('option').evaluateAll((os) =>
        os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })).find((o) => o.value && !o.text.includes('当天在')),
      );
      expect(free, 'a colleague free that day').toBeTruthy();
      const after = free!.text.split('（')[0]!.trim();
      await select.selectOption(free!.value);
      await editor.getByLabel(/^原因/).fill('王律师当天出庭，经电话同意改派');
      await editor.getByRole('button', { name: '更换' }).click();
      await editor.waitFor({ state: 'detached' });

      // The duty's editor links to its history.
      await page.locator('.roster-event', { hasText: `观山湖区 ${after}` }).first().click();
      await editor.waitFor();
      await editor.getByRole('link', { name: /变更记录/ }).click();
      await page.waitForURL(/\/audit\?entity=shift&entityId=\d+/);
      await page.getByRole('heading', { name: '操作记录', level: 1 }).waitFor();
      await page.locator('.audit-history').filter({ hasText: /正在看：值班 #\d+ 的变更记录/ }).waitFor();
      const row = page.locator('tr[data-action="shift.reassign"]').first();
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain('改派值班律师');
      expect(text).toContain('区总工会排班员');
      expect(text).toContain(`${before} → ${after}`);
      expect(text).toContain('王律师当天出庭，经电话同意改派');
      expect(text).toContain('观山湖区职工维权服务站');
      // In the network's time, not as JSON.
      expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect(text).not.toContain('{');
      await shot(page, 'audit-shift-history-desktop');

      // From the menu: everything, newest first — the change on top — and filtered by action.
      await openFromMenu(page, '操作记录');
      await page.waitForURL(/\/audit$/);
      await page.locator('.audit-history').waitFor({ state: 'detached' });
      await expect.poll(() => page.locator('.audit-table tbody tr').count()).toBeGreaterThan(20);
      const first = page.locator('.audit-table tbody tr').first();
      expect(await first.getAttribute('data-action')).toBe('shift.reassign');
      await page.getByRole('combobox', { name: /^操作/ }).selectOption({ label: '发布排班' });
      await expect.poll(() => page.locator('.audit-table tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-action')))).toEqual([
        'roster.publish',
        'roster.publish',
      ]);
      expect(page.url()).toContain('action=roster.publish');
      await page.getByRole('button', { name: '清除筛选' }).click();
      await expect.poll(() => first.getAttribute('data-action')).toBe('shift.reassign');
      await shot(page, 'audit-desktop');
      expect(await axeViolations(page, '/audit 1280 px')).toEqual([]);

      // In English: the same entry, worded in English.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Activity log', level: 1 }).waitFor();
      const english = await page.locator('.audit-table tbody tr').first().innerText();
      expect(english).toContain('Duty given to another lawyer');
      expect(english).toContain(`${before} → ${after}`);
      expect(await axeViolations(page, '/audit 1280 px, English')).toEqual([]);
      await shot(page, 'audit-desktop-en');
      // Back to Chinese: signed in, the switch is saved as the coordinator's language, and the next test signs in again.
      const saved = page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH');
      await page.getByRole('button', { name: /中文/ }).click();
      expect((await saved).status()).toBe(200);

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('finds a swap the coordinator rejected on the log’s cards (360 px)', async () => {
    const { context, page, problems } = await openWatchedPage(suite.browser, PHONE, { acceptDialogs: true });
    try {
      await signIn(page, suite.server.baseUrl, 'coordinator', '/coverage');
      await openFromMenu(page, '调班审批');
      await page.waitForURL('**/swaps');
      const card = page.locator('.swap-card').first();
      await card.waitFor();
      const swapId = await card.getAttribute('data-swap-id');
      await card.getByPlaceholder(/审批意见/).fill('当天站里人手已足');
      await card.getByRole('button', { name: '拒绝' }).click();
      await page.locator('.alert-ok').waitFor();

      await openFromMenu(page, '操作记录');
      await page.waitForURL(/\/audit$/);
      const top = page.locator('.audit-table tbody tr').first();
      await expect.poll(() => top.getAttribute('data-action')).toBe('swap.reject');
      const text = await top.innerText();
      expect(text).toContain('驳回调班');
      expect(text).toContain('区总工会排班员');
      expect(text).toContain('当天站里人手已足');
      expect(text).toContain(`调班 #${swapId}`);
      // A card of labelled lines, inside the screen.
      const box = await top.boundingBox();
      expect(box!.width).toBeLessThanOrEqual(360);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(await top.locator('td.audit-details').evaluate((td) => getComputedStyle(td, '::before').content)).toContain('详情');
      await shot(page, 'audit-phone');
      expect(await axeViolations(page, '/audit 360 px')).toEqual([]);

      // The swap's own history, from the card's link.
      await top.getByRole('link', { name: `调班 #${swapId}` }).click();
      await page.waitForURL(new RegExp(`/audit\\?entity=swap&entityId=${swapId}`));
      await page.locator('.audit-history').waitFor();
      const actions = await page.locator('.audit-table tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-action')));
      expect(actions[0]).toBe('swap.reject');
      expect(actions).toContain('swap.request');
      await shot(page, 'audit-swap-history-phone', true);

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
