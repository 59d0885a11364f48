import type { BrowserContextOptions, Page } from '@playwright/test';

export interface SessionTokens {
  access_token: string;
  refresh_token: string;
}

type StorageState = Exclude<BrowserContextOptions['storageState'], string | undefined>;

/**
 * A `storageState` in which the web app at `webUrl` finds a signed-in session: the API's tokens
 * under the app's session key in localStorage, as the app itself stores them after a login.
 */
export function sessionStorageState(
  webUrl: string,
  storageKey: string,
  { access_token, refresh_token }: SessionTokens,
): StorageState {
  return {
    cookies: [],
    origins: [
      {
        origin: new URL(webUrl).origin,
        localStorage: [{ name: storageKey, value: JSON.stringify({ access_token, refresh_token }) }],
      },
    ],
  };
}

/** The page's localStorage entry `name` on its current origin (read from Node, no DOM types needed). */
export async function localStorageItem(page: Page, name: string): Promise<string | undefined> {
  const origin = new URL(page.url()).origin;
  const { origins } = await page.context().storageState();
  return origins.find((o) => o.origin === origin)?.localStorage.find((entry) => entry.name === name)?.value;
}
