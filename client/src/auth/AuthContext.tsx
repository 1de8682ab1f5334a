import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi, isApiError, queryKeys, setUnauthorizedHandler, tokenStore, type Me } from '../api/client';

interface AuthState {
  /** The signed-in user, or null. */
  user: Me | null;
  /** True while a stored token is being checked with `GET /api/me`. */
  checking: boolean;
  /** True after the user signed out on purpose (so no "come back here" link is kept). */
  signedOut: boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
}

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

  const value = useMemo<AuthState>(
    () => ({
      user: token ? (me.data ?? null) : null,
      checking: token !== null && me.isPending,
      signedOut,
      login,
      logout,
    }),
    [token, me.data, me.isPending, signedOut, login, logout],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}
