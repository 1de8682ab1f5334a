import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { HotlineCall } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { HOTLINE_NUMBER } from '../../lib/config';
import { useStations } from '../stations/useStations';
import { BookForCaller } from './BookForCaller';
import { BookedNotice } from './CallBadges';
import { CallForm } from './CallForm';
import { CallList } from './CallList';
import { FollowUpsPanel } from './FollowUpsPanel';
import { defaultStationId, ownStationId } from './hotlineModel';
import type { LinkedBooking } from './linkedBookings';
import { ReferralsPanel } from './ReferralsPanel';

const TABS = ['calls', 'followUps', 'referrals'] as const;
type Tab = (typeof TABS)[number];

/** The hotline desk: log a call fast, the log, the call-back queue and referrals up the chain. */
export default function HotlinePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'calls';
  const stations = useStations();
  const list = stations.data ?? [];
  const myStation = user ? defaultStationId(user.stationId, list) : undefined;
  // The call-back queue of all stations unless the user has a station of their own.
  const myQueue = user ? ownStationId(user.stationId, list) : undefined;
  // Lawyers see the log (callers masked); logging and editing is the desk's work.
  const readOnly = user?.role === 'lawyer';

  const setTab = (next: Tab) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (next === 'calls') p.delete('tab');
        else p.set('tab', next);
        return p;
      },
      { replace: true },
    );

  return (
    <section className="page page-wide hotline-page">
      <header className="page-header">
        <div>
          <h1>{t('hotline.title')}</h1>
          <p className="muted">{t('hotline.subtitle', { number: HOTLINE_NUMBER })}</p>
        </div>
        <div className="tabs" role="tablist" aria-label={t('hotline.title')}>
          {TABS.map((key) => (
            <button
              key={key}
              type="button"
              role="tab"
              id={`hotline-tab-${key}`}
              aria-selected={tab === key}
              aria-controls={`hotline-panel-${key}`}
              className={`tab${tab === key ? ' is-active' : ''}`}
              onClick={() => setTab(key)}
            >
              {t(`hotline.tabs.${key}`)}
            </button>
          ))}
        </div>
      </header>

      {user?.role === 'admin' && (
        <div className="alert alert-info" role="note">
          {t('hotline.adminNote')}
        </div>
      )}
      {stations.error && <ErrorMessage error={stations.error} onRetry={() => void stations.refetch()} />}

      <div role="tabpanel" id={`hotline-panel-${tab}`} aria-labelledby={`hotline-tab-${tab}`} className="hotline-panel">
        {stations.isPending ? (
          <Loading />
        ) : tab === 'calls' ? (
          <>
            {!readOnly && <LogAndFollowOn stations={list} defaultStationId={myStation} />}
            <CallList stations={list} readOnly={readOnly} />
          </>
        ) : tab === 'followUps' ? (
          <FollowUpsPanel stations={list} defaultStationId={myQueue} readOnly={readOnly} />
        ) : (
          <ReferralsPanel stations={list} defaultStationId={myStation} readOnly={readOnly} />
        )}
      </div>
    </section>
  );
}

/** The form, and for the call just logged: book the caller a consultation at once. */
function LogAndFollowOn({ stations, defaultStationId }: { stations: Parameters<typeof CallForm>[0]['stations']; defaultStationId: number | undefined }) {
  const { t } = useTranslation();
  const [last, setLast] = useState<HotlineCall | null>(null);
  const [step, setStep] = useState<'logged' | 'booking' | { booked: LinkedBooking }>('logged');

  return (
    <div className="log-area">
      <CallForm
        stations={stations}
        defaultStationId={defaultStationId}
        onLogged={(call) => {
          setLast(call);
          setStep('logged');
        }}
      />
      {last && (
        <div className="card last-call" aria-live="polite">
          {step === 'logged' && (
            <div className="last-call-line">
              <span className="alert-ok-text">
                {t('hotline.form.logged', { id: last.id, category: t(`category.${last.category}`) })}
              </span>
              {last.appointmentId === null && (
                <button type="button" className="btn btn-small btn-primary" onClick={() => setStep('booking')}>
                  {t('hotline.book.open')}
                </button>
              )}
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setLast(null)}>
                {t('common.close')}
              </button>
            </div>
          )}
          {step === 'booking' && (
            <BookForCaller
              call={last}
              stations={stations}
              onBooked={(booked) => setStep({ booked })}
              onCancel={() => setStep('logged')}
            />
          )}
          {typeof step === 'object' && <BookedNotice booking={step.booked} onClose={() => setLast(null)} />}
        </div>
      )}
    </div>
  );
}
