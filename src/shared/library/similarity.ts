/**
 * Which projects are alike, by their words: character bigrams of the name and purpose (资金用途)
 * — Chinese has no spaces, and two characters are the unit most words share ("社区" "满意"
 * "培训") — weighted by rarity (idf) and compared as cosines. An inverted index answers a query
 * by reading the postings of the query's rarest bigrams only, so a question over 100,000 projects
 * reads a bounded number of postings.
 */

/** The bigrams of a text: pairs of neighbouring CJK characters, and ASCII words (lower case) of 2+ characters. */
export function bigramsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.match(/[\u3400-\u9fff\uf900-\ufaff]+/g) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  for (const word of text.toLowerCase().match(/[a-z0-9]{2,}/g) ?? []) out.add(word);
  return out;
}

export interface SimilarityIndex {
  /** bigram → its id. */
  readonly ids: Map<string, number>;
  /** Per bigram id: the documents (dense indexes) that have it. */
  readonly postings: number[][];
  /** Per document: its number of distinct bigrams. */
  readonly lengths: number[];
  /** Per document: the caller's id (a project id). */
  readonly keys: number[];
  /** Documents removed (their postings stay; a query skips them). */
  readonly removed: Set<number>;
}

export function newSimilarityIndex(): SimilarityIndex {
  return { ids: new Map(), postings: [], lengths: [], keys: [], removed: new Set() };
}

/** Adds a document (its text) under the caller's key; its number in the index. */
export function addToIndex(index: SimilarityIndex, key: number, text: string): number {
  const doc = index.keys.length;
  index.keys.push(key);
  const grams = bigramsOf(text);
  index.lengths.push(grams.size);
  for (const g of grams) {
    let id = index.ids.get(g);
    if (id === undefined) {
      id = index.postings.length;
      index.ids.set(g, id);
      index.postings.push([]);
    }
    index.postings[id]!.push(doc);
  }
  return doc;
}

/** Removes a document (by its number): queries no longer find it. */
export function removeFromIndex(index: SimilarityIndex, doc: number): void {
  index.removed.add(doc);
}

/** At most this many postings are read per query: the rarest bigrams first. */
const MAX_POSTINGS_READ = 100_000;

export interface Similar {
  key: number;
  /** Cosine of the idf-weighted bigram sets, 0–1. */
  score: number;
}

/**
 * The documents most like `text`, best first, without `exclude` (the project itself).
 * @example similarTo(index, "社区工作者薪酬 保障社区工作者工资发放", 20)
 */
export function similarTo(index: SimilarityIndex, text: string, limit: number, exclude?: number): Similar[] {
  const n = index.keys.length - index.removed.size;
  if (n <= 0) return [];
  const grams = [...bigramsOf(text)]
    .map((g) => index.ids.get(g))
    .filter((id): id is number => id !== undefined)
    .sort((a, b) => index.postings[a]!.length - index.postings[b]!.length);
  // scores in an array indexed by document (no hashing), the documents touched listed once
  const scores = new Float64Array(index.keys.length);
  const touched: number[] = [];
  let read = 0;
  let queryNorm = 0;
  for (const id of grams) {
    const posting = index.postings[id]!;
    const idf = Math.log(1 + n / Math.max(1, posting.length));
    queryNorm += idf * idf;
    if (read > 0 && read + posting.length > MAX_POSTINGS_READ) continue;
    read += posting.length;
    const w = idf * idf;
    for (const doc of posting) {
      if (scores[doc] === 0) touched.push(doc);
      scores[doc] = scores[doc]! + w;
    }
  }
  if (queryNorm === 0) return [];
  const out: Similar[] = [];
  for (const doc of touched) {
    if (index.removed.has(doc)) continue;
    const key = index.keys[doc]!;
    if (key === exclude) continue;
    // The document's norm is approximated by its bigram count at the query's mean weight.
    const docNorm = Math.sqrt(index.lengths[doc]! * (queryNorm / grams.length));
    out.push({ key, score: Math.min(1, scores[doc]! / (Math.sqrt(queryNorm) * docNorm)) });
  }
  return out.sort((a, b) => b.score - a.score || a.key - b.key).slice(0, limit);
}
