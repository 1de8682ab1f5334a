/**
 * The staff header on laptop widths keeps to one row, in Chinese and in English: the whole
 * menu where it fits, else the phone's header with the menu behind its button — never the
 * menu wrapped onto a second or third row (a coordinator's nine pages at 960 px did).
 */
import { describe, expect, it } from 'vitest';
import { demoSuite } from './suite';

const suite = demoSuite();

const USERS = ['coordinator', 'admin', 'staff', 'lawyer1'] as const;
const WIDTHS = [960, 1100, 1280, 1440] as const;
const LANGUAGES = ['zh-CN', 'en'] as const;

async function tokenFor(username: string): Promise<string> {
  const res = await fetch(`${suite.server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  return ((await res.json()) as { token: string }).token;
}

describe('staff header', () => {
  it('is one row at 960–1440 px for every role, in both languages: the whole menu, or its button', async () => {
    const wrong: string[] = [];
    let compactSeen = false;
    for (const user of USERS) {
      const token = await tokenFor(user);
      for (const language of LANGUAGES) {
        const context = await suite.browser.newContext({ viewport: { width: 960, height: 700 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
        await context.addInitScript(
          ({ token, language }) => {
            localStorage.setItem('dutyroster.token', token);
            localStorage.setItem('dutyroster.lang', language);
          },
          { token, language },
        );
        const page = await context.newPage();
        await page.goto(`${suite.server.baseUrl}/coverage`);
        await page.locator('.staff-nav a').first().waitFor({ state: 'attached' });
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 700 });
          // Let the header measure itself at the new width (a ResizeObserver, then React).
          await page.waitForTimeout(150);
          const header = await page.evaluate(() => {
            const el = document.querySelector<HTMLElement>('.staff-header')!;
            const links = [...el.querySelectorAll<HTMLElement>('.staff-nav a')];
            const toggle = el.querySelector<HTMLElement>('.menu-toggle')!;
            const nav = el.querySelector<HTMLElement>('.staff-nav')!;
            const shown = (e: HTMLElement) => e.getClientRects().length > 0;
            return {
              height: el.getBoundingClientRect().height,
              compact: shown(toggle),
              linksShown: links.filter(shown).length,
              linkRows: new Set(links.filter(shown).map((a) => Math.round(a.getBoundingClientRect().top))).size,
              overflows: el.scrollWidth > el.clientWidth,
              // Items past the menu's box run under the bell and the sign-out button.
              menuOverflows: shown(nav) && nav.scrollWidth > nav.clientWidth + 1,
            };
          });
          const where = `${user} ${language} ${width}px`;
          if (header.height > 72) wrong.push(`${where}: header ${header.height}px tall`);
          if (header.overflows) wrong.push(`${where}: header wider than the screen`);
          if (header.menuOverflows) wrong.push(`${where}: menu items run past the menu`);
          if (header.compact) {
            compactSeen = true;
            if (header.linksShown > 0) wrong.push(`${where}: menu button and menu both shown`);
          } else if (header.linkRows !== 1) wrong.push(`${where}: menu on ${header.linkRows} rows`);
        }
        // Compact on a wide screen: the button opens the whole menu below the header.
        await page.setViewportSize({ width: 960, height: 700 });
        await page.waitForTimeout(150);
        if (await page.locator('.menu-toggle').isVisible()) {
          await page.locator('.menu-toggle').click();
          const links = page.locator('.staff-nav a');
          for (let i = 0; i < (await links.count()); i++) expect(await links.nth(i).isVisible(), `${user} ${language}: menu item ${i}`).toBe(true);
          await page.keyboard.press('Escape');
          await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('menu-toggle'))).toBe(true);
        }
        await context.close();
      }
    }
    expect(wrong).toEqual([]);
    // A coordinator's nine pages do not fit at 960 px: the compact header was really tried.
    expect(compactSeen).toBe(true);
  });
});
