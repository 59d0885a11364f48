import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { isFinished, type Asset, type Job } from './model';

const POLL_MS = 500;

/** Follows one job until it is completed or failed, then loads what it made. */
export function useJob(jobId: string | undefined) {
  const [job, setJob] = useState<Job>();
  const [assets, setAssets] = useState<Asset[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setJob(undefined);
    setAssets(undefined);
    setError(undefined);
    const poll = async () => {
      try {
        const seen = await api<Job>(`/jobs/${jobId}`, { auth: true });
        if (stopped) return;
        setJob(seen);
        if (!isFinished(seen)) {
          timer = setTimeout(poll, POLL_MS);
        } else if (seen.status === 'completed') {
          const made = await api<{ items: Asset[] }>(`/jobs/${jobId}/assets`, { auth: true });
          if (!stopped) setAssets(made.items);
        }
      } catch (problem) {
        if (!stopped) setError(problem instanceof ApiError ? problem.message : 'Could not follow the job.');
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId]);

  return { job, assets, error };
}
