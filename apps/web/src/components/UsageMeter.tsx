import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { formatDate, type Usage } from '../generation/model';

/** This month's generations against the tier's limit, and when the count resets. */
export function UsageMeter() {
  const [usage, setUsage] = useState<Usage>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<Usage>('/usage', { auth: true }).then(setUsage, (problem) =>
      setError(problem instanceof ApiError ? problem.message : 'Could not load your usage.'),
    );
  }, []);
  if (error) return <p className="field-error">{error}</p>;
  if (!usage) return <p className="loading">Loading usage…</p>;
  return (
    <div className="usage" aria-label="Usage this month">
      <p>
        Plan: <strong className="tier">{usage.tier}</strong>
      </p>
      <p>
        <span className="usage-count">
          {usage.used} of {usage.limit}
        </span>{' '}
        generations used this month
      </p>
      <meter min={0} max={usage.limit} value={usage.used} aria-label="Generations used this month" />
      <p className="muted">Resets {formatDate(usage.resets_at)}</p>
    </div>
  );
}
