import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Swap } from '../../api/client';
import { Loading } from '../../components/Loading';
import { DeclineSwapButton } from '../swaps/DeclineSwapButton';
import { SwapCard } from '../swaps/SwapCard';
import { SwapActionError } from '../swaps/SwapConflicts';
import { shortDate } from '../swaps/swapFormat';
import { useSwapAction } from '../swaps/useSwaps';
import { Notice } from '../../components/Notice';

/** 可接的班: open offers I can take, giveaways named to me and exchange requests for one of my days. */
export function OffersSection({ lawyerId, swaps, loading }: { lawyerId: number; swaps: readonly Swap[]; loading: boolean }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<string | null>(null);
  const offers = useMemo(
    () =>
      swaps
        .filter((s) => s.status === 'pending' && s.fromLawyerId !== lawyerId && (s.toLawyerId === lawyerId || (s.open && s.canAccept)))
        .sort((a, b) => a.date.localeCompare(b.date)),
    [swaps, lawyerId],
  );

  return (
    <section className="card my-duty-section offers" aria-labelledby="offers-title">
      <h2 id="offers-title">
        {t('myDuty.offers.title')}
        {offers.length > 0 && <span className="count-badge">{offers.length}</span>}
      </h2>
      <p className="muted small">{t('myDuty.offers.hint')}</p>
      <Notice text={done} />
      {loading && <Loading />}
      {!loading && offers.length === 0 && <p className="muted">{t('myDuty.offers.empty')}</p>}
      <div className="swap-list">
        {offers.map((s) => (
          <Offer key={s.id} swap={s} lawyerId={lawyerId} onDone={setDone} />
        ))}
      </div>
    </section>
  );
}

function Offer({ swap, lawyerId, onDone }: { swap: Swap; lawyerId: number; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  const accept = useSwapAction();

  return (
    <SwapCard swap={swap} showStatus={false} className="offer">
      {!swap.canAccept && <p className="swap-conflicts small">{t('myDuty.offers.cannotAccept')}</p>}
      <SwapActionError error={accept.error} swap={swap} name={t('myDuty.you')} />
      <div className="swap-actions">
        <button
          type="button"
          className="btn btn-primary btn-small"
          disabled={!swap.canAccept || accept.isPending}
          aria-label={t('myDuty.offers.acceptLabel', { date: shortDate(swap.shift.date, lang), name: swap.fromLawyerName })}
          onClick={() =>
            accept.mutate(
              { id: swap.id, action: 'accept' },
              {
                onSuccess: (s) =>
                  onDone(
                    t(s.status === 'applied' ? 'myDuty.offers.applied' : 'myDuty.offers.acceptedWait', {
                      date: shortDate(s.shift.date, lang),
                    }),
                  ),
              },
            )
          }
        >
          {accept.isPending ? t('myDuty.offers.accepting') : t('myDuty.offers.accept')}
        </button>
        <DeclineSwapButton swap={swap} lawyerId={lawyerId} onDone={onDone} />
      </div>
    </SwapCard>
  );
}
