import { Placeholder } from '../../components/Placeholder';

export default function JobsPage({ title }: { title: string }) {
  return (
    <Placeholder title={title}>
      <p className="muted">What is rendering and what is done. Coming soon.</p>
    </Placeholder>
  );
}
