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

/**
 * Rows that hang below one parent row: each gets the parent's id in `parentColumn`. With `key`,
 * the level's rows have children of their own, which name their parent row by that column's
 * value (held in their own `parentColumn` until it is replaced by the parent row's id): a
 * document's projects by position, and each project's checkpoints and indicators.
 */
export interface ChildLevel {
  table: keyof DatabaseSchema;
  /** Built for this call: the parent columns are filled in place. */
  rows: Record<string, unknown>[];
  parentColumn: string;
  key?: string;
  children?: ChildLevel[];
}

/**
 * Inserts one row and the rows below it (the import's document with everything it holds) and
 * returns the row's id and, for the keyed level, each key's id. Ids are given in the order of the
 * rows, table by table, as insertRows gives them.
 *
 * SQLite: insertRows table after table (statements are cheap there: no round trip). PostgreSQL:
 * ONE statement, however many tables — each table's rows go in as one JSON parameter
 * (json_populate_recordset with the table's own row type, so no column types are spelled out)
 * inserted by a data-modifying WITH query that takes the parent ids from the INSERT above it;
 * `with ordinality … order by` keeps the ids in the order of the rows. A document's ~15 round
 * trips of INSERTs become one.
 */
export async function insertTree(
  db: Db,
  root: { table: keyof DatabaseSchema; row: Record<string, unknown> },
  levels: readonly ChildLevel[],
): Promise<{ id: number; keyed: Map<unknown, number> }> {
  if (dialectOf(db) === 'postgres') return insertTreePostgres(db, root, levels);
  const [inserted] = await insertRows(db, root.table, [root.row as never], ['id']);
  const id = Number(inserted!.id);
  const keyed = new Map<unknown, number>();
  for (const level of levels) {
    for (const row of level.rows) row[level.parentColumn] = id;
    if (level.key === undefined) {
      await insertRows(db, level.table, level.rows as never[]);
      continue;
    }
    const key = level.key;
    for (const r of await insertRows(db, level.table, level.rows as never[], ['id', key] as never[])) keyed.set(r[key as never], Number(r['id' as never]));
    for (const child of level.children ?? []) {
      for (const row of child.rows) row[child.parentColumn] = keyed.get(row[child.parentColumn]);
      await insertRows(db, child.table, child.rows as never[]);
    }
  }
  return { id, keyed };
}

/** A table's rows as the JSON array of objects json_populate_recordset reads (snake_case names): one JSON.stringify over copies, faster than text built value by value. */
function jsonRows(table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const names = columns.map(snakeCase);
  const out = new Array<Record<string, unknown>>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const copy: Record<string, unknown> = {};
    for (let c = 0; c < columns.length; c++) {
      const value = row[columns[c]!];
      if (value === undefined) throw new Error(`insertTree ${table}: row ${r} has no value for ${columns[c]}`);
      copy[names[c]!] = value;
    }
    if (Object.keys(row).length !== columns.length) throw new Error(`insertTree ${table}: row ${r} has other columns than the first`);
    out[r] = copy;
  }
  return JSON.stringify(out);
}

async function insertTreePostgres(
  db: Db,
  root: { table: keyof DatabaseSchema; row: Record<string, unknown> },
  levels: readonly ChildLevel[],
): Promise<{ id: number; keyed: Map<unknown, number> }> {
  const q = (name: string) => `"${snakeCase(name)}"`;
  const parameters: unknown[] = [];
  const rootColumns = Object.keys(root.row);
  for (const c of rootColumns) {
    if (root.row[c] === undefined) throw new Error(`insertTree ${root.table}: no value for ${c}`);
    parameters.push(root.row[c]);
  }
  const ctes = [`"t0" as (insert into ${q(root.table)} (${rootColumns.map(q).join(', ')}) values (${rootColumns.map((_, i) => `$${i + 1}`).join(', ')}) returning "id")`];
  let keyedCte: { name: string; key: string } | null = null;
  // One INSERT … SELECT per table: its rows from the JSON parameter, the parent id from the CTE above.
  const add = (level: ChildLevel, parent: { cte: string; on: string | null }, returning: string | null): string | null => {
    if (level.rows.length === 0) return null;
    const columns = Object.keys(level.rows[0]!);
    const own = columns.filter((c) => c !== level.parentColumn);
    parameters.push(jsonRows(level.table, columns, level.rows));
    const name = `t${ctes.length}`;
    const join = parent.on === null ? `cross join "${parent.cte}" p` : `join "${parent.cte}" p on p.${q(parent.on)} = r.${q(level.parentColumn)}`;
    ctes.push(
      `"${name}" as (insert into ${q(level.table)} (${[level.parentColumn, ...own].map(q).join(', ')}) ` +
        `select p."id", ${own.map((c) => `r.${q(c)}`).join(', ')} from json_populate_recordset(null::${q(level.table)}, $${parameters.length}::json) with ordinality as r ` +
        `${join} order by r."ordinality"${returning === null ? '' : ` returning "id", ${q(returning)}`})`,
    );
    return name;
  };
  for (const level of levels) {
    const name = add(level, { cte: 't0', on: null }, level.key ?? null);
    if (name === null || level.key === undefined) continue;
    keyedCte = { name, key: level.key };
    for (const child of level.children ?? []) add(child, { cte: name, on: level.key }, null);
  }
  const keyed = keyedCte === null ? 'null' : `(select json_agg(json_build_array(k.${q(keyedCte.key)}, k."id")) from "${keyedCte.name}" k)`;
  const text = `with ${ctes.join(',\n')}\nselect (select "id" from "t0") as "id", ${keyed} as "keyed"`;
  const { rows } = await db.executeQuery<{ id: unknown; keyed: [unknown, unknown][] | null }>(CompiledQuery.raw(text, parameters));
  const back = rows[0]!;
  return { id: Number(back.id), keyed: new Map((back.keyed ?? []).map(([k, id]) => [k, Number(id)])) };
}
