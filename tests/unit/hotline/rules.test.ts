import { describe, expect, it } from 'vitest';
import { followUpState } from '../../../server/hotline/hotline.present.js';
import { seesCallerDetails } from '../../../server/hotline/hotline.policy.js';
import { mayActFor } from '../../../server/stations/scope.js';
import { likeContains } from '../../../server/hotline/hotline.repository.js';
import { reminderLine } from '../../../server/hotline/followUps.job.js';
import type { AuthUser } from '../../../server/auth/policy.js';
import type { HotlineCallRow } from '../../../server/hotline/hotline.entity.js';

const user = (o: Partial<AuthUser>): AuthUser => ({ id: 1, username: 'u', role: 'staff', displayName: 'u', lawyerId: null, stationId: null, ...o });

describe('followUpState', () => {
  const cb = (followUpDate: string | null, done = false) => ({ outcome: 'callback_needed' as const, followUpDate, followUpDoneAt: done ? new Date() : null });
  it.each([
    [cb('2026-12-09'), 'overdue'],
    [cb('2026-12-10'), 'due'],
    [cb('2026-12-11'), 'upcoming'],
    [cb('2026-12-09', true), 'done'],
    [{ outcome: 'answered' as const, followUpDate: null, followUpDoneAt: null }, 'none'],
    [{ outcome: 'appointment_booked' as const, followUpDate: '2026-12-01', followUpDoneAt: new Date() }, 'done'],
  ])('%o on 2026-12-10 is %s', (call, state) => {
    expect(followUpState(call, '2026-12-10')).toBe(state);
  });
});

describe('who acts for a station and who sees callers', () => {
  const village = { id: 3, ancestorIds: [2, 1] };
  it('lets staff act for their station and those under it, lawyers for the stations they serve', () => {
    expect(mayActFor(user({ stationId: 1 }), village, [])).toBe(true);
    expect(mayActFor(user({ stationId: 3 }), village, [])).toBe(true);
    expect(mayActFor(user({ stationId: 3 }), { id: 2, ancestorIds: [1] }, [])).toBe(false);
    expect(mayActFor(user({ stationId: null }), village, [])).toBe(true);
    expect(mayActFor(user({ role: 'coordinator' }), village, [])).toBe(true);
    // A coordinator posted at a station coordinates its subtree only (a district of a city).
    expect(mayActFor(user({ role: 'coordinator', stationId: 1 }), village, [])).toBe(true);
    expect(mayActFor(user({ role: 'coordinator', stationId: 9 }), village, [])).toBe(false);
    expect(mayActFor(user({ role: 'admin', stationId: 9 }), village, [])).toBe(true);
    expect(mayActFor(user({ role: 'lawyer', lawyerId: 7 }), village, [3])).toBe(true);
    expect(mayActFor(user({ role: 'lawyer', lawyerId: 7 }), village, [1, 2])).toBe(false);
  });
  it('shows numbers in full to coordinators and to staff of the call’s station (or network-wide staff) only', () => {
    const village = { id: 5, ancestorIds: [3, 1] };
    expect(['staff', 'coordinator', 'lawyer', 'admin'].map((role) => seesCallerDetails(user({ role: role as AuthUser['role'], stationId: null }), village))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(seesCallerDetails(user({ stationId: 3 }), village)).toBe(true); // the town above the village
    expect(seesCallerDetails(user({ stationId: 5 }), village)).toBe(true);
    expect(seesCallerDetails(user({ stationId: 9 }), village)).toBe(false); // another town
    expect(seesCallerDetails(user({ role: 'coordinator', stationId: 9 }), village)).toBe(false); // another district's coordinator
    expect(seesCallerDetails(user({ role: 'coordinator', stationId: 1 }), village)).toBe(true);
    expect(seesCallerDetails(user({ stationId: 5 }), { id: 3, ancestorIds: [1] })).toBe(false); // a village's staff, the town's call
  });
});

describe('likeContains', () => {
  it('takes %, _ and the escape character literally', () => {
    expect(likeContains('100%')).toBe('%100!%%');
    expect(likeContains('a_b!')).toBe('%a!_b!!%');
    expect(likeContains('欠薪')).toBe('%欠薪%');
  });
});

describe('reminderLine', () => {
  it('masks the caller, and numbers inside the summary', () => {
    const call = { followUpDate: '2026-12-08', callerName: '张三丰', callerPhone: '13812345678', category: 'wage_arrears', summary: '请回电 13812345678，\n谢谢' } as HotlineCallRow;
    expect(reminderLine(call, '2026-12-10')).toBe('· 2026-12-08（逾期） 张** 138****5678 [欠薪] 请回电 138****5678， 谢谢');
    expect(reminderLine({ ...call, callerName: null, callerPhone: null, followUpDate: '2026-12-10' }, '2026-12-10')).toBe('· 2026-12-10 匿名来电 [欠薪] 请回电 138****5678， 谢谢');
  });
});
