/**
 * A network of several districts on one deployment (a city): the station list, the roster,
 * the coverage and the wall table can be asked for one district at a time with `stationId`
 * and `includeChildren=1`, as the statistics already could: the station and every station
 * beneath it — so a worker's phone and a district's coordinator are not sent the whole city.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';

describeEachDb('a network of many districts', (kind) => {
  let t: TestApp;
  let coord: string;
  const area: Record<'east' | 'west', { district: number; town: number; village: number }> = {} as never;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-11-20T10:00:00+08:00' });
    coord = await t.tokenFor('coordinator');
    for (const [key, name] of [['east', '东区'], ['west', '西区']] as const) {
      const district = await t.make.station({ name: `${name}职工维权站`, level: 'district' });
      const town = await t.make.station({ name: `${name}城关镇工作站`, level: 'town', parentId: district.id });
      const village = await t.make.station({ name: `${name}新村服务点`, level: 'village', parentId: town.id });
      area[key] = { district: district.id, town: town.id, village: village.id };
      for (const stationId of [district.id, town.id, village.id]) {
        const lawyers = [];
        for (let i = 0; i < 2; i++) lawyers.push((await t.make.lawyer({ stationIds: [stationId] })).id);
        const rot = await t.http
          .post('/api/rotations')
          .set('Authorization', coord)
          .send({ stationId, name: '值班', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', startDate: '2026-12-01', lawyerIds: lawyers });
        expect(rot.status).toBe(201);
      }
    }
    expect((await t.http.post('/api/rosters/generate').set('Authorization', coord).send({ month: '2026-12' })).status).toBe(200);
    expect((await t.http.post('/api/rosters/2026-12/publish').set('Authorization', coord).send({})).status).toBe(200);
  });
  afterAll(() => t.close());

  const idsOf = (rows: { id?: number; stationId?: number }[]) => [...new Set(rows.map((r) => r.id ?? r.stationId))].sort((a, b) => a! - b!);
  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

  it('lists one district’s stations, district first, for anyone (the booking page)', async () => {
    const east = await t.http.get(`/api/stations?stationId=${area.east.district}&includeChildren=1`);
    expect(east.status).toBe(200);
    expect(east.body.map((s: { id: number }) => s.id)).toEqual([area.east.district, area.east.town, area.east.village]);
    const town = await t.http.get(`/api/stations?stationId=${area.west.town}&includeChildren=1`);
    expect(idsOf(town.body)).toEqual(sorted([area.west.town, area.west.village]));
    // Combined with the other filters.
    const villages = await t.http.get(`/api/stations?stationId=${area.west.district}&includeChildren=1&level=village`);
    expect(idsOf(villages.body)).toEqual([area.west.village]);
    // Without it, every district.
    const all = await t.http.get('/api/stations');
    expect(all.body.filter((s: { level: string }) => s.level === 'district')).toHaveLength(2);
  });

  it('answers an unknown station with an empty list and a malformed one with 400', async () => {
    const none = await t.http.get('/api/stations?stationId=987654&includeChildren=1');
    expect(none.status).toBe(200);
    expect(none.body).toEqual([]);
    for (const bad of ['abc', '-1', '0', '1.5']) {
      const res = await t.http.get(`/api/stations?stationId=${bad}&includeChildren=1`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('gives one district’s roster: its stations, shifts and gaps only', async () => {
    const west = await t.http.get(`/api/rosters/2026-12?stationId=${area.west.district}&includeChildren=1`).set('Authorization', coord);
    expect(west.status).toBe(200);
    const westIds = sorted([area.west.district, area.west.town, area.west.village]);
    expect(idsOf(west.body.stations)).toEqual(westIds);
    expect(west.body.shifts.length).toBeGreaterThan(0);
    expect(west.body.shifts.every((s: { stationId: number }) => westIds.includes(s.stationId))).toBe(true);
    const whole = await t.http.get('/api/rosters/2026-12').set('Authorization', coord);
    expect(whole.body.shifts.length).toBe(west.body.shifts.length * 2);
    // stationId alone is that station alone, as before.
    const town = await t.http.get(`/api/rosters/2026-12?stationId=${area.west.town}`).set('Authorization', coord);
    expect(idsOf(town.body.stations)).toEqual([area.west.town]);
    expect(town.body.shifts.every((s: { stationId: number }) => s.stationId === area.west.town)).toBe(true);
  });

  it('gives one district’s coverage', async () => {
    const res = await t.http.get(`/api/coverage?from=2026-12-01&to=2026-12-31&stationId=${area.east.district}&includeChildren=1`).set('Authorization', coord);
    expect(res.status).toBe(200);
    expect(idsOf(res.body.stations)).toEqual(sorted([area.east.district, area.east.town, area.east.village]));
    // Each station works 13 Mondays, Wednesdays and Fridays in December 2026: all covered.
    expect(res.body.summary).toEqual({ requiredDays: 39, coveredDays: 39, gapDays: 0 });
  });

  it('prints one district’s wall table, titled after the district', async () => {
    const res = await t.http.get(`/api/rosters/2026-12/export.csv?stationId=${area.east.district}&includeChildren=1`).set('Authorization', coord);
    expect(res.status).toBe(200);
    expect(res.text).toContain('东区职工维权站及所辖站点');
    expect(res.text).toContain('东区新村服务点');
    expect(res.text).not.toContain('西区');
  });
});
