import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hotlineApi, type CallFilter, type DisputeCategory, type HotlineCall, type HotlineOutcome, type Station } from '../../api/client';
import { DateRangeFilters } from '../../components/DateRangeFilters';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { networkDate } from '../../lib/dates';
import { shortStationName } from '../stations/stationTree';
import { BookForCaller } from './BookForCaller';
import { BookedNotice, BookingBadge, FollowUpBadge, OutcomeBadge } from './CallBadges';
import { CallEditor } from './CallEditor';
import { saveBlob } from './download';
import { CATEGORIES, formatDuration, OUTCOMES, shortInstant } from './hotlineModel';
import type { LinkedBooking } from './linkedBookings';
import { Pager } from './Pager';
import { ReferralForm } from './ReferralForm';
import { StationSelect } from './StationSelect';
import { PAGE_SIZE, useCalls } from './useHotline';

type Mode = 'edit' | 'book' | 'refer';
type Open = { id: number; mode: Mode } | { id: number; mode: 'booked'; booking: LinkedBooking } | { id: number; mode: 'referred' };

const COLUMNS = 7;

/** The call log: filters, pages, files, and per call: edit, book for the caller, refer on. */
export function CallList({ stations, readOnly }: { stations: readonly Station[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<CallFilter>({});
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Open | null>(null);
  const [fileError, setFileError] = useState<unknown>(null);
  const [busyFile, setBusyFile] = useState<'csv' | 'xlsx' | null>(null);
  const calls = useCalls(filter, page);

  // Searching waits for a pause in typing.
  useEffect(() => {
    const q = search.trim() || undefined;
    if (q === filter.q) return;
    const timer = setTimeout(() => {
      setFilter((f) => ({ ...f, q }));
      setPage(1);
    }, 300);
    return () => clearTimeout(timer);
  }, [search, filter.q]);

  const patch = (p: Partial<CallFilter>) => {
    setFilter((f) => ({ ...f, ...p }));
    setPage(1);
  };

  const download = async (kind: 'csv' | 'xlsx') => {
    setBusyFile(kind);
    setFileError(null);
    try {
      saveBlob(await hotlineApi.exportFile(kind, filter), `hotline-calls-${networkDate()}.${kind}`);
    } catch (err) {
      setFileError(err);
    } finally {
      setBusyFile(null);
    }
  };

  const toggle = (id: number, mode: Mode) => setOpen((o) => (o?.id === id && o.mode === mode ? null : { id, mode }));
  const items = calls.data?.items ?? [];
  const filtered = Object.values(filter).some((v) => v !== undefined);

  return (
    <section className="call-list" aria-labelledby="call-list-title">
      <div className="list-toolbar">
        <h2 id="call-list-title">
          {t('hotline.list.title')} {calls.data && <span className="muted small">{t('hotline.list.total', { count: calls.data.total })}</span>}
        </h2>
        <div className="page-actions">
          <button type="button" className="btn btn-small" disabled={busyFile !== null} onClick={() => void download('csv')}>
            {busyFile === 'csv' ? t('hotline.list.exporting') : t('hotline.list.exportCsv')}
          </button>
          <button type="button" className="btn btn-small" disabled={busyFile !== null} onClick={() => void download('xlsx')}>
            {busyFile === 'xlsx' ? t('hotline.list.exporting') : t('hotline.list.exportXlsx')}
          </button>
        </div>
      </div>

      <div className="filters card" role="search" aria-label={t('hotline.list.filters')}>
        <DateRangeFilters
          from={filter.from}
          to={filter.to}
          fromLabel={t('hotline.list.from')}
          toLabel={t('hotline.list.to')}
          onFrom={(v) => patch({ from: v || undefined })}
          onTo={(v) => patch({ to: v || undefined })}
        />
        <label className="filter">
          <span>{t('hotline.fields.station')}</span>
          <StationSelect stations={stations} value={filter.stationId} emptyLabel={t('hotline.list.allStations')} onChange={(id) => patch({ stationId: id })} />
        </label>
        <label className="filter">
          <span>{t('hotline.fields.category')}</span>
          <select value={filter.category ?? ''} onChange={(e) => patch({ category: (e.target.value || undefined) as DisputeCategory | undefined })}>
            <option value="">{t('hotline.list.all')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('hotline.fields.outcome')}</span>
          <select value={filter.outcome ?? ''} onChange={(e) => patch({ outcome: (e.target.value || undefined) as HotlineOutcome | undefined })}>
            <option value="">{t('hotline.list.all')}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`hotline.outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter filter-search">
          <span>{t('hotline.list.search')}</span>
          <input type="search" value={search} placeholder={t('hotline.list.searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} />
        </label>
        {filtered && (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => {
              setSearch('');
              setFilter({});
              setPage(1);
            }}
          >
            {t('hotline.list.clear')}
          </button>
        )}
      </div>

      <ErrorMessage error={fileError} />
      {calls.error && <ErrorMessage error={calls.error} onRetry={() => void calls.refetch()} />}
      {calls.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="card muted">{filtered ? t('hotline.list.noMatch') : t('hotline.list.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table call-table table-stack">
            <thead>
              <tr>
                <th scope="col">{t('hotline.list.when')}</th>
                <th scope="col">{t('hotline.fields.category')}</th>
                <th scope="col" className="col-summary">
                  {t('hotline.fields.summary')}
                </th>
                <th scope="col">{t('hotline.list.caller')}</th>
                <th scope="col">{t('hotline.fields.duration')}</th>
                <th scope="col">{t('hotline.list.result')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('hotline.list.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <Fragment key={c.id}>
                  <CallRow call={c} readOnly={readOnly} open={open?.id === c.id ? open.mode : null} onToggle={(m) => toggle(c.id, m)} />
                  {open?.id === c.id && (
                    <tr className="call-panel-row">
                      <td colSpan={COLUMNS}>
                        {open.mode === 'edit' && <CallEditor call={c} stations={stations} onDone={() => setOpen(null)} />}
                        {open.mode === 'book' && (
                          <BookForCaller
                            call={c}
                            stations={stations}
                            onBooked={(booking) => setOpen({ id: c.id, mode: 'booked', booking })}
                            onCancel={() => setOpen(null)}
                          />
                        )}
                        {open.mode === 'booked' && <BookedNotice booking={open.booking} onClose={() => setOpen(null)} />}
                        {open.mode === 'refer' && (
                          <ReferralForm call={c} stations={stations} onDone={() => setOpen({ id: c.id, mode: 'referred' })} onCancel={() => setOpen(null)} />
                        )}
                        {open.mode === 'referred' && (
                          <div className="alert alert-ok" role="status">
                            <span>{t('hotline.refer.done')}</span>
                            <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(null)}>
                              {t('common.close')}
                            </button>
                          </div>
                        )}
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {calls.data && <Pager page={page} pageSize={PAGE_SIZE} total={calls.data.total} onPage={setPage} />}
    </section>
  );
}

function CallRow({
  call: c,
  readOnly,
  open,
  onToggle,
}: {
  call: HotlineCall;
  readOnly: boolean;
  open: string | null;
  onToggle: (mode: Mode) => void;
}) {
  const { t } = useTranslation();
  const bookable = c.appointmentId === null;
  return (
    <tr className={open ? 'is-selected' : undefined} data-call-id={c.id}>
      <td className="call-when">
        <div className="nowrap">{shortInstant(c.receivedAt)}</div>
        <div className="muted small" title={c.stationName}>
          {shortStationName(c.stationName)}
        </div>
      </td>
      <td className="call-category">
        <span className={`chip chip-cat-${c.category}`}>{t(`category.${c.category}`)}</span>
      </td>
      <td className="col-summary">{c.summary}</td>
      <td className="nowrap" data-label={t('hotline.list.caller')}>
        {c.callerName ?? <span className="muted">{t('hotline.anonymous')}</span>}
        {c.callerPhone && <div className="muted small mono">{c.callerPhone}</div>}
      </td>
      <td className="mono" data-label={t('hotline.fields.duration')}>
        {formatDuration(c.durationSeconds)}
      </td>
      <td data-label={t('hotline.list.result')}>
        <div className="result-cell">
          <OutcomeBadge outcome={c.outcome} />
          <FollowUpBadge call={c} />
          <BookingBadge call={c} />
        </div>
      </td>
      <td className="row-actions">
        {!readOnly && (
          <>
            <button type="button" className="btn btn-small btn-ghost" aria-expanded={open === 'edit'} onClick={() => onToggle('edit')}>
              {t('common.edit')}
            </button>
            {bookable && (
              <button type="button" className="btn btn-small" aria-expanded={open === 'book'} onClick={() => onToggle('book')}>
                {t('hotline.book.open')}
              </button>
            )}
            <button type="button" className="btn btn-small btn-ghost" aria-expanded={open === 'refer'} onClick={() => onToggle('refer')}>
              {t('hotline.refer.open')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
