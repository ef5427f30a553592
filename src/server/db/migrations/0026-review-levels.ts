/**
 * Levels of review (issue 32): a department may have a 主管部门 (`department.parent_department_id`,
 * a department of the same region; one level: a 主管部门 has no parent itself), and each region of
 * the tree says which levels it uses (`region.review_levels`, shared/domain/review-levels.ts;
 * null: as its parent region, finally 'finance', 单位 → 财政 as before). Nothing is filled: every
 * existing department has no parent and every region inherits, so every project keeps its path.
 * The index serves a supervisor's access (its 主管部门's units) at every request.
 */
import type { Kysely, Migration } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

export function reviewLevelsMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      // No foreign key, as the region columns (0025): SQLite cannot add one to an existing table.
      await db.schema.alterTable('department').addColumn('parent_department_id', 'integer').execute();
      await db.schema.createIndex('department_parent_index').on('department').column('parent_department_id').execute();
      await db.schema.alterTable('region').addColumn('review_levels', textType(dialect)).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('region').dropColumn('review_levels').execute();
      await db.schema.dropIndex('department_parent_index').execute();
      await db.schema.alterTable('department').dropColumn('parent_department_id').execute();
    },
  };
}
