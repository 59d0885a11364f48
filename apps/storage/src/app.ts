import Fastify, { type FastifyInstance } from 'fastify';
import type { ZodType } from 'zod';
import auth from './auth.ts';
import type { StorageConfig } from './config.ts';
import errorHandler from './error-handler.ts';
import bucketRoutes from './routes/buckets.ts';
import objectRoutes from './routes/objects.ts';
import signedRoutes from './routes/signed.ts';
import statusRoutes from './routes/status.ts';
import disk from './store/disk.ts';
import metadata from './store/metadata.ts';

/** Where supabase-js addresses the storage API: `${supabaseUrl}/storage/v1`. */
export const STORAGE_PREFIX = '/storage/v1';

/**
 * The storage server, migrated and with its configured buckets, not yet listening. Route schemas
 * are zod schemas; Fastify runs them through the compiler below.
 */
export async function buildApp(config: StorageConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    // Object keys may be 1024 bytes, percent-encoded up to three times that.
    routerOptions: { maxParamLength: 4096 },
  });
  app.decorate('storageConfig', config);
  app.setValidatorCompiler<ZodType>(({ schema }) => (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: result.error };
  });

  try {
    await app.register(errorHandler);
    await app.register(metadata);
    await app.register(disk);
    await app.register(auth);
    await app.register(statusRoutes);
    await app.register(
      async (api) => {
        await api.register(bucketRoutes);
        await api.register(objectRoutes);
        await api.register(signedRoutes);
      },
      { prefix: STORAGE_PREFIX },
    );
  } catch (error) {
    // A failed start (database down, migration error) must not leave a pool holding the process open.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    // Not `config`: the API app declares that name with its own type in the same TS program.
    storageConfig: StorageConfig;
  }
}
