import { z } from 'zod';

const url = (protocols: string[]) => z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`) });
const millis = (fallback: number) => z.coerce.number().int().min(100).default(fallback);

const envSchema = z.object({
  DATABASE_URL: url(['postgres', 'postgresql']),
  REDIS_URL: url(['redis', 'rediss']),
  STORAGE_URL: url(['http', 'https']),
  STORAGE_SERVICE_KEY: z.string().min(16),
  /** Jobs one process renders at once; sharp does the pixel work on libuv's threads. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * How long a job's lock lives without renewal (renewed every half of it). A worker that dies
   * mid-job stops renewing, and another one takes the job up again once the lock has expired and
   * its stalled-job check (every WORKER_STALLED_INTERVAL_MS) has run. BullMQ's defaults are 30 s.
   */
  WORKER_LOCK_DURATION_MS: millis(30_000),
  WORKER_STALLED_INTERVAL_MS: millis(30_000),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('warn'),
});

export type WorkerConfig = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return env[name] === undefined ? `${name} is not set` : `${name} is invalid: ${issue.message}`;
  });
  throw new ConfigError(`worker: cannot start, bad environment:\n  - ${problems.join('\n  - ')}`);
}
