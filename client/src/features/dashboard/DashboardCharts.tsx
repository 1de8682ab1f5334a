/**
 * The dashboard's charts. This module (and ECharts with it) is loaded lazily by the
 * dashboard, so no other page downloads the chart library. Only the chart types and
 * components used here are registered, to keep the chunk small.
 */
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { StatsSummary, StatsTrend } from '../../api/client';
import { PHONE_QUERY } from '../../lib/calendar';
import { useMediaQuery } from '../../lib/useMediaQuery';
import { CATEGORIES, OUTCOMES } from '../hotline/hotlineModel';
import { shortStationName } from '../stations/stationTree';
import { appointmentBreakdown } from './appointmentBreakdown';
import { coveragePercent } from './figures';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/**
 * The page's own font stack (styles.css --font: Chinese fonts first on a Chinese page, Latin
 * ones first on an English page, where a Chinese font draws ’ “ ” full-width). Canvas text
 * inherits nothing from CSS, so the charts are told it, again whenever the language changes.
 */
function pageFont(): string {
  return getComputedStyle(document.documentElement).getPropertyValue('--font').replace(/\s+/g, ' ').trim() || 'sans-serif';
}
const COLORS = ['#1f4e79', '#b45309', '#2f855a', '#6b7fa8', '#c05621', '#7c3aed', '#0e7490', '#9f1239', '#64748b'];
/** One colour per measure in every chart (consultations are completed appointments: the appointment ring's 完成 too). */
const MEASURE = {
  consultations: '#1f4e79',
  hotline: '#b45309',
  peopleServed: '#2f855a',
  required: '#c9d3df',
  covered: '#0e7490',
  rate: '#7c3aed',
  noShow: '#9f1239',
  open: '#6b7fa8',
  cancelled: '#94a3b8',
} as const;
/** Hotline outcomes: categories of their own, in colours no measure uses. */
const OUTCOME_COLOURS = ['#4d7c0f', '#db2777', '#0f766e', '#a16207', '#6b21a8', '#475569', '#155e75', '#be185d'];
/** What every chart shares, in the page's font (read when the language is known). */
function baseOption(fontFamily: string) {
  return {
    color: COLORS,
    textStyle: { fontFamily, color: '#1b2430' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, textStyle: { fontFamily } },
    legend: { top: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8 },
    animationDuration: 300,
  };
}

function Chart({ title, option, height, label, wide }: { title: string; option: object; height: number; label: string; wide?: boolean }) {
  return (
    <figure className={`card chart${wide ? ' chart-wide' : ''}`}>
      <figcaption>{title}</figcaption>
      <div role="img" aria-label={label}>
        <ReactEChartsCore echarts={echarts} option={option} notMerge lazyUpdate style={{ height, width: '100%' }} opts={{ renderer: 'canvas' }} />
      </div>
    </figure>
  );
}

function Empty({ title, children }: { title: string; children: ReactNode }) {
  return (
    <figure className="card chart">
      <figcaption>{title}</figcaption>
      <p className="muted chart-empty">{children}</p>
    </figure>
  );
}

interface Props {
  summary: StatsSummary;
  /** Per month; may reach back further than the period (see trendRange). */
  trend: StatsTrend;
  trendExtended: boolean;
  /** Coverage per month over a longer period; per station within one month. */
  perMonthCoverage: boolean;
}

export default function DashboardCharts({ summary, trend, trendExtended, perMonthCoverage }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  // <html lang> has changed by the time the page renders in the new language, and --font with it.
  const base = useMemo(() => baseOption(pageFont()), [language]);
  // A phone's chart is about 300 px wide: the two rings are stacked, axis labels turned.
  const narrow = useMediaQuery(PHONE_QUERY);
  const L = {
    peopleServed: t('dashboard.figures.peopleServed'),
    consultations: t('dashboard.figures.consultations'),
    hotline: t('dashboard.figures.hotlineCalls'),
    required: t('dashboard.charts.required'),
    covered: t('dashboard.charts.covered'),
    rate: t('dashboard.charts.rate'),
  };
  // The year is written at the first month and at each January.
  const monthLabel = (m: string, i = 1) =>
    t(i === 0 || m.endsWith('-01') ? 'dashboard.charts.monthWithYear' : 'dashboard.charts.month', {
      year: m.slice(0, 4),
      month: Number(m.slice(5, 7)),
    });

  const trendOption = useMemo(() => {
    const months = trend.months;
    const inPeriod = months.filter((m) => m.to >= summary.from && m.from <= summary.to);
    return {
      ...base,
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: months.map((m, i) => monthLabel(m.month, i)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: L.consultations,
          type: 'bar',
          barMaxWidth: 22,
          itemStyle: { color: MEASURE.consultations },
          data: months.map((m) => m.consultations),
          // Over twelve months for context, the chosen period is shaded.
          markArea: inPeriod.length && inPeriod.length < months.length
            ? {
                silent: true,
                itemStyle: { color: 'rgba(31, 78, 121, 0.07)' },
                data: [[{ xAxis: monthLabel(inPeriod[0]!.month, months.indexOf(inPeriod[0]!)) }, { xAxis: monthLabel(inPeriod.at(-1)!.month, months.indexOf(inPeriod.at(-1)!)) }]],
              }
            : undefined,
        },
        { name: L.hotline, type: 'bar', barMaxWidth: 22, itemStyle: { color: MEASURE.hotline }, data: months.map((m) => m.hotlineCalls.total) },
        {
          name: L.peopleServed,
          type: 'line',
          symbolSize: 7,
          itemStyle: { color: MEASURE.peopleServed },
          lineStyle: { color: MEASURE.peopleServed },
          data: months.map((m) => m.peopleServed),
        },
      ],
    };
  }, [trend, summary, t, base]);

  const stationRows = useMemo(
    () =>
      summary.byStation
        .filter((s) => s.peopleServed + s.consultations + s.hotlineCalls.total > 0)
        .sort((a, b) => b.peopleServed - a.peopleServed || b.consultations - a.consultations),
    [summary],
  );
  const stationOption = useMemo(() => {
    const rows = [...stationRows].reverse(); // the largest at the top
    return {
      ...base,
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((s) => shortStationName(s.name)), axisLabel: { interval: 0, width: 110, overflow: 'truncate' } },
      series: [
        { name: L.peopleServed, type: 'bar', barMaxWidth: 12, itemStyle: { color: MEASURE.peopleServed }, data: rows.map((s) => s.peopleServed) },
        { name: L.consultations, type: 'bar', barMaxWidth: 12, itemStyle: { color: MEASURE.consultations }, data: rows.map((s) => s.consultations) },
        { name: L.hotline, type: 'bar', barMaxWidth: 12, itemStyle: { color: MEASURE.hotline }, data: rows.map((s) => s.hotlineCalls.total) },
      ],
    };
  }, [stationRows, t, base]);

  const categoryOption = useMemo(() => {
    const cats = [...CATEGORIES].reverse();
    return {
      ...base,
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: cats.map((c) => t(`category.${c}`)), axisLabel: { interval: 0 } },
      series: [
        {
          name: L.consultations,
          type: 'bar',
          stack: 'all',
          barMaxWidth: 16,
          itemStyle: { color: MEASURE.consultations },
          data: cats.map((c) => summary.consultationsByCategory[c] ?? 0),
        },
        {
          name: L.hotline,
          type: 'bar',
          stack: 'all',
          barMaxWidth: 16,
          itemStyle: { color: MEASURE.hotline },
          data: cats.map((c) => summary.hotlineCalls.byCategory[c] ?? 0),
        },
      ],
    };
  }, [summary, t, base]);

  const outcomeOption = useMemo(() => {
    const a = summary.appointments;
    const calls = OUTCOMES.map((o, i) => ({
      name: t(`hotline.outcome.${o}`),
      value: summary.hotlineCalls.byOutcome[o] ?? 0,
      itemStyle: { color: OUTCOME_COLOURS[i % OUTCOME_COLOURS.length] },
    })).filter((d) => d.value > 0);
    const parts = appointmentBreakdown(a);
    const appts = [
      { name: t('dashboard.charts.apptCompleted'), value: parts.completed, itemStyle: { color: MEASURE.consultations } },
      { name: t('dashboard.charts.apptOpen'), value: parts.open, itemStyle: { color: MEASURE.open } },
      { name: t('dashboard.charts.apptNoShow'), value: parts.noShow, itemStyle: { color: MEASURE.noShow } },
      { name: t('dashboard.charts.apptCancelled'), value: parts.cancelled, itemStyle: { color: MEASURE.cancelled } },
    ].filter((d) => d.value > 0);
    // Each ring keeps to its own box, labels at the box's edges so they never run into the
    // other ring or off the chart: side by side on wider screens, one above the other on a phone.
    const pos = (i: 0 | 1) =>
      narrow
        ? { box: { left: 0, width: '100%', top: i ? '50%' : 0, height: '50%' }, x: '50%', title: i ? '50%' : 0, empty: i ? '74%' : '24%' }
        : { box: { left: i ? '50%' : 0, width: '50%', top: 0, height: '100%' }, x: i ? '75%' : '25%', title: 0, empty: '54%' };
    const pie = (name: string, data: object[], i: 0 | 1) => ({
      name,
      type: 'pie',
      ...pos(i).box,
      radius: narrow ? ['28%', '46%'] : ['30%', '50%'],
      center: ['50%', narrow ? '56%' : '58%'],
      data,
      label: { formatter: '{b}\n{c}', fontSize: 11, width: narrow ? 84 : 64, overflow: 'break', alignTo: 'edge', edgeDistance: 4 },
      labelLine: { length: 6, length2: 6 },
      labelLayout: { hideOverlap: true },
    });
    return {
      ...base,
      legend: { show: false },
      tooltip: { ...base.tooltip, trigger: 'item', formatter: `{a}<br/>{b}${t('common.colon')}{c}${t('common.inParens', { text: '{d}%' })}` },
      title: [
        { text: t('dashboard.charts.callOutcomes'), left: pos(0).x, top: pos(0).title, textAlign: 'center', textStyle: { fontSize: 13, fontWeight: 600 } },
        { text: t('dashboard.charts.apptOutcomes'), left: pos(1).x, top: pos(1).title, textAlign: 'center', textStyle: { fontSize: 13, fontWeight: 600 } },
        // An empty ring says so in its middle.
        ...[
          [calls, pos(0)],
          [appts, pos(1)],
        ]
          .filter(([data]) => (data as object[]).length === 0)
          .map(([, p]) => ({
            text: t('dashboard.charts.noData'),
            left: (p as ReturnType<typeof pos>).x,
            top: (p as ReturnType<typeof pos>).empty,
            textAlign: 'center',
            textStyle: { fontSize: 12, fontWeight: 400, color: '#5b6675' },
          })),
      ],
      series: [pie(t('dashboard.charts.callOutcomes'), calls, 0), pie(t('dashboard.charts.apptOutcomes'), appts, 1)],
    };
  }, [summary, t, narrow, base]);

  const perMonth = perMonthCoverage;
  const periodMonths = trend.months.filter((m) => m.to >= summary.from && m.from <= summary.to);
  const coverageRows = perMonth
    ? periodMonths.map((m, i) => ({ name: monthLabel(m.month, i), ...m.coverage }))
    : summary.byStation.filter((s) => s.coverage.requiredDays > 0).map((s) => ({ name: shortStationName(s.name), ...s.coverage }));
  const coverageOption = useMemo(
    () => ({
      ...base,
      grid: { left: 40, right: 44, top: 36, bottom: perMonth ? 28 : narrow ? 80 : 64 },
      xAxis: {
        type: 'category',
        data: coverageRows.map((r) => r.name),
        // A phone has some 16 px per station: names stand upright, cut to five or so characters.
        axisLabel: perMonth ? {} : narrow ? { rotate: 90, interval: 0, width: 72, overflow: 'truncate', fontSize: 11 } : { rotate: 35, interval: 0, width: 84, overflow: 'truncate' },
      },
      yAxis: [
        { type: 'value', minInterval: 1, name: t('dashboard.charts.days') },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { name: L.required, type: 'bar', barMaxWidth: 18, data: coverageRows.map((r) => r.requiredDays), itemStyle: { color: MEASURE.required } },
        { name: L.covered, type: 'bar', barMaxWidth: 18, data: coverageRows.map((r) => r.coveredDays), itemStyle: { color: MEASURE.covered } },
        {
          name: L.rate,
          type: 'line',
          yAxisIndex: 1,
          symbolSize: 6,
          itemStyle: { color: MEASURE.rate },
          lineStyle: { color: MEASURE.rate },
          data: coverageRows.map((r) => coveragePercent(r.requiredDays, r.coveredDays)),
          tooltip: { valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
        },
      ],
    }),
    [trend, summary, perMonth, t, narrow, base],
  );

  const total = summary.hotlineCalls.total + summary.consultations;
  return (
    <div className="chart-grid">
      <Chart
        wide
        title={trendExtended ? t('dashboard.charts.trendYear') : t('dashboard.charts.trend')}
        option={trendOption}
        height={280}
        label={t('dashboard.charts.trendLabel', { from: trend.from, to: trend.to })}
      />
      {stationRows.length > 0 ? (
        <Chart
          title={t('dashboard.charts.byStation')}
          option={stationOption}
          height={Math.max(220, stationRows.length * 34 + 60)}
          label={t('dashboard.charts.byStationLabel', { count: stationRows.length })}
        />
      ) : (
        <Empty title={t('dashboard.charts.byStation')}>{t('dashboard.charts.none')}</Empty>
      )}
      {total > 0 ? (
        <Chart title={t('dashboard.charts.categories')} option={categoryOption} height={320} label={t('dashboard.charts.categoriesLabel')} />
      ) : (
        <Empty title={t('dashboard.charts.categories')}>{t('dashboard.charts.none')}</Empty>
      )}
      <Chart title={t('dashboard.charts.outcomes')} option={outcomeOption} height={narrow ? 540 : 280} label={t('dashboard.charts.outcomesLabel')} />
      {coverageRows.length > 0 ? (
        <Chart title={t('dashboard.charts.coverage')} option={coverageOption} height={narrow && !perMonth ? 320 : 280} label={t('dashboard.charts.coverageLabel')} />
      ) : (
        <Empty title={t('dashboard.charts.coverage')}>{t('dashboard.charts.noCoverage')}</Empty>
      )}
    </div>
  );
}
