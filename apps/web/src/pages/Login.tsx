import { useRef } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { Field } from '../components/Field';
import { FormError } from '../components/FormError';
import { OAuthButtons } from '../components/OAuthButtons';
import { useApiForm } from '../components/useApiForm';
import { safeNext } from '../session/safe-next';
import { useSession, type User } from '../session/session';

export interface AuthAnswer {
  user: User;
  access_token: string;
  refresh_token: string;
}

export default function LoginPage({ title }: { title: string }) {
  const { status, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const formRef = useRef<HTMLFormElement>(null);
  const form = useApiForm(async ({ email, password }) => {
    await signIn(await api<AuthAnswer>('/auth/login', { method: 'POST', body: { email, password } }));
    navigate(next, { replace: true });
  });

  if (status === 'signedIn') return <Navigate to={next} replace />;
  return (
    <AuthCard title={title}>
      {params.has('next') && <p className="notice">Log in to continue.</p>}
      <form ref={formRef} onSubmit={form.onSubmit} noValidate>
        <FormError error={form.error} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={form.fields.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={form.fields.password}
        />
        <button type="submit" className="button primary" disabled={form.pending}>
          Log in
        </button>
      </form>
      <OAuthButtons emailInput={() => String(new FormData(formRef.current ?? undefined).get('email') ?? '')} />
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New to StreamKit? <Link to="/signup">Create an account</Link>
      </p>
    </AuthCard>
  );
}
