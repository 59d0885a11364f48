import axios from 'axios';

/**
 * The API's live OpenAPI document (`GET <apiUrl>/openapi.json`), the single list of its operations.
 * @throws Error naming the URL and status when the API does not serve one.
 */
export async function fetchApiDocument(apiUrl: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const url = `${apiUrl.replace(/\/+$/, '')}/openapi.json`;
  const response = await axios.get(url, { validateStatus: () => true, timeout: timeoutMs });
  const document = response.data as unknown;
  if (response.status !== 200 || typeof document !== 'object' || document === null || !('paths' in document)) {
    throw new Error(`GET ${url} → ${response.status}: expected the API's OpenAPI document (an object with "paths")`);
  }
  return document as Record<string, unknown>;
}

export { listOperations, type ApiOperation } from '@streamkit/e2e-report/openapi';
