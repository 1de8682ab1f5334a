/** Who sees what of the rosters. Pure. */
import type { AuthUser } from '../auth/policy.js';

/**
 * Drafts are the coordinators' working copy: until a month is published its shifts may
 * change at any moment, so staff and lawyers see (and print) published rosters only.
 */
export function seesDraftRosters(user: AuthUser): boolean {
  return user.role === 'coordinator' || user.role === 'admin';
}
