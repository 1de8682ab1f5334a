/** zh-CN and English labels of hotline outcomes, referral stages and results (exports, reminders, the client). */
import type { Label } from '../domain/categories.js';
import type { HotlineOutcome, ReferralResult, ReferralStage } from './hotline.entity.js';

export const hotlineOutcomeLabels: Readonly<Record<HotlineOutcome, Label>> = Object.freeze({
  answered: { 'zh-CN': '已解答', en: 'Answered' },
  appointment_booked: { 'zh-CN': '已预约咨询', en: 'Consultation booked' },
  referred_mediation: { 'zh-CN': '转介调解', en: 'Referred to mediation' },
  referred_legal_aid: { 'zh-CN': '转介法律援助', en: 'Referred to legal aid' },
  referred_arbitration: { 'zh-CN': '转介仲裁', en: 'Referred to arbitration' },
  callback_needed: { 'zh-CN': '待回访', en: 'Call-back needed' },
});

export const referralStageLabels: Readonly<Record<ReferralStage, Label>> = Object.freeze({
  town_mediation: { 'zh-CN': '镇（街道）调解', en: 'Town mediation' },
  district_mediation: { 'zh-CN': '区级调解', en: 'District mediation' },
  district_arbitration: { 'zh-CN': '区劳动人事争议仲裁', en: 'District arbitration' },
  court: { 'zh-CN': '区人民法院', en: 'District court' },
  legal_aid: { 'zh-CN': '法律援助', en: 'Legal aid' },
});

export const referralResultLabels: Readonly<Record<ReferralResult, Label>> = Object.freeze({
  settled: { 'zh-CN': '调解成功/已解决', en: 'Settled' },
  not_settled: { 'zh-CN': '未解决', en: 'Not settled' },
  referred_on: { 'zh-CN': '继续转介', en: 'Referred on' },
  withdrawn: { 'zh-CN': '撤回', en: 'Withdrawn' },
});
