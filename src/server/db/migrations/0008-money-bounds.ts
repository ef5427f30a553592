/**
 * Money bounds in the database itself (issue 15): every amount column holds 0 … 1000亿元
 * (10^13 fen, money.ts MAX_FEN), every spending-plan percent 0 … 1000 % (100,000 hundredths), so
 * that no way of writing — a service, a script, a later bug — stores what the API and the
 * import refuse, and every sum stays exact.
 *
 * - PostgreSQL: a CHECK constraint per column, `<table>_<column>_range`.
 * - SQLite cannot add a constraint to an existing table (only by rebuilding it, which needs
 *   foreign keys off, outside a transaction: not in an atomic migration), so each column gets the
 *   same check as a BEFORE INSERT and a BEFORE UPDATE OF trigger that aborts with SQLite's own
 *   words, "CHECK constraint failed: <table>_<column>_range".
 *
 * Values stored before these bounds (imports accepted negative budgets; the API took up to 2^53
 * fen) are repaired first, so that the checks hold for every row and an unrelated update of an
 * old row is never refused: a nullable amount or percent out of bounds becomes NULL (unknown, as
 * a blank cell; the review then reports it missing), a required one (spent to date) is brought to
 * the nearest bound. Each repair is an audit entry with the value it replaced.
 *
 * The bounds are written out here: a migration keeps its meaning when money.ts moves on.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from './index';

const MAX_FEN = 10_000_000_000_000;
const MAX_PERCENT_HUNDREDTHS = 100_000;

interface BoundedColumn {
  table: string;
  column: string;
  max: number;
  /** NULL is allowed (and is what an out-of-bounds value becomes). */
  nullable: boolean;
  /** The audit entry's entity and the column naming its id. */
  entity: 'project' | 'document';
  entityColumn: string;
}

const amount = (table: string, column: string, nullable: boolean, entity: BoundedColumn['entity'], entityColumn: string): BoundedColumn => ({
  table,
  column,
  max: MAX_FEN,
  nullable,
  entity,
  entityColumn,
});

export const BOUNDED_COLUMNS: readonly BoundedColumn[] = [
  amount('project', 'budget_total', true, 'project', 'id'),
  amount('project', 'budget_fiscal', true, 'project', 'id'),
  amount('project', 'budget_other', true, 'project', 'id'),
  amount('spending_checkpoint', 'amount', true, 'project', 'project_id'),
  { table: 'spending_checkpoint', column: 'percent_hundredths', max: MAX_PERCENT_HUNDREDTHS, nullable: true, entity: 'project', entityColumn: 'project_id' },
  amount('department_target', 'budget_total', true, 'document', 'document_id'),
  amount('department_target', 'budget_project', true, 'document', 'document_id'),
  amount('department_target', 'budget_basic', true, 'document', 'document_id'),
  amount('execution_record', 'spent', false, 'project', 'project_id'),
  amount('self_evaluation', 'adjusted_budget', true, 'project', 'project_id'),
  amount('self_evaluation', 'spent', false, 'project', 'project_id'),
];

const constraintName = (c: BoundedColumn) => `${c.table}_${c.column}_range`;

/** Out-of-bounds values become NULL (or the nearest bound), each with an audit entry. */
async function repair(db: Kysely<any>, c: BoundedColumn, at: string): Promise<void> {
  const outside = sql`${sql.ref(c.column)} < 0 or ${sql.ref(c.column)} > ${sql.lit(c.max)}`;
  const { rows } = await sql<{ entity_id: number; value: string | number }>`
    select ${sql.ref(c.entityColumn)} as entity_id, ${sql.ref(c.column)} as value from ${sql.table(c.table)} where ${outside}`.execute(db);
  if (rows.length === 0) return;
  for (const row of rows) {
    const value = Number(row.value);
    const replacement = c.nullable ? null : value < 0 ? 0 : c.max;
    await db
      .insertInto('audit_log')
      .values({
        at,
        actor: 'system',
        action: 'migration.boundsRepair',
        entity: c.entity,
        entity_id: row.entity_id,
        detail: JSON.stringify({ table: c.table, column: c.column, before: String(row.value), after: replacement }),
      })
      .execute();
  }
  const replacement = c.nullable ? sql`null` : sql`case when ${sql.ref(c.column)} < 0 then 0 else ${sql.lit(c.max)} end`;
  await sql`update ${sql.table(c.table)} set ${sql.ref(c.column)} = ${replacement} where ${outside}`.execute(db);
}

export function moneyBoundsMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      const at = new Date().toISOString();
      for (const c of BOUNDED_COLUMNS) {
        await repair(db, c, at);
        const name = constraintName(c);
        const inBounds = (row: 'new' | null) => {
          const ref = row === null ? sql.ref(c.column) : sql.ref(`${row}.${c.column}`);
          return sql`${ref} between 0 and ${sql.lit(c.max)}`;
        };
        if (dialect === 'postgres') {
          await sql`alter table ${sql.table(c.table)} add constraint ${sql.id(name)} check (${inBounds(null)})`.execute(db);
          continue;
        }
        for (const [op, event] of [['insert', sql`insert`], ['update', sql`update of ${sql.ref(c.column)}`]] as const) {
          await sql`create trigger ${sql.id(`${name}_${op}`)} before ${event} on ${sql.table(c.table)}
            when new.${sql.ref(c.column)} is not null and not (${inBounds('new')})
            begin select raise(abort, ${sql.lit(`CHECK constraint failed: ${name}`)}); end`.execute(db);
        }
      }
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const c of BOUNDED_COLUMNS) {
        const name = constraintName(c);
        if (dialect === 'postgres') await sql`alter table ${sql.table(c.table)} drop constraint ${sql.id(name)}`.execute(db);
        else for (const op of ['insert', 'update']) await sql`drop trigger ${sql.id(`${name}_${op}`)}`.execute(db);
      }
    },
  };
}
