/**
 * The worker's messages in the worker's language: a booking (or waitlist place) made with
 * `Accept-Language: en…` stores `en`, and every SMS about it — confirmation, reminder, move,
 * cancellation, a coordinator's closure, a waitlist offer — is in English, whoever causes it;
 * everyone else's stay Chinese. The clock stands at 2026-12-01 09:00 (a Tuesday).
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { waitlistHoldsJob } from '../../../server/bookings/bookings.jobs.js';
import { placeGroup } from '../../../server/bookings/placementGroup.js';
import type { BookingInput } from '../../../server/bookings/bookings.schema.js';
import { bookingFor, freshPhone, listen } from './helpers.js';

const at = (date: string, time: string) => `${date}T${time}:00+08:00`;
const HAN = /\p{Script=Han}/u;

type Sms = { kind: string; body: string; status: string };

describeEachDb("the worker's messages in the worker's language", (kind) => {
  let t: TestApp;
  let station: { id: number; name: string };
  let coord: string;
  beforeAll(async () => {
    t = await setupTestApp(kind);
    station = await t.make.station({ name: '观山湖区职工维权服务站' });
    for (const date of ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07']) await t.make.shift({ date, stationId: station.id });
    coord = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    // Every booking here comes from one client address; the tests are about languages, not look-up limits.
    await t.db.ds.query('DELETE FROM lookup_failures');
    t.clock.set(new Date(t.clock.now().getTime() + 1000));
  });

  const smsTo = (phone: string): Promise<Sms[]> =>
    t.db.ds.query("SELECT kind, body, status FROM notifications WHERE channel = 'sms' AND recipient_phone = ? ORDER BY id", [phone]);
  const langOf = async (table: 'appointments' | 'waitlist_entries', id: number) =>
    ((await t.db.ds.query(`SELECT lang FROM ${table} WHERE id = ?`, [id])) as { lang: string }[])[0]!.lang;
  /** English apart from the names stored in Chinese (station, closure reason). */
  const expectEnglish = (body: string, ...chineseNames: string[]) => {
    let rest = body;
    for (const n of chineseNames) rest = rest.split(n).join('');
    expect(rest, body).not.toMatch(HAN);
    expect(rest, body).toMatch(/^[\x20-\x7e]+$/);
  };

  async function book(start: string, lang?: string, stationId = station.id) {
    const body = bookingFor(stationId, start);
    const req = t.http.post('/api/appointments');
    if (lang) req.set('Accept-Language', lang);
    const res = await req.send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.id as number, code: res.body.code as string, phone: body.phone };
  }

  it('confirms and reminds in English a booking made in English, and in Chinese any other', async () => {
    const en = await book(at('2026-12-03', '14:00'), 'en-US,en;q=0.9');
    expect(await langOf('appointments', en.id)).toBe('en');
    const sms = await smsTo(en.phone);
    expect(sms.map((n) => n.kind)).toEqual(['booking.confirmed', 'booking.reminder']);
    expect(sms[0]!.body).toBe(
      `Booked: free legal consultation at ${station.name}, 2026-12-03 14:00. Code ${en.code}. To check, cancel or move it, use the code and your phone number.`,
    );
    expect(sms[1]!.body).toBe(
      `Reminder: your legal consultation is tomorrow, 2026-12-03 14:00, at ${station.name} (code ${en.code}). If you cannot come, please cancel in advance.`,
    );
    const [title] = await t.db.ds.query("SELECT title FROM notifications WHERE recipient_phone = ? AND kind = 'booking.confirmed'", [en.phone]);
    expect(title.title).toBe(`【职工维权服务站】${sms[0]!.body.slice(0, 60)}`);

    // The client's Chinese page, no header at all, or a language we do not write: Chinese.
    for (const [lang, time] of [['zh-CN', '14:30'], [undefined, '15:00'], ['fr-FR,en;q=0.5', '15:30']] as const) {
      const zh = await book(at('2026-12-03', time), lang);
      expect(await langOf('appointments', zh.id), String(lang)).toBe('zh');
      const told = await smsTo(zh.phone);
      expect(told.map((n) => n.kind)).toEqual(['booking.confirmed', 'booking.reminder']);
      expect(told[0]!.body).toBe(`您已预约${station.name} 2026-12-03 ${time}的免费法律咨询，预约码 ${zh.code}。查询、取消或改期请凭预约码和手机号办理。`);
      expect(told[1]!.body).toMatch(/^提醒：您预约了明天/);
    }
  });

  it('moves and cancels an English booking in English, even from the Chinese page', async () => {
    const en = await book(at('2026-12-03', '09:00'), 'en');
    const moved = await t.http
      .post('/api/appointments/reschedule')
      .set('Accept-Language', 'zh-CN')
      .send({ code: en.code, phone: en.phone, start: at('2026-12-04', '10:00') });
    expect(moved.status).toBe(200);
    const cancelled = await t.http.post('/api/appointments/cancel').set('Accept-Language', 'zh-CN').send({ code: en.code, phone: en.phone });
    expect(cancelled.status).toBe(200);

    const sms = await smsTo(en.phone);
    // The first reminder went with the move, the second with the cancel.
    expect(sms.map((n) => n.kind)).toEqual(['booking.confirmed', 'booking.rescheduled', 'booking.cancelled']);
    expect(sms[1]!.body).toBe(`Your booking (${en.code}) is moved to ${station.name}, 2026-12-04 10:00.`);
    expect(sms[2]!.body).toBe(`Your booking at ${station.name}, 2026-12-04 10:00 (${en.code}) is cancelled.`);
    for (const n of sms) expectEnglish(n.body, station.name);

    // And a Chinese booking moved from the English page stays Chinese.
    const zh = await book(at('2026-12-03', '09:30'), 'zh-CN');
    const zhMoved = await t.http.post('/api/appointments/reschedule').set('Accept-Language', 'en').send({ code: zh.code, phone: zh.phone, start: at('2026-12-04', '10:30') });
    expect(zhMoved.status).toBe(200);
    const told = await smsTo(zh.phone);
    expect(told.map((n) => n.kind)).toEqual(['booking.confirmed', 'booking.rescheduled', 'booking.reminder']);
    expect(told[1]!.body).toBe(`您的预约（${zh.code}）已改到${station.name} 2026-12-04 10:30。`);
    expect(told[2]!.body).toMatch(/^提醒：/);
  });

  it('tells the English booker of a closure in English though the coordinator works in Chinese; the Chinese booker in Chinese', async () => {
    const closing = await t.make.station({ name: '金华镇职工维权服务站' });
    await t.make.shift({ date: '2026-12-07', stationId: closing.id });
    const en = await book(at('2026-12-07', '09:00'), 'en', closing.id);
    const zh = await book(at('2026-12-07', '09:30'), 'zh-CN', closing.id);

    const res = await t.http
      .post('/api/calendar-days')
      .set('Authorization', coord)
      .set('Accept-Language', 'zh-CN')
      .send({ date: '2026-12-07', kind: 'holiday', name: '台风停业', stationId: closing.id, cancelBookings: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.cancelledBookings).toBe(2);

    const toEn = await smsTo(en.phone);
    expect(toEn.map((n) => n.kind)).toEqual(['booking.confirmed', 'booking.cancelled_closure']);
    expect(toEn[1]!.body).toBe(
      `${closing.name} is closed on 2026-12-07 (台风停业), so your consultation at 09:00 (${en.code}) is cancelled. Please book another day. Sorry for the trouble.`,
    );
    expectEnglish(toEn[1]!.body, closing.name, '台风停业');
    const toZh = await smsTo(zh.phone);
    expect(toZh.map((n) => n.kind)).toEqual(['booking.confirmed', 'booking.cancelled_closure']);
    expect(toZh[1]!.body).toMatch(new RegExp(`^因台风停业，${closing.name} 2026-12-07 暂停服务，您当天 09:30 的法律咨询预约（${zh.code}）已取消。`));
  });

  it('offers a freed seat in the language of the waitlist place, and the booking it becomes keeps it', async () => {
    // One 30-minute slot on Wednesdays: one booking fills the day.
    const small = await t.make.station({ name: '百花湖乡职工维权服务站', openHours: [{ weekday: 3, start: '09:00', end: '09:30' }] });
    await t.make.shift({ date: '2026-12-02', stationId: small.id });
    const holder = await book(at('2026-12-02', '09:00'), 'zh-CN', small.id);
    const join = async (lang: string) => {
      const body = { stationId: small.id, date: '2026-12-02', name: '候补', phone: freshPhone(), category: 'other', consent: true };
      const res = await t.http.post('/api/waitlist').set('Accept-Language', lang).send(body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return { id: res.body.id as number, code: res.body.code as string, phone: body.phone };
    };
    const first = await join('en');
    const second = await join('zh-CN');
    expect(await langOf('waitlist_entries', first.id)).toBe('en');
    expect(await langOf('waitlist_entries', second.id)).toBe('zh');

    // The Chinese holder cancels: the seat is held for the first in line, who is told in English.
    expect((await t.http.post('/api/appointments/cancel').send({ code: holder.code, phone: holder.phone })).status).toBe(200);
    expect((await smsTo(holder.phone)).map((n) => n.body).at(-1)).toMatch(/^您在百花湖乡职工维权服务站 2026-12-02 09:00的预约/);
    const offer = await smsTo(first.phone);
    expect(offer.map((n) => n.kind)).toEqual(['waitlist.offer']);
    expect(offer[0]!.body).toBe(
      `A place is free at ${small.name}, 2026-12-02 09:00, held for you until 09:30. Confirm with code ${first.code} and your phone number, or it goes to the next person.`,
    );

    // The first lets it lapse: the next in line is offered it in Chinese.
    t.clock.set(at('2026-12-01', '09:45'));
    expect(await waitlistHoldsJob.run(t.ctx)).toMatchObject({ ran: true, result: { expired: 1, passedOn: 1 } });
    const next = await smsTo(second.phone);
    expect(next.map((n) => n.kind)).toEqual(['waitlist.offer']);
    expect(next[0]!.body).toMatch(/^百花湖乡职工维权服务站 2026-12-02 09:00有空位，已为您保留到 10:15。请凭候补码/);

    // The second claims it from the English page: the booking is Chinese, like their place in line.
    const claimed = await t.http.post('/api/waitlist/claim').set('Accept-Language', 'en').send({ code: second.code, phone: second.phone });
    expect(claimed.status).toBe(201);
    expect(await langOf('appointments', claimed.body.id)).toBe('zh');
    expect((await smsTo(second.phone)).map((n) => n.kind)).toEqual(['waitlist.offer', 'booking.confirmed']);
    expect((await smsTo(second.phone))[1]!.body).toMatch(/^您已预约百花湖乡职工维权服务站 2026-12-02 09:00/);
  });

  it('turns an English waitlist place into an English booking, and lapses it in English when the day closes', async () => {
    const small = await t.make.station({ name: '朱昌镇职工维权服务站', openHours: [{ weekday: 3, start: '09:00', end: '09:30' }, { weekday: 4, start: '09:00', end: '09:30' }] });
    for (const date of ['2026-12-02', '2026-12-03']) await t.make.shift({ date, stationId: small.id });
    t.clock.set(at('2026-12-01', '11:00'));
    const holder = await book(at('2026-12-02', '09:00'), undefined, small.id);
    const body = { stationId: small.id, date: '2026-12-02', name: 'Maria Santos', phone: freshPhone(), category: 'other', consent: true };
    const joined = await t.http.post('/api/waitlist').set('Accept-Language', 'en').send(body);
    expect(joined.status).toBe(201);
    expect((await t.http.post('/api/appointments/cancel').send({ code: holder.code, phone: holder.phone })).status).toBe(200);
    const claimed = await t.http.post('/api/waitlist/claim').set('Accept-Language', 'zh-CN').send({ code: joined.body.code, phone: body.phone });
    expect(claimed.status).toBe(201);
    expect(await langOf('appointments', claimed.body.id)).toBe('en');
    const told = await smsTo(body.phone);
    expect(told.map((n) => n.kind)).toEqual(['waitlist.offer', 'booking.confirmed']);
    expect(told[1]!.body).toMatch(new RegExp(`^Booked: free legal consultation at ${small.name}, 2026-12-02 09:00\\. Code ${claimed.body.code}\\.`));

    // Thursday fills up, an English worker waits for it, and the station closes that day.
    const thursday = await book(at('2026-12-03', '09:00'), 'zh-CN', small.id);
    const waiting = { ...body, date: '2026-12-03', phone: freshPhone() };
    const entry = await t.http.post('/api/waitlist').set('Accept-Language', 'en').send(waiting);
    expect(entry.status).toBe(201);
    const closed = await t.http
      .post('/api/calendar-days')
      .set('Authorization', coord)
      .set('Accept-Language', 'zh-CN')
      .send({ date: '2026-12-03', kind: 'holiday', name: '停电', stationId: small.id, cancelBookings: true });
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
    const lapsed = await smsTo(waiting.phone);
    expect(lapsed.map((n) => n.kind)).toEqual(['waitlist.closed']);
    expect(lapsed[0]!.body).toBe(`${small.name} is closed on 2026-12-03 (停电), so your waitlist place (${entry.body.code}) is cancelled. Please book another day.`);
    expect((await smsTo(thursday.phone)).map((n) => n.body).at(-1)).toMatch(/^因停电，/);
  });

  it('keeps bookings staff make in Chinese whatever language the staff member reads', async () => {
    const staff = await t.tokenFor('staff');
    const call = await t.http
      .post('/api/hotline-calls')
      .set('Authorization', staff)
      .send({ stationId: station.id, callerName: '李秀英', callerPhone: '13700002222', callerConsent: true, category: 'work_injury', summary: '工伤', durationSeconds: 60, outcome: 'answered' });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    const booked = await t.http.post(`/api/hotline-calls/${call.body.id}/book`).set('Authorization', staff).set('Accept-Language', 'en').send({ start: at('2026-12-04', '15:00') });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(await langOf('appointments', booked.body.appointment.id)).toBe('zh');
    expect((await smsTo('13700002222'))[0]!.body).toMatch(/^您已预约观山湖区职工维权服务站 2026-12-04 15:00的免费法律咨询/);

    const walkIn = await t.http
      .post('/api/appointments/walk-in')
      .set('Authorization', staff)
      .set('Accept-Language', 'en')
      .send({ stationId: station.id, name: 'Walk In', phone: freshPhone(), category: 'other', consent: true });
    expect(walkIn.status, JSON.stringify(walkIn.body)).toBe(201);
    expect(await langOf('appointments', walkIn.body.id)).toBe('zh');
  });

  it('places bookings that arrive together each in its own language (the booking thread, or a MySQL group)', async () => {
    const busy = await t.make.station({ name: '乌当区职工维权服务站', seatsPerSlot: 4 });
    await t.make.shift({ date: '2026-12-04', stationId: busy.id });
    const server = await listen(t);
    try {
      const bodies = Array.from({ length: 8 }, (_, i) => ({ body: bookingFor(busy.id, at('2026-12-04', i < 4 ? '09:00' : '09:30')), lang: i % 2 ? 'en' : 'zh-CN' }));
      const answers = await Promise.all(bodies.map(({ body, lang }) => server.http.post('/api/appointments').set('Accept-Language', lang).send(body)));
      for (const [i, res] of answers.entries()) {
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        const { body, lang } = bodies[i]!;
        expect(await langOf('appointments', res.body.id)).toBe(lang === 'en' ? 'en' : 'zh');
        const [confirmation] = await smsTo(body.phone);
        expect(confirmation!.body).toMatch(lang === 'en' ? /^Booked: / : /^您已预约/);
      }
    } finally {
      await server.close();
    }

    // A group placed in one transaction directly: each item's language, Chinese when it names none.
    const items = [
      { input: bookingFor(busy.id, at('2026-12-04', '10:00')) as unknown as BookingInput, lang: 'en' as const },
      { input: bookingFor(busy.id, at('2026-12-04', '10:00')) as unknown as BookingInput, lang: 'zh' as const },
      { input: bookingFor(busy.id, at('2026-12-04', '10:00')) as unknown as BookingInput },
    ];
    const outcomes = await t.db.sqlTx((sql) => placeGroup(sql, t.ctx, items));
    const langs = outcomes.map((o) => ('placement' in o && 'placed' in o.placement ? o.placement.placed.appointment.lang : 'refused'));
    expect(langs).toEqual(['en', 'zh', 'zh']);
    for (const [i, item] of items.entries()) {
      const [confirmation] = await smsTo(item.input.phone);
      expect(confirmation!.body, String(i)).toMatch(i === 0 ? /^Booked: / : /^您已预约/);
    }
  });
});
