import type { AxiosInstance } from 'axios';
import { describeExchange } from './api-client.ts';
import { pollUntil } from '@streamkit/e2e-contract';
import type { StorageClient } from './storage.ts';
import type { TestUser } from './users.ts';

const API = '/api/v1';
const ASSETS_BUCKET = 'assets';

export type JobStatus = 'queued' | 'processing' | 'completed' | 'failed';

/** A generation job as the API shows it (the fields tests read). */
export interface Job {
  id: string;
  status: JobStatus;
  progress: number;
  attempts: number;
  asset_type: string;
  error: string | null;
  outputs: { asset_type: string; name: string; width: number; height: number }[];
  [field: string]: unknown;
}

export interface Asset {
  id: string;
  job_id: string | null;
  asset_type: string | null;
  width: number;
  height: number;
  mime_type: string;
  size_bytes: number;
  is_public: boolean;
  content_url: string;
  public_url: string | null;
}

/** What `waitFor` saw while polling: every distinct (status, progress) in order. */
export interface JobHistory {
  job: Job;
  statuses: JobStatus[];
  progress: number[];
}

export interface GenerationFixture {
  /** POST /generate (or another job-making path), expecting 202; the job is remembered for cleanup. */
  create(user: TestUser, body: Record<string, unknown>, path?: string): Promise<Job>;
  /** Polls GET /jobs/{id} until the job is completed or failed; what it saw on the way. */
  waitFor(user: TestUser, jobId: string, options?: { timeoutMs?: number; intervalMs?: number }): Promise<JobHistory>;
  /** GET /jobs/{id}/assets, expecting 200. */
  assets(user: TestUser, jobId: string): Promise<Asset[]>;
  /** GET /assets/{id}: the bytes served, expecting 200 and an image. */
  download(user: TestUser, assetId: string): Promise<Buffer>;
  /** Remembers `user` for cleanup: for jobs made another way (the web app's forms). */
  track(user: TestUser): void;
  /** Removes the stored objects of every user it made jobs for (their rows go with the users). */
  cleanup(): Promise<void>;
}

const bearer = (user: TestUser) => ({ headers: { authorization: `Bearer ${user.accessToken}` } });

/**
 * Generation jobs for one test, runner-neutral. Rows die with the test's users (cascade); the
 * images in object storage do not, so this removes everything under each user's folder of the
 * `assets` bucket, whatever made it (the API, the UI, a retried job).
 */
export function createGenerationFixture({
  api,
  storage,
}: {
  api: AxiosInstance;
  storage: StorageClient;
}): GenerationFixture {
  const owners = new Set<string>();

  const fixture: GenerationFixture = {
    async create(user, body, path = `${API}/generate`) {
      owners.add(user.id);
      const response = await api.post(path, body, bearer(user));
      if (response.status !== 202) throw new Error(`generation.create: expected 202\n${describeExchange(response)}`);
      return response.data as Job;
    },

    async waitFor(user, jobId, { timeoutMs = 15_000, intervalMs = 50 } = {}) {
      owners.add(user.id);
      const statuses: JobStatus[] = [];
      const progress: number[] = [];
      const job = await pollUntil(
        `job ${jobId} to finish`,
        async () => {
          const response = await api.get(`${API}/jobs/${jobId}`, bearer(user));
          if (response.status !== 200) throw new Error(describeExchange(response));
          const seen = response.data as Job;
          if (statuses.at(-1) !== seen.status) statuses.push(seen.status);
          if (progress.at(-1) !== seen.progress) progress.push(seen.progress);
          return seen.status === 'completed' || seen.status === 'failed' ? seen : undefined;
        },
        { timeoutMs, intervalMs },
      );
      return { job, statuses, progress };
    },

    async assets(user, jobId) {
      const response = await api.get(`${API}/jobs/${jobId}/assets`, bearer(user));
      if (response.status !== 200) throw new Error(`generation.assets: expected 200\n${describeExchange(response)}`);
      return response.data.items as Asset[];
    },

    async download(user, assetId) {
      const response = await api.get(`${API}/assets/${assetId}`, { ...bearer(user), responseType: 'arraybuffer' });
      if (response.status !== 200) {
        throw new Error(
          `generation.download: expected 200\n${describeExchange({ ...response, data: Buffer.from(response.data).toString() })}`,
        );
      }
      return Buffer.from(response.data);
    },

    track(user) {
      owners.add(user.id);
    },

    async cleanup() {
      for (const owner of owners) {
        const { data } = await storage.from(ASSETS_BUCKET).list(owner, { limit: 1000 });
        const paths: string[] = [];
        for (const job of data ?? []) {
          const { data: files } = await storage.from(ASSETS_BUCKET).list(`${owner}/${job.name}`, { limit: 1000 });
          paths.push(...(files ?? []).map((file) => `${owner}/${job.name}/${file.name}`));
        }
        if (paths.length > 0) await storage.from(ASSETS_BUCKET).remove(paths);
      }
      owners.clear();
    },
  };
  return fixture;
}
