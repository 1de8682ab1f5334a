import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import FullCalendar from '@fullcalendar/react';
import classicTheme from '@fullcalendar/react/themes/classic';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import listPlugin from '@fullcalendar/react/list';
import interactionPlugin from '@fullcalendar/react/interaction';
import zhCnLocale from '@fullcalendar/react/locales/zh-cn';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import type { Shift, Station, Swap } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { isPhoneWidth, phoneFriendlyCalendar } from '../../lib/calendar';
import { addDays, NETWORK_TIME_ZONE, networkDate } from '../../lib/dates';
import { shortStationName } from '../stations/stationTree';
import { hasStarted, networkTime } from '../swaps/swapFormat';
import { useLawyerShifts } from './useMyDuty';

interface Props {
  lawyerId: number;
  stationsById: ReadonlyMap<number, Station>;
  swapsByShift: ReadonlyMap<number, Swap>;
  selectedId: number | null;
  onSelect: (shift: Shift) => void;
}

const DUTY_COLOUR = '#1f4e79';
const SWAPPING_COLOUR = '#b45309';
/** Past duties: a grey that white text still reads on (5.9:1). */
const PAST_COLOUR = '#5b6675';

/** My published shifts on a month grid or a list; a future one opens the swap form. */
export function MyShiftsCalendar({ lawyerId, stationsById, swapsByShift, selectedId, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const shifts = useLawyerShifts(lawyerId, range);
  const today = networkDate();
  const now = networkTime();

  const events = useMemo(
    () =>
      (shifts.data ?? []).map((s) => {
        const station = stationsById.get(s.stationId)?.name ?? `#${s.stationId}`;
        const swap = swapsByShift.get(s.id);
        const past = hasStarted(s, today, now);
        return {
          id: String(s.id),
          title: `${shortStationName(station)}${swap ? ` · ${t('myDuty.swapMarker')}` : ''}`,
          start: `${s.date}T${s.start}:00`,
          end: `${s.date}T${s.end}:00`,
          className: ['duty-event', swap && 'duty-swapping', past && 'duty-past', s.id === selectedId && 'is-selected']
            .filter(Boolean)
            .join(' '),
          // Past duties are greyed by colour, not faded: white on a faded colour is unreadable (1.8:1).
          color: past ? PAST_COLOUR : swap ? SWAPPING_COLOUR : DUTY_COLOUR,
          extendedProps: { shift: s, station },
        };
      }),
    [shifts.data, stationsById, swapsByShift, today, now, selectedId, t],
  );

  const onDatesSet = useCallback((info: { startStr: string; endStr: string }) => {
    const from = info.startStr.slice(0, 10);
    const to = addDays(info.endStr.slice(0, 10), -1);
    setRange((r) => (r && r.from === from && r.to === to ? r : { from, to }));
  }, []);

  const count = shifts.data?.filter((s) => s.date >= today).length ?? 0;

  return (
    <div className="my-duty-calendar card">
      <div className="my-duty-calendar-head">
        <h2>{t('myDuty.calendarTitle')}</h2>
        {shifts.data && <span className="muted small">{t('myDuty.upcoming', { count })}</span>}
      </div>
      <ErrorMessage error={shifts.error} onRetry={() => void shifts.refetch()} />
      <FullCalendar
        {...phoneFriendlyCalendar}
        plugins={[classicTheme, dayGridPlugin, listPlugin, interactionPlugin]}
        locale={i18n.resolvedLanguage === 'en' ? 'en' : zhCnLocale}
        timeZone={NETWORK_TIME_ZONE}
        firstDay={1}
        // Phones get the list: a month grid of 360 px has no room for station names.
        initialView={isPhoneWidth() ? 'listUpcoming' : 'dayGridMonth'}
        initialDate={today}
        colorScheme="light"
        height="auto"
        headerToolbar={{ start: 'prev,today,next', center: 'title', end: 'dayGridMonth,listUpcoming' }}
        buttons={{
          dayGridMonth: { text: t('myDuty.month') },
          listUpcoming: { text: t('myDuty.list') },
          // The button's name is what it says (FullCalendar's English hint would name it 'This month').
          today: { text: t('myDuty.today'), hint: t('myDuty.today') },
        }}
        eventDisplay="block"
        displayEventEnd
        views={{
          // The grid has room for the station only; the list shows the hours in its own column.
          dayGridMonth: { displayEventTime: false },
          // The list runs eight weeks from this week, so a phone opens on what is coming.
          // Its title is a range of dates: short month names keep it to two lines on a phone.
          listUpcoming: { type: 'list', duration: { weeks: 8 }, titleFormat: { year: 'numeric', month: 'short', day: 'numeric' } },
        }}
        eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
        noEventsText={t('myDuty.noEvents')}
        events={events}
        datesSet={onDatesSet}
        eventClick={(info) => {
          info.jsEvent.preventDefault();
          onSelect((info.event.extendedProps as { shift: Shift }).shift);
        }}
      />
      <p className="muted small my-duty-hint">{t('myDuty.calendarHint')}</p>
    </div>
  );
}
