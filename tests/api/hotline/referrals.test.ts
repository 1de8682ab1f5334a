import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';

describeEachDb('referrals up the chain', (kind) => {
  let t: TestApp;
  let district: number;
  let town: number;
  let village: number;
  let otherTown: number;
  let districtStaff: string;
  let townStaff: string;
  let villageStaff: string;
  let coord: string;
  let lawyer: string;
  let callId: number;
  let lawyerId: number;

  /** Move the clock (sessions last 12 hours, so sign everyone in again). */
  const at = async (iso: string) => {
    t.clock.set(iso);
    districtStaff = await t.tokenFor('staff', { stationId: district });
    townStaff = await t.tokenFor('staff', { stationId: town });
    villageStaff = await t.tokenFor('staff', { stationId: village });
    coord = await t.tokenFor('coordinator');
    lawyer = await t.tokenFor('lawyer', { lawyerId });
  };

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-01T10:00:00+08:00' });
    district = (await t.make.station({ name: '区站', level: 'district' })).id;
    town = (await t.make.station({ name: '金华镇分站', level: 'town', parentId: district })).id;
    otherTown = (await t.make.station({ name: '朱昌镇分站', level: 'town', parentId: district })).id;
    village = (await t.make.station({ name: '和平村', level: 'village', parentId: town })).id;
    lawyerId = (await t.make.lawyer({ stationIds: [district] })).id;
    await at('2026-12-01T10:00:00+08:00');
    const call = await t.http
      .post('/api/hotline-calls')
      .set('Authorization', villageStaff)
      .send({
        stationId: village,
        receivedAt: '2026-12-01T09:00:00+08:00',
        callerName: '孙娟',
        callerPhone: '13512345678',
        callerConsent: true,
        category: 'wage_arrears',
        summary: '村里十几名工人被欠薪',
        durationSeconds: 600,
        outcome: 'referred_mediation',
      });
    expect(call.status).toBe(201);
    callId = call.body.id;
  });
  afterAll(() => t.close());

  const refer = (token: string, o: Record<string, unknown>) =>
    t.http.post('/api/referrals').set('Authorization', token).send({ category: 'wage_arrears', summary: '欠薪纠纷', ...o });

  it('refuses referrals that do not go up the chain (400), and senders who do not work at the station (403)', async () => {
    const upToVillage = await refer(townStaff, { fromStationId: town, toStationId: village, stage: 'town_mediation' });
    expect(upToVillage.status).toBe(400);
    expect(upToVillage.body.error.details[0].path).toBe('toStationId');
    const sideways = await refer(townStaff, { fromStationId: town, toStationId: otherTown, stage: 'town_mediation' });
    expect(sideways.status).toBe(400);
    const wrongLevel = await refer(villageStaff, { fromStationId: village, toStationId: district, stage: 'town_mediation' });
    expect(wrongLevel.status).toBe(400);
    const down = await refer(districtStaff, { fromStationId: district, toStationId: town, stage: 'town_mediation' });
    expect(down.status).toBe(400);
    const both = await refer(villageStaff, { fromStationId: village, toStationId: town, stage: 'town_mediation', hotlineCallId: callId, appointmentId: 1 });
    expect(both.status).toBe(400);
    const unknownCall = await refer(villageStaff, { fromStationId: village, toStationId: town, stage: 'town_mediation', hotlineCallId: 999999 });
    expect(unknownCall.status).toBe(400);
    const notMine = await refer(townStaff, { fromStationId: otherTown, toStationId: district, stage: 'district_mediation' });
    expect(notMine.status).toBe(403);
  });

  it('follows a dispute from the village call to a settlement at district arbitration, every step audited', async () => {
    const r1 = await refer(villageStaff, { fromStationId: village, toStationId: town, stage: 'town_mediation', hotlineCallId: callId });
    expect(r1.status).toBe(201);
    expect(r1.body).toMatchObject({
      parentId: null,
      childId: null,
      fromStationId: village,
      fromStationName: '和平村',
      toStationId: town,
      toStationName: '金华镇分站',
      stage: 'town_mediation',
      hotlineCallId: callId,
      workerName: '孙娟',
      workerPhone: '13512345678',
      status: 'pending',
      referredDate: '2026-12-01',
    });
    const id1 = r1.body.id as number;

    // Only the receiving station accepts; a result needs acceptance first.
    expect((await t.http.post(`/api/referrals/${id1}/accept`).set('Authorization', villageStaff)).status).toBe(403);
    const early = await t.http.post(`/api/referrals/${id1}/close`).set('Authorization', townStaff).send({ result: 'settled', note: '调解成功' });
    expect(early.status).toBe(409);
    await at('2026-12-02T10:00:00+08:00');
    const acc = await t.http.post(`/api/referrals/${id1}/accept`).set('Authorization', townStaff);
    expect(acc.status).toBe(200);
    expect(acc.body).toMatchObject({ status: 'accepted', acceptedAt: '2026-12-02T10:00:00+08:00' });
    expect((await t.http.post(`/api/referrals/${id1}/accept`).set('Authorization', townStaff)).status).toBe(409);

    // Referring on: to the district's mediation, as a child referral. Not back down, not sideways.
    const backDown = await t.http
      .post(`/api/referrals/${id1}/close`)
      .set('Authorization', townStaff)
      .send({ result: 'referred_on', note: '镇级调解未果', referTo: { toStationId: town, stage: 'town_mediation' } });
    expect(backDown.status).toBe(400);
    expect(backDown.body.error.details[0].path).toBe('referTo.stage');
    const noTarget = await t.http.post(`/api/referrals/${id1}/close`).set('Authorization', townStaff).send({ result: 'referred_on', note: 'x' });
    expect(noTarget.status).toBe(400);
    await at('2026-12-05T15:00:00+08:00');
    const on = await t.http
      .post(`/api/referrals/${id1}/close`)
      .set('Authorization', townStaff)
      .send({ result: 'referred_on', note: '镇级调解未果', referTo: { toStationId: district, stage: 'district_mediation' } });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ status: 'closed', result: 'referred_on', closedDate: '2026-12-05', childId: expect.any(Number) });
    const id2 = on.body.childId as number;
    const child = await t.http.get(`/api/referrals/${id2}`).set('Authorization', districtStaff);
    expect(child.body).toMatchObject({ parentId: id1, fromStationId: town, toStationId: district, stage: 'district_mediation', status: 'pending', hotlineCallId: callId, workerPhone: '13512345678' });
    expect((await t.http.post(`/api/referrals/${id1}/close`).set('Authorization', townStaff).send({ result: 'settled', note: 'x' })).status).toBe(409);

    await t.http.post(`/api/referrals/${id2}/accept`).set('Authorization', districtStaff).expect(200);
    const on2 = await t.http
      .post(`/api/referrals/${id2}/close`)
      .set('Authorization', districtStaff)
      .send({ result: 'referred_on', note: '调解不成，申请仲裁', referTo: { toStationId: district, stage: 'district_arbitration', summary: '申请劳动仲裁' } });
    expect(on2.status).toBe(200);
    const id3 = on2.body.childId as number;
    await at('2026-12-20T11:00:00+08:00');
    await t.http.post(`/api/referrals/${id3}/accept`).set('Authorization', districtStaff).expect(200);
    const notSettledAmount = await t.http.post(`/api/referrals/${id3}/close`).set('Authorization', districtStaff).send({ result: 'not_settled', amountSettled: 5, note: 'x' });
    expect(notSettledAmount.status).toBe(400);
    const settled = await t.http
      .post(`/api/referrals/${id3}/close`)
      .set('Authorization', districtStaff)
      .send({ result: 'settled', amountSettled: 86_500.456, note: '仲裁调解结案' });
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ result: 'settled', amountSettled: 86_500.46, closedDate: '2026-12-20', summary: '申请劳动仲裁' });

    // The whole path, asked from any step.
    for (const id of [id1, id2, id3]) {
      const path = await t.http.get(`/api/referrals/${id}/path`).set('Authorization', lawyer);
      expect(path.status).toBe(200);
      expect(path.body.referralIds).toEqual([id1, id2, id3]);
      expect(path.body.current).toEqual({ referralId: id3, stage: 'district_arbitration', status: 'closed', result: 'settled', amountSettled: 86_500.46 });
      expect(path.body.steps.map((s: { kind: string; stage: string | null; detail: string | null }) => [s.kind, s.stage, s.detail])).toEqual([
        ['hotline_call', null, 'referred_mediation'],
        ['referred', 'town_mediation', null],
        ['accepted', 'town_mediation', null],
        ['closed', 'town_mediation', 'referred_on'],
        ['referred', 'district_mediation', null],
        ['accepted', 'district_mediation', null],
        ['closed', 'district_mediation', 'referred_on'],
        ['referred', 'district_arbitration', null],
        ['accepted', 'district_arbitration', null],
        ['closed', 'district_arbitration', 'settled'],
      ]);
      expect(path.body.steps[0]).toMatchObject({ at: '2026-12-01T09:00:00+08:00', stationId: village, stationName: '和平村' });
      expect(path.body.steps[1]).toMatchObject({ stationId: village, toStationId: town, toStationName: '金华镇分站' });
      expect(path.body.steps[9]).toMatchObject({ amountSettled: 86_500.46, note: '仲裁调解结案', at: '2026-12-20T11:00:00+08:00' });
    }

    const audit = await t.db.read((m) => m.find(AuditEntity, { where: { entity: 'referral' }, order: { id: 'ASC' } }));
    // Changes only: reads are in the access log (personal_data.view), tested in tests/api/privacy.
    const trail = audit.filter((a) => a.action !== 'personal_data.view' && [id1, id2, id3].map(String).includes(a.entityId!)).map((a) => `${a.action}:${a.entityId}`);
    expect(trail).toEqual([
      `referral.create:${id1}`,
      `referral.accept:${id1}`,
      `referral.close:${id1}`,
      `referral.create:${id2}`,
      `referral.accept:${id2}`,
      `referral.close:${id2}`,
      `referral.create:${id3}`,
      `referral.accept:${id3}`,
      `referral.close:${id3}`,
    ]);
    expect(JSON.stringify(audit)).not.toContain('13512345678');
  });

  it('lists incoming and outgoing referrals per station, by status; masks workers for lawyers', async () => {
    const w = await refer(districtStaff, { fromStationId: district, toStationId: district, stage: 'legal_aid', workerName: '周强', workerPhone: '13599998888' });
    expect(w.status).toBe(201);
    const list = async (token: string, q: string) => {
      const res = await t.http.get(`/api/referrals?${q}`).set('Authorization', token);
      expect(res.status, q).toBe(200);
      return res.body as { items: { id: number; stage: string; status: string; workerPhone: string }[]; total: number };
    };
    const incoming = await list(districtStaff, `stationId=${district}&direction=incoming`);
    expect(incoming.items.map((r) => r.stage)).toEqual(['legal_aid', 'district_arbitration', 'district_mediation']);
    expect((await list(districtStaff, `stationId=${district}&direction=incoming&status=pending`)).items.map((r) => r.id)).toEqual([w.body.id]);
    expect((await list(townStaff, 'direction=outgoing')).items.map((r) => r.stage)).toEqual(['district_mediation']); // own station by default
    expect((await list(townStaff, 'direction=incoming')).items.map((r) => r.stage)).toEqual(['town_mediation']);
    expect((await t.http.get('/api/referrals?direction=incoming').set('Authorization', coord)).status).toBe(400);
    const masked = await list(lawyer, `stationId=${district}&direction=incoming&status=pending`);
    expect(masked.items[0]!.workerPhone).toBe('135****8888');
    // Staff of a town that is on neither end of the referral see the worker masked; the sender's and receiver's staff in full.
    const otherTownStaff = await t.tokenFor('staff', { stationId: otherTown });
    expect((await list(otherTownStaff, `stationId=${district}&direction=incoming&status=pending`)).items[0]!.workerPhone).toBe('135****8888');
    expect((await list(townStaff, `stationId=${district}&direction=incoming&status=pending`)).items[0]!.workerPhone).toBe('135****8888');
    expect((await list(districtStaff, `stationId=${district}&direction=incoming&status=pending`)).items[0]!.workerPhone).toBe('13599998888');
    const upFromTown = (await list(coord, `stationId=${district}&direction=incoming`)).items.find((r) => r.stage === 'district_mediation')!;
    const seenByTown = await t.http.get(`/api/referrals/${upFromTown.id}`).set('Authorization', townStaff);
    expect(seenByTown.body).toMatchObject({ masked: false, workerPhone: '13512345678' }); // the town sent it up
    expect((await t.http.get(`/api/referrals/${upFromTown.id}`).set('Authorization', otherTownStaff)).body).toMatchObject({ masked: true });

    // The sender may withdraw a pending referral.
    const wd = await t.http.post(`/api/referrals/${w.body.id}/close`).set('Authorization', districtStaff).send({ result: 'withdrawn', note: '工人撤回' });
    expect(wd.status).toBe(200);
    expect(wd.body).toMatchObject({ status: 'closed', result: 'withdrawn' });
    expect((await t.http.get('/api/referrals/999999/path').set('Authorization', coord)).status).toBe(404);
  });
});
