/**
 * Who may see and change which appointments. Pure: the duty roster of the day and the
 * station's place in the network (scope.ts) are passed in.
 */
import type { AuthUser } from '../auth/policy.js';
import { forbidden } from '../http/errors.js';
import { mayActFor, type StationScope } from '../stations/scope.js';
import type { DutyShift } from './appointmentRules.js';

/** The lawyer holds a published shift at the appointment's station that day. */
export function isDutyLawyer(user: AuthUser, duty: readonly DutyShift[]): boolean {
  return user.role === 'lawyer' && user.lawyerId !== null && duty.some((s) => s.lawyerId === user.lawyerId);
}

/** Staff posted at a station act for it and the stations under it; network-wide staff for all. */
function staffActsFor(user: AuthUser, station: StationScope): boolean {
  return user.role === 'staff' && mayActFor(user, station, []);
}

/** Coordinators act for the stations they coordinate: their district's, or all (scope.ts). */
function coordinatorActsFor(user: AuthUser, station: StationScope): boolean {
  return user.role === 'coordinator' && mayActFor(user, station, []);
}

/**
 * Workers' names and phones in full for admins, for coordinators and staff of a station
 * they work for, and for the day's duty lawyer; masked otherwise.
 */
export function seesWorkerDetails(user: AuthUser, duty: readonly DutyShift[], station: StationScope): boolean {
  if (user.role === 'admin') return true;
  if (user.role === 'coordinator') return coordinatorActsFor(user, station);
  if (user.role === 'staff') return staffActsFor(user, station);
  return isDutyLawyer(user, duty);
}

/** Check-in, completion and no-shows: coordinators and staff of that station, and the lawyer on duty that day. */
export function assertCanRecordVisit(user: AuthUser, duty: readonly DutyShift[], station: StationScope): void {
  if (user.role === 'coordinator' || user.role === 'staff') {
    if (coordinatorActsFor(user, station) || staffActsFor(user, station)) return;
    throw forbidden('You do not work at this station, so you may not record its visits');
  }
  if (isDutyLawyer(user, duty)) return;
  throw forbidden('Only desk staff, a coordinator or the lawyer on duty that day may record this visit');
}

/** Walk-ins are registered by staff of the station (or network-wide staff). */
export function assertCanRegisterWalkIn(user: AuthUser, station: StationScope): void {
  if (!staffActsFor(user, station)) throw forbidden('You do not work at this station, so you may not register walk-ins there');
}
