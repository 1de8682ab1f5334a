import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDayDto, Lawyer, Shift, Station } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { formatLongDate } from '../../lib/dates';
import { ShiftEditor, type ShiftTarget } from '../roster/ShiftEditor';
import { useDayShifts } from '../roster/useRoster';
import { dayRows, GAP_COLOUR, lawyerNames, type Labels } from './coverageModel';
import type { Coverage } from './types';

interface Props {
  date: string;
  coverage: Coverage | undefined;
  coverageMissing: boolean;
  calendarDays: readonly CalendarDayDto[];
  stationsById: Map<number, Station>;
  colours: Map<number, string>;
  lawyersById: Map<number, Lawyer>;
  labels: Labels;
  onClose: () => void;
}

/** One day across the network: holiday marks, then each station's duty. */
export function DayPanel({ date, coverage, coverageMissing, calendarDays, stationsById, colours, lawyersById, labels, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [date]);

  const marks = calendarDays.filter((d) => d.date === date);
  const rows = dayRows(coverage, date, stationsById);
  // Coordinators change the day's duty here, with the roster builder's editor.
  const { user } = useAuth();
  const canEdit = user?.role === 'coordinator' || user?.role === 'admin';

  return (
    <aside className="day-panel card" aria-labelledby="day-panel-title">
      <div className="day-panel-head">
        <h2 id="day-panel-title" ref={heading} tabIndex={-1}>
          {t('coverage.day.title', { date: formatLongDate(date, i18n.resolvedLanguage ?? 'zh-CN') })}
        </h2>
        <button type="button" className="btn btn-icon" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </div>
      {marks.length > 0 && (
        <ul className="day-marks">
          {marks.map((m, i) => (
            <li key={i}>
              <span className={`cov-mark cov-mark-${m.kind}`}>{t(m.kind === 'holiday' ? 'coverage.holiday' : 'coverage.workday')}</span>{' '}
              {m.name}
              {m.stationId !== null && ` · ${stationsById.get(m.stationId)?.name ?? `#${m.stationId}`}`}
            </li>
          ))}
        </ul>
      )}
      {rows.length === 0 ? (
        <p className="muted">{coverageMissing ? t('coverage.unavailable') : t('coverage.day.noData')}</p>
      ) : (
        <ul className="day-rows">
          {rows.map(({ stationId, name, day }) => (
            <li key={stationId} className={`day-row status-${day.status}`}>
              <span
                className="swatch"
                style={{ background: day.status === 'gap' ? GAP_COLOUR : colours.get(stationId) }}
                aria-hidden="true"
              />
              <div className="day-row-body">
                <div className="day-row-title">
                  <strong>{name}</strong>
                  <span className={`badge badge-status-${day.status}`}>{t(`coverage.day.status.${day.status}`)}</span>
                </div>
                {day.status !== 'closed' && (
                  <div className="muted small">
                    {t('coverage.day.assigned', { assigned: day.assigned, required: day.required })} ·{' '}
                    {t('coverage.day.lawyers')}
                    {t('common.colon')}
                    {day.lawyerIds.length ? lawyerNames(day.lawyerIds, lawyersById, labels).join(t('common.listSeparator')) : t('coverage.day.none')}
                  </div>
                )}
                {canEdit && day.status !== 'closed' && (
                  <DayShiftEditing date={date} stationId={stationId} canAdd={day.assigned < day.required} stationsById={stationsById} lawyersById={lawyersById} />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

/** A coordinator's controls for one station's duty on the day: change a lawyer, or fill an empty seat. */
function DayShiftEditing({
  date,
  stationId,
  canAdd,
  stationsById,
  lawyersById,
}: {
  date: string;
  stationId: number;
  canAdd: boolean;
  stationsById: Map<number, Station>;
  lawyersById: Map<number, Lawyer>;
}) {
  const { t } = useTranslation();
  const shifts = useDayShifts(date);
  const [target, setTarget] = useState<ShiftTarget | null>(null);
  useEffect(() => setTarget(null), [date]);
  const mine: Shift[] = (shifts.data ?? []).filter((s) => s.stationId === stationId);
  const stationName = stationsById.get(stationId)?.name ?? '';

  return (
    <div className="day-row-edit">
      {mine.length > 0 && (
        <ul className="day-shifts">
          {mine.map((s) => (
            <li key={s.id}>
              <span>
                {s.lawyerName} <span className="muted">{s.start}–{s.end}</span>
                {s.status === 'draft' && <span className="badge badge-roster-draft">{t('roster.status.draft')}</span>}
              </span>
              <button
                type="button"
                className="btn btn-small"
                aria-expanded={target?.kind === 'shift' && target.shift.id === s.id}
                aria-label={t('roster.dayPanel.changeLabel', { name: s.lawyerName, station: stationName })}
                onClick={() => setTarget({ kind: 'shift', shift: s })}
              >
                {t('roster.dayPanel.change')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {canAdd && !target && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setTarget({ kind: 'add', date, stationId })}>
          + {t('roster.dayPanel.add')}
        </button>
      )}
      {target && (
        <ShiftEditor
          key={target.kind === 'shift' ? target.shift.id : 'add'}
          target={target}
          lawyers={[...lawyersById.values()]}
          stationsById={stationsById}
          headingLevel={3}
          onDone={() => setTarget(null)}
          onCancel={() => setTarget(null)}
        />
      )}
    </div>
  );
}
