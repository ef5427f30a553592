/**
 * Aggregates for the reviewers' dashboard, over the projects of current documents of one year.
 */
import { sql } from 'kysely';
import { intFromDb } from './document.repository';
import type { Db } from './schema';

/** Years with a current document, newest first. */
export async function listCurrentYears(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('document')
    .select('year')
    .distinct()
    .where('isCurrent', '=', 1)
    .where('departmentId', 'is not', null)
    .where('year', 'is not', null)
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => r.year!);
}

function currentProjectsOf(db: Db, year: number) {
  return db
    .selectFrom('project as p')
    .innerJoin('document as d', 'd.id', 'p.documentId')
    .where('d.isCurrent', '=', 1)
    .where('d.departmentId', 'is not', null)
    .where('d.year', '=', year);
}

/** Per finding category: findings in all, and projects with at least one. */
export async function findingsByCategory(db: Db, year: number): Promise<{ category: string; findings: number; projects: number }[]> {
  const rows = await currentProjectsOf(db, year)
    .innerJoin('projectFindingCategory as c', 'c.projectId', 'p.id')
    .select((eb) => ['c.category', eb.fn.sum<number | string>('c.count').as('findings'), eb.fn.countAll<number | string>().as('projects')])
    .groupBy('c.category')
    .execute();
  return rows.map((r) => ({ category: r.category, findings: intFromDb(r.findings), projects: intFromDb(r.projects) }));
}

/** Projects per review grade (null: not reviewed). */
export async function gradeCounts(db: Db, year: number): Promise<{ grade: string | null; count: number }[]> {
  const rows = await currentProjectsOf(db, year)
    .select((eb) => ['p.qualityGrade', eb.fn.countAll<number | string>().as('n')])
    .groupBy('p.qualityGrade')
    .execute();
  return rows.map((r) => ({ grade: r.qualityGrade, count: intFromDb(r.n) }));
}

/** Projects per tenth of the score range: bucket 0 is [0, 10), …, 9 is [90, 100) and 10 is exactly 100. */
export async function scoreBuckets(db: Db, year: number): Promise<{ bucket: number; count: number }[]> {
  // Integer division of integer hundredths: the same in SQLite and PostgreSQL.
  const bucket = sql<number>`${sql.ref('p.qualityScore')} / 1000`;
  const rows = await currentProjectsOf(db, year)
    .where('p.qualityScore', 'is not', null)
    .select((eb) => [bucket.as('bucket'), eb.fn.countAll<number | string>().as('n')])
    .groupBy(bucket)
    .execute();
  return rows.map((r) => ({ bucket: Number(r.bucket), count: intFromDb(r.n) }));
}
