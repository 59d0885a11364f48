import { useEffect, useState } from 'react';
import { assetObjectUrl, type Asset } from '../generation/model';

/** One of the caller's assets, shown at most `maxWidth` wide (the image keeps its real size). */
export function AssetImage({ asset, maxWidth = 320 }: { asset: Asset; maxWidth?: number }) {
  const [src, setSrc] = useState<string>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let url: string | undefined;
    let stopped = false;
    assetObjectUrl(asset.id).then(
      (made) => (stopped ? URL.revokeObjectURL(made) : setSrc((url = made))),
      () => setFailed(true),
    );
    return () => {
      stopped = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [asset.id]);

  const label = `${asset.asset_type ?? 'asset'} ${asset.width}×${asset.height}`;
  if (failed) return <p className="field-error">Could not load {label}.</p>;
  if (!src) return <p className="loading">Loading {label}…</p>;
  return <img src={src} alt={label} width={Math.min(asset.width, maxWidth)} className="asset-image" />;
}
