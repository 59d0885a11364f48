import type pg from 'pg';
import { HttpError } from '../plugins/error-handler.ts';
import { BRAND_KIT_LIMIT, SECTION_NAMES, type BrandKit, type KitInput, type SectionName } from './schemas.ts';

/**
 * Brand kit queries. Every function takes a client inside `withUserTransaction`, so row-level
 * security decides what the caller sees: another user's kit is simply not found (404), never
 * "forbidden", which would confirm it exists.
 */

type Row = Omit<BrandKit, 'created_at' | 'updated_at'> & { created_at: Date; updated_at: Date };

const COLUMNS = 'id, name, is_active, colors, typography, voice, guidelines, created_at, updated_at';

const toKit = (row: Row): BrandKit => ({
  ...row,
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});

export const kitNotFound = () => new HttpError(404, 'not_found', 'No such brand kit');

/** SQLSTATE the database raises when a kit would exceed the per-user limit (migration 003). */
const BRAND_KIT_LIMIT_REACHED = 'SK002';

export async function listKits(client: pg.PoolClient): Promise<BrandKit[]> {
  const { rows } = await client.query<Row>(`select ${COLUMNS} from brand_kits order by created_at desc, id`);
  return rows.map(toKit);
}

export async function findKit(client: pg.PoolClient, id: string, { lock = false } = {}): Promise<BrandKit> {
  const { rows } = await client.query<Row>(
    `select ${COLUMNS} from brand_kits where id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  if (!rows[0]) throw kitNotFound();
  return toKit(rows[0]);
}

export async function findActiveKit(client: pg.PoolClient): Promise<BrandKit> {
  const { rows } = await client.query<Row>(`select ${COLUMNS} from brand_kits where is_active`);
  if (!rows[0]) throw new HttpError(404, 'no_active_brand_kit', 'No brand kit is active; activate one first');
  return toKit(rows[0]);
}

/** Sections left out of the input keep their defaults (create) or stored values (update). */
const givenSections = (input: KitInput) => SECTION_NAMES.filter((name) => input[name] !== undefined);

export async function createKit(client: pg.PoolClient, userId: string, input: KitInput): Promise<BrandKit> {
  const sections = givenSections(input);
  const columns = ['user_id', 'name', ...sections];
  const values = [userId, input.name, ...sections.map((name) => JSON.stringify(input[name]))];
  try {
    const { rows } = await client.query<Row>(
      `insert into brand_kits (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')}) returning ${COLUMNS}`,
      values,
    );
    return toKit(rows[0]!);
  } catch (error) {
    if ((error as { code?: string }).code === BRAND_KIT_LIMIT_REACHED) {
      throw new HttpError(
        409,
        'brand_kit_limit_reached',
        `You can have at most ${BRAND_KIT_LIMIT} brand kits; delete one to make room`,
        {
          limit: BRAND_KIT_LIMIT,
        },
      );
    }
    throw error;
  }
}

export async function updateKit(client: pg.PoolClient, id: string, input: KitInput): Promise<BrandKit> {
  const sections = givenSections(input);
  const assignments = ['name = $2', ...sections.map((name, i) => `${name} = $${i + 3}`)];
  const { rows } = await client.query<Row>(
    `update brand_kits set ${assignments.join(', ')} where id = $1 returning ${COLUMNS}`,
    [id, input.name, ...sections.map((name) => JSON.stringify(input[name]))],
  );
  if (!rows[0]) throw kitNotFound();
  return toKit(rows[0]);
}

export async function readSection(client: pg.PoolClient, id: string, section: SectionName): Promise<unknown> {
  const { rows } = await client.query(`select ${section} as value from brand_kits where id = $1`, [id]);
  if (!rows[0]) throw kitNotFound();
  return rows[0].value;
}

/** `value` has been validated against the section's schema by the route. */
export async function writeSection(
  client: pg.PoolClient,
  id: string,
  section: SectionName,
  value: unknown,
): Promise<unknown> {
  const { rows } = await client.query(
    `update brand_kits set ${section} = $2 where id = $1 returning ${section} as value`,
    [id, JSON.stringify(value)],
  );
  if (!rows[0]) throw kitNotFound();
  return rows[0].value;
}

export async function deleteKit(client: pg.PoolClient, id: string): Promise<void> {
  const { rowCount } = await client.query('delete from brand_kits where id = $1', [id]);
  if (!rowCount) throw kitNotFound();
}

/**
 * Makes `id` the caller's one active kit. The caller's kit rows are locked first, so concurrent
 * activations queue up and the last one wins; without the lock the second would not see the
 * first's newly active kit, and the unique index (one active per user) would refuse it.
 * Deactivating before activating keeps that index satisfied after each statement.
 */
export async function activateKit(client: pg.PoolClient, userId: string, id: string): Promise<BrandKit> {
  const { rows: locked } = await client.query<{ id: string }>(
    'select id from brand_kits where user_id = $1 order by id for update',
    [userId],
  );
  if (!locked.some((row) => row.id === id)) throw kitNotFound();
  await client.query('update brand_kits set is_active = false where user_id = $1 and is_active and id <> $2', [
    userId,
    id,
  ]);
  const { rows } = await client.query<Row>(
    `update brand_kits set is_active = true where id = $1 returning ${COLUMNS}`,
    [id],
  );
  return toKit(rows[0]!);
}
