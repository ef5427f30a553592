/**
 * Who is signed in: the session from GET /api/auth/session, login and logout. The CSRF token of
 * each answer goes to the API client for the next state-changing request.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useApi } from '../api/api-context';
import type { SessionResponse, SessionUser } from '../api/types';

export const SESSION_KEY = ['session'] as const;

interface AuthState {
  user: SessionUser | null;
  /** True until the first session answer arrived. */
  loading: boolean;
  /** The session could not be read (server down). */
  error: unknown;
  login(username: string, password: string): Promise<SessionUser>;
  logout(): Promise<void>;
  /** Changes the signed-in user's own password (the current one required); the other sessions end. */
  changePassword(currentPassword: string, newPassword: string): Promise<SessionUser>;
  /** True once the user signed out here (until the next login): RequireAuth then sends to /login without ?next=. */
  signedOut: boolean;
}

const AuthContext = createContext<AuthState | null>(null);

/**
 * `initial`: the session the server wrote into the page (main.tsx reads it); without it (the
 * development server's page) the session is asked for first.
 */
export function AuthProvider({ children, initial }: { children: ReactNode; initial?: SessionResponse | undefined }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const session = useQuery({ queryKey: SESSION_KEY, queryFn: () => api.session(), staleTime: 60_000, retry: 1, ...(initial ? { initialData: initial } : {}) });
  const [signedOut, setSignedOut] = useState(false);

  const adopt = useCallback(
    (s: SessionResponse) => {
      api.setCsrfToken(s.csrfToken);
      // Everything cached belongs to the previous user.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, s);
    },
    [api, queryClient],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      const s = await api.send<SessionResponse>('POST', '/api/auth/login', { username, password });
      setSignedOut(false);
      adopt(s);
      if (!s.user) throw new Error('登录失败');
      return s.user;
    },
    [api, adopt],
  );

  const logout = useCallback(async () => {
    const s = await api.send<SessionResponse>('POST', '/api/auth/logout');
    // In the same render as the user becoming null: the page being left must not become the
    // next login's ?next= (the next person to sign in here would land on this user's page).
    setSignedOut(true);
    adopt(s);
  }, [api, adopt]);

  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string) => {
      const s = await api.send<SessionResponse>('POST', '/api/auth/password', { currentPassword, newPassword });
      adopt(s);
      if (!s.user) throw new Error('修改密码失败');
      return s.user;
    },
    [api, adopt],
  );

  const value = useMemo<AuthState>(
    () => ({ user: session.data?.user ?? null, loading: session.isPending, error: session.error, login, logout, changePassword, signedOut }),
    [session.data, session.isPending, session.error, login, logout, changePassword, signedOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The current user and the login/logout actions. */
export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
