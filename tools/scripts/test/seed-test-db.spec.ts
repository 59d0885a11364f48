import pg from 'pg';
import { DEMO_ASSETS, DEMO_JOBS, DEMO_KITS, DEMO_LOGOS, DEMO_USERS } from '../src/demo-data.ts';
import { seedDemoData } from '../src/seed.ts';
import { demoSnapshot } from './support/demo-snapshot.ts';
import { describe, expect, runScript, test } from './support/environment.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('seed-test-db', () => {
  // Boots PostgreSQL and storage under the hook timeout rather than the first test's.
  test.beforeAll(({ environment }) => void environment);

  test('seeds the demo users, kits, jobs and assets, with images of the recorded size', async ({ environment }) => {
    const { pool, storage } = environment;
    const result = await seedDemoData(pool, storage);
    expect(result).toEqual({
      users: DEMO_USERS.length,
      brandKits: DEMO_KITS.length,
      jobs: DEMO_JOBS.length,
      assets: DEMO_ASSETS.length,
      logos: DEMO_LOGOS.length,
      objects: DEMO_ASSETS.length + DEMO_LOGOS.length,
    });

    const snapshot = await demoSnapshot(pool, storage);
    expect(snapshot.users.map((user) => [user.email, user.tier])).toEqual(
      DEMO_USERS.map((user) => [user.email, user.tier]),
    );
    expect(snapshot.brandKits).toHaveLength(DEMO_KITS.length);
    expect(snapshot.jobs).toHaveLength(DEMO_JOBS.length);
    for (const image of snapshot.images) {
      const asset = snapshot.assets.find((row) => row.path === image.path)!;
      expect(image.bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${image.path} is a PNG`).toBe(true);
      expect([image.bytes.readUInt32BE(16), image.bytes.readUInt32BE(20)], `${image.path} width and height`).toEqual([
        asset.width,
        asset.height,
      ]);
      expect(image.bytes.length, `${image.path} size`).toBe(asset.size_bytes);
    }
  });

  test('gives every demo kit its logos: rows pointing at stored PNGs of the recorded size', async ({ environment }) => {
    const { pool, storage } = environment;
    await seedDemoData(pool, storage);
    const { logos } = await demoSnapshot(pool, storage);
    expect(logos.map((logo) => [logo.brand_kit_id, logo.type]).sort()).toEqual(
      DEMO_LOGOS.map((logo) => [logo.brand_kit_id, logo.type]).sort(),
    );
    for (const logo of logos) {
      const { data, error } = await storage.from('logos').download(logo.storage_path);
      expect(error, `logos/${logo.storage_path}`).toBeNull();
      const bytes = Buffer.from(await data!.arrayBuffer());
      expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${logo.storage_path} is a PNG`).toBe(true);
      expect(bytes.length).toBe(logo.size_bytes);
    }
  });

  test('a demo logo the user replaced in the app is put back, and the replacement object removed', async ({
    environment,
  }) => {
    const { pool, storage } = environment;
    await seedDemoData(pool, storage);
    const [logo] = (await demoSnapshot(pool, storage)).logos;
    const replacement = logo.storage_path.replace(/-demo\.png$/, '-uploaded.png');
    expect(
      (await storage.from('logos').upload(replacement, Buffer.from('x'), { contentType: 'image/png' })).error,
    ).toBeNull();
    await pool.query('update public.logos set storage_path = $1 where id = $2', [replacement, logo.id]);

    await seedDemoData(pool, storage);
    const { rows } = await pool.query('select storage_path from public.logos where id = $1', [logo.id]);
    expect(rows[0].storage_path).toBe(logo.storage_path);
    expect((await storage.from('logos').download(replacement)).error, 'the replacement object').not.toBeNull();
  });

  test('is idempotent, and puts changed demo data back', async ({ environment }) => {
    const { pool, storage } = environment;
    await seedDemoData(pool, storage);
    const seeded = await demoSnapshot(pool, storage);
    await pool.query(`update public.users set tier = 'studio', usage_count = 0 where email = $1`, [
      DEMO_USERS[0]!.email,
    ]);
    await pool.query(`update public.brand_kits set name = 'Renamed by hand' where id = $1`, [DEMO_KITS[0]!.id]);

    await seedDemoData(pool, storage);
    const reseeded = await demoSnapshot(pool, storage);
    // The rows the seed rewrote got a new updated_at; everything else is as first seeded.
    const withoutUpdatedAt = (snapshot: typeof seeded) =>
      JSON.parse(JSON.stringify(snapshot, (key, value) => (key === 'updated_at' ? undefined : value)));
    expect(withoutUpdatedAt(reseeded)).toEqual(withoutUpdatedAt(seeded));
    const { rows } = await pool.query('select count(*)::int as n from public.users where email like $1', [
      'demo+%@streamkit.dev',
    ]);
    expect(rows[0].n, 'demo users after seeding twice').toBe(DEMO_USERS.length);
  });

  test('refuses to run as a role that row-level security restricts', async ({ environment }) => {
    const { pool, postgres } = environment;
    await pool.query(`do $$ begin
      if not exists (select from pg_roles where rolname = 'seed_plain') then create role seed_plain login; end if;
    end $$`);
    await pool.query('grant authenticated to seed_plain');
    const url = new URL(postgres.url);
    url.username = 'seed_plain';
    const restricted = new pg.Pool({ connectionString: url.toString(), max: 1 });
    restricted.on('error', () => undefined); // an idle client losing its server is reported on next use
    try {
      await expect(seedDemoData(restricted)).rejects.toThrow(
        'seed-test-db connects as "seed_plain", which row-level security restricts',
      );
    } finally {
      await restricted.end();
    }
  });

  test('runs as its Nx target does, from the E2E_* variables', async ({ environment }) => {
    const { code, stdout, stderr } = await runScript('seed-test-db.ts', [], environment.env);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(
      /^seed-test-db: 3 users, 3 brand kits, 4 logos, 4 jobs, 2 assets in postgres:\/\/.* \(environment\); 6 images in http/,
    );
  });
});
