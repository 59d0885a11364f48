import type { BrowserContext, Page } from '@playwright/test';

/**
 * Records the path of every page a test's browser contexts navigate to on the web app,
 * client-side (history API) navigations included: the data behind page coverage.
 */
export class VisitedRoutes {
  readonly paths = new Set<string>();
  private readonly origin: string;

  constructor(webUrl: string) {
    this.origin = new URL(webUrl).origin;
  }

  /** Watches the context's open pages and every page it opens later. */
  watch(context: BrowserContext): void {
    context.pages().forEach((page) => this.watchPage(page));
    context.on('page', (page) => this.watchPage(page));
  }

  private watchPage(page: Page): void {
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.record(frame.url());
    });
  }

  private record(url: string): void {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (parsed?.origin === this.origin) this.paths.add(decodeURI(parsed.pathname));
  }
}
