/**
 * 自评复核 kept inside regions (issue 72): the same file's table may be stored once per region — each county's 绩效科
 * uploading a table it received has its own row, matched and concluded in its own region (an upload is matched,
 * replaced and found unchanged only inside its uploader's regions). The file's sha256 and the table's number were
 * unique over the installation, so a second region's upload of the same file found the first region's table; they
 * are now unique per region (a row of no region — the whole installation's, matched to nothing — is found by its
 * uploader before it would be stored twice).
 */
import type { Kysely, Migration } from 'kysely';

export const submittedByRegionMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('submitted_self_evaluation_file_index').execute();
    await db.schema.createIndex('submitted_self_evaluation_file_index').unique().on('submitted_self_evaluation').columns(['sha256', 'table_number', 'region_code']).execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('submitted_self_evaluation_file_index').execute();
    await db.schema.createIndex('submitted_self_evaluation_file_index').unique().on('submitted_self_evaluation').columns(['sha256', 'table_number']).execute();
  },
};
