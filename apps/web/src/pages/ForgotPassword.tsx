import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { Field } from '../components/Field';
import { FormError } from '../components/FormError';
import { useApiForm } from '../components/useApiForm';

export default function ForgotPasswordPage({ title }: { title: string }) {
  const [sentTo, setSentTo] = useState<string>();
  const form = useApiForm(async ({ email }) => {
    await api('/auth/password-reset/request', { method: 'POST', body: { email } });
    setSentTo(email);
  });

  return (
    <AuthCard title={title}>
      {sentTo ? (
        // The API answers the same for unknown addresses, and so does this message.
        <p role="status" className="notice">
          If an account exists for {sentTo}, we have sent it a link to reset the password. Check your inbox.
        </p>
      ) : (
        <form onSubmit={form.onSubmit} noValidate>
          <p>Enter the email you signed up with and we will send you a link to choose a new password.</p>
          <FormError error={form.error} />
          <Field label="Email" name="email" type="email" autoComplete="email" required error={form.fields.email} />
          <button type="submit" className="button primary" disabled={form.pending}>
            Send reset link
          </button>
        </form>
      )}
      <p>
        <Link to="/login">Back to log in</Link>
      </p>
    </AuthCard>
  );
}
