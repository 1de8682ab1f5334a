/** The staff menu: what each user is offered, as the API allows it. */
import { describe, expect, it } from 'vitest';
import { navFor } from '../../../client/src/auth/navigation.js';

const labels = (role: Parameters<typeof navFor>[0]['role'], actsForWholeNetwork: boolean) => navFor({ role, actsForWholeNetwork }).map((i) => i.label);

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
});
