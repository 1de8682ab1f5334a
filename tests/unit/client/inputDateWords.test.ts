/** A date input's chosen day, written out in the page's language beside the browser's own field. */
import { describe, expect, it } from 'vitest';
import { formatInputDate, formatInputDateTime } from '../../../client/src/lib/dates.js';

describe('formatInputDate', () => {
  it.each([
    ['2026-12-08', 'zh-CN', '2026年12月8日 星期二'],
    ['2026-12-08', 'en', 'Tue 8 Dec 2026'],
    ['2027-01-01', 'zh-CN', '2027年1月1日 星期五'],
    ['2027-01-01', 'en', 'Fri 1 Jan 2027'],
    // The 3rd of February, never the 2nd of March, in either language.
    ['2027-02-03', 'en', 'Wed 3 Feb 2027'],
    ['2028-02-29', 'zh-CN', '2028年2月29日 星期二'],
  ])('%s in %s is %s', (value, language, words) => {
    expect(formatInputDate(value, language)).toBe(words);
  });

  it('says nothing for an empty or half-typed value', () => {
    for (const value of ['', '2026-12', '0000-00-00', '2026-13-40', 'abc']) expect(formatInputDate(value, 'en')).toBe('');
  });
});

describe('formatInputDateTime', () => {
  it('adds the time to the day', () => {
    expect(formatInputDateTime('2026-12-08T14:30', 'zh-CN')).toBe('2026年12月8日 星期二 14:30');
    expect(formatInputDateTime('2026-12-08T09:05', 'en')).toBe('Tue 8 Dec 2026 09:05');
    expect(formatInputDateTime('', 'en')).toBe('');
  });
});
