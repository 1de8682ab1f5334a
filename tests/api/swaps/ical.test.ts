/** The iCalendar feeds, read back with a real RFC 5545 parser (ical.js). */
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { crew, member, type Member } from './helpers.js';

/** Parse a feed with ical.js: the VCALENDAR component and its events. Throws on anything that is not iCalendar. */
function readFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevents = calendar.getAllSubcomponents('vevent');
  const events = vevents.map((v) => new ICAL.Event(v));
  return { calendar, vevents, events };
}

/** An event's start or end as an instant (ISO, UTC). */
const iso = (t: InstanceType<typeof ICAL.Time>) => t.toJSDate().toISOString();

/** Wall-clock time of an instant in a zone, e.g. 09:00. */
const wallClock = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

const byUid = (events: InstanceType<typeof ICAL.Event>[], shiftId: number) => events.find((e) => e.uid.startsWith(`shift-${shiftId}@`));

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
    // Lines are folded at 75 octets (the parser unfolds them again).
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);

    const { calendar, vevents, events } = readFeed(text);
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toMatch(/duty-roster/);
    // The feed's time zone: the network's zone for clients that display in it.
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Shanghai');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('观山湖区职工维权服务站 值班表');
    expect(events).toHaveLength(3); // published, in the window; not the draft, not too early or late

    const starts = events.map((e) => iso(e.startDate)).sort();
    expect(starts).toEqual(['2026-11-05T01:00:00.000Z', '2026-12-03T01:00:00.000Z', '2026-12-04T01:00:00.000Z']);
    const first = events.find((e) => iso(e.startDate) === '2026-12-03T01:00:00.000Z')!;
    // 09:00–17:30 in Shanghai is 01:00Z–09:30Z, written in UTC throughout (no floating times, no TZID).
    expect(first.startDate.zone?.tzid).toBe('UTC');
    expect(first.endDate.zone?.tzid).toBe('UTC');
    expect(iso(first.endDate)).toBe('2026-12-03T09:30:00.000Z');
    expect(wallClock(first.startDate.toJSDate(), 'Asia/Shanghai')).toBe('09:00');
    expect(wallClock(first.endDate.toJSDate(), 'Asia/Shanghai')).toBe('17:30');
    for (const v of vevents) {
      expect(v.getFirstProperty('dtstart')!.getParameter('tzid')).toBeUndefined();
      expect(v.getFirstPropertyValue('status')).toBe('CONFIRMED');
    }
    expect(first.summary).toBe(`值班律师：${a.lawyer.name}`);
    // Commas and other TEXT escapes come back intact.
    expect(first.location).toBe('贵阳市观山湖区长岭北路 1 号，劳动人事争议仲裁院一楼');
    expect(first.uid).toMatch(/^shift-\d+@/);
    expect(first.sequence).toBe(1);
    const second = events.find((e) => iso(e.startDate) === '2026-12-04T01:00:00.000Z')!;
    expect(iso(second.endDate)).toBe('2026-12-04T04:00:00.000Z'); // 12:00 in Shanghai
    expect(second.summary).toContain(b.lawyer.name);
    expect(new Set(events.map((e) => e.uid)).size).toBe(3);

    expect((await t.http.get('/api/ical/stations/999999.ics')).status).toBe(404);
    expect((await t.http.get('/api/ical/stations/abc.ics')).status).toBe(400);
  });

  it('escapes the calendar’s name and description as RFC 5545 TEXT (a station named 甲;乙,丙\\丁)', async () => {
    const odd = await t.make.station({ name: '甲;乙,丙\\丁', address: '一路;二号,三楼' });
    await t.make.shift({ date: '2026-12-03', stationId: odd.id });
    const res = await t.http.get(`/api/ical/stations/${odd.id}.ics`);
    expect(res.status).toBe(200);
    const lines = res.text.replace(/\r\n[ \t]/g, '').split('\r\n');
    expect(lines).toContain('NAME:甲\\;乙\\,丙\\\\丁 值班表');
    expect(lines).toContain('X-WR-CALNAME:甲\\;乙\\,丙\\\\丁 值班表');
    expect(lines).toContain('X-WR-CALDESC:甲\\;乙\\,丙\\\\丁的值班律师安排');
    // The events' TEXT was escaped already, and is not escaped twice.
    expect(readFeed(res.text).events.map((e) => e.location)).toEqual(['一路;二号,三楼']);
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
    const { calendar, events } = readFeed(ok.text);
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Shanghai');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(`${a.lawyer.name} 的值班`);
    expect(events.map((e) => iso(e.startDate)).sort()).toEqual(['2026-12-03T01:00:00.000Z', '2026-12-07T06:30:00.000Z']);
    const there = events.find((e) => iso(e.startDate) === '2026-12-07T06:30:00.000Z')!;
    expect(iso(there.endDate)).toBe('2026-12-07T09:00:00.000Z');
    expect(wallClock(there.startDate.toJSDate(), 'Asia/Shanghai')).toBe('14:30');
    expect(wallClock(there.endDate.toJSDate(), 'Asia/Shanghai')).toBe('17:00');
    expect(there.summary).toBe('值班：金华镇职工维权服务分站');
    expect(there.location).toBe('金华镇便民服务中心');

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
    const { events } = readFeed((await t.http.get(`/api/ical/stations/${station.id}.ics`)).text);
    const ev = byUid(events, shift.id)!;
    expect(ev.summary).toContain(c.lawyer.name);
    expect(ev.sequence).toBe(2);
    expect(iso(ev.startDate)).toBe('2026-12-09T01:00:00.000Z');
  });
});
