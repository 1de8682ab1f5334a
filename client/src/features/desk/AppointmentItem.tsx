import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, OutcomeService, Role } from '../../api/client';
import { OUTCOME_SERVICES } from '../../../../server/domain/categories';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CategoryIcon } from '../bookings/icons';
import { telHref, timeOf } from '../bookings/bookingModel';
import { canCheckIn, canMarkNoShow, formatYuan, parseYuan } from './deskModel';
import { networkDate } from '../../lib/dates';
import { useUpdateAppointment } from './useDesk';

interface Props {
  appointment: Appointment;
  role: Role;
  /** Says what changed, for the page's live region. */
  onDone: (message: string) => void;
}

/** One person of the day: when, who, what about, where they are, and the next thing to do. */
export function AppointmentItem({ appointment: a, role, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const update = useUpdateAppointment();
  const [completing, setCompleting] = useState(false);
  const headingId = useId();
  // Staff and coordinators move people along; the duty lawyer only records how it ended.
  const mayCheckIn = role === 'staff' || role === 'coordinator';
  const mayComplete = mayCheckIn || role === 'lawyer';

  const mark = (status: 'checked_in' | 'no_show') => {
    if (status === 'no_show' && !window.confirm(t('desk.confirmNoShow', { name: a.name }))) return;
    update.mutate(
      { id: a.id, body: { status } },
      { onSuccess: (next) => onDone(t('desk.updated', { name: next.name, status: t(`appointmentStatus.${next.status}`) })) },
    );
  };

  return (
    <li className={`desk-row status-${a.status}`} aria-labelledby={headingId} data-appointment={a.id} data-code={a.code}>
      <div className="desk-time">
        <span className="desk-time-value">{timeOf(a.start)}</span>
        {a.source === 'walk_in' && <span className="badge badge-soft">{t('desk.walkInBadge')}</span>}
      </div>
      <div className="desk-person">
        <h3 id={headingId} className="desk-name">
          {a.name}
        </h3>
        {a.masked ? <span>{a.phone}</span> : <a href={telHref(a.phone)}>{a.phone}</a>}
        <span className="desk-code mono">{a.code}</span>
      </div>
      <div className="desk-category">
        <CategoryIcon category={a.category} size={24} />
        <span>{t(`category.${a.category}`)}</span>
        {a.note && <p className="desk-note">{t('desk.note', { note: a.note })}</p>}
        {a.outcome && (
          <p className="desk-outcome">
            {t('desk.outcomeDone', { services: a.outcome.services.map((s) => t(`outcomeService.${s}`)).join(t('common.listSeparator')) })}
            {a.outcome.amountInvolved !== null && ` · ${t('desk.amountValue', { amount: formatYuan(a.outcome.amountInvolved, i18n.language) })}`}
          </p>
        )}
      </div>
      <div className="desk-status">
        <span className={`status-pill status-${a.status}`}>{t(`appointmentStatus.${a.status}`)}</span>
        {a.checkedInAt && a.status === 'checked_in' && (
          <span className="muted small">{t('desk.checkedInAt', { time: timeOf(a.checkedInAt) })}</span>
        )}
      </div>
      <div className="desk-actions">
        {a.status === 'booked' && mayCheckIn && !canCheckIn(a, networkDate()) && <span className="muted small">{t('desk.checkInOnTheDay')}</span>}
        {mayCheckIn && canCheckIn(a, networkDate()) && (
          <button
            type="button"
            className="btn btn-primary btn-desk"
            disabled={update.isPending}
            aria-label={t('desk.checkInLabel', { name: a.name })}
            onClick={() => mark('checked_in')}
          >
            {t('desk.checkIn')}
          </button>
        )}
        {a.status === 'checked_in' && mayComplete && !completing && (
          <button
            type="button"
            className="btn btn-primary btn-desk"
            aria-label={t('desk.completeLabel', { name: a.name })}
            onClick={() => setCompleting(true)}
          >
            {t('desk.complete')}
          </button>
        )}
        {mayCheckIn && canMarkNoShow(a, new Date()) && (
          <button
            type="button"
            className="btn btn-desk"
            disabled={update.isPending}
            aria-label={t('desk.noShowLabel', { name: a.name })}
            onClick={() => mark('no_show')}
          >
            {t('desk.noShow')}
          </button>
        )}
      </div>
      {update.isError && !completing && (
        <div className="desk-row-error">
          <ErrorMessage error={update.error} />
        </div>
      )}
      {completing && (
        <OutcomeForm
          appointment={a}
          onCancel={() => setCompleting(false)}
          onSaved={(message) => {
            setCompleting(false);
            onDone(message);
          }}
        />
      )}
    </li>
  );
}

function OutcomeForm({ appointment: a, onCancel, onSaved }: { appointment: Appointment; onCancel: () => void; onSaved: (m: string) => void }) {
  const { t } = useTranslation();
  const update = useUpdateAppointment();
  const id = useId();
  const [services, setServices] = useState<OutcomeService[]>(['advice']);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const amountValue = parseYuan(amount);
  const servicesError = tried && services.length === 0 ? t('desk.outcome.errors.services') : undefined;
  const amountError = tried && Number.isNaN(amountValue) ? t('desk.outcome.errors.amount') : undefined;

  const toggle = (s: OutcomeService, on: boolean) =>
    setServices((prev) => (on ? OUTCOME_SERVICES.filter((x) => x === s || prev.includes(x)) : prev.filter((x) => x !== s)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (services.length === 0 || Number.isNaN(amountValue)) return;
    update.mutate(
      {
        id: a.id,
        body: {
          status: 'completed',
          outcome: {
            services,
            ...(amountValue !== null ? { amountInvolved: amountValue } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        },
      },
      { onSuccess: (next) => onSaved(t('desk.updated', { name: next.name, status: t(`appointmentStatus.${next.status}`) })) },
    );
  };

  return (
    <form className="desk-outcome-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} ref={title} tabIndex={-1}>{t('desk.outcome.title', { name: a.name })}</h4>
      <fieldset>
        <legend>{t('desk.outcome.services')}</legend>
        <div className="check-grid">
          {OUTCOME_SERVICES.map((s) => (
            <label key={s} className="check desk-check">
              <input
                type="checkbox"
                checked={services.includes(s)}
                onChange={(e) => toggle(s, e.target.checked)}
                aria-describedby={servicesError ? `${id}-services-error` : undefined}
              />
              {t(`outcomeService.${s}`)}
            </label>
          ))}
        </div>
        {servicesError && (
          <p id={`${id}-services-error`} className="field-error">
            {servicesError}
          </p>
        )}
      </fieldset>
      <div className="desk-outcome-fields">
        <div className="field">
          <label htmlFor={`${id}-amount`}>{t('desk.outcome.amount')}</label>
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            aria-invalid={amountError ? true : undefined}
            aria-describedby={[`${id}-amount-hint`, amountError && `${id}-amount-error`].filter(Boolean).join(' ')}
          />
          <small id={`${id}-amount-hint`} className="field-hint">
            {t('desk.outcome.amountHint')}
          </small>
          {amountError && (
            <small id={`${id}-amount-error`} className="field-error">
              {amountError}
            </small>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('desk.outcome.note')}</label>
          <textarea id={`${id}-note`} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      </div>
      <ErrorMessage error={update.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-desk" disabled={update.isPending}>
          {update.isPending ? t('desk.outcome.saving') : t('desk.outcome.save')}
        </button>
        <button type="button" className="btn btn-desk" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
