import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';

/**
 * The supabase-js storage client, as an app would make it. The scripts build their own rather
 * than load the e2e fixtures library (and its API, Redis and queue clients) on every run.
 */
export function createStorageClient(storageUrl: string, serviceKey: string) {
  return createClient(storageUrl, serviceKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    // Node 20 has no global WebSocket; supabase-js refuses to start without a transport.
    realtime: { transport: WebSocket as never },
  }).storage;
}

export type StorageClient = ReturnType<typeof createStorageClient>;
