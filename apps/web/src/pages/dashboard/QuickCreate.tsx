import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import { AssetImage } from '../../components/AssetImage';
import { FormError } from '../../components/FormError';
import { JobProgress } from '../../components/JobProgress';
import { useApiForm } from '../../components/useApiForm';
import type { BrandKit } from '../../brand-kits/model';
import type { Job, Template } from '../../generation/model';
import { useJob } from '../../generation/useJob';
import { TemplateFields } from '../../components/TemplateFields';

/** Pick a template and an asset type, fill the fields, pick a brand kit, generate, watch it render. */
export default function QuickCreatePage({ title }: { title: string }) {
  const [templates, setTemplates] = useState<Template[]>();
  const [kits, setKits] = useState<BrandKit[]>([]);
  const [loadError, setLoadError] = useState<string>();
  const [templateId, setTemplateId] = useState<string>();
  const [jobId, setJobId] = useState<string>();
  const { job, assets, error: jobError } = useJob(jobId);

  useEffect(() => {
    api<{ templates: Template[] }>('/templates', { auth: true }).then(
      ({ templates: list }) => {
        setTemplates(list);
        setTemplateId((current) => current ?? list[0]?.id);
      },
      (problem) => setLoadError(problem instanceof ApiError ? problem.message : 'Could not load the templates.'),
    );
    api<{ brand_kits: BrandKit[] }>('/brand-kits', { auth: true }).then(
      ({ brand_kits }) => setKits(brand_kits),
      () => setKits([]),
    );
  }, []);

  const template = templates?.find((entry) => entry.id === templateId);
  const generate = useApiForm(async ({ asset_type, brand_kit_id, template_id, ...fields }) => {
    const filled = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));
    const created = await api<Job>('/generate', {
      method: 'POST',
      auth: true,
      body: { template_id, asset_type, fields: filled, ...(brand_kit_id ? { brand_kit_id } : {}) },
    });
    setJobId(created.id);
  });
  const fieldErrors = Object.fromEntries(
    Object.entries(generate.fields).map(([key, message]) => [key.replace(/^fields\./, ''), message]),
  );

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <p className="muted">One image from a template, in your brand kit's colours, fonts and logo.</p>
      <FormError error={loadError} />
      {!templates && !loadError && (
        <p role="status" className="loading">
          Loading…
        </p>
      )}
      {template && (
        <form onSubmit={generate.onSubmit} noValidate className="generate-form" aria-label="Generate">
          <FormError error={generate.error} />
          <div className="field">
            <label htmlFor="template">Template</label>
            <select
              id="template"
              name="template_id"
              value={template.id}
              onChange={(event) => setTemplateId(event.target.value)}
            >
              {templates!.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name}
                </option>
              ))}
            </select>
            <p className="hint">{template.description}</p>
          </div>
          <div className="field">
            <label htmlFor="asset-type">Asset type</label>
            <select id="asset-type" name="asset_type" key={template.id}>
              {template.asset_types.map((type) => (
                <option key={type.id} value={type.id}>
                  {type.label} ({type.sizes.map((size) => size.name).join(', ')})
                </option>
              ))}
            </select>
            {generate.fields.asset_type && <p className="field-error">{generate.fields.asset_type}</p>}
          </div>
          <TemplateFields key={template.id} template={template} errors={fieldErrors} />
          <div className="field">
            <label htmlFor="brand-kit">Brand kit</label>
            <select id="brand-kit" name="brand_kit_id" defaultValue={kits.find((kit) => kit.is_active)?.id ?? ''}>
              <option value="">None (StreamKit's colours)</option>
              {kits.map((kit) => (
                <option key={kit.id} value={kit.id}>
                  {kit.name}
                  {kit.is_active ? ' (active)' : ''}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="button primary"
            disabled={generate.pending || (job !== undefined && !['completed', 'failed'].includes(job.status))}
          >
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
                  <AssetImage asset={asset} />
                </li>
              ))}
            </ul>
          )}
          {job?.status === 'completed' && (
            <p>
              <Link to="/dashboard/assets">Open your asset library</Link>
            </p>
          )}
        </section>
      )}
    </section>
  );
}
