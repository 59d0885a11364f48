import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { Field, NewPasswordField } from '../components/Field';
import { FormError } from '../components/FormError';
import { FieldProblem, useApiForm } from '../components/useApiForm';

export default function ResetPasswordPage({ title }: { title: string }) {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [done, setDone] = useState(false);
  const form = useApiForm(async ({ password, confirm }) => {
    if (password !== confirm) throw new FieldProblem('confirm', 'The passwords do not match.');
    await api('/auth/password-reset/confirm', { method: 'POST', body: { token, password } });
    setDone(true);
  });

  if (!token) {
    return (
      <AuthCard title={title}>
        <p role="alert" className="form-error">
          This link has no reset token. Open the link from the email again, or request a new one.
        </p>
        <p>
          <Link to="/forgot-password">Request a new link</Link>
        </p>
      </AuthCard>
    );
  }
  if (done) {
    return (
      <AuthCard title={title}>
        <p role="status" className="notice">
          Your password has been changed.
        </p>
        <p>
          <Link to="/login" className="button primary">
            Log in with your new password
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={title}>
      <form onSubmit={form.onSubmit} noValidate>
        <FormError error={form.error} />
        <NewPasswordField label="New password" name="password" error={form.fields.password} />
        <Field
          label="Confirm new password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          error={form.fields.confirm}
        />
        <button type="submit" className="button primary" disabled={form.pending}>
          Reset password
        </button>
      </form>
      {form.error && (
        <p>
          <Link to="/forgot-password">Request a new link</Link>
        </p>
      )}
    </AuthCard>
  );
}
