import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPUTE_CATEGORIES } from '../../../../server/domain/categories';
import { isApiError, type CreateLawyerBody, type DisputeCategory, type Lawyer, type Station } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, FieldError, UnplacedErrors, useFocusFirstError } from '../../components/Field';
import { errorsUnder } from '../../lib/fieldErrors';
import { useSaveLawyer } from './useLawyers';
import { FormActions } from '../../components/FormActions';

const FIELD_NAMES = ['name', 'phone', 'firm', 'specialties', 'stationIds', 'maxShiftsPerMonth', 'active'] as const;

interface Draft {
  name: string;
  phone: string;
  firm: string;
  specialties: DisputeCategory[];
  stationIds: number[];
  maxShiftsPerMonth: string;
  active: boolean;
}

function draftOf(l: Lawyer | null): Draft {
  return {
    name: l?.name ?? '',
    phone: l?.phone ?? '',
    firm: l?.firm ?? '',
    specialties: l?.specialties ?? [],
    stationIds: l?.stationIds ?? [],
    maxShiftsPerMonth: l?.maxShiftsPerMonth == null ? '' : String(l.maxShiftsPerMonth),
    active: l?.active ?? true,
  };
}

function bodyOf(d: Draft): CreateLawyerBody {
  const cap = d.maxShiftsPerMonth.trim();
  return {
    name: d.name,
    phone: d.phone.replace(/[\s-]/g, ''),
    firm: d.firm,
    // Sent as typed so that a bad value comes back as the server's message on this field.
    maxShiftsPerMonth: (cap === '' ? null : Number.isNaN(Number(cap)) ? cap : Number(cap)) as number | null,
    specialties: d.specialties,
    stationIds: d.stationIds,
    active: d.active,
  };
}

const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));

interface Props {
  lawyer: Lawyer | null;
  stations: readonly Station[];
  onDone: (saved: Lawyer) => void;
  onCancel: () => void;
}

export function LawyerForm({ lawyer, stations, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(lawyer));
  const save = useSaveLawyer();
  const errors = isApiError(save.error) ? save.error.fieldErrors() : {};
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, save.error);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const mainStations = stations.filter((s) => s.level !== 'village');
  const villages = stations.filter((s) => s.level === 'village');

  const stationBox = (s: Station) => (
    <label key={s.id} className="check">
      <input
        type="checkbox"
        checked={draft.stationIds.includes(s.id)}
        onChange={(e) => set('stationIds', toggle(draft.stationIds, s.id, e.target.checked))}
      />
      {s.name}
    </label>
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ id: lawyer?.id ?? null, body: bodyOf(draft) }, { onSuccess: onDone });
  };

  return (
    <form ref={formRef} className="card form" onSubmit={onSubmit} noValidate aria-labelledby="lawyer-form-title">
      <h2 id="lawyer-form-title">{lawyer ? t('lawyers.editTitle', { name: lawyer.name }) : t('lawyers.newTitle')}</h2>
      <ErrorMessage error={save.error} />
      <UnplacedErrors error={save.error} fields={FIELD_NAMES} />

      <div className="form-grid">
        <Field label={t('lawyers.fields.name')} error={errors.name}>
          {(p) => <input {...p} value={draft.name} required maxLength={50} onChange={(e) => set('name', e.target.value)} />}
        </Field>
        <Field label={t('lawyers.fields.phone')} error={errors.phone}>
          {(p) => <input {...p} type="tel" inputMode="numeric" value={draft.phone} onChange={(e) => set('phone', e.target.value)} />}
        </Field>
        <Field label={t('lawyers.fields.firm')} error={errors.firm} className="span-2">
          {(p) => <input {...p} value={draft.firm} required maxLength={100} onChange={(e) => set('firm', e.target.value)} />}
        </Field>
        <Field label={t('lawyers.fields.maxShiftsPerMonth')} error={errors.maxShiftsPerMonth} hint={t('lawyers.fields.maxShiftsHint')}>
          {(p) => (
            <input {...p} type="number" min={1} max={31} value={draft.maxShiftsPerMonth} onChange={(e) => set('maxShiftsPerMonth', e.target.value)} />
          )}
        </Field>
      </div>

      <fieldset className={`checks${errorsUnder(errors, 'specialties', t('common.sentenceSeparator')) ? ' field-invalid' : ''}`}>
        <legend>{t('lawyers.fields.specialties')}</legend>
        <div className="check-grid">
          {DISPUTE_CATEGORIES.map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={draft.specialties.includes(c)}
                onChange={(e) => set('specialties', toggle(draft.specialties, c, e.target.checked))}
              />
              {t(`category.${c}`)}
            </label>
          ))}
        </div>
        <FieldError message={errorsUnder(errors, 'specialties', t('common.sentenceSeparator'))} />
      </fieldset>

      <fieldset className={`checks${errorsUnder(errors, 'stationIds', t('common.sentenceSeparator')) ? ' field-invalid' : ''}`}>
        <legend>{t('lawyers.fields.stationIds')}</legend>
        <div className="check-grid">{mainStations.map(stationBox)}</div>
        {villages.length > 0 && (
          <details>
            <summary>
              {t('levelPlural.village')} ({villages.length})
            </summary>
            <div className="check-grid">{villages.map(stationBox)}</div>
          </details>
        )}
        <FieldError message={errorsUnder(errors, 'stationIds', t('common.sentenceSeparator'))} />
      </fieldset>

      <label className="check">
        <input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} />
        {t('lawyers.fields.active')}
      </label>

      <FormActions busy={save.isPending} label={t('common.save')} onCancel={onCancel} />
    </form>
  );
}
