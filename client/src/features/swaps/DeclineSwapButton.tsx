import { useTranslation } from 'react-i18next';
import type { Swap } from '../../api/client';
import { SwapActionError } from './SwapConflicts';
import { canDecline, shortDate } from './swapFormat';
import { useSwapAction } from './useSwaps';

/**
 * 婉拒: the colleague a swap names says no before accepting, so the requester can ask
 * someone else. Renders nothing for anyone else, and for open offers (nobody was asked).
 */
export function DeclineSwapButton({ swap, lawyerId, onDone }: { swap: Swap; lawyerId: number; onDone?: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  const decline = useSwapAction();
  if (!canDecline(swap, lawyerId)) return null;
  const about = { date: shortDate(swap.shift.date, lang), name: swap.fromLawyerName };

  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        disabled={decline.isPending}
        aria-label={t('swaps.decline.label', about)}
        onClick={() => {
          if (!window.confirm(t('swaps.decline.confirm', about))) return;
          decline.mutate({ id: swap.id, action: 'decline' }, { onSuccess: () => onDone?.(t('swaps.decline.done', about)) });
        }}
      >
        {decline.isPending ? t('swaps.decline.declining') : t('swaps.decline.button')}
      </button>
      <SwapActionError error={decline.error} swap={swap} />
    </>
  );
}
