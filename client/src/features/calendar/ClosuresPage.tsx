import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError, type CalendarDayDto, type Station } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, UnplacedErrors, useFocusFirstError } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { isoWeekday, networkDate } from '../../lib/dates';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { StationSelect } from '../hotline/StationSelect';
import { useAuth } from '../../auth/AuthContext';
import { managedStations } from '../stations/stationTree';
import { useStations } from '../stations/useStations';
import { bookingsAtStake, defaultPeriod, localDaysOf, type BookingsAtStake } from './closuresModel';
import { useAddLocalDay, useCalendarPeriod, useRemoveLocalDay } from './useLocalDays';
import { Notice } from '../../components/Notice';

type Kind = CalendarDayDto['kind'];
type Weekday = '1' | '2' | '3' | '4' | '5' | '6' | '7';

/**
 * /stations/closures: the days a station or the whole network closes (a typhoon, a move) or opens
 * when it normally would not. A closure over live bookings asks the coordinator first, with
 * the count, and cancels them (each worker told by SMS) only once confirmed.
 */
export default function ClosuresPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('closures.title')} · ${t('app.name')}`);
  const stations = useStations(true);
  const [notice, setNotice] = useState<string | null>(null);
  const names = new Map((stations.data ?? []).map((s) => [s.id, s.name]));
  // A district's coordinator closes their own stations; a day for the whole network is the network's coordinators' (the server's rule).
  const { user } = useAuth();
  const managed = managedStations(user, stations.data ?? []);
  const stationLabel = (id: number | null) => (id === null ? t('closures.wholeNetwork') : (names.get(id) ?? `#${id}`));

  return (
    <section className="page closures-page">
      <header className="page-header">
        <div>
          <h1>{t('closures.title')}</h1>
          <p className="muted">{t('closures.subtitle')}</p>
        </div>
        <div className="page-actions">
          <Link className="btn btn-ghost" to="/stations">
            ← {t('closures.back')}
          </Link>
        </div>
      </header>
      <Notice text={notice} />
      <ErrorMessage error={stations.error} onRetry={() => void stations.refetch()} />
      <div className="split split-open">
        <aside className="split-side" aria-labelledby="closure-form-title">
          <LocalDayForm
            stations={managed ? (stations.data ?? []).filter((s) => managed.has(s.id)) : (stations.data ?? [])}
            ownStationId={managed ? (user?.stationId ?? undefined) : undefined}
            stationLabel={stationLabel}
            onSaved={(day) => {
              const saved = t('closures.saved', { date: day.date, name: day.name, station: stationLabel(day.stationId), kind: t(`closures.kind.${day.kind}`) });
              const cancelled = day.cancelledBookings ? t('closures.savedCancelled', { count: day.cancelledBookings }) : '';
              setNotice(`${saved}${cancelled}`);
            }}
            onEdit={() => setNotice(null)}
          />
        </aside>
        <div className="split-main">
          <LocalDayList stationLabel={stationLabel} managed={managed} onRemoved={(day) => setNotice(t('closures.removed', { date: day.date, name: day.name }))} />
        </div>
      </div>
    </section>
  );
}

function LocalDayForm({
  stations,
  ownStationId,
  stationLabel,
  onSaved,
  onEdit,
}: {
  stations: readonly Station[];
  /** Set for a district's coordinator: the form starts on their station and offers no day for the whole network. */
  ownStationId?: number;
  stationLabel: (id: number | null) => string;
  onSaved: (day: CalendarDayDto) => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const today = networkDate();
  const [date, setDate] = useState(today);
  const [kind, setKind] = useState<Kind>('holiday');
  const [name, setName] = useState('');
  const [chosenStation, setStationId] = useState<number | undefined>(undefined);
  // A district's coordinator starts on their own station (known once the account has loaded); no "whole network" for them.
  const stationId = chosenStation ?? ownStationId;
  const add = useAddLocalDay();
  const stake = bookingsAtStake(add.error);
  const errors = isApiError(add.error, 400) ? add.error.fieldErrors() : {};
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, isApiError(add.error, 400) ? add.error : null);

  // What the coordinator confirms must be what they see: any edit drops the question.
  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    onEdit();
    if (add.error) add.reset();
  };
  const save = (cancelBookings: boolean) =>
    add.mutate(
      { date, kind, name, stationId: stationId ?? null, ...(cancelBookings ? { cancelBookings: true } : {}) },
      {
        onSuccess: (day) => {
          setName('');
          onSaved(day);
        },
      },
    );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    onEdit();
    save(false);
  };

  return (
    <form ref={formRef} className="card form closure-form" onSubmit={onSubmit} noValidate>
      <h2 id="closure-form-title">{t('closures.form.title')}</h2>
      {!stake && <ErrorMessage error={add.error} />}
      <UnplacedErrors error={add.error} fields={['date', 'kind', 'name', 'stationId', 'cancelBookings', 'bookings']} />
      <Field label={t('closures.form.date')} error={errors.date}>
        {(p) => <DateInput {...p} value={date} min={today} required onChange={(e) => edit(setDate)(e.target.value)} />}
      </Field>
      <fieldset className="closure-kinds">
        <legend>{t('closures.form.kind')}</legend>
        {(['holiday', 'workday'] as const).map((k) => (
          <label key={k} className={`check closure-kind closure-kind-${k}`}>
            <input type="radio" name="closure-kind" value={k} checked={kind === k} onChange={() => edit(setKind)(k)} />
            <span>
              <strong>{t(`closures.kind.${k}`)}</strong>
              <small className="muted">{t(`closures.kindHint.${k}`)}</small>
            </span>
          </label>
        ))}
      </fieldset>
      <Field label={t('closures.form.name')} error={errors.name} hint={kind === 'holiday' ? t('closures.form.nameHint') : undefined}>
        {(p) => (
          <input
            {...p}
            value={name}
            maxLength={100}
            required
            placeholder={t('closures.form.namePlaceholder')}
            onChange={(e) => edit(setName)(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('closures.form.scope')} error={errors.stationId}>
        {(p) => <StationSelect {...p} stations={stations} value={stationId} emptyLabel={ownStationId === undefined ? t('closures.wholeNetwork') : undefined} onChange={edit(setStationId)} />}
      </Field>
      {stake ? (
        <StakePanel
          stake={stake}
          title={t('closures.stake.closeTitle', { count: stake.total, date })}
          showStations={stationId === undefined || stake.byStation.length > 1}
          stationLabel={stationLabel}
          confirmLabel={t('closures.stake.confirmClose', { count: stake.total })}
          backLabel={t('closures.stake.back')}
          pending={add.isPending}
          onConfirm={() => save(true)}
          onBack={() => add.reset()}
        />
      ) : (
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={add.isPending}>
            {add.isPending ? t('closures.form.submitting') : t('closures.form.submit')}
          </button>
        </div>
      )}
    </form>
  );
}

function LocalDayList({
  stationLabel,
  managed,
  onRemoved,
}: {
  stationLabel: (id: number | null) => string;
  /** A district's coordinator's stations: the days of others (and the whole network's) are shown, not removable. */
  managed: ReadonlySet<number> | null;
  onRemoved: (day: CalendarDayDto) => void;
}) {
  const { t } = useTranslation();
  const today = networkDate();
  const [period, setPeriod] = useState(() => defaultPeriod(today));
  const days = useCalendarPeriod(period.from, period.to);
  const remove = useRemoveLocalDay();
  const [removing, setRemoving] = useState<CalendarDayDto | null>(null);
  const local = localDaysOf(days.data);
  const stake = removing ? bookingsAtStake(remove.error) : null;

  const removeDay = (day: CalendarDayDto, cancelBookings = false) => {
    setRemoving(day);
    remove.mutate(
      { id: day.id!, cancelBookings },
      {
        onSuccess: () => {
          setRemoving(null);
          onRemoved(day);
        },
      },
    );
  };
  const backOut = () => {
    setRemoving(null);
    remove.reset();
  };

  return (
    <section className="card closure-list-card" aria-labelledby="closure-list-title">
      <div className="closure-list-head">
        <h2 id="closure-list-title">{t('closures.list.title')}</h2>
        {days.data && <span className="muted small">{t('closures.list.count', { count: local.length })}</span>}
      </div>
      <div className="closure-period">
        <Field label={t('closures.list.from')}>
          {(p) => <DateInput {...p} value={period.from} onChange={(e) => setPeriod((v) => ({ ...v, from: e.target.value }))} />}
        </Field>
        <Field label={t('closures.list.to')}>
          {(p) => <DateInput {...p} value={period.to} min={period.from} onChange={(e) => setPeriod((v) => ({ ...v, to: e.target.value }))} />}
        </Field>
      </div>
      {days.isPending && <Loading />}
      <ErrorMessage error={days.error} onRetry={() => void days.refetch()} />
      {!stake && <ErrorMessage error={remove.error} />}
      {days.data && local.length === 0 && <p className="muted">{t('closures.list.empty')}</p>}
      {local.length > 0 && (
        <ul className="closure-list">
          {local.map((d) => {
            const past = d.date < today;
            const asked = removing?.id === d.id && stake;
            return (
              <li key={d.id} className={`closure-item closure-item-${d.kind}${past ? ' is-past' : ''}`} data-date={d.date}>
                <div className="closure-when">
                  <strong className="closure-date">{d.date}</strong>
                  <span className="muted">{t(`weekday.${String(isoWeekday(d.date)) as Weekday}`)}</span>
                </div>
                <div className="closure-what">
                  <span className={`badge closure-badge-${d.kind}`}>{t(`closures.kind.${d.kind}`)}</span>
                  <span className="closure-name">{d.name}</span>
                  <span className="closure-scope muted">{stationLabel(d.stationId)}</span>
                </div>
                {past ? (
                  <span className="badge badge-muted">{t('closures.list.past')}</span>
                ) : managed && (d.stationId === null || !managed.has(d.stationId)) ? null : (
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    disabled={remove.isPending || !!asked}
                    aria-label={t('closures.list.removeLabel', { date: d.date, name: d.name })}
                    onClick={() => {
                      if (window.confirm(t('closures.confirmRemove', { date: d.date, name: d.name }))) removeDay(d);
                    }}
                  >
                    {t('closures.list.remove')}
                  </button>
                )}
                {asked && (
                  <StakePanel
                    stake={stake}
                    title={t('closures.stake.removeTitle', { count: stake.total, date: d.date })}
                    showStations={d.stationId === null}
                    stationLabel={stationLabel}
                    confirmLabel={t('closures.stake.confirmRemove', { count: stake.total })}
                    backLabel={t('closures.stake.backRemove')}
                    pending={remove.isPending}
                    onConfirm={() => removeDay(d, true)}
                    onBack={backOut}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The bookings a change would cancel, and the choice: go ahead (workers are told by SMS) or back out. */
function StakePanel({
  stake,
  title,
  showStations,
  stationLabel,
  confirmLabel,
  backLabel,
  pending,
  onConfirm,
  onBack,
}: {
  stake: BookingsAtStake;
  title: string;
  showStations: boolean;
  stationLabel: (id: number | null) => string;
  confirmLabel: string;
  backLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div ref={ref} className="stake-panel" role="alert" tabIndex={-1}>
      <strong className="stake-title">{title}</strong>
      {showStations && (
        <ul className="stake-stations">
          {stake.byStation.map((s) => (
            <li key={s.stationId}>{t('closures.stake.byStation', { station: stationLabel(s.stationId), count: s.count })}</li>
          ))}
        </ul>
      )}
      <p>{t('closures.stake.explain')}</p>
      <div className="form-actions">
        <button type="button" className="btn btn-danger-solid" disabled={pending} onClick={onConfirm}>
          {pending ? t('common.saving') : confirmLabel}
        </button>
        <button type="button" className="btn" disabled={pending} onClick={onBack}>
          {backLabel}
        </button>
      </div>
    </div>
  );
}
