/** Pure: the dashboard's appointment figure, in parts that add up. */

export interface AppointmentBreakdown {
  /** Bookings and walk-ins: the total the outcomes add up to. */
  all: number;
  completed: number;
  /** Still booked or checked in (the day has not come, or the consultation is not recorded yet). */
  open: number;
  noShow: number;
  cancelled: number;
}

/**
 * What became of the period's appointments, adding up: the API's completed, no-show and
 * cancelled counts include walk-ins while its `booked` does not, so the parts add up to
 * bookings plus walk-ins, and what is left of that total is still open.
 */
export function appointmentBreakdown(a: { booked: number; walkIns: number; completed: number; noShow: number; cancelled: number }): AppointmentBreakdown {
  const all = a.booked + a.walkIns;
  return { all, completed: a.completed, open: Math.max(0, all - a.completed - a.noShow - a.cancelled), noShow: a.noShow, cancelled: a.cancelled };
}
