/** Who sees callers' details (who may act for a station: server/stations/scope.ts). Pure. */
import type { AuthUser } from '../auth/policy.js';
import { mayActFor, type StationScope } from '../stations/scope.js';

/**
 * Callers' and workers' names and numbers in full for coordinators, and for staff who
 * work for the station the call (or referral) belongs to: their own station and those
 * under it, or every station for network-wide staff (no station of their own). Masked
 * for everyone else: lawyers, and staff of other stations.
 */
export function seesCallerDetails(user: AuthUser, station: StationScope): boolean {
  if (user.role === 'coordinator') return true;
  return user.role === 'staff' && mayActFor(user, station, []);
}

/** True when the viewer's answer does not depend on the station (no need to load the network's tree). */
export function callerDetailsIndependentOfStation(user: AuthUser): boolean {
  return user.role !== 'staff' || user.stationId === null;
}
