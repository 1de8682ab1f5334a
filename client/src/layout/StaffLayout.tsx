import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { navFor } from '../auth/navigation';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Loading } from '../components/Loading';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { SwapNavBadge } from '../features/swaps/SwapNavBadge';
import { useCompactHeader } from './useCompactHeader';

/**
 * The frame for signed-in pages: the role's menu, who is signed in, sign-out.
 * On phones the header is one row (brand, bell, a menu button); the menu, the language
 * switch and sign-out open below it, so the sticky header keeps to ~56 px of the screen.
 * Wider screens show it all in one row, or keep the phone's header where that row would not
 * fit (useCompactHeader).
 */
export function StaffLayout() {
  const { t, i18n } = useTranslation();
  const { user, logout } = useAuth();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const header = useRef<HTMLElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const nav = useRef<HTMLElement>(null);
  const items = user ? navFor(user) : [];
  const compact = useCompactHeader(header, nav, [i18n.resolvedLanguage, items.length, user?.displayName, user?.role]);

  // Going to another page closes the menu.
  useEffect(() => setMenuOpen(false), [pathname]);

  // Close on Escape (focus back on the button) and on a tap outside the header.
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setMenuOpen(false);
        toggle.current?.focus();
      }
    };
    const onDown = (e: PointerEvent) => {
      if (header.current && !header.current.contains(e.target as Node)) setMenuOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [menuOpen]);

  if (!user) return null;

  // Signing out drops the session; the route guard then sends the browser to /login.
  const onLogout = () => void logout();

  return (
    <div className="staff-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header ref={header} className={`staff-header${items.length > 8 ? ' nav-long' : ''}${items.length > 9 ? ' nav-longer' : ''}${compact ? ' is-compact' : ''}${menuOpen ? ' menu-open' : ''}`}>
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            维
          </span>
          <span className="brand-text">{t('app.name')}</span>
        </Link>
        <div className="staff-bell">
          <NotificationBell role={user.role} />
        </div>
        <button
          ref={toggle}
          type="button"
          className="btn btn-ghost menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="staff-menu"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span className="menu-toggle-icon" aria-hidden="true">
            {menuOpen ? '✕' : '☰'}
          </span>
          {t('nav.menu')}
          {items.some((i) => i.label === 'swaps') && <SwapNavBadge />}
        </button>
        <div id="staff-menu" className="staff-menu">
          <nav ref={nav} aria-label={t('nav.main')} className="staff-nav">
            {items.map((item) => (
              <NavLink key={item.to} to={item.to} className={({ isActive }) => (isActive ? 'active' : undefined)}>
                {t(`nav.${item.label}`)}
                {item.label === 'swaps' && <SwapNavBadge />}
              </NavLink>
            ))}
          </nav>
          <div className="staff-user">
            <span className="muted user-name">
              {t('nav.signedInAs', { name: user.displayName || user.username, role: t(`roles.${user.role}`) })}
            </span>
            <LanguageSwitch />
            <button type="button" className="btn btn-ghost btn-small" onClick={onLogout}>
              {t('nav.logout')}
            </button>
          </div>
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
