import type { BrowserContext } from '@playwright/test';
import { uniqueRequests, type ApiRequest } from '@streamkit/e2e-report/contract';
import { apiPath } from '../api-client.ts';

/**
 * The API requests one test made, from both sides: its Playwright-side API client (which
 * records into `sent` while the test runs) and its pages (the browser's requests to the API,
 * directly or through the web app's `/api` proxy). The data behind the UI phases' endpoint coverage.
 */
export class ApiRequests {
  readonly sent: ApiRequest[] = [];
  private readonly apiUrl: string;
  private readonly webUrl: string;

  constructor(apiUrl: string, webUrl: string) {
    this.apiUrl = apiUrl;
    this.webUrl = webUrl;
  }

  /** Records every API request the context's pages send from now on. */
  watch(context: BrowserContext): void {
    context.on('request', (request) => {
      const path = apiPath(request.url(), this.apiUrl, this.webUrl);
      if (path) this.sent.push({ method: request.method(), path });
    });
  }

  /** Unique and sorted, as the results file holds them. */
  get requests(): ApiRequest[] {
    return uniqueRequests(this.sent);
  }
}
