/**
 * A lawyer gives one of their coming duties to a colleague who can take it, from
 * /my-duty; the colleague sees it under 可接的班 (and in the bell) and accepts; where
 * the station wants it, the coordinator approves it in /swaps; the coverage calendar
 * then shows the colleague on that day. Screenshots on a desktop and a phone.
 */
import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSuite, SCREENSHOTS } from './suite';
import { signIn as signInAs, openWatchedPage } from './session.js';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

const suite = demoSuite();

// ---- The API, for finding a duty to give away ---------------------------------------

interface Shift {
  id: number;
  date: string;
  start: string;
  stationId: number;
  lawyerId: number;
  lawyerName: string;
}
interface Station {
  id: number;
  name: string;
  level: string;
  swapAutoApprove: boolean;
}
interface Candidate {
  lawyerId: number;
  name: string;
}
interface Swap {
  id: number;
  shiftId: number;
  toShiftId: number | null;
  status: string;
}

async function api<T>(pathname: string, token: string | null, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${suite.server.baseUrl}${pathname}`, {
    method: init.method ?? 'GET',
    headers: {
      Accept: 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${pathname}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const login = async (username: string) =>
  (await api<{ token: string }>('/api/auth/login', null, { method: 'POST', body: { username, password: 'demo' } })).token;

/** Today in the network's zone, plus `n` days. */
function networkDay(n = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

interface Plan {
  a: { username: string; name: string };
  b: { username: string; name: string; lawyerId: number };
  shift: Shift;
  station: Station;
}

/**
 * A coming duty (two days out or more, at the district station or a sub-station, so the
 * coverage calendar shows it by default) with no swap waiting over it and a colleague who
 * can take it. Stations that want approval are tried first, so the coordinator has a part.
 */
async function findPlan(): Promise<Plan> {
  const coordinator = await login('coordinator');
  const stations = await api<Station[]>('/api/stations', coordinator);
  const stationById = new Map(stations.map((s) => [s.id, s]));
  const users = await api<{ username: string; lawyerId: number | null; displayName: string }[]>('/api/users', coordinator).catch(() => []);
  const usernameOf = (lawyerId: number) => users.find((u) => u.lawyerId === lawyerId)?.username ?? `lawyer${lawyerId}`;
  const live = await api<{ items: Swap[] }>('/api/swaps?status=pending,accepted&pageSize=200', coordinator);
  const busy = new Set(live.items.flatMap((s) => [s.shiftId, s.toShiftId ?? 0]));
  const shifts = (await api<Shift[]>(`/api/shifts?from=${networkDay(2)}&to=${networkDay(40)}&status=published`, coordinator))
    .filter((s) => !busy.has(s.id) && stationById.get(s.stationId)?.level !== 'village')
    .sort((x, y) => Number(stationById.get(x.stationId)!.swapAutoApprove) - Number(stationById.get(y.stationId)!.swapAutoApprove) || x.date.localeCompare(y.date));

  // The test reads the Chinese pages: the demo's lawyers whose accounts read English (lawyer2) sit this one out.
  const readsChinese = async (username: string) => {
    const token = await login(username).catch(() => null);
    return token && (await api<{ lang?: string }>('/api/me', token)).lang !== 'en' ? token : null;
  };
  for (const shift of shifts.slice(0, 30)) {
    const a = { username: usernameOf(shift.lawyerId), name: shift.lawyerName };
    const token = await readsChinese(a.username);
    if (!token) continue;
    const candidates = await api<Candidate[]>(`/api/swaps/candidates?shiftId=${shift.id}`, token);
    let b: Candidate | undefined;
    for (const c of candidates) if (!b && (await readsChinese(usernameOf(c.lawyerId)))) b = c;
    if (!b) continue;
    return { a, b: { username: usernameOf(b.lawyerId), name: b.name, lawyerId: b.lawyerId }, shift, station: stationById.get(shift.stationId)! };
  }
  throw new Error('no coming duty with a colleague able to take it in the demo data');
}

// ---- The browser -----------------------------------------------------------------------

const openPage = (options: BrowserContextOptions = DESKTOP) => openWatchedPage(suite.browser, options, { acceptDialogs: true });

const signIn = (page: Page, username: string, landing: string) => signInAs(page, suite.server.baseUrl, username, landing);

/** Page the calendar forward until the day is on it. */
async function showDay(page: Page, scope: string, date: string) {
  for (let i = 0; i < 3; i++) {
    await page.locator(`${scope} [data-date]`).first().waitFor();
    if ((await page.locator(`${scope} [data-date="${date}"]`).count()) > 0) return;
    await page.locator(scope).getByRole('button', { name: '下月' }).click();
  }
  throw new Error(`${date} never showed on the calendar`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });

describe('swaps: give a duty to a colleague', () => {
  it('offers, accepts, approves and shows the new lawyer on the coverage calendar', async () => {
    const plan = await findPlan();
    const { shift, a, b, station } = plan;
    const note = '当天需出庭（测试）';

    // ---- A offers the duty to B, by name.
    {
      const { context, page, problems } = await openPage();
      try {
        await signIn(page, a.username, '/my-duty');
        await page.getByRole('heading', { name: '我的值班', level: 1 }).waitFor();
        await showDay(page, '.my-duty-calendar', shift.date);
        const duty = page.locator(`.my-duty-calendar [data-date="${shift.date}"] .duty-event`).first();
        await duty.waitFor();
        await duty.click();

        const form = page.locator('.swap-form');
        await form.waitFor();
        expect(await form.getByRole('radio', { name: '转让给同事' }).isChecked()).toBe(true);
        const select = form.getByLabel('同事', { exact: true });
        await select.locator('option').nth(1).waitFor({ state: 'attached' });
        const offered = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
        // Only colleagues who can take it, and never the lawyer on the duty.
        expect(offered).toContain(String(b.lawyerId));
        expect(offered).not.toContain(String(shift.lawyerId));
        await select.selectOption(String(b.lawyerId));
        await form.getByLabel('留言（选填）').fill(note);
        await shot(page, 'my-duty-offer-desktop');
        await form.getByRole('button', { name: '发出转让' }).click();

        await page.locator('.alert-ok', { hasText: '等待对方接受' }).waitFor();
        const mine = page.locator('section[aria-labelledby="mine-title"]');
        const request = mine.locator('.swap-card', { hasText: b.name }).first();
        await request.waitFor();
        expect(await request.locator('.swap-status').innerText()).toBe('待接受');
        expect(await request.getByRole('button', { name: '撤回' }).count()).toBe(1);
        // The duty is marked on the calendar while the swap waits.
        await page.locator(`.my-duty-calendar [data-date="${shift.date}"] .duty-swapping`).first().waitFor();
        await page.evaluate(() => window.scrollTo(0, 0));
        await shot(page, 'my-duty-desktop');
        expect(problems).toEqual([]);
      } catch (err) {
        await shot(page, 'swaps-failure').catch(() => undefined);
        throw err;
      } finally {
        await context.close();
      }
    }

    // ---- B is told (the bell), finds it under 可接的班 and accepts.
    let status: string;
    {
      const { context, page, problems } = await openPage();
      try {
        await signIn(page, b.username, '/my-duty');
        await page.locator('section[aria-labelledby="offers-title"] .swap-card').first().waitFor();
        const bell = page.getByRole('button', { name: /^通知：\d+ 条未读$/ });
        await bell.waitFor();
        await bell.click();
        const panel = page.locator('.bell-panel');
        await panel.locator('.bell-list li.is-unread', { hasText: shift.date }).first().waitFor();
        expect(await panel.locator('.bell-item-time').first().innerText()).toMatch(/刚刚|分钟前/);
        await shot(page, 'notifications-desktop');
        await page.keyboard.press('Escape');
        await panel.waitFor({ state: 'detached' });

        const offers = page.locator('section[aria-labelledby="offers-title"]');
        const offer = offers.locator('.swap-card', { hasText: a.name }).filter({ hasText: note }).first();
        await offer.waitFor();
        await shot(page, 'my-duty-offers-desktop');
        await offer.getByRole('button', { name: /^接受/ }).click();
        const done = offers.locator('.alert-ok');
        await done.waitFor();
        const text = await done.innerText();
        expect(text).toMatch(station.swapAutoApprove ? /已生效/ : /等待协调员审批/);
        status = station.swapAutoApprove ? 'applied' : 'accepted';

        // Under 我的申请, as one given to B.
        const taken = page.locator('section[aria-labelledby="mine-title"] .swap-card', { hasText: a.name }).first();
        await taken.waitFor();
        expect(await taken.locator('.swap-status').innerText()).toBe(station.swapAutoApprove ? '已生效' : '已接受待审批');
        expect(problems).toEqual([]);
      } catch (err) {
        await shot(page, 'swaps-failure').catch(() => undefined);
        throw err;
      } finally {
        await context.close();
      }
    }

    // ---- The coordinator approves it in the swap inbox (where the station wants approval).
    {
      const { context, page, problems } = await openPage();
      try {
        await signIn(page, 'coordinator', '/coverage');
        const nav = page.getByRole('navigation', { name: '主导航' });
        if (status === 'accepted') {
          const link = nav.getByRole('link', { name: /调班审批/ });
          await link.locator('.nav-count').waitFor();
          await link.click();
          await page.waitForURL('**/swaps');
          const awaiting = page.locator('section[aria-labelledby="swap-section-accepted"]');
          const card = awaiting.locator('.swap-card', { hasText: b.name }).filter({ hasText: note }).first();
          await card.waitFor();
          expect(await card.locator('.swap-conflicts').count()).toBe(0);
          await shot(page, 'swaps-inbox-desktop');
          await card.getByPlaceholder(/审批意见/).fill('已电话核实');
          await card.getByRole('button', { name: '批准' }).click();
          await page.locator('.alert-ok', { hasText: '已批准' }).waitFor();
          await awaiting.locator('.swap-card', { hasText: note }).waitFor({ state: 'detached' });
          // The applied list has it, with the note.
          await page.getByRole('button', { name: '已生效' }).click();
          await page.locator('.swap-card', { hasText: note }).filter({ hasText: '已电话核实' }).first().waitFor();
        }

        // ---- The coverage calendar shows B on that day.
        await nav.getByRole('link', { name: '覆盖日历' }).click();
        await page.waitForURL('**/coverage');
        await showDay(page, '.coverage-calendar', shift.date);
        const short = station.name.replace(/(职工)?(维权)?(服务)?(分站|工作站|服务站|站)$/u, '');
        const event = page.locator(`.coverage-calendar [data-date="${shift.date}"] .cov-event`, { hasText: short }).first();
        await event.waitFor({ timeout: 20_000 });
        await expect.poll(() => event.innerText()).toContain(b.name);
        await event.click();
        await page.locator('.day-panel').waitFor();
        await shot(page, 'swaps-coverage-desktop');
        expect(problems).toEqual([]);
      } catch (err) {
        await shot(page, 'swaps-failure').catch(() => undefined);
        throw err;
      } finally {
        await context.close();
      }
    }

    // ---- A on a phone: the list view, the finished request and the calendar feed.
    {
      const { context, page, problems } = await openPage(PHONE);
      try {
        await signIn(page, a.username, '/my-duty');
        // Phones open on the list of the coming weeks.
        await page.locator('.my-duty-calendar .duty-event').first().waitFor();
        await page.locator('#feed-url').waitFor();
        expect(await page.locator('#feed-url').inputValue()).toMatch(/\/api\/ical\/lawyers\/\d+\.ics\?token=/);
        await shot(page, 'my-duty-phone');
        await page.locator('section[aria-labelledby="mine-title"]').scrollIntoViewIfNeeded();
        await shot(page, 'my-duty-phone-requests');
        expect(problems).toEqual([]);
      } catch (err) {
        await shot(page, 'swaps-failure').catch(() => undefined);
        throw err;
      } finally {
        await context.close();
      }
    }
  });
});
