import { TARGET_VARIABLES, type Target } from '@streamkit/e2e-contract';
import { createPool, redactUrl } from './postgres.ts';
import { connectRedis } from './redis.ts';

export type HealthService = 'api' | 'database' | 'redis' | 'storage' | 'mail';

const PROBE_TIMEOUT_MS = 3_000;

/** Where each service's log is when the local stack runs it (`.e2e/logs/<name>.log`). */
const LOCAL_LOG: Record<HealthService, string> = {
  api: 'api',
  database: 'postgres',
  redis: 'redis',
  storage: 'storage',
  mail: 'mail',
};

const URL_FIELD = {
  api: 'apiUrl',
  database: 'databaseUrl',
  redis: 'redisUrl',
  storage: 'storageUrl',
  mail: 'mailUrl',
} as const;

/** Thrown when a service does not answer as it must; the message names it and says what to do. */
export class ServiceDownError extends Error {}

/** What to do when `service` is down, for a person reading a failed health phase. */
export function whatToDo(service: HealthService, target: Pick<Target, 'kind'>): string {
  const variable = TARGET_VARIABLES[URL_FIELD[service]];
  return target.kind === 'local'
    ? `What to do: read .e2e/logs/${LOCAL_LOG[service]}.log (the local stack runs it), fix the cause, and run again.`
    : `What to do: check that ${variable} points at the deployment's ${service} and that it answers from this machine.`;
}

/**
 * Checks that one service answers, within a few seconds, the way the phases need it to: the API
 * with something other than a 5xx on /health, PostgreSQL and Redis to a query, storage to its
 * bucket list with the service key, the mail capture to its health check.
 * @throws ServiceDownError "<service> is down: <cause>. What to do: …"
 */
export async function expectReachable(service: HealthService, target: Target): Promise<void> {
  const url = redactUrl(target[URL_FIELD[service]]);
  try {
    await PROBES[service](target);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new ServiceDownError(`${service} is down: ${url}: ${cause}\n${whatToDo(service, target)}`);
  }
}

const PROBES: Record<HealthService, (target: Target) => Promise<void>> = {
  api: (target) => httpOk(`${target.apiUrl}/health`, {}, (status) => status < 500 || status === 503),
  database: async (target) => {
    const pool = createPool(target.databaseUrl, 1);
    try {
      await pool.query('select 1');
    } finally {
      await pool.end().catch(() => undefined);
    }
  },
  redis: async (target) => {
    const redis = await connectRedis(target.redisUrl);
    try {
      await redis.ping();
    } finally {
      redis.disconnect();
    }
  },
  storage: (target) =>
    httpOk(`${target.storageUrl}/storage/v1/bucket`, {
      authorization: `Bearer ${target.storageKey}`,
      apikey: target.storageKey,
    }),
  mail: (target) => httpOk(`${target.mailUrl}/api/healthz`),
};

/** GET that must answer (by default 2xx) within the probe timeout; the cause says which status it got. */
async function httpOk(
  url: string,
  headers: Record<string, string> = {},
  accept = (status: number) => status >= 200 && status < 300,
) {
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`GET ${redactUrl(url)} failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  if (!accept(response.status)) {
    const body = (await response.text()).slice(0, 300);
    throw new Error(`GET ${redactUrl(url)} answered ${response.status}${body ? `: ${body}` : ''}`);
  }
}
