import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type CreateRotationBody, type Lawyer, type Rotation, type Station } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, FieldError, UnplacedErrors, useFocusFirstError } from '../../components/Field';
import { errorsUnder } from '../../lib/fieldErrors';
import { networkDate } from '../../lib/dates';
import { LEVELS } from '../stations/stationTree';
import { addMonths, moveItem, RRULE_PRESETS } from './rosterModel';
import { useRuleText } from './ruleText';
import { useSaveRotation } from './useRoster';
import { FormActions } from '../../components/FormActions';

const FIELD_NAMES = ['stationId', 'name', 'rrule', 'startDate', 'lawyerIds', 'shiftStart', 'shiftEnd', 'lawyersPerDay', 'active'] as const;

interface Draft {
  stationId: string;
  name: string;
  rrule: string;
  startDate: string;
  lawyerIds: number[];
  shiftStart: string;
  shiftEnd: string;
  lawyersPerDay: string;
  active: boolean;
}

function draftOf(r: Rotation | null, stationId?: number): Draft {
  return {
    stationId: r ? String(r.stationId) : stationId ? String(stationId) : '',
    name: r?.name ?? '',
    rrule: r?.rrule ?? RRULE_PRESETS[0].rrule,
    // A new rotation usually starts with the month being prepared.
    startDate: r?.startDate ?? `${addMonths(networkDate().slice(0, 7), 1)}-01`,
    lawyerIds: r?.lawyerIds ?? [],
    shiftStart: r?.shiftStart ?? '09:00',
    shiftEnd: r?.shiftEnd ?? '17:30',
    lawyersPerDay: String(r?.lawyersPerDay ?? 1),
    active: r?.active ?? true,
  };
}

function bodyOf(d: Draft): CreateRotationBody {
  const perDay = Number(d.lawyersPerDay);
  return {
    stationId: (d.stationId ? Number(d.stationId) : d.stationId) as number,
    name: d.name,
    rrule: d.rrule.trim().replace(/^RRULE:/i, ''),
    startDate: d.startDate,
    lawyerIds: d.lawyerIds,
    shiftStart: d.shiftStart,
    shiftEnd: d.shiftEnd,
    // Sent as typed so that a bad value comes back as the server's message on this field.
    lawyersPerDay: (d.lawyersPerDay.trim() === '' || Number.isNaN(perDay) ? d.lawyersPerDay : perDay) as number,
    active: d.active,
  };
}

interface Props {
  rotation: Rotation | null;
  initialStationId?: number;
  stations: readonly Station[];
  lawyers: readonly Lawyer[];
  onDone: () => void;
  onCancel: () => void;
}

export function RotationForm({ rotation, initialStationId, stations, lawyers, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const ruleText = useRuleText();
  const [draft, setDraft] = useState<Draft>(() => draftOf(rotation, initialStationId));
  const [adding, setAdding] = useState('');
  const save = useSaveRotation();
  const errors = isApiError(save.error) ? save.error.fieldErrors() : {};
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, save.error);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const stationId = Number(draft.stationId) || null;
  const lawyerById = new Map(lawyers.map((l) => [l.id, l]));
  const serving = lawyers.filter((l) => l.active && stationId !== null && l.stationIds.includes(stationId));
  const addable = serving.filter((l) => !draft.lawyerIds.includes(l.id));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ id: rotation?.id ?? null, body: bodyOf(draft) }, { onSuccess: onDone });
  };

  const lawyerError = errorsUnder(errors, 'lawyerIds', t('common.sentenceSeparator'));

  return (
    <form ref={formRef} className="card form" onSubmit={onSubmit} noValidate aria-labelledby="rotation-form-title">
      <h2 id="rotation-form-title">
        {rotation ? t('roster.rotations.editTitle', { name: rotation.name }) : t('roster.rotations.newTitle')}
      </h2>
      <ErrorMessage error={save.error} />
      <UnplacedErrors error={save.error} fields={FIELD_NAMES} />

      <Field label={t('roster.rotations.fields.station')} error={errors.stationId}>
        {(p) => (
          <select {...p} value={draft.stationId} onChange={(e) => set('stationId', e.target.value)}>
            <option value="">{t('roster.rotations.fields.chooseStation')}</option>
            {LEVELS.map((level) => (
              <optgroup key={level} label={t(`levelPlural.${level}`)}>
                {stations
                  .filter((s) => s.level === level)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>

      <Field label={t('roster.rotations.fields.name')} error={errors.name} hint={t('roster.rotations.fields.nameHint')}>
        {(p) => <input {...p} value={draft.name} maxLength={100} onChange={(e) => set('name', e.target.value)} />}
      </Field>

      <fieldset className={`rrule-field${errors.rrule ? ' field-invalid' : ''}`}>
        <legend>{t('roster.rotations.fields.rrule')}</legend>
        <div className="preset-buttons" role="group" aria-label={t('roster.rotations.fields.presets')}>
          {RRULE_PRESETS.map((p) => (
            <button
              key={p.key}
              type="button"
              className={`btn btn-small${draft.rrule === p.rrule ? ' is-on' : ''}`}
              aria-pressed={draft.rrule === p.rrule}
              onClick={() => set('rrule', p.rrule)}
            >
              {t(`roster.rotations.presets.${p.key}`)}
            </button>
          ))}
        </div>
        <Field label={t('roster.rotations.fields.rruleText')} error={errors.rrule} hint={t('roster.rotations.fields.rruleHint')}>
          {(p) => (
            <input
              {...p}
              className="mono"
              value={draft.rrule}
              spellCheck={false}
              autoCapitalize="characters"
              onChange={(e) => set('rrule', e.target.value)}
            />
          )}
        </Field>
        {draft.rrule.trim() && !errors.rrule && (
          <p className="muted small rrule-reading">
            {t('roster.rotations.fields.reads')}
            {t('common.colon')}
            {ruleText(draft.rrule.trim())}
          </p>
        )}
      </fieldset>

      <div className="form-grid">
        <Field label={t('roster.rotations.fields.startDate')} error={errors.startDate} hint={t('roster.rotations.fields.startDateHint')}>
          {(p) => <DateInput {...p} value={draft.startDate} onChange={(e) => set('startDate', e.target.value)} />}
        </Field>
        <Field label={t('roster.rotations.fields.lawyersPerDay')} error={errors.lawyersPerDay}>
          {(p) => (
            <input {...p} type="number" min={1} max={5} value={draft.lawyersPerDay} onChange={(e) => set('lawyersPerDay', e.target.value)} />
          )}
        </Field>
        <Field label={t('roster.rotations.fields.shiftStart')} error={errors.shiftStart}>
          {(p) => <input {...p} type="time" value={draft.shiftStart} onChange={(e) => set('shiftStart', e.target.value)} />}
        </Field>
        <Field label={t('roster.rotations.fields.shiftEnd')} error={errors.shiftEnd}>
          {(p) => <input {...p} type="time" value={draft.shiftEnd} onChange={(e) => set('shiftEnd', e.target.value)} />}
        </Field>
      </div>

      <fieldset className={lawyerError ? 'field-invalid' : undefined}>
        <legend>{t('roster.rotations.fields.lawyers')}</legend>
        <p className="field-hint">{t('roster.rotations.fields.lawyersHint')}</p>
        <FieldError message={lawyerError} />
        {draft.lawyerIds.length === 0 ? (
          <p className="muted small">{t('roster.rotations.fields.noLawyers')}</p>
        ) : (
          <ol className="order-list">
            {draft.lawyerIds.map((id, i) => {
              const l = lawyerById.get(id);
              const name = l?.name ?? t('coverage.unknownLawyer', { id });
              const notHere = stationId !== null && l && !l.stationIds.includes(stationId);
              return (
                <li key={id}>
                  <span className="order-num" aria-hidden="true">
                    {i + 1}
                  </span>
                  <span className="order-name">
                    {name}
                    {l && <span className="muted small">{t('common.inParens', { text: l.firm })}</span>}
                    {notHere && <span className="field-error"> {t('roster.rotations.fields.notServing')}</span>}
                    {l && !l.active && <span className="badge badge-muted">{t('common.inactive')}</span>}
                  </span>
                  <span className="order-buttons">
                    <button
                      type="button"
                      className="btn btn-icon"
                      disabled={i === 0}
                      aria-label={t('roster.rotations.fields.up', { name })}
                      onClick={() => set('lawyerIds', moveItem(draft.lawyerIds, i, -1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="btn btn-icon"
                      disabled={i === draft.lawyerIds.length - 1}
                      aria-label={t('roster.rotations.fields.down', { name })}
                      onClick={() => set('lawyerIds', moveItem(draft.lawyerIds, i, 1))}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="btn btn-icon"
                      aria-label={t('roster.rotations.fields.removeLawyer', { name })}
                      onClick={() => set('lawyerIds', draft.lawyerIds.filter((x) => x !== id))}
                    >
                      ×
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
        )}
        <div className="order-add">
          <label className="visually-hidden" htmlFor="rotation-add-lawyer">
            {t('roster.rotations.fields.addLawyer')}
          </label>
          <select id="rotation-add-lawyer" value={adding} onChange={(e) => setAdding(e.target.value)} disabled={addable.length === 0}>
            <option value="">
              {stationId === null
                ? t('roster.rotations.fields.stationFirst')
                : addable.length === 0
                  ? t('roster.rotations.fields.allAdded')
                  : t('roster.rotations.fields.addLawyer')}
            </option>
            {addable.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
                {t('common.inParens', { text: l.firm })}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-small"
            disabled={!adding}
            onClick={() => {
              set('lawyerIds', [...draft.lawyerIds, Number(adding)]);
              setAdding('');
            }}
          >
            {t('common.add')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            disabled={addable.length === 0}
            onClick={() => set('lawyerIds', [...draft.lawyerIds, ...addable.map((l) => l.id)])}
          >
            {t('roster.rotations.fields.addAll')}
          </button>
        </div>
      </fieldset>

      <label className="check">
        <input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} />
        {t('roster.rotations.fields.active')}
      </label>
      <FieldError message={errors.active} />

      <FormActions busy={save.isPending} label={t('common.save')} onCancel={onCancel} />
    </form>
  );
}
