import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { AssetImage } from '../../components/AssetImage';
import { FormError } from '../../components/FormError';
import { JobProgress } from '../../components/JobProgress';
import { TemplateFields } from '../../components/TemplateFields';
import { useApiForm } from '../../components/useApiForm';
import type { BrandKit } from '../../brand-kits/model';
import type { Job, Template } from '../../generation/model';
import { useJob } from '../../generation/useJob';

interface Dimensions {
  asset_types: {
    id: string;
    label: string;
    description: string;
    sizes: { name: string; width: number; height: number }[];
  }[];
  packs: { id: string; name: string; description: string; template_id: string; asset_types: string[]; sizes: number }[];
}

/** Twitch assets at Twitch's exact sizes: a whole pack, or one asset at one size. */
export default function TwitchPage({ title }: { title: string }) {
  const [dimensions, setDimensions] = useState<Dimensions>();
  const [templates, setTemplates] = useState<Template[]>([]);
  const [kits, setKits] = useState<BrandKit[]>([]);
  const [loadError, setLoadError] = useState<string>();
  const [mode, setMode] = useState<'pack' | 'single'>('pack');
  const [packId, setPackId] = useState('emotes');
  const [single, setSingle] = useState('twitch_emote|112|112');
  const [jobId, setJobId] = useState<string>();
  const { job, assets, error: jobError } = useJob(jobId);

  useEffect(() => {
    Promise.all([
      api<Dimensions>('/twitch/dimensions', { auth: true }),
      api<{ templates: Template[] }>('/templates', { auth: true }),
    ]).then(
      ([specs, catalogue]) => {
        setDimensions(specs);
        setTemplates(catalogue.templates);
      },
      (problem) => setLoadError(problem instanceof ApiError ? problem.message : 'Could not load the Twitch specs.'),
    );
    api<{ brand_kits: BrandKit[] }>('/brand-kits', { auth: true }).then(
      ({ brand_kits }) => setKits(brand_kits),
      () => setKits([]),
    );
  }, []);

  const [singleType] = single.split('|');
  const templateId =
    mode === 'pack'
      ? dimensions?.packs.find((pack) => pack.id === packId)?.template_id
      : templates.find((template) => template.asset_types.some((type) => type.id === singleType))?.id;
  const template = templates.find((entry) => entry.id === templateId);

  // `mode` is the radio group's own value, not a template field.
  const generate = useApiForm(async ({ brand_kit_id, mode: _mode, ...fields }) => {
    const filled = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));
    const kit = brand_kit_id ? { brand_kit_id } : {};
    const [assetType, width, height] = single.split('|');
    const created =
      mode === 'pack'
        ? await api<Job>('/twitch/packs', {
            method: 'POST',
            auth: true,
            body: { pack_id: packId, fields: filled, ...kit },
          })
        : await api<Job>('/twitch/generate', {
            method: 'POST',
            auth: true,
            body: {
              asset_type: assetType,
              width: Number(width),
              height: Number(height),
              template_id: templateId,
              fields: filled,
              ...kit,
            },
          });
    setJobId(created.id);
  });
  const fieldErrors = Object.fromEntries(
    Object.entries(generate.fields).map(([key, message]) => [key.replace(/^fields\./, ''), message]),
  );

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <p className="muted">Emotes, badges, panels and banners at exactly the sizes Twitch asks for.</p>
      <FormError error={loadError} />
      {!dimensions && !loadError && (
        <p role="status" className="loading">
          Loading…
        </p>
      )}
      {dimensions && (
        <form onSubmit={generate.onSubmit} noValidate aria-label="Generate Twitch assets">
          <FormError error={generate.error} />
          <fieldset>
            <legend>What to make</legend>
            <label>
              <input type="radio" name="mode" value="pack" checked={mode === 'pack'} onChange={() => setMode('pack')} />{' '}
              A pack
            </label>
            <label>
              <input
                type="radio"
                name="mode"
                value="single"
                checked={mode === 'single'}
                onChange={() => setMode('single')}
              />{' '}
              One asset
            </label>
          </fieldset>
          {mode === 'pack' ? (
            <div className="field">
              <label htmlFor="pack">Pack</label>
              <select id="pack" value={packId} onChange={(event) => setPackId(event.target.value)}>
                {dimensions.packs.map((pack) => (
                  <option key={pack.id} value={pack.id}>
                    {pack.name} ({pack.sizes} images)
                  </option>
                ))}
              </select>
              <p className="hint">{dimensions.packs.find((pack) => pack.id === packId)?.description}</p>
            </div>
          ) : (
            <div className="field">
              <label htmlFor="size">Asset and size</label>
              <select id="size" value={single} onChange={(event) => setSingle(event.target.value)}>
                {dimensions.asset_types.flatMap((type) =>
                  type.sizes.map((size) => (
                    <option key={`${type.id}|${size.name}`} value={`${type.id}|${size.width}|${size.height}`}>
                      {type.label} {size.width}×{size.height}
                    </option>
                  )),
                )}
              </select>
              {(generate.fields.width || generate.fields.asset_type) && (
                <p className="field-error">{generate.fields.width ?? generate.fields.asset_type}</p>
              )}
            </div>
          )}
          {template && <TemplateFields key={template.id} template={template} errors={fieldErrors} />}
          <div className="field">
            <label htmlFor="twitch-kit">Brand kit</label>
            <select id="twitch-kit" name="brand_kit_id" defaultValue="">
              <option value="">None (StreamKit's colours)</option>
              {kits.map((kit) => (
                <option key={kit.id} value={kit.id}>
                  {kit.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button primary" disabled={generate.pending}>
            Generate
          </button>
        </form>
      )}

      {(job || jobError) && (
        <section aria-label="Result" className="result">
          <h2>Result</h2>
          <FormError error={jobError} />
          {job && <JobProgress job={job} />}
          {assets && (
            <ul className="asset-grid">
              {assets.map((asset) => (
                <li key={asset.id}>
                  <AssetImage asset={asset} maxWidth={240} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}
