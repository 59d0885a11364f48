import type pg from 'pg';
import type { StorageClient } from '@streamkit/e2e-fixtures/storage';
import { assertSeesEveryRow, inTransaction } from './database.ts';
import { DEMO_ASSETS, DEMO_JOBS, DEMO_KITS, DEMO_USERS } from './demo-data.ts';
import { solidPng } from '@streamkit/e2e-fixtures/images';
import { seedDemoLogos } from './seed-logos.ts';

export interface SeedResult {
  users: number;
  brandKits: number;
  jobs: number;
  assets: number;
  /** Brand kit logos (rows and their images); 0 without storage, as a logo row needs its image. */
  logos: number;
  /** Images uploaded for the assets and logos; 0 without storage. */
  objects: number;
}

/**
 * Puts the demo data in its seeded state: inserted when missing, reset when changed, the same after
 * every run. Users are matched by email, so a demo user who signed up through the API keeps their id.
 */
export async function seedDemoData(pool: pg.Pool, storage?: StorageClient): Promise<SeedResult> {
  await assertSeesEveryRow(pool, 'seed-test-db');
  const images = DEMO_ASSETS.map((asset) => ({ asset, png: solidPng(asset.width, asset.height, asset.rgb) }));
  // Seeded user id → the id the user really has (a demo user who signed up through the app keeps theirs).
  const userIds = new Map<string, string>();
  const owner = (seededId: string) => userIds.get(seededId)!;
  await inTransaction(pool, async (client) => {
    for (const user of DEMO_USERS) {
      const { rows } = await client.query<{ id: string }>(
        `insert into public.users (id, email, display_name, tier, usage_count) values ($1, $2, $3, $4, $5)
         on conflict (email) do update
           set display_name = excluded.display_name, tier = excluded.tier, usage_count = excluded.usage_count
         returning id`,
        [user.id, user.email, user.display_name, user.tier, user.usage_count],
      );
      userIds.set(user.id, rows[0]!.id);
    }

    for (const kit of DEMO_KITS) {
      // One active kit per user: a demo user's own newer kit yields to the seeded one.
      if (kit.is_active) {
        await client.query(
          'update public.brand_kits set is_active = false where user_id = $1 and id <> $2 and is_active',
          [owner(kit.user_id), kit.id],
        );
      }
      await client.query(
        `insert into public.brand_kits (id, user_id, name, is_active, colors, typography, voice, guidelines)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (id) do update set user_id = excluded.user_id, name = excluded.name, is_active = excluded.is_active,
           colors = excluded.colors, typography = excluded.typography, voice = excluded.voice, guidelines = excluded.guidelines`,
        [kit.id, owner(kit.user_id), kit.name, kit.is_active, kit.colors, kit.typography, kit.voice, kit.guidelines],
      );
    }
    for (const job of DEMO_JOBS) {
      await client.query(
        `insert into public.generation_jobs (id, user_id, brand_kit_id, asset_type, parameters, status, progress, error)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (id) do update set user_id = excluded.user_id, brand_kit_id = excluded.brand_kit_id,
           asset_type = excluded.asset_type, parameters = excluded.parameters, status = excluded.status,
           progress = excluded.progress, error = excluded.error`,
        [
          job.id,
          owner(job.user_id),
          job.brand_kit_id,
          job.asset_type,
          job.parameters,
          job.status,
          job.progress,
          job.error,
        ],
      );
    }
    for (const { asset, png } of images) {
      await client.query(
        `insert into public.assets (id, user_id, job_id, bucket, path, width, height, mime_type, size_bytes, is_public)
         values ($1, $2, $3, $4, $5, $6, $7, 'image/png', $8, $9)
         on conflict (id) do update set user_id = excluded.user_id, job_id = excluded.job_id, bucket = excluded.bucket,
           path = excluded.path, width = excluded.width, height = excluded.height, mime_type = excluded.mime_type,
           size_bytes = excluded.size_bytes, is_public = excluded.is_public`,
        [
          asset.id,
          owner(asset.user_id),
          asset.job_id,
          asset.bucket,
          asset.path,
          asset.width,
          asset.height,
          png.length,
          asset.is_public,
        ],
      );
    }
  });

  let objects = 0;
  for (const { asset, png } of storage ? images : []) {
    const { error } = await storage!
      .from(asset.bucket)
      .upload(asset.path, png, { contentType: 'image/png', upsert: true });
    if (error) throw new Error(`storage: uploading ${asset.bucket}/${asset.path} failed: ${error.message}`);
    objects += 1;
  }
  const logos = storage ? await seedDemoLogos(pool, storage, owner) : 0;
  objects += logos;
  return {
    users: DEMO_USERS.length,
    brandKits: DEMO_KITS.length,
    jobs: DEMO_JOBS.length,
    assets: DEMO_ASSETS.length,
    logos,
    objects,
  };
}
