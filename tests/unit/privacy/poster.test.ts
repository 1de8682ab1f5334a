import { describe, expect, it } from 'vitest';
import { dutyHoursInWords, escapeHtml, renderPoster } from '../../../server/posters/poster.js';

const h = (weekday: number, start: string, end: string) => ({ weekday, start, end });

describe('dutyHoursInWords', () => {
  it('groups weekdays with the same hours, runs of three or more as a range', () => {
    const week = [1, 2, 3, 4, 5].flatMap((d) => [h(d, '14:00', '17:30'), h(d, '09:00', '12:00')]);
    expect(dutyHoursInWords([...week, h(6, '09:00', '12:00')])).toEqual(['周一至周五 09:00–12:00、14:00–17:30', '周六 09:00–12:00']);
  });

  it('lists pairs and gaps', () => {
    expect(dutyHoursInWords([h(1, '09:00', '12:00'), h(2, '09:00', '12:00'), h(4, '09:00', '12:00'), h(7, '10:00', '11:00')])).toEqual([
      '周一、周二 09:00–12:00',
      '周四 09:00–12:00',
      '周日 10:00–11:00',
    ]);
    expect(dutyHoursInWords([])).toEqual([]);
  });
});

describe('renderPoster', () => {
  it('escapes what the station says and carries no script', () => {
    const html = renderPoster({
      station: { name: '<b>站</b>', address: 'A & B', phone: '0851-1', openHours: [] },
      hotlineNumber: '12351',
      bookingUrl: 'https://x.example/book/S-1',
      qrSvg: '<svg></svg>',
    });
    expect(html).toContain(escapeHtml('<b>站</b>'));
    expect(html).toContain('A &amp; B');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('请电话咨询');
  });
});
