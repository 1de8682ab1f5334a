/**
 * A worker asks for their data and its deletion (PIPL): staff find every record by phone
 * at /privacy, export a copy, erase it with a reason, and searching again finds nothing.
 * Erasure is refused (409) while the person has a booking that is not over, and the page
 * says what to do. Also: a coordinator opens a station's wall poster from /stations.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSuite, SCREENSHOTS } from './suite';
import { signIn as signInAs, openWatchedPage } from './session.js';

const DESKTOP = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true };

const suite = demoSuite();

const openPage = () => openWatchedPage(suite.browser, DESKTOP);

const signIn = (page: Page, username: string, lands: string) => signInAs(page, suite.server.baseUrl, username, lands);

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

// ---- the API, for finding demo data -------------------------------------------------------

async function api<T>(token: string, p: string): Promise<T> {
  const res = await fetch(`${suite.server.baseUrl}${p}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function post(token: string, p: string, body: unknown): Promise<Response> {
  return fetch(`${suite.server.baseUrl}${p}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function tokenOf(username: string): Promise<string> {
  const res = await fetch(`${suite.server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

interface Subject {
  phone: string;
  hotlineCalls: { id: number; stationId: number; category: string }[];
  appointments: { status: string; start: string }[];
  waitlist: { status: string; date: string }[];
  counts: Record<'appointments' | 'waitlist' | 'hotlineCalls' | 'referrals' | 'notifications' | 'mentions', number>;
}

const todayInShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Would erasure be refused? A booking today or later, or a live waitlist place. */
function hasOpenBookings(s: Subject): boolean {
  const today = todayInShanghai();
  return (
    s.appointments.some((a) => (a.status === 'booked' || a.status === 'checked_in') && a.start.slice(0, 10) >= today) ||
    s.waitlist.some((w) => (w.status === 'waiting' || w.status === 'offered') && w.date >= today)
  );
}

/** Surely refused (409) whatever the hour: a booking on a later day. */
const hasBookingAfterToday = (s: Subject) =>
  s.appointments.some((a) => (a.status === 'booked' || a.status === 'checked_in') && a.start.slice(0, 10) > todayInShanghai());

/**
 * Demo callers who left a number: the one with the most kinds of records and nothing
 * upcoming (erasable), and one with a booking on a later day (erasure refused).
 */
async function demoWorkers(token: string): Promise<{ free: Subject; booked: Subject | null }> {
  const calls = await api<{ items: { callerPhone: string | null }[] }>(token, '/api/hotline-calls?pageSize=200');
  const phones = [...new Set(calls.items.map((c) => c.callerPhone).filter((p): p is string => !!p && /^1\d{10}$/.test(p)))];
  const appts = await api<{ items: { phone: string; status: string }[] }>(token, '/api/appointments?pageSize=200').catch(
    () => ({ items: [] }),
  );
  const kinds = (s: Subject) => Object.values(s.counts).filter((n) => n > 0).length;
  let free: Subject | null = null;
  let booked: Subject | null = null;
  for (const phone of new Set([...phones, ...appts.items.map((a) => a.phone).filter((p) => /^1\d{10}$/.test(p))])) {
    const s = await api<Subject>(token, `/api/privacy/subjects?phone=${phone}`);
    if (hasBookingAfterToday(s)) booked ??= s;
    else if (hasOpenBookings(s)) continue;
    else if (!free || kinds(s) > kinds(free) || (kinds(s) === kinds(free) && s.counts.hotlineCalls > free.counts.hotlineCalls)) free = s;
  }
  expect(free, 'a demo worker with records and no upcoming booking').not.toBeNull();
  return { free: free!, booked };
}

/**
 * Give the worker more than one kind of record, as a real one has: their call referred on
 * to mediation, and another caller's call whose summary mentions their number.
 */
async function widen(token: string, s: Subject): Promise<Subject> {
  const call = s.hotlineCalls[0];
  if (call) {
    for (const stage of ['town_mediation', 'district_mediation', 'legal_aid']) {
      const res = await post(token, '/api/referrals', {
        fromStationId: call.stationId,
        toStationId: call.stationId,
        stage,
        hotlineCallId: call.id,
        category: call.category,
        summary: '欠薪未解决，转调解',
      });
      if (res.ok) break;
    }
    const mention = await post(token, '/api/hotline-calls', {
      stationId: call.stationId,
      category: 'wage_arrears',
      summary: `工友代同事咨询，同事电话 ${s.phone}，希望律师回电`,
      durationSeconds: 120,
      outcome: 'answered',
    });
    expect(mention.status).toBe(201);
  }
  return api<Subject>(token, `/api/privacy/subjects?phone=${s.phone}`);
}

describe('personal data requests', () => {
  it('finds every record by phone, exports it, erases it with a reason, and then finds nothing', async () => {
    const staffToken = await tokenOf('staff');
    const found = await demoWorkers(staffToken);
    const booked = found.booked;
    const free = await widen(staffToken, found.free);
    expect(free.counts.mentions).toBeGreaterThan(0);
    const { context, page, problems } = await openPage();
    try {
      await signIn(page, 'staff', '/desk');
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '个人信息查询' }).click();
      await page.waitForURL('**/privacy');
      await page.getByRole('heading', { level: 1, name: '个人信息查询' }).waitFor();
      expect(await page.getByRole('note').innerText()).toContain('查看记录会被记入审计日志');

      const phoneInput = page.getByLabel('劳动者的手机号');
      const search = page.getByRole('button', { name: '查询', exact: true });

      // A number that is not one says so by the field, without asking the suite.server.
      await phoneInput.fill('12345');
      await search.click();
      await page.getByText('请填写正确的手机号').waitFor();

      // Erasure refused while a booking is not over: the dialog says which one and what to do.
      if (booked) {
        await phoneInput.fill(booked.phone);
        await search.click();
        await page.locator('.privacy-summary').getByText(booked.phone).waitFor();
        await page.getByRole('button', { name: '删除这些信息' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('删除原因（必填）').fill('本人到站书面申请删除');
        await dialog.getByRole('button', { name: '确认永久删除' }).click();
        const blocked = dialog.locator('.privacy-blocked');
        await blocked.waitFor();
        expect(await blocked.innerText()).toContain('现在还不能删除');
        expect(await blocked.innerText()).toContain('查询/修改预约');
        await shot(page, 'privacy-erase-blocked-desktop');
        await dialog.getByRole('button', { name: '不删除，返回' }).click();
        await dialog.waitFor({ state: 'hidden' });
      }

      // The worker's number, typed as people do (spaces): every record, grouped by kind.
      const spaced = `${free.phone.slice(0, 3)} ${free.phone.slice(3, 7)} ${free.phone.slice(7)}`;
      await phoneInput.fill(spaced);
      await search.click();
      const summary = page.locator('.privacy-summary');
      await summary.getByText(free.phone).waitFor();
      const calls = page.locator('section[data-group="hotlineCalls"]');
      await calls.waitFor();
      expect(await calls.locator('tbody tr').count()).toBe(free.counts.hotlineCalls);
      expect(await calls.innerText()).toContain(free.phone);
      for (const kind of ['appointments', 'waitlist', 'referrals', 'notifications', 'mentions'] as const) {
        expect(await page.locator(`section[data-group="${kind}"] tbody tr`).count(), kind).toBe(free.counts[kind]);
      }
      // The number stays out of the address bar (and so out of the browser history).
      expect(page.url()).not.toContain(free.phone);
      await shot(page, 'privacy-desktop');
      await shot(page, 'privacy-desktop-full', true);

      // A copy for the worker: the JSON file with their records.
      const [download] = await Promise.all([page.waitForEvent('download'), summary.getByRole('button', { name: '导出 JSON' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^personal-data-\d{4}-\d{2}-\d{2}\.json$/);
      const copy = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as Subject;
      expect(copy.phone).toBe(free.phone);
      expect(copy.counts).toEqual(free.counts);
      const [xlsx] = await Promise.all([page.waitForEvent('download'), summary.getByRole('button', { name: '导出 Excel' }).click()]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(fs.readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK');

      // Erase: the dialog explains, and will not go without a reason.
      await summary.getByRole('button', { name: '删除这些信息' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const text = await dialog.innerText();
      expect(text).toContain('永久清除');
      expect(text).toContain('统计数字不变');
      await shot(page, 'privacy-erase-dialog-desktop');
      await dialog.getByRole('button', { name: '确认永久删除' }).click();
      await dialog.getByText('请填写删除原因').waitFor();
      await dialog.getByLabel('删除原因（必填）').fill('本人到站书面申请删除个人信息');
      await dialog.getByRole('button', { name: '确认永久删除' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('status').filter({ hasText: '已删除' }).waitFor();
      await page.getByTestId('privacy-none').waitFor();

      // Searching again: nothing.
      await phoneInput.fill(free.phone);
      await search.click();
      await page.getByTestId('privacy-none').waitFor();
      expect(await page.locator('section[data-group]').count()).toBe(0);
      await shot(page, 'privacy-after-erase-desktop');

      const after = await api<Subject>(await tokenOf('coordinator'), `/api/privacy/subjects?phone=${free.phone}`);
      expect(Object.values(after.counts).every((n) => n === 0)).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens a station poster from the stations page in a new tab', async () => {
    const { context, page, problems } = await openPage();
    try {
      await signIn(page, 'coordinator', '/coverage');
      await page.goto(`${suite.server.baseUrl}/stations`);
      const card = page.locator('.station-card[data-level="district"]').first();
      await card.waitFor();
      const link = card.getByRole('link', { name: /打印.*海报/ });
      expect(await link.innerText()).toBe('打印海报');
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('href')).toMatch(/^\/api\/stations\/\d+\/poster$/);
      await shot(page, 'stations-poster-button-desktop');
      const [poster] = await Promise.all([context.waitForEvent('page'), link.click()]);
      await poster.setViewportSize({ width: 794, height: 1123 });
      await poster.waitForLoadState('load');
      expect(await poster.locator('h1').innerText()).toContain('免费法律咨询');
      expect(await poster.locator('.qr svg').count()).toBe(1);
      await shot(poster, 'poster-from-stations');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
