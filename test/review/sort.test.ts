/**
 * sortSmall (src/shared/review/sort.ts) must give exactly the order of Array.prototype.sort, which is stable: the
 * review's findings and deductions are sorted with it, and their order is part of the review's output.
 */
import { describe, expect, it } from 'vitest';
import { sortSmall } from '../../src/shared/review/sort';

/** A small deterministic generator (no Math.random: a failure must be reproducible). */
function numbers(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('sortSmall', () => {
  it('orders as Array.prototype.sort does, ties in their first order, short and long lists', () => {
    const next = numbers(18);
    for (let n = 0; n < 60; n++) {
      for (let round = 0; round < 20; round++) {
        // few distinct keys, so that most lists have ties; `at` tells equal keys apart
        const list = Array.from({ length: n }, (_, at) => ({ key: Math.floor(next() * 5), line: Math.floor(next() * 3), at }));
        const compare = (a: (typeof list)[number], b: (typeof list)[number]) => a.key - b.key || a.line - b.line;
        const expected = [...list].sort(compare).map((x) => x.at);
        const copy = [...list];
        expect(sortSmall(copy, compare)).toBe(copy);
        expect(copy.map((x) => x.at)).toEqual(expected);
      }
    }
  });

  it('sorts descending comparators the same way', () => {
    const list = [1, 3, 2, 3, 1].map((points, at) => ({ points, at }));
    expect(sortSmall([...list], (a, b) => b.points - a.points).map((x) => x.at)).toEqual([1, 3, 2, 0, 4]);
  });
});
