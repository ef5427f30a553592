/**
 * The 财政业务科室 level of review (issue 32): a finance bureau's business sections (教科文科, 社会保障科 …),
 * one table `business_section` (a name, unique within its region's bureau; no code), each department's
 * section (`department.section_id`, 归口: which section reviews its targets before the performance
 * section; null: none), and a business section's account's section (`app_user.section_id`). Nothing is
 * filled: no region has a section, so no project changes its path (the levels setting decides whether
 * the level is used, shared/domain/review-levels.ts). The department index serves a section account's
 * access (its departments) at every request.
 */
import type { Kysely, Migration } from 'kysely';
import { idColumn, textType } from './columns';
import type { DialectName } from './index';

export function businessSectionsMigration(dialect: DialectName): Migration {
  const text = textType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('business_section')
        .addColumn('id', 'integer', idColumn(dialect))
        .addColumn('region_code', text, (c) => c.notNull())
        .addColumn('name', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('business_section_name_unique').on('business_section').columns(['region_code', 'name']).unique().execute();
      // No foreign keys, as the region columns (0025): SQLite cannot add one to an existing table.
      await db.schema.alterTable('department').addColumn('section_id', 'integer').execute();
      await db.schema.createIndex('department_section_index').on('department').column('section_id').execute();
      await db.schema.alterTable('app_user').addColumn('section_id', 'integer').execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('app_user').dropColumn('section_id').execute();
      await db.schema.dropIndex('department_section_index').execute();
      await db.schema.alterTable('department').dropColumn('section_id').execute();
      await db.schema.dropTable('business_section').execute();
    },
  };
}
