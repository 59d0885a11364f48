import { useEffect, useState } from 'react';
import { api } from '../api/client';

const LABELS: Record<string, string> = { github: 'GitHub', google: 'Google' };
const label = (provider: string) => LABELS[provider] ?? provider.charAt(0).toUpperCase() + provider.slice(1);

/**
 * One "Continue with …" button per OAuth provider the API has configured. The sign-in is a full
 * page navigation through the API (it sets a cookie and redirects to the provider); the email
 * typed so far goes along as `login_hint`, so the provider can preselect that account.
 */
export function OAuthButtons({ emailInput }: { emailInput: () => string }) {
  const [providers, setProviders] = useState<string[]>([]);

  useEffect(() => {
    let current = true;
    api<{ providers: string[] }>('/auth/oauth')
      .then(({ providers: names }) => current && setProviders(names))
      .catch(() => undefined); // no providers: the form alone still works
    return () => {
      current = false;
    };
  }, []);

  if (providers.length === 0) return null;
  const start = (provider: string) => {
    const hint = emailInput().trim();
    const query = hint ? `?${new URLSearchParams({ login_hint: hint })}` : '';
    window.location.assign(`/api/v1/auth/oauth/${encodeURIComponent(provider)}${query}`);
  };
  return (
    <div className="oauth">
      <p className="muted">or</p>
      {providers.map((provider) => (
        <button key={provider} type="button" className="button" onClick={() => start(provider)}>
          Continue with {label(provider)}
        </button>
      ))}
    </div>
  );
}
