import { lazy, Suspense, useMemo, useState } from 'react';
import { useQueryParams } from '../../lib/useQueryParams';
import { useTranslation } from 'react-i18next';
import { isApiError, statsApi, type StatsScope } from '../../api/client';
import { DateRangeFilters } from '../../components/DateRangeFilters';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FieldError } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { networkDate } from '../../lib/dates';
import { saveBlob } from '../hotline/download';
import { StationSelect } from '../hotline/StationSelect';
import { useAuth } from '../../auth/AuthContext';
import { useStations } from '../stations/useStations';
import { FigureCards } from './FigureCards';
import { lastThirtyDays, monthsSpanned, PERIODS, periodRange, trendRange, type Period } from './figures';
import { useStatsSummary, useStatsTrend } from './useStats';

// ECharts is large: it loads after the figures, in its own chunk.
const DashboardCharts = lazy(() => import('./DashboardCharts'));

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The figures the network reports, for a period and a station (with the stations under it, if asked). */
export default function DashboardPage() {
  const { t } = useTranslation();
  const [params, update] = useQueryParams();
  const today = networkDate();
  const stations = useStations();

  const period: Period = (PERIODS as readonly string[]).includes(params.get('period') ?? '') ? (params.get('period') as Period) : 'thisMonth';
  const fallback = lastThirtyDays(today);
  const custom = {
    from: DATE.test(params.get('from') ?? '') ? params.get('from')! : fallback.from,
    to: DATE.test(params.get('to') ?? '') ? params.get('to')! : fallback.to,
  };
  const range = period === 'custom' ? custom : periodRange(period, today);
  // People who work for part of the network (a district's coordinator, a town's desk) start on
  // their own station and those under it; "all stations" is then asked for as station=all.
  const { user } = useAuth();
  const own = user && !user.actsForWholeNetwork && user.stationId !== null ? user.stationId : undefined;
  const stationParam = params.get('station');
  const stationId = stationParam === null ? own : Number(stationParam) || undefined;
  const includeChildren = stationParam === null && own !== undefined ? params.get('children') !== '0' : params.get('children') === '1';
  const scope: StatsScope = useMemo(
    () => ({ from: range.from, to: range.to, stationId, includeChildren: stationId !== undefined && includeChildren }),
    [range.from, range.to, stationId, includeChildren],
  );
  const rangeOk = range.from <= range.to;
  const trendSpan = trendRange(range.from, range.to);
  const trendScope: StatsScope = useMemo(() => ({ ...scope, from: trendSpan.from, to: trendSpan.to }), [scope, trendSpan.from, trendSpan.to]);

  const summary = useStatsSummary(scope, rangeOk);
  const trend = useStatsTrend(trendScope, rangeOk);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  const onExport = async () => {
    setExporting(true);
    setExportError(null);
    try {
      saveBlob(await statsApi.exportXlsx(scope), `stats-${scope.from}-${scope.to}.xlsx`);
    } catch (err) {
      setExportError(err);
    } finally {
      setExporting(false);
    }
  };

  const station = stations.data?.find((s) => s.id === stationId);
  const scopeName = station
    ? includeChildren && station.level !== 'village'
      ? t('dashboard.scope.withChildren', { name: station.name })
      : station.name
    : t('dashboard.scope.all');
  const rangeErrors = isApiError(summary.error) ? summary.error.fieldErrors() : {};

  return (
    <section className="page page-wide dashboard-page">
      <header className="page-header">
        <div>
          <h1>{t('dashboard.title')}</h1>
          <p className="muted" data-testid="dashboard-scope">
            {t('dashboard.subtitle', { scope: scopeName, from: range.from, to: range.to })}
          </p>
        </div>
        <div className="page-actions">
          <button type="button" className="btn" disabled={exporting || !rangeOk} onClick={() => void onExport()}>
            {exporting ? t('dashboard.exporting') : t('dashboard.export')}
          </button>
        </div>
      </header>
      <ErrorMessage error={exportError} />

      <div className="card dashboard-controls" role="group" aria-label={t('dashboard.controls')}>
        <div className="period-picker" role="radiogroup" aria-label={t('dashboard.period')}>
          {PERIODS.map((p) => (
            <button
              key={p}
              type="button"
              role="radio"
              aria-checked={period === p}
              className={`btn btn-small${period === p ? ' is-on' : ''}`}
              onClick={() =>
                update(p === 'custom' ? { period: p, from: range.from, to: range.to } : { period: p === 'thisMonth' ? null : p, from: null, to: null })
              }
            >
              {t(`dashboard.periods.${p}`)}
            </button>
          ))}
        </div>
        {period === 'custom' && (
          <div className="custom-range">
            <DateRangeFilters
              from={custom.from}
              to={custom.to}
              fromLabel={t('dashboard.from')}
              toLabel={t('dashboard.to')}
              onFrom={(v) => v && update({ from: v })}
              onTo={(v) => v && update({ to: v })}
            />
            {!rangeOk && <FieldError message={t('dashboard.rangeBackwards')} />}
            <FieldError message={rangeErrors.to ?? rangeErrors.from} />
          </div>
        )}
        <div className="dash-station-picker">
          <label className="filter">
            <span>{t('dashboard.station')}</span>
            <StationSelect
              stations={stations.data ?? []}
              value={stationId}
              emptyLabel={t('dashboard.scope.all')}
              onChange={(id) => update({ station: id ? String(id) : own !== undefined ? 'all' : null })}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={includeChildren && stationId !== undefined}
              disabled={stationId === undefined || station?.level === 'village'}
              onChange={(e) => update({ children: e.target.checked ? '1' : '0' })}
            />
            {t('dashboard.includeChildren')}
          </label>
        </div>
      </div>

      {summary.error && !rangeErrors.to && !rangeErrors.from && <ErrorMessage error={summary.error} onRetry={() => void summary.refetch()} />}
      {summary.isPending && rangeOk ? (
        <Loading />
      ) : summary.data ? (
        <div className={summary.isPlaceholderData ? 'is-refreshing' : undefined} aria-busy={summary.isFetching}>
          <FigureCards summary={summary.data} />
          <Suspense fallback={<Loading />}>
            {trend.data ? <DashboardCharts summary={summary.data} trend={trend.data} trendExtended={trendSpan.extended} perMonthCoverage={monthsSpanned(range.from, range.to) > 1} /> : trend.error ? <ErrorMessage error={trend.error} /> : <Loading />}
          </Suspense>
        </div>
      ) : null}
    </section>
  );
}
