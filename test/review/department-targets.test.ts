/**
 * The department's whole-budget targets (部门整体支出绩效目标表) are reviewed where the rules apply:
 * the indicator rules read their indicators as they read a project's, with the department's total
 * as the budget; the findings are about the document as a whole and name the indicator.
 */
import { describe, expect, it } from 'vitest';
import { parseTargetValue } from '../../src/shared/domain/target-value';
import { reviewAndScore } from '../../src/shared/review/report';
import { buildIndicator, buildWideDocument } from '../factories';

describe('department targets in the review', () => {
  it('a satisfaction in 人 is found on the department table, as a document-level finding naming the indicator', () => {
    const doc = buildWideDocument();
    doc.departmentTargets!.indicators = [
      buildIndicator({ level1: '满意度指标', level2: '服务对象满意度指标', level1Raw: '满意度指标', level2Raw: '服务对象满意度指标', name: '困难群众满意度', target: parseTargetValue('≥95人') }),
    ];
    const { findings } = reviewAndScore(doc);
    const found = findings.filter((f) => f.field === 'departmentTargets');
    expect(found.map((f) => [f.rule, f.projectIndex, f.indicatorIndex])).toEqual([['unit.satisfaction-not-percent', null, null]]);
    expect(found[0]!.message).toMatch(/^部门整体支出绩效目标：.*困难群众满意度/);
  });

  it('gives no finding for a clean department indicator, and none at all without department targets', () => {
    const doc = buildWideDocument();
    doc.departmentTargets!.indicators = [
      buildIndicator({ level1: '满意度指标', level2: '服务对象满意度指标', level1Raw: '满意度指标', level2Raw: '服务对象满意度指标', name: '困难群众满意度', target: parseTargetValue('≥95%') }),
    ];
    expect(reviewAndScore(doc).findings.filter((f) => f.field === 'departmentTargets')).toEqual([]);
    expect(reviewAndScore({ ...doc, departmentTargets: null }).findings.filter((f) => f.field === 'departmentTargets')).toEqual([]);
  });

  it('a blank basis on the department table is not missing: its national form has no basis column (issue 30)', () => {
    const doc = buildWideDocument();
    const row = (name: string, basis: string | null) =>
      buildIndicator({ level1: '产出指标', level2: '数量指标', level1Raw: '产出指标', level2Raw: '数量指标', name, target: parseTargetValue('≥12场'), basis });
    doc.departmentTargets!.indicators = [row('开展活动场次', null), row('培训场次', null)];
    expect(reviewAndScore(doc).findings.filter((f) => f.field === 'departmentTargets')).toEqual([]);
    // a table that gives a basis in some row has the column: a blank one there is missing
    doc.departmentTargets!.indicators = [row('开展活动场次', '计划标准'), row('培训场次', null)];
    expect(reviewAndScore(doc).findings.filter((f) => f.field === 'departmentTargets').map((f) => f.rule)).toEqual(['missing.basis']);
  });
});
