import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { AssetImage } from '../../components/AssetImage';
import { FormError } from '../../components/FormError';
import { JobProgress } from '../../components/JobProgress';
import { formatDate, isFinished, type Asset, type Job, type Page } from '../../generation/model';

const POLL_MS = 1000;

/** Every job, newest first; while any is still running the list refreshes itself. */
export default function JobsPage({ title }: { title: string }) {
  const [jobs, setJobs] = useState<Page<Job>>();
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<string>();

  const load = useCallback(async () => {
    try {
      const page = await api<Page<Job>>('/jobs?limit=50', { auth: true });
      setJobs(page);
      setError(undefined);
      return page;
    } catch (problem) {
      setError(problem instanceof ApiError ? problem.message : 'Could not load your jobs.');
      return undefined;
    }
  }, []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const page = await load();
      // Live progress without reloading: poll only while something is still queued or rendering.
      if (!stopped && page?.items.some((job) => !isFinished(job))) timer = setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [load]);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <p className="muted">What is rendering and what is done.</p>
      <FormError error={error} />
      {!jobs && !error && (
        <p role="status" className="loading">
          Loading…
        </p>
      )}
      {jobs && jobs.items.length === 0 && <p>No jobs yet. Make something in Quick create or Twitch.</p>}
      {jobs && jobs.items.length > 0 && (
        <ul className="job-list">
          {jobs.items.map((job) => (
            <li key={job.id} className="job" aria-label={`Job ${job.id}`}>
              <p>
                <strong>{job.pack_id ? `Twitch ${job.pack_id} pack` : job.asset_type}</strong>{' '}
                <span className="muted">
                  · {job.template_id} · {formatDate(job.created_at)} · {job.outputs.length} size(s)
                </span>
              </p>
              <JobProgress job={job} />
              {job.status === 'completed' && (
                <button
                  type="button"
                  className="button"
                  onClick={() => setOpen(open === job.id ? undefined : job.id)}
                  aria-expanded={open === job.id}
                >
                  {open === job.id ? 'Hide assets' : 'View assets'}
                </button>
              )}
              {open === job.id && <JobAssets jobId={job.id} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function JobAssets({ jobId }: { jobId: string }) {
  const [assets, setAssets] = useState<Asset[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<{ items: Asset[] }>(`/jobs/${jobId}/assets`, { auth: true }).then(
      ({ items }) => setAssets(items),
      (problem) => setError(problem instanceof ApiError ? problem.message : 'Could not load the assets.'),
    );
  }, [jobId]);
  if (error) return <FormError error={error} />;
  if (!assets) return <p className="loading">Loading…</p>;
  return (
    <ul className="asset-grid">
      {assets.map((asset) => (
        <li key={asset.id}>
          <AssetImage asset={asset} maxWidth={200} />
        </li>
      ))}
    </ul>
  );
}
