import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi, isApiError, queryKeys, setUnauthorizedHandler, tokenStore, type Me, type StaffLanguage } from '../api/client';
import { currentLanguage, setLanguage, type Language } from '../i18n';

interface AuthState {
  /** The signed-in user, or null. */
  user: Me | null;
  /** True while a stored token is being checked with `GET /api/me`. */
  checking: boolean;
  /** True after the user signed out on purpose (so no "come back here" link is kept). */
  signedOut: boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** Switch the page's language; signed in, it becomes the language of the user's notifications too. */
  chooseLanguage: (lang: Language) => void;
}

const staffLanguageOf = (lang: Language): StaffLanguage => (lang === 'en' ? 'en' : 'zh');
const pageLanguageOf = (lang: StaffLanguage): Language => (lang === 'en' ? 'en' : 'zh-CN');

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState<string | null>(() => tokenStore.get());
  const [signedOut, setSignedOut] = useState(false);

  const me = useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => authApi.me(signal),
    enabled: token !== null,
    staleTime: 5 * 60_000,
    retry: (count, err) => !isApiError(err, 401) && count < 2,
  });

  const dropSession = useCallback(() => {
    tokenStore.set(null);
    setToken(null);
    queryClient.removeQueries();
  }, [queryClient]);

  useEffect(() => {
    setUnauthorizedHandler(dropSession);
    return () => setUnauthorizedHandler(null);
  }, [dropSession]);

  const login = useCallback(
    async (username: string, password: string) => {
      const res = await authApi.login(username, password);
      tokenStore.set(res.token);
      queryClient.setQueryData(queryKeys.me, res.user);
      // The account's language goes with it to every device: signing in shows the pages in it.
      if (res.user.lang !== staffLanguageOf(currentLanguage())) setLanguage(pageLanguageOf(res.user.lang));
      setSignedOut(false);
      setToken(res.token);
      return res.user;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // The token is dropped here either way; an expired one needs no server call.
    }
    setSignedOut(true);
    dropSession();
  }, [dropSession]);

  const signedIn = token !== null && me.data !== undefined;
  const chooseLanguage = useCallback(
    (lang: Language) => {
      setLanguage(lang);
      if (!signedIn) return;
      // Saved for the notifications written from now on; if it fails, the page still switches
      // and the e-mails keep the language saved before.
      authApi.updateMe({ lang: staffLanguageOf(lang) }).then(
        (updated) => queryClient.setQueryData(queryKeys.me, updated),
        () => undefined,
      );
    },
    [signedIn, queryClient],
  );

  const value = useMemo<AuthState>(
    () => ({
      user: token ? (me.data ?? null) : null,
      checking: token !== null && me.isPending,
      signedOut,
      login,
      logout,
      chooseLanguage,
    }),
    [token, me.data, me.isPending, signedOut, login, logout, chooseLanguage],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}
