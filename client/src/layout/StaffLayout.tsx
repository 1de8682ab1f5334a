import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { navFor } from '../auth/navigation';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Loading } from '../components/Loading';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { SwapNavBadge } from '../features/swaps/SwapNavBadge';

/** The frame for signed-in pages: the role's menu, who is signed in, sign-out. */
export function StaffLayout() {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  if (!user) return null;

  // Signing out drops the session; the route guard then sends the browser to /login.
  const onLogout = () => void logout();

  return (
    <div className="staff-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="staff-header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            维
          </span>
          <span className="brand-text">{t('app.name')}</span>
        </Link>
        <nav aria-label={t('nav.main')} className="staff-nav">
          {navFor(user).map((item) => (
            <NavLink key={item.to} to={item.to} className={({ isActive }) => (isActive ? 'active' : undefined)}>
              {t(`nav.${item.label}`)}
              {item.label === 'swaps' && <SwapNavBadge />}
            </NavLink>
          ))}
        </nav>
        <div className="staff-user">
          <NotificationBell role={user.role} />
          <span className="muted user-name">
            {t('nav.signedInAs', { name: user.displayName || user.username, role: t(`roles.${user.role}`) })}
          </span>
          <LanguageSwitch />
          <button type="button" className="btn btn-ghost btn-small" onClick={onLogout}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main id="main" className="staff-main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
