import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisputeCategory } from '../../api/client';
import { DISPUTE_CATEGORIES } from '../../../../server/domain/categories';
import { CategoryIcon } from './icons';
import { phoneProblem } from './bookingModel';

export interface WorkerDetails {
  category: DisputeCategory | null;
  name: string;
  phone: string;
  note: string;
  consent: boolean;
}

export const EMPTY_DETAILS: WorkerDetails = { category: null, name: '', phone: '', note: '', consent: false };

type FieldName = 'category' | 'name' | 'phone' | 'consent';
export type FieldErrors = Partial<Record<FieldName, string>>;

interface Props {
  values: WorkerDetails;
  onChange: (values: WorkerDetails) => void;
  onSubmit: (values: WorkerDetails) => void;
  /** Messages for fields the server refused (already in plain words). */
  serverErrors?: FieldErrors;
  withNote: boolean;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  /** Shown above the submit button (a refusal that belongs to no field). */
  alert?: ReactNode;
}

/** The problem as big picture buttons, then name, phone, an optional note and consent; checked before sending. */
export function WorkerForm({ values, onChange, onSubmit, serverErrors = {}, withNote, pending, submitLabel, pendingLabel, alert }: Props) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const [tried, setTried] = useState(false);
  const set = <K extends keyof WorkerDetails>(key: K, value: WorkerDetails[K]) => onChange({ ...values, [key]: value });

  const problems = (v: WorkerDetails): FieldErrors => {
    const out: FieldErrors = {};
    if (!v.category) out.category = t('book.details.errors.category');
    if (!v.name.trim()) out.name = t('book.details.errors.name');
    const phone = phoneProblem(v.phone);
    if (phone) out.phone = phone === 'missing' ? t('book.details.errors.phoneMissing') : t('book.details.errors.phoneFormat');
    if (!v.consent) out.consent = t('book.details.errors.consent');
    return out;
  };
  // Messages appear once the worker has tried to send, and then follow what they type.
  const errors: FieldErrors = { ...serverErrors, ...(tried ? problems(values) : {}) };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    setTried(true);
    const found = problems(values);
    if (Object.keys(found).length > 0) {
      // After React shows the messages, take the worker to the first one.
      requestAnimationFrame(() => {
        const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
        first?.focus();
        first?.scrollIntoView({ block: 'center' });
      });
      return;
    }
    onSubmit(values);
  };

  const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

  return (
    <form ref={form} className="worker-form" onSubmit={submit} noValidate>
      <fieldset className="category-field">
        <legend>{t('book.details.categoryLegend')}</legend>
        <div className="category-grid">
          {DISPUTE_CATEGORIES.map((c) => (
            <label key={c} className={`category-tile${values.category === c ? ' is-selected' : ''}`}>
              <input
                type="radio"
                name="category"
                value={c}
                checked={values.category === c}
                onChange={() => set('category', c)}
                aria-invalid={errors.category ? true : undefined}
                aria-describedby={errors.category ? 'wf-category-error' : undefined}
              />
              <CategoryIcon category={c} />
              <span className="category-name">{t(`category.${c}`)}</span>
            </label>
          ))}
        </div>
        <FieldMessage id="wf-category-error" message={errors.category} />
      </fieldset>

      <h3>{t('book.details.contactHeading')}</h3>
      <div className="book-field">
        <label htmlFor="wf-name">{t('book.details.name')}</label>
        <input
          id="wf-name"
          name="name"
          autoComplete="name"
          maxLength={50}
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy('wf-name-hint', errors.name && 'wf-name-error')}
        />
        <p id="wf-name-hint" className="book-hint">
          {t('book.details.nameHint')}
        </p>
        <FieldMessage id="wf-name-error" message={errors.name} />
      </div>
      <div className="book-field">
        <label htmlFor="wf-phone">{t('book.details.phone')}</label>
        <input
          id="wf-phone"
          name="phone"
          type="tel"
          inputMode="numeric"
          autoComplete="tel-national"
          maxLength={20}
          value={values.phone}
          onChange={(e) => set('phone', e.target.value)}
          aria-invalid={errors.phone ? true : undefined}
          aria-describedby={describedBy('wf-phone-hint', errors.phone && 'wf-phone-error')}
        />
        <p id="wf-phone-hint" className="book-hint">
          {t('book.details.phoneHint')}
        </p>
        <FieldMessage id="wf-phone-error" message={errors.phone} />
      </div>
      {withNote && (
        <div className="book-field">
          <label htmlFor="wf-note">{t('book.details.note')}</label>
          <textarea
            id="wf-note"
            name="note"
            rows={3}
            maxLength={500}
            placeholder={t('book.details.notePlaceholder')}
            value={values.note}
            onChange={(e) => set('note', e.target.value)}
          />
        </div>
      )}

      <h3>{t('book.details.consentHeading')}</h3>
      <div className={`consent${errors.consent ? ' is-invalid' : ''}`}>
        <p id="wf-consent-text">{t('book.details.consent')}</p>
        <label className="consent-check">
          <input
            type="checkbox"
            name="consent"
            checked={values.consent}
            onChange={(e) => set('consent', e.target.checked)}
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={describedBy('wf-consent-text', errors.consent && 'wf-consent-error')}
          />
          <span>{t('book.details.consentCheck')}</span>
        </label>
        <FieldMessage id="wf-consent-error" message={errors.consent} />
      </div>

      {alert}
      <button type="submit" className="btn btn-primary btn-big btn-block" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}

function FieldMessage({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="book-error">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  ) : null;
}
