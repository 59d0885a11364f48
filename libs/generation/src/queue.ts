/** The BullMQ queue the API fills and the worker drains. */
export const GENERATION_QUEUE = 'generation';

/** Job names on the queue. */
export const RENDER_JOB = 'render';
/** The health check's job: the worker answers it without touching any data. */
export const PING_JOB = 'ping';

/**
 * What the API puts on the queue: only ids. The worker reads everything else from the job's row,
 * so the row is the one source of truth and a job cannot be tampered with in Redis.
 */
export interface RenderJobData {
  jobId: string;
  userId: string;
}

export interface PingJobData {
  /** Echoed back, so the caller knows the answer is to its question. */
  nonce: string;
}

export interface PingResult {
  nonce: string;
  worker: string;
  version: string;
}

/**
 * The retry policy: a render that throws is tried three times in all, 0.5 s then 1 s apart, then
 * the job fails with the last error. The BullMQ job id is the row's id, so adding twice is a no-op.
 */
export const RENDER_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** The parameters a job row keeps: what to render, and at which sizes. */
export interface JobParameters {
  template_id: string;
  template_version: number;
  fields: Record<string, string>;
  /** Set when the job was asked for as a Twitch pack. */
  pack_id?: string;
  outputs: { asset_type: string; name: string; width: number; height: number }[];
}
