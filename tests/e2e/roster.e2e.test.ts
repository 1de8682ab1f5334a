/**
 * A coordinator builds the roster of the month after next: generates the draft,
 * reads it and its fairness table, changes a duty (one refusal first), publishes,
 * prints the wall table and finds the published duty on the coverage calendar.
 * Then the rotations tab shows the server's RRULE error beside the field.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSuite, SCREENSHOTS } from './suite';
import { signIn, openWatchedPage } from './session.js';

const DESKTOP = { viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

/** Today's month in the network's time zone, plus `n` months, as `YYYY-MM`. */
function monthFromNow(n: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
  const [y, m] = today.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
const zhMonth = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

const suite = demoSuite();

// Confirmation prompts (publish) are accepted.
const openPage = () => openWatchedPage(suite.browser, DESKTOP, { acceptDialogs: true });

const signInAsCoordinator = (page: Page) => signIn(page, suite.server.baseUrl, 'coordinator', '/coverage');

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

describe('coordinator: roster', () => {
  const nextMonth = monthFromNow(1);
  const target = monthFromNow(2);

  it(`generates, edits and publishes ${target}, then sees it on the coverage calendar`, async () => {
    const { context, page, problems } = await openPage();
    try {
      await signInAsCoordinator(page);
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '排班' }).click();
      await page.waitForURL('**/roster');

      // Next month is the default, and the demo data has it published.
      const title = page.locator('.month-title');
      await expect.poll(() => title.innerText()).toBe(zhMonth(nextMonth));
      const status = page.getByTestId('roster-status');
      await expect.poll(() => status.innerText()).toBe('已发布');

      // The month after next: nothing yet.
      await page.getByRole('button', { name: '下个月' }).click();
      await expect.poll(() => title.innerText()).toBe(zhMonth(target));
      expect(page.url()).toContain(`month=${target}`);
      await expect.poll(() => status.innerText()).toBe('未生成');

      await page.getByRole('button', { name: '生成草稿' }).click();
      await expect.poll(() => status.innerText(), { timeout: 20_000 }).toBe('草稿');
      await page.locator('.roster-event').first().waitFor();
      expect(await page.locator('.roster-event').count()).toBeGreaterThan(20);
      const fairnessRows = page.locator('.fairness-table tbody tr');
      expect(await fairnessRows.count()).toBeGreaterThan(5);
      const lawyerNames = await page.locator('.fairness-table tbody th').allInnerTexts();
      expect(await page.locator('.fairness-table td.is-max').count()).toBeGreaterThan(0);
      expect(await page.locator('.station-status-list .badge-roster-draft').count()).toBeGreaterThan(0);
      await shot(page, 'roster-draft-desktop');

      // Change the district station's first duty: a lawyer already on duty that day is refused…
      const duty = page.locator('.roster-event', { hasText: /^观山湖区 / }).first();
      const date = await duty.evaluate((el) => el.closest('[data-date]')!.getAttribute('data-date')!);
      const before = (await duty.innerText()).replace('观山湖区 ', '').trim();
      await duty.click();
      const editor = page.locator('.shift-editor');
      await editor.waitFor();
      const select = editor.getByLabel('换成');
      const options = await select.locator('option').evaluateAll((os) =>
        os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })),
      );
      const busy = options.find((o) => o.value && o.text.includes('当天在'));
      expect(busy, 'someone of the district is on duty elsewhere that day').toBeTruthy();
      await select.selectOption(busy!.value);
      await editor.getByRole('button', { name: '更换' }).click();
      const refusal = editor.locator('.field-error');
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain('当天已有值班');
      await shot(page, 'roster-editor-refused-desktop');

      // …a free one is accepted and the calendar shows the new name.
      const free = options.find((o) => o.value && !o.text.includes('当天在'))!;
      const newName = free.text.split('（')[0]!.trim();
      expect(newName).not.toBe(before);
      await select.selectOption(free.value);
      await editor.getByRole('button', { name: '更换' }).click();
      await editor.waitFor({ state: 'detached' });
      await page.locator(`[data-date="${date}"] .roster-event`, { hasText: `观山湖区 ${newName}` }).waitFor();

      await page.getByRole('button', { name: '发布' }).click();
      await expect.poll(() => status.innerText(), { timeout: 20_000 }).toBe('已发布');
      expect(await page.locator('.alert-ok').innerText()).toContain('已发布');

      // The wall table opens as a printable page in a new window.
      const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: '打印' }).click()]);
      await popup.locator('h1', { hasText: '律师值班表' }).waitFor({ timeout: 20_000 });
      expect(await popup.locator('p.sub').innerText()).toContain(zhMonth(target));
      await popup.setViewportSize({ width: 1400, height: 900 });
      await shot(popup, 'roster-print-desktop');
      await popup.close();

      // The coverage calendar, two months on, shows the published duty.
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '覆盖日历' }).click();
      await page.waitForURL('**/coverage');
      await page.locator('.cov-event').first().waitFor();
      for (let i = 0; i < 2; i++) await page.locator('.coverage-calendar').getByRole('button', { name: '下月' }).click();
      await page.getByRole('button', { name: '全不选' }).click();
      await page.getByRole('checkbox', { name: '观山湖区职工维权服务站' }).check();
      const published = page.locator(`[data-date="${date}"] .cov-event`, { hasText: `观山湖区 ${newName}` });
      await published.waitFor({ timeout: 20_000 });
      expect(lawyerNames).toContain(newName);

      // The day panel offers the coordinator the same editor.
      await published.click();
      const panel = page.locator('.day-panel');
      await panel.getByRole('button', { name: '换人' }).first().click();
      await panel.locator('.shift-editor').waitFor();
      await shot(page, 'roster-coverage-published-desktop');

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the server’s RRULE error beside the field and saves a preset rule', async () => {
    const { context, page, problems } = await openPage();
    try {
      await signInAsCoordinator(page);
      await page.goto(`${suite.server.baseUrl}/roster?tab=rotations`);
      await page.locator('.rotation-card').first().waitFor();
      await page.getByRole('button', { name: '新建轮值' }).click();
      const form = page.locator('form[aria-labelledby="rotation-form-title"]');
      await form.getByLabel('站点', { exact: true }).selectOption({ label: '金华镇职工维权服务分站' });
      await form.getByLabel('名称').fill('巡回咨询（测试）');
      await form.getByLabel('重复规则（RRULE）').fill('FREQ=HOURLY');
      await form.getByRole('button', { name: '加入全部可驻律师' }).click();
      expect(await form.locator('.order-list li').count()).toBeGreaterThan(1);
      // The second lawyer moves up to go first.
      const second = (await form.locator('.order-list li .order-name').nth(1).innerText()).split('（')[0]!;
      await form.getByRole('button', { name: `上移 ${second}` }).click();
      expect(await form.locator('.order-list li .order-name').first().innerText()).toContain(second);

      await form.getByRole('button', { name: '保存' }).click();
      const rruleError = form.locator('.field-invalid .field-error', { hasText: 'FREQ=HOURLY' });
      await rruleError.waitFor();
      await shot(page, 'roster-rotation-error-desktop');

      await form.getByRole('button', { name: '每周二、四' }).click();
      await form.getByRole('button', { name: '保存' }).click();
      await form.waitFor({ state: 'detached' });
      const card = page.locator('.rotation-card', { hasText: '巡回咨询（测试）' });
      await card.waitFor();
      expect(await card.locator('.rotation-rule').innerText()).toContain('每周二、四');
      expect(await card.locator('.rotation-order li').first().innerText()).toContain(second);

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
