import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';

describeEachDb('stations', (kind) => {
  let t: TestApp;
  let coord: string;
  beforeAll(async () => {
    t = await setupTestApp(kind);
    coord = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const district = { code: 'D-1', name: '区职工维权服务站', level: 'district' };

  it('creates a three-level chain and lists it publicly, district first', async () => {
    const d = await t.http.post('/api/stations').set('Authorization', coord).send({
      ...district,
      openHours: [{ weekday: 1, start: '09:00', end: '12:00' }],
      address: '观山湖区',
    });
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ id: expect.any(Number), level: 'district', parentId: null, slotMinutes: 30, seatsPerSlot: 1 });
    const town = await t.http
      .post('/api/stations')
      .set('Authorization', coord)
      .send({ code: 'T-1', name: '金华镇分站', level: 'town', parentId: d.body.id });
    expect(town.status).toBe(201);
    const village = await t.http
      .post('/api/stations')
      .set('Authorization', coord)
      .send({ code: 'V-1', name: '和平村', level: 'village', parentId: town.body.id });
    expect(village.status).toBe(201);
    const list = await t.http.get('/api/stations');
    const codes = list.body.map((s: { code: string }) => s.code);
    expect(codes.indexOf('D-1')).toBeLessThan(codes.indexOf('T-1'));
    expect(codes.indexOf('T-1')).toBeLessThan(codes.indexOf('V-1'));
    const one = await t.http.get(`/api/stations/${village.body.id}`);
    expect(one.body.parentId).toBe(town.body.id);
    const byCode = await t.http.get('/api/stations/by-code/V-1');
    expect(byCode.body.id).toBe(village.body.id);
    // Codes are upper-cased: a code typed from a poster in lower case finds the same station, and cannot name another.
    expect((await t.http.get('/api/stations/by-code/v-1')).body.id).toBe(village.body.id);
    const lower = await t.http.post('/api/stations').set('Authorization', coord).send({ code: 'v-1', name: '另一个村', level: 'village', parentId: town.body.id });
    expect(lower.status).toBe(409);
    const mixed = await t.http.post('/api/stations').set('Authorization', coord).send({ code: 'v-2', name: '新村', level: 'village', parentId: town.body.id });
    expect(mixed.status).toBe(201);
    expect(mixed.body.code).toBe('V-2');
  });

  it('enforces the parent chain', async () => {
    const noParent = await t.http.post('/api/stations').set('Authorization', coord).send({ code: 'T-X', name: '无上级', level: 'town' });
    expect(noParent.status).toBe(400);
    const v = await t.make.station({ level: 'village' });
    const badParent = await t.http
      .post('/api/stations')
      .set('Authorization', coord)
      .send({ code: 'T-Y', name: '错上级', level: 'town', parentId: v.id });
    expect(badParent.status).toBe(400);
    const missing = await t.http
      .post('/api/stations')
      .set('Authorization', coord)
      .send({ code: 'T-Z', name: '无此上级', level: 'town', parentId: 999999 });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe('parentId');
  });

  it('refuses a taken code with 409, and bad open hours with 400', async () => {
    const s = await t.make.station();
    const dup = await t.http.post('/api/stations').set('Authorization', coord).send({ code: s.code, name: 'x', level: 'district' });
    expect(dup.status).toBe(409);
    const backwards = await t.http
      .post('/api/stations')
      .set('Authorization', coord)
      .send({ code: 'H-1', name: 'x', level: 'district', openHours: [{ weekday: 1, start: '12:00', end: '09:00' }] });
    expect(backwards.status).toBe(400);
    const overlap = await t.http
      .post('/api/stations')
      .set('Authorization', coord)
      .send({
        code: 'H-2',
        name: 'x',
        level: 'district',
        openHours: [
          { weekday: 1, start: '09:00', end: '12:00' },
          { weekday: 1, start: '11:00', end: '13:00' },
        ],
      });
    expect(overlap.status).toBe(400);
    const badDay = await t.http
      .post('/api/stations')
      .set('Authorization', coord)
      .send({ code: 'H-3', name: 'x', level: 'district', openHours: [{ weekday: 8, start: '09:00', end: '12:00' }] });
    expect(badDay.status).toBe(400);
  });

  it('updates a station and records the change in the audit log', async () => {
    const s = await t.make.station();
    const res = await t.http.patch(`/api/stations/${s.id}`).set('Authorization', coord).send({ seatsPerSlot: 3, swapAutoApprove: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ seatsPerSlot: 3, swapAutoApprove: true });
    const audit = await t.db.read((m) => m.findOneBy(AuditEntity, { action: 'station.update', entityId: String(s.id) }));
    expect(audit?.details).toMatchObject({ before: { seatsPerSlot: 1 }, after: { seatsPerSlot: 3 } });
    expect((await t.http.patch('/api/stations/987654').set('Authorization', coord).send({ seatsPerSlot: 2 })).status).toBe(404);
    expect((await t.http.patch('/api/stations/abc').set('Authorization', coord).send({ seatsPerSlot: 2 })).status).toBe(400);
  });

  it('hides inactive stations from the public list', async () => {
    const s = await t.make.station({ active: false });
    const list = await t.http.get('/api/stations');
    expect(list.body.map((x: { id: number }) => x.id)).not.toContain(s.id);
    const withInactive = await t.http.get('/api/stations?includeInactive=1').set('Authorization', coord);
    expect(withInactive.body.map((x: { id: number }) => x.id)).toContain(s.id);
  });
});
