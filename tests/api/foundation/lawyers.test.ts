import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';

describeEachDb('lawyers and unavailability', (kind) => {
  let t: TestApp;
  let coord: string;
  let stationId: number;
  beforeAll(async () => {
    t = await setupTestApp(kind);
    coord = await t.tokenFor('coordinator');
    stationId = (await t.make.station()).id;
  });
  afterAll(() => t.close());

  it('creates a lawyer with stations and specialties', async () => {
    const res = await t.http.post('/api/lawyers').set('Authorization', coord).send({
      name: '王律师',
      phone: '13912345678',
      firm: '黔山律师事务所',
      specialties: ['wage_arrears', 'work_injury'],
      stationIds: [stationId],
      maxShiftsPerMonth: 8,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '王律师', phone: '13912345678', stationIds: [stationId], maxShiftsPerMonth: 8, active: true });
    const bad = await t.http
      .post('/api/lawyers')
      .set('Authorization', coord)
      .send({ name: 'x', firm: 'y', stationIds: [999999] });
    expect(bad.status).toBe(400);
    const badCat = await t.http.post('/api/lawyers').set('Authorization', coord).send({ name: 'x', firm: 'y', specialties: ['tax'] });
    expect(badCat.status).toBe(400);
    const repeated = await t.http.post('/api/lawyers').set('Authorization', coord).send({ name: 'x', firm: 'y', stationIds: [stationId, stationId] });
    expect(repeated.status).toBe(400);
    expect(repeated.body.error.details[0].path).toBe('stationIds');
    expect((await t.http.patch(`/api/lawyers/${res.body.id}`).set('Authorization', coord).send({ stationIds: [stationId, stationId] })).status).toBe(400);
  });

  it('shows lawyers’ phones in full only to coordinators and admins', async () => {
    const l = await t.make.lawyer({ phone: '13811112222', stationIds: [stationId] });
    const byRole = async (role: 'coordinator' | 'admin' | 'staff' | 'lawyer') => {
      const res = await t.http.get('/api/lawyers').set('Authorization', await t.tokenFor(role));
      return res.body.find((x: { id: number }) => x.id === l.id).phone;
    };
    expect(await byRole('coordinator')).toBe('13811112222');
    expect(await byRole('admin')).toBe('13811112222');
    expect(await byRole('staff')).toBe('138****2222');
    expect(await byRole('lawyer')).toBe('138****2222');
  });

  it('updates stations and deactivates', async () => {
    const l = await t.make.lawyer({ stationIds: [stationId] });
    const other = await t.make.station();
    const res = await t.http.patch(`/api/lawyers/${l.id}`).set('Authorization', coord).send({ stationIds: [other.id], active: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stationIds: [other.id], active: false });
    const list = await t.http.get('/api/lawyers').set('Authorization', coord);
    expect(list.body.map((x: { id: number }) => x.id)).not.toContain(l.id);
    const filtered = await t.http.get(`/api/lawyers?stationId=${stationId}`).set('Authorization', coord);
    expect(filtered.body.every((x: { stationIds: number[] }) => x.stationIds.includes(stationId))).toBe(true);
  });

  it('lets a lawyer manage their own unavailability but not a colleague’s', async () => {
    const me = await t.make.lawyer();
    const colleague = await t.make.lawyer();
    const token = await t.tokenFor('lawyer', { lawyerId: me.id });
    const add = await t.http
      .post(`/api/lawyers/${me.id}/unavailability`)
      .set('Authorization', token)
      .send({ from: '2026-12-10', to: '2026-12-12', reason: '出庭' });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ lawyerId: me.id, from: '2026-12-10', to: '2026-12-12', reason: '出庭' });
    const other = await t.http
      .post(`/api/lawyers/${colleague.id}/unavailability`)
      .set('Authorization', token)
      .send({ from: '2026-12-10', to: '2026-12-12' });
    expect(other.status).toBe(403);
    const staff = await t.http
      .post(`/api/lawyers/${me.id}/unavailability`)
      .set('Authorization', await t.tokenFor('staff'))
      .send({ from: '2026-12-10', to: '2026-12-12' });
    expect(staff.status).toBe(403);
    const backwards = await t.http
      .post(`/api/lawyers/${me.id}/unavailability`)
      .set('Authorization', token)
      .send({ from: '2026-12-12', to: '2026-12-10' });
    expect(backwards.status).toBe(400);
    const notADate = await t.http
      .post(`/api/lawyers/${me.id}/unavailability`)
      .set('Authorization', token)
      .send({ from: '2026-02-30', to: '2026-03-01' });
    expect(notADate.status).toBe(400);

    // Colleagues see that someone is away, not why.
    const seen = await t.http.get(`/api/lawyers/${me.id}/unavailability`).set('Authorization', await t.tokenFor('lawyer', { lawyerId: colleague.id }));
    expect(seen.body[0]).toMatchObject({ from: '2026-12-10', reason: '' });
    const own = await t.http.get(`/api/lawyers/${me.id}/unavailability`).set('Authorization', token);
    expect(own.body[0].reason).toBe('出庭');
    // Staff too see that a lawyer is away, not why; coordinators see why.
    const byStaff = await t.http.get(`/api/lawyers/${me.id}/unavailability`).set('Authorization', await t.tokenFor('staff'));
    expect(byStaff.body[0]).toMatchObject({ from: '2026-12-10', reason: '' });
    expect((await t.http.get(`/api/lawyers/${me.id}/unavailability`).set('Authorization', coord)).body[0].reason).toBe('出庭');

    const del = await t.http.delete(`/api/lawyers/${me.id}/unavailability/${add.body.id}`).set('Authorization', coord);
    expect(del.status).toBe(204);
    const again = await t.http.delete(`/api/lawyers/${me.id}/unavailability/${add.body.id}`).set('Authorization', coord);
    expect(again.status).toBe(404);
  });
});
