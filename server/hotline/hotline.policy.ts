/** Who sees callers' details and who may act for a station. Pure: the station's ancestry and the lawyer's stations are passed in. */
import type { AuthUser } from '../auth/policy.js';
import { forbidden } from '../http/errors.js';

/** Callers' and workers' names and numbers in full for staff and coordinators only; masked for everyone else (lawyers). */
export function seesCallerDetails(user: AuthUser): boolean {
  return user.role === 'staff' || user.role === 'coordinator';
}

export interface StationScope {
  id: number;
  /** Its parent, grandparent, … */
  ancestorIds: readonly number[];
}

/**
 * Coordinators act for every station; staff for their own station and the stations
 * under it (network-wide staff have no station and act for all); a lawyer for the
 * stations they serve.
 */
export function mayActFor(user: AuthUser, station: StationScope, lawyerStationIds: readonly number[]): boolean {
  if (user.role === 'coordinator' || user.role === 'admin') return true;
  if (user.role === 'staff') {
    return user.stationId === null || user.stationId === station.id || station.ancestorIds.includes(user.stationId);
  }
  if (user.role === 'lawyer') return lawyerStationIds.includes(station.id);
  return false;
}

export function assertMayActFor(user: AuthUser, station: StationScope, lawyerStationIds: readonly number[], what: string): void {
  if (!mayActFor(user, station, lawyerStationIds)) throw forbidden(`You do not work at this station, so you may not ${what}`);
}
