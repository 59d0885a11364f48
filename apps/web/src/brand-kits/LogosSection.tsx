import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { FormError } from '../components/FormError';
import { kitPath, LOGO_ACCEPT, LOGO_TYPES, type Logo } from './model';
import { FieldMessage } from './SectionForm';

type LogoType = Logo['type'];

/** One slot per logo type: its preview, upload (or replace) and delete; errors at the slot. */
export function LogosSection({ kitId }: { kitId: string }) {
  const [logos, setLogos] = useState<Logo[]>();
  const [loadError, setLoadError] = useState<string>();
  const [busy, setBusy] = useState<LogoType>();
  const [errors, setErrors] = useState<Partial<Record<LogoType, string>>>({});

  const load = useCallback(async () => {
    try {
      setLogos((await api<{ logos: Logo[] }>(kitPath(kitId, '/logos'), { auth: true })).logos);
    } catch (error) {
      setLoadError(error instanceof ApiError ? error.message : 'Could not load the logos.');
    }
  }, [kitId]);
  useEffect(() => void load(), [load]);

  async function run(type: LogoType, work: () => Promise<unknown>) {
    setBusy(type);
    setErrors((all) => ({ ...all, [type]: undefined }));
    try {
      await work();
      await load();
    } catch (error) {
      const message =
        error instanceof ApiError
          ? (error.fields.file ?? error.fields.type ?? error.message)
          : 'Something went wrong. Try again.';
      setErrors((all) => ({ ...all, [type]: message }));
    } finally {
      setBusy(undefined);
    }
  }

  const upload = (type: LogoType, file: File) => {
    const body = new FormData();
    body.set('type', type);
    body.set('file', file);
    return run(type, () => api(kitPath(kitId, '/logos'), { method: 'POST', body, auth: true }));
  };
  const remove = (type: LogoType) =>
    run(type, () => api(kitPath(kitId, `/logos/${type}`), { method: 'DELETE', auth: true }));

  return (
    <section className="kit-section" aria-labelledby="section-logos">
      <h2 id="section-logos">Logos</h2>
      <p className="muted">PNG, JPEG, WebP or SVG, up to 2 MB. Uploading replaces the logo of that type.</p>
      <FormError error={loadError} />
      <ul className="logo-grid">
        {LOGO_TYPES.map((type) => {
          const logo = logos?.find((entry) => entry.type === type);
          const label = `${type[0]!.toUpperCase()}${type.slice(1)} logo`;
          return (
            <li key={type} className="logo-slot" aria-label={label}>
              <h3>{label}</h3>
              <div className="logo-preview">
                {logo ? <img src={logo.url} alt={label} /> : <span className="muted">None yet</span>}
              </div>
              <label className="button">
                {logo ? 'Replace' : 'Upload'}
                <input
                  type="file"
                  className="sr-only"
                  accept={LOGO_ACCEPT}
                  aria-label={`${logo ? 'Replace' : 'Upload'} ${label.toLowerCase()}`}
                  disabled={busy === type}
                  aria-describedby={errors[type] ? `logo-${type}-error` : undefined}
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    e.target.value = ''; // choosing the same file again must upload again
                    if (file) void upload(type, file);
                  }}
                />
              </label>
              {logo && (
                <button
                  type="button"
                  className="link-button"
                  disabled={busy === type}
                  onClick={() => void remove(type)}
                >
                  Delete {label.toLowerCase()}
                </button>
              )}
              <FieldMessage id={`logo-${type}-error`} error={errors[type]} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
