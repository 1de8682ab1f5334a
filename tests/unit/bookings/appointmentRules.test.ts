import { describe, expect, it } from 'vitest';
import {
  canTransition,
  isWalkInDay,
  lawyerNameAt,
  phoneRuleViolation,
  reminderTime,
  type PhoneBooking,
} from '../../../server/bookings/appointmentRules.js';
import { APPOINTMENT_STATUSES } from '../../../server/bookings/appointments.entity.js';
import { assertCanRecordVisit, assertCanRegisterWalkIn, seesWorkerDetails } from '../../../server/bookings/bookings.policy.js';
import { presentAppointment } from '../../../server/bookings/bookings.present.js';
import type { AuthUser } from '../../../server/auth/policy.js';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-12-01T09:00:00+08:00');

describe('status transitions', () => {
  it('allow only booked → checked_in → completed and booked → no_show', () => {
    const allowed = APPOINTMENT_STATUSES.flatMap((from) => APPOINTMENT_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(['booked→checked_in', 'booked→no_show', 'checked_in→completed']);
  });
});

describe('the day of a walk-in', () => {
  it('is today in the network time zone, whatever the offset the start is written with', () => {
    const cases: [string, boolean][] = [
      ['2026-12-01T09:00:00+08:00', true],
      ['2026-12-01T00:00:00+08:00', true],
      ['2026-12-01T23:59:00+08:00', true],
      ['2026-11-30T16:00:00Z', true], // 00:00 on the 1st in Shanghai
      ['2026-11-30T15:59:00Z', false], // 23:59 on the 30th in Shanghai
      ['2026-12-02T00:00:00+08:00', false],
      ['2027-06-01T09:00:00+08:00', false],
      ['1899-12-31T09:00:00+08:00', false],
      ['9999-12-31T09:00:00+08:00', false],
    ];
    for (const [start, ok] of cases) expect(isWalkInDay(at(start), NOW, 'Asia/Shanghai'), start).toBe(ok);
  });
});

describe('per-phone limits', () => {
  const b = (id: number, start: string, minutes = 30, status: PhoneBooking['status'] = 'booked'): PhoneBooking => ({
    id,
    status,
    startAt: at(start),
    endAt: new Date(at(start).getTime() + minutes * 60_000),
  });
  const span = (start: string, minutes = 30) => ({ start: at(start), end: new Date(at(start).getTime() + minutes * 60_000) });

  it('refuses an overlap at any station, but not a touching slot', () => {
    const existing = [b(1, '2026-12-02T09:00:00+08:00', 45)];
    expect(phoneRuleViolation(existing, span('2026-12-02T09:30:00+08:00'), NOW, 2)).toMatchObject({ kind: 'overlap' });
    expect(phoneRuleViolation(existing, span('2026-12-02T09:45:00+08:00'), NOW, 2)).toBeNull();
  });

  it('counts only upcoming booked ones against the limit, and not the one being moved', () => {
    const existing = [b(1, '2026-12-02T09:00:00+08:00'), b(2, '2026-12-03T09:00:00+08:00')];
    expect(phoneRuleViolation(existing, span('2026-12-04T09:00:00+08:00'), NOW, 2)).toEqual({ kind: 'too_many', limit: 2 });
    expect(phoneRuleViolation(existing, span('2026-12-04T09:00:00+08:00'), NOW, 2, 2)).toBeNull();
    expect(phoneRuleViolation([b(3, '2026-12-01T08:00:00+08:00', 30, 'completed')], span('2026-12-04T09:00:00+08:00'), NOW, 1)).toBeNull();
  });
});

describe('duty lawyer of a slot', () => {
  const shifts = [
    { lawyerId: 1, lawyerName: '王', start: '09:00', end: '12:00' },
    { lawyerId: 2, lawyerName: '李', start: '09:00', end: '17:30' },
  ];
  it('names the lawyers covering the slot, or everyone on duty off the grid, or nobody', () => {
    expect(lawyerNameAt(shifts, '09:00', 30)).toBe('王、李');
    expect(lawyerNameAt(shifts, '14:00', 30)).toBe('李');
    expect(lawyerNameAt(shifts, '18:10', 30)).toBe('王、李');
    expect(lawyerNameAt([], '09:00', 30)).toBeNull();
  });
});

describe('reminders', () => {
  it('go out 24 h before, and not at all for a booking sooner than that', () => {
    expect(reminderTime(at('2026-12-03T09:00:00+08:00'), NOW)?.toISOString()).toBe('2026-12-02T01:00:00.000Z');
    expect(reminderTime(at('2026-12-02T08:00:00+08:00'), NOW)).toBeNull();
  });
});

describe('who sees a worker in full', () => {
  const user = (role: AuthUser['role'], lawyerId: number | null = null, stationId: number | null = null): AuthUser => ({
    id: 1, username: 'u', role, displayName: 'u', lawyerId, stationId,
  });
  const duty = [{ lawyerId: 7, lawyerName: '赵', start: '09:00', end: '17:30' }];
  // A village outpost (12) under a town sub-station (3) under the district station (1).
  const village = { id: 12, ancestorIds: [3, 1] };
  it('staff of the station (or above it, or network-wide), coordinators and the duty lawyer; any other viewer gets masked data', () => {
    expect(seesWorkerDetails(user('staff'), duty, village)).toBe(true);
    expect(seesWorkerDetails(user('staff', null, 12), duty, village)).toBe(true);
    expect(seesWorkerDetails(user('staff', null, 3), duty, village)).toBe(true);
    expect(seesWorkerDetails(user('staff', null, 1), duty, village)).toBe(true);
    expect(seesWorkerDetails(user('staff', null, 4), duty, village)).toBe(false);
    expect(seesWorkerDetails(user('coordinator'), duty, village)).toBe(true);
    expect(seesWorkerDetails(user('lawyer', 7), duty, village)).toBe(true);
    expect(seesWorkerDetails(user('lawyer', 8), duty, village)).toBe(false);
    expect(seesWorkerDetails(user('lawyer', null), duty, village)).toBe(false);
  });
  it('lets staff record visits and walk-ins only where they work', () => {
    expect(() => assertCanRecordVisit(user('staff', null, 3), [], village)).not.toThrow();
    expect(() => assertCanRecordVisit(user('staff', null, 4), [], village)).toThrow(/do not work at this station/);
    expect(() => assertCanRecordVisit(user('lawyer', 7), duty, village)).not.toThrow();
    expect(() => assertCanRecordVisit(user('lawyer', 8), duty, village)).toThrow();
    expect(() => assertCanRegisterWalkIn(user('staff'), village)).not.toThrow();
    expect(() => assertCanRegisterWalkIn(user('staff', null, 4), village)).toThrow(/walk-ins/);
    expect(() => assertCanRegisterWalkIn(user('lawyer', 7), village)).toThrow();
  });
  it('masks name, phone, note and outcome note', () => {
    const now = NOW;
    const row = {
      id: 1, code: 'ABCDE-FGHJK', stationId: 1, date: '2026-12-02', slotTime: '09:00', startAt: now, endAt: now,
      status: 'completed' as const, source: 'online' as const, name: '欧阳娜娜', phone: '13812345678', category: 'other',
      note: '私事', consentAt: now, outcomeServices: ['advice'], amountInvolved: 100, outcomeNote: '内部备注',
      checkedInAt: null, completedAt: null, cancelledAt: null, createdBy: null, lang: 'zh' as const, version: 1, createdAt: now, updatedAt: now,
    };
    const masked = presentAppointment(row, '站', '赵', 'Asia/Shanghai', false);
    expect(masked).toMatchObject({ name: '欧***', phone: '138****5678', note: null, masked: true, outcome: { services: ['advice'], note: null } });
    expect(presentAppointment(row, '站', '赵', 'Asia/Shanghai', true)).toMatchObject({ name: '欧阳娜娜', phone: '13812345678', note: '私事' });
  });
});
