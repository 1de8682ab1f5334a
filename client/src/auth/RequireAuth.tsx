import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/client';
import { useAuth } from './AuthContext';
import { Loading } from '../components/Loading';

/** Sends visitors who are not signed in to /login (and back afterwards); shows 403 to the wrong role. */
export function RequireAuth({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { user, checking, signedOut } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();

  if (checking) return <Loading />;
  if (!user) {
    if (signedOut) return <Navigate to="/login" replace />;
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (roles && !roles.includes(user.role)) {
    return (
      <section className="page">
        <h1>{t('forbidden.title')}</h1>
        <p>{t('forbidden.body')}</p>
      </section>
    );
  }
  return <>{children}</>;
}
