import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type BookFromCallBody, type HotlineCall, type Station } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, FieldError, UnplacedErrors } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { isoWeekday, networkDate } from '../../lib/dates';
import { quickDays, timeOf } from './hotlineModel';
import type { LinkedBooking } from './linkedBookings';
import { StationSelect } from './StationSelect';
import { useBookForCaller, useOpenDays, useSlots } from './useHotline';
import { FormActions } from '../../components/FormActions';

const FIELD_NAMES = ['start', 'stationId', 'name', 'phone', 'note'] as const;

interface Props {
  call: HotlineCall;
  stations: readonly Station[];
  onBooked: (booking: LinkedBooking) => void;
  onCancel: () => void;
}

/** Book a consultation for the caller: station, day, a free hl-slot; name and number come from the call. */
export function BookForCaller({ call, stations, onBooked, onCancel }: Props) {
  const { t } = useTranslation();
  const today = networkDate();
  const [stationId, setStationId] = useState<number | undefined>(call.stationId);
  const [date, setDate] = useState(today);
  /** Until someone picks a day, the form follows the station's first open day. */
  const [dayPicked, setDayPicked] = useState(false);
  const [start, setStart] = useState<string | null>(null);
  // A masked number cannot be sent back; the server uses the one it has on the call.
  const usableName = call.masked ? '' : (call.callerName ?? '');
  const usablePhone = call.masked ? '' : (call.callerPhone ?? '');
  const [name, setName] = useState(usableName);
  const [phone, setPhone] = useState(usablePhone);
  // The consent read at logging covers bookings; otherwise it is asked now.
  const [consent, setConsent] = useState(call.callerConsent);
  const slots = useSlots(stationId, date);
  // The quick days are the days the station can be booked: no closed weekends or holidays.
  const openDays = useOpenDays(stationId, today);
  const days = openDays.isLoading ? [] : quickDays(today, 7, openDays.data);
  const firstOpen = openDays.data ? days[0] : undefined;
  useEffect(() => {
    if (!dayPicked && firstOpen) {
      setDate(firstOpen);
      setStart(null);
    }
  }, [dayPicked, firstOpen]);
  const book = useBookForCaller();
  const errors = isApiError(book.error) ? book.error.fieldErrors() : {};
  const needName = call.callerName === null;
  const needPhone = call.callerPhone === null;

  const pickDay = (d: string) => {
    setDate(d);
    setStart(null);
    setDayPicked(true);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!start || !consent) return;
    const body: BookFromCallBody = { start };
    if (stationId !== undefined && stationId !== call.stationId) body.stationId = stationId;
    if (name.trim() && name.trim() !== usableName) body.name = name.trim();
    if (phone.trim() && phone.trim() !== usablePhone) body.phone = phone.trim();
    book.mutate(
      { id: call.id, body },
      {
        onSuccess: (res) => onBooked(res.appointment),
        onError: (err) => {
          if (isApiError(err, 409)) {
            setStart(null);
            void slots.refetch();
          }
        },
      },
    );
  };

  const dayLabel = (d: string) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))} ${t(`weekday.${isoWeekday(d)}` as 'weekday.1')}`;
  const lawyers = [...new Set((slots.data ?? []).map((s) => s.lawyerName).filter(Boolean))];

  return (
    <form className="book-caller form" onSubmit={onSubmit} noValidate aria-labelledby={`book-title-${call.id}`}>
      <h3 id={`book-title-${call.id}`}>
        {call.callerName ? t('hotline.book.title', { name: call.callerName }) : t('hotline.book.titleNoName')}
      </h3>
      <ErrorMessage error={book.error} />
      <UnplacedErrors error={book.error} fields={FIELD_NAMES} />
      <div className="book-caller-grid">
        <Field label={t('hotline.fields.station')} error={errors.stationId}>
          {(p) => (
            <StationSelect
              {...p}
              stations={stations}
              value={stationId}
              onChange={(id) => {
                setStationId(id);
                setStart(null);
                setDayPicked(false);
              }}
            />
          )}
        </Field>
        <Field label={t('hotline.book.date')}>
          {(p) => <DateInput {...p} min={today} value={date} onChange={(e) => pickDay(e.target.value)} />}
        </Field>
      </div>
      {openDays.data && days.length === 0 && <p className="muted small">{t('hotline.book.noOpenDays')}</p>}
      <div className="day-chips" role="group" aria-label={t('hotline.book.quickDays')}>
        {days.map((d) => (
          <button
            key={d}
            type="button"
            className={`btn btn-small${d === date ? ' is-on' : ''}`}
            aria-pressed={d === date}
            onClick={() => pickDay(d)}
          >
            {d === today ? t('hotline.book.today') : dayLabel(d)}
          </button>
        ))}
      </div>

      <fieldset className={errors.start ? 'field-invalid' : undefined}>
        <legend>
          {t('hotline.book.slots')}
          {lawyers.length > 0 && <span className="muted small"> · {t('hotline.book.lawyer', { names: lawyers.join(t('common.listSeparator')) })}</span>}
        </legend>
        {slots.isLoading ? (
          <Loading />
        ) : slots.error ? (
          <ErrorMessage error={slots.error} onRetry={() => void slots.refetch()} />
        ) : (slots.data ?? []).length === 0 ? (
          <p className="muted">{t('hotline.book.noSlots')}</p>
        ) : (
          <div className="hl-slot-grid">
            {slots.data!.map((s) => (
              <label key={s.start} className={`hl-slot${start === s.start ? ' is-on' : ''}${s.remaining === 0 ? ' is-full' : ''}`}>
                <input
                  type="radio"
                  name={`slot-${call.id}`}
                  value={s.start}
                  disabled={s.remaining === 0}
                  checked={start === s.start}
                  onChange={() => setStart(s.start)}
                />
                <span className="hl-slot-time">{timeOf(s.start)}</span>
                <span className="hl-slot-left">
                  {s.remaining === 0 ? t('hotline.book.full') : t('hotline.book.left', { count: s.remaining })}
                </span>
              </label>
            ))}
          </div>
        )}
        <FieldError message={errors.start} />
      </fieldset>

      <div className="book-caller-grid">
        <Field
          label={t('hotline.book.name')}
          error={errors.name}
          hint={needName ? t('hotline.book.nameNeeded') : call.masked ? t('hotline.book.fromCall') : undefined}
        >
          {(p) => (
            <input {...p} value={name} maxLength={50} placeholder={call.masked ? (call.callerName ?? '') : ''} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field
          label={t('hotline.book.phone')}
          error={errors.phone}
          hint={needPhone ? t('hotline.book.phoneNeeded') : call.masked ? t('hotline.book.fromCall') : undefined}
        >
          {(p) => (
            <input
              {...p}
              type="tel"
              inputMode="tel"
              value={phone}
              maxLength={40}
              placeholder={call.masked ? (call.callerPhone ?? '') : ''}
              onChange={(e) => setPhone(e.target.value)}
            />
          )}
        </Field>
      </div>

      <label className="check">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        {t('hotline.book.consent')}
      </label>

      <FormActions busy={book.isPending} disabled={!start || !consent} label={start ? t('hotline.book.submitAt', { time: timeOf(start) }) : t('hotline.book.pickSlot')} onCancel={onCancel} />
    </form>
  );
}
