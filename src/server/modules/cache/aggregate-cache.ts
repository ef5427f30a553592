/**
 * Cached aggregates: what takes a scan of many projects (the project list's ordered ids and
 * counts, the dashboard, the region's monitoring summary and self-evaluation ranking) kept in
 * memory until the data changes.
 * Each lookup reads the data version (one row, bumped by triggers on every change to the tables
 * the aggregates read, whoever writes: see migration 0006), so a cached value is never older than
 * the last change committed when the request started.
 *
 * Concurrent requests for the same missing value share one computation (50 clients opening the
 * same page at once compute it once). Entries are per database handle; the least recently used
 * go first when there are more than MAX_ENTRIES or they hold more than MAX_BYTES (typed arrays
 * count their bytes, anything else DEFAULT_BYTES). Inside a transaction nothing is cached: the
 * transaction may see its own uncommitted changes.
 */
import { readDataVersion } from '../../db/data-version.repository';
import type { Memo } from '../../db/project.repository';
import type { Db } from '../../db/schema';

const MAX_ENTRIES = 1000;
const MAX_BYTES = 64 * 1024 * 1024;
/** What an entry other than a typed array is taken to hold: about a dashboard's or a department's part. */
const DEFAULT_BYTES = 32 * 1024;

interface Entry {
  version: number;
  value: Promise<unknown>;
  bytes: number;
}

interface Cache {
  entries: Map<string, Entry>;
  bytes: number;
}

const caches = new WeakMap<Db, Cache>();

function cacheOf(db: Db): Cache {
  let cache = caches.get(db);
  if (cache === undefined) caches.set(db, (cache = { entries: new Map(), bytes: 0 }));
  return cache;
}

function remove(cache: Cache, key: string): void {
  const entry = cache.entries.get(key);
  if (entry === undefined) return;
  cache.entries.delete(key);
  cache.bytes -= entry.bytes;
}

/**
 * The value of `compute` for `key` at the current data version: from the cache, or computed
 * (and cached) now. `key` must name everything the value depends on besides the data (the query,
 * the user's scope). Callers must not change the value they get: it is shared.
 */
export async function cachedAggregate<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  if (db.isTransaction) return compute();
  const version = await readDataVersion(db);
  const cache = cacheOf(db);
  const hit = cache.entries.get(key);
  if (hit !== undefined && hit.version === version) {
    // Most recently used last: a Map iterates in insertion order.
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  const entry: Entry = { version, value, bytes: DEFAULT_BYTES };
  remove(cache, key);
  cache.entries.set(key, entry);
  cache.bytes += entry.bytes;
  value.then(
    (v) => {
      if (cache.entries.get(key) !== entry || !ArrayBuffer.isView(v)) return;
      cache.bytes += v.byteLength - entry.bytes;
      entry.bytes = v.byteLength;
      evict(cache);
    },
    // A failed computation is not kept: the next request tries again.
    () => {
      if (cache.entries.get(key) === entry) remove(cache, key);
    },
  );
  evict(cache);
  return value;
}

function evict(cache: Cache): void {
  while (cache.entries.size > 1 && (cache.entries.size > MAX_ENTRIES || cache.bytes > MAX_BYTES)) {
    remove(cache, cache.entries.keys().next().value!);
  }
}

/** The project list's aggregates (project.repository's Memo) in this cache. */
export function listMemo(db: Db): Memo {
  return (key, compute) => cachedAggregate(db, `projects.${key}`, compute);
}
