/** The staff menu: what each user is offered, as the API allows it. */
import { describe, expect, it } from 'vitest';
import { homeFor, navFor } from '../../../client/src/auth/navigation.js';

type Role = Parameters<typeof navFor>[0]['role'];
const ROLES: readonly Role[] = ['admin', 'coordinator', 'lawyer', 'staff'];
// Lawyer accounts are always linked to a lawyer, and no other account may be (the API's rule).
const linkedLawyer = (role: Role) => (role === 'lawyer' ? 7 : null);
const labels = (role: Role, actsForWholeNetwork: boolean, lawyerId = linkedLawyer(role)) =>
  navFor({ role, actsForWholeNetwork, lawyerId }).map((i) => i.label);

describe('navFor', () => {
  it("offers the privacy desk only to those who act for the whole network (a sub-station's staff get 403 there)", () => {
    expect(labels('staff', true)).toContain('privacy');
    expect(labels('staff', false)).not.toContain('privacy');
    expect(labels('staff', false)).toEqual(['desk', 'hotline', 'coverage']);
    expect(labels('coordinator', true)).toContain('privacy');
    expect(labels('admin', true)).not.toContain('privacy');
  });

  it('keeps the dashboard in the menu of coordinators and admins only', () => {
    expect(labels('coordinator', true)).toContain('dashboard');
    expect(labels('lawyer', false)).toEqual(['myDuty', 'desk', 'hotline', 'coverage']);
  });

  it('offers the activity log to coordinators and admins, as the API allows', () => {
    expect(labels('coordinator', true)).toContain('audit');
    expect(labels('admin', true)).toContain('audit');
    expect(labels('staff', true)).not.toContain('audit');
    expect(labels('lawyer', false)).not.toContain('audit');
  });

  it('offers "my duty" only to an account linked to a lawyer (an admin has none: the page could only say so)', () => {
    expect(labels('lawyer', false)[0]).toBe('myDuty');
    for (const role of ROLES.filter((r) => r !== 'lawyer')) expect(labels(role, true), role).not.toContain('myDuty');
    expect(labels('lawyer', false, null)).not.toContain('myDuty');
  });
});

describe('homeFor', () => {
  it("lands every role on a page of its own menu: an admin on the users page, lawyers on their duty, staff at the desk", () => {
    for (const role of ROLES) {
      const menu = navFor({ role, actsForWholeNetwork: role !== 'staff', lawyerId: linkedLawyer(role) }).map((i) => i.to);
      expect(menu, role).toContain(homeFor(role));
    }
    expect(homeFor('admin')).toBe('/users');
    expect(homeFor('lawyer')).toBe('/my-duty');
    expect(homeFor('staff')).toBe('/desk');
    expect(homeFor('coordinator')).toBe('/coverage');
  });
});
