import { Placeholder } from '../../components/Placeholder';

export default function QuickCreatePage({ title }: { title: string }) {
  return (
    <Placeholder title={title}>
      <p className="muted">Describe an asset and get it in seconds. Coming soon.</p>
    </Placeholder>
  );
}
