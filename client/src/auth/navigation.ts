import type { Me, Role } from '../api/client';

export interface NavItem {
  to: string;
  /** i18n key under `nav.` */
  label: 'coverage' | 'roster' | 'stations' | 'lawyers' | 'dashboard' | 'myDuty' | 'desk' | 'hotline' | 'users' | 'swaps' | 'privacy' | 'audit';
  roles: readonly Role[];
}

/** Who sees which page. Routes are guarded with the same lists. */
export const NAV_ITEMS: readonly NavItem[] = [
  // A lawyer's own duty days: only an account linked to a lawyer has any (lawyer accounts always are, no other may be).
  { to: '/my-duty', label: 'myDuty', roles: ['lawyer'] },
  { to: '/desk', label: 'desk', roles: ['staff', 'lawyer', 'coordinator'] },
  { to: '/hotline', label: 'hotline', roles: ['staff', 'coordinator', 'lawyer'] },
  { to: '/coverage', label: 'coverage', roles: ['coordinator', 'lawyer', 'staff', 'admin'] },
  { to: '/roster', label: 'roster', roles: ['coordinator', 'admin'] },
  // Approving swaps is the coordinators' job alone (the API allows no one else).
  { to: '/swaps', label: 'swaps', roles: ['coordinator'] },
  { to: '/stations', label: 'stations', roles: ['coordinator', 'admin'] },
  { to: '/lawyers', label: 'lawyers', roles: ['coordinator', 'admin'] },
  { to: '/dashboard', label: 'dashboard', roles: ['coordinator', 'lawyer', 'staff', 'admin'] },
  { to: '/users', label: 'users', roles: ['admin'] },
  // A worker's request to see or erase their data (PIPL): the people who act on workers' records, as the API allows.
  { to: '/privacy', label: 'privacy', roles: ['staff', 'coordinator'] },
  // Who changed what, when and why (the API's audit log, for the same two roles).
  { to: '/audit', label: 'audit', roles: ['coordinator', 'admin'] },
];

/**
 * Pages reached from another page rather than the menu (which keeps to one line on a
 * laptop), and who may open them.
 */
export const SUB_PAGES: readonly { to: string; roles: readonly Role[] }[] = [
  // Closures and extra days, from the stations page: the API lets coordinators alone write them.
  { to: '/stations/closures', roles: ['coordinator'] },
];

export function rolesFor(path: string): readonly Role[] {
  return (NAV_ITEMS.find((i) => i.to === path) ?? SUB_PAGES.find((p) => p.to === path))?.roles ?? [];
}

export function navFor(user: Pick<Me, 'role' | 'actsForWholeNetwork' | 'lawyerId'>): NavItem[] {
  const { role } = user;
  return NAV_ITEMS.filter(
    (i) =>
      i.roles.includes(role) &&
      // Without a linked lawyer "my duty" could only say there is none.
      (i.label !== 'myDuty' || user.lawyerId !== null) &&
      // The dashboard is open to everyone signed in, but only coordinators and admins have it in the menu.
      (i.label !== 'dashboard' || role === 'coordinator' || role === 'admin') &&
      // The privacy desk spans every station: a sub-station's staff may not use it (the API answers 403).
      (i.label !== 'privacy' || user.actsForWholeNetwork),
  );
}

/** Where a user lands after signing in: the first thing their work is about (always an item of their menu). */
export function homeFor(role: Role): string {
  switch (role) {
    case 'lawyer':
      return '/my-duty';
    case 'staff':
      return '/desk';
    case 'admin':
      return '/users';
    default:
      return '/coverage';
  }
}
