/**
 * What the users page sends, as plain functions: which links a role's account carries, the
 * body of a new account, the changes of an edited one, and which lawyers may still be linked.
 * The server holds the rules (server/auth/accountRules.ts); these only keep the forms from
 * sending what a role does not take, so its answers stay about what the admin chose.
 */
import type { CreateUserBody, Lawyer, Role, StaffLanguage, UpdateUserBody, UserAccount } from '../../api/client';

export { PASSWORD_MIN_LENGTH } from '../../../../server/auth/accountRules';

/** A lawyer account signs in as one lawyer; no other role may name one. */
export const takesLawyer = (role: Role): boolean => role === 'lawyer';
/**
 * Staff and coordinators are posted at a station and act for it and the stations under it (a
 * district's coordinator, in a city); none means the whole network.
 */
export const takesStation = (role: Role): boolean => role === 'staff' || role === 'coordinator';

/** The fields shared by the new-account form and a row's editor. */
export interface AccountDraft {
  role: Role;
  displayName: string;
  email: string;
  /** The language of the account's notifications (e-mail and the bell). */
  lang: StaffLanguage;
  lawyerId: number | null;
  stationId: number | null;
}

export interface NewAccountDraft extends AccountDraft {
  username: string;
  password: string;
}

export const emptyNewAccount = (): NewAccountDraft => ({
  username: '',
  password: '',
  role: 'staff',
  displayName: '',
  email: '',
  lang: 'zh',
  lawyerId: null,
  stationId: null,
});

export const draftOf = (a: UserAccount): AccountDraft => ({
  role: a.role,
  displayName: a.displayName,
  email: a.email ?? '',
  lang: a.lang,
  lawyerId: a.lawyerId,
  stationId: a.stationId,
});

/**
 * The POST body. A lawyer account without a chosen lawyer is sent without one, so the
 * server's message ("a lawyer account must name its lawyerId") lands on that field; the
 * language only when it is not the default (Chinese).
 */
export function createBodyOf(d: NewAccountDraft): CreateUserBody {
  const displayName = d.displayName.trim();
  const email = d.email.trim();
  return {
    username: d.username.trim(),
    password: d.password,
    role: d.role,
    ...(displayName ? { displayName } : {}),
    ...(email ? { email } : {}),
    ...(d.lang !== 'zh' ? { lang: d.lang } : {}),
    ...(takesLawyer(d.role) && d.lawyerId !== null ? { lawyerId: d.lawyerId } : {}),
    ...(takesStation(d.role) && d.stationId !== null ? { stationId: d.stationId } : {}),
  };
}

/**
 * The PATCH body: only what differs from the account. Leaving the lawyer role drops the
 * lawyer link, leaving the staff role drops the station; a station on another role's
 * account is left as it is unless the role changes.
 */
export function changesOf(account: UserAccount, d: AccountDraft): UpdateUserBody {
  const roleChanged = d.role !== account.role;
  const lawyerId = takesLawyer(d.role) ? d.lawyerId : null;
  const stationId = takesStation(d.role) ? d.stationId : roleChanged ? null : account.stationId;
  const displayName = d.displayName.trim();
  const email = d.email.trim() || null;
  return {
    ...(roleChanged ? { role: d.role } : {}),
    ...(displayName !== account.displayName ? { displayName } : {}),
    ...(email !== (account.email ?? null) ? { email } : {}),
    ...(d.lang !== account.lang ? { lang: d.lang } : {}),
    ...(lawyerId !== account.lawyerId ? { lawyerId } : {}),
    ...(stationId !== account.stationId ? { stationId } : {}),
  };
}

/**
 * The lawyers an account may be linked to: active lawyers without an active account of their
 * own. The account being edited (`forAccount`) keeps its current lawyer on the list.
 */
export function linkableLawyers(lawyers: readonly Lawyer[], accounts: readonly UserAccount[], forAccount: UserAccount | null = null): Lawyer[] {
  const taken = new Set(accounts.filter((a) => a.active && a.lawyerId !== null && a.id !== forAccount?.id).map((a) => a.lawyerId));
  return lawyers.filter((l) => l.id === forAccount?.lawyerId || (l.active && !taken.has(l.id)));
}

/** The roles offered, the most often made first. */
export const ROLE_CHOICES: readonly Role[] = ['staff', 'lawyer', 'coordinator', 'admin'];

/** The languages an account's notifications can be written in, the default first. */
export const STAFF_LANGUAGES: readonly StaffLanguage[] = ['zh', 'en'];
