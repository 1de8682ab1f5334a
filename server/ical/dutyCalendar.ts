/**
 * Duty days as an RFC 5545 calendar (ical-generator). Times are written in UTC
 * (`DTSTART:20261203T010000Z`) so every client shows them right without a VTIMEZONE;
 * X-WR-TIMEZONE names the network's zone for clients that display in it. Pure.
 */
import ical, { escape, ICalEventStatus } from 'ical-generator';
import { zonedInstant } from '../lib/dates.js';

export interface DutyEvent {
  shiftId: number;
  /** Bumped whenever the shift changes: calendar apps replace the old event. */
  version: number;
  date: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  location: string;
  updatedAt: Date;
}

export interface DutyCalendar {
  name: string;
  description: string;
  timeZone: string;
  /** Host part of the events' UIDs, so they stay stable across feeds and instances. */
  uidDomain: string;
  stamp: Date;
  events: DutyEvent[];
}

/**
 * RFC 5545 TEXT (§3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`.
 * ical-generator escapes the events' properties itself but writes the calendar's NAME,
 * X-WR-CALNAME and X-WR-CALDESC as given, so a station named `甲;乙` broke the feed's name.
 */
const text = (s: string) => escape(s, false);

export function renderDutyCalendar(c: DutyCalendar): string {
  const cal = ical({
    name: text(c.name),
    description: text(c.description),
    prodId: { company: 'workers-rights-network', product: 'duty-roster', language: 'ZH' },
    ttl: 3600,
    x: [['X-WR-TIMEZONE', c.timeZone]],
  });
  for (const e of c.events) {
    cal.createEvent({
      id: `shift-${e.shiftId}@${c.uidDomain}`,
      sequence: e.version,
      start: zonedInstant(e.date, e.start, c.timeZone),
      end: zonedInstant(e.date, e.end, c.timeZone),
      stamp: c.stamp,
      lastModified: e.updatedAt,
      summary: e.summary,
      description: e.description,
      location: e.location || null,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
