/**
 * A statement built by Kysely once per dialect and then run with new parameters: for the few
 * statements run for thousands of departments or documents in turn (the department page, the
 * import's lookups), where building
 * the query anew on each request — Kysely's builders, its frozen nodes, the camel-case plugin's
 * pass over every name, the compiler — cost as much as SQLite running it (node --cpu-prof,
 * 2026-11-24: ~10 % of the server's time for that page).
 *
 * The statement is built with markers in place of its parameters (compiled as ordinary bound
 * parameters: the SQL stays parameterised), and each run puts the values in the markers' places.
 * Only values can be parameters: a query whose SHAPE depends on the arguments (an IN list of any
 * length, a condition present or not) cannot be compiled once and is built as usual.
 */
import { CompiledQuery, type Compilable, type QueryResult, type RawBuilder } from 'kysely';
import { dialectOf, type DialectName } from './database';
import type { Db } from './schema';

/** A parameter of a statement compiled once: its place among the run's arguments. */
class Parameter {
  constructor(readonly index: number) {}
}

/**
 * `build(db, p0, p1, …)` compiled the first time it runs on a database of a dialect, then run —
 * on any handle of that dialect: a transaction's too, which is a new handle each time (the
 * import's per-document lookups) — with the arguments in the parameters' places. `build` must use
 * its parameters only as values (where Kysely would bind them), never to decide what the query
 * looks like. Every handle has the same plugins (openDatabase's), so the text depends only on
 * the dialect.
 */
export function compiledStatement<A extends unknown[], R>(arity: A['length'], build: (db: Db, ...params: A) => Compilable<R> | RawBuilder<R>): (db: Db, ...args: A) => Promise<QueryResult<R>> {
  const compiled = new Map<DialectName, CompiledQuery<R>>();
  const markers = Array.from({ length: arity }, (_, i) => new Parameter(i)) as unknown as A;
  return (db, ...args) => {
    const dialect = dialectOf(db);
    let query = compiled.get(dialect);
    if (query === undefined) {
      const built = build(db, ...markers);
      query = 'isRawBuilder' in built ? built.compile(db) : built.compile();
      if (new Set(query.parameters.flatMap((p) => (p instanceof Parameter ? [p.index] : []))).size !== arity) throw new Error(`compiledStatement: ${arity} parameters expected in ${query.sql}`);
      compiled.set(dialect, query);
    }
    const parameters = query.parameters.map((p) => (p instanceof Parameter ? args[p.index] : p));
    return db.executeQuery<R>(CompiledQuery.raw(query.sql, parameters) as CompiledQuery<R>);
  };
}
