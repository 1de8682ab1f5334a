/** Who sees what of the rosters. Pure. */
import type { AuthUser } from '../auth/policy.js';

/**
 * Drafts are the coordinators' working copy: until a month is published its shifts may
 * change at any moment, so staff and lawyers see (and print) published rosters only.
 */
export function seesDraftRosters(user: AuthUser): boolean {
  return user.role === 'coordinator' || user.role === 'admin';
}

/** Which of a month's rosters the viewer sees: all of them, or the published ones only (seesDraftRosters). */
export function visibleRostersWhere(month: string, stationId: number | undefined, viewer: AuthUser) {
  return { month, ...(stationId ? { stationId } : {}), ...(seesDraftRosters(viewer) ? {} : { status: 'published' as const }) };
}
