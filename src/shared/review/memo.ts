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
 * `build(config)`, computed once per settings object.
 * @example const unitPattern = perConfig((config) => new RegExp(config.unitFamilies.count.join('|')));
 */
export function perConfig<T>(build: (config: ReviewConfig) => T): (config: ReviewConfig) => T {
  const cache = new WeakMap<ReviewConfig, T>();
  return (config) => {
    let value = cache.get(config);
    if (value === undefined) {
      value = build(config);
      cache.set(config, value);
    }
    return value;
  };
}

/** How many distinct texts a per-text cache keeps for one settings object before it starts afresh. */
const TEXT_CACHE_LIMIT = 10_000;

/**
 * `read(text, config)` for a pure reading of a text, remembered per settings object and text. The result is
 * shared between callers: they must not change it.
 */
export function perText<R>(read: (text: string, config: ReviewConfig) => R): (text: string, config: ReviewConfig) => R {
  const caches = new WeakMap<ReviewConfig, Map<string, R>>();
  // a review asks with the same settings every time: the last settings' cache is at hand
  let lastConfig: ReviewConfig | null = null;
  let cache = new Map<string, R>();
  return (text, config) => {
    if (config !== lastConfig) {
      let found = caches.get(config);
      if (found === undefined) caches.set(config, (found = new Map()));
      lastConfig = config;
      cache = found;
    }
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      value = read(text, config);
      if (cache.size >= TEXT_CACHE_LIMIT) cache.clear();
      cache.set(text, value);
    }
    return value as R;
  };
}

/**
 * `read(a, b, config)` for a pure reading of two texts (a name and its description, two category cells), remembered
 * per settings object and pair without joining the texts into a new key string each time.
 */
export function perPair<R>(read: (a: string, b: string, config: ReviewConfig) => R): (a: string, b: string, config: ReviewConfig) => R {
  const caches = new WeakMap<ReviewConfig, Map<string, Map<string, R>>>();
  let lastConfig: ReviewConfig | null = null;
  let cache = new Map<string, Map<string, R>>();
  let size = 0;
  return (a, b, config) => {
    if (config !== lastConfig) {
      let found = caches.get(config);
      if (found === undefined) caches.set(config, (found = new Map()));
      lastConfig = config;
      cache = found;
    }
    let inner = cache.get(a);
    if (inner === undefined) cache.set(a, (inner = new Map()));
    let value = inner.get(b);
    if (value === undefined && !inner.has(b)) {
      value = read(a, b, config);
      if (++size > TEXT_CACHE_LIMIT) {
        cache.clear();
        size = 1;
        cache.set(a, (inner = new Map()));
      }
      inner.set(b, value);
    }
    return value as R;
  };
}

/** The same, for a reading that needs no settings (a normalised cell). */
export function perString<R>(read: (text: string) => R): (text: string) => R {
  let cache = new Map<string, R>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      value = read(text);
      if (cache.size >= TEXT_CACHE_LIMIT) cache = new Map();
      cache.set(text, value);
    }
    return value as R;
  };
}

/**
 * `build(ctx)`, computed once per review (the engine makes one context per review of a document): an index of the
 * document that several rules read, such as its rows by what they say. Never kept past the review, so a document
 * edited in place and reviewed again is indexed again.
 */
export function perReview<T>(build: (ctx: ReviewContext) => T): (ctx: ReviewContext) => T {
  const cache = new WeakMap<ReviewContext, T>();
  return (ctx) => {
    let value = cache.get(ctx);
    if (value === undefined) {
      value = build(ctx);
      cache.set(ctx, value);
    }
    return value;
  };
}
