import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useCalendarToken, useRotateCalendarToken } from './useMyDuty';

/** The address of my own duty feed (iCalendar) for a phone's calendar: copy it, or replace it when it leaked. */
export function CalendarFeed() {
  const { t } = useTranslation();
  const token = useCalendarToken(true);
  const rotate = useRotateCalendarToken();
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const [rotated, setRotated] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const url = token.data?.url ?? '';
  const webcal = url.replace(/^https?:/, 'webcal:');

  const copy = async () => {
    setRotated(false);
    try {
      await navigator.clipboard.writeText(url);
      setCopied('ok');
    } catch {
      // No clipboard (plain http, old browsers): select the text for the reader to copy.
      input.current?.select();
      setCopied('failed');
    }
  };

  const onRotate = () => {
    if (!window.confirm(t('myDuty.feed.confirmRotate'))) return;
    setCopied(null);
    rotate.mutate(undefined, { onSuccess: () => setRotated(true) });
  };

  return (
    <section className="card my-duty-section calendar-feed" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('myDuty.feed.title')}</h2>
      <p className="small">{t('myDuty.feed.intro')}</p>
      {token.isPending && <Loading />}
      <ErrorMessage error={token.error} onRetry={() => void token.refetch()} />
      {token.data && (
        <>
          <label htmlFor="feed-url" className="feed-label">
            {t('myDuty.feed.url')}
          </label>
          <div className="feed-url">
            <input id="feed-url" ref={input} readOnly value={url} onFocus={(e) => e.currentTarget.select()} className="mono" />
            <button type="button" className="btn btn-primary btn-small" onClick={() => void copy()}>
              {copied === 'ok' ? t('myDuty.feed.copied') : t('myDuty.feed.copy')}
            </button>
          </div>
          <p className="small" aria-live="polite">
            {copied === 'failed' && <span className="text-danger">{t('myDuty.feed.copyFailed')}</span>}
            {rotated && <span className="feed-rotated">{t('myDuty.feed.rotated')}</span>}
          </p>
          <div className="feed-actions">
            <a className="btn btn-small" href={webcal}>
              {t('myDuty.feed.open')}
            </a>
            <button type="button" className="btn btn-small btn-danger" onClick={onRotate} disabled={rotate.isPending}>
              {rotate.isPending ? t('myDuty.feed.rotating') : t('myDuty.feed.rotate')}
            </button>
          </div>
          <ErrorMessage error={rotate.error} />
        </>
      )}
      <ul className="feed-help small muted">
        <li>{t('myDuty.feed.iphone')}</li>
        <li>{t('myDuty.feed.android')}</li>
        <li>{t('myDuty.feed.secret')}</li>
      </ul>
    </section>
  );
}
