/**
 * Cached aggregates: what takes a scan of many projects (the project list's ordered ids and
 * counts, the dashboard, the region's monitoring summary and self-evaluation ranking) kept in
 * memory until the data changes; and, in a store of their own, whole answers of the GET routes
 * read most (keptAnswer).
 * Each lookup reads the data version (one row, bumped by triggers on every change to the tables
 * the aggregates read, whoever writes: see migration 0006), or is given the one its request read
 * with its session, so a cached value is never older than the last change committed when the
 * request started.
 *
 * Concurrent requests for the same missing value share one computation (50 clients opening the
 * same page at once compute it once). Entries are per database handle; the least recently used
 * go first when a store has more entries or bytes than its Bounds (typed arrays count their
 * bytes, anything else DEFAULT_BYTES). Inside a transaction nothing is cached: the
 * transaction may see its own uncommitted changes.
 */
import { readDataVersion } from '../../db/data-version.repository';
import type { Memo } from '../../db/project.repository';
import type { Db } from '../../db/schema';

/** A store's bounds: the least recently used entries go first beyond either. */
interface Bounds {
  maxEntries: number;
  maxBytes: number;
}

/** Aggregates: the list's ordered ids (typed arrays, counted by their bytes), dashboards, summaries. */
const AGGREGATES: Bounds = { maxEntries: 1000, maxBytes: 64 * 1024 * 1024 };
/** Kept answers (keptAnswer): JSON bytes, a department page about 25 kB, a list page a few kB. */
const ANSWERS: Bounds = { maxEntries: 2000, maxBytes: 32 * 1024 * 1024 };
/** What an entry other than a typed array is taken to hold: about a dashboard's or a department's part. */
const DEFAULT_BYTES = 32 * 1024;

interface Entry {
  version: number;
  value: Promise<unknown>;
  bytes: number;
}

interface Cache {
  bounds: Bounds;
  entries: Map<string, Entry>;
  bytes: number;
}

const caches = new WeakMap<Db, { aggregates: Cache; answers: Cache }>();

function cacheOf(db: Db, store: 'aggregates' | 'answers'): Cache {
  let both = caches.get(db);
  if (both === undefined) {
    both = { aggregates: { bounds: AGGREGATES, entries: new Map(), bytes: 0 }, answers: { bounds: ANSWERS, entries: new Map(), bytes: 0 } };
    caches.set(db, both);
  }
  return both[store];
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
export function cachedAggregate<T>(db: Db, key: string, compute: () => Promise<T>, version?: number): Promise<T> {
  return cached(db, cacheOf(db, 'aggregates'), key, compute, version);
}

/**
 * A whole answer, as the bytes sent (a GET route's JSON, app/kept-answers.ts), kept like an
 * aggregate until the data changes, in a store of its own so that answers never push the
 * aggregates they are built from out. `key` must name everything the answer depends on besides
 * the data: the route, the query, the scope the account sees.
 */
export function keptAnswer(db: Db, key: string, compute: () => Promise<Buffer>, version?: number): Promise<Buffer> {
  return cached(db, cacheOf(db, 'answers'), key, compute, version);
}

/**
 * `version`: the data version as the request read it at its start (with its session, app/auth.ts),
 * so that a request asks the database once however many kept values it uses; read here when not
 * given. An entry computed at that version or a later one is current enough for the request.
 */
async function cached<T>(db: Db, cache: Cache, key: string, compute: () => Promise<T>, given?: number): Promise<T> {
  if (db.isTransaction) return compute();
  const version = given ?? (await readDataVersion(db));
  const hit = cache.entries.get(key);
  if (hit !== undefined && hit.version >= version) {
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
      // a typed array (a kept answer's Buffer too) counts its bytes
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
  while (cache.entries.size > 1 && (cache.entries.size > cache.bounds.maxEntries || cache.bytes > cache.bounds.maxBytes)) {
    remove(cache, cache.entries.keys().next().value!);
  }
}

/** The project list's aggregates (project.repository's Memo) in this cache. */
export function listMemo(db: Db): Memo {
  return (key, compute) => cachedAggregate(db, `projects.${key}`, compute);
}
