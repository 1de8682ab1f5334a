import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import FullCalendar from '@fullcalendar/react';
import classicTheme from '@fullcalendar/react/themes/classic';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import interactionPlugin from '@fullcalendar/react/interaction';
import listPlugin from '@fullcalendar/react/list';
import zhCnLocale from '@fullcalendar/react/locales/zh-cn';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import { rostersApi, type GapDto, type Roster, type RosterExportKind, type Station } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { isPhoneWidth, phoneFriendlyCalendar } from '../../lib/calendar';
import { NETWORK_TIME_ZONE, networkDate } from '../../lib/dates';
import { markedDays, stationColours } from '../coverage/coverageModel';
import { StationFilter } from '../coverage/StationFilter';
import { useCalendarDays } from '../coverage/useCoverage';
import { useLawyers } from '../lawyers/useLawyers';
import { LEVELS } from '../stations/stationTree';
import { useStations } from '../stations/useStations';
import { DistrictSelect, useDistrictScope } from '../stations/useDistrictScope';
import { FairnessTable, GapList, StationStatusList, Warnings } from './RosterSide';
import { addMonths, formatMonth, monthBounds, rosterEvents, warningsToShow, type RosterEvent } from './rosterModel';
import { ShiftEditor, type ShiftTarget } from './ShiftEditor';
import { useGenerate, usePublish, useRoster, useRotations } from './useRoster';
import { Notice } from '../../components/Notice';

interface Props {
  month: string;
  onMonth: (month: string) => void;
}

type RosterStatus = Roster['status'];

/** The status of the chosen stations' roster: empty, draft (any still a draft) or published (all published). */
function statusOf(roster: Roster | undefined, selected: ReadonlySet<number>): RosterStatus {
  const mine = (roster?.stations ?? []).filter((s) => selected.has(s.stationId));
  if (mine.length === 0) return 'empty';
  return mine.every((s) => s.status === 'published') ? 'published' : 'draft';
}

export function RosterBuilder({ month, onMonth }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  const [chosen, setChosen] = useState<Set<number> | null>(null);
  const [target, setTarget] = useState<ShiftTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [fileError, setFileError] = useState<unknown>(null);
  const [busyFile, setBusyFile] = useState<RosterExportKind | null>(null);
  const sideRef = useRef<HTMLDivElement>(null);

  const stations = useStations(false);
  const scope = useDistrictScope(stations.data);
  const lawyers = useLawyers(true);
  const rotations = useRotations();
  const roster = useRoster(month, scope.districtId, stations.isSuccess);
  const bounds = useMemo(() => monthBounds(month), [month]);
  const calendarDays = useCalendarDays(bounds);
  const generate = useGenerate();
  const publish = usePublish();
  /** The last generation's warnings: the roster read back afterwards no longer carries them. */
  const [lastRun, setLastRun] = useState<{ month: string; warnings: Roster['warnings'] } | null>(null);

  const stationList = scope.stations;
  // Another district: its own stations, chosen afresh.
  useEffect(() => setChosen(null), [scope.districtId]);
  const stationsById = useMemo(() => new Map(stationList.map((s) => [s.id, s])), [stationList]);
  const colours = useMemo(() => stationColours(stationList), [stationList]);
  const lawyerList = useMemo(() => lawyers.data ?? [], [lawyers.data]);
  const lawyersById = useMemo(() => new Map(lawyerList.map((l) => [l.id, l])), [lawyerList]);
  // Until the coordinator picks, every station with an active rotation is in the roster.
  const withRotations = useMemo(() => {
    const inView = new Set(stationList.map((s) => s.id));
    const mine = (id: number) => inView.has(id) && (!scope.managed || scope.managed.has(id));
    return new Set((rotations.data ?? []).filter((r) => r.active && mine(r.stationId)).map((r) => r.stationId));
  }, [rotations.data, stationList, scope.managed]);
  const selected = useMemo(() => chosen ?? withRotations, [chosen, withRotations]);
  const selectedIds = useMemo(
    () => stationList.filter((s) => selected.has(s.id)).map((s) => s.id),
    [stationList, selected],
  );
  const marked = useMemo(() => markedDays(calendarDays.data), [calendarDays.data]);
  /** Chosen stations another coordinator looks after (another district): the roster is shown, not made, here. */
  const notMine = scope.managed ? selectedIds.filter((id) => !scope.managed!.has(id)).length : 0;

  const data = roster.data?.month === month ? roster.data : undefined;
  const status = statusOf(data, selected);
  const drafts = (data?.stations ?? []).filter((s) => selected.has(s.stationId) && s.status === 'draft').map((s) => s.stationId);
  const publishedCount = (data?.stations ?? []).filter((s) => selected.has(s.stationId) && s.status === 'published').length;

  const reasonText = useMemo(
    () => (gap: GapDto) =>
      ['no_eligible_lawyer', 'all_unavailable', 'all_busy', 'all_at_cap', 'empty_rotation'].includes(gap.reason)
        ? t(`roster.gapReason.${gap.reason as 'all_busy'}`)
        : gap.message || gap.reason,
    [t],
  );
  const events = useMemo(
    () => rosterEvents(data, selected, stationsById, colours, { gap: t('coverage.gap'), gapReason: reasonText }),
    [data, selected, stationsById, colours, t, reasonText],
  );

  // A new month or a new selection closes the editor.
  useEffect(() => setTarget(null), [month]);
  useEffect(() => setNotice(null), [month]);

  const openTarget = (next: ShiftTarget) => {
    setTarget(next);
    if (window.matchMedia('(max-width: 959px)').matches) sideRef.current?.scrollIntoView({ block: 'start' });
  };
  const openGap = (gap: GapDto) => {
    const rotation = rotations.data?.find((r) => r.id === gap.rotationId);
    openTarget({
      kind: 'add',
      date: gap.date,
      stationId: gap.stationId,
      candidates: gap.candidates,
      start: rotation?.shiftStart,
      end: rotation?.shiftEnd,
    });
  };

  const onGenerate = () => {
    if (selectedIds.length === 0) return;
    let force = false;
    if (publishedCount > 0) {
      if (!window.confirm(t('roster.confirmRegenerate', { month: formatMonth(month, lang), count: publishedCount }))) return;
      force = true;
    }
    setNotice(null);
    setTarget(null);
    generate.mutate(
      { month, stationIds: selectedIds, force },
      {
        onSuccess: (r) => {
          setLastRun({ month, warnings: r.warnings });
          setNotice(
            t('roster.generated', {
              month: formatMonth(month, lang),
              shifts: r.shifts.filter((s) => selected.has(s.stationId)).length,
              gaps: r.gaps.filter((g) => selected.has(g.stationId)).length,
            }),
          );
        },
      },
    );
  };

  const onPublish = () => {
    if (drafts.length === 0) return;
    if (!window.confirm(t('roster.confirmPublish', { month: formatMonth(month, lang), count: drafts.length }))) return;
    setNotice(null);
    publish.mutate(
      { month, stationIds: drafts },
      { onSuccess: () => setNotice(t('roster.published', { month: formatMonth(month, lang), count: drafts.length })) },
    );
  };

  /** One station chosen: its own table (with a signature column); otherwise the grid of the district in view (or of the whole network). */
  const exportOptions =
    selectedIds.length === 1 ? { stationId: selectedIds[0] } : scope.districtId !== undefined ? { stationId: scope.districtId, includeChildren: true } : {};

  const onDownload = async (kind: 'csv' | 'xlsx') => {
    setFileError(null);
    setBusyFile(kind);
    try {
      const blob = await rostersApi.exportFile(month, kind, exportOptions);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `roster-${month}${exportOptions.stationId ? `-${exportOptions.stationId}` : ''}.${kind}`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setFileError(err);
    } finally {
      setBusyFile(null);
    }
  };

  // A plain link cannot carry the bearer token: fetch the page, then show it from a blob URL.
  const onPrint = async () => {
    setFileError(null);
    setBusyFile('print');
    // Opened now, inside the click, so that popup blockers let it through.
    const win = window.open('', '_blank');
    win?.document.write(`<p style="font-family:sans-serif;padding:2rem">${t('roster.preparingPrint')}</p>`);
    try {
      const blob = await rostersApi.exportFile(month, 'print', exportOptions);
      const url = URL.createObjectURL(new Blob([blob], { type: 'text/html;charset=utf-8' }));
      if (win) win.location.href = url;
      else window.open(url, '_blank');
      setTimeout(() => URL.revokeObjectURL(url), 120_000);
    } catch (err) {
      win?.close();
      setFileError(err);
    } finally {
      setBusyFile(null);
    }
  };

  const selectedKey = target ? (target.kind === 'shift' ? `shift:${target.shift.id}` : `gap:${target.stationId}:${target.date}`) : null;
  const hasRoster = status !== 'empty';
  // The event being edited is outlined (a gap's id carries its rotation after the station and date).
  const calendarEvents = useMemo(
    () =>
      selectedKey === null
        ? events
        : events.map((e) =>
            e.id === selectedKey || e.id.startsWith(`${selectedKey}:`) ? { ...e, className: `${e.className} is-selected` } : e,
          ),
    [events, selectedKey],
  );

  return (
    <>
      <div className="roster-toolbar card">
        <div className="month-picker" role="group" aria-label={t('roster.month')}>
          <button type="button" className="btn btn-small" onClick={() => onMonth(addMonths(month, -1))} aria-label={t('roster.prevMonth')}>
            ‹
          </button>
          <h2 className="month-title" aria-live="polite">
            {formatMonth(month, lang)}
          </h2>
          <button type="button" className="btn btn-small" onClick={() => onMonth(addMonths(month, 1))} aria-label={t('roster.nextMonth')}>
            ›
          </button>
          <span className={`badge badge-roster-${status}`} data-testid="roster-status">
            {t(`roster.status.${status}`)}
          </span>
        </div>

        <DistrictSelect scope={scope} />
        <StationPicker stations={stationList} colours={colours} selected={selected} onChange={setChosen} />

        <div className="roster-actions">
          <button
            type="button"
            className="btn btn-primary"
            onClick={onGenerate}
            disabled={generate.isPending || selectedIds.length === 0 || notMine > 0}
          >
            {generate.isPending ? t('roster.generating') : t('roster.generate')}
          </button>
          <button type="button" className="btn btn-primary btn-publish" onClick={onPublish} disabled={publish.isPending || drafts.length === 0 || notMine > 0}>
            {publish.isPending ? t('roster.publishing') : t('roster.publish')}
          </button>
          <span className="toolbar-sep" aria-hidden="true" />
          <button type="button" className="btn btn-small" onClick={() => void onDownload('csv')} disabled={!hasRoster || busyFile !== null}>
            {t('roster.exportCsv')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => void onDownload('xlsx')} disabled={!hasRoster || busyFile !== null}>
            {t('roster.exportXlsx')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => void onPrint()} disabled={!hasRoster || busyFile !== null}>
            {t('roster.print')}
          </button>
        </div>
      </div>

      <Notice text={notice} />
      {notMine > 0 && (
        <p className="alert alert-info" role="status" data-testid="roster-not-mine">
          {t('roster.notMine', { count: notMine })}
        </p>
      )}
      <ErrorMessage error={generate.error} />
      <ErrorMessage error={publish.error} />
      <ErrorMessage error={fileError} />
      <ErrorMessage error={roster.error} onRetry={() => void roster.refetch()} />
      <ErrorMessage error={stations.error} onRetry={() => void stations.refetch()} />
      {data && <Warnings warnings={warningsToShow(month, data.warnings, lastRun)} month={month} />}

      <div className="roster-layout">
        <div className="roster-calendar card">
          {roster.isPending && <Loading />}
          {data && !hasRoster && (
            <p className="alert alert-info roster-empty" role="status">
              {t('roster.empty', { month: formatMonth(month, lang) })}
            </p>
          )}
          <FullCalendar
            {...phoneFriendlyCalendar}
            key={month}
            plugins={[classicTheme, dayGridPlugin, listPlugin, interactionPlugin]}
            locale={lang === 'en' ? 'en' : zhCnLocale}
            timeZone={NETWORK_TIME_ZONE}
            firstDay={1}
            // On a phone a month grid cuts every event to a few characters (no lawyer's
            // name): the month's shifts are listed by day instead.
            initialView={isPhoneWidth() ? 'listMonth' : 'dayGridMonth'}
            initialDate={`${month}-01`}
            colorScheme="light"
            height="auto"
            headerToolbar={false}
            fixedWeekCount={false}
            showNonCurrentDates={false}
            dayMaxEvents={false}
            views={{ listMonth: { displayEventTime: false } }}
            // With no roster yet, the message above says so: the list's own "no events" box goes.
            noEventsClass={hasRoster ? undefined : 'roster-no-events'}
            eventOrder="order,title"
            events={calendarEvents}
            eventClick={(info) => {
              info.jsEvent.preventDefault();
              const p = info.event.extendedProps as RosterEvent['extendedProps'];
              if (p.kind === 'shift') openTarget({ kind: 'shift', shift: p.shift });
              else openGap(p.gap);
            }}
            dayCellClass={(info) => {
              const date = networkDate(info.date);
              const mark = marked.get(date);
              return ['cov-day', mark?.kind === 'holiday' && 'cov-holiday', mark?.kind === 'workday' && 'cov-workday']
                .filter(Boolean)
                .join(' ');
            }}
            dayCellTopContent={(info) => {
              const mark = marked.get(networkDate(info.date));
              return (
                <span className="cov-day-top">
                  {mark && (
                    <span
                      className={`cov-mark cov-mark-${mark.kind}`}
                      title={t(mark.kind === 'holiday' ? 'coverage.holidayTitle' : 'coverage.workdayTitle', { name: mark.name })}
                    >
                      {t(mark.kind === 'holiday' ? 'coverage.holiday' : 'coverage.workday')}
                    </span>
                  )}
                  <span className="cov-day-number">{info.dayNumberText}</span>
                </span>
              );
            }}
          />
          <p className="muted small roster-hint">{t('roster.calendarHint')}</p>
        </div>

        <div className="roster-side" ref={sideRef}>
          {target && (
            <ShiftEditor
              key={selectedKey}
              target={target}
              lawyers={lawyerList}
              stationsById={stationsById}
              onDone={() => setTarget(null)}
              onCancel={() => setTarget(null)}
            />
          )}
          {data && (
            <>
              <StationStatusList roster={data} stations={stationList} selected={selected} colours={colours} />
              <GapList roster={data} selected={selected} stationsById={stationsById} lawyersById={lawyersById} reasonText={reasonText} onOpen={openGap} />
              <FairnessTable fairness={data.fairness} />
            </>
          )}
        </div>
      </div>
    </>
  );
}

/** The station multi-select, by level, in a drop-down so the calendar keeps its width. */
function StationPicker({
  stations,
  colours,
  selected,
  onChange,
}: {
  stations: readonly Station[];
  colours: Map<number, string>;
  selected: ReadonlySet<number>;
  onChange: (next: Set<number>) => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (ref.current?.open && !ref.current.contains(e.target as Node)) ref.current.open = false;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && ref.current?.open) {
        ref.current.open = false;
        ref.current.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('click', close);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('click', close);
      document.removeEventListener('keydown', onKey);
    };
  }, []);
  const count = stations.filter((s) => selected.has(s.id)).length;
  const perLevel = LEVELS.map((level) => {
    const list = stations.filter((s) => s.level === level);
    return { level, total: list.length, on: list.filter((s) => selected.has(s.id)).length };
  }).filter((l) => l.total > 0);
  return (
    <details className="roster-stations" ref={ref}>
      <summary className="btn btn-small">
        {t('roster.stations', { count, total: stations.length })} <span aria-hidden="true">▾</span>
      </summary>
      <div className="roster-stations-pop">
        <p className="muted small">{perLevel.map((l) => `${t(`levelPlural.${l.level}`)} ${l.on}/${l.total}`).join(' · ')}</p>
        <StationFilter stations={stations} colours={colours} selected={selected} onChange={onChange} />
      </div>
    </details>
  );
}
