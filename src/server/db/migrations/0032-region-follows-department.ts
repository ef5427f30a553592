/**
 * A document's and a project's region is their department's whenever the department has one
 * (issue 32): what a regional account's queries filter by beside the departments of its scope
 * (`p.region_code = $county`, so that the partitioned layout reads the county's partitions only:
 * src/server/db/partitioning.ts), and the key docs/scaling.md distributes by. Imports already
 * write it so (insertDocumentRows); a department given a region after its documents were stored
 * (jixiao generate names the district of a department whose documents give no usable code only
 * at the end; an administrator assigns or moves a department: PUT /api/departments/:id/region) left
 * them with their codes' region or none. From now on setDepartmentRegion moves them with the
 * department; this migration brings what exists into line. Rows of a department without a region
 * keep theirs (no regional account sees them).
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** The backfill (exported for its test): every document, then every project, of a department with a region takes it. */
export async function alignRegionColumns(db: Kysely<any>): Promise<void> {
  await sql`
    update document set region_code = (select dep.region_code from department dep where dep.id = document.department_id)
     where exists (select 1 from department dep
                    where dep.id = document.department_id and dep.region_code is not null
                      and dep.region_code is distinct from document.region_code)`.execute(db);
  await sql`
    update project set region_code = (select d.region_code from document d where d.id = project.document_id)
     where exists (select 1 from document d join department dep on dep.id = d.department_id
                    where d.id = project.document_id and dep.region_code is not null
                      and d.region_code is distinct from project.region_code)`.execute(db);
}

export const regionFollowsDepartmentMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await alignRegionColumns(db);
  },
  async down(): Promise<void> {
    // the regions written stay: they are what the import writes today
  },
};
