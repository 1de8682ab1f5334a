import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type Erasure, type SubjectRecords } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FieldError } from '../../components/Field';
import { blockers, dateTime } from './privacyModel';
import { useCountList, useErase } from './usePrivacy';

const REASON_MAX = 500;

/**
 * Erasure, confirmed with a reason, in a modal dialog (focus stays inside, Esc closes).
 * The text is meant to be read to the worker. While they have a booking that is not over
 * the server answers 409: the dialog says which, and what to do.
 */
export function EraseDialog({
  records,
  onClose,
  onErased,
}: {
  records: SubjectRecords;
  onClose: () => void;
  onErased: (result: Erasure) => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const erase = useErase();
  const countList = useCountList();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    reasonRef.current?.focus();
    // No close() on unmount: the element leaves the page, and a late `close` event would call onClose again.
  }, []);

  const blocked = isApiError(erase.error, 409);
  const serverReason = isApiError(erase.error, 400) ? erase.error.fieldErrors().reason : undefined;
  const reasonError = tried && !reason.trim() ? t('privacy.erase.reasonRequired') : serverReason;
  const open = blockers(records);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!reason.trim()) {
      reasonRef.current?.focus();
      return;
    }
    erase.mutate({ phone: records.phone, reason: reason.trim() }, { onSuccess: onErased });
  };

  return (
    <dialog
      ref={ref}
      className="privacy-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-explain`}
      onClose={onClose}
      onCancel={(e) => {
        // Esc closes, except while the server is erasing.
        if (erase.isPending) e.preventDefault();
      }}
    >
      <form onSubmit={onSubmit} noValidate>
        <h2 id={`${id}-title`}>{t('privacy.erase.title', { phone: records.phone })}</h2>
        <div id={`${id}-explain`} className="privacy-explain">
          <p>
            <strong>{t('privacy.erase.explain1')}</strong>
          </p>
          <p>{t('privacy.erase.explain2')}</p>
          <p>{t('privacy.erase.explain3')}</p>
        </div>
        <p className="muted small">
          {t('privacy.erase.counts', { list: countList(records.counts) })}
        </p>

        {blocked ? (
          <div className="alert alert-error privacy-blocked" role="alert">
            <div>
              <strong>{t('privacy.erase.blockedTitle')}</strong>
              <p>{t('privacy.erase.blockedBody')}</p>
              {open.appointments.length + open.waitlist.length > 0 ? (
                <ul>
                  {open.appointments.map((a) => (
                    <li key={`a${a.id}`}>
                      {t('privacy.groups.appointments')}
                      {t('common.colon')}{dateTime(a.start)} · {a.stationName} · <span className="mono nowrap">{a.code}</span>
                    </li>
                  ))}
                  {open.waitlist.map((w) => (
                    <li key={`w${w.id}`}>
                      {t('privacy.groups.waitlist')}
                      {t('common.colon')}{w.date} · {w.stationName} · <span className="mono nowrap">{w.code}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t('privacy.erase.blockedNone')}</p>
              )}
              {open.appointments.length > 0 && (
                <a href="/booking" target="_blank" rel="noopener noreferrer">
                  {t('privacy.erase.openLookup')}
                </a>
              )}
            </div>
          </div>
        ) : (
          <ErrorMessage error={isApiError(erase.error, 400) && serverReason ? null : erase.error} />
        )}

        <div className={`field${reasonError ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-reason`}>{t('privacy.erase.reason')}</label>
          <textarea
            ref={reasonRef}
            id={`${id}-reason`}
            name="reason"
            rows={2}
            maxLength={REASON_MAX}
            required
            value={reason}
            aria-invalid={!!reasonError}
            aria-describedby={`${id}-reason-hint${reasonError ? ` ${id}-reason-error` : ''}`}
            onChange={(e) => setReason(e.target.value)}
          />
          <small id={`${id}-reason-hint`} className="field-hint">
            {t('privacy.erase.reasonHint')}
          </small>
          <FieldError id={`${id}-reason-error`} message={reasonError} />
        </div>

        <div className="form-actions privacy-dialog-actions">
          <button type="submit" className="btn btn-danger-solid" disabled={erase.isPending}>
            {erase.isPending ? t('privacy.erase.erasing') : t('privacy.erase.confirm')}
          </button>
          <button type="button" className="btn" disabled={erase.isPending} onClick={onClose}>
            {t('privacy.erase.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
