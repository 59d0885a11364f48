import type { BrowserContext, Page } from '@playwright/test';

/** Appends every console error and uncaught exception of the context's pages to `sink`. */
export function collectConsoleErrors(context: BrowserContext, sink: string[]): void {
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const { url, lineNumber } = message.location();
      sink.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
    });
    page.on('pageerror', (error) => sink.push(`uncaught ${error.name}: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
}
