import { useState } from 'react';
import { api } from '../../api/client';
import { Field, NewPasswordField } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { UsageMeter } from '../../components/UsageMeter';
import { useApiForm } from '../../components/useApiForm';
import { useSession, type User } from '../../session/session';

/** Profile (display name), password, and the plan: tier, this month's usage, when it resets. */
export default function SettingsPage({ title }: { title: string }) {
  const { user, setUser } = useSession();
  const [saved, setSaved] = useState<string>();

  const profile = useApiForm(async ({ display_name }) => {
    setSaved(undefined);
    const answer = await api<{ user: User }>('/auth/me', { method: 'PATCH', auth: true, body: { display_name } });
    setUser(answer.user);
    setSaved('Display name saved.');
  });
  const password = useApiForm(async ({ current_password, new_password }) => {
    setSaved(undefined);
    await api('/auth/password', { method: 'POST', auth: true, body: { current_password, new_password } });
    setSaved('Password changed.');
  });

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      {saved && (
        <p role="status" className="success">
          {saved}
        </p>
      )}

      <h2>Profile</h2>
      <form onSubmit={profile.onSubmit} noValidate aria-label="Profile">
        <FormError error={profile.error} />
        <Field
          label="Display name"
          name="display_name"
          required
          maxLength={100}
          defaultValue={user?.display_name}
          key={user?.display_name}
          error={profile.fields.display_name}
        />
        <p className="muted">Email: {user?.email}</p>
        <button type="submit" className="button primary" disabled={profile.pending}>
          Save
        </button>
      </form>

      <h2>Password</h2>
      <form onSubmit={password.onSubmit} noValidate aria-label="Password">
        <FormError error={password.error} />
        <Field
          label="Current password"
          name="current_password"
          type="password"
          autoComplete="current-password"
          required
          error={password.fields.current_password}
        />
        <NewPasswordField label="New password" name="new_password" error={password.fields.new_password} />
        <button type="submit" className="button primary" disabled={password.pending}>
          Change password
        </button>
      </form>

      <h2>Plan and usage</h2>
      <UsageMeter />
    </section>
  );
}
