/** Session state: the current user (GET /api/me), login and logout. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role, SessionUser } from '@engine/contract/index';
import { api, ApiError, onUnauthenticated, setCsrfToken } from '../api/client';
import { navigate } from './router';

interface AuthValue {
  user: SessionUser | null;
  checking: boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

/** The service worker's copies of API answers belong to the user who saw them (web/scripts/pwa.ts). */
function forgetCachedData(): void {
  if (typeof caches !== 'undefined') void caches.delete('dtma-api').catch(() => undefined);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [checking, setChecking] = useState(true);

  useEffect(() => {
    api('GET /api/me')
      .then((s) => {
        setCsrfToken(s.csrfToken);
        setUser(s.user);
      })
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status === 401)) console.warn('GET /api/me failed', e);
        setUser(null);
      })
      .finally(() => setChecking(false));
    return onUnauthenticated(() => {
      setUser(null);
      // The reset-password page is used signed out; its link must stay as it is.
      if (window.location.pathname !== '/reset-password') navigate('/login');
    });
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const s = await api('POST /api/auth/login', { body: { username, password } });
    forgetCachedData();
    setCsrfToken(s.csrfToken);
    setUser(s.user);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('POST /api/auth/logout');
    } finally {
      forgetCachedData();
      setCsrfToken('');
      setUser(null);
      navigate('/login');
    }
  }, []);

  const value = useMemo<AuthValue>(
    () => ({
      user,
      checking,
      login,
      logout,
      hasRole: (...roles) => !!user && roles.some((r) => user.roles.includes(r)),
    }),
    [user, checking, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
