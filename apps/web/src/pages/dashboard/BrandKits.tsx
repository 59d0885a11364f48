import { Placeholder } from '../../components/Placeholder';

export default function BrandKitsPage({ title }: { title: string }) {
  return (
    <Placeholder title={title}>
      <p className="muted">The colors, fonts and logos your assets use. Coming soon.</p>
    </Placeholder>
  );
}
