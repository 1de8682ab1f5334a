import { afterAll, beforeAll, expect, it } from 'vitest';
import pino from 'pino';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, testConfig, TestClock, type TestApp } from '../../helpers/app.js';
import { Db } from '../../../server/db/db.js';
import { runDraftNextMonth } from '../../../server/rosters/rosters.jobs.js';
import { JobRunEntity } from '../../../server/jobs/jobRun.entity.js';
import { NotificationEntity } from '../../../server/notifications/notifications.entity.js';
import { RosterEntity, RotationEntity, ShiftEntity } from '../../../server/rosters/rosters.entity.js';
import type { AppContext } from '../../../server/context.js';

describeEachDb('draft-next-month job', (kind) => {
  let t: TestApp;
  let second: Db;
  let coordinatorId: number;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-11-20T02:00:00+08:00' });
    // A second "instance": on MySQL its own connection pool on the same database. On SQLite
    // (one instance by design; better-sqlite3 blocks the event loop while it waits for a lock)
    // both runs share the connection and race at every await.
    second = kind === 'mysql' ? await Db.connect({ url: (t.db.ds.options as { url?: string }).url! }) : t.db;
    const station = await t.make.station();
    const a = await t.make.lawyer({ stationIds: [station.id] });
    const b = await t.make.lawyer({ stationIds: [station.id] });
    await t.db.tx((m) =>
      m.save(RotationEntity, {
        stationId: station.id,
        name: '坐班',
        rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
        startDate: '2026-11-01',
        lawyerIds: [a.id],
        shiftStart: '09:00',
        shiftEnd: '17:30',
        lawyersPerDay: 2, // only one lawyer: every day has a gap
        active: true,
        createdAt: new Date(),
        updatedAt: new Date(),
      }),
    );
    void b;
    coordinatorId = (await t.make.user({ role: 'coordinator' })).id;
  });
  afterAll(async () => {
    if (second !== t.db) await second.close();
    await t.close();
  });

  it('runs once across two instances racing, records the run, and tells coordinators about gaps', async () => {
    const ctxB: AppContext = { ...t.ctx, db: second, clock: new TestClock('2026-11-20T02:00:00+08:00'), config: testConfig(), logger: pino({ level: 'silent' }) };
    const [r1, r2] = await Promise.all([runDraftNextMonth(t.ctx, { instance: 'api-1' }), runDraftNextMonth(ctxB, { instance: 'api-2' })]);
    const ran = [r1, r2].filter((r) => r.ran);
    expect(ran).toHaveLength(1);
    const summary = (ran[0] as { result: { month: string; shifts: number; gaps: number } }).result;
    expect(summary.month).toBe('2026-12');
    expect(summary.gaps).toBeGreaterThan(15);

    const runs = await t.db.read((m) => m.findBy(JobRunEntity, { job: 'draft-next-month' }));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ slot: '2026-12', status: 'done' });
    const rosters = await t.db.read((m) => m.findBy(RosterEntity, { month: '2026-12' }));
    expect(rosters.map((r) => r.status)).toEqual(['draft']);
    const shifts = await t.db.read((m) => m.countBy(ShiftEntity, { month: '2026-12' }));
    expect(shifts).toBe(summary.shifts);
    const notes = await t.db.read((m) => m.findBy(NotificationEntity, { recipientUserId: coordinatorId, kind: 'roster_drafted' }));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toContain('空缺');

    const again = await runDraftNextMonth(t.ctx);
    expect(again).toEqual({ ran: false, reason: 'done' });
  });
});
