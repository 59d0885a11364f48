import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { AuthCard } from '../components/AuthCard';
import { useSession } from '../session/session';

/**
 * Where the API's OAuth callback lands: the tokens arrive in the fragment (never sent to a
 * server, kept out of logs), are stored, and the fragment is dropped from history.
 */
export default function OAuthCallbackPage({ title }: { title: string }) {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const handled = useRef(false);

  useEffect(() => {
    if (handled.current) return; // StrictMode runs effects twice in development
    handled.current = true;
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    const query = new URLSearchParams(window.location.search);
    const access_token = fragment.get('access_token');
    const refresh_token = fragment.get('refresh_token');
    if (!access_token || !refresh_token) {
      setError(
        fragment.get('error_description') ??
          query.get('error_description') ??
          query.get('error') ??
          'The sign-in did not complete.',
      );
      return;
    }
    void signIn({ access_token, refresh_token }).then(() => navigate('/dashboard', { replace: true }));
  }, [signIn, navigate]);

  return (
    <AuthCard title={title}>
      {error ? (
        <>
          <p role="alert" className="form-error">
            {error}
          </p>
          <p>
            <Link to="/login">Back to log in</Link>
          </p>
        </>
      ) : (
        <p role="status">One moment…</p>
      )}
    </AuthCard>
  );
}
