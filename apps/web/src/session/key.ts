/**
 * Where the web app keeps the session: `localStorage[SESSION_STORAGE_KEY]` holds the JSON
 * `{"access_token": "…", "refresh_token": "…"}`, the token fields of the API's auth responses.
 * Playwright fixtures write the same entry into a `storageState` to start signed in.
 */
export const SESSION_STORAGE_KEY = 'streamkit.session';

export interface StoredSession {
  access_token: string;
  refresh_token: string;
}
