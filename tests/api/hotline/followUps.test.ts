import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';
import { JobRunEntity } from '../../../server/jobs/jobRun.entity.js';
import { NotificationEntity } from '../../../server/notifications/notifications.entity.js';
import { runFollowUpReminders } from '../../../server/hotline/followUps.job.js';
import { allJobs } from '../../../server/jobs/registry.js';

describeEachDb('hotline call-backs: the queue, closing them, the morning reminder', (kind) => {
  let t: TestApp;
  let a: number;
  let b: number;
  let staff: string;
  let staffA: { id: number };
  let staffB: { id: number };
  let ids: Record<string, number>;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-10T08:00:00+08:00' });
    a = (await t.make.station({ name: '甲站' })).id;
    b = (await t.make.station({ name: '乙站' })).id;
    staff = await t.tokenFor('staff');
    staffA = await t.make.user({ role: 'staff', stationId: a });
    staffB = await t.make.user({ role: 'staff', stationId: b });
    await t.make.user({ role: 'lawyer' });
    const log = async (stationId: number, receivedAt: string, o: Record<string, unknown>) => {
      const res = await t.http
        .post('/api/hotline-calls')
        .set('Authorization', staff)
        .send({ stationId, receivedAt, callerName: '赵六', callerPhone: '13611112222', callerConsent: true, category: 'wage_arrears', summary: '欠薪，请回电 13611112222', durationSeconds: 60, ...o });
      expect(res.status).toBe(201);
      return res.body.id as number;
    };
    ids = {
      overdueA: await log(a, '2026-12-01T10:00:00+08:00', { outcome: 'callback_needed', followUpDate: '2026-12-05' }),
      todayA: await log(a, '2026-12-08T10:00:00+08:00', { outcome: 'callback_needed', followUpDate: '2026-12-10' }),
      laterA: await log(a, '2026-12-09T10:00:00+08:00', { outcome: 'callback_needed', followUpDate: '2026-12-15' }),
      todayB: await log(b, '2026-12-09T11:00:00+08:00', { outcome: 'callback_needed', followUpDate: '2026-12-10' }),
      answered: await log(a, '2026-12-09T12:00:00+08:00', { outcome: 'answered' }),
    };
  });
  afterAll(() => t.close());

  const queue = async (q: string) => {
    const res = await t.http.get(`/api/follow-ups?${q}`).set('Authorization', staff);
    expect(res.status, q).toBe(200);
    return res.body as { items: { id: number; followUpState: string }[]; total: number };
  };

  it('lists due, overdue and all open call-backs, oldest due first', async () => {
    expect((await queue(`stationId=${a}&due=today`)).items.map((x) => x.id)).toEqual([ids.todayA]);
    expect((await queue(`stationId=${a}&due=overdue`)).items.map((x) => x.id)).toEqual([ids.overdueA]);
    const all = await queue(`stationId=${a}`);
    expect(all.items.map((x) => [x.id, x.followUpState])).toEqual([
      [ids.overdueA, 'overdue'],
      [ids.todayA, 'due'],
      [ids.laterA, 'upcoming'],
    ]);
    expect((await queue('due=today')).items.map((x) => x.id).sort()).toEqual([ids.todayA, ids.todayB].sort());
    expect((await queue('due=today&pageSize=1')).total).toBe(2);
    expect((await t.http.get('/api/follow-ups?due=tomorrow').set('Authorization', staff)).status).toBe(400);
  });

  it('reminds each station’s staff once on the morning, listing due and overdue call-backs with masked callers', async () => {
    t.clock.set('2026-12-10T08:30:00+08:00');
    const first = await runFollowUpReminders(t.ctx);
    expect(first).toMatchObject({ ran: true, result: { date: '2026-12-10', stations: 2, calls: 3, reminders: 2 } });
    const notes = await t.db.read((m) => m.find(NotificationEntity, { where: { kind: 'follow_up_reminder' }, order: { id: 'ASC' } }));
    expect(notes.map((n) => n.recipientUserId).sort()).toEqual([staffA.id, staffB.id].sort());
    const forA = notes.find((n) => n.recipientUserId === staffA.id)!;
    expect(forA).toMatchObject({ channel: 'in_app', status: 'sent' });
    expect(forA.title).toBe('今日回访提醒：2 个待回访（其中逾期 1 个）');
    expect(forA.payload).toMatchObject({ text: { key: 'follow_up_reminder', params: { station: expect.any(String), calls: 2, overdue: 1 } } });
    expect(forA.body).toContain('2026-12-05（逾期）');
    expect(forA.body).toContain('赵* 136****2222 [欠薪]');
    expect(forA.body).not.toContain('13611112222'); // not even from the summary text
    expect(forA.payload).toMatchObject({ callIds: [ids.overdueA, ids.todayA], overdue: 1 });
    expect(await runFollowUpReminders(t.ctx)).toEqual({ ran: false, reason: 'done' });
    const runs = await t.db.read((m) => m.findBy(JobRunEntity, { job: 'hotline-follow-up-reminders' }));
    expect(runs).toEqual([expect.objectContaining({ slot: '2026-12-10', status: 'done' })]);
    const job = allJobs.find((j) => j.name === 'hotline-follow-up-reminders')!;
    expect(job.schedule).toBe('30 8 * * *');
  });

  it('records attempts: not done moves the date, done closes it (audited); a closed or non-call-back is 409', async () => {
    const moved = await t.http
      .post(`/api/hotline-calls/${ids.overdueA}/follow-up`)
      .set('Authorization', staff)
      .send({ note: '无人接听', done: false, nextDate: '2026-12-11' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ followUpDate: '2026-12-11', followUpState: 'upcoming', followUps: [{ note: '无人接听', done: false, nextDate: '2026-12-11' }] });
    const past = await t.http.post(`/api/hotline-calls/${ids.overdueA}/follow-up`).set('Authorization', staff).send({ note: 'x', done: false, nextDate: '2026-12-01' });
    expect(past.status).toBe(400);
    const bad = await t.http.post(`/api/hotline-calls/${ids.todayA}/follow-up`).set('Authorization', staff).send({ note: 'x', done: false });
    expect(bad.status).toBe(400);
    const done = await t.http.post(`/api/hotline-calls/${ids.todayA}/follow-up`).set('Authorization', staff).send({ note: '已回电，告知仲裁流程', done: true });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ followUpState: 'done', followUpDoneAt: '2026-12-10T08:30:00+08:00', followUps: [{ done: true }] });
    expect((await t.http.post(`/api/hotline-calls/${ids.todayA}/follow-up`).set('Authorization', staff).send({ note: '再次', done: true })).status).toBe(409);
    expect((await t.http.post(`/api/hotline-calls/${ids.answered}/follow-up`).set('Authorization', staff).send({ note: 'x', done: true })).status).toBe(409);
    const other = await t.tokenFor('staff', { stationId: b });
    expect((await t.http.post(`/api/hotline-calls/${ids.laterA}/follow-up`).set('Authorization', other).send({ note: 'x', done: true })).status).toBe(403);

    expect((await queue(`stationId=${a}&due=today`)).items).toEqual([]);
    expect((await queue(`stationId=${a}`)).items.map((x) => x.id)).toEqual([ids.overdueA, ids.laterA]);
    const audit = await t.db.read((m) => m.findBy(AuditEntity, { entity: 'hotline_call' }));
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['hotline_call.follow_up_attempt', 'hotline_call.follow_up_done']));
  });
});
