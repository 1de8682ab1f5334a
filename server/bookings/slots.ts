/**
 * Bookable consultation slots of one station on one day.
 *
 * Pure: no I/O, no clock (`now` is passed in). Dates and times of day are the
 * station's local wall time in the network time zone; instants are ISO 8601
 * with offset (2026-12-03T09:00:00+08:00).
 *
 * Rules:
 * - No slots on a day the station is closed (WorkingCalendar.dayInfo().working false),
 *   nor on a day without a published shift.
 * - No slots on a date outside [today, today + horizonDays] (today in the network time zone),
 *   nor starting before now + minNoticeMinutes.
 * - Slots tile each open-hours interval of the date's ISO weekday, on a grid that starts at
 *   the interval's start (overlapping or touching intervals are merged first). A slot must
 *   fit entirely in the interval (no partial slot at the end) and lie entirely within at
 *   least one shift's [start, end].
 * - Make-up working day on a weekend (调休上班日, or a local opening): if the station has
 *   open hours of its own for that Saturday/Sunday, they are used; otherwise its Monday
 *   hours; if it has none on Monday either, the first of Tuesday–Friday that has hours.
 *   (The national data does not say which weekday a make-up day replaces; by law it runs
 *   as an ordinary working day, and Monday hours are the station's standard day.)
 * - capacity = seatsPerSlot × number of shifts covering the slot; remaining = max(0, capacity − booked).
 * - lawyerName: the covering shifts' lawyers in shift order, de-duplicated, joined with "、".
 */
import type { WorkingCalendar } from '../calendar/workingCalendar.js';
import { addDays, formatInstant, isValidDate, isoWeekday, minutesToTime, zonedInstant, zonedParts } from '../lib/dates.js';

export interface OpenHours {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** HH:mm */
  start: string;
  /** HH:mm */
  end: string;
}

export interface SlotStation {
  id: number;
  openHours: OpenHours[];
  slotMinutes: number;
  seatsPerSlot: number;
}

/** A PUBLISHED shift on the day (more than one when the station has lawyersPerDay > 1). */
export interface SlotShift {
  date: string;
  lawyerName: string;
  start: string;
  end: string;
}

export interface Slot {
  /** ISO 8601 with offset. */
  start: string;
  end: string;
  /** YYYY-MM-DD, local. */
  date: string;
  /** HH:mm, local start. */
  time: string;
  capacity: number;
  remaining: number;
  lawyerName: string;
}

export interface ComputeSlotsArgs {
  station: SlotStation;
  date: string;
  shifts: SlotShift[];
  calendar: WorkingCalendar;
  /** Bookings that hold a seat, by local start time HH:mm. */
  booked: Map<string, number>;
  now: Date;
  timeZone: string;
  /** Default 120. */
  minNoticeMinutes?: number;
  /** Default 14: the last bookable date is today + horizonDays. */
  horizonDays?: number;
  /** Only the slot that starts at this local HH:mm, if it is one (a booking needs no other). */
  onlyTime?: string;
}

export const DEFAULT_MIN_NOTICE_MINUTES = 120;
export const DEFAULT_HORIZON_DAYS = 14;

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Minutes since midnight of an HH:mm (00:00–24:00), or null when malformed. */
function parseTime(hhmm: string): number | null {
  if (!TIME_RE.test(hhmm)) return null;
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** A span of local minutes since midnight, [start, end). */
export interface Interval {
  start: number;
  end: number;
}

function intervalsOf(hours: readonly OpenHours[], weekday: number): Interval[] {
  const raw: Interval[] = [];
  for (const h of hours) {
    if (h.weekday !== weekday) continue;
    const start = parseTime(h.start);
    const end = parseTime(h.end);
    if (start === null || end === null || end <= start) continue;
    raw.push({ start, end });
  }
  raw.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const iv of raw) {
    const last = merged[merged.length - 1];
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end);
    else merged.push({ ...iv });
  }
  return merged;
}

/**
 * The open-hours intervals that apply on `date` (merged, sorted, in minutes).
 * A working Saturday/Sunday without hours of its own borrows Monday's (see the module notes).
 */
export function openIntervalsFor(station: SlotStation, date: string, working: boolean): Interval[] {
  const weekday = isoWeekday(date);
  const own = intervalsOf(station.openHours, weekday);
  if (own.length > 0 || weekday < 6 || !working) return own;
  for (const wd of [1, 2, 3, 4, 5]) {
    const borrowed = intervalsOf(station.openHours, wd);
    if (borrowed.length > 0) return borrowed;
  }
  return [];
}

function assertStation(station: SlotStation): void {
  if (!Number.isInteger(station.slotMinutes) || station.slotMinutes <= 0) {
    throw new RangeError(`slotMinutes must be a positive integer, got ${station.slotMinutes}`);
  }
  if (!Number.isInteger(station.seatsPerSlot) || station.seatsPerSlot <= 0) {
    throw new RangeError(`seatsPerSlot must be a positive integer, got ${station.seatsPerSlot}`);
  }
}

/** The bookable slots of one station on one local date. Throws RangeError on a misconfigured station. */
export function computeSlots(args: ComputeSlotsArgs): Slot[] {
  const { station, date, shifts, calendar, booked, now, timeZone } = args;
  const minNotice = args.minNoticeMinutes ?? DEFAULT_MIN_NOTICE_MINUTES;
  const horizon = args.horizonDays ?? DEFAULT_HORIZON_DAYS;
  assertStation(station);
  if (!isValidDate(date) || Number.isNaN(now.getTime())) return [];

  const today = zonedParts(now, timeZone).date;
  if (date < today || date > addDays(today, horizon)) return [];

  const day = calendar.dayInfo(date, station.id);
  if (!day.working) return [];

  const dayShifts: { lawyerName: string; start: number; end: number }[] = [];
  for (const s of shifts) {
    if (s.date !== date) continue;
    const start = parseTime(s.start);
    const end = parseTime(s.end);
    if (start === null || end === null || end <= start) continue;
    dayShifts.push({ lawyerName: s.lawyerName, start, end });
  }
  if (dayShifts.length === 0) return [];

  const earliest = now.getTime() + minNotice * 60_000;
  const len = station.slotMinutes;
  const out: Slot[] = [];
  for (const iv of openIntervalsFor(station, date, day.working)) {
    for (let t = iv.start; t + len <= iv.end; t += len) {
      const covering = dayShifts.filter((s) => s.start <= t && t + len <= s.end);
      if (covering.length === 0) continue;
      const time = minutesToTime(t);
      if (args.onlyTime !== undefined && time !== args.onlyTime) continue;
      const startInstant = zonedInstant(date, time, timeZone);
      // A wall time that does not exist (a DST gap) is no slot.
      const round = zonedParts(startInstant, timeZone);
      if (round.date !== date || round.time !== time) continue;
      if (startInstant.getTime() < earliest) continue;
      const endInstant = new Date(startInstant.getTime() + len * 60_000);
      const capacity = station.seatsPerSlot * covering.length;
      const taken = booked.get(time) ?? 0;
      const names = [...new Set(covering.map((s) => s.lawyerName))];
      out.push({
        start: formatInstant(startInstant, timeZone),
        end: formatInstant(endInstant, timeZone),
        date,
        time,
        capacity,
        remaining: Math.max(0, capacity - Math.max(0, taken)),
        lawyerName: names.join('、'),
      });
    }
  }
  return out;
}

const ISO_INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parse an ISO 8601 instant that carries an offset (or Z). Strings without an offset
 * are rejected: they would be read in the host's time zone.
 */
export function parseInstant(iso: string): Date | null {
  if (typeof iso !== 'string' || !ISO_INSTANT_RE.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** The local date and time of a requested start, to know which day's slots to compute. */
export function localStartOf(startIso: string, timeZone: string): { date: string; time: string } | null {
  const instant = parseInstant(startIso);
  return instant ? zonedParts(instant, timeZone) : null;
}

/**
 * The slot that starts at `startIso` (compared as instants, so `…T01:00:00Z` finds
 * `…T09:00:00+08:00`), or null when the start is not a real slot. Says nothing about seats.
 */
export function findSlot(slots: readonly Slot[], startIso: string): Slot | null {
  const instant = parseInstant(startIso);
  if (!instant) return null;
  const ms = instant.getTime();
  return slots.find((s) => Date.parse(s.start) === ms) ?? null;
}

/** True when `startIso` is a real slot with a seat left. */
export function isBookableStart(slots: readonly Slot[], startIso: string): boolean {
  const slot = findSlot(slots, startIso);
  return slot !== null && slot.remaining > 0;
}
