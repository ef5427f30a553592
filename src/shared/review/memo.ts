/**
 * Work the review does once instead of once per call (issue 18): what a rule builds from its settings (a pattern
 * from a unit list, a sorted word list) is built once per settings object, and what it reads from a cell (what a
 * name measures, the template phrase in a text) once per distinct text. A department's documents repeat the same
 * cells over and over (boilerplate rows, the same 满意度 row in every table), so most cells are read once.
 *
 * Both caches are keyed by the settings object (a WeakMap: settings no longer used are dropped with their
 * caches); settings are data and never changed in place once the review has used them. The per-text caches are
 * bounded: a long-running server reviewing many documents starts a cache afresh when it grows past its limit.
 * Pure, as the rest of src/shared: it runs in the browser too.
 */
import type { ReviewConfig } from './config';
import type { ReviewContext } from './types';

/**
 * `build(key)` once per key object (a WeakMap). With `keepLast`, the last key's value is at hand without a lookup
 * (the key is then held until another is asked for: settings, not documents).
 */
function perObject<K extends object, T>(build: (key: K) => T, keepLast: boolean): (key: K) => T {
  const cache = new WeakMap<K, T>();
  let lastKey: K | null = null;
  let lastValue: T | undefined;
  return (key) => {
    if (keepLast && key === lastKey) return lastValue as T;
    let value = cache.get(key);
    if (value === undefined) {
      value = build(key);
      cache.set(key, value);
    }
    if (keepLast) {
      lastKey = key;
      lastValue = value;
    }
    return value;
  };
}

/**
 * `build(config)`, computed once per settings object.
 * @example const unitPattern = perConfig((config) => new RegExp(config.unitFamilies.count.join('|')));
 */
export function perConfig<T>(build: (config: ReviewConfig) => T): (config: ReviewConfig) => T {
  return perObject(build, true);
}

/**
 * `build(ctx)`, computed once per review (the engine makes one context per review of a document): an index of the
 * document that several rules read, such as its rows by what they say. Never kept past the review, so a document
 * edited in place and reviewed again is indexed again.
 */
export function perReview<T>(build: (ctx: ReviewContext) => T): (ctx: ReviewContext) => T {
  return perObject(build, false);
}

/** How many distinct texts a per-text cache keeps before it starts afresh. */
export const TEXT_CACHE_LIMIT = 10_000;

/** What a reading is remembered by: a text, or a number that stands for what the reading depends on. */
type Key = string | number | null;

/** Readings by text, at most TEXT_CACHE_LIMIT of them (counting what caches held here remember: see perPair). */
class TextCache<R, K extends Key = string> {
  private readonly map = new Map<K, R>();
  private count = 0;

  /** The reading of `text`: remembered, else `read(text, a, b, c)` remembered. */
  read<A, B, C>(text: K, a: A, b: B, c: C, read: (text: K, a: A, b: B, c: C) => R): R {
    let value = this.map.get(text);
    if (value === undefined && !this.map.has(text)) {
      value = read(text, a, b, c);
      this.grown();
      this.map.set(text, value);
    }
    return value as R;
  }

  /** One more reading remembered here or in a cache this one holds: past the limit, all are forgotten. */
  grown(): void {
    if (++this.count > TEXT_CACHE_LIMIT) {
      this.map.clear();
      this.count = 1;
    }
  }
}

/** The same, for a reading that needs no settings (a normalised cell). */
export function perString<R>(read: (text: string) => R): (text: string) => R {
  const cache = new TextCache<R>();
  return (text) => cache.read(text, undefined, undefined, undefined, read);
}

/**
 * One string for each distinct text: `shared(text)` is the first string seen with the same content (remembered, and
 * bounded, as every per-text cache here). For the words of findings that many rows repeat: a review's findings live as
 * long as the review, and each one that built its own copy of words other findings also say kept that copy, which the
 * garbage collector then copied and promoted with it (issue 30: bench:review's findings held twice the memory of
 * e5e9bc0's, most of the time the review lost; unit.no-unit's 17,000 findings say 43 things). A rule (or the few
 * rules of a file) keeps its own (one call of sharedText), so that other rules' unique words never push its few out.
 * @example const noUnitWords = sharedText(); … message: noUnitWords(`${what}的指标值“${t.raw}”没有单位…`)
 */
export function sharedText(): (text: string) => string {
  return perString(sameText);
}

const sameText = (text: string) => text;

/**
 * `read(text, config)` for a pure reading of a text, remembered per settings object and text. The result is
 * shared between callers: they must not change it.
 */
export function perText<R>(read: (text: string, config: ReviewConfig) => R): (text: string, config: ReviewConfig) => R {
  const cacheOf = perConfig(() => new TextCache<R>());
  return (text, config) => cacheOf(config).read(text, config, undefined, undefined, read);
}

/**
 * `read(a, b, config)` for a pure reading of two texts (a name and its description, two category cells), remembered
 * per settings object and pair without joining the texts into a new key string each time. Either may be a number
 * instead: words made of parts the caller numbers (missing.required-level2's absent categories, a budget), found by
 * the numbers without building a key text (issue 55).
 */
export function perPair<R, A extends Key = string, B extends Key = string>(
  read: (a: A, b: B, config: ReviewConfig) => R,
): (a: A, b: B, config: ReviewConfig) => R {
  const cacheOf = perConfig(() => new TextCache<Map<B, R>, A>());
  const newMap = () => new Map<B, R>();
  return (a, b, config) => {
    const outer = cacheOf(config);
    const inner = outer.read(a, undefined, undefined, undefined, newMap);
    let value = inner.get(b);
    if (value === undefined && !inner.has(b)) {
      value = read(a, b, config);
      outer.grown(); // the pairs count towards the limit, so one text with many partners cannot grow it forever
      inner.set(b, value);
    }
    return value as R;
  };
}

