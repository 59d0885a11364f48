import { resolve } from 'node:path';
import { z } from 'zod';
import { isValidBucketName } from './keys.ts';

export interface BucketSeed {
  id: string;
  public: boolean;
}

export interface StorageConfig {
  host: string;
  /** 0 asks the OS for a free port; `main.ts` prints the one it got. */
  port: number;
  databaseUrl: string;
  /** Absolute path; blobs live under `<dataDir>/objects`, uploads in flight under `<dataDir>/tmp`. */
  dataDir: string;
  serviceKey: string;
  /** Buckets created at start if missing; existing ones are left as they are. */
  buckets: BucketSeed[];
  /** Global upload ceiling in bytes; a bucket's own limit can only lower it. */
  fileSizeLimit: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

const bucketList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const seeds: BucketSeed[] = [];
    for (const entry of value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)) {
      const [id = '', visibility, ...rest] = entry.split(':');
      if (!isValidBucketName(id) || rest.length > 0 || (visibility && !['public', 'private'].includes(visibility))) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not "name" or "name:public"` });
        return z.NEVER;
      }
      seeds.push({ id, public: visibility === 'public' });
    }
    return seeds;
  });

const envSchema = z.object({
  STORAGE_HOST: z.string().min(1).default('127.0.0.1'),
  // Supabase's storage service listens on 5000 by default; the stack passes 0.
  STORAGE_PORT: z.coerce.number().int().min(0).max(65535).default(5000),
  STORAGE_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  STORAGE_DATA_DIR: z.string().min(1),
  STORAGE_SERVICE_KEY: z.string().min(16),
  STORAGE_BUCKETS: bucketList,
  STORAGE_FILE_SIZE_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  STORAGE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

/** Thrown when the environment cannot start the server; its message names every bad variable. */
export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): StorageConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return env[name] === undefined ? `${name} is not set` : `${name} is invalid: ${issue.message}`;
    });
    throw new ConfigError(`storage: cannot start, bad environment:\n  - ${problems.join('\n  - ')}`);
  }
  const vars = parsed.data;
  return {
    host: vars.STORAGE_HOST,
    port: vars.STORAGE_PORT,
    databaseUrl: vars.STORAGE_DATABASE_URL,
    dataDir: resolve(vars.STORAGE_DATA_DIR),
    serviceKey: vars.STORAGE_SERVICE_KEY,
    buckets: vars.STORAGE_BUCKETS,
    fileSizeLimit: vars.STORAGE_FILE_SIZE_LIMIT,
    logLevel: vars.STORAGE_LOG_LEVEL,
  };
}
