import type pg from 'pg';
import { solidPng } from '@streamkit/e2e-fixtures/images';
import type { StorageClient } from '@streamkit/e2e-fixtures/storage';
import { inTransaction } from './database.ts';
import { DEMO_KITS, DEMO_LOGOS, demoLogoPath } from './demo-data.ts';

const BUCKET = 'logos';

/**
 * The demo kits' logos, kept to the API's invariants: every row's object exists (objects are
 * uploaded before the rows point at them), and an object no row points at any more (the demo
 * user replaced the logo through the app) is removed. Returns how many logos there are.
 */
export async function seedDemoLogos(
  pool: pg.Pool,
  storage: StorageClient,
  ownerOf: (seededUserId: string) => string,
): Promise<number> {
  const logos = DEMO_LOGOS.map((logo) => {
    const kit = DEMO_KITS.find((k) => k.id === logo.brand_kit_id)!;
    return { logo, path: demoLogoPath(ownerOf(kit.user_id), logo), png: solidPng(logo.size, logo.size, logo.rgb) };
  });
  for (const { path, png } of logos) {
    const { error } = await storage.from(BUCKET).upload(path, png, { contentType: 'image/png', upsert: true });
    if (error) throw new Error(`storage: uploading ${BUCKET}/${path} failed: ${error.message}`);
  }

  const replaced: string[] = [];
  await inTransaction(pool, async (client) => {
    for (const { logo, path, png } of logos) {
      const { rows } = await client.query<{ storage_path: string }>(
        'select storage_path from public.logos where brand_kit_id = $1 and type = $2 for update',
        [logo.brand_kit_id, logo.type],
      );
      if (rows[0] && rows[0].storage_path !== path) replaced.push(rows[0].storage_path);
      await client.query(
        `insert into public.logos (brand_kit_id, type, storage_path, mime_type, size_bytes) values ($1, $2, $3, 'image/png', $4)
         on conflict (brand_kit_id, type) do update
           set storage_path = excluded.storage_path, mime_type = excluded.mime_type, size_bytes = excluded.size_bytes`,
        [logo.brand_kit_id, logo.type, path, png.length],
      );
    }
  });
  if (replaced.length > 0) {
    const { error } = await storage.from(BUCKET).remove(replaced);
    if (error) throw new Error(`storage: removing replaced demo logos ${replaced.join(', ')} failed: ${error.message}`);
  }
  return logos.length;
}
