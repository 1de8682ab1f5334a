/**
 * Screenshots of pages for a person to look at:
 *   npx tsx scripts/screenshot.ts <role|-> <path> <out.png> [width] [height]
 * against a server on BASE_URL (default http://localhost:3000). LANGUAGE=en shows the page in
 * English; CLICK=<css selector> clicks that element first (e.g. CLICK=.bell-button).
 */
import { launchBrowser } from '../tests/e2e/browser.js';

const [role, path, out, w = '1280', h = '900'] = process.argv.slice(2);
const base = process.env.BASE_URL ?? 'http://localhost:3000';
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
page.on('pageerror', (e) => console.error('page error:', e.message));
if (role && role !== '-') {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: role, password: process.env.DEMO_PASSWORD ?? 'demo' }) });
  const { token } = (await res.json()) as { token: string };
  await page.goto(base + '/login');
  await page.evaluate((t) => localStorage.setItem('dutyroster.token', t), token);
}
if (process.env.LANGUAGE === 'en') {
  if (!role || role === '-') await page.goto(base + '/login');
  await page.evaluate(() => localStorage.setItem('dutyroster.lang', 'en'));
}
await page.goto(base + path!, { waitUntil: 'networkidle' });
if (process.env.CLICK) await page.locator(process.env.CLICK).first().click();
await page.waitForTimeout(Number(process.env.WAIT ?? 800));
await page.screenshot({ path: out!, fullPage: process.env.FULL === '1' });
await browser.close();
console.log('wrote', out);
