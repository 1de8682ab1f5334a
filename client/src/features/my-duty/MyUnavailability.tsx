import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, UnplacedErrors, useFocusFirstError } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { networkDate } from '../../lib/dates';
import { useAddUnavailability, useRemoveUnavailability, useUnavailability } from '../lawyers/useLawyers';
import { shortDate } from '../swaps/swapFormat';

/** My leave and court dates: the roster and swaps keep me off these days. Past ones are folded away. */
export function MyUnavailability({ lawyerId }: { lawyerId: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  const list = useUnavailability(lawyerId);
  const add = useAddUnavailability(lawyerId);
  const remove = useRemoveUnavailability(lawyerId);
  const today = networkDate();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [reason, setReason] = useState('');
  const errors = isApiError(add.error) ? add.error.fieldErrors() : {};
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, add.error);

  const current = useMemo(
    () => [...(list.data ?? [])].filter((u) => u.to >= today).sort((a, b) => a.from.localeCompare(b.from)),
    [list.data, today],
  );
  const past = (list.data?.length ?? 0) - current.length;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ from, to, reason: reason.trim() }, { onSuccess: () => setReason('') });
  };

  const span = (f: string, tt: string) => (f === tt ? shortDate(f, lang) : `${shortDate(f, lang)} – ${shortDate(tt, lang)}`);

  return (
    <section className="card my-duty-section" aria-labelledby="my-unavail-title">
      <h2 id="my-unavail-title">{t('myDuty.unavailability.title')}</h2>
      <p className="muted small">{t('myDuty.unavailability.hint')}</p>
      {list.isPending && <Loading />}
      <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
      <ErrorMessage error={remove.error} />
      {list.data && current.length === 0 && <p className="muted">{t('myDuty.unavailability.empty')}</p>}
      {current.length > 0 && (
        <ul className="unavail-list">
          {current.map((u) => (
            <li key={u.id}>
              <span className="unavail-dates">{span(u.from, u.to)}</span>
              <span className="unavail-reason">{u.reason}</span>
              <button
                type="button"
                className="btn btn-small btn-danger"
                disabled={remove.isPending}
                aria-label={t('myDuty.unavailability.removeLabel', { dates: span(u.from, u.to) })}
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
      {past > 0 && <p className="muted small">{t('myDuty.unavailability.past', { count: past })}</p>}

      <form ref={formRef} className="unavail-form" onSubmit={onSubmit} noValidate>
        <ErrorMessage error={add.error} />
        <UnplacedErrors error={add.error} fields={['from', 'to', 'reason']} />
        <div className="form-grid">
          <Field label={t('lawyers.unavailability.from')} error={errors.from}>
            {(p) => (
              <DateInput
                {...p}
                value={from}
                min={today}
                required
                onChange={(e) => {
                  setFrom(e.target.value);
                  if (to < e.target.value) setTo(e.target.value);
                }}
              />
            )}
          </Field>
          <Field label={t('lawyers.unavailability.to')} error={errors.to}>
            {(p) => <DateInput {...p} value={to} min={from} required onChange={(e) => setTo(e.target.value)} />}
          </Field>
          <Field label={t('lawyers.unavailability.reason')} error={errors.reason} className="span-2">
            {(p) => (
              <input
                {...p}
                value={reason}
                maxLength={200}
                placeholder={t('myDuty.unavailability.reasonPlaceholder')}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
        </div>
        <button type="submit" className="btn" disabled={add.isPending}>
          {add.isPending ? t('common.saving') : t('lawyers.unavailability.add')}
        </button>
      </form>
    </section>
  );
}
