import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { crew, member, parseIcs, type Member } from './helpers.js';

describeEachDb('calendar feeds', (kind) => {
  let t: TestApp;
  let station: Awaited<ReturnType<typeof crew>>['station'];
  let a: Member;
  let b: Member;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-01T09:00:00+08:00' });
    const c = await crew(t, 2, { address: '贵阳市观山湖区长岭北路 1 号，劳动人事争议仲裁院一楼', name: '观山湖区职工维权服务站' });
    station = c.station;
    [a, b] = c.members as [Member, Member];
    const other = await t.make.station({ name: '金华镇职工维权服务分站', address: '金华镇便民服务中心' });
    await t.db.tx((m) => m.query('INSERT INTO lawyer_stations (lawyer_id, station_id) VALUES (?, ?)', [a.lawyer.id, other.id]));
    await t.make.shift({ date: '2026-12-03', stationId: station.id, lawyerId: a.lawyer.id, start: '09:00', end: '17:30' });
    await t.make.shift({ date: '2026-12-04', stationId: station.id, lawyerId: b.lawyer.id, start: '09:00', end: '12:00' });
    await t.make.shift({ date: '2026-11-05', stationId: station.id, lawyerId: b.lawyer.id }); // last month: in the window
    await t.make.shift({ date: '2026-12-07', stationId: other.id, lawyerId: a.lawyer.id, start: '14:30', end: '17:00' });
    await t.make.shift({ date: '2026-12-08', stationId: station.id, lawyerId: a.lawyer.id, status: 'draft' }); // not published
    await t.make.shift({ date: '2027-06-01', stationId: station.id, lawyerId: a.lawyer.id }); // beyond three months
    await t.make.shift({ date: '2026-10-20', stationId: station.id, lawyerId: a.lawyer.id }); // before last month
  });
  afterAll(() => t.close());

  it('serves a station’s published duty days as RFC 5545 events in UTC (09:00 Asia/Shanghai = 01:00Z)', async () => {
    const res = await t.http.get(`/api/ical/stations/${station.id}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    const text = res.text;
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const { lines, calendar, events } = parseIcs(text);
    // Lines are folded at 75 octets.
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(calendar.find((p) => p.name === 'VERSION')?.value).toBe('2.0');
    expect(calendar.find((p) => p.name === 'X-WR-TIMEZONE')?.value).toBe('Asia/Shanghai');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);

    const byStart = Object.fromEntries(events.map((e) => [e.get('DTSTART')!.value, e]));
    expect(Object.keys(byStart).sort()).toEqual(['20261105T010000Z', '20261203T010000Z', '20261204T010000Z']);
    const first = byStart['20261203T010000Z']!;
    expect(first.get('DTEND')!.value).toBe('20261203T093000Z'); // 17:30 in Shanghai
    expect(first.get('DTSTART')!.params.TZID).toBeUndefined(); // UTC throughout, no floating times
    expect(first.get('SUMMARY')!.value).toBe(`值班律师：${a.lawyer.name}`);
    expect(first.get('LOCATION')!.value).toBe('贵阳市观山湖区长岭北路 1 号，劳动人事争议仲裁院一楼');
    expect(first.get('UID')!.value).toMatch(/^shift-\d+@/);
    expect(first.get('SEQUENCE')!.value).toBe('1');
    expect(byStart['20261204T010000Z']!.get('DTEND')!.value).toBe('20261204T040000Z');
    expect(byStart['20261204T010000Z']!.get('SUMMARY')!.value).toContain(b.lawyer.name);

    expect((await t.http.get('/api/ical/stations/999999.ics')).status).toBe(404);
    expect((await t.http.get('/api/ical/stations/abc.ics')).status).toBe(400);
  });

  it('serves a lawyer’s own shifts behind their token; a wrong or missing token is 404; rotation revokes the old one', async () => {
    const feed = (id: number, token?: string) => t.http.get(`/api/ical/lawyers/${id}.ics${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`);
    expect((await feed(a.lawyer.id)).status).toBe(404);
    expect((await feed(a.lawyer.id, 'x'.repeat(43))).status).toBe(404);

    const issued = await t.http.get('/api/me/calendar-token').set('Authorization', a.token);
    expect(issued.status).toBe(200);
    const token = issued.body.token as string;
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16); // ≥ 128 bits
    expect(issued.body).toMatchObject({ lawyerId: a.lawyer.id, url: expect.stringContaining(`/api/ical/lawyers/${a.lawyer.id}.ics?token=`) });
    expect((await t.http.get('/api/me/calendar-token').set('Authorization', a.token)).body.token).toBe(token);

    const ok = await feed(a.lawyer.id, token);
    expect(ok.status).toBe(200);
    expect(ok.headers['cache-control']).toContain('no-store');
    const { events } = parseIcs(ok.text);
    expect(events.map((e) => e.get('DTSTART')!.value).sort()).toEqual(['20261203T010000Z', '20261207T063000Z']);
    const there = events.find((e) => e.get('DTSTART')!.value === '20261207T063000Z')!;
    expect(there.get('DTEND')!.value).toBe('20261207T090000Z');
    expect(there.get('SUMMARY')!.value).toBe('值班：金华镇职工维权服务分站');
    expect(there.get('LOCATION')!.value).toBe('金华镇便民服务中心');

    // Another lawyer's token does not open this feed; an unknown lawyer looks the same as a wrong token.
    const bToken = (await t.http.get('/api/me/calendar-token').set('Authorization', b.token)).body.token as string;
    expect((await feed(a.lawyer.id, bToken)).status).toBe(404);
    expect((await feed(999_999, token)).status).toBe(404);

    const rotated = await t.http.post('/api/me/calendar-token/rotate').set('Authorization', a.token).send({});
    expect(rotated.status).toBe(200);
    expect(rotated.body.token).not.toBe(token);
    expect((await feed(a.lawyer.id, token)).status).toBe(404);
    expect((await feed(a.lawyer.id, rotated.body.token)).status).toBe(200);
    expect((await t.http.get('/api/me/calendar-token').set('Authorization', a.token)).body.token).toBe(rotated.body.token);

    expect((await t.http.get('/api/me/calendar-token').set('Authorization', await t.tokenFor('staff'))).status).toBe(403);
    const unlinked = await t.tokenFor('lawyer');
    expect((await t.http.get('/api/me/calendar-token').set('Authorization', unlinked)).status).toBe(403);
  });

  it('a swapped shift shows up with its new lawyer and a higher SEQUENCE', async () => {
    const c = await member(t, [station.id]);
    const shift = await t.make.shift({ date: '2026-12-09', stationId: station.id, lawyerId: b.lawyer.id });
    const coord = await t.tokenFor('coordinator');
    const asked = await t.http.post('/api/swaps').set('Authorization', b.token).send({ shiftId: shift.id, type: 'giveaway', toLawyerId: c.lawyer.id });
    await t.http.post(`/api/swaps/${asked.body.id}/accept`).set('Authorization', c.token).send({});
    expect((await t.http.post(`/api/swaps/${asked.body.id}/approve`).set('Authorization', coord).send({})).status).toBe(200);
    const { events } = parseIcs((await t.http.get(`/api/ical/stations/${station.id}.ics`)).text);
    const ev = events.find((e) => e.get('UID')!.value.startsWith(`shift-${shift.id}@`))!;
    expect(ev.get('SUMMARY')!.value).toContain(c.lawyer.name);
    expect(ev.get('SEQUENCE')!.value).toBe('2');
  });
});
