import { useState } from 'react';
import { useQueryParams } from '../../lib/useQueryParams';
import { useTranslation } from 'react-i18next';
import type { Station } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { DateInput } from '../../components/DateInput';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { addDays, networkDate } from '../../lib/dates';
import { useDayWords } from '../bookings/dayWords';
import { usePublicStations } from '../bookings/useBooking';
import { useLawyerShifts } from '../my-duty/useMyDuty';
import { AppointmentItem } from './AppointmentItem';
import { countByStatus, splitDay } from './deskModel';
import { useDeskDay } from './useDesk';
import { WalkInForm } from './WalkInForm';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The reception desk: a station's appointments of one day in order of time, with
 * one-tap check-in, completion (with the outcome) and no-shows, and walk-ins.
 * Staff work at their own station; coordinators pick one; the duty lawyer sees the
 * days of their own duty and records outcomes.
 */
export default function DeskPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const words = useDayWords();
  const [params, update] = useQueryParams();
  const stations = usePublicStations();
  const [announcement, setAnnouncement] = useState('');

  const today = networkDate();
  const rawDate = params.get('date');
  const date = rawDate && DATE_RE.test(rawDate) ? rawDate : today;
  const role = user?.role;
  const isLawyer = role === 'lawyer';
  const picksStation = role === 'coordinator' || (role === 'staff' && user?.stationId == null);
  const requestedStation = Number(params.get('station')) || undefined;
  const district = stations.data?.find((s) => s.level === 'district');
  const stationId: number | null = isLawyer
    ? null
    : picksStation
      ? (requestedStation ?? user?.stationId ?? district?.id ?? null)
      : (user?.stationId ?? null);
  const station = stations.data?.find((s) => s.id === stationId);
  const canQuery = role !== 'admin' && (isLawyer || stationId !== null);
  const day = useDeskDay(stationId, date, canQuery);
  // A lawyer sees the appointments at the stations where they are on duty that day. With
  // nobody booked the list is empty, so their duty (station, hours) comes from the roster.
  const duty = useLawyerShifts(isLawyer ? (user?.lawyerId ?? null) : null, isLawyer ? { from: date, to: date } : null);
  const dutyShifts = isLawyer ? (duty.data ?? []).filter((s) => s.date === date) : [];

  const shortcuts = [
    { label: t('desk.yesterday'), date: addDays(today, -1) },
    { label: t('desk.today'), date: today },
    { label: t('desk.tomorrow'), date: addDays(today, 1) },
  ];
  const items = day.data?.items ?? [];
  const counts = countByStatus(items);
  const { active, cancelled } = splitDay(items);
  const nameOf = (id: number) =>
    stations.data?.find((s) => s.id === id)?.name ?? items.find((a) => a.stationId === id)?.stationName ?? `#${id}`;
  const dutyStations = [...new Set(dutyShifts.map((s) => nameOf(s.stationId)))].join(t('common.listSeparator'));
  const stationName = isLawyer
    ? dutyShifts.map((s) => `${nameOf(s.stationId)} ${s.start}–${s.end}`).join(t('common.listSeparator')) || items[0]?.stationName
    : (station?.name ?? items[0]?.stationName);
  const subtitle = [stationName, date === today ? words.day(date) : null].filter(Boolean).join(' · ');
  const emptyText = !isLawyer
    ? t('desk.empty')
    : !duty.data || duty.isPlaceholderData
      ? t('desk.lawyerEmpty')
      : dutyShifts.length > 0
        ? t('desk.lawyerNoBookings', { stations: dutyStations })
        : t('desk.lawyerOffDuty');

  return (
    <section className="page page-wide desk-page">
      <header className="page-header desk-header">
        <div>
          <h1>{date === today ? t('desk.title') : t('desk.titleDay', { day: words.day(date) })}</h1>
          {subtitle && <p className="muted">{subtitle}</p>}
        </div>
        <div className="desk-controls">
          {picksStation && stations.data && (
            <div className="field desk-station">
              <label htmlFor="desk-station">{t('desk.station')}</label>
              <DeskStationSelect
                id="desk-station"
                stations={stations.data}
                value={stationId}
                onChange={(id) => update({ station: String(id) })}
              />
            </div>
          )}
          <div className="desk-dates" role="group" aria-label={t('desk.date')}>
            {shortcuts.map((s) => (
              <button
                key={s.date}
                type="button"
                className={`btn${s.date === date ? ' btn-primary' : ''}`}
                aria-pressed={s.date === date}
                onClick={() => update({ date: s.date === today ? null : s.date })}
              >
                {s.label}
              </button>
            ))}
            <label className="visually-hidden" htmlFor="desk-date">
              {t('desk.date')}
            </label>
            <DateInput
              id="desk-date"
              className="desk-date-input"
              value={date}
              onChange={(e) => DATE_RE.test(e.target.value) && update({ date: e.target.value === today ? null : e.target.value })}
            />
          </div>
        </div>
      </header>

      {role === 'admin' && <p className="alert alert-info">{t('desk.adminNote')}</p>}
      {/* Only on a day of duty: off duty, the list's own message says so (the two contradicted each other). */}
      {isLawyer && (dutyShifts.length > 0 || items.length > 0) && <p className="alert alert-info">{t('desk.lawyerNote')}</p>}
      {role === 'staff' && user?.stationId == null && <p className="alert alert-info">{t('desk.noStation')}</p>}

      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      <div className="desk-layout">
        <div className="desk-main">
          {canQuery && day.isPending && <Loading />}
          {day.isError && <ErrorMessage error={day.error} onRetry={() => void day.refetch()} />}
          {day.data && (
            <>
              {/* A lawyer with nobody to see that day needs no row of zeros above the message saying so. */}
              {!(isLawyer && items.length === 0) && (
                <h2 className="desk-summary">
                  {t('desk.summary', {
                    total: counts.total,
                    booked: counts.booked,
                    checked_in: counts.checked_in,
                    completed: counts.completed,
                    no_show: counts.no_show,
                  })}
                </h2>
              )}
              {active.length === 0 ? (
                <p className="card desk-empty">{emptyText}</p>
              ) : (
                <ol className="desk-list">
                  {active.map((a) => (
                    <AppointmentItem key={a.id} appointment={a} role={role!} onDone={setAnnouncement} />
                  ))}
                </ol>
              )}
              {cancelled.length > 0 && (
                <details className="desk-cancelled">
                  <summary>{t('desk.cancelledHeading', { count: cancelled.length })}</summary>
                  <ol className="desk-list">
                    {cancelled.map((a) => (
                      <AppointmentItem key={a.id} appointment={a} role={role!} onDone={setAnnouncement} />
                    ))}
                  </ol>
                </details>
              )}
            </>
          )}
        </div>
        {role === 'staff' && stationId !== null && (
          <aside className="desk-side">
            {date === today ? (
              <WalkInForm stationId={stationId} onDone={setAnnouncement} />
            ) : (
              <div className="card">
                <h2>{t('desk.walkIn.title')}</h2>
                <p className="muted">{t('desk.walkIn.onlyToday')}</p>
              </div>
            )}
          </aside>
        )}
      </div>
    </section>
  );
}

function DeskStationSelect({
  id,
  stations,
  value,
  onChange,
}: {
  id: string;
  stations: readonly Station[];
  value: number | null;
  onChange: (id: number) => void;
}) {
  const { t } = useTranslation();
  const levels = ['district', 'town', 'village'] as const;
  return (
    <select id={id} value={value ?? ''} onChange={(e) => e.target.value && onChange(Number(e.target.value))}>
      {value === null && <option value="">{t('desk.chooseStation')}</option>}
      {levels.map((level) => {
        const list = stations.filter((s) => s.level === level && s.active);
        return list.length === 0 ? null : (
          <optgroup key={level} label={t(`levelPlural.${level}`)}>
            {list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </optgroup>
        );
      })}
    </select>
  );
}
