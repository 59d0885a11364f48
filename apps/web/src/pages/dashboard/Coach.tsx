import { Placeholder } from '../../components/Placeholder';

export default function CoachPage({ title }: { title: string }) {
  return (
    <Placeholder title={title}>
      <p className="muted">Tips on your stream from your brand coach. Coming soon.</p>
    </Placeholder>
  );
}
