/** The dashboard's appointment card adds up: its parts make bookings plus walk-ins. */
import { describe, expect, it } from 'vitest';
import { appointmentBreakdown } from '../../../client/src/features/dashboard/appointmentBreakdown.js';

describe('appointmentBreakdown', () => {
  it('shows the appointments still open, so the parts add up to bookings plus walk-ins', () => {
    const b = appointmentBreakdown({ booked: 43, walkIns: 4, completed: 18, noShow: 3, cancelled: 3 });
    expect(b).toEqual({ all: 47, completed: 18, open: 23, noShow: 3, cancelled: 3 });
    expect(b.completed + b.open + b.noShow + b.cancelled).toBe(b.all);
  });

  it('without walk-ins the total is the bookings', () => {
    expect(appointmentBreakdown({ booked: 5, walkIns: 0, completed: 5, noShow: 0, cancelled: 0 })).toEqual({ all: 5, completed: 5, open: 0, noShow: 0, cancelled: 0 });
  });

  it('never shows a negative number open', () => {
    expect(appointmentBreakdown({ booked: 1, walkIns: 0, completed: 2, noShow: 0, cancelled: 0 }).open).toBe(0);
  });
});
