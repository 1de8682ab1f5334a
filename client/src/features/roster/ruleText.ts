import { useTranslation } from 'react-i18next';
import { describeRrule } from './rosterModel';

type Weekday = '1' | '2' | '3' | '4' | '5' | '6' | '7';

/** An RRULE in words: 工作日（周一至周五）, 每周二、四, 每月第二个周二 — or the rule itself. */
export function useRuleText(): (rrule: string) => string {
  const { t } = useTranslation();
  return (rrule) => {
    const d = describeRrule(rrule);
    const day = (n: number) => t(`weekday.${String(n) as Weekday}`);
    switch (d.kind) {
      case 'preset':
        return t(`roster.rotations.presets.${d.key}`);
      case 'daily':
        return t('roster.rotations.rule.daily');
      case 'weekly':
        return t('roster.rotations.rule.weekly', { days: d.weekdays.map(day).join(t('roster.rotations.rule.sep')) });
      case 'monthly':
        return t('roster.rotations.rule.monthly', { nth: t(`roster.rotations.rule.nth.${String(d.nth) as '1'}`), day: day(d.weekday) });
      default:
        return rrule;
    }
  };
}
