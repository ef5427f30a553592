/**
 * What the department page groups of each project's stored findings, apart from them:
 * project_findings.rules, a JSON array with one [rule, severity, category] per finding about the
 * project (projectIndex not null), in their order.
 *
 * The page groups the rules that recur over its projects (groupRepeated) and showed one
 * example each. It read and parsed every project's findings to do so: a kilobyte or two of JSON
 * per project, mostly messages and suggestions, two thirds of its main statement's time on
 * SQLite (they spill into overflow pages) and most of its garbage. With the rules apart it reads
 * these short arrays, and the full findings of the few projects that give the examples.
 *
 * Written beside the findings by storeProjectReviews (project.repository.ts); rows stored before
 * are filled here, by the database's JSON functions. NULL is still read correctly (the page
 * falls back to the findings), so a row written by any other path stays right.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

/** Fills `rules` from `findings` where it is NULL (exported for the test that compares it with the code's). */
export async function fillFindingRules(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`
      update project_findings set rules = (
        select json_group_array(json_array(j.value ->> 'rule', j.value ->> 'severity', j.value ->> 'category') order by j.key)
        from json_each(project_findings.findings) j
        where j.value ->> 'projectIndex' is not null
      )
      where rules is null`.execute(db);
  } else {
    await sql`
      update project_findings set rules = coalesce((
        select json_agg(json_build_array(t.e ->> 'rule', t.e ->> 'severity', t.e ->> 'category') order by t.i)::text
        from jsonb_array_elements(project_findings.findings::jsonb) with ordinality as t(e, i)
        where t.e ->> 'projectIndex' is not null
      ), '[]')
      where rules is null`.execute(db);
  }
}

export function findingRulesMigration(dialect: DialectName): Migration {
  return {
    async up(db) {
      await db.schema.alterTable('project_findings').addColumn('rules', textType(dialect)).execute();
      await fillFindingRules(db, dialect);
    },
    async down(db) {
      await db.schema.alterTable('project_findings').dropColumn('rules').execute();
    },
  };
}
