import { describe, expect, it } from 'vitest';
import { referralViolation, type ChainStation } from '../../../server/hotline/referralChain.js';
import type { ReferralStage } from '../../../server/hotline/hotline.entity.js';

const district: ChainStation = { id: 1, level: 'district', name: '区站' };
const town: ChainStation = { id: 2, level: 'town', name: '镇站' };
const otherTown: ChainStation = { id: 3, level: 'town', name: '另一镇站' };
const village: ChainStation = { id: 4, level: 'village', name: '村站' };
const ancestors: Record<number, number[]> = { 1: [], 2: [1], 3: [1], 4: [2, 1] };

const check = (from: ChainStation, to: ChainStation, stage: ReferralStage, parent: ReferralStage | null = null) =>
  referralViolation({ from, to, ancestorIdsOfFrom: ancestors[from.id]!, stage, parent: parent ? { stage: parent, toStationId: from.id } : null });

describe('referralViolation', () => {
  it.each([
    [village, town, 'town_mediation'],
    [village, district, 'district_mediation'],
    [village, district, 'legal_aid'],
    [town, town, 'town_mediation'],
    [town, district, 'district_mediation'],
    [town, district, 'district_arbitration'],
    [district, district, 'district_mediation'],
    [district, district, 'court'],
  ] as const)('allows a first referral %# up the chain', (from, to, stage) => {
    expect(check(from, to, stage)).toBeNull();
  });

  it('refuses a town referring "up" to a village, sideways to another town, or a district down to a town', () => {
    expect(check(town, village, 'town_mediation')).toMatchObject({ path: 'toStationId' });
    expect(check(town, otherTown, 'town_mediation')).toMatchObject({ path: 'toStationId' });
    expect(check(district, town, 'town_mediation')).toMatchObject({ path: 'toStationId' });
  });

  it('refuses a stage the receiving station does not handle', () => {
    expect(check(village, district, 'town_mediation')).toMatchObject({ path: 'toStationId' });
    expect(check(village, town, 'court')).toMatchObject({ path: 'toStationId' });
  });

  it('moves a referred-on dispute only to a later stage', () => {
    expect(check(town, district, 'district_mediation', 'town_mediation')).toBeNull();
    expect(check(district, district, 'district_arbitration', 'district_mediation')).toBeNull();
    expect(check(district, district, 'court', 'district_arbitration')).toBeNull();
    expect(check(district, district, 'district_mediation', 'district_arbitration')).toMatchObject({ path: 'stage' });
    expect(check(district, district, 'district_mediation', 'district_mediation')).toMatchObject({ path: 'stage' });
    expect(check(district, district, 'court', 'court')?.message).toMatch(/last stage/);
  });

  it('opens legal aid from any point, and leads on from it only to arbitration or court', () => {
    expect(check(district, district, 'legal_aid', 'district_mediation')).toBeNull();
    expect(check(district, district, 'legal_aid', 'court')).toBeNull();
    expect(check(district, district, 'legal_aid', 'legal_aid')).toMatchObject({ path: 'stage' });
    expect(check(district, district, 'district_arbitration', 'legal_aid')).toBeNull();
    expect(check(district, district, 'district_mediation', 'legal_aid')).toMatchObject({ path: 'stage' });
  });

  it('is referred on by the station that holds the dispute', () => {
    const r = referralViolation({ from: district, to: district, ancestorIdsOfFrom: [], stage: 'court', parent: { stage: 'district_arbitration', toStationId: 99 } });
    expect(r).toMatchObject({ path: 'fromStationId' });
  });
});
