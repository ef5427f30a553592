/**
 * The examples of the department page's repeated findings, kept beside each project's findings:
 * project_findings.examples, a JSON object with, for each rule of a finding about the project
 * (projectIndex not null), the [message, suggestion] of the first such finding
 * (findingExamplesOf, document.repository.ts).
 *
 * The page shows one example per group of a rule that recurs over its projects: the first
 * finding of the rule on the group's first project. The database picked it from that project's
 * findings (project.repository's findingExamples), and on PostgreSQL parsing those findings as
 * jsonb — 3.4 kB each, compressed, ~12 pairs a page — was 0.31 ms of its ~0.8 ms a page
 * (2026-11-24, statement log); read by the rule from this shorter object it is ~0.08 ms.
 *
 * Written beside the findings and their rules (projectFindingsRow); rows stored
 * before are filled here by the database's JSON functions. NULL is still read correctly (the
 * page falls back to the findings), so a row written by any other path stays right.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

/** Fills `examples` from `findings` where it is NULL (exported for the test that compares it with the code's). */
export async function fillFindingExamples(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    // The first finding of each rule: the lowest array index among those about the project.
    await sql`
      update project_findings set examples = (
        select json_group_object(x.rule, json(x.example)) from (
          select j.value ->> 'rule' as rule, json_array(j.value ->> 'message', j.value ->> 'suggestion') as example,
            row_number() over (partition by j.value ->> 'rule' order by j.key) as n
          from json_each(project_findings.findings) j
          where j.value ->> 'projectIndex' is not null
        ) x where x.n = 1
      )
      where examples is null`.execute(db);
  } else {
    await sql`
      update project_findings set examples = coalesce((
        select json_object_agg(x.rule, json_build_array(x.message, x.suggestion))::text from (
          select distinct on (t.e ->> 'rule') t.e ->> 'rule' as rule, t.e ->> 'message' as message, t.e ->> 'suggestion' as suggestion
          from jsonb_array_elements(project_findings.findings::jsonb) with ordinality as t(e, i)
          where t.e ->> 'projectIndex' is not null
          order by t.e ->> 'rule', t.i
        ) x
      ), '{}')
      where examples is null`.execute(db);
  }
}

export function findingExamplesMigration(dialect: DialectName): Migration {
  return {
    async up(db) {
      await db.schema.alterTable('project_findings').addColumn('examples', textType(dialect)).execute();
      await fillFindingExamples(db, dialect);
    },
    async down(db) {
      await db.schema.alterTable('project_findings').dropColumn('examples').execute();
    },
  };
}
