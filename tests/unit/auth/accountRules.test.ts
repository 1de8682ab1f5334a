import { describe, expect, it } from 'vitest';
import { adminRemovalIssue, firstAdminHint, lawyerLinkIssue } from '../../../server/auth/accountRules.js';
import { createUserBody, updateUserBody } from '../../../server/auth/auth.schema.js';
import { ROLES } from '../../../server/auth/users.entity.js';

describe('lawyerLinkIssue', () => {
  it.each([
    ['lawyer', 7, null],
    ['lawyer', null, 'lawyerId'],
    ['lawyer', undefined, 'lawyerId'],
    ['staff', null, null],
    ['staff', 7, 'lawyerId'],
    ['coordinator', 7, 'lawyerId'],
    ['admin', 7, 'lawyerId'],
    ['admin', undefined, null],
  ] as const)('%s linked to %s → %s', (role, lawyerId, path) => {
    expect(lawyerLinkIssue(role, lawyerId)?.path ?? null).toBe(path);
  });

  it('is what the create and update schemas check', () => {
    const base = { username: 'some.one', password: 'a-long-password' };
    for (const role of ROLES) {
      for (const lawyerId of [undefined, 3]) {
        const wanted = lawyerLinkIssue(role, lawyerId) === null;
        expect(createUserBody.safeParse({ ...base, role, lawyerId }).success, `${role} ${lawyerId}`).toBe(wanted);
        const patch = updateUserBody.safeParse({ role, lawyerId: lawyerId ?? null });
        expect(patch.success, `patch ${role} ${lawyerId}`).toBe(wanted);
      }
    }
  });
});

describe('updateUserBody', () => {
  it('takes any one field, nulls where a link can be removed, and nothing unknown', () => {
    expect(updateUserBody.safeParse({ active: false }).success).toBe(true);
    expect(updateUserBody.safeParse({ stationId: null, email: null }).success).toBe(true);
    expect(updateUserBody.safeParse({}).success).toBe(false);
    expect(updateUserBody.safeParse({ username: 'x' }).success).toBe(false);
    expect(updateUserBody.safeParse({ active: 'false' }).success).toBe(false);
    expect(updateUserBody.safeParse({ password: 'short' }).success).toBe(false);
  });
});

describe('adminRemovalIssue', () => {
  const admin = { id: 1, role: 'admin' as const, active: true };
  it.each([
    ['an admin deactivating themself', 1, admin, { role: 'admin', active: false }, 3, 'self_deactivation'],
    ['another admin deactivating one of several', 2, admin, { role: 'admin', active: false }, 2, null],
    ['deactivating the last active admin', 2, admin, { role: 'admin', active: false }, 1, 'last_admin'],
    ['demoting the last active admin', 1, admin, { role: 'staff', active: true }, 1, 'last_admin'],
    ['demoting one of two admins', 1, admin, { role: 'coordinator', active: true }, 2, null],
    ['renaming the last admin', 1, admin, { role: 'admin', active: true }, 1, null],
    ['deactivating staff', 1, { id: 5, role: 'staff', active: true }, { role: 'staff', active: false }, 0, null],
    ['an inactive admin staying inactive', 2, { id: 1, role: 'admin', active: false }, { role: 'staff', active: false }, 1, null],
  ] as const)('%s', (_name, actorId, before, after, activeAdmins, issue) => {
    expect(adminRemovalIssue(actorId, before, after, activeAdmins)).toBe(issue);
  });
});

describe('firstAdminHint', () => {
  it('says nothing when an active admin exists', () => {
    expect(firstAdminHint(true, 'sqlite:/tmp/u/prod.sqlite')).toEqual([]);
  });

  it('prints the command that creates the first admin on the same database', () => {
    const text = firstAdminHint(false, 'sqlite:/tmp/u/prod.sqlite').join('\n');
    expect(text).toContain('DATABASE_URL=sqlite:/tmp/u/prod.sqlite npm run cli -- create-user --username admin --role admin');
  });

  it('quotes what the shell would split, and never prints the database password', () => {
    expect(firstAdminHint(false, "sqlite:/srv/my data/it's.sqlite").join('\n')).toContain(
      `DATABASE_URL='sqlite:/srv/my data/it'\\''s.sqlite' npm run cli`,
    );
    const mysql = firstAdminHint(false, 'mysql://app:s3cret@db:3306/dutyroster').join('\n');
    expect(mysql).not.toContain('s3cret');
    expect(mysql).toContain('DATABASE_URL=mysql://app:PASSWORD@db:3306/dutyroster npm run cli -- create-user');
    expect(mysql).toContain('in place of PASSWORD');
  });
});
