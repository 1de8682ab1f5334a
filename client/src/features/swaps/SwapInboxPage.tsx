import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Swap, SwapStatus } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { historyPath } from '../audit/auditModel';
import { SwapCard } from './SwapCard';
import { SwapActionError, SwapConflicts } from './SwapConflicts';
import { shortDate } from './swapFormat';
import { useSwapAction, useSwapList } from './useSwaps';
import { Notice } from '../../components/Notice';

const FILTERS = ['open', 'accepted', 'pending', 'applied', 'rejected', 'declined', 'cancelled', 'expired', 'all'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE_SIZE = 20;

function statusesOf(filter: Filter): SwapStatus[] | undefined {
  if (filter === 'all') return undefined;
  if (filter === 'open') return ['accepted', 'pending'];
  return [filter];
}

/**
 * The coordinators' swap inbox: accepted swaps waiting for approval first (with what
 * would stop them applying now, re-checked on every read), then the ones still waiting
 * for the colleague; approve or reject with a note. Other statuses through the filter.
 */
export default function SwapInboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const filter: Filter = (FILTERS as readonly string[]).includes(raw ?? '') ? (raw as Filter) : 'open';
  const [done, setDone] = useState<string | null>(null);

  const setFilter = (f: Filter) => {
    setDone(null);
    setParams(f === 'open' ? {} : { status: f }, { replace: true });
  };

  return (
    <section className="page swap-inbox">
      <header className="page-header">
        <div>
          <h1>{t('swaps.title')}</h1>
          <p className="muted">{t('swaps.subtitle')}</p>
        </div>
        <div className="swap-filter" role="group" aria-label={t('swaps.filter')}>
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              className={`btn btn-small${f === filter ? ' btn-primary' : ''}`}
              aria-pressed={f === filter}
              onClick={() => setFilter(f)}
            >
              {t(`swaps.filters.${f}`)}
            </button>
          ))}
        </div>
      </header>

      <Notice text={done} />

      {filter === 'open' ? (
        <>
          <SwapSection status={['accepted']} title={(n) => t('swaps.awaitingTitle', { count: n })} empty={t('swaps.emptyAwaiting')} onDone={setDone} />
          <SwapSection status={['pending']} title={(n) => t('swaps.pendingTitle', { count: n })} empty={t('swaps.emptyPending')} onDone={setDone} />
        </>
      ) : (
        <SwapSection
          key={filter}
          status={statusesOf(filter)}
          title={(n) => t('swaps.listTitle', { status: t(`swaps.filters.${filter}`), count: n })}
          empty={t('swaps.empty')}
          onDone={setDone}
        />
      )}
    </section>
  );
}

function SwapSection({
  status,
  title,
  empty,
  onDone,
}: {
  status: SwapStatus[] | undefined;
  title: (count: number) => string;
  empty: string;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useSwapList({ status, page, pageSize: PAGE_SIZE }, { refetchInterval: 60_000 });
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const headingId = `swap-section-${(status ?? ['all']).join('-')}`;

  return (
    <section className="swap-section" aria-labelledby={headingId}>
      <div className="swap-section-head">
        <h2 id={headingId}>{title(data?.total ?? 0)}</h2>
        {data && data.items.length > 0 && (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => void list.refetch()} disabled={list.isFetching}>
            {list.isFetching ? t('common.loading') : t('swaps.recheck')}
          </button>
        )}
      </div>
      {list.isPending && <Loading />}
      <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
      {data && data.items.length === 0 && <p className="muted">{empty}</p>}
      {data && data.items.length > 0 && (
        <div className="swap-list">
          {data.items.map((s) => (
            <InboxItem key={s.id} swap={s} onDone={onDone} />
          ))}
        </div>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label={t('swaps.pager')}>
          <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            {t('swaps.prev')}
          </button>
          <span className="muted small">{t('swaps.page', { page, pages })}</span>
          <button type="button" className="btn btn-small" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            {t('swaps.next')}
          </button>
        </nav>
      )}
    </section>
  );
}

function InboxItem({ swap, onDone }: { swap: Swap; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  const [note, setNote] = useState('');
  const action = useSwapAction();
  const conflicts = swap.conflicts ?? [];
  const live = swap.status === 'accepted' || swap.status === 'pending';
  const canApprove = swap.status === 'accepted' && conflicts.length === 0;
  const noteId = `swap-note-${swap.id}`;

  const run = (kind: 'approve' | 'reject') => {
    if (kind === 'reject' && !window.confirm(t('swaps.confirmReject'))) return;
    action.mutate(
      { id: swap.id, action: kind, note: note.trim() || undefined },
      {
        onSuccess: (s) =>
          onDone(
            kind === 'approve'
              ? t('swaps.approvedDone', {
                  date: shortDate(s.shift.date, lang),
                  station: s.shift.stationName,
                  name: s.toLawyerName ?? '',
                })
              : t('swaps.rejectedDone', { date: shortDate(s.shift.date, lang), name: s.fromLawyerName }),
          ),
      },
    );
  };

  return (
    <SwapCard swap={swap} className={conflicts.length ? 'has-conflicts' : undefined}>
      {live && <SwapConflicts swap={swap} conflicts={conflicts} title={t('swaps.conflictsTitle')} />}
      <SwapActionError error={action.error} swap={swap} />
      {live && (
        <div className="swap-decide">
          <label htmlFor={noteId} className="visually-hidden">
            {t('swaps.noteLabel')}
          </label>
          <input
            id={noteId}
            value={note}
            maxLength={500}
            placeholder={t('swaps.notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="swap-actions">
            {swap.status === 'accepted' && (
              <button
                type="button"
                className="btn btn-primary btn-small"
                disabled={!canApprove || action.isPending}
                title={canApprove ? undefined : t('swaps.approveBlocked')}
                onClick={() => run('approve')}
              >
                {action.isPending && action.variables?.action === 'approve' ? t('swaps.approving') : t('swaps.approve')}
              </button>
            )}
            <button type="button" className="btn btn-danger btn-small" disabled={action.isPending} onClick={() => run('reject')}>
              {action.isPending && action.variables?.action === 'reject' ? t('swaps.rejecting') : t('swaps.reject')}
            </button>
          </div>
          {swap.status === 'pending' && <p className="muted small swap-wait">{t('swaps.waitingForColleague')}</p>}
        </div>
      )}
      <p className="small swap-history">
        <Link to={historyPath('swap', swap.id)} aria-label={t('audit.linkLabel', { what: t('audit.entity.swap'), id: swap.id })}>
          {t('audit.link')}
        </Link>
      </p>
    </SwapCard>
  );
}
