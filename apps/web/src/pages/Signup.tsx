import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { Field, NewPasswordField } from '../components/Field';
import { FormError } from '../components/FormError';
import { useApiForm } from '../components/useApiForm';
import { useSession } from '../session/session';
import type { AuthAnswer } from './Login';

export default function SignupPage({ title }: { title: string }) {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const form = useApiForm(async ({ display_name, email, password }) => {
    await signIn(await api<AuthAnswer>('/auth/signup', { method: 'POST', body: { display_name, email, password } }));
    navigate('/dashboard', { replace: true });
  });

  return (
    <AuthCard title={title}>
      <form onSubmit={form.onSubmit} noValidate>
        <FormError error={form.error} />
        <Field
          label="Display name"
          name="display_name"
          autoComplete="nickname"
          required
          error={form.fields.display_name}
        />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={form.fields.email} />
        <NewPasswordField label="Password" name="password" error={form.fields.password} />
        <button type="submit" className="button primary" disabled={form.pending}>
          Create account
        </button>
      </form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </AuthCard>
  );
}
