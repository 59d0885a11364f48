import { Placeholder } from '../../components/Placeholder';

export default function SettingsPage({ title }: { title: string }) {
  return (
    <Placeholder title={title}>
      <p className="muted">Your profile and plan. Coming soon.</p>
    </Placeholder>
  );
}
