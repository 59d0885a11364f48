import type pg from 'pg';
import type { StorageClient } from '@streamkit/e2e-fixtures/storage';
import { DEMO_ASSETS, DEMO_USERS } from '../../src/demo-data.ts';

/**
 * Everything the seed made, as comparable values: the demo users' rows in every table (timestamps
 * included, so an untouched row compares equal) and the bytes' sizes of their images.
 */
export async function demoSnapshot(pool: pg.Pool, storage: StorageClient) {
  const emails = DEMO_USERS.map((user) => user.email);
  const owned = (table: string) =>
    pool.query(
      `select t.* from public.${table} t join public.users u on u.id = t.user_id where u.email = any($1) order by t.id`,
      [emails],
    );
  const images = await Promise.all(
    DEMO_ASSETS.map(async ({ bucket, path }) => {
      const { data, error } = await storage.from(bucket).download(path);
      if (error) throw new Error(`download ${bucket}/${path}: ${error.message}`);
      return { path, bytes: Buffer.from(await data.arrayBuffer()) };
    }),
  );
  return {
    users: (await pool.query('select * from public.users where email = any($1) order by id', [emails])).rows,
    brandKits: (await owned('brand_kits')).rows,
    jobs: (await owned('generation_jobs')).rows,
    assets: (await owned('assets')).rows,
    logos: (
      await pool.query(
        `select l.* from public.logos l join public.brand_kits k on k.id = l.brand_kit_id join public.users u on u.id = k.user_id
          where u.email = any($1) order by l.id`,
        [emails],
      )
    ).rows,
    images,
  };
}
