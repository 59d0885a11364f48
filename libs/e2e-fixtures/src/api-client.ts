import { randomUUID } from 'node:crypto';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { RecordedRequest } from '@streamkit/e2e-report/recorded-requests';

export interface ApiClientOptions {
  /**
   * Record each request's method and path for endpoint coverage (default true). The auth sweep
   * opts out: it calls every secured operation by construction, which would make coverage say nothing.
   */
  recordRequests?: boolean;
}

/** This worker's requests since the last {@link takeRecordedRequests}; unique by method and path. */
const recorded = new Map<string, RecordedRequest>();

/**
 * An axios client for the API under test. It never throws on an HTTP status: tests assert the
 * status with `expect(res).toHaveStatus(n)`, whose failure message comes from `describeExchange`.
 * Every request carries its own `x-request-id`, so a failure can be found in the server log, and
 * is recorded (method and path) for endpoint coverage.
 */
export function createApiClient(baseURL: string, options: ApiClientOptions = {}): AxiosInstance {
  const client = axios.create({ baseURL, validateStatus: () => true, timeout: 15_000 });
  // A deployment may serve the API under a prefix; operations are relative to the base URL.
  const basePath = new URL(baseURL).pathname.replace(/\/+$/, '');
  client.interceptors.request.use((config) => {
    config.headers.set('x-request-id', config.headers.get('x-request-id') ?? `e2e-${randomUUID()}`);
    if (options.recordRequests !== false) record(config.method ?? 'get', new URL(axios.getUri(config)).pathname, basePath);
    return config;
  });
  return client;
}

/** Hands over and forgets the requests recorded so far (the Vitest phases' setup file calls it per test file). */
export function takeRecordedRequests(): RecordedRequest[] {
  const taken = [...recorded.values()];
  recorded.clear();
  return taken;
}

function record(method: string, pathname: string, basePath: string): void {
  const path = basePath && pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : pathname;
  const request = { method: method.toUpperCase(), path };
  recorded.set(`${request.method} ${path}`, request);
}

/** Method, URL, status, request id and body of an exchange: what a failing assertion prints. */
export function describeExchange(response: AxiosResponse): string {
  const { config } = response;
  const url = axios.getUri(config);
  const requestId = response.headers['x-request-id'] ?? config.headers?.['x-request-id'] ?? 'none';
  const body = typeof response.data === 'string' ? response.data : JSON.stringify(response.data, null, 2);
  return [
    `${config.method?.toUpperCase()} ${url} → ${response.status} ${response.statusText}`,
    `request id: ${requestId}`,
    `body: ${body && body.length > 2000 ? `${body.slice(0, 2000)}…` : body}`,
  ].join('\n');
}
