import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

/** One sentence for an error, in the reader's language where the code is known. */
export function useErrorText(): (err: unknown) => string {
  const { t } = useTranslation();
  return (err) => {
    if (!isApiError(err)) return t('errors.generic', { message: err instanceof Error ? err.message : String(err) });
    switch (err.code) {
      case 'network':
        return t('errors.network');
      case 'unauthorized':
        return t('errors.unauthorized');
      case 'forbidden':
        return t('errors.forbidden');
      case 'not_found':
        return t('errors.notFound');
      case 'validation_failed':
        return err.details.length ? t('errors.validation') : t('errors.generic', { message: err.message });
      case 'conflict':
      case 'slot_full':
      case 'lawyer_busy':
        return t('errors.conflict', { message: err.message });
      case 'rate_limited':
        return t('errors.rateLimited');
      case 'unavailable':
        return t('errors.unavailable');
      default:
        return t('errors.generic', { message: err.message });
    }
  };
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      <span>{text(error)}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
