/** Who may see and change which appointments. Pure: the duty roster of the day is passed in. */
import type { AuthUser } from '../auth/policy.js';
import { forbidden } from '../http/errors.js';
import type { DutyShift } from './appointmentRules.js';

/** The lawyer holds a published shift at the appointment's station that day. */
export function isDutyLawyer(user: AuthUser, duty: readonly DutyShift[]): boolean {
  return user.role === 'lawyer' && user.lawyerId !== null && duty.some((s) => s.lawyerId === user.lawyerId);
}

/** Workers' names and phones in full for staff, coordinators, admins and the day's duty lawyer; masked otherwise. */
export function seesWorkerDetails(user: AuthUser, duty: readonly DutyShift[]): boolean {
  if (user.role === 'staff' || user.role === 'coordinator' || user.role === 'admin') return true;
  return isDutyLawyer(user, duty);
}

/** Check-in, completion and no-shows: staff, coordinators, and the lawyer on duty that day. */
export function assertCanRecordVisit(user: AuthUser, duty: readonly DutyShift[]): void {
  if (user.role === 'staff' || user.role === 'coordinator') return;
  if (isDutyLawyer(user, duty)) return;
  throw forbidden('Only desk staff, a coordinator or the lawyer on duty that day may record this visit');
}
