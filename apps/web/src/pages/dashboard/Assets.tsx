import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { AssetImage } from '../../components/AssetImage';
import { FormError } from '../../components/FormError';
import { formatDate, shareLink, type Asset, type Page } from '../../generation/model';

/** The asset library: view, share publicly with a link to copy, make private again, delete. */
export default function AssetsPage({ title }: { title: string }) {
  const [assets, setAssets] = useState<Page<Asset>>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      setAssets(await api<Page<Asset>>('/assets?limit=50', { auth: true }));
    } catch (problem) {
      setError(problem instanceof ApiError ? problem.message : 'Could not load your assets.');
    }
  }, []);
  useEffect(() => void load(), [load]);

  async function act(work: () => Promise<unknown>) {
    setError(undefined);
    try {
      await work();
    } catch (problem) {
      setError(problem instanceof ApiError ? problem.message : 'Something went wrong. Try again.');
    }
    await load();
  }

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <p className="muted">Everything you have generated. Share one and anyone with its link can see it.</p>
      <FormError error={error} />
      {!assets && !error && (
        <p role="status" className="loading">
          Loading…
        </p>
      )}
      {assets && assets.items.length === 0 && <p>No assets yet.</p>}
      {assets && assets.items.length > 0 && (
        <>
          <p className="muted">{assets.total} asset(s)</p>
          <ul className="asset-library">
            {assets.items.map((asset) => (
              <AssetCard
                key={asset.id}
                asset={asset}
                onShare={(isPublic) =>
                  act(() =>
                    api(`/assets/${asset.id}/visibility`, { method: 'PUT', auth: true, body: { is_public: isPublic } }),
                  )
                }
                onDelete={() => act(() => api(`/assets/${asset.id}`, { method: 'DELETE', auth: true }))}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function AssetCard({
  asset,
  onShare,
  onDelete,
}: {
  asset: Asset;
  onShare: (isPublic: boolean) => void;
  onDelete: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState(false);
  const link = shareLink(asset);
  const name = `${asset.asset_type ?? 'asset'} ${asset.width}×${asset.height}`;

  async function copy() {
    await navigator.clipboard?.writeText(link).catch(() => undefined);
    setCopied(true);
  }

  return (
    <li className="asset-card" aria-label={name}>
      <AssetImage asset={asset} maxWidth={240} />
      <p>
        <strong>{name}</strong>{' '}
        <span className="muted">
          · {formatDate(asset.created_at)} · {Math.ceil(asset.size_bytes / 1024)} KB
        </span>
      </p>
      {asset.is_public ? (
        <div className="share">
          <label>
            Public link
            <input
              readOnly
              value={link}
              aria-label={`Public link of ${name}`}
              onFocus={(event) => event.currentTarget.select()}
            />
          </label>
          <button type="button" className="button" onClick={copy}>
            {copied ? 'Copied' : 'Copy link'}
          </button>
          <button type="button" className="button" onClick={() => onShare(false)}>
            Make private
          </button>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => onShare(true)}>
          Share publicly
        </button>
      )}
      {confirming ? (
        <span role="group" aria-label={`Confirm deleting ${name}`}>
          <button type="button" className="button danger" onClick={onDelete}>
            Delete for good
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </span>
      ) : (
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>
          Delete
        </button>
      )}
    </li>
  );
}
