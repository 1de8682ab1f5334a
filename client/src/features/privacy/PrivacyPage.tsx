import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { privacyApi, type Erasure } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FieldError } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { saveBlob } from '../hotline/download';
import { useStations } from '../stations/useStations';
import { EraseDialog } from './EraseDialog';
import { dateTime, exportName, subjectPhone, totalRecords } from './privacyModel';
import { SubjectRecordsView } from './SubjectRecordsView';
import { useCountList, useSubject } from './usePrivacy';

/**
 * A worker's request about their own data (PIPL): staff find every record holding the
 * number, hand over a copy, and erase it. The number lives in this page's state only —
 * never in the address bar, where it would stay in the browser history.
 */
export default function PrivacyPage() {
  const { t } = useTranslation();
  const id = useId();
  const [typed, setTyped] = useState('');
  const [tried, setTried] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
  const [erased, setErased] = useState<{ phone: string; result: Erasure } | null>(null);
  const [erasing, setErasing] = useState(false);
  const [busyFile, setBusyFile] = useState<'json' | 'xlsx' | null>(null);
  const [fileError, setFileError] = useState<unknown>(null);
  const subject = useSubject(phone);
  const stations = useStations();
  const countList = useCountList();

  const invalid = tried && subjectPhone(typed) === null;

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    const normalized = subjectPhone(typed);
    if (!normalized) return;
    setFileError(null);
    if (erased?.phone !== normalized) setErased(null);
    // The same number again is a new look-up (the records may have changed meanwhile).
    if (normalized === phone) void subject.refetch();
    else setPhone(normalized);
  };

  const clear = () => {
    setTyped('');
    setTried(false);
    setPhone(null);
    setErased(null);
    setFileError(null);
  };

  const download = async (kind: 'json' | 'xlsx') => {
    if (!phone) return;
    setBusyFile(kind);
    setFileError(null);
    try {
      saveBlob(await privacyApi.exportFile(phone, kind), exportName(kind));
    } catch (err) {
      setFileError(err);
    } finally {
      setBusyFile(null);
    }
  };

  const records = subject.data;
  const total = records ? totalRecords(records) : 0;

  return (
    <section className="page page-wide privacy-page">
      <header className="page-header">
        <div>
          <h1>{t('privacy.title')}</h1>
          <p className="muted">{t('privacy.subtitle')}</p>
        </div>
      </header>

      <p className="alert alert-info privacy-audit-note" role="note">
        <LockIcon />
        <span>{t('privacy.auditNote')}</span>
      </p>

      <form className="card privacy-search" role="search" aria-label={t('privacy.title')} onSubmit={onSearch} noValidate>
        <div className={`field${invalid ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-phone`}>{t('privacy.search.label')}</label>
          <div className="privacy-search-row">
            <input
              id={`${id}-phone`}
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              maxLength={40}
              className="mono"
              placeholder={t('privacy.search.placeholder')}
              value={typed}
              aria-invalid={invalid}
              aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
              onChange={(e) => setTyped(e.target.value)}
            />
            <button type="submit" className="btn btn-primary" disabled={subject.isFetching}>
              {subject.isFetching ? t('privacy.search.searching') : t('privacy.search.submit')}
            </button>
            {(typed || phone) && (
              <button type="button" className="btn btn-ghost" onClick={clear}>
                {t('privacy.search.clear')}
              </button>
            )}
          </div>
          <small id={`${id}-hint`} className="field-hint">
            {t('privacy.search.hint')}
          </small>
          <FieldError id={`${id}-error`} message={invalid ? t('privacy.search.invalid') : undefined} />
        </div>
      </form>

      {erased && (
        <div className="alert alert-ok" role="status">
          <span>{t('privacy.erase.done', { list: countList(erased.result.counts) })}</span>
        </div>
      )}

      {phone && (
        <div className="privacy-results" aria-live="polite" aria-busy={subject.isFetching}>
          {subject.isPending && subject.isFetching && <Loading />}
          {subject.error && <ErrorMessage error={subject.error} onRetry={() => void subject.refetch()} />}
          {records && total === 0 && (
            <p className="card privacy-none" data-testid="privacy-none">
              {erased?.phone === records.phone ? t('privacy.noneAfterErase') : t('privacy.none', { phone: records.phone })}
            </p>
          )}
          {records && total > 0 && (
            <>
              <div className="card privacy-summary">
                <div>
                  <h2 className="privacy-summary-title">{t('privacy.summary', { phone: records.phone, count: total })}</h2>
                  <p className="muted small">{t('privacy.generatedAt', { at: dateTime(records.generatedAt) })}</p>
                </div>
                <div className="privacy-actions">
                  <div className="privacy-export" role="group" aria-label={t('privacy.export.title')}>
                    <button type="button" className="btn" disabled={busyFile !== null} onClick={() => void download('json')}>
                      {busyFile === 'json' ? t('privacy.export.busy') : t('privacy.export.json')}
                    </button>
                    <button type="button" className="btn" disabled={busyFile !== null} onClick={() => void download('xlsx')}>
                      {busyFile === 'xlsx' ? t('privacy.export.busy') : t('privacy.export.xlsx')}
                    </button>
                  </div>
                  <button type="button" className="btn btn-danger-outline" onClick={() => setErasing(true)}>
                    {t('privacy.erase.open')}
                  </button>
                </div>
                <p className="muted small privacy-export-hint">{t('privacy.export.hint')}</p>
              </div>
              <ErrorMessage error={fileError} />
              <SubjectRecordsView records={records} stations={stations.data ?? []} />
              {erasing && (
                <EraseDialog
                  records={records}
                  onClose={() => setErasing(false)}
                  onErased={(result) => {
                    setErasing(false);
                    setErased({ phone: records.phone, result });
                    // Look again: the number should hold nothing now.
                    void subject.refetch();
                  }}
                />
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}

function LockIcon() {
  return (
    <svg className="privacy-lock" width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        d="M6 11h12v9H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3M12 15v2"
      />
    </svg>
  );
}
