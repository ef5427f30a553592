/**
 * The review judged against each document's own form (issue 30 §2, §4, §5): a field the form lacks is never
 * "missing" (one info note per document says what the national rules would need, at no cost); one defect is one
 * finding; messages give examples only in the document's own region and year; the readable report speaks Chinese;
 * a blank header field neither caps nor sinks a grade.
 */
import { describe, expect, it } from 'vitest';
import { renderReview } from '../../src/server/cli/render-review';
import type { FormFieldRole } from '../../src/shared/domain/form-profile';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { reviewDocument } from '../../src/shared/review/engine';
import { buildExampleDocument } from '../../src/shared/review/examples';
import { reviewAndScore } from '../../src/shared/review/report';
import { RULES } from '../../src/shared/review/rules/index';
import type { ExamplePatch } from '../../src/shared/review/types';

/** The clean project with its code, purpose, plan and fund sources left blank (and the first row's basis), in a form with or without those fields. */
function blankHeader(lacks: FormFieldRole[] | null, extra: ExamplePatch = {}): ParsedDocument {
  return buildExampleDocument({
    ...extra,
    project: {
      ...(lacks?.includes('total') ? { total: null } : {}),
      code: null,
      purpose: null,
      fiscal: null,
      other: null,
      plan: ['', '', '', ''],
      ...(lacks === null ? {} : { form: { name: '项目支出绩效目标申报表', lacksFields: lacks, lacksColumns: ['basis'] } }),
    },
    indicators: [{ at: 0, basis: '' }, { at: 1, basis: '' }],
  });
}

const HEADER_LACKS: FormFieldRole[] = ['code', 'purpose', 'fiscal', 'other', 'spendingPlan'];
/** A form that lacks a field the national 申报表 (财预〔2015〕88号) itself has: the year's money. */
const NATIONAL_LACKS: FormFieldRole[] = [...HEADER_LACKS, 'total'];

describe('completeness judged against the form', () => {
  it('on Jixiao’s own table every blank field is missing', () => {
    const rules = reviewDocument(blankHeader(null)).map((f) => f.rule);
    expect(rules).toEqual(
      expect.arrayContaining(['missing.project-code', 'missing.purpose', 'missing.fund-source', 'missing.spending-plan', 'missing.basis']),
    );
    expect(rules).not.toContain('missing.form-lacks-fields');
  });

  it('on a form without those fields nothing is missing, and nothing is noted: 项目编码, 资金支出计划 and 指标值确定依据 are one province’s additions', () => {
    expect(reviewDocument(blankHeader(HEADER_LACKS))).toEqual([]);
  });

  it('a form that lacks what the national 申报表 has gets one info note', () => {
    const findings = reviewDocument(blankHeader(NATIONAL_LACKS));
    expect(findings.map((f) => f.rule)).toEqual(['missing.form-lacks-fields']);
    const note = findings[0]!;
    expect(note).toMatchObject({ severity: 'info', projectIndex: null, field: null });
    expect(note.message).toMatch(/^本文档的表样（“项目支出绩效目标申报表”）没有“[^”]+”栏，审核不按缺失报告$/);
    // only the national form's fields are named (config.formNeeds)
    expect(note.message).not.toMatch(/项目编码|资金支出计划|指标值确定依据|资金用途|财政资金/);
  });

  it('says it once per document, however many tables share the form, and counts the tables when not all do', () => {
    const doc = blankHeader(NATIONAL_LACKS, { copies: 3 });
    const notes = reviewDocument(doc).filter((f) => f.rule === 'missing.form-lacks-fields');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).not.toMatch(/张表/);
    doc.projects[3]!.form = null; // one table on Jixiao's own form
    const partly = reviewDocument(doc).filter((f) => f.rule === 'missing.form-lacks-fields');
    expect(partly).toHaveLength(1);
    expect(partly[0]!.message).toMatch(/”（3 张表）/);
  });

  it('the note costs no points and caps nothing; the blank fields a form lacks cost nothing either', () => {
    const r = reviewAndScore(blankHeader(NATIONAL_LACKS));
    expect(r.projectScores[0]).toMatchObject({ score: 100, grade: '优', cap: null, deductions: [] });
    expect(r.departmentScore.score).toBe(100);
    expect(r.departmentScore.deductions).toEqual([{ rule: 'missing.form-lacks-fields', category: 'missing', count: { error: 0, warning: 0, info: 1 }, points: 0 }]);
  });

  it('a table without any indicator lacks its indicator table, not its columns: missing.indicators, and the note names no indicator column', () => {
    const doc = buildExampleDocument({ indicators: Array.from({ length: 6 }, () => ({ at: 0, remove: true })) });
    // what a reader makes of a sheet with a title, the name and the budget, and no indicator table: a form without columns
    doc.projects[0]!.form = { name: '项目支出绩效目标表', fields: { name: '项目名称', total: '预算数（万元）' }, columns: {}, extraColumns: [] };
    const findings = reviewDocument(doc);
    expect(findings.filter((f) => f.rule === 'missing.indicators')).toHaveLength(1);
    const notes = findings.filter((f) => f.rule === 'missing.form-lacks-fields');
    expect(notes.map((f) => f.message)).toEqual(['本文档的表样（“项目支出绩效目标表”）没有“绩效目标”栏，审核不按缺失报告']);
    // the same form with an indicator table read by other words: its columns are then what it lacks
    const withRows = buildExampleDocument({});
    withRows.projects[0]!.form = doc.projects[0]!.form;
    expect(reviewDocument(withRows).filter((f) => f.rule === 'missing.form-lacks-fields')[0]!.message).toMatch(/“三级指标”、“指标值”/);
  });

  it('a table without a project name is named by its number in every finding, never as 项目“”', () => {
    const doc = buildExampleDocument({ project: { name: '', code: null, goals: [] }, indicators: [{ at: 3, remove: true }, { at: 4, remove: true }] });
    const messages = reviewDocument(doc).map((f) => f.message);
    expect(messages).toContain('表1缺少项目名称');
    expect(messages.filter((m) => m.startsWith('表1（未填写项目名称）')).length).toBeGreaterThan(1);
    expect(messages.join('\n')).not.toContain('项目“”');
  });

  it('goals: a form with long-term and annual goals needs the annual one; a form with only a long-term cell needs that', () => {
    const both = buildExampleDocument({ project: { goals: [] } });
    both.projects[0]!.form = { name: '项目支出绩效目标表', fields: { name: '项目名称', goals: '年度目标', longTermGoals: '中长期目标' }, columns: {}, extraColumns: [] };
    both.projects[0]!.longTermGoals = ['三年内建成社区服务体系'];
    expect(reviewDocument(both).filter((f) => f.rule === 'missing.goals').map((f) => f.message)).toEqual(['项目“社区服务项目”只填写了中长期目标，未填写“年度目标”']);
    const longOnly = buildExampleDocument({ project: { goals: [] } });
    longOnly.projects[0]!.form = { name: '转移支付区域绩效目标表', fields: { name: '项目名称', longTermGoals: '总体目标' }, columns: {}, extraColumns: [] };
    longOnly.projects[0]!.longTermGoals = ['完成社区服务'];
    expect(reviewDocument(longOnly).filter((f) => f.rule === 'missing.goals')).toEqual([]);
    longOnly.projects[0]!.longTermGoals = [];
    expect(reviewDocument(longOnly).filter((f) => f.rule === 'missing.goals')).toHaveLength(1);
  });

  it('budget.sources-sum adds up only where the form has both sources', () => {
    const onlyFiscal = buildExampleDocument({ project: { fiscal: '8.00', form: { lacksFields: ['other'] } } });
    expect(reviewDocument(onlyFiscal).filter((f) => f.rule === 'budget.sources-sum')).toEqual([]);
    const both = buildExampleDocument({ project: { fiscal: '8.00' } });
    expect(reviewDocument(both).filter((f) => f.rule === 'budget.sources-sum')).toHaveLength(1);
  });
});

describe('one defect, one finding', () => {
  const rulesWithout = (rows: number[]) =>
    reviewDocument(buildExampleDocument({ indicators: [...rows].reverse().map((at) => ({ at, remove: true })) })).map((f) => f.rule);

  it('a table without 产出指标 has one finding, not one per missing category', () => {
    expect(rulesWithout([0, 1, 2, 3])).toEqual(['missing.measurable-output']);
  });

  it('a table without 效益指标 or 满意度指标 has one finding', () => {
    expect(rulesWithout([4])).toEqual(['missing.required-level1']);
    expect(rulesWithout([5])).toEqual(['missing.required-level1']);
  });

  it('a blank level-1 cell over several rows is reported once, and not also as an unknown category', () => {
    const rules = rulesWithout([0]);
    expect(rules.filter((r) => r === 'taxonomy.level1-lost')).toHaveLength(1);
    expect(rules).not.toContain('taxonomy.unknown-level1');
  });
});

describe('messages a reviewer would write', () => {
  it('the project-code example follows the document’s own region and year, or there is none', () => {
    const doc = buildExampleDocument({ project: { code: null }, copies: 2, year: 2026 });
    doc.projects[1]!.code = '44030626P000000000101';
    doc.projects[2]!.code = '44030626P000000000102';
    const hit = reviewDocument(doc).find((f) => f.rule === 'missing.project-code')!;
    expect(hit.suggestion).toContain('440306');
    expect(hit.suggestion).toContain('“44030626P…”');
    expect(hit.suggestion).not.toMatch(/1302|13020225/);
    const alone = reviewDocument(buildExampleDocument({ project: { code: null } })).find((f) => f.rule === 'missing.project-code')!;
    expect(alone.suggestion).toBe('按预算系统中的项目编码补填（区划码+年度+P+序号）。');
  });

  it('years in suggestions are the document’s own', () => {
    const doc = buildExampleDocument({ year: 2027, indicators: [0, 1, 2, 3].map((at) => ({ at, target: '按要求完成' })) });
    const findings = reviewDocument(doc);
    const output = findings.find((f) => f.rule === 'missing.measurable-output')!;
    expect(output.suggestion).toContain('2027年12月底前');
    // (the example's codes are of 2025: mismatch.code-year rightly quotes that year)
    for (const f of findings.filter((x) => x.rule !== 'mismatch.code-year')) expect(`${f.message} ${f.suggestion}`, f.rule).not.toMatch(/2025年/);
  });

  it('the readable report names rules in Chinese, tables as the document numbers them, and no rule id', () => {
    const doc = buildExampleDocument({ project: { code: null }, copies: 5, indicators: [{ at: 0, target: '≥12' }] });
    doc.projects[5]!.part = 'public';
    doc.projects[5]!.sequence = 1;
    const text = renderReview(reviewAndScore(doc));
    for (const rule of RULES) expect(text, rule.id).not.toContain(rule.id);
    expect(text).toContain('缺少项目编码');
    expect(text).toMatch(/表1—5；第三部分表1/);
    expect(text).toMatch(/\n第三部分表1 /);
    expect(text.replaceAll('example.txt', '')).not.toMatch(/[a-z]+\.[a-z-]+/);
  });

  it('names the department its tables name when the document header does not', () => {
    const doc = buildExampleDocument();
    doc.department = null;
    expect(renderReview(reviewAndScore(doc))).toMatch(/^== example\.txt：100001 测试单位，/);
    const noGoal = buildExampleDocument({ departmentGoals: { overall: '' }, copies: 1 });
    noGoal.department = null;
    expect(reviewDocument(noGoal).find((f) => f.rule === 'missing.department-goal')!.message).toBe('测试单位的文档缺少“总体绩效目标”');
  });
});
