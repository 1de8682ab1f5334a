/**
 * Real e-mail: a real SMTP server (smtp-server) on 127.0.0.1, SMTP_URL pointing at it, a
 * real swap flow, and the delivery job with the configured senders. Checks envelope and
 * headers (UTF-8 Chinese subject and From name intact), body, exactly-once, and a temporary
 * SMTP refusal retried with backoff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, testConfig, type TestApp } from '../../helpers/app.js';
import { ConfigError, loadConfig } from '../../../server/config.js';
import { deliverNotificationsJob } from '../../../server/notifications/notifications.jobs.js';
import { LogEmailSender, SmtpEmailSender, defaultSenders } from '../../../server/notifications/senders.js';
import { crew, type Member } from '../swaps/helpers.js';
import { rowsOf, setEmail, startSmtp, userWithEmail, type TestSmtp } from './helpers.js';
import { notifyUser } from '../../../server/notifications/fanout.js';
import { UserEntity } from '../../../server/auth/users.entity.js';

const FROM = '职工维权服务站 <noreply@weiquan.example.org>';

describe('e-mail configuration', () => {
  it('uses the log sender without SMTP_URL and the SMTP sender with it; MAIL_FROM has a default', () => {
    const logger = pino({ level: 'silent' });
    expect(testConfig().mailFrom).toBe('职工维权服务站 <noreply@localhost>');
    expect(defaultSenders(testConfig(), logger).find((s) => s.channel === 'email')).toBeInstanceOf(LogEmailSender);
    const withSmtp = testConfig({ SMTP_URL: 'smtp://user:pass@mail.example.org:587', MAIL_FROM: FROM });
    expect(withSmtp.mailFrom).toBe(FROM);
    expect(defaultSenders(withSmtp, logger).find((s) => s.channel === 'email')).toBeInstanceOf(SmtpEmailSender);
    expect(() => loadConfig({ SMTP_URL: 'mail.example.org' })).toThrow(ConfigError);
    expect(() => loadConfig({ SMTP_URL: 'mail.example.org' })).toThrow(/SMTP_URL/);
  });
});

describeEachDb('e-mail through a real SMTP server', (kind) => {
  let smtp: TestSmtp;
  let t: TestApp;
  let station: Awaited<ReturnType<typeof crew>>['station'];
  let a: Member;
  let b: Member;
  let coord: string;
  const deliver = () => deliverNotificationsJob.run(t.ctx) as Promise<{ sent: number; failed: number; dead: number }>;
  const to = (address: string) => smtp.received.filter((m) => m.rcptTo.includes(address));

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await setupTestApp(kind, { now: '2026-12-01T09:00:00+08:00', env: { SMTP_URL: smtp.url, MAIL_FROM: FROM, PUBLIC_BASE_URL: 'https://weiquan.example.org' } });
    const c = await crew(t, 2, { name: '观山湖区职工维权服务站' });
    station = c.station;
    [a, b] = c.members as [Member, Member];
    await setEmail(t, a.userId, 'zhang.lawyer@example.org');
    await setEmail(t, b.userId, 'li.lawyer@example.org');
    const coordinator = await userWithEmail(t, 'paiban@example.org', 'coordinator');
    coord = `Bearer ${(await t.http.post('/api/auth/login').send({ username: coordinator.username, password: coordinator.password })).body.token}`;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('a swap request arrives by e-mail with the right envelope, From, To, Subject (UTF-8 Chinese) and body', async () => {
    const shift = await t.make.shift({ date: '2026-12-10', stationId: station.id, lawyerId: a.lawyer.id });
    const asked = await t.http
      .post('/api/swaps')
      .set('Authorization', a.token)
      .send({ shiftId: shift.id, type: 'giveaway', toLawyerId: b.lawyer.id, note: '出庭（劳动争议案）' });
    expect(asked.status).toBe(201);
    const report = await deliver();
    expect(report).toMatchObject({ sent: 1, failed: 0, dead: 0 });

    const got = to('li.lawyer@example.org');
    expect(got).toHaveLength(1);
    const mail = got[0]!;
    expect(mail.mailFrom).toBe('noreply@weiquan.example.org');
    expect(mail.rcptTo).toEqual(['li.lawyer@example.org']);
    expect(mail.from).toBe('职工维权服务站 <noreply@weiquan.example.org>');
    expect(mail.to).toBe('li.lawyer@example.org');
    expect(mail.subject).toBe('换班请求：2026-12-10 观山湖区职工维权服务站');
    expect(mail.headers.get('subject')).toMatch(/^=\?UTF-8\?[BQ]\?/i); // RFC 2047 on the wire, not raw 8-bit
    expect(mail.headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8/i);
    expect(mail.text).toContain(`${a.lawyer.name} 希望将 2026-12-10 观山湖区职工维权服务站 的值班转给您（出庭（劳动争议案））。`);
    expect(mail.text).toContain('https://weiquan.example.org');
    expect(mail.text).toContain('此邮件由系统自动发送，请勿直接回复。');
    const row = (await rowsOf(t, b.userId, 'email')).find((r) => r.kind === 'swap_requested')!;
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(mail.headers.get('message-id')).toBe(`<notification-${row.id}-${row.createdAt.getTime()}@weiquan.example.org>`);
    expect(mail.headers.get('x-notification-kind')).toBe('swap_requested');

    // Delivered once: later runs send nothing more.
    expect(await deliver()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('accept and approve e-mail the requester, the coordinator and both lawyers, each exactly once', async () => {
    const shift = await t.make.shift({ date: '2026-12-11', stationId: station.id, lawyerId: a.lawyer.id });
    const asked = await t.http.post('/api/swaps').set('Authorization', a.token).send({ shiftId: shift.id, type: 'giveaway', toLawyerId: b.lawyer.id });
    await deliver();
    const before = smtp.received.length;
    expect((await t.http.post(`/api/swaps/${asked.body.id}/accept`).set('Authorization', b.token).send({})).status).toBe(200);
    expect((await t.http.post(`/api/swaps/${asked.body.id}/approve`).set('Authorization', coord).send({})).status).toBe(200);
    // Two deliveries at once still send each message once.
    await Promise.all([deliver(), deliver()]);
    await deliver();
    const fresh = smtp.received.slice(before).map((m) => [m.rcptTo[0], m.subject]);
    expect(fresh.sort()).toEqual(
      [
        ['li.lawyer@example.org', '换班已生效：2026-12-11 观山湖区职工维权服务站'],
        ['paiban@example.org', '换班待审批：2026-12-11 观山湖区职工维权服务站'],
        ['zhang.lawyer@example.org', `${b.lawyer.name} 已接受换班：2026-12-11 观山湖区职工维权服务站`],
        ['zhang.lawyer@example.org', '换班已生效：2026-12-11 观山湖区职工维权服务站'],
      ].sort(),
    );
  });

  it('a temporary SMTP refusal (451) leaves the message failed and it arrives once the server accepts again', async () => {
    const who = await userWithEmail(t, 'wang.staff@example.org');
    await t.db.tx((m) =>
      notifyUser(m, t.clock, who, { kind: 'roster_published', text: { key: 'roster_published', params: { month: '2027-01', duties: 3 } } }),
    );
    smtp.refuse = '4.2.1 Mailbox busy, try later';
    try {
      expect(await deliver()).toMatchObject({ sent: 0, failed: 1 });
    } finally {
      smtp.refuse = null;
    }
    let row = (await rowsOf(t, who.id, 'email'))[0]!;
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.lastError).toMatch(/451|Mailbox busy/);
    expect(to('wang.staff@example.org')).toEqual([]);

    t.clock.advanceMinutes(1);
    try {
      expect(await deliver()).toMatchObject({ sent: 1, failed: 0 });
    } finally {
      t.clock.advanceMinutes(-1);
    }
    row = (await rowsOf(t, who.id, 'email'))[0]!;
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    const got = to('wang.staff@example.org');
    expect(got).toHaveLength(1);
    expect(got[0]!.subject).toBe('2027-01 值班表已发布');
    expect(got[0]!.text).toContain('您在 2027-01 有 3 个值班日，请在“我的值班”中查看。');
  });

  it('a user who reads English gets the subject, the body and the footer in English', async () => {
    const who = await userWithEmail(t, 'english.staff@example.org');
    await t.db.tx((m) => m.update(UserEntity, { id: who.id }, { lang: 'en' }));
    const user = await t.db.read((m) => m.findOneByOrFail(UserEntity, { id: who.id }));
    await t.db.tx((m) => notifyUser(m, t.clock, user, { kind: 'roster_published', text: { key: 'roster_published', params: { month: '2027-03', duties: 2 } } }));
    expect(await deliver()).toMatchObject({ sent: 1, failed: 0 });
    const [mail] = to('english.staff@example.org');
    expect(mail!.subject).toBe('Roster for 2027-03 published');
    expect(mail!.text).toBe(
      "You have 2 duty days in 2027-03; see “My duty”.\n\n--\nWorkers' Rights Service Stations duty system https://weiquan.example.org\nThis e-mail was sent automatically; replies are not read.\n",
    );
  });

  it('an unreachable SMTP server is a failure to retry, not a lost message', async () => {
    const closed = await startSmtp();
    await closed.close(); // a port where nobody listens any more
    const ctx = { ...t.ctx, config: testConfig({ SMTP_URL: closed.url, MAIL_FROM: FROM }) };
    const who = await userWithEmail(t, 'zhao.staff@example.org');
    await t.db.tx((m) => notifyUser(m, t.clock, who, { kind: 'test_message', text: { key: 'shift_gained', params: { date: '2027-01-04', station: '测试站' } } }));
    const report = (await deliverNotificationsJob.run(ctx)) as { sent: number; failed: number };
    expect(report).toMatchObject({ sent: 0, failed: 1 });
    const row = (await rowsOf(t, who.id, 'email'))[0]!;
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
  });
});
