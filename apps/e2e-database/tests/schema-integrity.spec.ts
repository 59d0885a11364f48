import { randomUUID } from 'node:crypto';
import { describe, expect, test } from './support/fixtures.ts';
import {
  EXPECTED_SCHEMA,
  TABLE_NAMES,
  type ColumnSpec,
  type IndexSpec,
  type TableName,
} from './support/expected-schema.ts';
import { insertRow, insertSql, userValues, validValues } from './support/rows.ts';
import { SQLSTATE } from './support/transaction.ts';

const foreignKeys = TABLE_NAMES.flatMap((table) => EXPECTED_SCHEMA[table].foreignKeys.map((fk) => ({ table, ...fk })));
const checks = TABLE_NAMES.flatMap((table) => EXPECTED_SCHEMA[table].checks.map((check) => ({ table, ...check })));

describe.concurrent('schema integrity', () => {
  test.for(TABLE_NAMES)('%s has exactly the expected columns and types', async (table, { tx }) => {
    const { rows } = await tx.query<{ name: string; type: string; not_null: boolean }>(
      `select attname as name, format_type(atttypid, atttypmod) as type, attnotnull as not_null
         from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped`,
      [`public.${table}`],
    );
    const actual = Object.fromEntries(rows.map((c) => [c.name, `${c.type}${c.not_null ? '' : '?'}` as ColumnSpec]));
    expect(actual, `columns of ${table} ("?" = nullable)`).toEqual(EXPECTED_SCHEMA[table].columns);
  });

  test.for(TABLE_NAMES)('%s has exactly the expected indexes', async (table, { tx }) => {
    const { rows } = await tx.query<{ name: string; columns: string[]; unique: boolean; partial: boolean }>(
      `select i.relname as name, ix.indisunique as unique, ix.indpred is not null as partial,
              array(select pg_get_indexdef(ix.indexrelid, k, true)
                           || case when ix.indoption[k - 1] & 1 = 1 then ' DESC' else '' end
                      from generate_series(1, ix.indnkeyatts) k order by k) as columns
         from pg_index ix join pg_class i on i.oid = ix.indexrelid
        where ix.indrelid = $1::regclass`,
      [`public.${table}`],
    );
    const actual = Object.fromEntries(
      rows.map((ix): [string, IndexSpec] => [
        ix.name,
        { columns: ix.columns, ...(ix.unique && { unique: true }), ...(ix.partial && { partial: true }) },
      ]),
    );
    expect(actual, `indexes of ${table}`).toEqual(EXPECTED_SCHEMA[table].indexes);
  });

  test('every foreign key of the expected schema leads an index', () => {
    const unindexed = foreignKeys.filter(
      (fk) => !Object.values(EXPECTED_SCHEMA[fk.table].indexes).some((ix) => ix.columns[0] === fk.column),
    );
    expect(unindexed, 'foreign keys without an index starting with their column').toEqual([]);
  });

  test('has exactly the expected foreign keys with their ON DELETE actions', async ({ tx }) => {
    const { rows } = await tx.query<{ table: TableName; column: string; references: string; on_delete: string }>(
      `select c.conrelid::regclass::text as table, a.attname as column,
              c.confrelid::regclass::text || '.' || fa.attname as references,
              case c.confdeltype when 'c' then 'cascade' when 'n' then 'set null' when 'r' then 'restrict'
                                 when 'a' then 'no action' when 'd' then 'set default' end as on_delete
         from pg_constraint c
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
         join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = c.confkey[1]
        where c.contype = 'f' and c.conrelid = any($1::regclass[])`,
      [TABLE_NAMES.map((t) => `public.${t}`)],
    );
    const key = (fk: { table: string; column: string; references: string; onDelete: string }) =>
      `${fk.table}.${fk.column} -> ${fk.references} on delete ${fk.onDelete}`;
    expect(rows.map((r) => key({ ...r, onDelete: r.on_delete })).sort(), 'foreign keys').toEqual(
      foreignKeys.map(key).sort(),
    );
  });

  test.for(foreignKeys)(
    'an orphan $column in $table (matching no $references) is rejected',
    async (fk, { tx, world }) => {
      const values = { ...validValues(fk.table, world.parents), [fk.column]: randomUUID() };
      const { sql, params } = insertSql(fk.table, values);
      const result = await tx.attempt(sql, params);
      expect(result, `insert into ${fk.table} with a ${fk.column} that matches no ${fk.references}`).toMatchObject({
        ok: false,
        error: { code: SQLSTATE.foreignKeyViolation },
      });
    },
  );

  test.for(foreignKeys)(
    'deleting the $references row a $table row points at does $onDelete',
    async (fk, { tx, world }) => {
      const parentTable = fk.references.split('.')[0]!;
      const child = await insertRow(tx, fk.table, validValues(fk.table, world.parents));
      await tx.query(`delete from public.${parentTable} where id = $1`, [child[fk.column]]);
      const { rows } = await tx.query(`select "${fk.column}" as parent from public.${fk.table} where id = $1`, [
        child.id,
      ]);
      if (fk.onDelete === 'cascade')
        expect(rows, `${fk.table} row after its ${parentTable} row was deleted`).toEqual([]);
      else expect(rows, `${fk.table} row after its ${parentTable} row was deleted`).toEqual([{ parent: null }]);
    },
  );

  test('has exactly the expected check constraints', async ({ tx }) => {
    const { rows } = await tx.query<{ name: string }>(
      `select conname as name from pg_constraint where contype = 'c' and conrelid = any($1::regclass[])`,
      [TABLE_NAMES.map((t) => `public.${t}`)],
    );
    expect(rows.map((r) => r.name).sort(), 'check constraints').toEqual(checks.map((c) => c.name).sort());
  });

  test.for(checks)('$name rejects $rejects', async (check, { tx, world }) => {
    const { sql, params } = insertSql(check.table, { ...validValues(check.table, world.parents), ...check.rejects });
    const result = await tx.attempt(sql, params);
    expect(result, `insert into ${check.table} with ${JSON.stringify(check.rejects)}`).toMatchObject({
      ok: false,
      error: { code: SQLSTATE.checkViolation, constraint: check.name },
    });
  });

  test('a valid row passes every check (so the rejections above are the checks, not the sample rows)', async ({
    tx,
    world,
  }) => {
    for (const table of TABLE_NAMES) {
      const { sql, params } = insertSql(table, validValues(table, world.parents));
      expect(await tx.attempt(sql, params), `valid insert into ${table}`).toMatchObject({ ok: true, rowCount: 1 });
    }
  });
});

describe.concurrent('uniqueness', () => {
  test('emails are unique regardless of case', async ({ tx, world }) => {
    const email = String(world.owner.email).toUpperCase();
    const { sql, params } = insertSql('users', { ...userValues(), email });
    expect(await tx.attempt(sql, params), `a second user with email ${email}`).toMatchObject({
      ok: false,
      error: { code: SQLSTATE.uniqueViolation, constraint: 'users_email_key' },
    });
  });

  test('a user has at most one active brand kit', async ({ tx, world }) => {
    await insertRow(tx, 'brand_kits', { ...validValues('brand_kits', world.parents), is_active: true });
    const { sql, params } = insertSql('brand_kits', { ...validValues('brand_kits', world.parents), is_active: true });
    expect(await tx.attempt(sql, params), 'a second active kit').toMatchObject({
      ok: false,
      error: { code: SQLSTATE.uniqueViolation, constraint: 'brand_kits_one_active_per_user_idx' },
    });
    // Another user's active kit is no conflict.
    await insertRow(tx, 'brand_kits', {
      ...validValues('brand_kits', { ...world.parents, userId: world.other.id }),
      is_active: true,
    });
  });

  test('a brand kit has one logo per type, and a storage path one asset row', async ({ tx, world }) => {
    const logo = insertSql('logos', { ...validValues('logos', world.parents), type: world.rows.logos.type });
    expect(await tx.attempt(logo.sql, logo.params), `a second ${String(world.rows.logos.type)} logo`).toMatchObject({
      ok: false,
      error: { code: SQLSTATE.uniqueViolation, constraint: 'logos_brand_kit_id_type_key' },
    });
    const { bucket, path } = world.rows.assets;
    const asset = insertSql('assets', { ...validValues('assets', world.parents), bucket, path });
    expect(await tx.attempt(asset.sql, asset.params), `a second asset at ${bucket}/${path}`).toMatchObject({
      ok: false,
      error: { code: SQLSTATE.uniqueViolation, constraint: 'assets_bucket_path_key' },
    });
  });
});
