import { randomUUID } from 'node:crypto';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { recordRequest } from './request-log.ts';

declare module 'axios' {
  interface AxiosRequestConfig {
    /**
     * Sent by a fixture to set a test up (`users.create()` signing a user up before a test of
     * something else): not counted as the test covering that endpoint.
     */
    fixtureSetup?: boolean;
  }
}

export interface ApiClientOptions {
  /**
   * Record each request's method and path for endpoint coverage, for the test that sends it
   * (default true). The auth sweep and the fuzzer opt out: they call every operation by
   * construction, which would make coverage say nothing.
   */
  recordRequests?: boolean;
}

/**
 * An axios client for the API under test. It never throws on an HTTP status: tests assert the
 * status with `expect(res).toHaveStatus(n)`, whose failure message comes from `describeExchange`.
 * Every request carries its own `x-request-id`, so a failure can be found in the server log, and
 * is recorded (method and path) for endpoint coverage, for the test that sent it, unless it is
 * marked `fixtureSetup`.
 */
export function createApiClient(baseURL: string, options: ApiClientOptions = {}): AxiosInstance {
  const client = axios.create({ baseURL, validateStatus: () => true, timeout: 15_000 });
  client.interceptors.request.use((config) => {
    config.headers.set('x-request-id', config.headers.get('x-request-id') ?? `e2e-${randomUUID()}`);
    const path =
      options.recordRequests !== false && !config.fixtureSetup ? apiPath(axios.getUri(config), baseURL) : undefined;
    if (path) recordRequest({ method: (config.method ?? 'get').toUpperCase(), path });
    return config;
  });
  return client;
}

/**
 * The operation path of a request URL, as the API document spells paths: relative to the API's
 * base URL (a deployment may serve it under a prefix), or, on the web app's origin, the `/api/…`
 * and `/health` paths it proxies to the API. Undefined for any other URL (a page, an asset).
 */
export function apiPath(url: string, apiUrl: string, webUrl?: string): string | undefined {
  const target = URL.canParse(url) ? new URL(url) : undefined;
  if (!target) return undefined;
  const api = new URL(apiUrl);
  const basePath = api.pathname.replace(/\/+$/, '');
  if (target.origin === api.origin && (target.pathname === basePath || target.pathname.startsWith(`${basePath}/`))) {
    return target.pathname.slice(basePath.length) || '/';
  }
  const proxied =
    webUrl !== undefined &&
    target.origin === new URL(webUrl).origin &&
    (target.pathname.startsWith('/api/') || target.pathname === '/health');
  return proxied ? target.pathname : undefined;
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
