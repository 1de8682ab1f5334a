import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import QRCode from 'qrcode';
import { setupTestApp, type TestApp } from '../../helpers/app.js';

describeEachDb('a station’s printable poster', (kind) => {
  let t: TestApp;
  let stationId: number;

  beforeAll(async () => {
    t = await setupTestApp(kind, { env: { PUBLIC_BASE_URL: 'https://weiquan.example.cn/', HOTLINE_NUMBER: '0851-12351' } });
    stationId = (
      await t.make.station({
        code: 'GSH-JH',
        name: '金华镇职工维权服务分站',
        address: '金华镇人民路 8 号',
        phone: '0851-8888 6666',
        openHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })),
      })
    ).id;
  });
  afterAll(() => t.close());

  it('is public HTML with the station, the hotline, the duty hours and a QR code to its booking page; no scripts', async () => {
    const res = await t.http.get(`/api/stations/${stationId}/poster`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    const html = res.text;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@page { size: A4 portrait');
    expect(html).toContain('免费法律咨询 · 扫码预约');
    for (const s of ['金华镇职工维权服务分站', '金华镇人民路 8 号', '0851-8888 6666', '0851-12351', '周一至周五 09:00–12:00']) expect(html).toContain(s);
    expect(html).toContain('https://weiquan.example.cn/book/GSH-JH');
    expect(html).toMatch(/<svg[^>]*viewBox="0 0 \d+ \d+"[^>]*>.*<path[^>]*d="M[^"]+"/s);
    // The QR code is exactly the booking address's.
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)![0];
    const expected = await QRCode.toString('https://weiquan.example.cn/book/GSH-JH', { type: 'svg', errorCorrectionLevel: 'M', margin: 1, color: { dark: '#000000', light: '#ffffff' } });
    expect(svg).toBe(expected.trim());
    expect(html).not.toMatch(/<script/i);
    // Helmet's CSP applies: nothing from elsewhere could run or load.
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers 404 for a station that does not exist or is closed', async () => {
    expect((await t.http.get('/api/stations/999999/poster')).status).toBe(404);
    const closed = (await t.make.station({ active: false })).id;
    expect((await t.http.get(`/api/stations/${closed}/poster`)).status).toBe(404);
  });

  it('is in the OpenAPI document, with every privacy route', async () => {
    const doc = (await t.http.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/stations/{id}/poster']!)).toEqual(['get']);
    for (const p of ['/api/privacy/subjects', '/api/privacy/subjects/export.json', '/api/privacy/subjects/export.xlsx', '/api/privacy/subjects/erase']) {
      expect(doc.paths[p], p).toBeDefined();
    }
  });
});
