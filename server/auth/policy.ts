/**
 * Who may do what. Routes declare a coarse `access` (checked before the
 * handler); ownership rules that need the record are the functions below,
 * called by services.
 */
import type { Role } from './users.entity.js';
import type { Lang } from '../http/messages.js';
import { forbidden } from '../http/errors.js';

export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  displayName: string;
  lawyerId: number | null;
  stationId: number | null;
  /** Where e-mail notifications go; null: in-app only. */
  email?: string | null;
  /** The language their notifications are written in (`zh` when not known). */
  lang?: Lang;
}

/** 'public': anyone; 'signedIn': any role; or the list of roles allowed. */
export type Access = 'public' | 'signedIn' | readonly Role[];

export const MANAGERS = ['admin', 'coordinator'] as const satisfies readonly Role[];
export const COORDINATORS = ['coordinator'] as const satisfies readonly Role[];
export const DESK = ['staff', 'lawyer', 'coordinator'] as const satisfies readonly Role[];

export function roleAllowed(access: Access, user: AuthUser | null): boolean {
  if (access === 'public') return true;
  if (!user) return false;
  if (access === 'signedIn') return true;
  return access.includes(user.role);
}

/** Coordinators and admins see lawyers' and workers' phone numbers; others see them masked. */
export function seesLawyerPhones(user: AuthUser | null): boolean {
  return user?.role === 'coordinator' || user?.role === 'admin';
}

/** A lawyer may manage their own availability; coordinators (and admins) anyone's. */
export function assertCanManageAvailability(user: AuthUser, lawyerId: number): void {
  if (user.role === 'coordinator' || user.role === 'admin') return;
  if (user.role === 'lawyer' && user.lawyerId === lawyerId) return;
  throw forbidden('Only the lawyer themself or a coordinator may change this availability');
}
