/**
 * An admin opens an account for a new member of the desk staff on the users page — the
 * server's refusals (a short password, a taken username) shown in Chinese where they apply —
 * and the new user signs in with it and lands at the desk of their station.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoSuite, SCREENSHOTS } from './suite';
import { openWatchedPage, signIn } from './session.js';

const suite = demoSuite();
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

describe('admin: user accounts', () => {
  it('creates a staff account on a phone, and its holder signs in', async () => {
    const { context, page, problems } = await openWatchedPage(suite.browser, PHONE);
    try {
      // An admin lands on the users page, and is not offered "my duty" (no linked lawyer).
      await signIn(page, suite.server.baseUrl, 'admin', '/users');
      await page.getByRole('heading', { level: 1, name: '用户' }).waitFor();
      const menu = await page.locator('nav.staff-nav a').allTextContents();
      expect(menu).toContain('用户');
      expect(menu).not.toContain('我的值班');

      await page.getByRole('button', { name: '新建账号' }).click();
      const form = page.getByRole('form', { name: '新建账号' });
      await form.getByLabel('用户名').fill('desk.jinhua');
      await form.getByLabel('初始密码').fill('short');
      await form.getByLabel('角色').selectOption({ label: '接待人员' });
      await form.getByLabel('所属站点').selectOption({ label: '金华镇职工维权服务分站' });
      await form.getByLabel('显示名').fill('金华镇新接待员');

      // The server's rule, in its words, on the field.
      await form.getByRole('button', { name: '创建账号' }).click();
      await expect.poll(() => form.locator('.field-error').allInnerTexts()).toEqual(['至少 10 个字符']);

      // A taken username: the server's 409, in Chinese.
      await form.getByLabel('初始密码').fill('jinhua-desk-2026');
      await form.getByLabel('用户名').fill('staff2');
      await form.getByRole('button', { name: '创建账号' }).click();
      await expect.poll(() => form.getByRole('alert').first().innerText()).toContain('用户名“staff2”已被使用');

      await form.getByLabel('用户名').fill('desk.jinhua');
      await form.getByRole('button', { name: '创建账号' }).click();
      await page.getByRole('status').filter({ hasText: '已创建账号 desk.jinhua' }).waitFor();
      const row = page.locator('.accounts-table tbody tr', { hasText: 'desk.jinhua' });
      expect(await row.innerText()).toContain('金华镇职工维权服务分站');
      expect(await row.innerText()).toContain('接待人员');
      // Nothing on the phone is wider than the screen, and the row's buttons are touch-sized.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      for (const button of await row.getByRole('button').all()) expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(40);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-users-phone.png') });

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }

    // The new user, on a device of their own, signs in with the initial password and lands at the desk.
    const own = await openWatchedPage(suite.browser, PHONE);
    try {
      await own.page.goto(`${suite.server.baseUrl}/login`);
      await own.page.getByLabel('用户名').fill('desk.jinhua');
      await own.page.getByLabel('密码').fill('jinhua-desk-2026');
      await own.page.getByRole('button', { name: '登录' }).click();
      await own.page.waitForURL('**/desk');
      await own.page.locator('h1').first().waitFor();
      await expect.poll(() => own.page.locator('.user-name').textContent()).toContain('金华镇新接待员');
      expect(await own.page.locator('nav.staff-nav a').allTextContents()).not.toContain('用户');
      expect(own.problems).toEqual([]);
    } finally {
      await own.context.close();
    }
  });
});
