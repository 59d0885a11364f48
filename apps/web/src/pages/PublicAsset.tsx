import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';

type State = { kind: 'loading' } | { kind: 'found'; width: number; height: number } | { kind: 'missing' };

/** A shared asset, for anyone with the link: no sign-in. Unknown and private ids look the same. */
export default function PublicAssetPage({ title }: { title: string }) {
  const { id = '' } = useParams();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const src = `/api/v1/asset/${encodeURIComponent(id)}`;

  useEffect(() => {
    setState({ kind: 'loading' });
    const image = new Image();
    image.onload = () => setState({ kind: 'found', width: image.naturalWidth, height: image.naturalHeight });
    image.onerror = () => setState({ kind: 'missing' });
    image.src = src;
  }, [src]);

  if (state.kind === 'missing') {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">Asset not found</h1>
        <p>This link does not lead to a shared asset: it may never have existed, or its owner made it private.</p>
        <p>
          <Link to="/">Go to StreamKit</Link>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      {state.kind === 'loading' && (
        <p role="status" className="loading">
          Loading…
        </p>
      )}
      {state.kind === 'found' && (
        <figure>
          <img
            src={src}
            alt={`Shared asset, ${state.width}×${state.height}`}
            width={Math.min(state.width, 960)}
            className="asset-image"
          />
          <figcaption className="muted">
            {state.width}×{state.height} · made with StreamKit
          </figcaption>
        </figure>
      )}
    </section>
  );
}
