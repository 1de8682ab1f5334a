import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type DisputeCategory } from '../../api/client';
import { DISPUTE_CATEGORIES } from '../../../../server/domain/categories';
import { ErrorMessage } from '../../components/ErrorMessage';
import { normalizePhone } from '../bookings/bookingModel';
import { useWalkIn } from './useDesk';

/** A worker who came without a booking: registered and checked in at once (today, now). */
export function WalkInForm({ stationId, onDone }: { stationId: number; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const walkIn = useWalkIn();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [category, setCategory] = useState<DisputeCategory | ''>('');
  const [note, setNote] = useState('');
  const [consent, setConsent] = useState(false);
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const serverFields = isApiError(walkIn.error, 400) ? walkIn.error.fieldErrors() : {};
  const errors = {
    name: (tried && !name.trim()) || serverFields.name ? t('desk.walkIn.errors.name') : undefined,
    phone: (tried && normalizePhone(phone) === null) || serverFields.phone ? t('desk.walkIn.errors.phone') : undefined,
    category: tried && !category ? t('desk.walkIn.errors.category') : undefined,
    consent: tried && !consent ? t('desk.walkIn.errors.consent') : undefined,
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setDone(null);
    const normalized = normalizePhone(phone);
    if (!name.trim() || !normalized || !category || !consent) return;
    walkIn.mutate(
      { stationId, name: name.trim(), phone: normalized, category, consent: true, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (a) => {
          const message = t('desk.walkIn.done', { name: a.name });
          setDone(message);
          onDone(message);
          setName('');
          setPhone('');
          setCategory('');
          setNote('');
          setConsent(false);
          setTried(false);
        },
      },
    );
  };

  const describe = (hint: string | undefined, error: string | undefined, key: string) =>
    [hint, error && `${id}-${key}-error`].filter(Boolean).join(' ') || undefined;

  return (
    <form className="card form walk-in-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('desk.walkIn.title')}</h2>
      <p className="muted">{t('desk.walkIn.hint')}</p>
      {done && (
        <p className="alert alert-ok" role="status">
          {done}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('desk.walkIn.name')}</label>
        <input
          id={`${id}-name`}
          maxLength={50}
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describe(undefined, errors.name, 'name')}
        />
        {errors.name && (
          <small id={`${id}-name-error`} className="field-error">
            {errors.name}
          </small>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-phone`}>{t('desk.walkIn.phone')}</label>
        <input
          id={`${id}-phone`}
          type="tel"
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          aria-invalid={errors.phone ? true : undefined}
          aria-describedby={describe(undefined, errors.phone, 'phone')}
        />
        {errors.phone && (
          <small id={`${id}-phone-error`} className="field-error">
            {errors.phone}
          </small>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>{t('desk.walkIn.category')}</label>
        <select
          id={`${id}-category`}
          value={category}
          onChange={(e) => setCategory(e.target.value as DisputeCategory | '')}
          aria-invalid={errors.category ? true : undefined}
          aria-describedby={describe(undefined, errors.category, 'category')}
        >
          <option value="">{t('desk.walkIn.chooseCategory')}</option>
          {DISPUTE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
        {errors.category && (
          <small id={`${id}-category-error`} className="field-error">
            {errors.category}
          </small>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('desk.walkIn.note')}</label>
        <textarea id={`${id}-note`} rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <label className="check walk-in-consent">
        <input
          type="checkbox"
          checked={consent}
          onChange={(e) => setConsent(e.target.checked)}
          aria-invalid={errors.consent ? true : undefined}
          aria-describedby={describe(undefined, errors.consent, 'consent')}
        />
        <span>{t('desk.walkIn.consent')}</span>
      </label>
      {errors.consent && (
        <small id={`${id}-consent-error`} className="field-error">
          {errors.consent}
        </small>
      )}
      <ErrorMessage error={walkIn.error} />
      <button type="submit" className="btn btn-primary btn-desk btn-block" disabled={walkIn.isPending}>
        {walkIn.isPending ? t('desk.walkIn.submitting') : t('desk.walkIn.submit')}
      </button>
    </form>
  );
}
