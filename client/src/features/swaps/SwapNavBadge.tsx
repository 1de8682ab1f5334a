import { useTranslation } from 'react-i18next';
import { useAwaitingApprovalCount } from './useSwaps';

/** The count beside 调班审批 in the menu: accepted swaps waiting for a coordinator. */
export function SwapNavBadge() {
  const { t } = useTranslation();
  const count = useAwaitingApprovalCount(true);
  if (count === 0) return null;
  return (
    <span className="nav-count">
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span className="visually-hidden">{t('swaps.navCount', { count })}</span>
    </span>
  );
}
