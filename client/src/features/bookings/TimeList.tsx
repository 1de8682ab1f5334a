import { useTranslation } from 'react-i18next';
import type { Slot } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { isMorning, lawyersOf, timeOf } from './bookingModel';
import { useDaySlots } from './useBooking';

interface Props {
  stationId: number;
  date: string;
  onPick: (slot: Slot) => void;
  /** The booking's own time when moving it: shown, not offered. */
  current?: string;
}

/** The day's times as big buttons, morning and afternoon, with the seats left said plainly. */
export function TimeList({ stationId, date, onPick, current }: Props) {
  const { t } = useTranslation();
  const slots = useDaySlots(stationId, date);

  if (slots.isPending) return <Loading />;
  if (slots.isError) return <ErrorMessage error={slots.error} onRetry={() => void slots.refetch()} />;
  const all = slots.data;
  const lawyers = lawyersOf(all);
  const free = all.filter((s) => s.remaining > 0 && s.start !== current);
  const parts = [
    { key: 'morning', label: t('book.time.morning'), slots: all.filter(isMorning) },
    { key: 'afternoon', label: t('book.time.afternoon'), slots: all.filter((s) => !isMorning(s)) },
  ].filter((p) => p.slots.length > 0);

  return (
    <div className="time-picker">
      {lawyers.length > 0 && <p className="book-lawyer">{t('book.time.lawyer', { name: lawyers.join(t('common.listSeparator')) })}</p>}
      {free.length === 0 && <p className="alert alert-info">{t('book.time.none')}</p>}
      {parts.map((part) => (
        <section key={part.key} aria-labelledby={`times-${part.key}`}>
          <h3 id={`times-${part.key}`}>{part.label}</h3>
          <ul className="pick-grid pick-times">
            {part.slots.map((s) => {
              const isCurrent = s.start === current;
              const full = s.remaining <= 0;
              return (
                <li key={s.start}>
                  <button
                    type="button"
                    className={`pick-button${full || isCurrent ? ' is-full' : ''}`}
                    disabled={full || isCurrent}
                    data-start={s.start}
                    onClick={() => onPick(s)}
                  >
                    <span className="pick-main">{timeOf(s.start)}</span>
                    <span className="pick-seats">
                      {isCurrent ? t('book.time.current') : full ? t('book.time.full') : t('book.time.left', { count: s.remaining })}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
