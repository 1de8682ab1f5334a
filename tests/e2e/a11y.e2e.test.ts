/**
 * Accessibility, checked by axe-core (WCAG 2.x A and AA rules and axe's best practices; see
 * ./axe.ts) in Chinese and in English:
 * - the worker's pages on a 360×740 phone: the landing page, every step of /book to the
 *   confirmation (with validation messages showing too), the waitlist form, and /booking from
 *   the empty form to confirming a cancellation;
 * - the main staff pages at 1280 px: the desk (with a walk-in's outcome form open), the
 *   hotline's three tabs, the coverage calendar (with a day open), the roster builder (with a
 *   duty's editor open) and the dashboard (with its charts and a custom period);
 * - and a worker books on /book with the keyboard alone (Tab, Enter, Space), seeing where the
 *   focus is at every stop.
 * Any violation fails the test, whatever its impact.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../client/src/i18n/en';
import staffZhCN from '../../client/src/i18n/staff.zh-CN';
import zhCN, { type Translation } from '../../client/src/i18n/zh-CN';
import { formatInputDate } from '../../client/src/lib/dates';
import { axeViolations } from './axe';
import { demoSuite } from './suite';
import { DESKTOP_ZH } from './viewports';

const LANGUAGES = ['zh-CN', 'en'] as const;
type Language = (typeof LANGUAGES)[number];
/** The pages' own strings, so each step is found by what it says in either language. */
const STRINGS: Record<Language, Translation> = { 'zh-CN': { ...zhCN, ...staffZhCN }, en: en as unknown as Translation };
const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const KEYBOARD_PHONE = { viewport: { width: 360, height: 740 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const DESKTOP = DESKTOP_ZH;

interface Station {
  id: number;
  level: string;
}

const suite = demoSuite();

/** A page in `language` (as a visitor who picked it earlier), signed in with `token` if given; confirmation prompts are accepted. */
async function openPage(browser: Browser, options: object, language: Language, token?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  await context.addInitScript(
    ({ language, token }) => {
      localStorage.setItem('dutyroster.lang', language);
      if (token) localStorage.setItem('dutyroster.token', token);
    },
    { language, token },
  );
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  return { context, page };
}

async function tokenFor(username: string): Promise<string> {
  const res = await fetch(`${suite.server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  expect(res.status, `sign-in of ${username}`).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function districtStation(): Promise<Station> {
  const stations = (await (await fetch(`${suite.server.baseUrl}/api/stations`)).json()) as Station[];
  return stations.find((s) => s.level === 'district')!;
}

/** A booking made through the API at the district station's last free time: its code. */
async function bookThroughApi(phone: string): Promise<string> {
  const district = await districtStation();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const to = new Date(Date.parse(`${today}T00:00:00Z`) + 13 * 86_400_000).toISOString().slice(0, 10);
  const days = (await (await fetch(`${suite.server.baseUrl}/api/stations/${district.id}/availability?from=${today}&to=${to}`)).json()) as {
    date: string;
    remaining: number;
  }[];
  const day = days.find((d) => d.remaining > 0)!;
  const slots = (await (await fetch(`${suite.server.baseUrl}/api/stations/${district.id}/slots?date=${day.date}`)).json()) as {
    start: string;
    remaining: number;
  }[];
  const res = await fetch(`${suite.server.baseUrl}/api/appointments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      stationId: district.id,
      start: slots.filter((s) => s.remaining > 0).at(-1)!.start,
      name: '查询测试',
      phone,
      category: 'social_insurance',
      consent: true,
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { code: string }).code;
}

describe.each(LANGUAGES)('accessibility (axe-core) in %s', (language) => {
  const S = STRINGS[language];

  it('the landing page and every step of /book to the confirmation, on a phone', async () => {
    const { context, page } = await openPage(suite.browser, PHONE, language);
    const problems: string[] = [];
    const check = async (label: string) => problems.push(...(await axeViolations(page, `${language} ${label}`)));
    try {
      await page.goto(`${suite.server.baseUrl}/`);
      await page.getByRole('link', { name: S.home.book }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      await check('/');

      await page.goto(`${suite.server.baseUrl}/book`);
      await page.locator('.pick-station').first().waitFor();
      // With a town's villages unfolded too.
      await page.locator('.village-fold > summary').first().click();
      await check('/book step 1 (station)');

      await page.locator('.pick-station.level-district').getByRole('button', { name: S.book.station.pick }).click();
      await page.locator('.pick-days button.pick-button').first().waitFor();
      await check('/book step 2 (day)');

      await page.locator('.pick-days button.pick-button').first().click();
      await page.locator('.pick-times button.pick-button:not([disabled])').first().waitFor();
      await check('/book step 3 (time)');

      await page.locator('.pick-times button.pick-button:not([disabled])').first().click();
      await page.getByRole('heading', { name: S.book.details.heading }).waitFor();
      await check('/book step 4 (details)');
      await page.getByRole('button', { name: S.book.details.submit }).click();
      await page.locator('.book-error').first().waitFor();
      await check('/book step 4 with messages');

      await page.getByRole('radio', { name: S.category.work_injury }).check();
      await page.getByLabel(S.book.details.name, { exact: true }).fill('无障碍测试');
      await page.getByLabel(S.book.details.phone, { exact: true }).fill(language === 'en' ? '13500135001' : '13500135000');
      await page.getByRole('checkbox', { name: S.book.details.consentCheck }).check();
      await page.getByRole('button', { name: S.book.details.submit }).click();
      await page.getByTestId('booking-code').waitFor();
      await check('/book step 5 (done)');

      // The waitlist form of a full day, reached by its address (no demo day is full).
      const district = await districtStation();
      await page.goto(`${suite.server.baseUrl}/book?station=${district.id}&date=2030-01-02&step=waitlist`);
      await page.getByRole('button', { name: S.book.waitlist.submit }).waitFor();
      await check('/book waitlist');

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('/booking from the look-up to confirming a cancellation, on a phone', async () => {
    const phone = language === 'en' ? '13300133001' : '13300133000';
    const code = await bookThroughApi(phone);
    const { context, page } = await openPage(suite.browser, PHONE, language);
    const problems: string[] = [];
    const check = async (label: string) => problems.push(...(await axeViolations(page, `${language} ${label}`)));
    try {
      await page.goto(`${suite.server.baseUrl}/booking`);
      const submit = page.getByRole('button', { name: S.lookup.submit, exact: true });
      await submit.waitFor();
      await check('/booking');

      await submit.click();
      await page.locator('.book-error').first().waitFor();
      await check('/booking with messages');

      await page.getByLabel(S.lookup.code, { exact: true }).fill(code.toLowerCase());
      await page.getByLabel(S.lookup.phone, { exact: true }).fill('13300133009');
      await submit.click();
      await page.getByRole('alert').waitFor();
      await check('/booking not found');

      await page.getByLabel(S.lookup.phone, { exact: true }).fill(phone);
      await submit.click();
      await page.getByTestId('booking-code').waitFor();
      await check('/booking found');

      await page.getByRole('button', { name: S.lookup.move }).click();
      await page.locator('.pick-days button.pick-button').first().waitFor();
      await check('/booking move: day');
      await page.locator('.pick-days button.pick-button').first().click();
      await page.locator('.pick-times button.pick-button').first().waitFor();
      await check('/booking move: time');
      await page.getByRole('button', { name: S.book.back }).click();
      await page.getByRole('button', { name: S.book.back }).click();

      await page.getByRole('button', { name: S.lookup.cancel }).click();
      await page.getByRole('button', { name: S.lookup.cancelYes }).waitFor();
      await check('/booking confirm cancel');

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the desk and the hotline at 1280 px (staff)', async () => {
    const { context, page } = await openPage(suite.browser, DESKTOP, language, await tokenFor('staff'));
    const problems: string[] = [];
    const check = async (label: string) => problems.push(...(await axeViolations(page, `${language} ${label}`)));
    try {
      await page.goto(`${suite.server.baseUrl}/desk`);
      await page.locator('.desk-summary').waitFor();
      // The date input's day, in words of the page's language beside it.
      const date = await page.locator('#desk-date').inputValue();
      expect(await page.locator('#desk-date ~ .date-words').innerText()).toBe(formatInputDate(date, language));
      // A walk-in (checked in at once), then its outcome form.
      const name = `无障碍来访${language === 'en' ? '乙' : '甲'}`;
      const walkIn = page.locator('.walk-in-form');
      await walkIn.getByLabel(S.desk.walkIn.name, { exact: true }).fill(name);
      await walkIn.getByLabel(S.desk.walkIn.phone).fill(language === 'en' ? '13200132001' : '13200132000');
      await walkIn.getByLabel(S.desk.walkIn.category).selectOption('other');
      await walkIn.getByRole('checkbox').check();
      await walkIn.getByRole('button', { name: S.desk.walkIn.submit }).click();
      await page.getByRole('button', { name: fill(S.desk.completeLabel, { name }) }).click();
      await page.locator('.desk-outcome-form').waitFor();
      await check('/desk with an outcome form');

      await page.goto(`${suite.server.baseUrl}/hotline`);
      await page.locator('form[aria-labelledby="call-form-title"]').waitFor();
      await page.locator('tr[data-call-id]').first().waitFor();
      await check('/hotline calls');
      await page.getByRole('tab', { name: S.hotline.tabs.followUps }).click();
      await page.getByRole('tab', { name: new RegExp(`^${S.hotline.follow.due.all}`) }).click();
      await page.locator('.follow-item').first().waitFor();
      await check('/hotline call-backs');
      await page.getByRole('tab', { name: S.hotline.tabs.referrals }).click();
      await page.locator('.referral-item').first().waitFor();
      await check('/hotline referrals');

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the coverage calendar, the roster builder and the dashboard at 1280 px (coordinator)', async () => {
    const { context, page } = await openPage(suite.browser, DESKTOP, language, await tokenFor('coordinator'));
    const problems: string[] = [];
    const check = async (label: string) => problems.push(...(await axeViolations(page, `${language} ${label}`)));
    try {
      await page.goto(`${suite.server.baseUrl}/coverage`);
      await page.locator('.cov-event').first().waitFor();
      await check('/coverage');
      await page.locator('.cov-event').first().click();
      await page.locator('.day-panel').waitFor();
      await check('/coverage with a day open');

      await page.goto(`${suite.server.baseUrl}/roster`);
      await page.locator('.roster-event').first().waitFor();
      await page.locator('.fairness-table').waitFor();
      await check('/roster');
      await page.locator('.roster-event').first().click();
      await page.locator('.shift-editor').waitFor();
      await check('/roster with a duty open');

      await page.goto(`${suite.server.baseUrl}/dashboard`);
      await expect.poll(() => page.locator('.chart canvas').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
      await check('/dashboard');
      await page.getByRole('radio', { name: S.dashboard.periods.custom }).click();
      const from = page.getByRole('textbox', { name: S.dashboard.from, exact: true });
      await from.waitFor();
      expect(await page.locator('.custom-range .date-words').first().innerText()).toBe(formatInputDate(await from.inputValue(), language));
      await check('/dashboard with a custom period');

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/** Where the keyboard focus is, and whether it can be seen (an outline or the app's focus ring). */
async function focused(page: Page): Promise<{ tag: string; text: string; visible: boolean; matches: (selector: string) => Promise<boolean> }> {
  const info = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', text: '', visible: false };
    const style = getComputedStyle(el);
    // An outline, or a ring drawn as a spread shadow (the app's --focus: 0 0 0 3px); a card's soft
    // drop shadow, there with or without the focus, does not count.
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || /0px 0px 0px [2-9]px/.test(style.boxShadow);
    return { tag: el.tagName.toLowerCase(), text: (el.innerText || el.getAttribute('aria-label') || el.getAttribute('name') || '').trim(), visible: ring };
  });
  return { ...info, matches: (selector) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector) };
}

/** Press Tab until the focus is on `selector` (at most `limit` times); every stop on the way shows its focus. */
async function tabTo(page: Page, selector: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    expect(f.visible, `the focus on <${f.tag}> "${f.text}" can be seen`).toBe(true);
    if (await f.matches(selector)) return;
  }
  throw new Error(`${selector} not reached with ${limit} presses of Tab`);
}

describe('keyboard', () => {
  it('a worker books on /book with Tab, Enter and Space alone, and always sees where the focus is', async () => {
    const S = STRINGS['zh-CN'];
    const { context, page } = await openPage(suite.browser, KEYBOARD_PHONE, 'zh-CN');
    const heading = async (text: string) => {
      await page.getByRole('heading', { name: text, level: 2 }).waitFor();
      // Each step's heading takes the focus, so a screen reader announces the new step.
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
      expect((await focused(page)).text).toContain(text);
    };
    try {
      await page.goto(`${suite.server.baseUrl}/book`);
      await page.locator('.pick-station').first().waitFor();

      // The first stop skips to the content.
      await page.keyboard.press('Tab');
      expect(await (await focused(page)).matches('.skip-link')).toBe(true);
      expect(await page.locator('.skip-link').isVisible()).toBe(true);

      await tabTo(page, '.pick-station.level-district .btn-primary');
      await page.keyboard.press('Enter');
      await heading(S.book.day.heading);

      await tabTo(page, '.pick-days button.pick-button');
      await page.keyboard.press('Space');
      await heading(S.book.time.heading);

      await tabTo(page, '.pick-times button.pick-button:not([disabled])');
      const time = (await focused(page)).text;
      await page.keyboard.press('Enter');
      await heading(S.book.details.heading);
      expect(await page.locator('dl.chosen').innerText()).toContain(time.slice(0, 5));

      // The problem: Tab reaches the group of tiles, the arrow keys move between them, Space picks.
      await tabTo(page, 'input[name="category"]');
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      expect(await page.locator('input[name="category"]:checked').getAttribute('value')).toBe('labor_contract');

      // Sending too soon: the focus goes to the first field to fix.
      await tabTo(page, 'button[type="submit"]');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).matches('#wf-name')).toBe(true);
      await page.keyboard.type('键盘预约');
      await page.keyboard.press('Tab');
      await page.keyboard.type('13700137000');
      await tabTo(page, 'input[name="consent"]');
      await page.keyboard.press('Space');
      expect(await page.locator('input[name="consent"]').isChecked()).toBe(true);
      await tabTo(page, 'button[type="submit"]');
      await page.keyboard.press('Enter');

      await page.getByTestId('booking-code').waitFor();
      await heading(S.book.done.heading);
      expect(await axeViolations(page, 'keyboard: /book done')).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
