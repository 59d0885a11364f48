import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api/client';
import type { StoredSession } from './key';
import { clearSession, readSession, writeSession } from './storage';

export interface User {
  id: string;
  email: string;
  display_name: string;
  tier: string;
  created_at: string;
}

interface SessionValue {
  /** `loading` while stored tokens are being checked against `GET /me`. */
  status: 'loading' | 'signedIn' | 'signedOut';
  user?: User;
  /** True after `signOut` (until the next sign-in): protected pages then send to plain `/login`. */
  loggedOut: boolean;
  /** Stores the tokens of a login/signup/OAuth answer and loads the user if it was not included. */
  signIn(tokens: StoredSession & { user?: User }): Promise<void>;
  /** Revokes the refresh token (best effort) and forgets the session. */
  signOut(): Promise<void>;
  /** Takes the user the API answered after a change (the settings page's display name). */
  setUser(user: User): void;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionValue['status']>(() => (readSession() ? 'loading' : 'signedOut'));
  const [user, setUser] = useState<User>();
  const [loggedOut, setLoggedOut] = useState(false);

  const loadUser = useCallback(async () => {
    try {
      const { user: me } = await api<{ user: User }>('/auth/me', { auth: true });
      setUser(me);
      setStatus('signedIn');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) clearSession();
      setUser(undefined);
      setStatus('signedOut');
    }
  }, []);

  useEffect(() => {
    if (readSession()) void loadUser();
  }, [loadUser]);

  const signIn = useCallback<SessionValue['signIn']>(
    async ({ user: known, ...tokens }) => {
      writeSession(tokens);
      setLoggedOut(false);
      if (known) {
        setUser(known);
        setStatus('signedIn');
      } else {
        setStatus('loading');
        await loadUser();
      }
    },
    [loadUser],
  );

  const signOut = useCallback(async () => {
    const session = readSession();
    if (session) {
      await api('/auth/logout', { method: 'POST', auth: true, body: { refresh_token: session.refresh_token } }).catch(
        () => undefined,
      );
    }
    clearSession();
    setUser(undefined);
    setLoggedOut(true);
    setStatus('signedOut');
  }, []);

  const value = useMemo(
    () => ({ status, user, loggedOut, signIn, signOut, setUser }),
    [status, user, loggedOut, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a <SessionProvider> above it');
  return value;
}
