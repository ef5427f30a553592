/**
 * Text compares by code point on every dialect. SQLite compares text byte-wise (BINARY: UTF-8 bytes,
 * i.e. code point order); a PostgreSQL column compares by the database's collation, which on a
 * usual server is linguistic (en_US.UTF-8, ICU): 'a' < 'B', punctuation and spaces ignored at
 * first, Chinese in some locale order. Sorting by name or code, `<`/`>` on text and unique keys
 * would then differ between the two. So on PostgreSQL every text column gets COLLATE "C" (byte
 * order, which is code point order in UTF-8): the same results as SQLite, and prefix LIKE can use
 * the btree indexes. Nothing to do on SQLite.
 *
 * A later migration that adds text columns calls `textColumnsInCodePointOrder` at its end (a test
 * checks every text column of a PostgreSQL database).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from './index';

/** Sets COLLATE "C" (or back to the database default) on every text column of the schema's tables. */
export async function textColumnsInCodePointOrder(db: Kysely<any>, collation: 'C' | 'default' = 'C'): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and data_type = 'text' and table_name not like 'kysely\\_%'
    order by table_name, ordinal_position`.execute(db);
  const byTable = new Map<string, string[]>();
  for (const r of rows) byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), r.column_name]);
  for (const [table, columns] of byTable) {
    const changes = columns.map((c) => sql`alter column ${sql.id(c)} type text collate ${sql.id(collation)}`);
    await sql`alter table ${sql.id(table)} ${sql.join(changes)}`.execute(db);
  }
}

export function textOrderMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect === 'postgres') await textColumnsInCodePointOrder(db, 'C');
    },
    async down(db: Kysely<any>): Promise<void> {
      if (dialect === 'postgres') await textColumnsInCodePointOrder(db, 'default');
    },
  };
}
