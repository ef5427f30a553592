/**
 * Rows in batches and groups, for the repositories: no SQL here.
 */

/** Rows per multi-row INSERT, or ids per `IN (…)`: well below SQLite's and PostgreSQL's parameter limits. */
export const ROWS_PER_STATEMENT = 500;

/** `rows` in slices of `size`, in order. */
export function chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** `rows` by key, each group in the order of `rows`. */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list === undefined) map.set(k, [row]);
    else list.push(row);
  }
  return map;
}
