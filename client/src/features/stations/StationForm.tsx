import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type CreateStationBody, type OpenHours, type Station, type StationLevel } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, FieldError, UnplacedErrors, useFocusFirstError } from '../../components/Field';
import { errorsUnder } from '../../lib/fieldErrors';
import { LEVELS } from './stationTree';
import { useSaveStation } from './useStations';
import { FormActions } from '../../components/FormActions';

type Weekday = '1' | '2' | '3' | '4' | '5' | '6' | '7';
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const FIELD_NAMES = [
  'code', 'name', 'level', 'parentId', 'divisionCode', 'address', 'phone',
  'openHours', 'slotMinutes', 'seatsPerSlot', 'swapAutoApprove', 'active',
] as const;

interface Draft {
  code: string;
  name: string;
  level: StationLevel;
  parentId: string;
  divisionCode: string;
  address: string;
  phone: string;
  /** Ranges per weekday (1…7), in the order the user entered them. */
  hours: Record<number, { start: string; end: string }[]>;
  slotMinutes: string;
  seatsPerSlot: string;
  swapAutoApprove: boolean;
  active: boolean;
}

function draftOf(station: Station | null): Draft {
  const hours: Draft['hours'] = {};
  for (const wd of WEEKDAYS) hours[wd] = [];
  for (const h of station?.openHours ?? []) hours[h.weekday]?.push({ start: h.start, end: h.end });
  return {
    code: station?.code ?? '',
    name: station?.name ?? '',
    level: station?.level ?? 'town',
    parentId: station?.parentId ? String(station.parentId) : '',
    divisionCode: station?.divisionCode ?? '',
    address: station?.address ?? '',
    phone: station?.phone ?? '',
    hours,
    slotMinutes: String(station?.slotMinutes ?? 30),
    seatsPerSlot: String(station?.seatsPerSlot ?? 1),
    swapAutoApprove: station?.swapAutoApprove ?? false,
    active: station?.active ?? true,
  };
}

/** The flat `openHours` array the API takes, and where each entry came from (to place its errors). */
function flattenHours(hours: Draft['hours']): { list: OpenHours[]; origin: { weekday: number; index: number }[] } {
  const list: OpenHours[] = [];
  const origin: { weekday: number; index: number }[] = [];
  for (const wd of WEEKDAYS) {
    (hours[wd] ?? []).forEach((r, index) => {
      list.push({ weekday: wd, start: r.start, end: r.end });
      origin.push({ weekday: wd, index });
    });
  }
  return { list, origin };
}

/** Numbers are sent as typed; a non-number goes through as text so the server names the field. */
function numberOrText(value: string): number {
  const n = Number(value);
  return (value.trim() === '' || Number.isNaN(n) ? value : n) as number;
}

function bodyOf(d: Draft): CreateStationBody {
  return {
    code: d.code.trim(),
    name: d.name,
    level: d.level,
    parentId: d.level === 'district' || !d.parentId ? null : Number(d.parentId),
    divisionCode: d.divisionCode.trim() || null,
    address: d.address,
    phone: d.phone,
    openHours: flattenHours(d.hours).list,
    slotMinutes: numberOrText(d.slotMinutes),
    seatsPerSlot: numberOrText(d.seatsPerSlot),
    swapAutoApprove: d.swapAutoApprove,
    active: d.active,
  };
}

const WEEKDAY_TEMPLATE = [
  { start: '09:00', end: '12:00' },
  { start: '14:00', end: '17:30' },
];

interface Props {
  station: Station | null;
  stations: readonly Station[];
  onDone: (saved: Station) => void;
  onCancel: () => void;
}

export function StationForm({ station, stations, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(station));
  const save = useSaveStation();
  const errors = isApiError(save.error) ? save.error.fieldErrors() : {};
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, save.error);
  const { origin } = flattenHours(draft.hours);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setHours = (wd: number, ranges: { start: string; end: string }[]) =>
    setDraft((d) => ({ ...d, hours: { ...d.hours, [wd]: ranges } }));

  const parentOptions = stations.filter(
    (s) =>
      s.id !== station?.id &&
      (draft.level === 'town' ? s.level === 'district' : draft.level === 'village' ? s.level !== 'village' : false),
  );

  /** The server's message for range `index` of weekday `wd`, found through its place in the flat array. */
  const rangeError = (wd: number, index: number) => {
    const flat = origin.findIndex((o) => o.weekday === wd && o.index === index);
    return flat < 0 ? undefined : errorsUnder(errors, `openHours.${flat}`, t('common.sentenceSeparator'));
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ id: station?.id ?? null, body: bodyOf(draft) }, { onSuccess: onDone });
  };

  return (
    <form ref={formRef} className="card form" onSubmit={onSubmit} noValidate aria-labelledby="station-form-title">
      <h2 id="station-form-title">{station ? t('stations.editTitle', { name: station.name }) : t('stations.newTitle')}</h2>
      <ErrorMessage error={save.error} />
      <UnplacedErrors error={save.error} fields={FIELD_NAMES} />

      <div className="form-grid">
        <Field label={t('stations.fields.name')} error={errors.name}>
          {(p) => <input {...p} value={draft.name} required maxLength={100} onChange={(e) => set('name', e.target.value)} />}
        </Field>
        <Field label={t('stations.fields.code')} error={errors.code} hint={t('stations.fields.codeHint')}>
          {(p) => <input {...p} value={draft.code} required autoCapitalize="characters" onChange={(e) => set('code', e.target.value)} />}
        </Field>
        <Field label={t('stations.fields.level')} error={errors.level}>
          {(p) => (
            <select {...p} value={draft.level} onChange={(e) => set('level', e.target.value as StationLevel)}>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`level.${l}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('stations.fields.parentId')} error={errors.parentId}>
          {(p) => (
            <select
              {...p}
              value={draft.level === 'district' ? '' : draft.parentId}
              disabled={draft.level === 'district'}
              onChange={(e) => set('parentId', e.target.value)}
            >
              <option value="">{t('stations.fields.parentNone')}</option>
              {parentOptions.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('stations.fields.divisionCode')} error={errors.divisionCode}>
          {(p) => <input {...p} value={draft.divisionCode} inputMode="numeric" onChange={(e) => set('divisionCode', e.target.value)} />}
        </Field>
        <Field label={t('stations.fields.phone')} error={errors.phone}>
          {(p) => <input {...p} type="tel" value={draft.phone} onChange={(e) => set('phone', e.target.value)} />}
        </Field>
        <Field label={t('stations.fields.address')} error={errors.address} className="span-2">
          {(p) => <input {...p} value={draft.address} onChange={(e) => set('address', e.target.value)} />}
        </Field>
      </div>

      <fieldset className="hours">
        <legend>{t('stations.fields.openHours')}</legend>
        <div className="hours-tools">
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              for (const wd of [1, 2, 3, 4, 5]) setHours(wd, WEEKDAY_TEMPLATE.map((r) => ({ ...r })));
            }}
          >
            {t('stations.hours.fillWeekdays')}
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => WEEKDAYS.forEach((wd) => setHours(wd, []))}>
            {t('stations.hours.clear')}
          </button>
        </div>
        <FieldError message={errors.openHours} />
        <ul className="hours-list">
          {WEEKDAYS.map((wd) => {
            const ranges = draft.hours[wd] ?? [];
            const dayName = t(`weekday.${String(wd) as Weekday}`);
            return (
              <li key={wd} className="hours-day">
                <span className="hours-day-name">{dayName}</span>
                <div className="hours-ranges">
                  {ranges.length === 0 && <span className="muted">{t('stations.closed')}</span>}
                  {ranges.map((r, i) => {
                    const err = rangeError(wd, i);
                    const update = (patch: Partial<typeof r>) =>
                      setHours(wd, ranges.map((x, j) => (j === i ? { ...x, ...patch } : x)));
                    return (
                      <div key={i} className={`hours-range${err ? ' field-invalid' : ''}`}>
                        <input
                          type="time"
                          aria-label={`${dayName} ${t('stations.hours.from')}`}
                          value={r.start}
                          aria-invalid={!!err}
                          onChange={(e) => update({ start: e.target.value })}
                        />
                        <span aria-hidden="true">–</span>
                        <input
                          type="time"
                          aria-label={`${dayName} ${t('stations.hours.to')}`}
                          value={r.end}
                          aria-invalid={!!err}
                          onChange={(e) => update({ end: e.target.value })}
                        />
                        <button
                          type="button"
                          className="btn btn-icon"
                          aria-label={`${dayName} ${t('stations.hours.removeRange')}`}
                          onClick={() => setHours(wd, ranges.filter((_, j) => j !== i))}
                        >
                          ×
                        </button>
                        <FieldError message={err} />
                      </div>
                    );
                  })}
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    aria-label={`${dayName} ${t('stations.hours.addRange')}`}
                    onClick={() => {
                      const last = ranges[ranges.length - 1];
                      setHours(wd, [...ranges, last ? { start: last.end, end: last.end } : { start: '09:00', end: '12:00' }]);
                    }}
                  >
                    + {t('stations.hours.addRange')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>

      <div className="form-grid">
        <Field label={t('stations.fields.slotMinutes')} error={errors.slotMinutes}>
          {(p) => (
            <input {...p} type="number" min={10} max={240} step={5} value={draft.slotMinutes} onChange={(e) => set('slotMinutes', e.target.value)} />
          )}
        </Field>
        <Field label={t('stations.fields.seatsPerSlot')} error={errors.seatsPerSlot}>
          {(p) => (
            <input {...p} type="number" min={1} max={20} value={draft.seatsPerSlot} onChange={(e) => set('seatsPerSlot', e.target.value)} />
          )}
        </Field>
      </div>

      <label className="check">
        <input type="checkbox" checked={draft.swapAutoApprove} onChange={(e) => set('swapAutoApprove', e.target.checked)} />
        {t('stations.fields.swapAutoApprove')}
      </label>
      <FieldError message={errors.swapAutoApprove} />
      <label className="check">
        <input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} />
        {t('stations.fields.active')}
      </label>

      <FormActions busy={save.isPending} label={t('common.save')} onCancel={onCancel} />
    </form>
  );
}
