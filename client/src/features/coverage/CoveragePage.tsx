import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import FullCalendar from '@fullcalendar/react';
import classicTheme from '@fullcalendar/react/themes/classic';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import listPlugin from '@fullcalendar/react/list';
import interactionPlugin from '@fullcalendar/react/interaction';
import zhCnLocale from '@fullcalendar/react/locales/zh-cn';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import { isApiError } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { isPhoneWidth, phoneFriendlyCalendar } from '../../lib/calendar';
import { addDays, NETWORK_TIME_ZONE, networkDate } from '../../lib/dates';
import { useLawyers } from '../lawyers/useLawyers';
import { useStations } from '../stations/useStations';
import { DistrictSelect, useDistrictScope } from '../stations/useDistrictScope';
import { formatMonth, monthBounds } from '../roster/rosterModel';
import { coverageEvents, coverageTotals, markedDays, stationColours, viewMonth, type Labels } from './coverageModel';
import { DayPanel } from './DayPanel';
import { StationFilter } from './StationFilter';
import { useCalendarDays, useCoverage, type DateRange } from './useCoverage';

export default function CoveragePage() {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useState<DateRange | null>(null);
  /** The month the view stands for (`YYYY-MM`): the summary counts it, not the days the grid shows. */
  const [month, setMonth] = useState<string | null>(null);
  const [selectedDay, setSelectedDay] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<number> | null>(null);

  const stations = useStations(false);
  const scope = useDistrictScope(stations.data);
  const lawyers = useLawyers(true);
  // Asked for once the stations are known: with many districts, only the district in view.
  const coverage = useCoverage(stations.isSuccess ? range : null, scope.districtId);
  // A week's list (phones) shows part of the month: the month's totals need the whole month.
  const monthRange = month ? monthBounds(month) : null;
  const rangeHoldsMonth = !!range && !!monthRange && range.from <= monthRange.from && range.to >= monthRange.to;
  const monthCoverage = useCoverage(rangeHoldsMonth || !stations.isSuccess ? null : monthRange, scope.districtId);
  const calendarDays = useCalendarDays(range);

  const stationList = scope.stations;
  // Another district: its own stations, chosen afresh.
  useEffect(() => setChosen(null), [scope.districtId]);
  const stationsById = useMemo(() => new Map(stationList.map((s) => [s.id, s])), [stationList]);
  const colours = useMemo(() => stationColours(stationList), [stationList]);
  const lawyersById = useMemo(() => new Map((lawyers.data ?? []).map((l) => [l.id, l])), [lawyers.data]);
  // Until the user picks, the district station and the sub-stations are shown (villages are many).
  const selected = useMemo(
    () => chosen ?? new Set(stationList.filter((s) => s.level !== 'village').map((s) => s.id)),
    [chosen, stationList],
  );
  const marked = useMemo(() => markedDays(calendarDays.data), [calendarDays.data]);

  const labels: Labels = useMemo(
    () => ({
      gap: t('coverage.gap'),
      partial: t('coverage.partial'),
      listSeparator: t('common.listSeparator'),
      inParens: (text: string) => t('common.inParens', { text }),
      unknownLawyer: (id: number) => t('coverage.unknownLawyer', { id }),
    }),
    [t],
  );
  const events = useMemo(
    () => coverageEvents(coverage.data, selected, stationsById, colours, lawyersById, labels),
    [coverage.data, selected, stationsById, colours, lawyersById, labels],
  );

  const coverageMissing = isApiError(coverage.error, 404);
  const onDatesSet = useCallback((info: { startStr: string; endStr: string; view: { currentStart: Date; currentEnd: Date } }) => {
    const from = info.startStr.slice(0, 10);
    const to = addDays(info.endStr.slice(0, 10), -1);
    setRange((r) => (r && r.from === from && r.to === to ? r : { from, to }));
    setMonth(viewMonth(networkDate(info.view.currentStart), networkDate(info.view.currentEnd)));
  }, []);

  // Below 960 px the day's panel sits under the calendar: bring it into view when a day is picked.
  useEffect(() => {
    if (selectedDay && window.matchMedia('(max-width: 959px)').matches) document.querySelector('.day-panel')?.scrollIntoView({ block: 'start' });
  }, [selectedDay]);

  const monthData = rangeHoldsMonth ? coverage.data : monthCoverage.data;
  const summary = monthData && monthRange ? coverageTotals(monthData, monthRange.from, monthRange.to) : null;

  return (
    <section className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('coverage.title')}</h1>
          <p className="muted">{t('coverage.subtitle')}</p>
          <DistrictSelect scope={scope} />
        </div>
        {summary && (
          <p className="coverage-summary" aria-live="polite" title={t('coverage.summaryHint')}>
            {scope.many
              ? t('coverage.summaryDistrict', {
                  month: formatMonth(month!, i18n.resolvedLanguage ?? 'zh-CN'),
                  district: scope.districts.find((d) => d.id === scope.districtId)?.name ?? '',
                  ...summary,
                })
              : t('coverage.summary', { month: formatMonth(month!, i18n.resolvedLanguage ?? 'zh-CN'), ...summary })}
          </p>
        )}
      </header>

      {coverageMissing && (
        <div className="alert alert-info" role="status">
          {t('coverage.unavailable')}
        </div>
      )}
      {coverage.error && !coverageMissing && <ErrorMessage error={coverage.error} onRetry={() => void coverage.refetch()} />}
      <ErrorMessage error={stations.error} onRetry={() => void stations.refetch()} />
      <ErrorMessage error={calendarDays.error} onRetry={() => void calendarDays.refetch()} />

      <div className={`coverage-layout${selectedDay ? ' has-panel' : ''}`}>
        <StationFilter stations={stationList} colours={colours} selected={selected} onChange={setChosen} />

        <div className="coverage-calendar card">
          <FullCalendar
            {...phoneFriendlyCalendar}
            plugins={[classicTheme, dayGridPlugin, listPlugin, interactionPlugin]}
            locale={i18n.resolvedLanguage === 'en' ? 'en' : zhCnLocale}
            timeZone={NETWORK_TIME_ZONE}
            firstDay={1}
            // A month grid on a phone shrinks each day to a few characters, so no lawyer's name
            // shows: phones open on this week's list (the grid is one tap away).
            initialView={isPhoneWidth() ? 'listWeek' : 'dayGridMonth'}
            initialDate={networkDate()}
            colorScheme="light"
            height="auto"
            headerToolbar={{ start: 'prev,today,next', center: 'title', end: 'dayGridMonth,listWeek' }}
            buttons={{
              dayGridMonth: { text: t('coverage.month') },
              listWeek: { text: t('coverage.list') },
              // The button's name is what it says (FullCalendar's English hint would name it 'This month').
              today: { text: t('coverage.today'), hint: t('coverage.today') },
            }}
            dayMaxEvents={4}
            // Every event is a whole day: the list needs no "all day" column.
            views={{ listWeek: { displayEventTime: false } }}
            noEventsText={t('coverage.noEvents')}
            moreLinkText={(count) => t('coverage.more', { count })}
            events={events}
            datesSet={onDatesSet}
            dateClick={(info) => setSelectedDay(info.dateStr.slice(0, 10))}
            eventClick={(info) => {
              info.jsEvent.preventDefault();
              setSelectedDay(info.event.startStr.slice(0, 10));
            }}
            dayCellClass={(info) => {
              const date = networkDate(info.date);
              const mark = marked.get(date);
              return [
                'cov-day',
                mark?.kind === 'holiday' && 'cov-holiday',
                mark?.kind === 'workday' && 'cov-workday',
                date === selectedDay && 'cov-selected',
              ]
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
          <Legend />
        </div>

        {selectedDay && (
          <DayPanel
            date={selectedDay}
            coverage={coverage.data}
            coverageMissing={coverageMissing}
            calendarDays={calendarDays.data ?? []}
            stationsById={stationsById}
            colours={colours}
            lawyersById={lawyersById}
            labels={labels}
            onClose={() => setSelectedDay(null)}
          />
        )}
      </div>
    </section>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <ul className="legend" aria-label={t('coverage.legend')}>
      <li>
        <span className="legend-swatch legend-covered" aria-hidden="true" /> {t('coverage.legendCovered')}
      </li>
      <li>
        <span className="legend-swatch legend-partial" aria-hidden="true" /> {t('coverage.legendPartial')}
      </li>
      <li>
        <span className="legend-swatch legend-gap" aria-hidden="true" /> {t('coverage.legendGap')}
      </li>
      <li>
        <span className="cov-mark cov-mark-holiday">{t('coverage.holiday')}</span> {t('coverage.legendHoliday')}
      </li>
      <li>
        <span className="cov-mark cov-mark-workday">{t('coverage.workday')}</span> {t('coverage.legendWorkday')}
      </li>
    </ul>
  );
}
