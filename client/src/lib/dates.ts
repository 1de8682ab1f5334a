/** Dates as the network sees them: `YYYY-MM-DD` strings in the network's time zone. */
export const NETWORK_TIME_ZONE = 'Asia/Shanghai';

const isoDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: NETWORK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The network's local date of an instant. */
export function networkDate(instant: Date = new Date()): string {
  return isoDateFormat.format(instant);
}

/** Calendar arithmetic on `YYYY-MM-DD` strings (no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of a `YYYY-MM-DD` date. */
export function isoWeekday(date: string): number {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 ? 7 : dow;
}

/** A long, human date in the given language, e.g. 2026年12月3日 星期四. */
export function formatLongDate(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
  }).format(new Date(`${date}T00:00:00Z`));
}
