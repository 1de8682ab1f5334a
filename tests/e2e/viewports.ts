/** The two screens most browser tests use, in Chinese and the network's time zone: a worker's phone and a staff desktop. */
import type { BrowserContextOptions } from 'playwright-core';

export const PHONE_ZH: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

export const DESKTOP_ZH: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
