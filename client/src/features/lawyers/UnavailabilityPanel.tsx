import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type Lawyer } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, UnplacedErrors, useFocusFirstError } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { networkDate } from '../../lib/dates';
import { useAddUnavailability, useRemoveUnavailability, useUnavailability } from './useLawyers';

/** A lawyer's leave and court dates: list, record, remove. */
export function UnavailabilityPanel({ lawyer }: { lawyer: Lawyer }) {
  const { t } = useTranslation();
  const list = useUnavailability(lawyer.id);
  const add = useAddUnavailability(lawyer.id);
  const remove = useRemoveUnavailability(lawyer.id);
  const today = networkDate();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [reason, setReason] = useState('');
  const errors = isApiError(add.error) ? add.error.fieldErrors() : {};
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, add.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ from, to, reason }, { onSuccess: () => setReason('') });
  };

  return (
    <section className="card" aria-labelledby={`unavail-${lawyer.id}`}>
      <h2 id={`unavail-${lawyer.id}`}>
        {t('lawyers.unavailability.title')} · {lawyer.name}
      </h2>
      <p className="muted small">{t('lawyers.unavailability.hint')}</p>
      {list.isPending && <Loading />}
      <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
      <ErrorMessage error={remove.error} />
      {list.data && list.data.length === 0 && <p className="muted">{t('lawyers.unavailability.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="unavail-list">
          {[...list.data]
            .sort((a, b) => a.from.localeCompare(b.from))
            .map((u) => (
              <li key={u.id} className={u.to < today ? 'is-past' : undefined}>
                <span className="unavail-dates">
                  {u.from === u.to ? u.from : `${u.from} – ${u.to}`}
                </span>
                <span className="unavail-reason">{u.reason}</span>
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  disabled={remove.isPending}
                  onClick={() => {
                    if (window.confirm(t('lawyers.unavailability.confirmRemove', { from: u.from, to: u.to }))) remove.mutate(u.id);
                  }}
                >
                  {t('lawyers.unavailability.remove')}
                </button>
              </li>
            ))}
        </ul>
      )}

      <form ref={formRef} className="unavail-form" onSubmit={onSubmit} noValidate>
        <ErrorMessage error={add.error} />
        <UnplacedErrors error={add.error} fields={['from', 'to', 'reason']} />
        <div className="form-grid form-grid-3">
          <Field label={t('lawyers.unavailability.from')} error={errors.from}>
            {(p) => <DateInput {...p} value={from} required onChange={(e) => setFrom(e.target.value)} />}
          </Field>
          <Field label={t('lawyers.unavailability.to')} error={errors.to}>
            {(p) => <DateInput {...p} value={to} min={from} required onChange={(e) => setTo(e.target.value)} />}
          </Field>
          <Field label={t('lawyers.unavailability.reason')} error={errors.reason}>
            {(p) => <input {...p} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        </div>
        <button type="submit" className="btn" disabled={add.isPending}>
          {add.isPending ? t('common.saving') : t('lawyers.unavailability.add')}
        </button>
      </form>
    </section>
  );
}
