import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { HotlineCall } from '../../api/client';
import { shortInstant } from './hotlineModel';
import { useLinkedBooking, type LinkedBooking } from './linkedBookings';

export function OutcomeBadge({ outcome }: { outcome: HotlineCall['outcome'] }) {
  const { t } = useTranslation();
  return <span className={`badge badge-outcome-${outcome}`}>{t(`hotline.outcome.${outcome}`)}</span>;
}

export function FollowUpBadge({ call }: { call: HotlineCall }) {
  const { t } = useTranslation();
  if (call.followUpState === 'none') return null;
  const date = call.followUpDate ? `${Number(call.followUpDate.slice(5, 7))}/${Number(call.followUpDate.slice(8, 10))}` : '';
  return (
    <span className={`badge badge-follow-${call.followUpState}`} title={call.followUpDate ?? undefined}>
      {t(`hotline.followState.${call.followUpState}`, { date })}
    </span>
  );
}

/**
 * The booking made for the caller: its code when this tab made it. Otherwise the call
 * carries only the booking's internal id (no code, no day), so the badge leads to the desk.
 */
export function BookingBadge({ call }: { call: HotlineCall }) {
  const { t } = useTranslation();
  const booking = useLinkedBooking(call.appointmentId);
  if (call.appointmentId === null) return null;
  if (!booking) {
    return (
      <Link
        className="badge badge-muted hl-booking-link"
        to={`/desk?station=${call.stationId}`}
        title={t('hotline.list.bookingAtDeskTitle', { station: call.stationName })}
      >
        {t('hotline.list.bookingAtDesk')}
      </Link>
    );
  }
  return (
    <span className="hl-booking-badge" title={t('hotline.list.bookingAt', { at: shortInstant(booking.start) })} data-testid={`booking-code-${call.id}`}>
      {t('hotline.list.bookingCode')} <code>{booking.code}</code>
    </span>
  );
}

/** Said once, just after booking: the code to read out to the caller. */
export function BookedNotice({ booking, onClose }: { booking: LinkedBooking; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-ok booked-notice" role="status">
      <span>
        {t('hotline.book.done')} <strong className="hl-booking-code">{booking.code}</strong>
        <span className="muted small">
          {' '}
          · {shortInstant(booking.start)}
          {booking.lawyerName ? ` · ${t('hotline.book.lawyer', { names: booking.lawyerName })}` : ''}
        </span>
      </span>
      <span className="muted small">{t('hotline.book.readOut')}</span>
      <button type="button" className="btn btn-small btn-ghost" onClick={onClose}>
        {t('common.close')}
      </button>
    </div>
  );
}
