import { SESSION_STORAGE_KEY, type StoredSession } from './key';

export function readSession(): StoredSession | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? 'null') as Partial<StoredSession> | null;
    return value?.access_token && value.refresh_token
      ? { access_token: value.access_token, refresh_token: value.refresh_token }
      : undefined;
  } catch {
    return undefined; // a hand-edited or foreign value: treat as signed out
  }
}

export function writeSession({ access_token, refresh_token }: StoredSession): void {
  localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ access_token, refresh_token }));
}

export function clearSession(): void {
  localStorage.removeItem(SESSION_STORAGE_KEY);
}
