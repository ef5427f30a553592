/**
 * Every rule against its own documented examples: the clean example document has no finding at
 * all; each rule fires on its `triggers` example and stays silent on its `passes` example.
 * These are the examples docs/review-rules.md shows.
 */
import { describe, expect, it } from 'vitest';
import { reviewDocument } from '../../src/shared/review/engine';
import { buildExampleDocument, exampleConfig } from '../../src/shared/review/examples';
import { RULES } from '../../src/shared/review/rules/index';
import { FINDING_CATEGORIES } from '../../src/shared/review/types';

describe('the review rules', () => {
  it('find nothing in the clean example document', () => {
    expect(reviewDocument(buildExampleDocument())).toEqual([]);
  });

  it('have unique ids that start with their category, and complete metadata', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(FINDING_CATEGORIES).toContain(rule.category);
      expect(rule.id.startsWith(`${rule.category}.`), rule.id).toBe(true);
      expect(rule.title).not.toBe('');
      expect(rule.description).not.toBe('');
    }
  });

  describe.each(RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    it(`fires on: ${rule.examples.triggers.description}`, () => {
      const findings = reviewDocument(buildExampleDocument(rule.examples.triggers.patch), { config: exampleConfig(rule.examples.triggers) }).filter((f) => f.rule === rule.id);
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect(f.category).toBe(rule.category);
        expect(f.message).not.toBe('');
        expect(f.suggestion).not.toBe('');
      }
    });

    it(`stays silent on: ${rule.examples.passes.description}`, () => {
      const findings = reviewDocument(buildExampleDocument(rule.examples.passes.patch), { config: exampleConfig(rule.examples.passes) }).filter((f) => f.rule === rule.id);
      expect(findings).toEqual([]);
    });
  });
});
