/**
 * Issue 70: the 自评表 of test/documents/self-evaluation-forms — tables of our own in the forms real units submit, one
 * contradiction kind each, judged by hand before the rules (expected.json) — read in every format a unit sends (the web
 * page, and Word, Excel and LibreOffice's PDF made of it): every field against the judgement (the layout of the real
 * tables' truth, test/support/self-evaluation-truth.ts), the doubts of the reading, the exact findings of the 复核 and
 * Jixiao's figures — each indicator's and how it was found, the total and grade, none for a table the reader doubts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { reviewSelfEvaluation } from '../../src/shared/domain/self-evaluation-review';
import { selfEvaluationJson } from '../../src/shared/domain/submitted-self-evaluation';
import { SELF_EVALUATION_FORMS_DIR, selfEvaluationDocument, type SelfEvaluationFormat } from '../support/self-evaluation-documents';
import { compareWithTruth, type SelfEvaluationTruth } from '../support/self-evaluation-truth';

interface Judged {
  kind: 'project' | 'department';
  fields: SelfEvaluationTruth;
  reading: string[];
  findings: { rule: string; severity: string; indicator: string | null; expected: number | null; message: string }[];
  recomputed: { funds: number | null; indicators: (number | null)[]; how: (string | null)[]; total: number | null; grade: string | null; selfScore: number | null; gap: number | null };
  extras?: { header: string; text: string }[][];
  parts?: [number, number, string][];
  /** The 其中 rows of the funds block: label, 年初预算数, 全年预算数, 全年执行数 as written. */
  fundsParts?: [string, string | null, string | null, string | null][];
  withheld: string[];
}
const judged = JSON.parse(readFileSync(join(SELF_EVALUATION_FORMS_DIR, 'expected.json'), 'utf8')) as Record<string, Judged>;
const FILES = Object.keys(judged).filter((k) => k.endsWith('.html'));
const FORMATS: readonly SelfEvaluationFormat[] = (process.env.SE_FORMATS?.split(',') as SelfEvaluationFormat[] | undefined) ?? ['html', 'docx', 'xlsx', 'pdf'];

describe.each(FORMATS)('issue 70’s 自评表 as %s', (format) => {
  it.each(FILES)('%s: every field, the reading, the findings and Jixiao’s figures as judged', async (file) => {
    const want = judged[file]!;
    const { bytes, name } = await selfEvaluationDocument(file, format, SELF_EVALUATION_FORMS_DIR);
    const doc = await parseDocumentBytes(bytes, name);
    expect(doc.projects.map((p) => p.name), 'no target table').toEqual([]);
    expect(doc.selfEvaluations).toHaveLength(1);
    const se = doc.selfEvaluations![0]!;
    expect(se.kind ?? 'project').toBe(want.kind);
    const c = compareWithTruth(se, want.fields, { pdf: format === 'pdf' });
    expect(c.wrong).toEqual([]);
    expect(se.reading.doubts.map((d) => d.code)).toEqual(want.reading);
    if (want.extras) want.extras.forEach((e, k) => expect(se.indicators[k]!.extras, se.indicators[k]!.name).toEqual(e));
    expect(se.indicators.flatMap((i, k) => (i.partOf ? [[k, i.partOf.index, i.partOf.kind]] : []))).toEqual(want.parts ?? []);
    if (want.fundsParts) {
      expect(se.funds.parts?.map((p) => [p.label, p.budgetStart?.text ?? null, p.budgetFull?.text ?? null, p.executed?.text ?? null])).toEqual(want.fundsParts);
      // each part's label and amounts keep their cell
      for (const p of se.funds.parts!) for (const k of ['label', 'budgetStart', 'budgetFull', 'executed'] as const) if (k === 'label' || p[k] !== null) expect(p.sources[k], `${p.label} ${k}`).toBeDefined();
    }

    const review = reviewSelfEvaluation(se);
    expect(review.findings.map((f) => ({ rule: f.rule, severity: f.severity, indicator: f.indicator, expected: f.expected, message: f.message }))).toEqual(want.findings);
    for (const f of review.findings) expect(f.source, f.rule).not.toBeNull();
    const { selfScore, gap, ...recomputed } = want.recomputed;
    expect({ ...review.recomputed }).toEqual(recomputed);
    expect({ selfScore: review.selfScore, gap: review.gap }).toEqual({ selfScore, gap });
    expect(review.withheld).toEqual(want.withheld);
  }, 120_000);
});

describe('headers written otherwise read as the plain ones', () => {
  it('年度指标值（A） | 实际完成值（B） | 得分（C）, the funds’ 预算数 | 执行数 | 执行率(B/A) | 得分(D), 未完成原因及说明: the same table', async () => {
    const plain = readFileSync(join(SELF_EVALUATION_FORMS_DIR, 'fm05-funds-twenty.html'), 'utf8');
    // no cell left ending in 分 (the categories' points taken off their cells, 合计 for 总分): the table is still a 自评表
    const written = plain
      .replace('>年度指标值<', '>年度指标值（A）<')
      .replace('>实际完成值<', '>实际完成值（B）<')
      .replace('>得分</td><td colspan="2">偏差原因分析及改进措施<', '>得分（C）</td><td colspan="2">未完成原因及说明<')
      .replace('>全年预算数<', '>预算数<')
      .replace('>全年执行数<', '>执行数<')
      .replace('>执行率<', '>执行率(B/A)<')
      .replace('>得分<', '>得分(D)<')
      .replace(/(产出|效益|满意度)指标\((\d+)分\)/g, '$1指标')
      .replace('>总分<', '>合计<');
    expect(written.match(/（[ABC]）|\([BAD/]+\)|未完成原因及说明|>预算数<|>执行数</g)).toHaveLength(8);
    expect(written).not.toMatch(/分<|分）<|分\)</);
    const [doc, base] = await Promise.all([parseDocumentBytes(Buffer.from(written, 'utf8'), 'fm05-written.html'), parseDocumentBytes(Buffer.from(plain, 'utf8'), 'fm05.html')]);
    const se = doc.selfEvaluations![0]!;
    expect(se.reading).toEqual({ certain: true, doubts: [] });
    // the same but for the categories' points
    const json = (s: typeof se) => {
      const j = selfEvaluationJson(s).selfEvaluation;
      return { ...j, goals: null, categoryPoints: [], indicators: j.indicators.map(({ level1Points: _, ...i }) => i) };
    };
    expect(json(se)).toEqual(json(base.selfEvaluations![0]!));
    expect(reviewSelfEvaluation(se).findings.map((f) => f.rule)).toEqual(['funds.score']);
  });

  it('the header of two rows repeated on a new page, as Word repeats a table\'s header rows: skipped, both rows', async () => {
    const plain = readFileSync(join(SELF_EVALUATION_FORMS_DIR, 'fm01-two-row-header.html'), 'utf8');
    const header = /<tr><td colspan="3">绩效指标<\/td>.*?<\/tr>\n<tr><td>一级指标<\/td>.*?<\/tr>\n/s.exec(plain)![0];
    const repeated = plain.replace('<tr><td rowspan="3">效益指标', `${header}<tr><td rowspan="3">效益指标`);
    expect(repeated.split('年度指标值').length).toBe(3);
    const [doc, base] = await Promise.all([parseDocumentBytes(Buffer.from(repeated, 'utf8'), 'fm01-repeated.html'), parseDocumentBytes(Buffer.from(plain, 'utf8'), 'fm01.html')]);
    const se = doc.selfEvaluations![0]!;
    expect(se.indicators.map((i) => i.name)).toEqual(base.selfEvaluations![0]!.indicators.map((i) => i.name));
    expect(se.reading).toEqual({ certain: true, doubts: [] });
    expect(reviewSelfEvaluation(se).findings.map((f) => f.rule)).toEqual(['score.deducted-when-met']);
  });
});
