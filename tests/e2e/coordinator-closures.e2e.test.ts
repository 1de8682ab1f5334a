/**
 * A coordinator records local days at /stations/closures (reached from the stations page):
 * a closure for one village outpost on a quiet day is listed at once; a closure of the whole
 * district on a day workers have booked first says how many bookings it would cancel, and
 * only once confirmed closes the day, cancels them and says so. On a desktop and on a phone.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSuite, SCREENSHOTS } from './suite';
import { DESKTOP_ZH, PHONE_ZH } from './viewports';
import { openWatchedPage, signIn } from './session.js';

const suite = demoSuite();

const DESKTOP = DESKTOP_ZH;
const PHONE = PHONE_ZH;

const todayInShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

async function api<T>(p: string): Promise<T> {
  const login = await fetch(`${suite.server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'coordinator', password: 'demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${suite.server.baseUrl}${p}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** From the stations page, as a coordinator finds it. */
async function openClosures(page: Page) {
  await signIn(page, suite.server.baseUrl, 'coordinator', '/coverage');
  await page.goto(`${suite.server.baseUrl}/stations`);
  await page.getByRole('link', { name: '闭站与加开日' }).click();
  await page.waitForURL('**/stations/closures');
  await page.getByRole('heading', { name: '登记闭站或加开日' }).waitFor();
  // The demo's own local days are listed from the start.
  await page.locator('.closure-item').first().waitFor();
}

async function fillClosure(page: Page, day: { date: string; name: string; station?: string }) {
  const form = page.locator('form.closure-form');
  await form.getByLabel('日期').fill(day.date);
  await form.getByLabel('闭站').check();
  await form.getByLabel('原因').fill(day.name);
  if (day.station) await form.getByLabel('范围').selectOption({ label: day.station });
  await form.getByRole('button', { name: '登记' }).click();
}

const listed = (page: Page, date: string, name: string) => page.locator(`.closure-item[data-date="${date}"]`).filter({ hasText: name });

describe('coordinator: closures and extra days', () => {
  it('adds a closure for one outpost and sees it listed (desktop)', async () => {
    const { context, page, problems } = await openWatchedPage(suite.browser, DESKTOP);
    try {
      await openClosures(page);
      // Villages have no demo bookings: nothing to confirm.
      const date = addDays(todayInShanghai(), 20);
      await fillClosure(page, { date, name: '村委会换届选举', station: '金华镇新民村工会工作委员会' });
      await page.locator('.alert-ok').filter({ hasText: '已登记' }).waitFor();
      const item = listed(page, date, '村委会换届选举');
      await item.waitFor();
      expect(await item.innerText()).toContain('金华镇新民村工会工作委员会');
      expect(await item.locator('.badge').innerText()).toBe('闭站');
      expect(await page.locator('.stake-panel').count()).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'coordinator-closures-desktop.png') });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('closes the whole district on a booked day only after saying how many bookings it cancels (phone)', async () => {
    const today = todayInShanghai();
    const booked = await api<{ items: { date: string; status: string }[] }>('/api/appointments?status=booked&pageSize=200');
    const date = booked.items.map((a) => a.date).filter((d) => d > today).sort()[0];
    expect(date, 'the demo has bookings on a later day').toBeDefined();
    const count = booked.items.filter((a) => a.date === date).length;

    const { context, page, problems } = await openWatchedPage(suite.browser, PHONE);
    try {
      await openClosures(page);
      await fillClosure(page, { date: date!, name: '台风停业' });
      const stake = page.locator('.stake-panel');
      await stake.waitFor();
      expect(await stake.innerText()).toContain(`${date} 当天有 ${count} 个预约`);
      expect(await stake.innerText()).toContain('短信');
      // Nothing is listed until the coordinator confirms.
      expect(await listed(page, date!, '台风停业').count()).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'coordinator-closures-confirm-phone.png') });

      await stake.getByRole('button', { name: `确认闭站，取消 ${count} 个预约` }).click();
      const done = page.locator('.alert-ok');
      await done.waitFor();
      expect(await done.innerText()).toContain(`已取消当天 ${count} 个预约`);
      await listed(page, date!, '台风停业').waitFor();
      expect(await listed(page, date!, '台风停业').innerText()).toContain('全区所有站点');
      // The bookings are cancelled on the server.
      const after = await api<{ items: { status: string }[] }>(`/api/appointments?date=${date}&pageSize=200`);
      expect(after.items.filter((a) => a.status === 'booked')).toEqual([]);
      // And the page fits the phone: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
