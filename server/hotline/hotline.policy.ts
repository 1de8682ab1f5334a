/** Who sees callers' details (who may act for a station: server/stations/scope.ts). Pure. */
import type { AuthUser } from '../auth/policy.js';

/** Callers' and workers' names and numbers in full for staff and coordinators only; masked for everyone else (lawyers). */
export function seesCallerDetails(user: AuthUser): boolean {
  return user.role === 'staff' || user.role === 'coordinator';
}
