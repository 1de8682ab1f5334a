import { describe, expect, it } from 'vitest';
import { officeHoursNow } from '../../../server/seed/demo.js';

const tz = 'Asia/Shanghai';
const at = (iso: string) => officeHoursNow(new Date(iso), tz).toISOString();

describe('the demo’s office-hours “now”', () => {
  it('is now during office hours', () => {
    expect(at('2026-12-07T10:15:00+08:00')).toBe(new Date('2026-12-07T10:15:00+08:00').toISOString());
  });
  it('is the afternoon before for a demo started in the night or early morning', () => {
    expect(at('2026-12-08T02:37:00+08:00')).toBe(new Date('2026-12-07T16:40:00+08:00').toISOString());
    expect(at('2026-12-08T08:59:00+08:00')).toBe(new Date('2026-12-07T16:40:00+08:00').toISOString());
  });
  it('is the same afternoon for a demo started in the evening, and never later than now', () => {
    expect(at('2026-12-07T21:00:00+08:00')).toBe(new Date('2026-12-07T16:40:00+08:00').toISOString());
    for (const iso of ['2026-12-07T17:30:00+08:00', '2026-12-08T00:00:00+08:00', '2026-12-08T09:00:00+08:00']) {
      expect(new Date(at(iso)).getTime()).toBeLessThanOrEqual(new Date(iso).getTime());
    }
  });
});
