import { describe, expect, it } from 'vitest';
import {
  dutyFacts,
  emptyFigures,
  figuresOf,
  monthsBetween,
  summarize,
  trend,
  type Facts,
} from '../../../server/stats/aggregate.js';
import { withDescendants } from '../../../server/stations/scope.js';

const none = (): Facts => ({ appointments: [], calls: [], people: [], referrals: [], duty: [] });

const appt = (o: Partial<Facts['appointments'][number]>) => ({
  stationId: 1,
  month: '2026-10',
  status: 'completed',
  source: 'online',
  category: 'wage_arrears',
  services: [] as string[],
  n: 1,
  amount: 0,
  ...o,
});

describe('figuresOf', () => {
  it('gives every figure zero (and every category, outcome and stage a key) for no facts', () => {
    const f = emptyFigures();
    expect(f).toMatchObject({ peopleServed: 0, consultations: 0, applicationsDrafted: 0, mediationReferrals: 0, amountInvolved: 0 });
    expect(Object.keys(f.hotlineCalls.byCategory)).toHaveLength(9);
    expect(Object.keys(f.hotlineCalls.byOutcome)).toEqual([
      'answered',
      'appointment_booked',
      'referred_mediation',
      'referred_legal_aid',
      'referred_arbitration',
      'callback_needed',
    ]);
    expect(Object.keys(f.referrals.byStage)).toEqual(['town_mediation', 'district_mediation', 'district_arbitration', 'court', 'legal_aid']);
  });

  it('counts appointments by status and source, and outcomes only of completed ones', () => {
    const f = figuresOf({
      ...none(),
      appointments: [
        appt({ services: ['advice', 'application_drafted'], n: 3, amount: 1000.1 }),
        appt({ services: ['mediation_referral'], n: 2, amount: 0.2, category: 'dismissal' }),
        appt({ source: 'walk_in', services: ['application_drafted', 'mediation_referral'], n: 1, amount: 5000 }),
        appt({ status: 'no_show', n: 4 }),
        appt({ status: 'cancelled', source: 'waitlist', n: 5 }),
        appt({ status: 'booked', n: 6 }),
        appt({ status: 'checked_in', source: 'walk_in', n: 7 }),
        // A services list on a non-completed row never counts (it cannot happen, but the rule is the status).
        appt({ status: 'no_show', services: ['application_drafted'], n: 1, amount: 99 }),
      ],
    });
    expect(f.appointments).toEqual({ booked: 3 + 2 + 4 + 5 + 6 + 1, completed: 6, noShow: 5, cancelled: 5, walkIns: 8 });
    expect(f.consultations).toBe(6);
    expect(f.applicationsDrafted).toBe(4);
    expect(f.mediationReferrals).toBe(3);
    expect(f.amountInvolved).toBe(6000.3);
    expect(f.consultationsByCategory).toMatchObject({ wage_arrears: 4, dismissal: 2, work_injury: 0 });
  });

  it('adds hotline calls referred to mediation to mediationReferrals, and counts calls per category and outcome', () => {
    const f = figuresOf({
      ...none(),
      appointments: [appt({ services: ['mediation_referral'], n: 2 })],
      calls: [
        { stationId: 1, month: '2026-10', category: 'wage_arrears', outcome: 'referred_mediation', n: 3 },
        { stationId: 1, month: '2026-10', category: 'work_injury', outcome: 'answered', n: 4 },
        { stationId: 2, month: '2026-11', category: 'wage_arrears', outcome: 'callback_needed', n: 1 },
      ],
    });
    expect(f.mediationReferrals).toBe(5);
    expect(f.hotlineCalls.total).toBe(8);
    expect(f.hotlineCalls.byCategory).toMatchObject({ wage_arrears: 4, work_injury: 4, other: 0 });
    expect(f.hotlineCalls.byOutcome).toMatchObject({ referred_mediation: 3, answered: 4, callback_needed: 1, appointment_booked: 0 });
  });

  it('counts people once per phone number, and each numberless caller once', () => {
    const f = figuresOf({
      ...none(),
      people: [
        { stationId: 1, month: '2026-10', personKey: '13800000001', n: 2 },
        { stationId: 1, month: '2026-11', personKey: '13800000001', n: 1 },
        { stationId: 2, month: '2026-10', personKey: '13800000001', n: 1 },
        { stationId: 2, month: '2026-10', personKey: '085112345678', n: 1 },
        { stationId: 1, month: '2026-10', personKey: null, n: 3 },
        { stationId: 2, month: '2026-11', personKey: null, n: 2 },
      ],
    });
    expect(f.peopleServed).toBe(2 + 5);
  });

  it('sums referrals received and settled per stage, with amounts in fen', () => {
    const f = figuresOf({
      ...none(),
      referrals: [
        { stationId: 1, month: '2026-10', stage: 'town_mediation', kind: 'received', n: 3, amount: 0 },
        { stationId: 1, month: '2026-10', stage: 'district_mediation', kind: 'received', n: 1, amount: 0 },
        { stationId: 1, month: '2026-11', stage: 'town_mediation', kind: 'settled', n: 2, amount: 0.1 },
        { stationId: 2, month: '2026-11', stage: 'town_mediation', kind: 'settled', n: 1, amount: 0.2 },
      ],
    });
    expect(f.referrals.byStage).toMatchObject({ town_mediation: 3, district_mediation: 1, court: 0 });
    expect(f.referrals.settledByStage).toMatchObject({ town_mediation: 3, district_mediation: 0 });
    expect(f.referrals.amountSettled).toBe(0.3);
  });
});

describe('dutyFacts', () => {
  it('counts required days, and covered ones when the held shifts meet the need', () => {
    const required = new Map([
      ['1|2026-10-08', 1],
      ['1|2026-10-09', 2],
      ['1|2026-11-02', 1],
      ['2|2026-10-09', 1],
      ['2|2026-10-10', 0],
    ]);
    const held = new Map([
      ['1|2026-10-08', 1],
      ['1|2026-10-09', 1], // partial: not covered
      ['2|2026-10-09', 2],
      ['2|2026-10-10', 1], // not required: not counted
    ]);
    expect(dutyFacts(required, held).sort((a, b) => a.stationId - b.stationId || a.month.localeCompare(b.month))).toEqual([
      { stationId: 1, month: '2026-10', requiredDays: 2, coveredDays: 1 },
      { stationId: 1, month: '2026-11', requiredDays: 1, coveredDays: 0 },
      { stationId: 2, month: '2026-10', requiredDays: 1, coveredDays: 1 },
    ]);
  });
});

describe('summarize and trend', () => {
  const facts: Facts = {
    appointments: [appt({ stationId: 1, month: '2026-10', n: 2, amount: 10 }), appt({ stationId: 2, month: '2026-11', n: 1, amount: 5 })],
    calls: [{ stationId: 2, month: '2026-10', category: 'other', outcome: 'answered', n: 4 }],
    people: [
      { stationId: 1, month: '2026-10', personKey: '13800000001', n: 2 },
      { stationId: 2, month: '2026-11', personKey: '13800000001', n: 1 },
    ],
    referrals: [],
    duty: [{ stationId: 3, month: '2026-11', requiredDays: 4, coveredDays: 3 }],
  };

  it('gives each listed station its own figures (zeros for quiet ones) and people distinct per station', () => {
    const { total, byStation } = summarize(facts, [1, 2, 3, 4]);
    expect(total.peopleServed).toBe(1);
    expect(byStation.get(1)!.peopleServed).toBe(1);
    expect(byStation.get(2)!.peopleServed).toBe(1);
    expect(byStation.get(2)!.hotlineCalls.total).toBe(4);
    expect(byStation.get(3)!.coverage).toEqual({ requiredDays: 4, coveredDays: 3 });
    expect(byStation.get(4)).toEqual(emptyFigures());
    expect(total.amountInvolved).toBe(15);
  });

  it('splits by month, clipping the first and last month to the range', () => {
    const months = trend(facts, '2026-10-15', '2026-12-03');
    expect(months.map((m) => [m.month, m.from, m.to])).toEqual([
      ['2026-10', '2026-10-15', '2026-10-31'],
      ['2026-11', '2026-11-01', '2026-11-30'],
      ['2026-12', '2026-12-01', '2026-12-03'],
    ]);
    expect(months[0]!.figures.consultations).toBe(2);
    expect(months[1]!.figures.consultations).toBe(1);
    expect(months[1]!.figures.coverage.requiredDays).toBe(4);
    expect(months[2]!.figures).toEqual(emptyFigures());
  });

  it('lists months across a year end', () => {
    expect(monthsBetween('2025-11-30', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03-05', '2026-03-06')).toEqual(['2026-03']);
  });
});

describe('withDescendants', () => {
  it('takes a station and everything under it', () => {
    const stations = [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 1 },
      { id: 4, parentId: 2 },
      { id: 5, parentId: 3 },
    ];
    expect(withDescendants(stations, 2).sort()).toEqual([2, 4]);
    expect(withDescendants(stations, 1).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(withDescendants(stations, 5)).toEqual([5]);
  });
});
