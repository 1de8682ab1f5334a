/** The person key follows the phone on every write, whoever writes it; statistics count people by it. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { HotlineCallEntity, ReferralEntity } from '../../../server/hotline/hotline.entity.js';
import { AppointmentEntity } from '../../../server/bookings/appointments.entity.js';
import { PERSON_KEY_SECRET, personKeyOf } from '../../../server/privacy/personKey.js';
import { SettingEntity } from '../../../server/privacy/settings.entity.js';

describeEachDb('privacy: person keys', (kind) => {
  let t: TestApp;
  let secret: string;
  beforeAll(async () => {
    t = await setupTestApp(kind);
    secret = (await t.db.read((m) => m.findOneByOrFail(SettingEntity, { name: PERSON_KEY_SECRET }))).value;
  });
  afterAll(() => t.close());

  it('has a per-installation secret made by the migration', () => {
    expect(secret.length).toBeGreaterThanOrEqual(40);
  });

  it('is set from the phone on insert and update, cleared with it, and untouched by other changes', async () => {
    const stationId = (await t.make.station()).id;
    const staff = await t.tokenFor('staff');
    const walkIn = await t.http.post('/api/appointments/walk-in').set('Authorization', staff).send({ stationId, name: '甲', phone: '13812340000', category: 'other', consent: true });
    expect(walkIn.status).toBe(201);
    const a = await t.db.read((m) => m.findOneByOrFail(AppointmentEntity, { id: walkIn.body.id }));
    expect(a.personKey).toBe(personKeyOf(secret, '13812340000'));

    const call = await t.http
      .post('/api/hotline-calls')
      .set('Authorization', staff)
      .send({ stationId, callerPhone: '138 1234 0000', callerConsent: true, category: 'other', summary: '咨询', durationSeconds: 1, outcome: 'answered' });
    const keyOf = async () => (await t.db.read((m) => m.findOneByOrFail(HotlineCallEntity, { id: call.body.id }))).personKey;
    expect(await keyOf()).toBe(a.personKey); // the same person, however the number was typed
    const patch = (body: object) => t.http.patch(`/api/hotline-calls/${call.body.id}`).set('Authorization', staff).send(body);
    expect((await patch({ summary: '改摘要' })).status).toBe(200);
    expect(await keyOf()).toBe(a.personKey);
    expect((await patch({ callerPhone: '0851-81234567' })).status).toBe(200);
    expect(await keyOf()).toBe(personKeyOf(secret, '085181234567'));
    expect((await patch({ callerPhone: null })).status).toBe(200);
    expect(await keyOf()).toBeNull();

    const referral = await t.http
      .post('/api/referrals')
      .set('Authorization', staff)
      .send({ fromStationId: stationId, toStationId: stationId, stage: 'legal_aid', category: 'other', summary: '援助', appointmentId: walkIn.body.id });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    expect((await t.db.read((m) => m.findOneByOrFail(ReferralEntity, { id: referral.body.id }))).personKey).toBe(a.personKey);
  });
});
