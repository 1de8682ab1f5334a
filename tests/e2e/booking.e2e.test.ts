/**
 * A worker on a 360 px phone books a consultation at the district station: the first
 * day with free places, a time that is taken meanwhile (409 → back to the times), a
 * phone number typed wrong first, a double tap on "确认预约" (one booking only). Then the
 * desk staff check them in and record the outcome. A second booking is looked up with
 * its code typed in lower case with spaces, moved to another time and cancelled.
 *
 * Workers are checked in on the day of their consultation, so the server and the pages
 * run on a demo clock (DEMO_NOW): 08:00 on the next working weekday, whose places open
 * from 10:00 (two hours' notice). The test means the same thing whatever the real hour.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoSuite, SCREENSHOTS } from './suite';
import { DESKTOP_ZH, PHONE_ZH } from './viewports';
import { callApi, openWatchedPage } from './session.js';
import { WorkingCalendar } from '../../server/calendar/workingCalendar.js';
import { addDays, isoWeekday, zonedParts } from '../../server/lib/dates.js';

const PHONE = PHONE_ZH;
const DESKTOP = DESKTOP_ZH;

interface Slot {
  start: string;
  remaining: number;
}
interface Station {
  id: number;
  level: string;
  name: string;
}

/** 08:00 in the network on the next working weekday after today (holidays and 调休 as the server's calendar has them). */
function nextWorkingMorning(): string {
  const calendar = new WorkingCalendar([]);
  let date = addDays(zonedParts(new Date(), 'Asia/Shanghai').date, 1);
  while (!calendar.isWorkingDay(date) || isoWeekday(date) > 5) date = addDays(date, 1);
  return `${date}T08:00:00+08:00`;
}

const DEMO_NOW = nextWorkingMorning();
const suite = demoSuite({ env: { DEMO_NOW } });
let district: Station;

beforeAll(async () => {
  const stations = (await api('GET', '/api/stations')) as Station[];
  district = stations.find((s) => s.level === 'district')!;
});

const api = (method: string, url: string, body?: unknown, token?: string) => callApi(suite.server.baseUrl, method, url, body, token);

async function staffToken(): Promise<string> {
  const res = (await api('POST', '/api/auth/login', { username: 'staff', password: 'demo' })) as { token: string };
  return res.token;
}

const openPage = (options: object) => openWatchedPage(suite.browser, options, { acceptDialogs: true, now: new Date(DEMO_NOW) });

const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

/** Nothing sticks out sideways on a narrow phone. */
async function expectNoSideScroll(page: Page) {
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.doc, 'page wider than the screen').toBeLessThanOrEqual(widths.view);
}

/**
 * Made for thumbs and tired eyes: every control at least 48 px each way (a checkbox counts
 * by its label), body text 18 px, nothing smaller than 16 px.
 */
async function expectPhoneFriendly(page: Page) {
  const found = await page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const small = [...document.querySelectorAll('.book :is(a, button, input, select, textarea, summary, label.consent-check)')]
      .filter((el) => visible(el) && !(el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')))
      .map((el) => ({ el: el.outerHTML.slice(0, 90), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 48 || r.width < 48)
      .map(({ el, r }) => `${Math.round(r.width)}×${Math.round(r.height)} ${el}`);
    const tiny = [...document.querySelectorAll('.book *')]
      .filter((el) => visible(el) && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()))
      .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 16)
      .map((el) => `${getComputedStyle(el).fontSize} ${el.outerHTML.slice(0, 90)}`);
    const base = parseFloat(getComputedStyle(document.querySelector('.book')!).fontSize);
    return { small, tiny, base };
  });
  expect(found.small, 'touch targets under 48 px').toEqual([]);
  expect(found.tiny, 'text under 16 px').toEqual([]);
  expect(found.base).toBeGreaterThanOrEqual(18);
}

/** No raw i18n key (weekday.1, book.day.seats…) shows instead of words. */
async function expectNoStringKeys(page: Page) {
  expect(await page.locator('body').innerText()).not.toMatch(/\b(weekday|book|lookup|common)\.[\w.]+/);
}

/** The new step's heading has the focus. */
async function expectFocusOnHeading(page: Page, text: string) {
  await expect.poll(() => page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.textContent ?? ''}`)).toBe(`H2:${text}`);
}

describe('worker: booking on a phone, then the desk', () => {
  let bookedCode = '';
  let bookedDate = '';

  it('books at the district station on the first day with free places', async () => {
    const { context, page, problems } = await openPage(PHONE);
    try {
      await page.goto(`${suite.server.baseUrl}/`);
      await page.getByRole('link', { name: /预约咨询/ }).click();
      await page.waitForURL('**/book');

      // Step 1: the district station first, each station with its address and a number to call.
      await page.getByRole('heading', { name: '选择服务站', level: 2 }).waitFor();
      expect(await page.locator('[aria-current="step"]').innerText()).toContain('服务站');
      const districtCard = page.locator('.pick-station.level-district');
      expect(await districtCard.locator('h4').innerText()).toBe(district.name);
      expect(await districtCard.getByRole('link', { name: /打电话/ }).getAttribute('href')).toMatch(/^tel:\d+/);
      expect(await page.locator('.village-fold').count()).toBeGreaterThan(0);
      await expectNoSideScroll(page);
      await expectPhoneFriendly(page);
      await shot(page, 'book-1-station-phone', false);

      // Step 2: days as big buttons with plain words; closed days are not listed.
      await districtCard.getByRole('button', { name: '在这里预约' }).click();
      await page.getByRole('heading', { name: '选哪一天来', level: 2 }).waitFor();
      await expectFocusOnHeading(page, '选哪一天来');
      const firstDay = page.locator('.pick-days button.pick-button').first();
      await firstDay.waitFor();
      bookedDate = (await firstDay.getAttribute('data-date'))!;
      expect(bookedDate).toBe(DEMO_NOW.slice(0, 10)); // today on the demo clock: places from 10:00
      expect(await firstDay.innerText()).toMatch(/今天|明天|后天|周[一二三四五六日]/);
      expect(await firstDay.innerText()).toMatch(/还有 \d+ 个名额/);
      // Weekdays in words (their strings are public, not only the staff pages'), never a string key.
      expect(await page.locator('.pick-days').innerText()).toMatch(/周[一二三四五六日]/);
      await expectNoStringKeys(page);
      await expectNoSideScroll(page);
      await expectPhoneFriendly(page);
      await shot(page, 'book-2-day-phone', false);

      // Step 3: times with the places left.
      await firstDay.click();
      await page.getByRole('heading', { name: '选几点来', level: 2 }).waitFor();
      await expectFocusOnHeading(page, '选几点来');
      const freeTimes = page.locator('.pick-times button.pick-button:not([disabled])');
      await freeTimes.first().waitFor();
      expect(await freeTimes.first().innerText()).toMatch(/还有 \d+ 个名额/);
      expect(await page.locator('.book-lawyer').innerText()).toContain('当天值班律师');
      await expectNoSideScroll(page);
      await expectPhoneFriendly(page);
      await shot(page, 'book-3-time-phone', false);
      const takenStart = (await freeTimes.first().getAttribute('data-start'))!;
      await freeTimes.first().click();

      // Step 4: the problem, name, phone, consent. A wrong number is explained beside the field.
      await page.getByRole('heading', { name: '您遇到了什么问题？', level: 2 }).waitFor();
      await expectFocusOnHeading(page, '您遇到了什么问题？');
      await page.getByRole('radio', { name: '欠薪' }).check();
      await page.getByLabel('姓名', { exact: true }).fill('测试工人');
      await page.getByLabel('手机号', { exact: true }).fill('12345');
      await page.getByRole('button', { name: '确认预约' }).click();
      const phoneInput = page.getByLabel('手机号', { exact: true });
      await expect.poll(() => phoneInput.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await phoneInput.getAttribute('aria-describedby'))!.split(' ');
      const phoneError = page.locator(`#${describedBy.find((id) => id.endsWith('error'))}`);
      expect(await phoneError.innerText()).toContain('手机号是11位数字');
      expect(await page.locator('#wf-consent-error').innerText()).toContain('我同意');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('wf-phone');
      expect(await phoneInput.getAttribute('type')).toBe('tel');
      expect(await phoneInput.getAttribute('inputmode')).toBe('numeric');
      await shot(page, 'book-4-details-errors-phone');
      await phoneInput.fill('138 0013 8000');
      await page.getByRole('checkbox', { name: '我同意' }).check();
      await page.getByLabel(/想先告诉律师的情况/).fill('公司拖欠三个月工资');
      expect(await page.locator('.book-error').count()).toBe(0);
      await expectNoSideScroll(page);
      await expectPhoneFriendly(page);
      await shot(page, 'book-4-details-phone');

      // Meanwhile others take the last places at that time: the worker is sent back to the times.
      const slots = (await api('GET', `/api/stations/${district.id}/slots?date=${bookedDate}`)) as Slot[];
      const taken = slots.find((s) => s.start === takenStart)!;
      for (let i = 0; i < taken.remaining; i++) {
        await api('POST', '/api/appointments', {
          stationId: district.id,
          start: takenStart,
          name: `抢先${i}`,
          phone: `1390000000${i}`,
          category: 'other',
          consent: true,
        });
      }
      await page.getByRole('button', { name: '确认预约' }).click();
      await page.getByRole('heading', { name: '选几点来', level: 2 }).waitFor();
      expect(await page.getByRole('alert').innerText()).toContain('这个时间刚被约满了，请换一个时间');
      // The times are asked for again: the taken one is now full.
      await expect.poll(() => page.locator(`.pick-times button[data-start="${takenStart}"]`).isDisabled()).toBe(true);
      await shot(page, 'book-3-time-slot-full-phone', false);

      // Another time; what was typed is still there. A double tap books once.
      const other = page.locator('.pick-times button.pick-button:not([disabled])').first();
      const start = (await other.getAttribute('data-start'))!;
      await other.click();
      await page.getByRole('heading', { name: '您遇到了什么问题？', level: 2 }).waitFor();
      expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe('测试工人');
      expect(await page.getByRole('radio', { name: '欠薪' }).isChecked()).toBe(true);
      await page.getByRole('button', { name: '确认预约' }).dblclick();

      // Step 5: the code in large type, where and when, what to bring, a calendar file.
      await page.getByRole('heading', { name: '预约成功', level: 2 }).waitFor();
      await expectFocusOnHeading(page, '✓预约成功');
      bookedCode = (await page.getByTestId('booking-code').getAttribute('data-code'))!;
      expect(bookedCode).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
      const facts = await page.locator('.booking-facts').innerText();
      expect(facts).toContain(district.name);
      expect(facts).toContain(start.slice(11, 16));
      expect(facts).toContain('值班律师');
      expect(await page.locator('.bring-list').innerText()).toContain('身份证');
      expect(await page.getByRole('link', { name: '查询/修改预约' }).getAttribute('href')).toBe(`/booking?code=${bookedCode}`);
      await page.getByRole('button', { name: '读给我听' }).waitFor();
      const calendar = page.getByRole('link', { name: '添加到手机日历' });
      expect(await calendar.getAttribute('download')).toMatch(/\.ics$/);
      const [download] = await Promise.all([page.waitForEvent('download'), calendar.click()]);
      expect(download.suggestedFilename()).toBe(`法律咨询预约-${bookedCode}.ics`);
      const ics = fs.readFileSync((await download.path())!, 'utf8');
      const local = start.slice(0, 16).replace(/[-:]/g, '');
      expect(ics).toContain('BEGIN:VEVENT');
      expect(ics).toContain(`DTSTART;TZID=Asia/Shanghai:${local}00`);
      expect(ics).toContain(bookedCode);
      expect(facts).toMatch(/周[一二三四五六日]/);
      await expectNoStringKeys(page);
      expect(await page.title()).toBe('完成 · 预约免费法律咨询');
      await expectNoSideScroll(page);
      await expectPhoneFriendly(page);
      await shot(page, 'book-5-done-phone');

      // One booking for this phone, despite the double tap.
      const token = await staffToken();
      const day = (await api('GET', `/api/appointments?stationId=${district.id}&date=${bookedDate}&pageSize=200`, undefined, token)) as {
        items: { name: string; code: string; status: string }[];
      };
      expect(day.items.filter((a) => a.name === '测试工人' && a.status === 'booked')).toHaveLength(1);

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the desk checks the worker in and records the outcome', async () => {
    expect(bookedCode).not.toBe('');
    const { context, page, problems } = await openPage(DESKTOP);
    try {
      await page.goto(`${suite.server.baseUrl}/login`);
      await page.getByLabel('用户名').fill('staff');
      await page.getByLabel('密码').fill('demo');
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL('**/desk');
      await page.getByRole('heading', { name: '今日接待', level: 1 }).waitFor();

      await page.goto(`${suite.server.baseUrl}/desk?date=${bookedDate}`);
      const row = page.locator(`.desk-row[data-code="${bookedCode}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain('欠薪');
      expect(await row.locator('.status-pill').innerText()).toBe('已预约');
      await row.getByRole('button', { name: '测试工人 签到' }).click();
      await expect.poll(() => row.locator('.status-pill').innerText()).toBe('已签到');
      await shot(page, 'desk-checked-in-desktop', false);

      await row.getByRole('button', { name: /测试工人 完成咨询/ }).click();
      const form = row.locator('.desk-outcome-form');
      await form.getByRole('checkbox', { name: '代写仲裁申请书' }).check();
      await form.getByLabel('涉及金额（元）').fill('18,600');
      await shot(page, 'desk-outcome-desktop', false);
      await form.getByRole('button', { name: '保存并完成' }).click();
      await expect.poll(() => row.locator('.status-pill').innerText()).toBe('已完成');
      expect(await row.locator('.desk-outcome').innerText()).toContain('代写仲裁申请书');
      expect(await row.locator('.desk-outcome').innerText()).toContain('18,600');

      // The date switcher and the walk-in form (today only).
      await page.getByRole('button', { name: '今天', exact: true }).click();
      await page.getByRole('heading', { name: '今日接待', level: 1 }).waitFor();
      await page.getByRole('heading', { name: '现场登记' }).waitFor();
      const walkIn = page.locator('.walk-in-form');
      await walkIn.getByLabel('姓名', { exact: true }).fill('现场工人');
      await walkIn.getByLabel('手机号', { exact: true }).fill('13700137000');
      await walkIn.getByLabel('问题类别').selectOption('work_injury');
      await walkIn.getByRole('checkbox').check();
      await walkIn.getByRole('button', { name: '登记并签到' }).click();
      await walkIn.getByText('已登记并签到：现场工人').waitFor();
      const walkInRow = page.locator('.desk-row', { hasText: '现场工人' });
      await walkInRow.waitFor();
      expect(await walkInRow.locator('.status-pill').innerText()).toBe('已签到');
      await shot(page, 'desk-today-desktop', false);

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('looks up a booking by code and phone, moves it and cancels it', async () => {
    // A second booking, made the way a hotline operator or another phone would.
    const days = (await api('GET', `/api/stations/${district.id}/availability?from=${bookedDate}&to=${bookedDate}`)) as unknown[];
    expect(days).toHaveLength(1);
    const slots = ((await api('GET', `/api/stations/${district.id}/slots?date=${bookedDate}`)) as Slot[]).filter((s) => s.remaining > 0);
    const second = (await api('POST', '/api/appointments', {
      stationId: district.id,
      start: slots[slots.length - 1]!.start,
      name: '第二位工人',
      phone: '13600136000',
      category: 'dismissal',
      consent: true,
    })) as { code: string };

    const { context, page, problems } = await openPage(PHONE);
    try {
      // The first booking: already seen at the desk, so it can no longer be changed.
      await page.goto(`${suite.server.baseUrl}/booking?code=${bookedCode}`);
      await page.getByLabel('手机号', { exact: true }).fill('13800138000');
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await page.getByRole('heading', { name: /您的预约/, level: 2 }).waitFor();
      expect(await page.locator('.status-pill').innerText()).toBe('已完成');
      expect(await page.getByRole('button', { name: '取消预约' }).count()).toBe(0);
      await page.getByRole('button', { name: '查询另一个预约' }).click();

      // A wrong phone number is a plain "not found".
      const typed = second.code.toLowerCase().replace('-', ' ');
      await page.getByLabel('预约码', { exact: true }).fill(typed);
      await page.getByLabel('手机号', { exact: true }).fill('13600136001');
      await page.getByRole('button', { name: '查询', exact: true }).click();
      expect(await page.getByRole('alert').innerText()).toContain('没有找到这个预约');
      await shot(page, 'booking-lookup-not-found-phone', false);

      // Lower case and spaces in the code are fine.
      await page.getByLabel('手机号', { exact: true }).fill('136 0013 6000');
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await page.getByRole('heading', { name: /您的预约/, level: 2 }).waitFor();
      expect(await page.getByTestId('booking-code').getAttribute('data-code')).toBe(second.code);
      expect(await page.locator('.status-pill').innerText()).toBe('已预约');
      expect(await page.locator('.booking-when').innerText()).toMatch(/周[一二三四五六日]/);
      await expectNoStringKeys(page);
      await expectNoSideScroll(page);
      await expectPhoneFriendly(page);
      await shot(page, 'booking-lookup-found-phone');

      // Move it: the same day and time pickers.
      await page.getByRole('button', { name: '改到其他时间' }).click();
      await page.getByRole('heading', { name: '改到哪一天', level: 2 }).waitFor();
      await page.locator(`.pick-days button[data-date="${bookedDate}"]`).click();
      await page.getByRole('heading', { name: '改到几点', level: 2 }).waitFor();
      const newTime = page.locator('.pick-times button.pick-button:not([disabled])').first();
      const newStart = (await newTime.getAttribute('data-start'))!;
      await newTime.click();
      await page.getByRole('heading', { name: '确认改时间', level: 2 }).waitFor();
      expect(await page.locator('.book').innerText()).toMatch(/从 .*周[一二三四五六日].* 改到 .*周[一二三四五六日]/);
      await expectNoStringKeys(page);
      await page.getByRole('button', { name: '确认改时间' }).click();
      await page.getByText(/^已改到 .*周[一二三四五六日]/).waitFor();
      expect(await page.locator('.booking-when').innerText()).toContain(newStart.slice(11, 16));

      // Cancel it, after a confirmation.
      await page.getByRole('button', { name: '取消预约' }).click();
      expect(await page.locator('.confirm-question').innerText()).toContain('确定要取消');
      await shot(page, 'booking-cancel-confirm-phone', false);
      await page.getByRole('button', { name: '是的，取消预约' }).click();
      await page.getByText('预约已取消。').waitFor();
      expect(await page.locator('.status-pill').innerText()).toBe('已取消');
      await shot(page, 'booking-cancelled-phone', false);

      const after = (await api('GET', `/api/appointments/lookup?code=${encodeURIComponent(second.code)}&phone=13600136000`)) as { status: string };
      expect(after.status).toBe('cancelled');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a full day offers the waitlist; a freed seat is held and confirmed at /booking', async () => {
    // The town station of the poster's QR code (/book/gsh-100, typed in lower case): fill its first open day.
    const town = (await api('GET', '/api/stations/by-code/GSH-100')) as Station;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const to = new Date(Date.parse(`${today}T00:00:00Z`) + 13 * 86_400_000).toISOString().slice(0, 10);
    const days = (await api('GET', `/api/stations/${town.id}/availability?from=${today}&to=${to}`)) as { date: string; open: boolean; remaining: number }[];
    const full = days.find((d) => d.open && d.remaining > 0)!;
    const codes: { code: string; phone: string }[] = [];
    let n = 0;
    for (const slot of (await api('GET', `/api/stations/${town.id}/slots?date=${full.date}`)) as Slot[]) {
      for (let i = 0; i < slot.remaining; i++, n++) {
        const phone = `1350000${String(n).padStart(4, '0')}`;
        const b = (await api('POST', '/api/appointments', { stationId: town.id, start: slot.start, name: `满员${n}`, phone, category: 'other', consent: true })) as {
          code: string;
        };
        codes.push({ code: b.code, phone });
      }
    }

    const { context, page, problems } = await openPage(PHONE);
    try {
      await page.goto(`${suite.server.baseUrl}/book/gsh-100`);
      await page.getByRole('heading', { name: '选哪一天来', level: 2 }).waitFor();
      expect(await page.locator('.chosen').innerText()).toContain(town.name);
      const fullDay = page.locator(`.pick-full[data-date="${full.date}"]`);
      await fullDay.waitFor();
      expect(await fullDay.innerText()).toContain('已约满');
      await shot(page, 'book-2-day-full-phone', false);
      await fullDay.getByRole('button', { name: /加入候补/ }).click();

      await page.getByRole('heading', { name: /^加入候补：/, level: 2 }).waitFor();
      expect(await page.locator('[aria-current="step"]').innerText()).toContain('候补');
      await page.getByRole('radio', { name: '新就业形态' }).check();
      await page.getByLabel('姓名', { exact: true }).fill('候补工人');
      await page.getByLabel('手机号', { exact: true }).fill('13100131000');
      await page.getByRole('checkbox', { name: '我同意' }).check();
      await page.getByRole('button', { name: '加入候补' }).click();
      await page.getByRole('heading', { name: '已加入候补', level: 2 }).waitFor();
      expect(await page.locator('.book-done').innerText()).toContain('您排在第 1 位');
      expect(await page.locator('.book-done').innerText()).toMatch(/周[一二三四五六日]/);
      await expectNoStringKeys(page);
      // The instruction names the link that is really on /booking.
      const howTo = await page.locator('.book-hint-strong').innerText();
      const claimLink = howTo.match(/点页面下方的「(.+?)」/)![1];
      const waitCode = (await page.getByTestId('booking-code').getAttribute('data-code'))!;
      await shot(page, 'book-waitlisted-phone');

      // Someone cancels: the seat is held for the first in line, who confirms it with the waitlist code.
      await api('POST', '/api/appointments/cancel', codes[0]);
      await page.getByRole('link', { name: '确认候补名额' }).click();
      await page.getByRole('heading', { name: '确认候补名额', level: 2 }).waitFor();
      await page.getByRole('button', { name: '返回查询预约' }).click();
      await page.getByRole('heading', { name: '填写预约码和手机号', level: 2 }).waitFor();
      await page.getByRole('button', { name: claimLink, exact: true }).click();
      await page.getByRole('heading', { name: '确认候补名额', level: 2 }).waitFor();
      expect(await page.getByLabel('候补码', { exact: true }).inputValue()).toBe(waitCode);
      await page.getByLabel('手机号', { exact: true }).fill('13100131000');
      await page.getByRole('button', { name: '确认预约' }).click();
      await page.getByText('已为您约好。').waitFor();
      expect(await page.locator('.status-pill').innerText()).toBe('已预约');
      expect(await page.locator('.booking-facts').first().innerText()).toContain(town.name);
      await shot(page, 'booking-claimed-phone');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
