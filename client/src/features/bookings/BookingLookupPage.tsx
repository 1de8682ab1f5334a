import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../../components/PlaceholderPage';
import { HOTLINE_NUMBER, HOTLINE_TEL } from '../../lib/config';

// Placeholder: the booking feature fills this page in (look up, cancel, move by code + phone).
export function BookingLookupPage() {
  const { t } = useTranslation();
  return (
    <PlaceholderPage title={t('placeholder.booking.title')} body={t('placeholder.booking.body')}>
      <p>
        {t('placeholder.callInstead')} <a href={HOTLINE_TEL}>{HOTLINE_NUMBER}</a>
      </p>
    </PlaceholderPage>
  );
}
