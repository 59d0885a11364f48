import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';

export function createStorageClient(url: string, serviceKey: string) {
  return createClient(url, serviceKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    // Node 20 has no global WebSocket; supabase-js refuses to start without a transport.
    realtime: { transport: WebSocket as never },
  }).storage;
}

export type StorageClient = ReturnType<typeof createStorageClient>;

/** Where a job's output lives in the `assets` bucket: under its owner, then the job. */
export function assetPath(userId: string, jobId: string, assetType: string, name: string): string {
  return `${userId}/${jobId}/${assetType}-${name}.png`;
}
