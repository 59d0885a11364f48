import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { AssetImage } from '../../components/AssetImage';
import { UsageMeter } from '../../components/UsageMeter';
import type { Asset, Page } from '../../generation/model';
import { useSession } from '../../session/session';

/** Where a signed-in user lands: their usage this month and their latest assets. */
export default function OverviewPage({ title }: { title: string }) {
  const { user } = useSession();
  const [latest, setLatest] = useState<Asset[]>();
  useEffect(() => {
    api<Page<Asset>>('/assets?limit=4', { auth: true }).then(
      ({ items }) => setLatest(items),
      () => setLatest([]),
    );
  }, []);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <p>Welcome, {user?.display_name}.</p>
      <UsageMeter />
      <h2>Latest assets</h2>
      {!latest && <p className="loading">Loading…</p>}
      {latest && latest.length === 0 && (
        <p>
          Nothing yet. <Link to="/dashboard/quick-create">Make your first asset</Link>.
        </p>
      )}
      {latest && latest.length > 0 && (
        <ul className="asset-grid">
          {latest.map((asset) => (
            <li key={asset.id}>
              <AssetImage asset={asset} maxWidth={200} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
