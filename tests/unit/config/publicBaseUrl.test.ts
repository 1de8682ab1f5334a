import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';

describe('PUBLIC_BASE_URL', () => {
  it('defaults to this machine on the configured port, so feed links and QR codes work out of the box', () => {
    expect(loadConfig({}).publicBaseUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '3202' }).publicBaseUrl).toBe('http://localhost:3202');
  });

  it('takes a URL as given, without a trailing slash, and refuses what is not one', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://weiquan.example.gov.cn/' }).publicBaseUrl).toBe('https://weiquan.example.gov.cn');
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'weiquan.example' })).toThrow(/PUBLIC_BASE_URL/);
  });
});
