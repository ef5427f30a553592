/**
 * The region tree (issue 32): table `region` (six-digit 区划 code, name, parent, level), loaded by
 * an administrator from a file for a whole province (`jixiao regions import`, POST /api/regions).
 *
 * A region column (`region_code`, six digits, no foreign key: the tree may be loaded after the data)
 * on department (the region a department belongs to), app_user (the finance account's region; null:
 * the whole installation, as before), document and project (what docs/scaling.md's step 1 names:
 * the first tables of the document family to carry it).
 *
 * Backfilled from what exists: a department's region is the most frequent six-digit prefix of its
 * current projects' codes (codes of the form 6 digits, 2-digit year, a capital letter); a document's
 * is its department's, else the most frequent prefix of its own projects; a project's is its
 * document's department's, else its code's prefix. Rows with no usable code stay null (an
 * administrator assigns the department; such data is seen only by accounts of the whole installation).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

export function regionsMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('region')
        .addColumn('code', textType(dialect), (c) => c.primaryKey())
        .addColumn('name', textType(dialect), (c) => c.notNull())
        .addColumn('parent_code', textType(dialect))
        .addColumn('level', textType(dialect), (c) => c.notNull())
        .execute();
      await db.schema.createIndex('region_parent_index').on('region').column('parent_code').execute();
      for (const table of ['department', 'app_user', 'document', 'project']) {
        await db.schema.alterTable(table).addColumn('region_code', textType(dialect)).execute();
      }
      await db.schema.createIndex('department_region_index').on('department').column('region_code').execute();
      await db.schema.createIndex('document_region_index').on('document').column('region_code').execute();
      await db.schema.createIndex('project_region_index').on('project').column('region_code').execute();

      await fillRegionColumns(db, dialect);
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const index of ['project_region_index', 'document_region_index', 'department_region_index']) await db.schema.dropIndex(index).execute();
      for (const table of ['project', 'document', 'app_user', 'department']) await db.schema.alterTable(table).dropColumn('region_code').execute();
      await db.schema.dropTable('region').execute();
    },
  };
}

/**
 * The backfill of 0025 (exported for its test): department from its current projects' codes,
 * document from its department else its projects' codes, project from its department else its code.
 */
export async function fillRegionColumns(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // A usable project code: six digits of region, two of year, then a capital letter.
  const usable =
    dialect === 'postgres' ? sql`p.code ~ '^[0-9]{8}[A-Z]' and substr(p.code, 1, 2) <> '00'` : sql`p.code glob '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][A-Z]*' and substr(p.code, 1, 2) <> '00'`;
  await sql`
    update department set region_code = (
      select substr(p.code, 1, 6) from project p join document d on d.id = p.document_id
       where d.department_id = department.id and d.is_current = 1 and ${usable}
       group by substr(p.code, 1, 6)
       order by count(*) desc, substr(p.code, 1, 6)
       limit 1)`.execute(db);
  await sql`
    update document set region_code = coalesce(
      (select dep.region_code from department dep where dep.id = document.department_id),
      (select substr(p.code, 1, 6) from project p
        where p.document_id = document.id and ${usable}
        group by substr(p.code, 1, 6)
        order by count(*) desc, substr(p.code, 1, 6)
        limit 1))`.execute(db);
  await sql`
    update project set region_code = coalesce(
      (select dep.region_code from document d join department dep on dep.id = d.department_id where d.id = project.document_id),
      (select substr(p.code, 1, 6) from project p where p.id = project.id and ${usable}))`.execute(db);
}
