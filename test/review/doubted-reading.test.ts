/**
 * Issue 53: the review gives no grade and no content finding built on a doubted part of a table; it says why instead
 * (表1的指标值列未能可靠读取，未评分). The department's score counts its graded tables only.
 */
import { describe, expect, it } from 'vitest';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { reviewForStorage } from '../../src/server/modules/review-store/review-store.service';
import type { Doubt } from '../../src/shared/domain/reading';
import { buildExampleDocument } from '../../src/shared/review/examples';
import { reviewAndScore, toCheckJson } from '../../src/shared/review/report';
import { textRow } from '../support/text-document';

const doubt = (part: Doubt['part']): Doubt => ({ code: part === 'targets' ? 'targets-unread' : 'name-is-category', part, message: '读取存疑', where: { line: 1 } });

/** The example document of the rules (one clean project) with a copy, the second's budget and a target broken. */
function twoProjects() {
  const doc = buildExampleDocument();
  const clean = doc.projects[0]!;
  const broken = structuredClone(clean);
  broken.sequence = 2;
  broken.name = `${clean.name}（二）`;
  broken.budget = { ...broken.budget, fiscal: (broken.budget.total ?? 0) + 100 };
  broken.indicators[0]!.target = { ...broken.indicators[0]!.target, raw: '有效提升', kind: 'qualitative', operator: null, value: null, valueText: null, unit: null };
  doc.projects.push(broken);
  return doc;
}

describe('a doubted table is neither graded nor found fault with where it was doubted', () => {
  it('targets doubted: no grade, no finding about a target, the budget\'s finding kept', () => {
    const certainDoc = twoProjects();
    const certain = reviewAndScore(certainDoc);
    const rulesOf = (r: typeof certain, p: number) => r.findings.filter((f) => f.projectIndex === p).map((f) => [f.rule, f.field]);
    expect(rulesOf(certain, 1).some(([, field]) => field === 'target')).toBe(true);
    expect(rulesOf(certain, 1).some(([, field]) => String(field).startsWith('budget'))).toBe(true);

    const doc = twoProjects();
    doc.projects[1]!.reading = { certain: false, doubts: [doubt('targets')] };
    const review = reviewAndScore(doc);
    const own = review.findings.filter((f) => f.projectIndex === 1);
    // nothing about the indicators (any cell of them), the budget's finding kept
    expect(own.filter((f) => f.indicatorIndex !== null || ['target', 'indicatorName', 'level1', 'level2', 'description', 'basis'].includes(String(f.field)))).toEqual([]);
    expect(own.some((f) => String(f.field).startsWith('budget'))).toBe(true);
    expect(review.projectScores[1]!.withheld).toBe('表2的指标值列未能可靠读取，未评分');
    // the clean table graded as before; the department's mean is over it alone
    expect(review.projectScores[0]).toEqual(certain.projectScores[0]);
    expect(review.departmentScore.projectMean).toBe(certain.projectScores[0]!.score);
  });

  it('the whole table doubted: no finding of it at all', () => {
    const doc = twoProjects();
    doc.projects[1]!.reading = { certain: false, doubts: [{ ...doubt('indicators'), part: 'table', code: 'no-indicators' }] };
    const review = reviewAndScore(doc);
    expect(review.findings.filter((f) => f.projectIndex === 1)).toEqual([]);
    expect(review.projectScores[1]!.withheld).toBe('表2的表格结构未能可靠读取，未评分');
  });

  it('stored without a score or grade; `jixiao check --json` says why and gives the doubts', () => {
    const doc = twoProjects();
    doc.projects[1]!.reading = { certain: false, doubts: [doubt('names')] };
    const stored = reviewForStorage(doc);
    expect(stored.projects.map((p) => [p.scoreHundredths === null, p.grade])).toEqual([
      [false, stored.review.projectScores[0]!.grade],
      [true, null],
    ]);
    const json = toCheckJson([reviewAndScore(doc)]);
    expect(json.summary.departments[0]!.projects[1]).toMatchObject({ score: null, grade: null, withheld: '表2的三级指标名称未能可靠读取，未评分', reading: { certain: false } });
    expect(json.summary.departments[0]!.projects[0]).toMatchObject({ withheld: null, reading: { certain: true, doubts: [] } });
  });

  it('every table doubted: the department gets no score either', () => {
    const doc = twoProjects();
    for (const p of doc.projects) p.reading = { certain: false, doubts: [doubt('targets')] };
    const review = reviewAndScore(doc);
    expect(review.departmentScore.withheld).toBe('各项目表的读取均存疑，未评分');
    expect(reviewForStorage(doc).document).toMatchObject({ scoreHundredths: null, grade: null });
  });

  it('read from a document: a table whose target column the reader could not name is not graded, nor reported for lacking a 指标值 column', async () => {
    const text = `1.基层干部教育培训项目绩效目标表\n${[
      ['项目名称', '基层干部教育培训'],
      ['年度资金总额（万元）', '42.00'],
      ['年度绩效目标', '全年培训基层干部1200人次。'],
      ['一级指标', '二级指标', '三级指标', '考核目标', '指标值确定依据'],
      ['产出指标', '数量指标', '培训人次', '≥1200人次', '计划标准'],
    ]
      .map(textRow)
      .join('\n\n')}\n\n\n\n`;
    const doc = await parseDocumentBytes(Buffer.from(text), 'doubted.txt');
    const review = reviewAndScore(doc);
    expect(review.projectScores[0]!.withheld).toBe('表1的指标值列未能可靠读取，未评分');
    expect(review.findings.map((f) => f.rule)).not.toContain('missing.form-lacks-fields');
    expect(review.findings.filter((f) => f.field === 'target')).toEqual([]);
  });
});
