import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { HOTLINE_NUMBER, HOTLINE_TEL } from '../../lib/config';
import { useDocumentTitle } from '../../lib/useDocumentTitle';

/** The landing page workers reach from a poster or QR code: three big actions, nothing else. */
export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('home.title')} · ${t('app.name')}`);
  return (
    <section className="home">
      <h1 className="home-title">{t('home.title')}</h1>
      <p className="home-lead">{t('home.lead')}</p>

      <div className="home-actions">
        <Link to="/book" className="big-button big-button-primary">
          <span className="big-button-label">{t('home.book')}</span>
          <span className="big-button-hint">{t('home.bookHint')}</span>
        </Link>
        <Link to="/booking" className="big-button">
          <span className="big-button-label">{t('home.lookup')}</span>
          <span className="big-button-hint">{t('home.lookupHint')}</span>
        </Link>
        <a href={HOTLINE_TEL} className="big-button big-button-hotline">
          <span className="big-button-hint">{t('home.hotlineLabel')}</span>
          <span className="big-button-label hotline-number">{HOTLINE_NUMBER}</span>
          <span className="big-button-hint">{t('home.hotlineHint')}</span>
        </a>
      </div>

      <p className="home-free">{t('home.free')}</p>
      <p className="home-staff">
        <Link to="/login">{t('home.staffLogin')}</Link>
      </p>
    </section>
  );
}
