/**
 * The booking flow's rules that need no React: the days a worker can pick from, how a
 * day is named, stations grouped for picking, typed codes and phone numbers, and the
 * key that makes a double tap book once. Pure: `today` is passed in.
 */
import type { DayAvailability, Slot, Station } from '../../api/client';
import { addDays } from '../../lib/dates';

/** How far ahead a worker can book (the server's BOOKING_HORIZON_DAYS default). */
export const BOOKING_DAYS = 14;

export type DayState = 'free' | 'full';

export interface PickableDay {
  date: string;
  state: DayState;
  remaining: number;
}

/** The days to offer: bookable days with seats, and full days (for the waitlist); closed days are left out. */
export function pickableDays(availability: readonly DayAvailability[]): PickableDay[] {
  return availability
    .filter((d) => d.open)
    .map((d) => ({ date: d.date, state: d.remaining > 0 ? 'free' : 'full', remaining: d.remaining }));
}

export function bookingWindow(today: string): { from: string; to: string } {
  return { from: today, to: addDays(today, BOOKING_DAYS - 1) };
}

/** 0 = today, 1 = tomorrow, 2 = the day after; null further on (then the weekday names the day). */
export function relativeDay(date: string, today: string): 0 | 1 | 2 | null {
  for (const n of [0, 1, 2] as const) if (addDays(today, n) === date) return n;
  return null;
}

/** `12月2日` / `Dec 2` for a `YYYY-MM-DD` date, in the reader's language. */
export function shortDate(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, { timeZone: 'UTC', month: language.startsWith('zh') ? 'long' : 'short', day: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** `HH:mm` of an instant written with its offset (`2026-12-03T09:30:00+08:00`), as the station reads it. */
export function timeOf(instant: string): string {
  return instant.slice(11, 16);
}

export function isMorning(slot: Pick<Slot, 'start'>): boolean {
  return timeOf(slot.start) < '12:00';
}

/** The lawyers on duty across a day's slots, in order of first appearance. */
export function lawyersOf(slots: readonly Slot[]): string[] {
  return [...new Set(slots.map((s) => s.lawyerName).filter(Boolean))];
}

// ---- stations ----------------------------------------------------------------

export interface TownGroup {
  town: Station;
  villages: Station[];
}

export interface StationGroups {
  districts: Station[];
  towns: TownGroup[];
  /** Villages whose town is not in the list (inactive or missing). */
  orphanVillages: Station[];
}

const byCode = (a: Station, b: Station) => a.code.localeCompare(b.code);

/** District first, then towns, each with its villages: the order the network is organised in. */
export function groupStations(stations: readonly Station[]): StationGroups {
  const active = stations.filter((s) => s.active);
  const towns = active.filter((s) => s.level === 'town').sort(byCode);
  const townIds = new Set(towns.map((t) => t.id));
  const villages = active.filter((s) => s.level === 'village').sort(byCode);
  return {
    districts: active.filter((s) => s.level === 'district').sort(byCode),
    towns: towns.map((town) => ({ town, villages: villages.filter((v) => v.parentId === town.id) })),
    orphanVillages: villages.filter((v) => v.parentId === null || !townIds.has(v.parentId)),
  };
}

/** A `tel:` address for a station's phone as printed (`0851-84100000`). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

// ---- what the worker types ------------------------------------------------------

const PHONE_SEPARATORS = /[\s\-.()\u2010-\u2015\u2212]/g;

/** The 11-digit mobile number in what was typed (spaces, dashes, +86, full-width digits allowed), or null. */
export function normalizePhone(input: string): string | null {
  let digits = input.normalize('NFKC').replace(PHONE_SEPARATORS, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086') && digits.length === 15) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export type PhoneProblem = 'missing' | 'format';

export function phoneProblem(input: string): PhoneProblem | null {
  if (!input.trim()) return 'missing';
  return normalizePhone(input) === null ? 'format' : null;
}

/** The alphabet of booking and waitlist codes: no 0/O, 1/I/L. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_SEPARATORS = /[\s\-_.\u2010-\u2015\u2212\u30fc\u00b7]/g;

export type CodeProblem = 'missing' | 'lookalike' | 'format';

/** A typed code in its display form `XXXXX-XXXXX` (lower case, spaces, full-width all accepted), or why not. */
export function parseCode(input: string): { code: string } | { problem: CodeProblem } {
  const compact = input.normalize('NFKC').replace(CODE_SEPARATORS, '').toUpperCase();
  if (!compact) return { problem: 'missing' };
  if (compact.length === 10 && [...compact].every((c) => CODE_ALPHABET.includes(c))) {
    return { code: `${compact.slice(0, 5)}-${compact.slice(5)}` };
  }
  return { problem: /[01OIL]/.test(compact) ? 'lookalike' : 'format' };
}

/** The code in groups to read out (`K7P2M-9QXDH` → `['K7P2M', '9QXDH']`). */
export function codeGroups(code: string): string[] {
  return code.split('-');
}

/** One character at a time, so a speech engine spells the code instead of guessing a word. */
export function spellCode(code: string, separator: string): string {
  return codeGroups(code)
    .map((g) => [...g].join(separator))
    .join(`${separator}${separator}`);
}

// ---- a double tap books once ---------------------------------------------------------

/** A random key for the Idempotency-Key header; `randomUUID` exists only on https and localhost. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One key per attempt: the same body sent again (a double tap, a retry after a dropped
 * connection) reuses its key, so the server answers the first booking; a changed body
 * (another time, a corrected phone) is a new attempt with a new key.
 */
export function idempotencyKeys(make: () => string = newIdempotencyKey) {
  let last: { body: string; key: string } | null = null;
  return (body: unknown): string => {
    const json = JSON.stringify(body);
    if (last?.body !== json) last = { body: json, key: make() };
    return last.key;
  };
}
