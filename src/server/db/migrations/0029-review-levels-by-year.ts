/**
 * Levels of review per region and year (issue 32: settings stay per region and year). Table
 * `region_review_levels`: a region's setting from a budget year on (region code, from year,
 * 'finance' | 'supervisor'; one per region and year). The setting without a year stays
 * `region.review_levels` (0026) and applies to the years before a region's first such row, so every
 * existing project keeps its path. No foreign key, as the region columns (0025).
 */
import type { Kysely, Migration } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

export function reviewLevelsByYearMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('region_review_levels')
        .addColumn('region_code', textType(dialect), (c) => c.notNull())
        .addColumn('from_year', 'integer', (c) => c.notNull())
        .addColumn('review_levels', textType(dialect), (c) => c.notNull())
        .addPrimaryKeyConstraint('region_review_levels_pk', ['region_code', 'from_year'])
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('region_review_levels').execute();
    },
  };
}
