/** The duty calendar's own properties as RFC 5545 TEXT, written escaped and read back intact (ical.js). */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { renderDutyCalendar, type DutyCalendar } from '../../../server/ical/dutyCalendar.js';

const calendar = (o: Partial<DutyCalendar> = {}): DutyCalendar => ({
  name: '观山湖区职工维权服务站 值班表',
  description: '观山湖区职工维权服务站的值班律师安排',
  timeZone: 'Asia/Shanghai',
  uidDomain: 'example.org',
  stamp: new Date('2026-12-01T01:00:00Z'),
  events: [],
  ...o,
});

/** The feed's content lines, unfolded (RFC 5545 §3.1). */
const lines = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');

/** A TEXT value read back (§3.3.11): ical.js leaves NAME and X- properties undecoded. */
const unescapeText = (v: string) => v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

describe('renderDutyCalendar', () => {
  it('escapes backslash, semicolon, comma and line breaks in the calendar’s name and description', () => {
    const ics = renderDutyCalendar(calendar({ name: '甲;乙,丙\\丁 值班表', description: '甲;乙,丙\\丁的\n值班律师安排' }));
    const l = lines(ics);
    expect(l).toContain('NAME:甲\\;乙\\,丙\\\\丁 值班表');
    expect(l).toContain('X-WR-CALNAME:甲\\;乙\\,丙\\\\丁 值班表');
    expect(l).toContain('X-WR-CALDESC:甲\\;乙\\,丙\\\\丁的\\n值班律师安排');

    // A real parser reads one property each, whose value decodes to the name as given.
    const parsed = new ICAL.Component(ICAL.parse(ics));
    const value = (name: string) => unescapeText(String(parsed.getFirstPropertyValue(name)));
    expect(value('name')).toBe('甲;乙,丙\\丁 值班表');
    expect(value('x-wr-calname')).toBe('甲;乙,丙\\丁 值班表');
    expect(value('x-wr-caldesc')).toBe('甲;乙,丙\\丁的\n值班律师安排');
  });

  it('leaves plain names as they are, and events escaped once (not twice)', () => {
    const ics = renderDutyCalendar(
      calendar({
        events: [
          {
            shiftId: 7,
            version: 1,
            date: '2026-12-03',
            start: '09:00',
            end: '17:30',
            summary: '值班律师：王芳',
            description: '甲;乙,丙 值班',
            location: '长岭北路 1 号, 一楼',
            updatedAt: new Date('2026-11-20T00:00:00Z'),
          },
        ],
      }),
    );
    const l = lines(ics);
    expect(l).toContain('NAME:观山湖区职工维权服务站 值班表');
    expect(l).toContain('DESCRIPTION:甲\\;乙\\,丙 值班');
    expect(l).toContain('LOCATION:长岭北路 1 号\\, 一楼');
  });
});
