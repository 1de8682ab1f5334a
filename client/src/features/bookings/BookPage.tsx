import { useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError, type Booking, type BookingBody, type Slot, type Station, type WaitlistEntry } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { HOTLINE_NUMBER, HOTLINE_TEL } from '../../lib/config';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { idempotencyKeys, normalizePhone, telHref, timeOf } from './bookingModel';
import { Confirmation, Waitlisted } from './Confirmation';
import { DayList } from './DayList';
import { useDayWords } from './dayWords';
import { UiIcon } from './icons';
import { DistrictList, StationList } from './StationList';
import { StepIndicator, type StepName } from './StepIndicator';
import { TimeList } from './TimeList';
import { useBook, useBookableStations, useJoinWaitlist, usePublicStation, useStationByCode } from './useBooking';
import { EMPTY_DETAILS, WorkerForm, type FieldErrors, type WorkerDetails } from './WorkerForm';

/** What the history entry carries: pushed by the flow itself, or the result to show. */
interface FlowState {
  flow?: true;
  done?: Booking;
  waitlisted?: WaitlistEntry;
}

const BOOK_STEPS: readonly StepName[] = ['station', 'day', 'time', 'details', 'done'];
const WAITLIST_STEPS: readonly StepName[] = ['station', 'day', 'waitlist', 'done'];
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The worker's booking: a station, a day, a time, the problem and contact details, then
 * the code. Each step is its own history entry (`?station=&date=&start=&step=`), so the
 * phone's back button goes back one step; name and phone stay in memory only.
 */
export function BookPage() {
  const { t } = useTranslation();
  const { stationCode } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const flowState = (location.state ?? {}) as FlowState;

  const area = Number(params.get('area')) || undefined;
  const bookable = useBookableStations(area);
  const byCode = useStationByCode(stationCode);
  const stationParam = Number(params.get('station')) || undefined;
  const byId = usePublicStation(stationCode ? undefined : stationParam);
  const station: Station | undefined = stationCode ? byCode.data : byId.data?.active ? byId.data : undefined;
  const rawDate = params.get('date');
  const date = rawDate && DATE_RE.test(rawDate) ? rawDate : undefined;
  const start = params.get('start') ?? undefined;
  const requested = params.get('step');

  const [details, setDetails] = useState<WorkerDetails>(EMPTY_DETAILS);
  const [notice, setNotice] = useState<string | null>(null);
  const keyFor = useRef(idempotencyKeys()).current;
  const book = useBook();
  const waitlist = useJoinWaitlist();
  const result = usePublicStation(flowState.done?.stationId);

  const loading = stationCode ? byCode.isPending : stationParam !== undefined && byId.isPending;
  const step: StepName | null = loading
    ? null
    : flowState.done || flowState.waitlisted
      ? 'done'
      : !station
        ? 'station'
        : requested === 'waitlist' && date
          ? 'waitlist'
          : requested === 'details' && date && start
            ? 'details'
            : (requested === 'time' || requested === 'details') && date
              ? 'time'
              : 'day';

  // Each new step: its heading takes the focus (screen readers announce it; the page scrolls to it).
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef<StepName | null>(null);
  useDocumentTitle(step === null ? null : `${t(`book.steps.${step}`)} · ${t('book.title')}`);
  useEffect(() => {
    if (step === null) return;
    if (shownStep.current !== null && shownStep.current !== step) headingRef.current?.focus();
    shownStep.current = step;
  }, [step]);

  /** Forward: a new history entry with the changed parameters. */
  const go = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    navigate({ pathname: location.pathname, search: `?${next}` }, { state: { flow: true } satisfies FlowState });
  };

  /** Back one step: the browser's own back where the flow pushed this entry, else the step before in place. */
  const back = () => {
    if (flowState.flow) {
      navigate(-1);
      return;
    }
    const next = new URLSearchParams(params);
    if (step === 'details') {
      next.delete('start');
      next.set('step', 'time');
    } else if (step === 'time' || step === 'waitlist') {
      next.delete('start');
      next.delete('date');
      next.set('step', 'day');
    } else if (step === 'day') {
      next.delete('station');
      next.delete('step');
    }
    navigate({ pathname: stationCode && step === 'day' ? '/book' : location.pathname, search: `?${next}` }, { replace: true });
  };

  const pickStation = (s: Station) => {
    setNotice(null);
    if (stationCode) navigate(`/book?station=${s.id}&step=day`, { state: { flow: true } satisfies FlowState });
    else go({ station: String(s.id), step: 'day', date: null, start: null });
  };
  const pickDay = (d: string) => {
    setNotice(null);
    go({ date: d, step: 'time', start: null });
  };
  const pickTime = (slot: Slot) => {
    setNotice(null);
    go({ start: slot.start, step: 'details' });
  };
  const joinWaitlistOf = (d: string) => {
    setNotice(null);
    go({ date: d, step: 'waitlist', start: null });
  };

  const changeDetails = (v: WorkerDetails) => {
    setDetails(v);
    if (book.isError) book.reset();
    if (waitlist.isError) waitlist.reset();
  };

  const submitBooking = (v: WorkerDetails) => {
    if (!station || !start || book.isPending) return;
    const body: BookingBody = {
      stationId: station.id,
      start,
      name: v.name.trim(),
      phone: normalizePhone(v.phone) ?? v.phone,
      category: v.category!,
      consent: true,
      ...(v.note.trim() ? { note: v.note.trim() } : {}),
    };
    book.mutate(
      { body, key: keyFor(body) },
      {
        onSuccess: (booking) => {
          setDetails((d) => ({ ...d, note: '', consent: false }));
          navigate({ pathname: location.pathname, search: '?step=done' }, { replace: true, state: { done: booking } satisfies FlowState });
        },
        onError: (err) => {
          // The seat went to someone else (or the time passed): back to the times, which are asked for again.
          const takenOrGone =
            isApiError(err, 409) && err.code === 'slot_full'
              ? t('book.time.slotFull')
              : isApiError(err, 400) && err.details.some((d) => d.path === 'start')
                ? t('book.details.errors.notBookable')
                : null;
          if (takenOrGone) {
            book.reset();
            setNotice(takenOrGone);
            back();
          }
        },
      },
    );
  };

  const submitWaitlist = (v: WorkerDetails) => {
    if (!station || !date || waitlist.isPending) return;
    waitlist.mutate(
      { stationId: station.id, date, name: v.name.trim(), phone: normalizePhone(v.phone) ?? v.phone, category: v.category!, consent: true },
      {
        onSuccess: (entry) =>
          navigate({ pathname: location.pathname, search: '?step=done' }, { replace: true, state: { waitlisted: entry } satisfies FlowState }),
      },
    );
  };

  if (step === null) {
    return (
      <section className="book">
        <h1 className="book-title">{t('book.title')}</h1>
        <Loading />
      </section>
    );
  }

  const steps = step === 'waitlist' || flowState.waitlisted ? WAITLIST_STEPS : BOOK_STEPS;
  const resultStation = result.data;

  return (
    <section className="book">
      <h1 className="book-title">{t('book.title')}</h1>
      <StepIndicator steps={steps} current={step} />

      {step !== 'station' && step !== 'done' && (
        <button type="button" className="btn btn-back" onClick={back}>
          <UiIcon name="back" /> {t('book.back')}
        </button>
      )}

      {step === 'station' && (
        <>
          <StepHeading headingRef={headingRef}>{t('book.station.heading')}</StepHeading>
          {stationCode && byCode.isError && (
            <p className="alert alert-warn" role="alert">
              {t('book.station.notFound', { code: stationCode })}
            </p>
          )}
          <p className="book-lead">{t(bookable.needsDistrict ? 'book.station.districtsIntro' : 'book.station.intro')}</p>
          {bookable.districts.isError ? (
            <ErrorMessage error={bookable.districts.error} onRetry={() => void bookable.districts.refetch()} />
          ) : bookable.needsDistrict ? (
            <DistrictList districts={bookable.districts.data ?? []} onPick={(d) => go({ area: String(d.id) })} />
          ) : bookable.stations.isError ? (
            <ErrorMessage error={bookable.stations.error} onRetry={() => void bookable.stations.refetch()} />
          ) : !bookable.stations.data ? (
            <Loading />
          ) : (
            <>
              {bookable.many && (
                <button type="button" className="btn btn-back" onClick={() => go({ area: null })}>
                  <UiIcon name="back" /> {t('book.station.otherDistrict')}
                </button>
              )}
              <StationList stations={bookable.stations.data} onPick={pickStation} />
            </>
          )}
        </>
      )}

      {step === 'day' && station && (
        <>
          <StepHeading headingRef={headingRef}>{t('book.day.heading')}</StepHeading>
          <Chosen station={station} canChange={!!stationCode} />
          <DayList stationId={station.id} onPick={pickDay} onWaitlist={joinWaitlistOf} />
        </>
      )}

      {step === 'time' && station && date && (
        <>
          <StepHeading headingRef={headingRef}>{t('book.time.heading')}</StepHeading>
          <Chosen station={station} date={date} />
          {notice && (
            <p className="alert alert-error book-notice" role="alert">
              {notice}
            </p>
          )}
          <TimeList stationId={station.id} date={date} onPick={pickTime} />
        </>
      )}

      {step === 'details' && station && date && start && (
        <>
          <StepHeading headingRef={headingRef}>{t('book.details.heading')}</StepHeading>
          <Chosen station={station} date={date} start={start} />
          <WorkerForm
            values={details}
            onChange={changeDetails}
            onSubmit={submitBooking}
            serverErrors={fieldErrorsOf(book.error, t('book.details.errors.phoneFormat'), t('book.details.errors.name'))}
            withNote
            pending={book.isPending}
            submitLabel={t('book.details.submit')}
            pendingLabel={t('book.details.submitting')}
            alert={<SubmitAlert error={book.error} />}
          />
        </>
      )}

      {step === 'waitlist' && station && date && (
        <WaitlistStep
          headingRef={headingRef}
          station={station}
          date={date}
          form={
            <WorkerForm
              values={details}
              onChange={changeDetails}
              onSubmit={submitWaitlist}
              serverErrors={fieldErrorsOf(waitlist.error, t('book.details.errors.phoneFormat'), t('book.details.errors.name'))}
              withNote={false}
              pending={waitlist.isPending}
              submitLabel={t('book.waitlist.submit')}
              pendingLabel={t('book.waitlist.submitting')}
              alert={<WaitlistAlert error={waitlist.error} />}
            />
          }
        />
      )}

      {step === 'done' && flowState.done && <Confirmation booking={flowState.done} station={resultStation} headingRef={headingRef} />}
      {step === 'done' && flowState.waitlisted && <Waitlisted entry={flowState.waitlisted} headingRef={headingRef} />}

      {step !== 'done' && (
        <p className="book-hotline">
          {t('placeholder.callInstead')} <a href={HOTLINE_TEL}>{HOTLINE_NUMBER}</a>
        </p>
      )}
    </section>
  );
}

function StepHeading({ headingRef, children }: { headingRef: Ref<HTMLHeadingElement>; children: ReactNode }) {
  return (
    <h2 ref={headingRef} tabIndex={-1} className="step-heading">
      {children}
    </h2>
  );
}

/** What has been chosen so far, so the worker can check it at each step. */
function Chosen({ station, date, start, canChange }: { station: Station; date?: string; start?: string; canChange?: boolean }) {
  const { t } = useTranslation();
  const words = useDayWords();
  return (
    <dl className="chosen">
      <div>
        <dt>{t('book.chosen.station')}</dt>
        <dd>
          {station.name}
          {!date && station.address && <span className="chosen-address">{station.address}</span>}
          {!date && station.phone && (
            <a className="chosen-change tel-link" href={telHref(station.phone)}>
              <UiIcon name="phone" size={18} /> {station.phone}
            </a>
          )}
          {canChange && (
            <Link className="chosen-change chosen-other" to="/book">
              {t('book.chosen.change')}
            </Link>
          )}
        </dd>
      </div>
      {date && (
        <div>
          <dt>{t('book.chosen.day')}</dt>
          <dd>{words.day(date)}</dd>
        </div>
      )}
      {start && (
        <div>
          <dt>{t('book.chosen.time')}</dt>
          <dd>{timeOf(start)}</dd>
        </div>
      )}
    </dl>
  );
}

function WaitlistStep({ headingRef, station, date, form }: { headingRef: Ref<HTMLHeadingElement>; station: Station; date: string; form: ReactNode }) {
  const { t } = useTranslation();
  const words = useDayWords();
  return (
    <>
      <StepHeading headingRef={headingRef}>{t('book.waitlist.heading', { day: words.day(date) })}</StepHeading>
      <Chosen station={station} date={date} />
      <p className="book-lead">{t('book.waitlist.intro')}</p>
      {form}
    </>
  );
}

/** Field messages from a refused request, in plain words (the server's are English and technical). */
function fieldErrorsOf(error: unknown, phoneMessage: string, nameMessage: string): FieldErrors {
  if (!isApiError(error, 400)) return {};
  const out: FieldErrors = {};
  for (const d of error.details) {
    if (d.path === 'phone') out.phone = phoneMessage;
    if (d.path === 'name') out.name = nameMessage;
  }
  return out;
}

function SubmitAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  let message: string;
  if (!isApiError(error)) message = t('book.details.errors.server', { hotline: HOTLINE_NUMBER });
  else if (error.code === 'network') message = t('book.details.errors.network');
  else if (error.status === 409) message = t('book.details.errors.phoneBusy');
  else if (error.status === 429) message = t('book.details.errors.rateLimited');
  else if (error.status === 400 && error.details.some((d) => d.path === 'phone' || d.path === 'name')) message = t('book.details.fixErrors');
  else message = t('book.details.errors.server', { hotline: HOTLINE_NUMBER });
  return (
    <p className="alert alert-error" role="alert">
      {message}
    </p>
  );
}

function WaitlistAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  let message: string;
  if (isApiError(error, 409)) message = /already/i.test(error.message) ? t('book.waitlist.errors.already') : t('book.waitlist.errors.notFull');
  else if (isApiError(error) && error.code === 'network') message = t('book.details.errors.network');
  else if (isApiError(error, 429)) message = t('book.details.errors.rateLimited');
  else if (isApiError(error, 400) && error.details.some((d) => d.path === 'phone' || d.path === 'name')) message = t('book.details.fixErrors');
  else message = t('book.details.errors.server', { hotline: HOTLINE_NUMBER });
  return (
    <p className="alert alert-error" role="alert">
      {message}
    </p>
  );
}
