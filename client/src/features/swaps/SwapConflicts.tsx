import { useTranslation } from 'react-i18next';
import { isApiError, type Swap } from '../../api/client';
import { useErrorText } from '../../components/ErrorMessage';
import { conflictLawyerName, isKnownConflict } from './swapFormat';

interface ConflictLike {
  code: string;
  message: string;
  lawyerId: number | null;
}

/** A conflict in the reader's language where its code is known, the server's words otherwise. */
export function useConflictText() {
  const { t } = useTranslation();
  return (c: ConflictLike, name: string) => (isKnownConflict(c.code) ? t(`swaps.conflict.${c.code}`, { name }) : c.message);
}

/** What stands in the way of a swap, in red. */
export function SwapConflicts({ swap, conflicts, title }: { swap: Swap; conflicts: readonly ConflictLike[]; title?: string }) {
  const text = useConflictText();
  if (conflicts.length === 0) return null;
  return (
    <div className="swap-conflicts" role="alert">
      {title && <strong>{title}</strong>}
      <ul>
        {conflicts.map((c, i) => (
          <li key={`${c.code}-${i}`}>{text(c, conflictLawyerName(swap, c) || '')}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A refused swap action: a 409 carries the conflicts as details (`path` is the code);
 * those are listed in the reader's language, anything else is a plain error line.
 */
export function SwapActionError({ error, swap, name }: { error: unknown; swap?: Swap; name?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const conflictText = useConflictText();
  if (!error) return null;
  if (isApiError(error, 409) && error.details.some((d) => isKnownConflict(d.path))) {
    return (
      <div className="swap-conflicts" role="alert">
        <strong>{t('swaps.refused')}</strong>
        <ul>
          {error.details.map((d, i) => {
            const c = { code: d.path, message: d.message, lawyerId: null };
            return <li key={i}>{conflictText(c, name ?? swap?.toLawyerName ?? '')}</li>;
          })}
        </ul>
      </div>
    );
  }
  if (isApiError(error, 409)) {
    return (
      <div className="alert alert-error" role="alert">
        {t('swaps.refusedWith', { message: error.message })}
      </div>
    );
  }
  return (
    <div className="alert alert-error" role="alert">
      {errorText(error)}
    </div>
  );
}
