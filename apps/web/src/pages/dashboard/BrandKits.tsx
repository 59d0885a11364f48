import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useApiForm } from '../../components/useApiForm';
import { kitPath, type BrandKit } from '../../brand-kits/model';

interface KitList {
  brand_kits: BrandKit[];
  limit: number;
}

/** The caller's brand kits: create one, activate one, open one to edit, delete one (after confirming). */
export default function BrandKitsPage({ title }: { title: string }) {
  const navigate = useNavigate();
  const [list, setList] = useState<KitList>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      setList(await api<KitList>('/brand-kits', { auth: true }));
    } catch (problem) {
      setError(problem instanceof ApiError ? problem.message : 'Could not load your brand kits.');
    }
  }, []);
  useEffect(() => void load(), [load]);

  const create = useApiForm(async ({ name }) => {
    const kit = await api<BrandKit>('/brand-kits', { method: 'POST', body: { name }, auth: true });
    navigate(`/dashboard/brand-kits/${kit.id}`);
  });

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
      <p className="muted">
        The colours, fonts, voice and logos your assets use. The active kit is the one generation uses.
      </p>

      <form onSubmit={create.onSubmit} noValidate className="create-kit">
        <FormError error={create.error} />
        <Field label="New kit name" name="name" required maxLength={100} error={create.fields.name} />
        <button type="submit" className="button primary" disabled={create.pending}>
          Create kit
        </button>
      </form>

      <FormError error={error} />
      {!list && !error && (
        <p role="status" className="loading">
          Loading…
        </p>
      )}
      {list && (
        <>
          <p className="muted">
            {list.brand_kits.length} of {list.limit} kits
          </p>
          {list.brand_kits.length === 0 && <p>No brand kits yet. Create your first one above.</p>}
          <ul className="kit-list">
            {list.brand_kits.map((kit) => (
              <KitCard
                key={kit.id}
                kit={kit}
                onActivate={() => act(() => api(kitPath(kit.id, '/activate'), { method: 'POST', auth: true }))}
                onDelete={() => act(() => api(kitPath(kit.id), { method: 'DELETE', auth: true }))}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

interface KitCardProps {
  kit: BrandKit;
  onActivate: () => Promise<void>;
  onDelete: () => Promise<void>;
}

function KitCard({ kit, onActivate, onDelete }: KitCardProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const busyWhile = (work: () => Promise<void>) => async () => {
    setBusy(true);
    await work();
    setBusy(false);
  };

  return (
    <li className="kit-card" aria-label={kit.name}>
      <h2>
        <Link to={`/dashboard/brand-kits/${kit.id}`}>{kit.name}</Link>
        {kit.is_active && <span className="badge">Active</span>}
      </h2>
      <div className="swatches" aria-hidden="true">
        {kit.colors.palette.map((color, i) => (
          <span
            key={i}
            className="swatch small"
            title={`${color.name} ${color.hex}`}
            style={{ backgroundColor: color.hex }}
          />
        ))}
      </div>
      <div className="kit-actions">
        <Link className="button" to={`/dashboard/brand-kits/${kit.id}`}>
          Edit
        </Link>
        {!kit.is_active && (
          <button type="button" className="button" disabled={busy} onClick={busyWhile(onActivate)}>
            Activate
          </button>
        )}
        {!confirming && (
          <button type="button" className="button danger" disabled={busy} onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </div>
      {confirming && (
        <div role="alertdialog" aria-label={`Delete ${kit.name}?`} className="confirm">
          <p>Delete “{kit.name}” and its logos? This cannot be undone.</p>
          <button type="button" className="button danger" disabled={busy} onClick={busyWhile(onDelete)}>
            Yes, delete
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
    </li>
  );
}
