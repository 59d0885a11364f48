import type { Job } from '../generation/model';

const LABEL = { queued: 'Queued', processing: 'Rendering', completed: 'Done', failed: 'Failed' } as const;

/** A job's status and progress, announced to assistive technology as it changes. */
export function JobProgress({ job }: { job: Job }) {
  return (
    <div className="job-progress" data-status={job.status}>
      <span className={`badge status-${job.status}`}>{LABEL[job.status]}</span>
      <progress
        max={100}
        value={job.progress}
        aria-label={`Progress of job ${job.id}`}
        aria-valuetext={`${job.progress}%`}
      >
        {job.progress}%
      </progress>
      <span className="muted">{job.progress}%</span>
      {job.status === 'failed' && job.error && <p className="field-error">{job.error}</p>}
    </div>
  );
}
