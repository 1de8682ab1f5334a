/**
 * Dispute categories (shared by bookings and hotline calls) and the services a
 * consultation can record as its outcome, with zh-CN and English labels.
 */

export const DISPUTE_CATEGORIES = [
  'wage_arrears',
  'labor_contract',
  'dismissal',
  'work_injury',
  'social_insurance',
  'working_hours',
  'labor_dispatch',
  'new_employment_forms',
  'other',
] as const;

export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];

export interface Label {
  'zh-CN': string;
  en: string;
}

function freezeLabels<K extends string>(labels: Record<K, Label>): Readonly<Record<K, Readonly<Label>>> {
  for (const label of Object.values<Label>(labels)) Object.freeze(label);
  return Object.freeze(labels);
}

export const categoryLabels: Readonly<Record<DisputeCategory, Readonly<Label>>> = freezeLabels({
  wage_arrears: { 'zh-CN': '欠薪', en: 'Unpaid wages' },
  labor_contract: { 'zh-CN': '劳动合同', en: 'Employment contract' },
  dismissal: { 'zh-CN': '解除/终止劳动关系', en: 'Dismissal or termination' },
  work_injury: { 'zh-CN': '工伤', en: 'Work injury' },
  social_insurance: { 'zh-CN': '社会保险', en: 'Social insurance' },
  working_hours: { 'zh-CN': '工时/加班/休假', en: 'Working hours, overtime and leave' },
  labor_dispatch: { 'zh-CN': '劳务派遣', en: 'Labour dispatch (agency work)' },
  new_employment_forms: { 'zh-CN': '新就业形态', en: 'Platform and gig work' },
  other: { 'zh-CN': '其他', en: 'Other' },
});

export function isDisputeCategory(value: unknown): value is DisputeCategory {
  return typeof value === 'string' && (DISPUTE_CATEGORIES as readonly string[]).includes(value);
}

export const OUTCOME_SERVICES = [
  'advice',
  'application_drafted',
  'mediation_referral',
  'legal_aid_referral',
  'arbitration_representation',
] as const;

export type OutcomeService = (typeof OUTCOME_SERVICES)[number];

export const outcomeServiceLabels: Readonly<Record<OutcomeService, Readonly<Label>>> = freezeLabels({
  advice: { 'zh-CN': '法律咨询', en: 'Legal advice given' },
  application_drafted: { 'zh-CN': '代写仲裁申请书', en: 'Arbitration application drafted' },
  mediation_referral: { 'zh-CN': '转介调解', en: 'Referred to mediation' },
  legal_aid_referral: { 'zh-CN': '转介法律援助', en: 'Referred to legal aid' },
  arbitration_representation: { 'zh-CN': '仲裁代理', en: 'Arbitration representation' },
});

export function isOutcomeService(value: unknown): value is OutcomeService {
  return typeof value === 'string' && (OUTCOME_SERVICES as readonly string[]).includes(value);
}

export type Locale = keyof Label;

export function categoryLabel(category: DisputeCategory, locale: Locale = 'zh-CN'): string {
  return categoryLabels[category][locale];
}

export function outcomeServiceLabel(service: OutcomeService, locale: Locale = 'zh-CN'): string {
  return outcomeServiceLabels[service][locale];
}
