/**
 * Multi-row INSERTs written straight as SQL text, for the import's bulk writes (a document's
 * projects, indicators, checkpoints, findings, diagnostics, …).
 *
 * Building such a statement through Kysely's query builder (an operation tree of every row and
 * value, then the CamelCasePlugin's pass over it, then compiling) cost more than SQLite took to run
 * it (bench:import's profile). Here the text depends only on the table, its columns and the number
 * of rows, and is built once per shape; the values go as parameters, as always. On SQLite the rows
 * go in statements of power-of-two sizes (32, 16, 8, … rows), so that a table sees a handful of
 * distinct texts that the connection keeps prepared (database.ts), and no statement passes 999
 * parameters (SQLite's historic limit). On PostgreSQL, where every statement is a round trip, a
 * table's rows go in as few statements as its 65,535-parameter limit allows.
 */
import { CompiledQuery, type Insertable } from 'kysely';
import { dialectOf, type DialectName } from './database';
import type { DatabaseSchema, Db } from './schema';

/** Most parameters in one statement: SQLite's historic default limit (the later default is 32,766), PostgreSQL's protocol limit. */
export const MAX_PARAMETERS: Record<DialectName, number> = { sqlite: 999, postgres: 65_535 };

/** The largest power of two of rows SQLite gets in one statement, at most. */
const SQLITE_MAX_ROWS = 32;

/** `budgetTotal` → `budget_total`: the CamelCasePlugin's mapping for the schema's names. */
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const texts = new Map<string, string>();

/** `insert into "t" ("a", "b") values (?, ?), (?, ?)` for `rows` rows, with the dialect's placeholders. */
function insertText(dialect: DialectName, table: string, columns: readonly string[], rows: number, returning: readonly string[]): string {
  const key = `${dialect}|${table}|${columns.join(',')}|${rows}|${returning.join(',')}`;
  let text = texts.get(key);
  if (text === undefined) {
    const tuples: string[] = [];
    let n = 0;
    for (let r = 0; r < rows; r++) {
      const marks = columns.map(() => (dialect === 'postgres' ? `$${++n}` : '?'));
      tuples.push(`(${marks.join(', ')})`);
    }
    const names = columns.map((c) => `"${snakeCase(c)}"`).join(', ');
    const back = returning.length === 0 ? '' : ` returning ${returning.map((c) => `"${snakeCase(c)}"`).join(', ')}`;
    text = `insert into "${snakeCase(table)}" (${names}) values ${tuples.join(', ')}${back}`;
    if (texts.size >= 1000) texts.clear();
    texts.set(key, text);
  }
  return text;
}

/** How many rows go in each statement: SQLite's power-of-two sizes, PostgreSQL's largest. */
export function statementSizes(dialect: DialectName, columns: number, rows: number): number[] {
  const fit = Math.max(1, Math.floor(MAX_PARAMETERS[dialect] / columns));
  const sizes: number[] = [];
  if (dialect === 'postgres') {
    for (let left = rows; left > 0; left -= fit) sizes.push(Math.min(fit, left));
    return sizes;
  }
  let size = 1;
  while (size * 2 <= Math.min(SQLITE_MAX_ROWS, fit)) size *= 2;
  for (let left = rows; left > 0; ) {
    while (size > left) size /= 2;
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/**
 * Inserts rows, in order, into a table. Every row must have the same columns (the first row's),
 * none undefined: a value left out would otherwise silently take the column's default. Returns the
 * `returning` columns of every inserted row (in no guaranteed order: match them by a column).
 */
export async function insertRows<T extends keyof DatabaseSchema, R extends string = never>(
  db: Db,
  table: T,
  rows: readonly Insertable<DatabaseSchema[T]>[],
  returning: readonly R[] = [],
): Promise<Record<R, unknown>[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const dialect = dialectOf(db);
  const out: Record<R, unknown>[] = [];
  let at = 0;
  for (const size of statementSizes(dialect, columns.length, rows.length)) {
    const parameters: unknown[] = [];
    for (let r = at; r < at + size; r++) {
      const row = rows[r] as Record<string, unknown>;
      for (const column of columns) {
        const value = row[column];
        if (value === undefined) throw new Error(`insertRows ${table}: row ${r} has no value for ${column}`);
        parameters.push(value);
      }
      if (Object.keys(row).length !== columns.length) throw new Error(`insertRows ${table}: row ${r} has other columns than the first`);
    }
    const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(insertText(dialect, table, columns, size, returning), parameters));
    // The CamelCasePlugin maps the returned names back (camelCase); a handle without it does not.
    for (const back of result.rows) out.push(Object.fromEntries(returning.map((c) => [c, c in back ? back[c] : back[snakeCase(c)]])) as Record<R, unknown>);
    at += size;
  }
  return out;
}
