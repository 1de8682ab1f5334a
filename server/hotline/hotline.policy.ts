/** Who sees callers' details (who may act for a station: server/stations/scope.ts). Pure. */
import type { AuthUser } from '../auth/policy.js';
import { mayActFor, type StationScope } from '../stations/scope.js';

/**
 * Callers' and workers' names and numbers in full for coordinators and staff who work for
 * the station the call (or referral) belongs to: their own station and those under it, or
 * every station when they have no station of their own. Masked for everyone else:
 * lawyers, and staff and coordinators of other stations (another district of a city).
 */
export function seesCallerDetails(user: AuthUser, station: StationScope): boolean {
  return (user.role === 'coordinator' || user.role === 'staff') && mayActFor(user, station, []);
}

/** True when the viewer's answer does not depend on the station (no need to load the network's tree). */
export function callerDetailsIndependentOfStation(user: AuthUser): boolean {
  return (user.role !== 'staff' && user.role !== 'coordinator') || user.stationId === null;
}
