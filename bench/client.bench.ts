/**
 * The public booking page in headless Chromium: the JavaScript it loads (gzip) and a
 * cold load (empty cache, fresh browser context) on loopback.
 *   npx vite build && npx tsx bench/client.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { launchBrowser } from '../tests/e2e/browser.js';
import { startProcess } from '../tests/helpers/process.js';
import { median, report } from './util.js';

export async function clientBench(runs = 5) {
  // Without the built client the server answers with a text page and every figure is 0.
  if (!fs.existsSync(path.resolve('dist/client/index.html'))) throw new Error('the client is not built: run `npx vite build` (npm run bench does it) first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyroster-clientbench-'));
  const app = await startProcess('server/main.ts', { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, SEED_DEMO: '1' });
  const rows: Record<string, string | number>[] = [];
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  try {
    browser = await launchBrowser();
    for (const page of ['/', '/book', '/booking']) {
      const loads: number[] = [];
      const dcl: number[] = [];
      let js = 0;
      let jsGz = 0;
      let files = 0;
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
        const p = await context.newPage();
        const bodies: Promise<void>[] = [];
        let size = 0;
        let gz = 0;
        let n = 0;
        p.on('response', (res) => {
          if (res.request().resourceType() === 'script') {
            bodies.push(
              res.body().then((b) => {
                size += b.length;
                gz += zlib.gzipSync(b, { level: 9 }).length;
                n++;
              }),
            );
          }
        });
        await p.goto(app.url + page, { waitUntil: 'load' });
        await p.waitForLoadState('networkidle');
        await Promise.all(bodies);
        const t = await p.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return { load: nav.loadEventEnd, dcl: nav.domContentLoadedEventEnd };
        });
        loads.push(t.load);
        dcl.push(t.dcl);
        js = size;
        jsGz = gz;
        files = n;
        await context.close();
      }
      rows.push({ page, js_files: files, js_kB: +(js / 1024).toFixed(1), js_gzip_kB: +(jsGz / 1024).toFixed(1), cold_DOMContentLoaded_ms: median(dcl), cold_load_ms: median(loads), runs });
    }
  } finally {
    // The server is stopped even when the browser could not start (no Chromium): it must not outlive the bench.
    await browser?.close();
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report('Public pages in headless Chromium (360×740, cold cache, loopback)', rows);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await clientBench();
}
