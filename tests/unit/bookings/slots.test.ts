import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../server/calendar/workingCalendar.js';
import {
  computeSlots,
  findSlot,
  isBookableStart,
  localStartOf,
  parseInstant,
  type ComputeSlotsArgs,
  type OpenHours,
  type SlotShift,
  type SlotStation,
} from '../../../server/bookings/slots.js';

const TZ = 'Asia/Shanghai';
const calendar = new WorkingCalendar([
  { date: '2026-12-07', kind: 'holiday', name: '台风停业', stationId: 1 },
  { date: '2026-12-08', kind: 'holiday', name: '台风停业', stationId: 2 },
]);

function weekdayHours(...ranges: [string, string][]): OpenHours[] {
  return [1, 2, 3, 4, 5].flatMap((weekday) => ranges.map(([start, end]) => ({ weekday, start, end })));
}

const station: SlotStation = {
  id: 1,
  openHours: weekdayHours(['09:00', '12:00'], ['14:00', '17:30']),
  slotMinutes: 30,
  seatsPerSlot: 1,
};

const shift = (date: string, lawyerName = '李律师', start = '09:00', end = '17:30'): SlotShift => ({
  date,
  lawyerName,
  start,
  end,
});

/** 2026-12-01 (Tuesday) 00:00 in Shanghai. */
const NOW = new Date('2026-12-01T00:00:00+08:00');

function slots(over: Partial<ComputeSlotsArgs> & { date: string }): ReturnType<typeof computeSlots> {
  return computeSlots({
    station,
    shifts: [shift(over.date)],
    calendar,
    booked: new Map(),
    now: NOW,
    timeZone: TZ,
    ...over,
  });
}

const times = (list: { time: string }[]) => list.map((s) => s.time);

const FULL_DAY = [
  '09:00', '09:30', '10:00', '10:30', '11:00', '11:30',
  '14:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00',
];

describe('computeSlots: an ordinary weekday', () => {
  it('tiles 09:00–12:00 and 14:00–17:30 in 30-minute slots', () => {
    const list = slots({ date: '2026-12-03' });
    expect(times(list)).toEqual(FULL_DAY);
    expect(list[0]).toEqual({
      start: '2026-12-03T09:00:00+08:00',
      end: '2026-12-03T09:30:00+08:00',
      date: '2026-12-03',
      time: '09:00',
      capacity: 1,
      remaining: 1,
      lawyerName: '李律师',
    });
    expect(list.at(-1)).toMatchObject({ start: '2026-12-03T17:00:00+08:00', end: '2026-12-03T17:30:00+08:00' });
  });

  it.each([
    { hours: [['09:00', '11:45']], len: 30, expected: ['09:00', '09:30', '10:00', '10:30', '11:00'] },
    { hours: [['09:00', '10:00']], len: 45, expected: ['09:00'] },
    { hours: [['09:00', '09:20']], len: 30, expected: [] },
    { hours: [['09:00', '10:00']], len: 20, expected: ['09:00', '09:20', '09:40'] },
    // overlapping and touching intervals are merged before tiling
    { hours: [['09:00', '10:45'], ['10:45', '12:00']], len: 30, expected: ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'] },
    { hours: [['10:00', '11:00'], ['09:00', '10:30']], len: 30, expected: ['09:00', '09:30', '10:00', '10:30'] },
    // malformed intervals are ignored
    { hours: [['12:00', '09:00'], ['9:00', '10:00'], ['14:00', '15:00']], len: 30, expected: ['14:00', '14:30'] },
  ] as { hours: [string, string][]; len: number; expected: string[] }[])(
    'hours $hours with $len-minute slots → $expected (no partial slot at the end)',
    ({ hours, len, expected }) => {
      const st = { ...station, openHours: weekdayHours(...hours), slotMinutes: len };
      expect(times(slots({ date: '2026-12-03', station: st, shifts: [shift('2026-12-03', 'A', '00:00', '24:00')] }))).toEqual(expected);
    },
  );

  it('only offers slots that lie entirely within a shift', () => {
    expect(times(slots({ date: '2026-12-03', shifts: [shift('2026-12-03', 'A', '09:00', '12:00')] }))).toEqual(FULL_DAY.slice(0, 6));
    expect(times(slots({ date: '2026-12-03', shifts: [shift('2026-12-03', 'A', '10:15', '15:00')] }))).toEqual([
      '10:30', '11:00', '11:30', '14:00', '14:30',
    ]);
  });

  it('uses the station\'s own hours for each weekday', () => {
    const st = { ...station, openHours: [{ weekday: 4, start: '14:00', end: '15:00' }] };
    expect(times(slots({ date: '2026-12-03', station: st }))).toEqual(['14:00', '14:30']); // Thursday
    expect(slots({ date: '2026-12-02', station: st })).toEqual([]); // Wednesday: no hours
  });
});

describe('computeSlots: closed days and missing shifts', () => {
  it.each([
    { what: 'National Day (2026-10-01)', date: '2026-10-01', now: new Date('2026-09-28T08:00:00+08:00') },
    { what: 'Mid-Autumn (2026-09-25)', date: '2026-09-25', now: new Date('2026-09-20T08:00:00+08:00') },
    { what: 'an ordinary Saturday', date: '2026-12-05', now: NOW },
    { what: 'an ordinary Sunday', date: '2026-12-06', now: NOW },
    { what: 'a local closure of this station', date: '2026-12-07', now: NOW },
  ])('no slots on $what, even with a shift', ({ date, now }) => {
    expect(slots({ date, now, shifts: [shift(date)] })).toEqual([]);
  });

  it('a local closure of another station does not close this one', () => {
    expect(times(slots({ date: '2026-12-08' }))).toEqual(FULL_DAY);
  });

  it('no slots without a published shift that day', () => {
    expect(slots({ date: '2026-12-03', shifts: [] })).toEqual([]);
    expect(slots({ date: '2026-12-03', shifts: [shift('2026-12-04')] })).toEqual([]);
    expect(slots({ date: '2026-12-03', shifts: [shift('2026-12-03', 'A', '12:00', '14:00')] })).toEqual([]);
  });

  it('a make-up Saturday (2026-10-10) gets slots, with Monday\'s hours when it has none of its own', () => {
    const now = new Date('2026-10-08T08:00:00+08:00');
    const list = slots({ date: '2026-10-10', now, shifts: [shift('2026-10-10')] });
    expect(times(list)).toEqual(FULL_DAY);
    expect(list[0]!.start).toBe('2026-10-10T09:00:00+08:00');

    const mondayOnly = { ...station, openHours: [{ weekday: 1, start: '08:30', end: '10:00' }, { weekday: 3, start: '14:00', end: '15:00' }] };
    expect(times(slots({ date: '2026-10-10', now, station: mondayOnly, shifts: [shift('2026-10-10', 'A', '08:00', '18:00')] }))).toEqual([
      '08:30', '09:00', '09:30',
    ]);
    const wednesdayOnly = { ...station, openHours: [{ weekday: 3, start: '14:00', end: '15:00' }] };
    expect(times(slots({ date: '2026-10-10', now, station: wednesdayOnly }))).toEqual(['14:00', '14:30']);

    const ownSaturday = { ...station, openHours: [...station.openHours, { weekday: 6, start: '10:00', end: '11:00' }] };
    expect(times(slots({ date: '2026-10-10', now, station: ownSaturday }))).toEqual(['10:00', '10:30']);
  });

  it('a make-up Sunday (2026-09-20) gets slots too', () => {
    const list = slots({ date: '2026-09-20', now: new Date('2026-09-18T08:00:00+08:00'), shifts: [shift('2026-09-20')] });
    expect(times(list)).toEqual(FULL_DAY);
  });

  it('a local opening on a weekend gets slots', () => {
    const cal = new WorkingCalendar([{ date: '2026-12-05', kind: 'workday', name: '普法宣传日', stationId: 1 }]);
    expect(times(slots({ date: '2026-12-05', calendar: cal }))).toEqual(FULL_DAY);
  });
});

describe('computeSlots: now, notice and horizon', () => {
  it.each([
    { now: '2026-12-03T08:45:00+08:00', first: '11:00', count: 9 }, // earliest 10:45
    { now: '2026-12-03T09:00:00+08:00', first: '11:00', count: 9 }, // exactly now + 2h is allowed
    { now: '2026-12-03T09:01:00+08:00', first: '11:30', count: 8 },
    { now: '2026-12-03T10:10:00+08:00', first: '14:00', count: 7 },
    { now: '2026-12-03T15:00:00+08:00', first: '17:00', count: 1 },
    { now: '2026-12-03T15:01:00+08:00', first: undefined, count: 0 },
    { now: '2026-12-03T23:00:00+08:00', first: undefined, count: 0 },
  ])('now $now → first slot $first ($count slots)', ({ now, first, count }) => {
    const list = slots({ date: '2026-12-03', now: new Date(now) });
    expect(list).toHaveLength(count);
    expect(list[0]?.time).toBe(first);
  });

  it('honours minNoticeMinutes', () => {
    const now = new Date('2026-12-03T10:10:00+08:00');
    expect(slots({ date: '2026-12-03', now, minNoticeMinutes: 0 })[0]?.time).toBe('10:30');
    expect(slots({ date: '2026-12-03', now, minNoticeMinutes: 20 })[0]?.time).toBe('10:30');
    expect(slots({ date: '2026-12-03', now, minNoticeMinutes: 21 })[0]?.time).toBe('11:00');
  });

  it('no slots on a past date', () => {
    expect(slots({ date: '2026-11-30' })).toEqual([]);
    expect(slots({ date: '2026-12-02', now: new Date('2026-12-03T08:00:00+08:00'), minNoticeMinutes: 0 })).toEqual([]);
  });

  it('offers dates up to today + 14 and none beyond', () => {
    expect(times(slots({ date: '2026-12-15' }))).toEqual(FULL_DAY); // today (12-01) + 14
    expect(slots({ date: '2026-12-16' })).toEqual([]);
    expect(slots({ date: '2027-01-05' })).toEqual([]);
    expect(times(slots({ date: '2026-12-16', horizonDays: 15 }))).toEqual(FULL_DAY);
    expect(slots({ date: '2026-12-02', horizonDays: 0 })).toEqual([]);
  });

  it('returns nothing for an invalid date', () => {
    expect(slots({ date: '2026-02-30' })).toEqual([]);
    expect(slots({ date: 'tomorrow' })).toEqual([]);
  });
});

describe('computeSlots: capacity and bookings', () => {
  it('remaining decreases with bookings and never goes below zero', () => {
    const st = { ...station, seatsPerSlot: 2 };
    const booked = new Map([['09:00', 1], ['09:30', 2], ['10:00', 5], ['99:99', 3]]);
    const list = slots({ date: '2026-12-03', station: st, booked });
    expect(list.slice(0, 4).map((s) => [s.time, s.capacity, s.remaining])).toEqual([
      ['09:00', 2, 1],
      ['09:30', 2, 0],
      ['10:00', 2, 0],
      ['10:30', 2, 2],
    ]);
  });

  it('two shifts double the capacity and name both lawyers', () => {
    const list = slots({ date: '2026-12-03', shifts: [shift('2026-12-03', '李律师'), shift('2026-12-03', '王律师')] });
    expect(times(list)).toEqual(FULL_DAY);
    for (const s of list) expect(s).toMatchObject({ capacity: 2, remaining: 2, lawyerName: '李律师、王律师' });
  });

  it('capacity follows the number of shifts covering each slot', () => {
    const st = { ...station, seatsPerSlot: 3 };
    const list = slots({
      date: '2026-12-03',
      station: st,
      shifts: [shift('2026-12-03', '李律师', '09:00', '12:00'), shift('2026-12-03', '王律师', '11:00', '17:30')],
      booked: new Map([['11:00', 4]]),
    });
    const byTime = Object.fromEntries(list.map((s) => [s.time, s]));
    expect(byTime['09:00']).toMatchObject({ capacity: 3, lawyerName: '李律师' });
    expect(byTime['11:00']).toMatchObject({ capacity: 6, remaining: 2, lawyerName: '李律师、王律师' });
    expect(byTime['14:00']).toMatchObject({ capacity: 3, lawyerName: '王律师' });
  });

  it('rejects a misconfigured station', () => {
    for (const bad of [{ slotMinutes: 0 }, { slotMinutes: -30 }, { slotMinutes: 12.5 }, { seatsPerSlot: 0 }, { seatsPerSlot: 1.5 }]) {
      expect(() => slots({ date: '2026-12-03', station: { ...station, ...bad } })).toThrow(RangeError);
    }
  });
});

describe('computeSlots: time zone', () => {
  it('gives instants with +08:00 that are the right UTC instants', () => {
    const list = slots({ date: '2026-12-03' });
    for (const s of list) {
      expect(s.start).toMatch(/^2026-12-03T\d{2}:\d{2}:00\+08:00$/);
      expect(s.end).toMatch(/\+08:00$/);
      expect(Date.parse(s.end) - Date.parse(s.start)).toBe(30 * 60_000);
    }
    expect(new Date(list[0]!.start).toISOString()).toBe('2026-12-03T01:00:00.000Z');
  });

  it('takes "today" from the network time zone, not UTC', () => {
    // 2026-12-02 17:30 UTC is already 2026-12-03 01:30 in Shanghai.
    const now = new Date('2026-12-02T17:30:00Z');
    expect(times(slots({ date: '2026-12-03', now }))).toEqual(FULL_DAY);
    expect(slots({ date: '2026-12-02', now, shifts: [shift('2026-12-02')] })).toEqual([]);
    expect(times(slots({ date: '2026-12-17', now }))).toEqual(FULL_DAY); // Shanghai today + 14
    expect(slots({ date: '2026-12-18', now })).toEqual([]);
  });

  it('applies the notice to the instant, whatever zone `now` was written in', () => {
    // 2026-12-03T01:00Z = 09:00 Shanghai → earliest 11:00
    expect(slots({ date: '2026-12-03', now: new Date('2026-12-03T01:00:00Z') })[0]?.time).toBe('11:00');
  });

  it('works for another zone', () => {
    const list = slots({ date: '2026-12-03', timeZone: 'Asia/Urumqi' });
    expect(list[0]!.start).toBe('2026-12-03T09:00:00+06:00');
  });
});

describe('findSlot / isBookableStart / localStartOf', () => {
  const list = slots({ date: '2026-12-03', booked: new Map([['09:30', 1]]) });

  it('finds a slot by its start instant, in any offset', () => {
    expect(findSlot(list, '2026-12-03T09:00:00+08:00')?.time).toBe('09:00');
    expect(findSlot(list, '2026-12-03T01:00:00Z')?.time).toBe('09:00');
    expect(findSlot(list, '2026-12-03T01:00:00.000Z')?.time).toBe('09:00');
    expect(findSlot(list, '2026-12-03T09:00+08:00')?.time).toBe('09:00');
  });

  it.each(['2026-12-03T09:15:00+08:00', '2026-12-03T12:00:00+08:00', '2026-12-03T09:00:00', '2026-12-03 09:00', 'garbage', ''])(
    'rejects %j',
    (start) => {
      expect(findSlot(list, start)).toBeNull();
      expect(isBookableStart(list, start)).toBe(false);
    },
  );

  it('a full slot exists but is not bookable', () => {
    expect(findSlot(list, '2026-12-03T09:30:00+08:00')).not.toBeNull();
    expect(isBookableStart(list, '2026-12-03T09:30:00+08:00')).toBe(false);
    expect(isBookableStart(list, '2026-12-03T09:00:00+08:00')).toBe(true);
  });

  it('localStartOf gives the local date of a requested start', () => {
    expect(localStartOf('2026-12-02T17:30:00Z', TZ)).toEqual({ date: '2026-12-03', time: '01:30' });
    expect(localStartOf('2026-12-03T09:00:00', TZ)).toBeNull();
    expect(parseInstant('2026-13-45T09:00:00+08:00')).toBeNull();
  });
});

describe('computeSlots: properties', () => {
  const hhmm = fc.integer({ min: 0, max: 24 * 4 }).map((q) => q * 15);
  const toTime = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

  it('slots fit an open interval and a shift, do not overlap, and remaining is within [0, capacity]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(hhmm, hhmm), { maxLength: 4 }),
        fc.array(fc.tuple(hhmm, hhmm), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(10, 15, 20, 30, 45, 60, 90),
        fc.integer({ min: 1, max: 4 }),
        fc.dictionary(hhmm.map(toTime), fc.integer({ min: 0, max: 10 })),
        (hours, shiftRanges, len, seats, bookedObj) => {
          const open = hours.map(([a, b]) => ({ weekday: 4, start: toTime(a), end: toTime(b) }));
          const st = { id: 1, openHours: open, slotMinutes: len, seatsPerSlot: seats };
          const shifts = shiftRanges.map(([a, b], i) => shift('2026-12-03', `L${i}`, toTime(a), toTime(b)));
          const list = computeSlots({
            station: st,
            date: '2026-12-03',
            shifts,
            calendar,
            booked: new Map(Object.entries(bookedObj)),
            now: NOW,
            timeZone: TZ,
          });
          const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
          let prevEnd = -1;
          for (const s of list) {
            const a = min(s.time);
            const b = a + len;
            expect(a).toBeGreaterThanOrEqual(prevEnd);
            prevEnd = b;
            // open intervals are merged when they touch or overlap: every minute of the slot is open
            for (let m = a; m < b; m++) {
              expect(open.some((o) => min(o.start) <= m && m < (o.end === '24:00' ? 1440 : min(o.end)))).toBe(true);
            }
            const covering = shifts.filter((sh) => min(sh.start) <= a && b <= (sh.end === '24:00' ? 1440 : min(sh.end)));
            expect(s.capacity).toBe(seats * covering.length);
            expect(s.remaining).toBe(Math.max(0, s.capacity - (bookedObj[s.time] ?? 0)));
            expect(findSlot(list, s.start)).toBe(s);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('onlyTime gives exactly the slot the full day has at that time, or none', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 47 }),
        fc.constantFrom(15, 20, 30, 45, 60),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('2026-12-01', '2026-12-02', '2026-12-05', '2026-12-07', '2026-12-20'),
        fc.integer({ min: 0, max: 24 * 60 }),
        (half, slotMinutes, taken, date, nowMinutes) => {
          const time = `${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`;
          const args = {
            date,
            station: { ...station, slotMinutes, seatsPerSlot: 2 },
            booked: new Map([[time, taken]]),
            now: new Date(NOW.getTime() + nowMinutes * 60_000),
          };
          const full = slots(args).filter((s) => s.time === time);
          expect(slots({ ...args, onlyTime: time })).toEqual(full);
        },
      ),
      { numRuns: 300 },
    );
  });
});
