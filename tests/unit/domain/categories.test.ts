import { describe, expect, it } from 'vitest';
import {
  DISPUTE_CATEGORIES,
  OUTCOME_SERVICES,
  categoryLabel,
  categoryLabels,
  isDisputeCategory,
  isOutcomeService,
  outcomeServiceLabel,
  outcomeServiceLabels,
} from '../../../server/domain/categories.js';

describe('dispute categories', () => {
  it('lists the nine categories of the domain, in order', () => {
    expect(DISPUTE_CATEGORIES).toEqual([
      'wage_arrears',
      'labor_contract',
      'dismissal',
      'work_injury',
      'social_insurance',
      'working_hours',
      'labor_dispatch',
      'new_employment_forms',
      'other',
    ]);
  });

  it('has a zh-CN and an en label for each, and no extra ones', () => {
    expect(Object.keys(categoryLabels).sort()).toEqual([...DISPUTE_CATEGORIES].sort());
    for (const c of DISPUTE_CATEGORIES) {
      expect(categoryLabels[c]['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(categoryLabels[c].en).toMatch(/^[A-Z]/);
    }
    expect(categoryLabel('wage_arrears')).toBe('欠薪');
    expect(categoryLabel('new_employment_forms')).toBe('新就业形态');
    expect(categoryLabel('work_injury', 'en')).toBe('Work injury');
  });

  it.each([
    ['wage_arrears', true],
    ['other', true],
    ['Wage_arrears', false],
    ['toString', false],
    ['', false],
    [undefined, false],
    [3, false],
  ])('isDisputeCategory(%j) → %s', (value, expected) => {
    expect(isDisputeCategory(value)).toBe(expected);
  });
});

describe('outcome services', () => {
  it('lists the five services with labels', () => {
    expect(OUTCOME_SERVICES).toEqual([
      'advice',
      'application_drafted',
      'mediation_referral',
      'legal_aid_referral',
      'arbitration_representation',
    ]);
    expect(Object.keys(outcomeServiceLabels).sort()).toEqual([...OUTCOME_SERVICES].sort());
    expect(outcomeServiceLabel('application_drafted')).toBe('代写仲裁申请书');
    expect(outcomeServiceLabel('legal_aid_referral', 'en')).toBe('Referred to legal aid');
    expect(isOutcomeService('advice')).toBe(true);
    expect(isOutcomeService('wage_arrears')).toBe(false);
  });

  it('labels cannot be changed at run time', () => {
    expect(Object.isFrozen(categoryLabels)).toBe(true);
    expect(Object.isFrozen(outcomeServiceLabels)).toBe(true);
    expect(Object.isFrozen(categoryLabels.wage_arrears)).toBe(true);
    expect(Object.isFrozen(outcomeServiceLabels.advice)).toBe(true);
  });
});
