/**
 * Monitoring and self-evaluation figures kept current instead of recomputed on read
 * (modules/monitoring/figures.service.ts):
 *
 *   monitoring_project_figure     one row per monitored project (approved or published, of a current
 *                                 document that names a department): department, year, budget, code
 *                                 and names, its self-evaluation's stored total and grade;
 *   monitoring_round_figure       one row per execution record of such a project: what the
 *                                 monitoring table of that round says in numbers (spent, lights, key
 *                                 monitoring, behind, complete, the urgency sort keys, causes);
 *   monitoring_department_year    per department and year: the sums of the project figures;
 *   monitoring_department_round   per department, year and as-of date: the sums of the round figures;
 *   monitoring_dirty              the projects whose figures are to be computed again;
 *   monitoring_figures_state      which monitoring settings the figures were computed with, their
 *                                 version, and the ranked projects' (raised when one of them changes).
 *
 * Lights need the settings and the pure monitoring functions, so they are computed in TypeScript,
 * not in SQL. Triggers on every table an input lives in (project, document, indicator,
 * spending_checkpoint, execution_record, execution_indicator, self_evaluation; a department's name) put the project in
 * monitoring_dirty, inside the writer's transaction, whoever writes (a service, an import, the CLI);
 * the services that write monitoring data compute the figures again in that same transaction, and
 * a read first computes whatever is left in the queue. So no figure is ever read stale.
 *
 * This migration fills the queue with every project: the first read (or refreshMonitoringFigures)
 * computes the figures of existing data. PostgreSQL gets statement-level triggers with transition
 * tables (a bulk insert queues its projects in one statement); SQLite row-level ones.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { textType } from './columns';
import type { DialectName } from './index';

/** Each table whose rows are inputs of the figures, and how a row names its project. */
const QUEUED: readonly { table: string; project: (row: 'new' | 'old') => string }[] = [
  { table: 'project', project: (r) => `${r}.id` },
  { table: 'indicator', project: (r) => `${r}.project_id` },
  { table: 'spending_checkpoint', project: (r) => `${r}.project_id` },
  { table: 'execution_record', project: (r) => `${r}.project_id` },
  { table: 'self_evaluation', project: (r) => `${r}.project_id` },
];

const OPERATIONS = ['insert', 'update', 'delete'] as const;

export function monitoringFiguresMigration(dialect: DialectName): Migration {
  const text = textType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('monitoring_project_figure')
        .addColumn('project_id', 'integer', (c) => c.primaryKey())
        .addColumn('department_id', 'integer', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('budget', 'bigint')
        /** What the ranking lists, kept here so that it reads this table alone (a rename queues the project). */
        .addColumn('code', text)
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('department_name', text, (c) => c.notNull())
        /** The self-evaluation's stored total in hundredths, its grade and completeness; null without one. */
        .addColumn('evaluation_total', 'bigint')
        .addColumn('evaluation_grade', text)
        .addColumn('evaluation_complete', 'integer')
        .execute();
      await db.schema.createIndex('monitoring_project_figure_department').on('monitoring_project_figure').columns(['department_id', 'year']).execute();
      // The ranking: a year's evaluated projects, best first.
      await db.schema
        .createIndex('monitoring_project_figure_ranking')
        .on('monitoring_project_figure')
        .columns(['year', 'evaluation_total desc', 'project_id'])
        .where(sql.ref('evaluation_total'), 'is not', null)
        .execute();

      await db.schema
        .createTable('monitoring_round_figure')
        .addColumn('project_id', 'integer', (c) => c.notNull())
        .addColumn('as_of', text, (c) => c.notNull())
        .addColumn('department_id', 'integer', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('budget', 'bigint')
        .addColumn('spent', 'bigint', (c) => c.notNull())
        .addColumn('spending_light', text)
        .addColumn('indicator_green', 'integer', (c) => c.notNull())
        .addColumn('indicator_yellow', 'integer', (c) => c.notNull())
        .addColumn('indicator_red', 'integer', (c) => c.notNull())
        .addColumn('indicator_blue', 'integer', (c) => c.notNull())
        .addColumn('indicator_none', 'integer', (c) => c.notNull())
        .addColumn('behind', 'integer', (c) => c.notNull())
        .addColumn('key_monitoring', 'integer', (c) => c.notNull())
        .addColumn('complete', 'integer', (c) => c.notNull())
        /** The urgency order (worst first): worst light's severity (-1 none … 3 red) descending, … */
        .addColumn('severity', 'integer', (c) => c.notNull())
        /** … then the spending ratio in hundredths ascending (none: last), then the gap in fen descending (none: 0). */
        .addColumn('ratio_key', 'bigint', (c) => c.notNull())
        .addColumn('gap_key', 'bigint', (c) => c.notNull())
        /** The yellow and red entries by cause, as JSON: [[cause, count], …]. */
        .addColumn('causes', text, (c) => c.notNull())
        .addColumn('config_id', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('monitoring_round_figure_pk', ['project_id', 'as_of'])
        .execute();
      await db.schema.createIndex('monitoring_round_figure_department').on('monitoring_round_figure').columns(['department_id', 'year']).execute();
      // The region's worst projects behind plan and under key monitoring, in urgency order.
      for (const flag of ['behind', 'key_monitoring']) {
        await db.schema
          .createIndex(`monitoring_round_figure_${flag}`)
          .on('monitoring_round_figure')
          .columns(['year', 'as_of', flag, 'severity desc', 'ratio_key', 'gap_key desc', 'project_id'])
          .execute();
      }

      await db.schema
        .createTable('monitoring_department_year')
        .addColumn('department_id', 'integer', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('project_count', 'integer', (c) => c.notNull())
        .addColumn('budget_total', 'bigint', (c) => c.notNull())
        .addColumn('evaluated_count', 'integer', (c) => c.notNull())
        .addColumn('evaluation_total_sum', 'bigint', (c) => c.notNull())
        .addColumn('grade_counts', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('monitoring_department_year_pk', ['year', 'department_id'])
        .execute();

      await db.schema
        .createTable('monitoring_department_round')
        .addColumn('department_id', 'integer', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('as_of', text, (c) => c.notNull())
        .addColumn('reported_count', 'integer', (c) => c.notNull())
        .addColumn('reported_budget', 'bigint', (c) => c.notNull())
        .addColumn('spent_total', 'bigint', (c) => c.notNull())
        /** The rest of the round's totals as JSON (light counts, behind, key monitoring, incomplete, causes, settings used). */
        .addColumn('totals', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('monitoring_department_round_pk', ['year', 'as_of', 'department_id'])
        .execute();

      await db.schema.createTable('monitoring_dirty').addColumn('project_id', 'integer', (c) => c.primaryKey()).execute();
      await db.schema
        .createTable('monitoring_figures_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('settings', text, (c) => c.notNull())
        /** Raised whenever figures are computed again: the key of the summaries cached in memory. */
        .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
        /** Raised whenever a project figure's ranking fields change: the ranked list kept in memory is read again. */
        .addColumn('ranking_version', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      // No settings yet: the first read computes every figure with the settings of the time.
      await db.insertInto('monitoring_figures_state').values({ id: 1, settings: '' }).execute();
      await sql`insert into monitoring_dirty (project_id) select id from project`.execute(db);

      if (dialect === 'postgres') {
        for (const { table, project } of QUEUED) {
          for (const op of OPERATIONS) {
            const rows = op === 'delete' ? 'old_rows' : 'new_rows';
            const fn = `monitoring_dirty_${table}_${op}`;
            await sql`create function ${sql.id(fn)}() returns trigger language plpgsql as $$
              begin
                insert into monitoring_dirty (project_id)
                  select distinct ${sql.raw(project(rows as 'new'))} from ${sql.raw(rows)} where ${sql.raw(project(rows as 'new'))} is not null
                  on conflict do nothing;
                return null;
              end $$`.execute(db);
            await sql`create trigger ${sql.id(fn)} after ${sql.raw(op)} on ${sql.id(table)}
              referencing ${sql.raw(op === 'delete' ? 'old' : 'new')} table as ${sql.raw(rows)}
              for each statement execute function ${sql.id(fn)}()`.execute(db);
          }
        }
        // The lines of a round: through their record.
        for (const op of OPERATIONS) {
          const rows = op === 'delete' ? 'old_rows' : 'new_rows';
          const fn = `monitoring_dirty_execution_indicator_${op}`;
          await sql`create function ${sql.id(fn)}() returns trigger language plpgsql as $$
            begin
              insert into monitoring_dirty (project_id)
                select distinct r.project_id from execution_record r where r.id in (select record_id from ${sql.raw(rows)})
                on conflict do nothing;
              return null;
            end $$`.execute(db);
          await sql`create trigger ${sql.id(fn)} after ${sql.raw(op)} on execution_indicator
            referencing ${sql.raw(op === 'delete' ? 'old' : 'new')} table as ${sql.raw(rows)}
            for each statement execute function ${sql.id(fn)}()`.execute(db);
        }
        // A document: whether it is current, its department and year decide its projects' scope.
        await sql`create function monitoring_dirty_document() returns trigger language plpgsql as $$
          begin
            insert into monitoring_dirty (project_id) select id from project where document_id = new.id on conflict do nothing;
            return null;
          end $$`.execute(db);
        await sql`create trigger monitoring_dirty_document after update of is_current, department_id, year on document
          for each row execute function monitoring_dirty_document()`.execute(db);
        // A department's name is listed with its projects in the ranking.
        await sql`create function monitoring_dirty_department() returns trigger language plpgsql as $$
          begin
            insert into monitoring_dirty (project_id)
              select p.id from project p join document d on d.id = p.document_id where d.department_id = new.id
              on conflict do nothing;
            return null;
          end $$`.execute(db);
        await sql`create trigger monitoring_dirty_department after update of name on department
          for each row execute function monitoring_dirty_department()`.execute(db);
      } else {
        for (const { table, project } of QUEUED) {
          for (const op of OPERATIONS) {
            const rows: ('new' | 'old')[] = op === 'insert' ? ['new'] : op === 'delete' ? ['old'] : ['old', 'new'];
            const inserts = rows.map((r) => `insert or ignore into monitoring_dirty (project_id) select ${project(r)} where ${project(r)} is not null;`).join(' ');
            await sql`create trigger ${sql.id(`monitoring_dirty_${table}_${op}`)} after ${sql.raw(op)} on ${sql.id(table)}
              begin ${sql.raw(inserts)} end`.execute(db);
          }
        }
        for (const op of OPERATIONS) {
          const rows: ('new' | 'old')[] = op === 'insert' ? ['new'] : op === 'delete' ? ['old'] : ['old', 'new'];
          const inserts = rows
            .map((r) => `insert or ignore into monitoring_dirty (project_id) select project_id from execution_record where id = ${r}.record_id;`)
            .join(' ');
          await sql`create trigger ${sql.id(`monitoring_dirty_execution_indicator_${op}`)} after ${sql.raw(op)} on execution_indicator
            begin ${sql.raw(inserts)} end`.execute(db);
        }
        await sql`create trigger monitoring_dirty_document after update of is_current, department_id, year on document
          begin insert or ignore into monitoring_dirty (project_id) select id from project where document_id = new.id; end`.execute(db);
        await sql`create trigger monitoring_dirty_department after update of name on department
          begin insert or ignore into monitoring_dirty (project_id)
            select p.id from project p join document d on d.id = p.document_id where d.department_id = new.id; end`.execute(db);
      }
    },
    async down(db: Kysely<any>): Promise<void> {
      if (dialect === 'postgres') {
        for (const table of [...QUEUED.map((q) => q.table), 'execution_indicator']) {
          for (const op of OPERATIONS) {
            await sql`drop trigger ${sql.id(`monitoring_dirty_${table}_${op}`)} on ${sql.id(table)}`.execute(db);
            await sql`drop function ${sql.id(`monitoring_dirty_${table}_${op}`)}()`.execute(db);
          }
        }
        await sql`drop trigger monitoring_dirty_document on document`.execute(db);
        await sql`drop function monitoring_dirty_document()`.execute(db);
        await sql`drop trigger monitoring_dirty_department on department`.execute(db);
        await sql`drop function monitoring_dirty_department()`.execute(db);
      } else {
        for (const table of [...QUEUED.map((q) => q.table), 'execution_indicator']) {
          for (const op of OPERATIONS) await sql`drop trigger ${sql.id(`monitoring_dirty_${table}_${op}`)}`.execute(db);
        }
        await sql`drop trigger monitoring_dirty_document`.execute(db);
        await sql`drop trigger monitoring_dirty_department`.execute(db);
      }
      for (const table of [
        'monitoring_figures_state',
        'monitoring_dirty',
        'monitoring_department_round',
        'monitoring_department_year',
        'monitoring_round_figure',
        'monitoring_project_figure',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
