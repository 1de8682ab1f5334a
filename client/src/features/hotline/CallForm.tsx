import { Fragment, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type CreateCallBody, type DisputeCategory, type HotlineCall, type HotlineOutcome, type Station } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, FieldError, UnplacedErrors, useFocusFirstError } from '../../components/Field';
import { addDays, networkDate } from '../../lib/dates';
import { CATEGORIES, formatDuration, fromLocalInput, OUTCOMES, parseDuration, toLocalInput } from './hotlineModel';
import { StationSelect } from './StationSelect';
import { useCreateCall } from './useHotline';

const FIELD_NAMES = [
  'stationId',
  'receivedAt',
  'category',
  'summary',
  'durationSeconds',
  'outcome',
  'followUpDate',
  'callerName',
  'callerPhone',
  'callerConsent',
] as const;

interface Draft {
  stationId: number | undefined;
  receivedAt: string;
  /** Untouched, the time is left to the server ("now" when the call is saved). */
  timeTouched: boolean;
  category: DisputeCategory | '';
  summary: string;
  duration: string;
  outcome: HotlineOutcome;
  followUpDate: string;
  /** The caller agreed to their name and number being recorded; without it both stay empty. */
  consent: boolean;
  callerName: string;
  callerPhone: string;
}

function freshDraft(stationId: number | undefined): Draft {
  return {
    stationId,
    receivedAt: toLocalInput(),
    timeTouched: false,
    category: '',
    summary: '',
    duration: '',
    outcome: 'answered',
    followUpDate: '',
    consent: false,
    callerName: '',
    callerPhone: '',
  };
}

/**
 * A desk with a keyboard and mouse: the summary takes focus when the page opens and after
 * each call. Not on phones and tablets, where focus pops up the on-screen keyboard and
 * scrolls the page down to the summary before the user has seen the page.
 */
function keyboardFirst(): boolean {
  return typeof window !== 'undefined' && window.matchMedia('(min-width: 640px) and (hover: hover) and (pointer: fine)').matches;
}

/** Typing targets, where a plain digit is text and not a shortcut. */
function isTextEntry(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || el.isContentEditable) return true;
  return el instanceof HTMLInputElement && !['radio', 'checkbox', 'button', 'submit'].includes(el.type);
}

/** Long labels (解除/终止劳动关系) may wrap only after their slashes. */
function breakAtSlashes(label: string) {
  return label.split('/').map((part, i, all) => (
    <Fragment key={i}>
      {part}
      {i < all.length - 1 && (
        <>
          /<wbr />
        </>
      )}
    </Fragment>
  ));
}

/** 1–9 from the top row or the keypad, else null. */
function digitOf(code: string): number | null {
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(code);
  return m ? Number(m[1]) : null;
}

interface Props {
  stations: readonly Station[];
  defaultStationId: number | undefined;
  onLogged: (call: HotlineCall) => void;
}

/**
 * Logging a call from the keyboard: 1–9 (Alt+1–9 while typing) picks the category,
 * Enter saves (Shift+Enter is a new line in the summary), and focus goes back to the
 * summary for the next call.
 */
export function CallForm({ stations, defaultStationId, onLogged }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => freshDraft(defaultStationId));
  const [durationError, setDurationError] = useState<string | undefined>();
  const [categoryMissing, setCategoryMissing] = useState(false);
  const create = useCreateCall();
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLTextAreaElement>(null);
  const [autoFocus] = useState(keyboardFirst);
  useFocusFirstError(formRef, create.error);
  const errors = isApiError(create.error) ? create.error.fieldErrors() : {};

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  // The stations arrive after the first render.
  useEffect(() => {
    if (draft.stationId === undefined && defaultStationId !== undefined) set('stationId', defaultStationId);
  }, [defaultStationId, draft.stationId]);

  // Keep the untouched clock current, so a form left open still says "now".
  useEffect(() => {
    if (draft.timeTouched) return;
    const timer = setInterval(() => setDraft((d) => (d.timeTouched ? d : { ...d, receivedAt: toLocalInput() })), 20_000);
    return () => clearInterval(timer);
  }, [draft.timeTouched]);

  // 1–9 choose the category: anywhere with Alt, or without while not typing in a field.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const n = digitOf(e.code);
      if (n === null || e.ctrlKey || e.metaKey || e.shiftKey || e.isComposing) return;
      const inForm = formRef.current?.contains(e.target as Node) || e.target === document.body;
      if (!e.altKey && (!inForm || isTextEntry(e.target))) return;
      const category = CATEGORIES[n - 1];
      if (!category) return;
      e.preventDefault();
      set('category', category);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const chooseOutcome = (outcome: HotlineOutcome) =>
    setDraft((d) => ({
      ...d,
      outcome,
      // A call-back is usually owed the next day.
      followUpDate: outcome === 'callback_needed' ? d.followUpDate || addDays(networkDate(), 1) : '',
    }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    const seconds = parseDuration(draft.duration);
    setCategoryMissing(!draft.category);
    if (!draft.category) {
      formRef.current?.querySelector<HTMLInputElement>('input[name="category"]')?.focus();
      return;
    }
    if (seconds === null) {
      setDurationError(draft.duration.trim() ? t('hotline.form.durationInvalid') : t('hotline.form.durationRequired'));
      formRef.current?.querySelector<HTMLInputElement>('[name="duration"]')?.focus();
      return;
    }
    setDurationError(undefined);
    const body = {
      stationId: draft.stationId,
      receivedAt: draft.timeTouched ? fromLocalInput(draft.receivedAt) : undefined,
      category: draft.category || undefined,
      summary: draft.summary,
      durationSeconds: seconds,
      outcome: draft.outcome,
      followUpDate: draft.outcome === 'callback_needed' ? draft.followUpDate || null : undefined,
      // Without the caller's consent nothing about them is sent.
      callerName: (draft.consent && draft.callerName.trim()) || undefined,
      callerPhone: (draft.consent && draft.callerPhone.trim()) || undefined,
      callerConsent: draft.consent || undefined,
    } as CreateCallBody;
    create.mutate(body, {
      onSuccess: (call) => {
        onLogged(call);
        setDraft((d) => freshDraft(d.stationId));
        if (keyboardFirst()) summaryRef.current?.focus();
      },
    });
  };

  // Enter saves from any field; Shift+Enter is a new line in the summary; an IME's Enter is its own.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
    const target = e.target as HTMLElement;
    if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement) return;
    e.preventDefault();
    formRef.current?.requestSubmit();
  };

  const categoryError = categoryMissing && !draft.category ? t('hotline.form.categoryRequired') : errors.category;
  const durationMessage = durationError ?? errors.durationSeconds;

  return (
    <form
      ref={formRef}
      className="card form call-form"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
      aria-labelledby="call-form-title"
      aria-describedby="call-form-keys"
    >
      <div className="call-form-head">
        <div>
          <h2 id="call-form-title">{t('hotline.form.title')}</h2>
          <p id="call-form-keys" className="muted small call-form-keys">
            {t('hotline.form.keys')}
          </p>
        </div>
        <div className="call-form-context">
          <Field label={t('hotline.fields.station')} error={errors.stationId}>
            {(p) => <StationSelect {...p} stations={stations} value={draft.stationId} onChange={(id) => set('stationId', id)} />}
          </Field>
          <Field label={t('hotline.fields.receivedAt')} error={errors.receivedAt}>
            {(p) => (
              <div className="input-with-button">
                <DateInput
                  {...p}
                  type="datetime-local"
                  value={draft.receivedAt}
                  max={toLocalInput()}
                  onChange={(e) => setDraft((d) => ({ ...d, receivedAt: e.target.value, timeTouched: true }))}
                />
                {draft.timeTouched && (
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() => setDraft((d) => ({ ...d, receivedAt: toLocalInput(), timeTouched: false }))}
                  >
                    {t('hotline.form.now')}
                  </button>
                )}
              </div>
            )}
          </Field>
        </div>
      </div>
      <ErrorMessage error={create.error} />
      <UnplacedErrors error={create.error} fields={FIELD_NAMES} />

      <fieldset className={`hl-category-field${categoryError ? ' field-invalid' : ''}`} aria-describedby={categoryError ? 'call-category-error' : undefined}>
        <legend>
          {t('hotline.fields.category')} <span className="muted small">{t('hotline.form.categoryKeys')}</span>
        </legend>
        <div className="hl-category-tiles">
          {CATEGORIES.map((c, i) => (
            <label key={c} className={`hl-category-tile${draft.category === c ? ' is-on' : ''}`}>
              <input
                type="radio"
                name="category"
                value={c}
                checked={draft.category === c}
                onChange={() => set('category', c)}
              />
              <kbd aria-hidden="true">{i + 1}</kbd>
              <span className="hl-category-name">{breakAtSlashes(t(`category.${c}`))}</span>
            </label>
          ))}
        </div>
        <FieldError id="call-category-error" message={categoryError} />
      </fieldset>

      <Field label={t('hotline.fields.summary')} error={errors.summary} hint={t('hotline.form.summaryHint')}>
        {(p) => (
          <textarea
            {...p}
            ref={summaryRef}
            name="summary"
            rows={2}
            maxLength={2000}
            autoFocus={autoFocus}
            value={draft.summary}
            onChange={(e) => set('summary', e.target.value)}
          />
        )}
      </Field>

      <fieldset className={`outcome-field${errors.outcome ? ' field-invalid' : ''}`}>
        <legend>{t('hotline.fields.outcome')}</legend>
        <div className="pill-radios">
          {OUTCOMES.map((o) => (
            <label key={o} className={`pill-radio${draft.outcome === o ? ' is-on' : ''}`}>
              <input type="radio" name="outcome" value={o} checked={draft.outcome === o} onChange={() => chooseOutcome(o)} />
              <span>{t(`hotline.outcome.${o}`)}</span>
            </label>
          ))}
        </div>
        <FieldError message={errors.outcome} />
      </fieldset>

      <div className="call-form-row">
        <Field label={t('hotline.fields.duration')} error={durationMessage} hint={t('hotline.form.durationHint')}>
          {(p) => (
            <input
              {...p}
              name="duration"
              inputMode="numeric"
              placeholder="3:20"
              className="mono"
              value={draft.duration}
              onChange={(e) => set('duration', e.target.value)}
              onBlur={() => {
                const s = parseDuration(draft.duration);
                if (s !== null) set('duration', formatDuration(s));
              }}
            />
          )}
        </Field>
        {draft.outcome === 'callback_needed' && (
          <Field label={t('hotline.fields.followUpDate')} error={errors.followUpDate}>
            {(p) => (
              <DateInput
                {...p}
                required
                min={networkDate()}
                value={draft.followUpDate}
                onChange={(e) => set('followUpDate', e.target.value)}
              />
            )}
          </Field>
        )}
        <div className={`field hl-consent-field${errors.callerConsent ? ' field-invalid' : ''}`}>
          <span className="hl-consent-label">{t('hotline.fields.callerConsent')}</span>
          <label className="check hl-consent-check">
            <input
              type="checkbox"
              name="callerConsent"
              checked={draft.consent}
              aria-describedby="call-consent-hint"
              onChange={(e) => setDraft((d) => ({ ...d, consent: e.target.checked, ...(e.target.checked ? {} : { callerName: '', callerPhone: '' }) }))}
            />
            {t('hotline.form.consent')}
          </label>
          <small id="call-consent-hint" className="field-hint">
            {t('hotline.form.consentHint')}
          </small>
          <FieldError message={errors.callerConsent} />
        </div>
        <Field label={<>{t('hotline.fields.callerName')} <span className="muted small">{t('common.optional')}</span></>} error={errors.callerName}>
          {(p) => (
            <input
              {...p}
              name="callerName"
              maxLength={50}
              autoComplete="off"
              disabled={!draft.consent}
              placeholder={draft.consent ? '' : t('hotline.form.consentFirst')}
              value={draft.callerName}
              onChange={(e) => set('callerName', e.target.value)}
            />
          )}
        </Field>
        <Field label={<>{t('hotline.fields.callerPhone')} <span className="muted small">{t('common.optional')}</span></>} error={errors.callerPhone}>
          {(p) => (
            <input
              {...p}
              type="tel"
              name="callerPhone"
              inputMode="tel"
              maxLength={40}
              autoComplete="off"
              disabled={!draft.consent}
              value={draft.callerPhone}
              onChange={(e) => set('callerPhone', e.target.value)}
            />
          )}
        </Field>
        <div className="call-form-submit">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('hotline.form.submit')}
            <kbd aria-hidden="true">Enter</kbd>
          </button>
        </div>
      </div>
    </form>
  );
}
