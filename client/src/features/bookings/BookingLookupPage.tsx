import { useEffect, useRef, useState, type FormEvent, type Ref } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError, type Booking, type Slot } from '../../api/client';
import { HOTLINE_NUMBER, HOTLINE_TEL } from '../../lib/config';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { BookingCode, BookingFacts, CalendarLink, ReadAloud } from './BookingExtras';
import { normalizePhone, parseCode, phoneProblem } from './bookingModel';
import { BringList } from './Confirmation';
import { DayList } from './DayList';
import { useDayWords } from './dayWords';
import { UiIcon } from './icons';
import { TimeList } from './TimeList';
import { useCancelBooking, useClaimWaitlist, useLookup, usePublicStation, useReschedule } from './useBooking';

type Mode = 'lookup' | 'claim';

/** What the worker is doing with a found booking. */
type View =
  | { kind: 'view' }
  | { kind: 'confirmCancel' }
  | { kind: 'moveDay' }
  | { kind: 'moveTime'; date: string }
  | { kind: 'moveConfirm'; date: string; slot: Slot };

interface Found {
  booking: Booking;
  /** The normalised number it was found with: cancelling and moving need it again. */
  phone: string;
}

/** /booking: find a booking by code + phone, then cancel it or move it; or confirm a place held from the waitlist. */
export function BookingLookupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [mode, setMode] = useState<Mode>(params.get('claim') === '1' ? 'claim' : 'lookup');
  const [found, setFound] = useState<Found | null>(null);
  const [view, setView] = useState<View>({ kind: 'view' });
  const [notice, setNotice] = useState<string | null>(null);

  const headingRef = useRef<HTMLHeadingElement>(null);
  const viewKey = found ? `${view.kind}:${found.booking.status}:${found.booking.start}` : `form:${mode}`;
  const firstView = useRef(true);
  useDocumentTitle(t('lookup.title'));
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [viewKey]);

  const show = (booking: Booking, phone: string, message: string | null = null) => {
    setFound({ booking, phone });
    setView({ kind: 'view' });
    setNotice(message);
  };

  return (
    <section className="book">
      <h1 className="book-title">{t('lookup.title')}</h1>
      {found ? (
        <FoundBooking
          found={found}
          view={view}
          setView={setView}
          notice={notice}
          setNotice={setNotice}
          onChanged={(b, message) => show(b, found.phone, message)}
          onAnother={() => {
            setFound(null);
            setNotice(null);
            setMode('lookup');
          }}
          headingRef={headingRef}
        />
      ) : (
        <LookupForm
          key={mode}
          mode={mode}
          initialCode={params.get('code') ?? ''}
          onFound={(b, phone) => show(b, phone, mode === 'claim' ? t('lookup.claimed') : null)}
          onMode={setMode}
          headingRef={headingRef}
        />
      )}
      <p className="book-hotline">
        {t('placeholder.callInstead')} <a href={HOTLINE_TEL}>{HOTLINE_NUMBER}</a>
      </p>
    </section>
  );
}

function LookupForm({
  mode,
  initialCode,
  onFound,
  onMode,
  headingRef,
}: {
  mode: Mode;
  initialCode: string;
  onFound: (b: Booking, phone: string) => void;
  onMode: (m: Mode) => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState(initialCode);
  const [phone, setPhone] = useState('');
  const [tried, setTried] = useState(false);
  const lookup = useLookup();
  const claim = useClaimWaitlist();
  const request = mode === 'claim' ? claim : lookup;
  const form = useRef<HTMLFormElement>(null);

  const parsed = parseCode(code);
  const codeError = !tried
    ? undefined
    : 'problem' in parsed
      ? parsed.problem === 'missing'
        ? t('lookup.errors.codeMissing')
        : parsed.problem === 'lookalike'
          ? t('lookup.errors.codeLookalike')
          : t('lookup.errors.codeFormat')
      : undefined;
  const phoneIssue = tried ? phoneProblem(phone) : null;
  const phoneError = phoneIssue === 'missing' ? t('book.details.errors.phoneMissing') : phoneIssue ? t('book.details.errors.phoneFormat') : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    const normalized = normalizePhone(phone);
    if ('problem' in parsed || !normalized) {
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    request.mutate({ code: parsed.code, phone: normalized }, { onSuccess: (b) => onFound(b, normalized) });
  };

  const edit = (fn: () => void) => {
    fn();
    if (request.isError) request.reset();
  };

  return (
    <form ref={form} className="worker-form lookup-form" onSubmit={submit} noValidate>
      <h2 id="lookup-heading" ref={headingRef} tabIndex={-1} className="step-heading">
        {mode === 'claim' ? t('lookup.claimTitle') : t('lookup.heading')}
      </h2>
      <p className="book-lead">{mode === 'claim' ? t('lookup.claimIntro') : t('lookup.intro')}</p>
      <div className="book-field">
        <label htmlFor="lk-code">{mode === 'claim' ? t('lookup.claimCode') : t('lookup.code')}</label>
        <input
          id="lk-code"
          name="code"
          className="code-input"
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          maxLength={30}
          value={code}
          onChange={(e) => edit(() => setCode(e.target.value))}
          onBlur={() => {
            const p = parseCode(code);
            if ('code' in p) setCode(p.code);
          }}
          aria-invalid={codeError ? true : undefined}
          aria-describedby={['lk-code-hint', codeError && 'lk-code-error'].filter(Boolean).join(' ')}
        />
        <p id="lk-code-hint" className="book-hint">
          {t('lookup.codeHint')}
        </p>
        {codeError && (
          <p id="lk-code-error" className="book-error">
            <span aria-hidden="true">⚠ </span>
            {codeError}
          </p>
        )}
      </div>
      <div className="book-field">
        <label htmlFor="lk-phone">{t('lookup.phone')}</label>
        <input
          id="lk-phone"
          name="phone"
          type="tel"
          inputMode="numeric"
          autoComplete="tel-national"
          maxLength={20}
          value={phone}
          onChange={(e) => edit(() => setPhone(e.target.value))}
          aria-invalid={phoneError ? true : undefined}
          aria-describedby={phoneError ? 'lk-phone-error' : undefined}
        />
        {phoneError && (
          <p id="lk-phone-error" className="book-error">
            <span aria-hidden="true">⚠ </span>
            {phoneError}
          </p>
        )}
      </div>
      <LookupAlert error={request.error} mode={mode} />
      <button type="submit" className="btn btn-primary btn-big btn-block" disabled={request.isPending}>
        {request.isPending ? t('lookup.submitting') : mode === 'claim' ? t('lookup.claimSubmit') : t('lookup.submit')}
      </button>
      <button type="button" className="btn btn-link-like" onClick={() => onMode(mode === 'claim' ? 'lookup' : 'claim')}>
        {mode === 'claim' ? t('lookup.toLookup') : t('lookup.toClaim')}
      </button>
    </form>
  );
}

function LookupAlert({ error, mode }: { error: unknown; mode: Mode }) {
  const { t } = useTranslation();
  if (!error) return null;
  let message: string;
  if (!isApiError(error)) message = t('lookup.errors.server', { hotline: HOTLINE_NUMBER });
  else if (error.code === 'network') message = t('lookup.errors.network');
  else if (error.status === 404) message = mode === 'claim' ? t('lookup.errors.claimNotFound') : t('lookup.errors.notFound');
  else if (error.status === 429) message = t('lookup.errors.rateLimited', { hotline: HOTLINE_NUMBER });
  else if (error.status === 409 && mode === 'claim') message = t('lookup.errors.notHeld');
  else if (error.status === 409) message = t('book.details.errors.phoneBusy');
  else message = t('lookup.errors.server', { hotline: HOTLINE_NUMBER });
  return (
    <p className="alert alert-error" role="alert">
      {message}
    </p>
  );
}

interface FoundProps {
  found: Found;
  view: View;
  setView: (v: View) => void;
  notice: string | null;
  setNotice: (m: string | null) => void;
  onChanged: (b: Booking, message: string) => void;
  onAnother: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}

function FoundBooking({ found, view, setView, notice, setNotice, onChanged, onAnother, headingRef }: FoundProps) {
  const { t } = useTranslation();
  const words = useDayWords();
  const stationOf = usePublicStation(found.booking.stationId);
  const cancel = useCancelBooking();
  const reschedule = useReschedule();
  const { booking, phone } = found;
  const station = stationOf.data;
  const codePhone = { code: booking.code, phone };
  const started = new Date(booking.start).getTime() <= Date.now();
  const changeable = booking.status === 'booked' && !started;

  const doCancel = () =>
    cancel.mutate(codePhone, {
      onSuccess: (b) => onChanged(b, t('lookup.cancelled')),
    });

  const doMove = (slot: Slot, date: string) =>
    reschedule.mutate(
      { ...codePhone, start: slot.start },
      {
        onSuccess: (b) => onChanged(b, t('lookup.moved', { when: words.when(b.date, b.start, b.end) })),
        onError: (err) => {
          if (isApiError(err, 409) && err.code === 'slot_full') {
            reschedule.reset();
            setNotice(t('book.time.slotFull'));
            setView({ kind: 'moveTime', date });
          }
        },
      },
    );

  const backButton = (to: View) => (
    <button
      type="button"
      className="btn btn-back"
      onClick={() => {
        setNotice(null);
        reschedule.reset();
        setView(to);
      }}
    >
      <UiIcon name="back" /> {t('book.back')}
    </button>
  );

  if (view.kind === 'moveDay') {
    return (
      <>
        {backButton({ kind: 'view' })}
        <h2 ref={headingRef} tabIndex={-1} className="step-heading">
          {t('lookup.moveDayHeading')}
        </h2>
        <p className="book-lead">{booking.stationName}</p>
        <DayList
          stationId={booking.stationId}
          selected={booking.date}
          onPick={(date) => {
            setNotice(null);
            setView({ kind: 'moveTime', date });
          }}
        />
      </>
    );
  }

  if (view.kind === 'moveTime') {
    return (
      <>
        {backButton({ kind: 'moveDay' })}
        <h2 ref={headingRef} tabIndex={-1} className="step-heading">
          {t('lookup.moveTimeHeading')}
        </h2>
        <p className="book-lead">{words.day(view.date)}</p>
        {notice && (
          <p className="alert alert-error" role="alert">
            {notice}
          </p>
        )}
        <TimeList
          stationId={booking.stationId}
          date={view.date}
          current={booking.start}
          onPick={(slot) => {
            setNotice(null);
            setView({ kind: 'moveConfirm', date: view.date, slot });
          }}
        />
      </>
    );
  }

  if (view.kind === 'moveConfirm') {
    return (
      <>
        {backButton({ kind: 'moveTime', date: view.date })}
        <h2 ref={headingRef} tabIndex={-1} className="step-heading">
          {t('lookup.moveConfirmHeading')}
        </h2>
        <p className="book-lead move-summary">
          {t('lookup.moveConfirm', {
            from: words.when(booking.date, booking.start),
            to: words.when(view.date, view.slot.start),
          })}
        </p>
        <MutationAlert error={reschedule.error} />
        <div className="book-actions">
          <button
            type="button"
            className="btn btn-primary btn-big"
            disabled={reschedule.isPending}
            onClick={() => doMove(view.slot, view.date)}
          >
            {reschedule.isPending ? t('lookup.moving') : t('lookup.moveYes')}
          </button>
          <button type="button" className="btn btn-big" onClick={() => setView({ kind: 'view' })}>
            {t('lookup.moveCancel')}
          </button>
        </div>
      </>
    );
  }

  return (
    <>
      <h2 ref={headingRef} tabIndex={-1} className="step-heading">
        {t('lookup.result.heading')}{' '}
        <span className={`status-pill status-${booking.status}`}>{t(`appointmentStatus.${booking.status}`)}</span>
      </h2>
      {notice && (
        <p className={`alert ${booking.status === 'cancelled' ? 'alert-info' : 'alert-ok'}`} role="status">
          {notice}
        </p>
      )}
      <BookingCode code={booking.code} label={t('lookup.result.code')} />
      <BookingFacts booking={booking} station={station} />
      <dl className="booking-facts booking-facts-small">
        <div>
          <dt>{t('lookup.result.problem')}</dt>
          <dd>{t(`category.${booking.category}`)}</dd>
        </div>
        <div>
          <dt>{t('lookup.result.name')}</dt>
          <dd>{booking.name}</dd>
        </div>
        <div>
          <dt>{t('lookup.result.phone')}</dt>
          <dd>{booking.phone}</dd>
        </div>
      </dl>

      {booking.status !== 'booked' && (
        <p className="alert alert-info">{t('lookup.finished', { status: t(`appointmentStatus.${booking.status}`) })}</p>
      )}
      {booking.status === 'booked' && started && <p className="alert alert-info">{t('lookup.started')}</p>}

      {changeable && view.kind === 'confirmCancel' && (
        <div className="confirm-box" role="group" aria-labelledby="cancel-q">
          <p id="cancel-q" className="confirm-question">
            {t('lookup.cancelConfirm')}
          </p>
          <MutationAlert error={cancel.error} />
          <div className="book-actions">
            <button type="button" className="btn btn-danger btn-big" disabled={cancel.isPending} onClick={doCancel}>
              {cancel.isPending ? t('lookup.cancelling') : t('lookup.cancelYes')}
            </button>
            <button type="button" className="btn btn-big" onClick={() => setView({ kind: 'view' })}>
              {t('lookup.cancelNo')}
            </button>
          </div>
        </div>
      )}
      {changeable && view.kind === 'view' && (
        <>
          <div className="book-actions">
            <button
              type="button"
              className="btn btn-primary btn-big"
              onClick={() => {
                setNotice(null);
                setView({ kind: 'moveDay' });
              }}
            >
              {t('lookup.move')}
            </button>
            <button
              type="button"
              className="btn btn-danger-outline btn-big"
              onClick={() => {
                setNotice(null);
                cancel.reset();
                setView({ kind: 'confirmCancel' });
              }}
            >
              {t('lookup.cancel')}
            </button>
          </div>
          <div className="book-actions">
            <ReadAloud booking={booking} station={station} />
            <CalendarLink booking={booking} station={station} />
          </div>
          <BringList />
        </>
      )}
      <p>
        <button type="button" className="btn btn-big" onClick={onAnother}>
          {t('lookup.another')}
        </button>
      </p>
    </>
  );
}

function MutationAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  let message: string;
  if (!isApiError(error)) message = t('lookup.errors.server', { hotline: HOTLINE_NUMBER });
  else if (error.code === 'network') message = t('lookup.errors.network');
  else if (error.status === 404) message = t('lookup.errors.notFound');
  else if (error.status === 429) message = t('lookup.errors.rateLimited', { hotline: HOTLINE_NUMBER });
  else if (error.code === 'slot_full') message = t('book.time.slotFull');
  else if (error.status === 409) message = t('lookup.errors.changed');
  else message = t('lookup.errors.server', { hotline: HOTLINE_NUMBER });
  return (
    <p className="alert alert-error" role="alert">
      {message}
    </p>
  );
}
