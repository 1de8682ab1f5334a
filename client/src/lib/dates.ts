/** Dates as the network sees them: `YYYY-MM-DD` strings in the network's time zone. */
import { addDays, isoWeekday, zonedParts } from '../../../server/lib/dates';

export const NETWORK_TIME_ZONE = 'Asia/Shanghai';

/** Calendar arithmetic on `YYYY-MM-DD` strings (no time zone involved): the server's own. */
export { addDays, isoWeekday };

/** The network's local date of an instant. */
export function networkDate(instant: Date = new Date()): string {
  return zonedParts(instant, NETWORK_TIME_ZONE).date;
}

/** An instant's local date (`2026-12-03`) and time (`09:05`) in the network's time zone. */
export function networkParts(instant: Date): { date: string; time: string } {
  return zonedParts(instant, NETWORK_TIME_ZONE);
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

const DATE_VALUE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_VALUE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/;

/**
 * A date input's value in words of the page's language, so it is never read the wrong way
 * round whatever order the browser's own field uses (mm/dd/yyyy in an English browser):
 * `2026-12-08` → 2026年12月8日 星期二 / Tue 8 Dec 2026. An empty or partial value gives ''.
 */
export function formatInputDate(value: string, language: string): string {
  const m = DATE_VALUE.exec(value);
  if (!m) return '';
  const [, year, month, day] = m as unknown as [string, string, string, string];
  const at = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return '';
  if (language === 'en') {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', month: 'short' }).formatToParts(at).map((p) => [p.type, p.value]),
    );
    return `${parts.weekday} ${Number(day)} ${parts.month} ${year}`;
  }
  const weekday = new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', weekday: 'long' }).format(at);
  return `${year}年${Number(month)}月${Number(day)}日 ${weekday}`;
}

/** A `datetime-local` value in words: 2026年12月8日 星期二 14:30 / Tue 8 Dec 2026 14:30 ('' when incomplete). */
export function formatInputDateTime(value: string, language: string): string {
  const m = DATE_TIME_VALUE.exec(value);
  const date = m ? formatInputDate(m[1]!, language) : '';
  return date && `${date} ${m![2]}`;
}
