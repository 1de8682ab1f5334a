import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type DisputeCategory, type HotlineCall, type HotlineOutcome, type Station, type UpdateCallBody } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, FieldError, UnplacedErrors, useFocusFirstError } from '../../components/Field';
import { addDays, networkDate } from '../../lib/dates';
import { CATEGORIES, formatDuration, fromLocalInput, OUTCOMES, parseDuration, toLocalInput } from './hotlineModel';
import { StationSelect } from './StationSelect';
import { useUpdateCall } from './useHotline';

const FIELD_NAMES = ['stationId', 'receivedAt', 'category', 'summary', 'durationSeconds', 'outcome', 'followUpDate', 'callerName', 'callerPhone', 'callerConsent', 'version'] as const;

interface Draft {
  stationId: number | undefined;
  receivedAt: string;
  category: DisputeCategory;
  summary: string;
  duration: string;
  outcome: HotlineOutcome;
  followUpDate: string;
  consent: boolean;
  callerName: string;
  callerPhone: string;
}

function draftOf(c: HotlineCall): Draft {
  return {
    stationId: c.stationId,
    receivedAt: toLocalInput(new Date(c.receivedAt)),
    category: c.category,
    summary: c.summary,
    duration: formatDuration(c.durationSeconds),
    outcome: c.outcome,
    followUpDate: c.followUpDate ?? '',
    consent: c.callerConsent,
    callerName: c.callerName ?? '',
    callerPhone: c.callerPhone ?? '',
  };
}

/** Only what changed is sent, with the version read, so a concurrent edit answers 409. */
function changesOf(c: HotlineCall, before: Draft, d: Draft): UpdateCallBody {
  const body: UpdateCallBody = { version: c.version };
  if (d.stationId !== before.stationId) body.stationId = d.stationId;
  if (d.receivedAt !== before.receivedAt) body.receivedAt = fromLocalInput(d.receivedAt) ?? d.receivedAt;
  if (d.category !== before.category) body.category = d.category;
  if (d.summary !== before.summary) body.summary = d.summary;
  const seconds = parseDuration(d.duration);
  if (seconds !== c.durationSeconds) body.durationSeconds = (seconds ?? d.duration) as number;
  if (d.outcome !== before.outcome) body.outcome = d.outcome;
  if (d.followUpDate !== before.followUpDate || (d.outcome === 'callback_needed' && d.outcome !== before.outcome)) {
    body.followUpDate = d.outcome === 'callback_needed' ? d.followUpDate || null : null;
  }
  if (d.consent !== before.consent) body.callerConsent = d.consent;
  if (d.callerName !== before.callerName) body.callerName = d.callerName.trim() || null;
  if (d.callerPhone !== before.callerPhone) body.callerPhone = d.callerPhone.trim() || null;
  return body;
}

export function CallEditor({ call, stations, onDone }: { call: HotlineCall; stations: readonly Station[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [before] = useState(() => draftOf(call));
  const [draft, setDraft] = useState(before);
  const update = useUpdateCall();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, update.error);
  const errors = isApiError(update.error) ? update.error.fieldErrors() : {};
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const linked = call.appointmentId !== null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = changesOf(call, before, draft);
    if (Object.keys(body).length === 1) return onDone();
    update.mutate({ id: call.id, body }, { onSuccess: onDone });
  };

  return (
    <form ref={formRef} className="call-editor form" onSubmit={onSubmit} noValidate aria-label={t('hotline.edit.title', { id: call.id })}>
      <ErrorMessage error={update.error} />
      <UnplacedErrors error={update.error} fields={FIELD_NAMES} />
      <div className="call-editor-grid">
        <Field label={t('hotline.fields.station')} error={errors.stationId}>
          {(p) => <StationSelect {...p} stations={stations} value={draft.stationId} onChange={(id) => set('stationId', id)} />}
        </Field>
        <Field label={t('hotline.fields.receivedAt')} error={errors.receivedAt}>
          {(p) => <DateInput {...p} type="datetime-local" value={draft.receivedAt} onChange={(e) => set('receivedAt', e.target.value)} />}
        </Field>
        <Field label={t('hotline.fields.category')} error={errors.category}>
          {(p) => (
            <select {...p} value={draft.category} onChange={(e) => set('category', e.target.value as DisputeCategory)}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`category.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('hotline.fields.duration')} error={errors.durationSeconds}>
          {(p) => <input {...p} className="mono" value={draft.duration} onChange={(e) => set('duration', e.target.value)} />}
        </Field>
        <Field label={t('hotline.fields.outcome')} error={errors.outcome} hint={linked ? t('hotline.edit.outcomeLocked') : undefined}>
          {(p) => (
            <select
              {...p}
              value={draft.outcome}
              disabled={linked}
              onChange={(e) => {
                const outcome = e.target.value as HotlineOutcome;
                setDraft((d) => ({
                  ...d,
                  outcome,
                  followUpDate: outcome === 'callback_needed' ? d.followUpDate || addDays(networkDate(), 1) : '',
                }));
              }}
            >
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`hotline.outcome.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.outcome === 'callback_needed' && (
          <Field label={t('hotline.fields.followUpDate')} error={errors.followUpDate}>
            {(p) => <DateInput {...p} value={draft.followUpDate} onChange={(e) => set('followUpDate', e.target.value)} />}
          </Field>
        )}
        {!call.masked && (
          <>
            <div className={`field hl-consent-field${errors.callerConsent ? ' field-invalid' : ''}`}>
              <span className="hl-consent-label">{t('hotline.fields.callerConsent')}</span>
              <label className="check hl-consent-check">
                <input
                  type="checkbox"
                  checked={draft.consent}
                  onChange={(e) =>
                    // Withdrawn consent takes the name and number with it.
                    setDraft((d) => ({ ...d, consent: e.target.checked, ...(e.target.checked ? {} : { callerName: '', callerPhone: '' }) }))
                  }
                />
                {t('hotline.form.consent')}
              </label>
              <FieldError message={errors.callerConsent} />
            </div>
            <Field label={t('hotline.fields.callerName')} error={errors.callerName}>
              {(p) => <input {...p} maxLength={50} disabled={!draft.consent} value={draft.callerName} onChange={(e) => set('callerName', e.target.value)} />}
            </Field>
            <Field label={t('hotline.fields.callerPhone')} error={errors.callerPhone}>
              {(p) => (
                <input {...p} type="tel" maxLength={40} disabled={!draft.consent} value={draft.callerPhone} onChange={(e) => set('callerPhone', e.target.value)} />
              )}
            </Field>
          </>
        )}
        <Field label={t('hotline.fields.summary')} error={errors.summary} className="call-editor-summary">
          {(p) => <textarea {...p} rows={2} maxLength={2000} value={draft.summary} onChange={(e) => set('summary', e.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
