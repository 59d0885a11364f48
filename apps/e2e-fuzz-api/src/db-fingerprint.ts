import type pg from 'pg';

/**
 * A fingerprint of everything some users own: their `users` row, every row of a table with a
 * `user_id` column, and rows hanging off their brand kits. Built from the live schema, so a new
 * table is included the day it exists. Equal fingerprints before and after a refused request
 * mean it changed none of their rows.
 */
export async function userRowsFingerprinter(db: Pick<pg.Pool, 'query'>) {
  const { rows } = await db.query<{ table_name: string; columns: string[] }>(
    `select table_name, array_agg(column_name::text) as columns from information_schema.columns
      where table_schema = 'public' and table_name <> 'pgmigrations' group by table_name order by table_name`,
  );
  const tables = new Set(rows.map((r) => r.table_name));
  // For each table, the rows the users own: `from <table> t where …`.
  const owned = rows.flatMap(({ table_name: table, columns }) => {
    const from = `from "${table.replaceAll('"', '""')}" t`;
    if (table === 'users') return [{ table, from: `${from} where t.id = any($1::uuid[])` }];
    if (columns.includes('user_id')) return [{ table, from: `${from} where t.user_id = any($1::uuid[])` }];
    if (columns.includes('brand_kit_id') && tables.has('brand_kits')) {
      return [
        { table, from: `${from} where t.brand_kit_id in (select id from brand_kits where user_id = any($1::uuid[]))` },
      ];
    }
    return [];
  });
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const hashes = owned
    .map(
      ({ table, from }) =>
        `(select ${literal(table)} as table_name, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as hash ${from})`,
    )
    .join(' union all ');
  const ids = owned.map(({ from }) => `(select t.id::text as id ${from})`).join(' union all ');

  return {
    /** Table → hash of the users' rows in it. */
    async take(userIds: readonly string[]): Promise<Map<string, string>> {
      const result = await db.query<{ table_name: string; hash: string }>(hashes, [userIds]);
      return new Map(result.rows.map((r) => [r.table_name, r.hash]));
    },
    /** Ids of every row the users own: "someone else's ids" for another caller to try. */
    async ids(userIds: readonly string[]): Promise<string[]> {
      const result = await db.query<{ id: string }>(ids, [userIds]);
      return result.rows.map((r) => r.id);
    },
  };
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((table) => before.get(table) !== after.get(table));
}
