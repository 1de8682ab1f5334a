import { describe, expect, it } from 'vitest';
import { WorkingCalendar, nationalCoverage, nationalDays, statutoryDays } from '../../../server/calendar/workingCalendar.js';
import { isoWeekday } from '../../../server/lib/dates.js';

describe('workingCalendar', () => {
  const cal = new WorkingCalendar([
    { date: '2026-12-07', kind: 'holiday', name: '台风停业', stationId: 3 },
    { date: '2026-12-08', kind: 'holiday', name: '全区培训', stationId: null },
    { date: '2026-12-08', kind: 'workday', name: '照常开放', stationId: 4 },
  ]);

  it('closes on statutory holidays, including the National Day week', () => {
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07']) {
      expect(cal.dayInfo(d)).toMatchObject({ working: false, kind: 'holiday', name: '国庆节' });
    }
    expect(cal.dayInfo('2026-09-25')).toMatchObject({ working: false, kind: 'holiday', name: '中秋' });
  });

  it('opens on make-up working days that fall on a weekend', () => {
    expect(cal.dayInfo('2026-09-20')).toMatchObject({ working: true, kind: 'makeup' }); // Sunday
    expect(cal.dayInfo('2026-10-10')).toMatchObject({ working: true, kind: 'makeup' }); // Saturday
    expect(cal.isExtraWorkingDay('2026-10-10')).toBe(true);
  });

  it('treats ordinary weekends as closed and weekdays as open', () => {
    expect(cal.dayInfo('2026-12-05')).toMatchObject({ working: false, kind: 'weekend' });
    expect(cal.dayInfo('2026-12-04')).toMatchObject({ working: true, kind: 'weekday' });
  });

  it('lets a station-level local day override a network-wide one', () => {
    expect(cal.dayInfo('2026-12-07', 3)).toMatchObject({ working: false, kind: 'local_closed' });
    expect(cal.dayInfo('2026-12-07', 4).working).toBe(true);
    expect(cal.dayInfo('2026-12-08', 3)).toMatchObject({ working: false, kind: 'local_closed', name: '全区培训' });
    expect(cal.dayInfo('2026-12-08', 4)).toMatchObject({ working: true, kind: 'local_open' });
  });

  it('says when a date lies outside the national data', () => {
    expect(nationalCoverage.lastYear).toBeGreaterThanOrEqual(2026);
    expect(cal.dayInfo('2026-06-01').covered).toBe(true);
    expect(cal.dayInfo(`${nationalCoverage.lastYear + 1}-03-02`).covered).toBe(false);
  });

  it('knows the statutory holidays of a year beyond the data, but calls it provisional', () => {
    const y = nationalCoverage.lastYear + 1;
    for (const [date, name] of [[`${y}-01-01`, '元旦'], [`${y}-05-01`, '劳动节'], [`${y}-05-02`, '劳动节'], [`${y}-10-01`, '国庆节'], [`${y}-10-03`, '国庆节']]) {
      expect(cal.dayInfo(date!), date).toMatchObject({ working: false, kind: 'holiday', name, covered: false });
    }
    const festival = [...statutoryDays(y)].filter(([, n]) => n === '春节').map(([d]) => d);
    expect(festival).toHaveLength(4);
    expect(festival[0]! >= `${y}-01-20` && festival[3]! <= `${y}-02-22`).toBe(true);
    for (const d of festival) expect(cal.dayInfo(d).working).toBe(false);
    expect(cal.dayInfo(`${y}-10-08`)).toMatchObject({ kind: isoWeekday(`${y}-10-08`) >= 6 ? 'weekend' : 'weekday', covered: false });
  });

  it('foretells exactly the statutory days that the published data holds (the 2024 rules, from 2025 on)', () => {
    for (let y = Math.max(2025, nationalCoverage.firstYear); y <= nationalCoverage.lastYear; y++) {
      const days = statutoryDays(y);
      expect(days.size, String(y)).toBe(13);
      for (const [date, name] of days) {
        const info = cal.dayInfo(date);
        expect(info.working, `${date} ${name}`).toBe(false);
        if (info.kind === 'holiday') expect(info.name, date).toContain(name.replace(/节$/, ''));
      }
    }
  });

  it('marks days next to a holiday', () => {
    expect(cal.isHolidayAdjacent('2026-09-30')).toBe(true);
    expect(cal.isHolidayAdjacent('2026-10-08')).toBe(true);
    expect(cal.isHolidayAdjacent('2026-11-18')).toBe(false);
  });

  it('lists national days in a range', () => {
    const days = nationalDays('2026-10-01', '2026-10-31');
    expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(7);
    expect(days.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual(['2026-10-10']);
  });
});

import { formatInstant, zonedInstant, zonedParts } from '../../../server/lib/dates.js';

describe('time-zone arithmetic', () => {
  it('reads local dates and times in Asia/Shanghai and in a zone with DST, the same as Intl', () => {
    for (const tz of ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe']) {
      const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 37 * 60_000 * 61) {
        const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
        expect(zonedParts(new Date(t), tz)).toEqual({ date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` });
      }
    }
  });

  it('round-trips a local date and time', () => {
    const at = zonedInstant('2026-12-03', '09:00', 'Asia/Shanghai');
    expect(at.toISOString()).toBe('2026-12-03T01:00:00.000Z');
    expect(formatInstant(at, 'Asia/Shanghai')).toBe('2026-12-03T09:00:00+08:00');
  });
});
