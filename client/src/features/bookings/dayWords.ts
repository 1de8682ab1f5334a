import { useTranslation } from 'react-i18next';
import { isoWeekday, networkDate } from '../../lib/dates';
import { relativeDay, shortDate, timeOf } from './bookingModel';

/** How the booking pages name days and times: 今天 / 明天 / 后天, then 周三 12月2日; times in the station's zone. */
export function useDayWords() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-CN';
  const today = networkDate();
  const weekday = (date: string) => t(`weekday.${isoWeekday(date)}` as 'weekday.1');
  const relative = (date: string) => {
    const r = relativeDay(date, today);
    return r === 0 ? t('book.today') : r === 1 ? t('book.tomorrow') : r === 2 ? t('book.dayAfter') : null;
  };
  return {
    today,
    language,
    /** The big word on a day button: 今天 / 明天 / 后天 / 周三. */
    main: (date: string) => relative(date) ?? weekday(date),
    /** The line under it: 11月30日 周一 after a relative word, else 12月2日. */
    sub: (date: string) => (relative(date) ? `${shortDate(date, language)} ${weekday(date)}` : shortDate(date, language)),
    /** One phrase: 明天 11月30日 周一 / 周三 12月2日. */
    day: (date: string) => {
      const r = relative(date);
      return r ? `${r} ${shortDate(date, language)} ${weekday(date)}` : `${weekday(date)} ${shortDate(date, language)}`;
    },
    /** The day and the time range: 明天 11月30日 周一 09:30–10:00. */
    when: (date: string, start: string, end?: string) => {
      const r = relative(date);
      const day = r ? `${r} ${shortDate(date, language)} ${weekday(date)}` : `${weekday(date)} ${shortDate(date, language)}`;
      return `${day} ${timeOf(start)}${end ? `–${timeOf(end)}` : ''}`;
    },
  };
}

export type DayWords = ReturnType<typeof useDayWords>;
