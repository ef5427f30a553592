/**
 * The national layout of docs/scaling.md, opt-in and PostgreSQL only: the project table (the
 * largest of the document family; its children follow the same pattern) partitioned by budget
 * year (its document's: `document_year`, migration 0033), each year by region (区划: the
 * `region_code` column of migration 0025, the region access goes by):
 *
 *   project                         PARTITION BY LIST (document_year)
 *     project_y2025                 FOR VALUES IN (2025)        PARTITION BY LIST (region_code)
 *       project_y2025_r130202       FOR VALUES IN ('130202')
 *       …
 *       project_y2025_rest          DEFAULT   (no region, or a region not laid out)
 *     project_rest                  DEFAULT   (no year, or a year not laid out)
 *
 * Region is the column, not the six digits a project code starts with: a code may be blank, of
 * another region or of another form, while `region_code` is the department's region whenever the
 * department has one (migration 0032 keeps it so), which is what a regional account's scope is
 * made of. So a regional scope's queries say `p.region_code = $county` (or the city's range,
 * `regionCondition` in project.repository.ts) beside their departments, and the planner reads
 * that region's partitions only. The year is the document's (`document_year`, what every screen
 * filters by), not the project's own `year` (from its code: a carried-over project keeps the year
 * of its code), so a screen of one year says `p.document_year = $year` and reads that year's
 * partition. `partitionConditions` is what the repositories add.
 *
 * What the layout gives up until the keys carry the region (docs/scaling.md, step 1): PostgreSQL
 * declares a unique key on a partitioned table only with every partition column in it, so `id`
 * (still unique: one identity sequence) and (document_id, position) become plain indexes, and
 * the foreign keys of the tables that point at a project (indicator, spending_checkpoint, …) are
 * dropped; they come back as (region, year, project_id) → project when those tables carry both.
 * A statement that names neither (a project by id: its page, a workflow step) is planned against
 * every partition.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { dialectOf } from './database';
import { withinRegion } from './region.repository';
import type { Db } from './schema';
import { inTransaction } from './transaction';

/**
 * What a statement over project rows (`alias`: 'p'; '' for the table's own name) says of them
 * beside the conditions that decide its answer, so that the partitioned layout is read in the
 * partitions of its region and year only: the region of a regional account's scope (its
 * subtree's range; a county's an equality, which prunes to it) and the budget year its documents
 * are filtered by (`d.year = $y`: the same as the project's `document_year`), each when given. They
 * narrow nothing — a project's region is its department's (migration 0032), its document_year its
 * document's year (0033) — and are said on PostgreSQL only: SQLite has no partitions, and its
 * planner (no statistics) would walk the region's index over every year instead of going from the
 * scope's few documents (2026-11-25, a county's department list: 36 ms instead of 2).
 */
export function partitionConditions(db: Db, alias: string, keys: { region?: string | null; year?: number | null }): Expression<SqlBool>[] {
  if (dialectOf(db) === 'sqlite') return [];
  const column = (name: string) => (alias === '' ? name : `${alias}.${name}`);
  const out: Expression<SqlBool>[] = [];
  if (keys.year != null) out.push(sql<SqlBool>`${sql.ref(column('documentYear'))} = ${keys.year}`);
  if (keys.region != null) out.push(withinRegion(column('regionCode'), keys.region));
  return out;
}

export interface PartitionLayout {
  /** Budget years laid out, each with its regions (six-digit codes). */
  years: readonly number[];
  regions: readonly string[];
}

/** The partition of a year, and of a region within it (names as the tests and EXPLAIN show them). */
export const yearPartition = (year: number) => `project_y${year}`;
export const regionPartition = (year: number, region: string) => `project_y${year}_r${region}`;

/** The sort and filter indexes of the list (migrations 0002, 0019), created on the partitioned table (each partition gets its own). */
const INDEXES: Record<string, string[]> = {
  project_id_index: ['id'],
  project_document_position_index: ['document_id', 'position'],
  project_code_index: ['code', 'id', 'document_id'],
  project_name_index: ['name', 'id', 'document_id'],
  project_status_index: ['status', 'id', 'document_id'],
  project_score_index: ['quality_score', 'id', 'document_id'],
  project_budget_index: ['budget_total', 'id', 'document_id'],
  project_region_index: ['region_code'],
};

/**
 * Replaces the project table by the partitioned layout, its rows copied (identity continued),
 * in one transaction. Run on a migrated database before it grows (a new national installation);
 * the repositories read and write it unchanged.
 */
export async function partitionProjects(db: Db, layout: PartitionLayout): Promise<void> {
  if (dialectOf(db) !== 'postgres') throw new Error('partitioning is a PostgreSQL layout');
  await inTransaction(db, async (tx) => {
    const run = (query: ReturnType<typeof sql>) => query.execute(tx);
    const { rows: references } = await sql<{ table: string; name: string }>`
      select conrelid::regclass::text as "table", conname as "name" from pg_constraint
      where confrelid = 'project'::regclass and contype = 'f'`.execute(tx);
    for (const r of references) await run(sql`alter table ${sql.id(r.table)} drop constraint ${sql.id(r.name)}`);
    // The table's triggers, made again on the new one: the data version (0006) and the monitoring
    // figures' queue (0018; statement triggers with transition tables, which a partitioned table takes).
    const { rows: triggers } = await sql<{ definition: string }>`
      select pg_get_triggerdef(oid) as definition from pg_trigger where tgrelid = 'project'::regclass and not tgisinternal order by tgname`.execute(tx);

    await run(sql`create table project_partitioned (like project including defaults including constraints including identity) partition by list (document_year)`);
    for (const year of layout.years) {
      await run(sql`create table ${sql.id(yearPartition(year))} partition of project_partitioned for values in (${sql.lit(year)}) partition by list (region_code)`);
      for (const region of layout.regions) {
        if (!/^\d{6}$/.test(region)) throw new RangeError(`a region is six digits, got ${region}`);
        await run(sql`create table ${sql.id(regionPartition(year, region))} partition of ${sql.id(yearPartition(year))} for values in (${sql.lit(region)})`);
      }
      await run(sql`create table ${sql.id(`${yearPartition(year)}_rest`)} partition of ${sql.id(yearPartition(year))} default`);
    }
    await run(sql`create table project_rest partition of project_partitioned default`);

    await run(sql`insert into project_partitioned overriding system value select * from project`);
    await run(sql`drop table project`);
    await run(sql`alter table project_partitioned rename to project`);
    await run(sql`alter table project add foreign key (document_id) references document (id) on delete cascade`);
    for (const [name, columns] of Object.entries(INDEXES)) {
      await run(sql`create index ${sql.id(name)} on project (${sql.join(columns.map((c) => sql.id(c)))})`);
    }
    for (const t of triggers) await run(sql.raw(t.definition));
    await run(sql`select setval(pg_get_serial_sequence('project', 'id'), coalesce((select max(id) from project), 0) + 1, false)`);
  });
}
