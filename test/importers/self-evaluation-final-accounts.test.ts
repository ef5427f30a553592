/**
 * Issue 70: a 部门决算 publishes one 项目支出绩效自评表 per major project among its budget tables. A 决算 of our own
 * (test/documents/final-accounts, invented department and figures) made a Word document and printed to PDF by LibreOffice
 * from Word, as a unit publishes it: its three 自评表 (公开14表) read field by field against the judgement written before
 * (expected.json), each 复核 with the findings and figures judged; the budget tables are no target tables and are not
 * read as 自评表; nothing is an error. The Word document itself reads the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { reviewSelfEvaluation } from '../../src/shared/domain/self-evaluation-review';
import { printWordByLibreOffice } from '../support/pdf-print';
import { pageAsDocx } from '../support/self-evaluation-documents';
import { compareWithTruth, type SelfEvaluationTruth } from '../support/self-evaluation-truth';

const DIR = join(__dirname, '..', 'documents', 'final-accounts');
const PAGE = 'qingxi-shuiwu-2025-juesuan.html';
const judged = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  tables: { fields: SelfEvaluationTruth; findings: { rule: string; severity: string; indicator: string | null; expected: number | null; message: string }[]; recomputed: Record<string, unknown> }[];
};

function expectTables(doc: ParsedDocument, pdf: boolean): void {
  expect(doc.projects.map((p) => p.name), 'no target table').toEqual([]);
  expect(doc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  // the budget tables are known as such (收入支出决算总表 …), not read
  expect(doc.diagnostics.filter((d) => d.code === 'other-table').length).toBeGreaterThanOrEqual(5);
  expect(doc.selfEvaluations?.map((s) => s.project)).toEqual(judged.tables.map((t) => t.fields.project));
  doc.selfEvaluations!.forEach((se, k) => {
    const want = judged.tables[k]!;
    expect(se.reading, se.project!).toEqual({ certain: true, doubts: [] });
    expect(compareWithTruth(se, want.fields, { pdf }).wrong, se.project!).toEqual([]);
    const review = reviewSelfEvaluation(se);
    expect(review.findings.map((f) => ({ rule: f.rule, severity: f.severity, indicator: f.indicator, expected: f.expected, message: f.message })), se.project!).toEqual(want.findings);
    const { selfScore, gap, ...recomputed } = want.recomputed;
    expect({ ...review.recomputed }, se.project!).toEqual(recomputed);
    expect({ selfScore: review.selfScore, gap: review.gap }).toEqual({ selfScore, gap });
  });
}

describe('three 自评表 among a 决算\'s budget tables', () => {
  it('the Word document: all three read, each 复核 as judged', async () => {
    const docx = await pageAsDocx(readFileSync(join(DIR, PAGE)), PAGE);
    expectTables(await parseDocumentBytes(docx, 'qingxi-shuiwu-2025-juesuan.docx'), false);
  }, 120_000);

  it('its PDF, printed by LibreOffice from Word: all three read, each 复核 as judged', async () => {
    const docx = await pageAsDocx(readFileSync(join(DIR, PAGE)), PAGE);
    const pdf = printWordByLibreOffice(docx, 'qingxi-shuiwu-2025-juesuan.pdf');
    expectTables(await parseDocumentBytes(pdf, 'qingxi-shuiwu-2025-juesuan.pdf'), true);
  }, 240_000);
});
