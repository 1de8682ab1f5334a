import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Swap } from '../../api/client';
import { Loading } from '../../components/Loading';
import { SwapCard } from '../swaps/SwapCard';
import { SwapActionError } from '../swaps/SwapConflicts';
import { isLiveSwap, shortDate } from '../swaps/swapFormat';
import { useSwapAction } from '../swaps/useSwaps';

/** 我的申请: what I asked for (withdrawable while live) and what I took on, with where each stands. */
export function MyRequestsSection({ lawyerId, swaps, loading }: { lawyerId: number; swaps: readonly Swap[]; loading: boolean }) {
  const { t } = useTranslation();
  const { live, finished } = useMemo(() => {
    const mine = swaps
      .filter((s) => s.fromLawyerId === lawyerId || (s.toLawyerId === lawyerId && s.status !== 'pending'))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return { live: mine.filter(isLiveSwap), finished: mine.filter((s) => !isLiveSwap(s)) };
  }, [swaps, lawyerId]);

  return (
    <section className="card my-duty-section" aria-labelledby="mine-title">
      <h2 id="mine-title">{t('myDuty.mine.title')}</h2>
      {loading && <Loading />}
      {!loading && live.length + finished.length === 0 && <p className="muted">{t('myDuty.mine.empty')}</p>}
      <div className="swap-list">
        {live.map((s) => (
          <Request key={s.id} swap={s} lawyerId={lawyerId} />
        ))}
      </div>
      {finished.length > 0 && (
        <details className="swap-finished" open={live.length === 0 && finished.length <= 3}>
          <summary>{t('myDuty.mine.finished', { count: finished.length })}</summary>
          <div className="swap-list">
            {finished.map((s) => (
              <Request key={s.id} swap={s} lawyerId={lawyerId} />
            ))}
          </div>
        </details>
      )}
    </section>
  );
}

function Request({ swap, lawyerId }: { swap: Swap; lawyerId: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  const cancel = useSwapAction();
  const outgoing = swap.fromLawyerId === lawyerId;
  return (
    <SwapCard swap={swap} headingLevel={3}>
      <p className="small muted swap-direction">{outgoing ? t('myDuty.mine.outgoing') : t('myDuty.mine.incoming')}</p>
      <SwapActionError error={cancel.error} swap={swap} />
      {outgoing && isLiveSwap(swap) && (
        <div className="swap-actions">
          <button
            type="button"
            className="btn btn-danger btn-small"
            disabled={cancel.isPending}
            onClick={() => {
              if (!window.confirm(t('myDuty.mine.confirmCancel', { date: shortDate(swap.shift.date, lang) }))) return;
              cancel.mutate({ id: swap.id, action: 'cancel' });
            }}
          >
            {cancel.isPending ? t('myDuty.mine.cancelling') : t('myDuty.mine.cancel')}
          </button>
        </div>
      )}
    </SwapCard>
  );
}
