/** The users page's pure parts: what a new account's form and a row's editor send, and which lawyers may be linked. */
import { describe, expect, it } from 'vitest';
import type { Lawyer, UserAccount } from '../../../client/src/api/client.js';
import {
  changesOf,
  createBodyOf,
  draftOf,
  emptyNewAccount,
  linkableLawyers,
  PASSWORD_MIN_LENGTH,
} from '../../../client/src/features/users/accountForm.js';

const account = (over: Partial<UserAccount> = {}): UserAccount => ({
  id: 1,
  username: 'desk1',
  role: 'staff',
  displayName: '接待员',
  lawyerId: null,
  stationId: 3,
  email: null,
  lang: 'zh',
  active: true,
  ...over,
});
const lawyer = (id: number, active = true): Lawyer => ({
  id,
  name: `律师${id}`,
  phone: '',
  firm: '律所',
  specialties: [],
  stationIds: [],
  maxShiftsPerMonth: null,
  active,
});

describe('createBodyOf', () => {
  const draft = { ...emptyNewAccount(), username: ' desk2 ', password: 'a-long-password' };

  it('sends the station only for staff, the lawyer only for lawyers, and leaves blank optional fields out', () => {
    expect(createBodyOf({ ...draft, stationId: 4, lawyerId: 9 })).toEqual({ username: 'desk2', password: 'a-long-password', role: 'staff', stationId: 4 });
    expect(createBodyOf({ ...draft, role: 'lawyer', stationId: 4, lawyerId: 9 })).toEqual({
      username: 'desk2',
      password: 'a-long-password',
      role: 'lawyer',
      lawyerId: 9,
    });
    expect(createBodyOf({ ...draft, role: 'coordinator', displayName: ' 协调员 ', email: ' a@b.cn ', stationId: 4 })).toEqual({
      username: 'desk2',
      password: 'a-long-password',
      role: 'coordinator',
      displayName: '协调员',
      email: 'a@b.cn',
      stationId: 4, // a district's coordinator
    });
    expect(createBodyOf({ ...draft, role: 'admin', stationId: 4 })).not.toHaveProperty('stationId');
  });

  it('sends a lawyer account without a chosen lawyer as it is, for the server to say what is missing', () => {
    expect(createBodyOf({ ...draft, role: 'lawyer' })).not.toHaveProperty('lawyerId');
  });

  it('sends the password untouched (spaces count), and the rule the page shows is the server’s', () => {
    expect(createBodyOf({ ...draft, password: ' spaced pw ' }).password).toBe(' spaced pw ');
    expect(PASSWORD_MIN_LENGTH).toBe(10);
  });
});

describe('the notifications’ language', () => {
  it('is Chinese unless chosen: a new account sends it only when English, an edit only when it changed', () => {
    const draft = { ...emptyNewAccount(), username: 'desk3', password: 'a-long-password' };
    expect(createBodyOf(draft)).not.toHaveProperty('lang');
    expect(createBodyOf({ ...draft, lang: 'en' })).toMatchObject({ lang: 'en' });
    expect(changesOf(account(), { ...draftOf(account()), lang: 'en' })).toEqual({ lang: 'en' });
    expect(changesOf(account({ lang: 'en' }), draftOf(account({ lang: 'en' })))).toEqual({});
    expect(changesOf(account({ lang: 'en' }), { ...draftOf(account({ lang: 'en' })), lang: 'zh' })).toEqual({ lang: 'zh' });
  });
});

describe('changesOf', () => {
  it('sends nothing when nothing changed', () => {
    expect(changesOf(account(), draftOf(account()))).toEqual({});
    expect(changesOf(account({ email: 'x@y.cn' }), draftOf(account({ email: 'x@y.cn' })))).toEqual({});
  });

  it('drops the station when staff become lawyers, and names the lawyer', () => {
    expect(changesOf(account(), { ...draftOf(account()), role: 'lawyer', lawyerId: 5 })).toEqual({ role: 'lawyer', lawyerId: 5, stationId: null });
  });

  it('drops the lawyer link when a lawyer account gets another role', () => {
    const lawyerAccount = account({ role: 'lawyer', lawyerId: 5, stationId: null });
    expect(changesOf(lawyerAccount, { ...draftOf(lawyerAccount), role: 'staff', stationId: 2 })).toEqual({ role: 'staff', lawyerId: null, stationId: 2 });
  });

  it('keeps a station on another role’s account unless the role changes', () => {
    const admin = account({ role: 'admin', stationId: 3 });
    expect(changesOf(admin, { ...draftOf(admin), displayName: '新名字' })).toEqual({ displayName: '新名字' });
    expect(changesOf(admin, { ...draftOf(admin), role: 'lawyer', lawyerId: 5 })).toEqual({ role: 'lawyer', lawyerId: 5, stationId: null });
  });

  it('posts a coordinator at a station, or moves them to the whole network', () => {
    const coordinator = account({ role: 'coordinator', stationId: 3 });
    expect(changesOf(coordinator, { ...draftOf(coordinator), stationId: 1 })).toEqual({ stationId: 1 });
    expect(changesOf(coordinator, { ...draftOf(coordinator), stationId: null })).toEqual({ stationId: null });
    expect(changesOf(coordinator, { ...draftOf(coordinator), role: 'admin' })).toEqual({ role: 'admin', stationId: null });
  });

  it('moves staff to the whole network, and clears an e-mail address with null', () => {
    const withEmail = account({ email: 'x@y.cn' });
    expect(changesOf(withEmail, { ...draftOf(withEmail), stationId: null, email: '  ' })).toEqual({ stationId: null, email: null });
  });
});

describe('linkableLawyers', () => {
  const lawyers = [lawyer(1), lawyer(2), lawyer(3, false), lawyer(4)];
  const accounts = [
    account({ id: 10, role: 'lawyer', lawyerId: 1 }),
    account({ id: 11, role: 'lawyer', lawyerId: 2, active: false }),
    account({ id: 12, role: 'lawyer', lawyerId: 3 }),
  ];

  it('offers active lawyers without an active account (a deactivated account frees its lawyer)', () => {
    expect(linkableLawyers(lawyers, accounts).map((l) => l.id)).toEqual([2, 4]);
  });

  it('keeps the edited account’s own lawyer on the list, even an inactive one', () => {
    expect(linkableLawyers(lawyers, accounts, accounts[0]).map((l) => l.id)).toEqual([1, 2, 4]);
    expect(linkableLawyers(lawyers, accounts, accounts[2]).map((l) => l.id)).toEqual([2, 3, 4]);
  });
});
