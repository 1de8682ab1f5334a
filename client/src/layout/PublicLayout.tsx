import { Link, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** The light frame for workers' pages: no staff menu, nothing heavy. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <div className="public-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="public-header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            维
          </span>
          {t('app.name')}
        </Link>
        <LanguageSwitch />
      </header>
      <main id="main" className="public-main">
        <Outlet />
      </main>
    </div>
  );
}
