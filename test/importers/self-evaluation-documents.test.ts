/**
 * Issue 59: the 自评表 of our own (test/documents/self-evaluation, invented units and figures), read field by field in
 * every format a unit sends — the web page as written, and Word, Excel and PDF made of it — against the fields judged
 * by hand in expected.json before the reader was written. Every table is read as certain, and as a self-evaluation,
 * not as a target table; its 复核 raises exactly the findings judged by hand (expected.json), with the same
 * recomputed total and grade.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { reviewSelfEvaluation } from '../../src/shared/domain/self-evaluation-review';
import { selfEvaluationJson } from '../../src/shared/domain/submitted-self-evaluation';
import { SELF_EVALUATION_DIR, selfEvaluationDocument, type SelfEvaluationFormat } from '../support/self-evaluation-documents';

interface ExpectedFinding {
  rule: string;
  indicator: string | null;
  expectedScore: number | null;
  message: string;
}
const expected = JSON.parse(readFileSync(join(SELF_EVALUATION_DIR, 'expected.json'), 'utf8')) as Record<
  string,
  { selfEvaluation: Record<string, unknown>; findings: ExpectedFinding[]; recomputed: { total: number; grade: string } }
>;
const FILES = Object.keys(expected).filter((k) => k.endsWith('.html'));
const FORMATS: readonly SelfEvaluationFormat[] = (process.env.SE_FORMATS?.split(',') as SelfEvaluationFormat[] | undefined) ?? ['html', 'docx', 'xlsx', 'pdf'];

describe.each(FORMATS)('自评表 as %s', (format) => {
  it.each(FILES)('%s: every field as written, its cell kept, read as certain', async (file) => {
    const { bytes, name } = await selfEvaluationDocument(file, format);
    const doc = await parseDocumentBytes(bytes, name);
    expect(doc.projects).toEqual([]);
    expect(doc.diagnostics).toEqual([]);
    expect(doc.selfEvaluations).toHaveLength(1);
    const se = doc.selfEvaluations![0]!;
    expect(se.reading).toEqual({ certain: true, doubts: [] });
    const json = selfEvaluationJson(se);
    expect(json.selfEvaluation).toEqual(expected[file]!.selfEvaluation);
    // every indicator's score and actual keep their cell
    se.indicators.forEach((i) => {
      expect(i.sources.name, i.name).toBeDefined();
      expect(i.sources.score, i.name).toBeDefined();
    });
    for (const field of ['project', 'unit', 'funds.budgetFull', 'funds.executed', 'funds.score', 'total', 'grade']) expect(se.sources[field], field).toBeDefined();

    // the 复核: exactly the findings judged by hand, each with Jixiao's score, and the recomputed total and grade
    const review = reviewSelfEvaluation(se);
    expect(review.findings.map((f) => ({ rule: f.rule, indicator: f.indicator, expectedScore: f.expected, message: f.message }))).toEqual(expected[file]!.findings);
    expect({ total: review.recomputed.total, grade: review.recomputed.grade }).toEqual(expected[file]!.recomputed);
    for (const f of review.findings) expect(f.source, f.rule).not.toBeNull();
  }, 120_000);
});
