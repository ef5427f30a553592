/**
 * Issue 70: the eight real 自评表 of ../shared/fixtures/self-evaluations (Yunnan ×2, Anhui ×2, Hubei, Hebei, Xinjiang,
 * Sichuan) read field by field against their hand-written truth (truth.json; that folder's README), as
 * test/importers/other-provinces.test.ts reads the target tables: at least 98 % of all their fields, and every
 * self-score the README names as contradicting the table's own figures found by the 复核.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { reviewSelfEvaluation } from '../../src/shared/domain/self-evaluation-review';
import { compareWithTruth, REAL_SELF_EVALUATIONS_DIR, type SelfEvaluationTruth, type TruthComparison } from '../support/self-evaluation-truth';

const truth = JSON.parse(readFileSync(join(REAL_SELF_EVALUATIONS_DIR, 'truth.json'), 'utf8')) as Record<string, SelfEvaluationTruth>;

async function read(file: string) {
  const doc = await parseDocumentBytes(readFileSync(join(REAL_SELF_EVALUATIONS_DIR, file)), file);
  expect(doc.projects.map((p) => p.name), 'no target table').toEqual([]);
  expect(doc.selfEvaluations, 'one 自评表').toHaveLength(1);
  return doc.selfEvaluations![0]!;
}

describe('the real 自评表, read against their truth', () => {
  const results = new Map<string, TruthComparison>();
  for (const [file, t] of Object.entries(truth)) {
    it(file, async () => {
      const se = await read(file);
      // read as certain, but the two copies cut right after the indicator header (no indicator under it: said)
      expect(se.reading.doubts.map((d) => d.code)).toEqual(t.indicators.length === 0 ? ['self-eval-no-indicators'] : []);
      const c = compareWithTruth(se, t);
      results.set(file, c);
      console.log(`${file}: ${c.right}/${c.fields}${c.wrong.length > 0 ? `\n  ${c.wrong.join('\n  ')}` : ''}`);
    });
  }
  it('≥ 98 % of all the fields', () => {
    const fields = [...results.values()].reduce((n, c) => n + c.fields, 0);
    const right = [...results.values()].reduce((n, c) => n + c.right, 0);
    console.log(`all: ${right}/${fields} = ${((right / fields) * 100).toFixed(2)} %`);
    expect(results.size).toBe(Object.keys(truth).length);
    expect(right / fields).toBeGreaterThanOrEqual(0.98);
  });
});
