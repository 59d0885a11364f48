import { Placeholder } from '../../components/Placeholder';

export default function TwitchPage({ title }: { title: string }) {
  return (
    <Placeholder title={title}>
      <p className="muted">Assets at the sizes Twitch asks for. Coming soon.</p>
    </Placeholder>
  );
}
