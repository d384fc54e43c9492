/**
 * For a bulk load into empty tables: take the tables' keys, foreign keys and indexes away and
 * put them back afterwards, in the same transaction. Building an index once over sorted rows is
 * several times faster than maintaining it row by row, and checking a foreign key once is a
 * single hash join. The definitions are read from the catalogue, so an index added by a later
 * migration is dropped and rebuilt too.
 */
import type pg from 'pg';

export interface SavedDdl {
  foreignKeys: { table: string; name: string; def: string }[];
  keys: { table: string; name: string; def: string }[];
  indexes: { name: string; def: string }[];
}

export async function dropKeysAndIndexes(client: pg.Client, tables: readonly string[]): Promise<SavedDdl> {
  const oids = (
    await client.query<{ oid: number }>(`select oid from pg_class where relname = any($1) and relkind = 'r' and relnamespace = 'public'::regnamespace`, [
      tables,
    ])
  ).rows.map((r) => r.oid);
  const foreignKeys = (
    await client.query<{ table: string; name: string; def: string }>(
      `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
        where contype = 'f' and (conrelid = any($1) or confrelid = any($1)) order by conname`,
      [oids],
    )
  ).rows;
  const keys = (
    await client.query<{ table: string; name: string; def: string }>(
      `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
        where contype in ('p', 'u') and conrelid = any($1) order by contype, conname`,
      [oids],
    )
  ).rows;
  const indexes = (
    await client.query<{ name: string; def: string }>(
      `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
        where i.indrelid = any($1) and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid) order by 1`,
      [oids],
    )
  ).rows;
  for (const f of foreignKeys) await client.query(`alter table ${f.table} drop constraint ${quote(f.name)}`);
  for (const i of indexes) await client.query(`drop index ${i.name}`);
  for (const k of keys) await client.query(`alter table ${k.table} drop constraint ${quote(k.name)}`);
  return { foreignKeys, keys, indexes };
}

export async function restoreKeysAndIndexes(client: pg.Client, saved: SavedDdl, log: (m: string) => void): Promise<void> {
  const timed = async (what: string, sql: string) => {
    const t = performance.now();
    await client.query(sql);
    log(`${what} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  };
  for (const k of saved.keys) await timed(`key ${k.name}`, `alter table ${k.table} add constraint ${quote(k.name)} ${k.def}`);
  for (const i of saved.indexes) await timed(`index ${i.name}`, i.def);
  for (const f of saved.foreignKeys) await timed(`foreign key ${f.name}`, `alter table ${f.table} add constraint ${quote(f.name)} ${f.def}`);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
