import { NETWORK_TIME_ZONE, networkDate } from '../../lib/dates';

/**
 * "How long ago" in the reader's language: 刚刚, 5分钟前, 3小时前, 昨天, 3天前; older
 * than a week, the network's calendar date (11月2日, or 2025年11月2日 in another year).
 */
export function relativeTime(iso: string, lang: string, justNow: string, now: Date = new Date()): string {
  const then = new Date(iso);
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (seconds < 60) return justNow;
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  // Calendar days in the network's zone, so "yesterday" means yesterday in Guiyang.
  const days = Math.round((Date.parse(networkDate(now)) - Date.parse(networkDate(then))) / 86_400_000);
  if (days === 0 || hours < 6) return rtf.format(-hours, 'hour');
  if (days < 7) return rtf.format(-days, 'day');
  const sameYear = networkDate(now).slice(0, 4) === networkDate(then).slice(0, 4);
  return new Intl.DateTimeFormat(lang, {
    timeZone: NETWORK_TIME_ZONE,
    year: sameYear ? undefined : 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(then);
}

/** The exact time, for a tooltip: 2026年11月29日 22:45. */
export function exactTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone: NETWORK_TIME_ZONE,
    dateStyle: 'long',
    timeStyle: 'short',
    hour12: false,
  }).format(new Date(iso));
}
