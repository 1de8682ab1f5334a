import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { pickableDays } from './bookingModel';
import { useDayWords } from './dayWords';
import { useAvailability } from './useBooking';

interface Props {
  stationId: number;
  selected?: string;
  onPick: (date: string) => void;
  /** Offered on full days; without it a full day only says so. */
  onWaitlist?: (date: string) => void;
}

/** The next two weeks as big buttons; full days greyed with the waitlist, closed days left out. */
export function DayList({ stationId, selected, onPick, onWaitlist }: Props) {
  const { t } = useTranslation();
  const words = useDayWords();
  const availability = useAvailability(stationId, words.today);

  if (availability.isPending) return <Loading />;
  if (availability.isError) return <ErrorMessage error={availability.error} onRetry={() => void availability.refetch()} />;
  const days = pickableDays(availability.data);
  if (days.length === 0) return <p className="alert alert-info">{t('book.day.none')}</p>;

  return (
    <>
      <ul className="pick-grid pick-days">
        {days.map((d) =>
          d.state === 'free' ? (
            <li key={d.date}>
              <button
                type="button"
                className={`pick-button${selected === d.date ? ' is-selected' : ''}`}
                aria-pressed={selected === d.date ? true : undefined}
                data-date={d.date}
                onClick={() => onPick(d.date)}
              >
                <span className="pick-main">{words.main(d.date)}</span>
                <span className="pick-sub">{words.sub(d.date)}</span>
                <span className="pick-seats">{t('book.day.seats', { count: d.remaining })}</span>
              </button>
            </li>
          ) : (
            <li key={d.date} className="pick-full" data-date={d.date}>
              <span className="pick-main">{words.main(d.date)}</span>
              <span className="pick-sub">{words.sub(d.date)}</span>
              <span className="pick-seats">{t('book.day.full')}</span>
              {onWaitlist && (
                <button
                  type="button"
                  className="btn btn-waitlist"
                  aria-label={t('book.day.waitlistLabel', { day: words.day(d.date) })}
                  onClick={() => onWaitlist(d.date)}
                >
                  {t('book.day.waitlist')}
                </button>
              )}
            </li>
          ),
        )}
      </ul>
      <p className="muted book-note">{t('book.day.closedNote')}</p>
    </>
  );
}
