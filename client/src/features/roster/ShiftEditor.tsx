import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError, type Lawyer, type Shift, type Station } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { formatLongDate } from '../../lib/dates';
import { historyPath } from '../audit/auditModel';
import { shortStationName } from '../stations/stationTree';
import { useCreateShift, useDayShifts, useReassignShift, useRemoveShift } from './useRoster';

/** What the editor works on: an existing shift, or an empty seat (a gap) to fill by hand. */
export type ShiftTarget =
  | { kind: 'shift'; shift: Shift }
  | { kind: 'add'; date: string; stationId: number; candidates?: readonly number[]; start?: string; end?: string };

interface Props {
  target: ShiftTarget;
  /** Every lawyer (inactive ones too, for names); the list offers the active ones who serve the station. */
  lawyers: readonly Lawyer[];
  stationsById: ReadonlyMap<number, Station>;
  onDone: () => void;
  onCancel: () => void;
  /** The page's heading level where the editor sits. */
  headingLevel?: 2 | 3;
}

const BLOCKERS = ['inactive', 'ineligible', 'unavailable', 'busy', 'at_cap'] as const;
type Blocker = (typeof BLOCKERS)[number];

/**
 * Give a shift to another lawyer, remove it, or add one on an empty day. Used by the
 * roster builder and by the coverage calendar's day panel. A refusal from the server
 * (409 lawyer_busy) is shown under the lawyer list.
 */
export function ShiftEditor({ target, lawyers, stationsById, onDone, onCancel, headingLevel = 2 }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  const date = target.kind === 'shift' ? target.shift.date : target.date;
  const stationId = target.kind === 'shift' ? target.shift.stationId : target.stationId;
  const current = target.kind === 'shift' ? target.shift : null;
  const candidates = useMemo(() => new Set(target.kind === 'add' ? (target.candidates ?? []) : []), [target]);

  const [lawyerId, setLawyerId] = useState('');
  const [reason, setReason] = useState('');
  const [start, setStart] = useState(target.kind === 'add' ? (target.start ?? '') : '');
  const [end, setEnd] = useState(target.kind === 'add' ? (target.end ?? '') : '');

  const dayShifts = useDayShifts(date);
  const reassign = useReassignShift();
  const create = useCreateShift();
  const remove = useRemoveShift();
  const saving = target.kind === 'shift' ? reassign : create;
  const pending = reassign.isPending || create.isPending || remove.isPending;

  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const targetKey = current ? `s${current.id}` : `a${stationId}:${date}`;
  useEffect(() => heading.current?.focus(), [targetKey]);

  const stationName = stationsById.get(stationId)?.name ?? `#${stationId}`;
  const lawyerById = useMemo(() => new Map(lawyers.map((l) => [l.id, l])), [lawyers]);

  /** Where each lawyer already is that day (another station, or this one), leaving out the shift being edited. */
  const dutyElsewhere = useMemo(() => {
    const map = new Map<number, number>();
    for (const s of dayShifts.data ?? []) if (s.id !== current?.id) map.set(s.lawyerId, s.stationId);
    return map;
  }, [dayShifts.data, current?.id]);

  const options = useMemo(
    () =>
      lawyers
        .filter((l) => l.active && l.stationIds.includes(stationId) && l.id !== current?.lawyerId)
        .map((l) => ({ lawyer: l, busyAt: dutyElsewhere.get(l.id), candidate: candidates.has(l.id) }))
        .sort(
          (a, b) =>
            Number(b.candidate) - Number(a.candidate) ||
            Number(a.busyAt !== undefined) - Number(b.busyAt !== undefined) ||
            a.lawyer.name.localeCompare(b.lawyer.name, 'zh-CN'),
        ),
    [lawyers, stationId, current?.lawyerId, dutyElsewhere, candidates],
  );

  // The server's refusal, in the reader's language where the reason is one we know.
  const refusal = (() => {
    const err = saving.error;
    if (!isApiError(err)) return undefined;
    const code = err.fieldErrors().lawyerId;
    if (err.code !== 'lawyer_busy' && !code) return undefined;
    const name = lawyerById.get(Number(lawyerId))?.name ?? '';
    if (code && (BLOCKERS as readonly string[]).includes(code)) return t(`roster.editor.blocker.${code as Blocker}`, { name });
    return code && err.code !== 'lawyer_busy' ? code : err.message;
  })();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!lawyerId) return;
    const why = reason.trim() || undefined;
    if (current) {
      reassign.mutate({ id: current.id, lawyerId: Number(lawyerId), reason: why }, { onSuccess: onDone });
    } else {
      create.mutate(
        { stationId, date, lawyerId: Number(lawyerId), start: start || undefined, end: end || undefined, reason: why },
        { onSuccess: onDone },
      );
    }
  };

  const onRemove = () => {
    if (!current) return;
    if (!window.confirm(t('roster.editor.confirmRemove', { name: current.lawyerName, date: formatLongDate(date, lang) }))) return;
    remove.mutate(current.id, { onSuccess: onDone });
  };

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const startErr = isApiError(create.error) ? create.error.fieldErrors().start : undefined;
  const endErr = isApiError(create.error) ? create.error.fieldErrors().end : undefined;

  return (
    <form className="shift-editor card" onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
      <div className="shift-editor-head">
        <Heading id={titleId} ref={heading} tabIndex={-1}>
          {current ? t('roster.editor.changeTitle') : t('roster.editor.addTitle')}
        </Heading>
        <button type="button" className="btn btn-icon" onClick={onCancel} aria-label={t('common.close')}>
          ×
        </button>
      </div>
      <p className="shift-editor-where">
        <strong>{formatLongDate(date, lang)}</strong>
        <br />
        {stationName}
      </p>
      {current && (
        <p className="shift-editor-current">
          <span className="muted">
            {t('roster.editor.current')}
            {t('common.colon')}
          </span>
          <strong>{current.lawyerName}</strong>
          {current.firm && <span className="muted">{t('common.inParens', { text: current.firm })}</span>}{' '}
          <span className="muted small nowrap">
            {current.start}–{current.end}
          </span>{' '}
          <span className={`badge badge-roster-${current.status}`}>{t(`roster.status.${current.status}`)}</span>{' '}
          <Link
            className="small nowrap"
            to={historyPath('shift', current.id)}
            aria-label={t('audit.linkLabel', { what: t('audit.entity.shift'), id: current.id })}
          >
            {t('audit.link')}
          </Link>
        </p>
      )}

      <Field
        label={current ? t('roster.editor.newLawyer') : t('roster.editor.lawyer')}
        error={refusal}
        hint={options.length === 0 ? t('roster.editor.noOptions') : t('roster.editor.lawyerHint')}
      >
        {(p) => (
          <select
            {...p}
            value={lawyerId}
            onChange={(e) => {
              setLawyerId(e.target.value);
              saving.reset();
            }}
          >
            <option value="">{t('roster.editor.choose')}</option>
            {options.map(({ lawyer, busyAt, candidate }) => (
              <option key={lawyer.id} value={lawyer.id}>
                {lawyer.name}
                {t('common.inParens', { text: lawyer.firm })}
                {candidate ? ` · ${t('roster.editor.candidate')}` : ''}
                {busyAt !== undefined
                  ? ` · ${t('roster.editor.busyAt', { station: shortStationName(stationsById.get(busyAt)?.name ?? `#${busyAt}`) })}`
                  : ''}
              </option>
            ))}
          </select>
        )}
      </Field>

      {!current && (
        <div className="shift-editor-times">
          <Field label={t('roster.editor.start')} error={startErr}>
            {(p) => <input {...p} type="time" value={start} onChange={(e) => setStart(e.target.value)} />}
          </Field>
          <Field label={t('roster.editor.end')} error={endErr}>
            {(p) => <input {...p} type="time" value={end} onChange={(e) => setEnd(e.target.value)} />}
          </Field>
        </div>
      )}

      <Field label={`${t('roster.editor.reason')}${t('common.inParens', { text: t('common.optional') })}`}>
        {(p) => (
          <input
            {...p}
            value={reason}
            maxLength={200}
            placeholder={t('roster.editor.reasonPlaceholder')}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>

      {!refusal && <ErrorMessage error={saving.error} />}
      <ErrorMessage error={remove.error} />

      <div className="form-actions shift-editor-actions">
        <button type="submit" className="btn btn-primary" disabled={pending || !lawyerId}>
          {saving.isPending ? t('common.saving') : current ? t('roster.editor.reassign') : t('roster.editor.add')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        {current && (
          <button type="button" className="btn btn-danger shift-editor-remove" onClick={onRemove} disabled={pending}>
            {remove.isPending ? t('roster.editor.removing') : t('roster.editor.remove')}
          </button>
        )}
      </div>
    </form>
  );
}
