import { useTranslation } from 'react-i18next';
import type { GapDto, Lawyer, Roster, Station } from '../../api/client';
import { LEVELS, shortStationName } from '../stations/stationTree';
import { extremes, FAIRNESS_COLUMNS, fairnessRows, formatShortDate, type FairnessColumn } from './rosterModel';

/** Things the coordinator must know before publishing: a provisional calendar above all, then the rest in one list. */
export function Warnings({ warnings, month }: { warnings: Roster['warnings']; month: string }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  const provisional = warnings.find((w) => w.code === 'provisional_calendar');
  const others = warnings.filter((w) => w.code !== 'provisional_calendar');
  return (
    <div className="roster-warnings">
      {provisional && (
        <div className="alert alert-warn roster-warning-provisional" role="alert" title={provisional.message}>
          <strong>{t('roster.warnings.provisionalTitle')}</strong>
          <span>{t('roster.warnings.provisional', { year: month.slice(0, 4) })}</span>
        </div>
      )}
      {others.length > 0 && (
        <div className="alert alert-warn" role="status">
          <strong>{t('roster.warnings.title')}</strong>
          <ul className="roster-warning-list">
            {others.map((w, i) => (
              <li key={i}>
                {w.message} <code className="muted">{w.code}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** Each chosen station: draft or published, how many duties and gaps. */
export function StationStatusList({
  roster,
  stations,
  selected,
  colours,
}: {
  roster: Roster;
  stations: readonly Station[];
  selected: ReadonlySet<number>;
  colours: Map<number, string>;
}) {
  const { t } = useTranslation();
  const statusById = new Map(roster.stations.map((s) => [s.stationId, s.status]));
  const shiftCount = new Map<number, number>();
  for (const s of roster.shifts) shiftCount.set(s.stationId, (shiftCount.get(s.stationId) ?? 0) + 1);
  const gapCount = new Map<number, number>();
  for (const g of roster.gaps) gapCount.set(g.stationId, (gapCount.get(g.stationId) ?? 0) + 1);
  const list = LEVELS.flatMap((level) => stations.filter((s) => s.level === level && selected.has(s.id)));
  const published = list.filter((s) => statusById.get(s.id) === 'published').length;
  const draft = list.filter((s) => statusById.get(s.id) === 'draft').length;

  return (
    <section className="card side-section" aria-labelledby="roster-status-title">
      <h2 id="roster-status-title">
        {t('roster.stationStatus.title')}{' '}
        <span className="muted small">{t('roster.stationStatus.summary', { published, draft, empty: list.length - published - draft })}</span>
      </h2>
      {list.length === 0 ? (
        <p className="muted">{t('roster.stationStatus.none')}</p>
      ) : (
        <ul className="station-status-list">
          {list.map((s) => {
            const status = statusById.get(s.id) ?? 'empty';
            const gaps = gapCount.get(s.id) ?? 0;
            return (
              <li key={s.id} title={s.name}>
                <span className="swatch" style={{ background: colours.get(s.id) }} aria-hidden="true" />
                <span className="station-status-name">{shortStationName(s.name)}</span>
                <span className="muted small nowrap">
                  {t('roster.stationStatus.shifts', { count: shiftCount.get(s.id) ?? 0 })}
                  {gaps > 0 && <span className="text-danger"> · {t('roster.stationStatus.gaps', { count: gaps })}</span>}
                </span>
                <span className={`badge badge-roster-${status}`}>{t(`roster.status.${status}`)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Days the generator could not fill, why, and who could take them if freed. */
export function GapList({
  roster,
  selected,
  stationsById,
  lawyersById,
  reasonText,
  onOpen,
}: {
  roster: Roster;
  selected: ReadonlySet<number>;
  stationsById: Map<number, Station>;
  lawyersById: Map<number, Lawyer>;
  reasonText: (gap: GapDto) => string;
  onOpen: (gap: GapDto) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  const gaps = roster.gaps.filter((g) => selected.has(g.stationId));
  return (
    <section className="card side-section" aria-labelledby="roster-gaps-title">
      <h2 id="roster-gaps-title">
        {t('roster.gaps.title')} <span className={gaps.length ? 'count-danger' : 'muted small'}>{gaps.length}</span>
      </h2>
      {gaps.length === 0 ? (
        <p className="muted">{roster.status === 'empty' ? t('roster.gaps.notGenerated') : t('roster.gaps.none')}</p>
      ) : (
        <ul className="gap-list">
          {gaps.map((g, i) => {
            const names = g.candidates.map((id) => lawyersById.get(id)?.name ?? t('coverage.unknownLawyer', { id }));
            return (
              <li key={`${g.date}:${g.stationId}:${i}`}>
                <button type="button" className="gap-item" onClick={() => onOpen(g)} title={g.message}>
                  <span className="gap-item-head">
                    <strong className="nowrap">{formatShortDate(g.date, lang)}</strong>
                    <span>{shortStationName(stationsById.get(g.stationId)?.name ?? `#${g.stationId}`)}</span>
                  </span>
                  <span className="gap-reason">{reasonText(g)}</span>
                  <span className="muted small">
                    {names.length ? t('roster.gaps.candidates', { names: names.join(t('common.listSeparator')) }) : t('roster.gaps.noCandidates')}
                  </span>
                  <span className="gap-action small">{t('roster.gaps.fill')} →</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Duty counts per lawyer, this month and over the look-back, with the most and least loaded marked. */
export function FairnessTable({ fairness }: { fairness: Roster['fairness'] }) {
  const { t } = useTranslation();
  const rows = fairnessRows(fairness);
  const ext = (period: 'month' | 'cumulative', col: FairnessColumn) =>
    extremes(rows.map((r) => r[period]?.[col] ?? 0));
  const marks = {
    month: Object.fromEntries(FAIRNESS_COLUMNS.map((c) => [c, ext('month', c)])),
    cumulative: Object.fromEntries(FAIRNESS_COLUMNS.map((c) => [c, ext('cumulative', c)])),
  } as Record<'month' | 'cumulative', Record<FairnessColumn, { max: number; min: number } | null>>;

  const cell = (period: 'month' | 'cumulative', col: FairnessColumn, value: number) => {
    const e = marks[period][col];
    const cls = e && value === e.max ? 'is-max' : e && value === e.min ? 'is-min' : '';
    const label = cls === 'is-max' ? t('roster.fairness.max') : cls === 'is-min' ? t('roster.fairness.min') : undefined;
    return (
      <td key={`${period}-${col}`} className={`num ${cls}${col === 'shifts' ? ' col-first' : ''}`} title={label}>
        {value}
        {label && <span className="visually-hidden">{t('common.inParens', { text: label })}</span>}
      </td>
    );
  };

  return (
    <section className="card side-section" aria-labelledby="roster-fairness-title">
      <h2 id="roster-fairness-title">{t('roster.fairness.title')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('roster.fairness.empty')}</p>
      ) : (
        <>
          <p className="muted small">
            {t('roster.fairness.spread', { count: fairness.maxMinusMin })}
            <span className="fairness-legend">
              <span className="legend-chip is-max">{t('roster.fairness.max')}</span>
              <span className="legend-chip is-min">{t('roster.fairness.min')}</span>
            </span>
          </p>
          {/* It scrolls sideways when the side column is narrow (English headings): focusable, so a
              keyboard can scroll it too, and named by the section's heading for screen readers. */}
          <div className="table-wrap fairness-wrap" tabIndex={0} role="group" aria-labelledby="roster-fairness-title">
            <table className="table fairness-table">
              <thead>
                <tr>
                  <th rowSpan={2} scope="col">
                    {t('roster.fairness.lawyer')}
                  </th>
                  <th colSpan={3} scope="colgroup" className="group">
                    {t('roster.fairness.thisMonth')}
                  </th>
                  <th colSpan={3} scope="colgroup" className="group">
                    {t('roster.fairness.cumulative')}
                  </th>
                </tr>
                <tr>
                  {(['month', 'cumulative'] as const).flatMap((period) =>
                    FAIRNESS_COLUMNS.map((c) => (
                      <th key={`${period}-${c}`} scope="col" className={`num${c === 'shifts' ? ' col-first' : ''}`} title={t(`roster.fairness.long.${c}`)}>
                        {t(`roster.fairness.${c}`)}
                      </th>
                    )),
                  )}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.lawyerId}>
                    <th scope="row">{r.lawyerName}</th>
                    {FAIRNESS_COLUMNS.map((c) => cell('month', c, r.month?.[c] ?? 0))}
                    {FAIRNESS_COLUMNS.map((c) => cell('cumulative', c, r.cumulative?.[c] ?? 0))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">{t('roster.fairness.note')}</p>
        </>
      )}
    </section>
  );
}
