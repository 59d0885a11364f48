import fp from 'fastify-plugin';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';

function createStorageClient(url: string, serviceKey: string) {
  return createClient(url, serviceKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    // Node 20 has no global WebSocket; supabase-js refuses to start without a transport.
    realtime: { transport: WebSocket as never },
  }).storage;
}

export type StorageClient = ReturnType<typeof createStorageClient>;

export default fp(
  async (app) => {
    app.decorate('storage', createStorageClient(app.config.STORAGE_URL, app.config.STORAGE_SERVICE_KEY));
  },
  { name: 'storage' },
);

declare module 'fastify' {
  interface FastifyInstance {
    storage: StorageClient;
  }
}
