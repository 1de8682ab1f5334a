import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { homeFor } from '../../auth/navigation';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';

/** Only same-site paths are followed after sign-in (no open redirect via ?next=). */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { user, checking, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (checking) return <Loading />;
  if (user && !busy) return <Navigate to={next ?? homeFor(user.role)} replace />;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const signedIn = await login(username.trim(), password);
      navigate(next ?? homeFor(signedIn.role), { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="login">
      <form className="card form login-card" onSubmit={onSubmit} noValidate>
        <h1>{t('login.title')}</h1>
        {isApiError(error, 401) ? (
          <div className="alert alert-error" role="alert">
            {t('login.failed')}
          </div>
        ) : (
          <ErrorMessage error={error} />
        )}
        <div className="field">
          <label htmlFor="login-username">{t('login.username')}</label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy || !username || !password}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <p className="login-back">
          <Link to="/">{t('login.backHome')}</Link>
        </p>
      </form>
    </section>
  );
}
