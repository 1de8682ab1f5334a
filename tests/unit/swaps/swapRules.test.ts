import { describe, expect, it } from 'vitest';
import {
  acceptanceBy,
  canTransition,
  checkDecline,
  checkSwapRequest,
  dutyContextFor,
  hasStarted,
  isExpired,
  isLive,
  isOpenOffer,
  needsApproval,
  offerReminderDue,
  statusesBefore,
  swapConflicts,
  swapMoves,
  SWAP_STATUSES,
  type SwapFacts,
  type SwapShift,
  type SwapStatus,
} from '../../../server/swaps/swapRules.js';
import type { DutyCandidate } from '../../../server/rosters/shiftRules.js';

const NOW = { date: '2026-12-01', time: '10:00' };
const shift = (o: Partial<SwapShift> = {}): SwapShift => ({
  id: 1,
  stationId: 10,
  date: '2026-12-10',
  start: '09:00',
  lawyerId: 100,
  status: 'published',
  version: 1,
  ...o,
});
const facts = (o: Partial<SwapFacts> = {}): SwapFacts => ({
  type: 'giveaway',
  status: 'pending',
  shiftId: 1,
  shiftVersion: 1,
  fromLawyerId: 100,
  toLawyerId: null,
  toShiftId: null,
  toShiftVersion: null,
  date: '2026-12-10',
  toDate: null,
  ...o,
});
const lawyer = (o: Partial<DutyCandidate & { name: string }> = {}): DutyCandidate & { name: string } => ({
  active: true,
  stationIds: [10, 20],
  maxShiftsPerMonth: null,
  unavailable: [],
  name: '律师',
  ...o,
});

describe('status transitions', () => {
  const allowed: [SwapStatus, SwapStatus][] = [
    ['pending', 'accepted'],
    ['pending', 'rejected'],
    ['pending', 'declined'],
    ['pending', 'cancelled'],
    ['pending', 'expired'],
    ['accepted', 'applied'],
    ['accepted', 'rejected'],
    ['accepted', 'cancelled'],
    ['accepted', 'expired'],
  ];
  it.each(SWAP_STATUSES.flatMap((from) => SWAP_STATUSES.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(allowed.some(([a, b]) => a === from && b === to));
  });
  it('only an accepted swap applies; nothing leaves a final status', () => {
    expect(statusesBefore('applied')).toEqual(['accepted']);
    expect(statusesBefore('cancelled')).toEqual(['pending', 'accepted']);
    for (const final of ['applied', 'rejected', 'declined', 'cancelled', 'expired'] as const) {
      expect(SWAP_STATUSES.some((to) => canTransition(final, to))).toBe(false);
      expect(isLive(final)).toBe(false);
    }
  });
  it('only a pending swap can be declined (once accepted, the colleague has said yes)', () => {
    expect(statusesBefore('declined')).toEqual(['pending']);
    expect(SWAP_STATUSES).toContain('declined');
  });
});

describe('asking for a swap', () => {
  const lawyerActor = { role: 'lawyer', lawyerId: 100 };
  const cases: [string, Parameters<typeof checkSwapRequest>[0], number | null][] = [
    ['open giveaway by the lawyer on the shift', { type: 'giveaway', shift: shift(), toShift: null, toLawyerId: null, actor: lawyerActor, now: NOW }, null],
    ['named giveaway', { type: 'giveaway', shift: shift(), toShift: null, toLawyerId: 200, actor: lawyerActor, now: NOW }, null],
    ['by a coordinator on their behalf', { type: 'giveaway', shift: shift(), toShift: null, toLawyerId: null, actor: { role: 'coordinator', lawyerId: null }, now: NOW }, null],
    ['by another lawyer', { type: 'giveaway', shift: shift(), toShift: null, toLawyerId: null, actor: { role: 'lawyer', lawyerId: 999 }, now: NOW }, 403],
    ['of a draft shift', { type: 'giveaway', shift: shift({ status: 'draft' }), toShift: null, toLawyerId: null, actor: lawyerActor, now: NOW }, 409],
    ['of a past shift', { type: 'giveaway', shift: shift({ date: '2026-11-30' }), toShift: null, toLawyerId: null, actor: lawyerActor, now: NOW }, 409],
    ['of a shift that started this morning', { type: 'giveaway', shift: shift({ date: '2026-12-01', start: '09:00' }), toShift: null, toLawyerId: null, actor: lawyerActor, now: NOW }, 409],
    ['of a shift later today', { type: 'giveaway', shift: shift({ date: '2026-12-01', start: '14:00' }), toShift: null, toLawyerId: null, actor: lawyerActor, now: NOW }, null],
    ['to oneself', { type: 'giveaway', shift: shift(), toShift: null, toLawyerId: 100, actor: lawyerActor, now: NOW }, 400],
    ['giveaway with a toShift', { type: 'giveaway', shift: shift(), toShift: shift({ id: 2, lawyerId: 200 }), toLawyerId: null, actor: lawyerActor, now: NOW }, 400],
    ['exchange', { type: 'exchange', shift: shift(), toShift: shift({ id: 2, lawyerId: 200, date: '2026-12-11' }), toLawyerId: null, actor: lawyerActor, now: NOW }, null],
    ['exchange naming the right colleague', { type: 'exchange', shift: shift(), toShift: shift({ id: 2, lawyerId: 200 }), toLawyerId: 200, actor: lawyerActor, now: NOW }, null],
    ['exchange naming the wrong colleague', { type: 'exchange', shift: shift(), toShift: shift({ id: 2, lawyerId: 200 }), toLawyerId: 300, actor: lawyerActor, now: NOW }, 400],
    ['exchange without a toShift', { type: 'exchange', shift: shift(), toShift: null, toLawyerId: 200, actor: lawyerActor, now: NOW }, 400],
    ['exchange with one’s own shift', { type: 'exchange', shift: shift(), toShift: shift({ id: 2 }), toLawyerId: null, actor: lawyerActor, now: NOW }, 400],
    ['exchange for a draft shift', { type: 'exchange', shift: shift(), toShift: shift({ id: 2, lawyerId: 200, status: 'draft' }), toLawyerId: null, actor: lawyerActor, now: NOW }, 409],
    ['exchange for a past shift', { type: 'exchange', shift: shift(), toShift: shift({ id: 2, lawyerId: 200, date: '2026-11-01' }), toLawyerId: null, actor: lawyerActor, now: NOW }, 409],
  ];
  it.each(cases)('%s', (_name, input, status) => {
    expect(checkSwapRequest(input)?.status ?? null).toBe(status);
  });
});

describe('who may accept', () => {
  const cases: [string, Partial<SwapFacts>, number | null, ReturnType<typeof acceptanceBy>][] = [
    ['the named colleague', { toLawyerId: 200 }, 200, 'named'],
    ['someone else for a named giveaway', { toLawyerId: 200 }, 300, null],
    ['any colleague for an open offer', {}, 300, 'open'],
    ['not the requester of an open offer', {}, 100, null],
    ['the owner of the shift asked for in an exchange', { type: 'exchange', toLawyerId: 200, toShiftId: 2 }, 200, 'named'],
    ['nobody else for an exchange', { type: 'exchange', toLawyerId: 200, toShiftId: 2 }, 300, null],
    ['not a user without a lawyer', {}, null, null],
  ];
  it.each(cases)('%s', (_n, o, lawyerId, expected) => {
    expect(acceptanceBy(facts(o), lawyerId)).toBe(expected);
  });
  it('knows an open offer', () => {
    expect(isOpenOffer(facts())).toBe(true);
    expect(isOpenOffer(facts({ toLawyerId: 5 }))).toBe(false);
    expect(isOpenOffer(facts({ status: 'accepted', toLawyerId: 5 }))).toBe(false);
    expect(isOpenOffer(facts({ type: 'exchange', toLawyerId: 5 }))).toBe(false);
  });
});

describe('who may decline', () => {
  const named = { role: 'lawyer', lawyerId: 200 };
  const cases: [string, Partial<SwapFacts>, { role: string; lawyerId: number | null }, number | null][] = [
    ['the named colleague, pending', { toLawyerId: 200 }, named, null],
    ['the owner of the shift asked for in an exchange', { type: 'exchange', toLawyerId: 200, toShiftId: 2 }, named, null],
    ['the requester', { toLawyerId: 200 }, { role: 'lawyer', lawyerId: 100 }, 403],
    ['another lawyer', { toLawyerId: 200 }, { role: 'lawyer', lawyerId: 300 }, 403],
    ['a coordinator', { toLawyerId: 200 }, { role: 'coordinator', lawyerId: null }, 403],
    ['an open offer (nobody was asked)', {}, named, 409],
    ['an open offer, by its requester', {}, { role: 'lawyer', lawyerId: 100 }, 409],
    ['after accepting', { toLawyerId: 200, status: 'accepted' }, named, 409],
    ['an open offer someone took', { toLawyerId: 200, status: 'accepted' }, named, 409],
    ['twice', { toLawyerId: 200, status: 'declined' }, named, 409],
    ['once cancelled', { toLawyerId: 200, status: 'cancelled' }, named, 409],
    ['once applied', { toLawyerId: 200, status: 'applied' }, named, 409],
    ['once expired', { toLawyerId: 200, status: 'expired' }, named, 409],
  ];
  it.each(cases)('%s', (_n, o, actor, status) => {
    expect(checkDecline(facts(o), actor)?.status ?? null).toBe(status);
  });
  it('says why an open offer cannot be declined', () => {
    expect(checkDecline(facts(), named)?.message).toMatch(/open offer/);
  });
});

describe('applying', () => {
  it('moves one shift for a giveaway, both for an exchange', () => {
    expect(swapMoves(facts({ toLawyerId: 200 }))).toEqual([{ shiftId: 1, expectVersion: 1, fromLawyerId: 100, toLawyerId: 200 }]);
    expect(swapMoves(facts({ type: 'exchange', toLawyerId: 200, toShiftId: 2, toShiftVersion: 4, toDate: '2026-12-11' }))).toEqual([
      { shiftId: 1, expectVersion: 1, fromLawyerId: 100, toLawyerId: 200 },
      { shiftId: 2, expectVersion: 4, fromLawyerId: 200, toLawyerId: 100 },
    ]);
  });

  it('counts the taker’s other duties, leaving out what they give up', () => {
    const theirs = [
      { id: 7, date: '2026-12-10', lawyerId: 200 },
      { id: 8, date: '2026-12-20', lawyerId: 200 },
      { id: 9, date: '2027-01-02', lawyerId: 200 },
      { id: 1, date: '2026-12-10', lawyerId: 100 },
    ];
    expect(dutyContextFor(200, shift(), theirs)).toEqual({ stationId: 10, date: '2026-12-10', dutiesThatDay: 1, dutiesThatMonth: 2 });
    expect(dutyContextFor(200, shift(), theirs, [7])).toEqual({ stationId: 10, date: '2026-12-10', dutiesThatDay: 0, dutiesThatMonth: 1 });
  });

  const world = (o: { shifts?: SwapShift[]; takers?: [number, ReturnType<typeof lawyer>][] } = {}) => ({
    shifts: o.shifts ?? [shift(), shift({ id: 2, lawyerId: 200, date: '2026-12-11', stationId: 20 })],
    takers: new Map(o.takers ?? [[200, lawyer()], [100, lawyer()]]),
    now: NOW,
  });
  const codes = (input: Parameters<typeof swapConflicts>[0]) => swapConflicts(input).map((c) => c.code);

  it('finds nothing in the way of a valid giveaway or exchange', () => {
    expect(codes({ swap: facts({ toLawyerId: 200 }), ...world() })).toEqual([]);
    expect(codes({ swap: facts({ type: 'exchange', toLawyerId: 200, toShiftId: 2, toShiftVersion: 1 }), ...world() })).toEqual([]);
  });

  it('sees a shift that changed since the request (version or lawyer)', () => {
    expect(codes({ swap: facts({ toLawyerId: 200 }), ...world({ shifts: [shift({ version: 2 })] }) })).toEqual(['shift_changed']);
    expect(codes({ swap: facts({ toLawyerId: 200 }), ...world({ shifts: [shift({ lawyerId: 300 })] }) })).toEqual(['shift_changed']);
    expect(codes({ swap: facts({ toLawyerId: 200 }), ...world({ shifts: [] }) })).toEqual(['shift_changed']);
  });

  it('sees an unpublished or started shift', () => {
    expect(codes({ swap: facts({ toLawyerId: 200 }), ...world({ shifts: [shift({ status: 'draft' })] }) })).toEqual(['shift_not_published']);
    expect(codes({ swap: facts({ toLawyerId: 200 }), ...world({ shifts: [shift({ date: '2026-12-01' })] }) })).toEqual(['shift_started']);
  });

  it('asks whyCannotServe about each taker', () => {
    const away = lawyer({ unavailable: [{ from: '2026-12-09', to: '2026-12-12' }] });
    expect(codes({ swap: facts({ toLawyerId: 200 }), ...world({ takers: [[200, away]] }) })).toEqual(['unavailable']);
    expect(codes({ swap: facts({ toLawyerId: 200 }), ...world({ takers: [[200, lawyer({ stationIds: [20] })]] }) })).toEqual(['ineligible']);
    expect(codes({ swap: facts({ toLawyerId: 200 }), ...world({ takers: [[200, lawyer({ active: false })]] }) })).toEqual(['inactive']);
    expect(codes({ swap: facts({ toLawyerId: 200 }), ...world({ takers: [] }) })).toEqual(['inactive']);
    const busy = [shift(), shift({ id: 5, lawyerId: 200, stationId: 20 })];
    expect(codes({ swap: facts({ toLawyerId: 200 }), ...world({ shifts: busy }) })).toEqual(['busy']);
    const capped = [shift(), shift({ id: 5, lawyerId: 200, date: '2026-12-20' })];
    expect(codes({ swap: facts({ toLawyerId: 200 }), ...world({ shifts: capped, takers: [[200, lawyer({ maxShiftsPerMonth: 1 })]] }) })).toEqual(['at_cap']);
  });

  it('checks both sides of an exchange, each without the shift they give up', () => {
    const ex = facts({ type: 'exchange', toLawyerId: 200, toShiftId: 2, toShiftVersion: 1, toDate: '2026-12-10' });
    // Same day, two stations: neither is "busy", since each gives up their duty that day.
    const sameDay = [shift(), shift({ id: 2, lawyerId: 200, stationId: 20 })];
    expect(codes({ swap: ex, ...world({ shifts: sameDay }) })).toEqual([]);
    // At the cap, an exchange within the month changes nothing for either.
    const capped = lawyer({ maxShiftsPerMonth: 1 });
    expect(codes({ swap: ex, ...world({ shifts: sameDay, takers: [[100, capped], [200, capped]] }) })).toEqual([]);
    // The requester cannot serve the colleague's station.
    const res = swapConflicts({ swap: ex, ...world({ shifts: sameDay, takers: [[200, lawyer()], [100, lawyer({ stationIds: [10] })]] }) });
    expect(res).toEqual([expect.objectContaining({ code: 'ineligible', lawyerId: 100, shiftId: 2 })]);
  });

  it('needs a taker only when applying', () => {
    expect(codes({ swap: facts(), ...world() })).toEqual([]);
    expect(codes({ swap: facts(), ...world(), requireTaker: true })).toEqual(['no_taker']);
  });

  it('needs approval unless every station involved auto-approves', () => {
    expect(needsApproval([{ swapAutoApprove: true }])).toBe(false);
    expect(needsApproval([{ swapAutoApprove: true }, { swapAutoApprove: false }])).toBe(true);
    expect(needsApproval([{ swapAutoApprove: false }])).toBe(true);
  });
});

describe('time', () => {
  it('knows when a shift has started', () => {
    expect(hasStarted({ date: '2026-12-01', start: '10:00' }, NOW)).toBe(true);
    expect(hasStarted({ date: '2026-12-01', start: '10:01' }, NOW)).toBe(false);
    expect(hasStarted({ date: '2026-11-30', start: '23:00' }, NOW)).toBe(true);
  });

  const expiry: [string, Partial<SwapFacts>, boolean][] = [
    ['pending, day passed', { date: '2026-11-30' }, true],
    ['accepted, day passed', { status: 'accepted', date: '2026-11-30' }, true],
    ['pending, today', { date: '2026-12-01' }, false],
    ['exchange, the other day passed', { type: 'exchange', date: '2026-12-10', toDate: '2026-11-30' }, true],
    ['applied, day passed', { status: 'applied', date: '2026-11-30' }, false],
    ['cancelled, day passed', { status: 'cancelled', date: '2026-11-30' }, false],
    ['declined, day passed', { status: 'declined', toLawyerId: 5, date: '2026-11-30' }, false],
  ];
  it.each(expiry)('expiry: %s', (_n, o, expected) => {
    expect(isExpired(facts(o), '2026-12-01')).toBe(expected);
  });

  const reminders: [string, Partial<SwapFacts>, boolean][] = [
    ['open offer in two days', { date: '2026-12-03' }, true],
    ['open offer tomorrow', { date: '2026-12-02' }, true],
    ['open offer in three days', { date: '2026-12-04' }, false],
    ['open offer today', { date: '2026-12-01' }, false],
    ['named giveaway in two days', { date: '2026-12-03', toLawyerId: 5 }, false],
    ['accepted offer in two days', { date: '2026-12-03', status: 'accepted', toLawyerId: 5 }, false],
  ];
  it.each(reminders)('reminder: %s', (_n, o, expected) => {
    expect(offerReminderDue(facts(o), '2026-12-01')).toBe(expected);
  });
});
