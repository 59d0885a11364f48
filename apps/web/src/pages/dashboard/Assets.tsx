import { Placeholder } from '../../components/Placeholder';

export default function AssetsPage({ title }: { title: string }) {
  return (
    <Placeholder title={title}>
      <p className="muted">Everything you have made, ready to download or share. Coming soon.</p>
    </Placeholder>
  );
}
