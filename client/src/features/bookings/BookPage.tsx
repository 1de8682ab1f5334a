import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../../components/PlaceholderPage';
import { HOTLINE_NUMBER, HOTLINE_TEL } from '../../lib/config';

// Placeholder: the booking feature fills this page in (/book and /book/:stationCode). Keep it free of heavy imports.
export function BookPage() {
  const { t } = useTranslation();
  const { stationCode } = useParams();
  return (
    <PlaceholderPage title={t('placeholder.book.title')} body={t('placeholder.book.body')}>
      {stationCode && <p>{t('placeholder.book.station', { code: stationCode })}</p>}
      <p>
        {t('placeholder.callInstead')} <a href={HOTLINE_TEL}>{HOTLINE_NUMBER}</a>
      </p>
    </PlaceholderPage>
  );
}
