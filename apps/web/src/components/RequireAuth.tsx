import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../session/session';

/**
 * Signed-out visitors go to `/login?next=<where they were going>`; login sends them back. After
 * a logout it is plain `/login`: whoever logs in next should not land on the last user's page.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, loggedOut } = useSession();
  const location = useLocation();
  if (status === 'loading')
    return (
      <p role="status" className="loading">
        Loading…
      </p>
    );
  if (status === 'signedOut') {
    if (loggedOut) return <Navigate to="/login" replace />;
    const next = encodeURIComponent(`${location.pathname}${location.search}`);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return children;
}
