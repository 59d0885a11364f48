import { z } from 'zod';
import { parseOAuthProviders, type OAuthProviderConfig } from './auth/oauth-config.ts';

const url = (protocols: string[]) => z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`) });

const envSchema = z.object({
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Where browsers reach the API (for OAuth redirect URIs). Unset: taken from each request's Host. */
  API_PUBLIC_URL: url(['http', 'https']).optional(),
  DATABASE_URL: url(['postgres', 'postgresql']),
  REDIS_URL: url(['redis', 'rediss']),
  STORAGE_URL: url(['http', 'https']),
  STORAGE_SERVICE_KEY: z.string().min(16),
  /** Signs access tokens and OAuth state; 32+ characters of randomness. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** Outgoing mail, e.g. smtp://user:pass@host:587 (smtps:// for implicit TLS). */
  SMTP_URL: url(['smtp', 'smtps']),
  MAIL_FROM: z.string().default('StreamKit <no-reply@streamkit.dev>'),
  /** The web app: links in mail and the OAuth landing page point here. */
  WEB_URL: url(['http', 'https']).transform((value) => value.replace(/\/+$/, '')),
  /** Comma-separated OAuth provider names; each one reads OAUTH_<NAME>_* (see auth/oauth-config.ts). */
  OAUTH_PROVIDERS: z.string().default(''),
  /**
   * Scales every per-IP rate limit (auth/rate-limits.ts). 1 in production; the local stack
   * raises it because every test suite there calls from the same address, 127.0.0.1.
   */
  RATE_LIMIT_IP_FACTOR: z.coerce.number().positive().default(1),
  /**
   * Pause between the local coach responder's tokens, so its replies stream the way a model's
   * do (the UI and the e2e tests watch text arrive before the end); 0 streams at once.
   */
  COACH_TOKEN_DELAY_MS: z.coerce.number().int().min(0).max(1000).default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export type ApiConfig = z.infer<typeof envSchema> & { oauthProviders: OAuthProviderConfig[] };

/** Thrown when the environment cannot start the API; its message names every bad variable. */
export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return env[name] === undefined ? `${name} is not set` : `${name} is invalid: ${issue.message}`;
      });
  const oauth = parseOAuthProviders(env);
  problems.push(...oauth.problems);
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`api: cannot start, bad environment:\n  - ${problems.join('\n  - ')}`);
  }
  return { ...parsed.data, oauthProviders: oauth.providers };
}
