import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shift } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useRevealOnPhone } from '../../lib/useRevealOnPhone';
import { useLawyers } from '../lawyers/useLawyers';
import { useStations } from '../stations/useStations';
import { liveSwapByShift } from '../swaps/swapFormat';
import { useSwapList } from '../swaps/useSwaps';
import { CalendarFeed } from './CalendarFeed';
import { MyRequestsSection } from './MyRequestsSection';
import { MyShiftsCalendar } from './MyShiftsCalendar';
import { MyUnavailability } from './MyUnavailability';
import { OffersSection } from './OffersSection';
import { SwapRequestForm } from './SwapRequestForm';

/**
 * A lawyer's own page: the published duty on a calendar (a future day can be offered
 * to a colleague, to anyone, or exchanged), what colleagues offer them, their own
 * requests, their leave and court dates, and the calendar feed for their phone.
 */
export default function MyDutyPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const lawyerId = user?.lawyerId ?? null;

  if (lawyerId === null) {
    return (
      <section className="page">
        <header className="page-header">
          <h1>{t('myDuty.title')}</h1>
        </header>
        <p className="alert alert-info">{t('myDuty.noLawyer')}</p>
      </section>
    );
  }
  return <MyDuty lawyerId={lawyerId} />;
}

function MyDuty({ lawyerId }: { lawyerId: number }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<Shift | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  const stations = useStations(false);
  const lawyers = useLawyers(false);
  // Everything of mine plus the open offers I could take (the server picks those), refreshed every minute.
  const swaps = useSwapList({ pageSize: 200 }, { refetchInterval: 60_000 });
  const swapList = useMemo(() => swaps.data?.items ?? [], [swaps.data]);
  const swapsByShift = useMemo(() => liveSwapByShift(swapList), [swapList]);
  const stationsById = useMemo(() => new Map((stations.data ?? []).map((s) => [s.id, s])), [stations.data]);
  const me = useMemo(() => (lawyers.data ?? []).find((l) => l.id === lawyerId) ?? null, [lawyers.data, lawyerId]);
  // On phones the side column sits below the calendar: bring the form (or the outcome) into view.
  const sideRef = useRevealOnPhone<HTMLDivElement>(selected?.id ?? sent);

  return (
    <section className="page page-wide my-duty">
      <header className="page-header">
        <div>
          <h1>{t('myDuty.title')}</h1>
          <p className="muted">{t('myDuty.subtitle')}</p>
        </div>
      </header>
      <ErrorMessage error={swaps.error} onRetry={() => void swaps.refetch()} />
      <ErrorMessage error={stations.error} onRetry={() => void stations.refetch()} />

      <div className="my-duty-layout">
        <MyShiftsCalendar
          lawyerId={lawyerId}
          stationsById={stationsById}
          swapsByShift={swapsByShift}
          selectedId={selected?.id ?? null}
          onSelect={(s) => {
            setSent(null);
            setSelected(s);
          }}
        />
        {/* Beside the calendar: the form for the duty clicked, then what can be taken and what I asked for. */}
        <div className="my-duty-side" ref={sideRef}>
          {sent && (
            <div className="alert alert-ok" role="status">
              <span>{sent}</span>
              <button type="button" className="btn btn-icon" aria-label={t('common.close')} onClick={() => setSent(null)}>
                ×
              </button>
            </div>
          )}
          {selected && (
            <SwapRequestForm
              key={selected.id}
              shift={selected}
              me={me}
              stationsById={stationsById}
              liveSwap={swapsByShift.get(selected.id) ?? null}
              onClose={() => setSelected(null)}
              onSent={(message) => {
                setSelected(null);
                setSent(message);
              }}
            />
          )}
          <OffersSection lawyerId={lawyerId} swaps={swapList} loading={swaps.isPending} />
          <MyRequestsSection lawyerId={lawyerId} swaps={swapList} loading={swaps.isPending} />
        </div>
      </div>

      <div className="my-duty-sections">
        <MyUnavailability lawyerId={lawyerId} />
        <CalendarFeed />
      </div>
    </section>
  );
}
