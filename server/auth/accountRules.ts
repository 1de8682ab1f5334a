/**
 * The rules of user accounts, as plain functions (no I/O): which accounts may be
 * linked to a lawyer, which changes would lock the network out of its own
 * administration, and what to tell the operator of a deployment with no admin.
 */
import type { Role } from './users.entity.js';

/** The shortest password an account may have: the schemas' rule, shown on the users page and by the CLI. */
export const PASSWORD_MIN_LENGTH = 10;

export interface RuleIssue {
  path: string;
  message: string;
}

/**
 * A lawyer account signs in as one lawyer (it sees that lawyer's duty days and the
 * workers booked on them); any other role must not be linked to a lawyer at all.
 */
export function lawyerLinkIssue(role: Role, lawyerId: number | null | undefined): RuleIssue | null {
  const linked = lawyerId !== null && lawyerId !== undefined;
  if (role === 'lawyer' && !linked) return { path: 'lawyerId', message: 'a lawyer account must name its lawyerId' };
  if (role !== 'lawyer' && linked) return { path: 'lawyerId', message: 'only a lawyer account may name a lawyerId' };
  return null;
}

export interface AccountState {
  id: number;
  role: Role;
  active: boolean;
}

export type AdminRemovalIssue = 'self_deactivation' | 'last_admin';

/**
 * Whether changing `before` into `after` (by the admin `actorId`) would lock the network
 * out: an admin may not deactivate their own account, and the last active admin may be
 * neither deactivated nor given another role. `activeAdmins` counts the active admins
 * before the change, `before` included when it is one.
 */
export function adminRemovalIssue(
  actorId: number | null,
  before: AccountState,
  after: Pick<AccountState, 'role' | 'active'>,
  activeAdmins: number,
): AdminRemovalIssue | null {
  if (actorId === before.id && before.active && !after.active) return 'self_deactivation';
  const wasActiveAdmin = before.role === 'admin' && before.active;
  const staysActiveAdmin = after.role === 'admin' && after.active;
  if (wasActiveAdmin && !staysActiveAdmin && activeAdmins <= 1) return 'last_admin';
  return null;
}

/**
 * The start-up banner's lines for a deployment without an active admin: the command that
 * creates the first one against the same database. The password is read from standard
 * input, so it stays out of shell history; a password in the database URL is not
 * printed (the banner ends up in logs). Empty when an active admin exists.
 */
export function firstAdminHint(hasActiveAdmin: boolean, databaseUrl: string): string[] {
  if (hasActiveAdmin) return [];
  const shown = withoutPassword(databaseUrl);
  return [
    `  No active admin account yet. Create the first one (it asks for a password of at least ${PASSWORD_MIN_LENGTH} characters):`,
    `    DATABASE_URL=${shellQuote(shown)} npm run cli -- create-user --username admin --role admin`,
    ...(shown === databaseUrl ? [] : ['  (with the database password in place of PASSWORD)']),
  ];
}

function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = 'PASSWORD';
    return u.toString();
  } catch {
    return url;
  }
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
