import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The request is on its way: the submit button is disabled and says `busyLabel`. */
  busy: boolean;
  /** Submitting makes no sense yet (a required choice is missing). */
  disabled?: boolean;
  label: ReactNode;
  /** Default: 保存中… / Saving… */
  busyLabel?: ReactNode;
  onCancel: () => void;
}

/** How every form here ends: its submit button, then Cancel. */
export function FormActions({ busy, disabled = false, label, busyLabel, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={disabled || busy}>
        {busy ? (busyLabel ?? t('common.saving')) : label}
      </button>
      <button type="button" className="btn btn-ghost" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
