/**
 * The review's caches (src/shared/review/memo.ts, issue 18) answer as the reading itself would: per settings object,
 * per review, and still right after a cache has filled up and started afresh.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_CONFIG, type ReviewConfig } from '../../src/shared/review/config';
import { perConfig, perPair, perReview, perString, perText, sharedText } from '../../src/shared/review/memo';
import type { ReviewContext } from '../../src/shared/review/types';

const other: ReviewConfig = { ...DEFAULT_REVIEW_CONFIG, id: 'other', grades: ['甲'] };

describe('review caches', () => {
  it('read a text once per settings object, and answer per settings', () => {
    let reads = 0;
    const isGrade = perText((text, config) => (reads++, config.grades.includes(text)));
    expect(isGrade('优', DEFAULT_REVIEW_CONFIG)).toBe(true);
    expect(isGrade('优', DEFAULT_REVIEW_CONFIG)).toBe(true);
    expect(reads).toBe(1);
    expect(isGrade('优', other)).toBe(false);
    expect(isGrade('甲', other)).toBe(true);
    expect(isGrade('优', DEFAULT_REVIEW_CONFIG)).toBe(true);
    expect(reads).toBe(3);
  });

  it('remember a null reading as well as any other', () => {
    let reads = 0;
    const none = perString(() => (reads++, null));
    none('a');
    none('a');
    expect(reads).toBe(1);
  });

  it('stay right past their limit (they start afresh)', () => {
    const length = perString((t) => t.length);
    const pair = perPair((a, b) => `${a}|${b}`);
    const shared = sharedText();
    for (let i = 0; i < 25_000; i++) {
      expect(length('x'.repeat(i % 50) + String(i))).toBe((i % 50) + String(i).length);
      expect(pair(String(i % 7), String(i), DEFAULT_REVIEW_CONFIG)).toBe(`${i % 7}|${i}`);
      // a finding's words: the text itself, whatever was shared before (the same few words and many others)
      expect(shared(`指标“${i % 3}”没有单位`)).toBe(`指标“${i % 3}”没有单位`);
      expect(shared(`第${i}条`)).toBe(`第${i}条`);
    }
  });

  it('build per settings once, and per review for every review', () => {
    let builds = 0;
    const sorted = perConfig((config) => (builds++, [...config.grades].sort()));
    expect(sorted(DEFAULT_REVIEW_CONFIG)).toBe(sorted(DEFAULT_REVIEW_CONFIG));
    expect(builds).toBe(1);
    let indexed = 0;
    const index = perReview((ctx) => (indexed++, ctx.doc.projects.length));
    const ctx = (n: number) => ({ doc: { projects: new Array(n) }, config: DEFAULT_REVIEW_CONFIG }) as unknown as ReviewContext;
    const first = ctx(2);
    expect(index(first)).toBe(2);
    expect(index(first)).toBe(2);
    expect(index(ctx(3))).toBe(3);
    expect(indexed).toBe(2);
  });
});
