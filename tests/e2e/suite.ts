/**
 * What every browser test file starts with: the demo server on a fresh database and a
 * headless Chromium, started before the file's tests and stopped after them.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

/** Where browser tests write their screenshots (gitignored). */
export const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));

export interface DemoSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/** Register the hooks; read `server` and `browser` inside tests and later hooks. `env` goes to the server (e.g. DEMO_NOW). */
export function demoSuite(opts: { env?: Record<string, string> } = {}): DemoSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer({ env: opts.env });
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the demo server is not running (read it inside a test or hook)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not running (read it inside a test or hook)');
      return browser;
    },
  };
}
