import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_CONFIG } from '../../src/shared/review/config';
import { buildExampleDocument } from '../../src/shared/review/examples';
import { deductionsOf, gradeOf, scoreDocument } from '../../src/shared/review/score';
import type { Finding } from '../../src/shared/review/types';

const config = DEFAULT_REVIEW_CONFIG;

function finding(overrides: Partial<Finding>): Finding {
  return {
    rule: 'unit.no-unit',
    category: 'unit',
    severity: 'warning',
    criterion: '相关性',
    projectIndex: 0,
    project: '社区服务项目',
    indicatorIndex: 0,
    indicator: '开展活动场次',
    field: 'target',
    source: { line: 1 },
    message: 'm',
    suggestion: 's',
    ...overrides,
  };
}

describe('quality score', () => {
  it('grades by the bands of lifecycle.md', () => {
    expect([95, 90, 89.99, 80, 79.99, 60, 59.99, 0].map((s) => gradeOf(s, config))).toEqual(['优', '优', '良', '良', '中', '中', '差', '差']);
  });

  it('a clean project scores 100', () => {
    const doc = buildExampleDocument();
    const { projects, department } = scoreDocument(doc, [], config);
    expect(projects).toEqual([{ score: 100, grade: '优', deductions: [], cap: null, withheld: null }]);
    expect(department).toMatchObject({ score: 100, grade: '优', projectMean: 100 });
  });

  it('deducts by severity and caps each rule', () => {
    const findings = [
      finding({ severity: 'error', rule: 'unit.satisfaction-not-percent' }),
      ...Array.from({ length: 10 }, () => finding({})), // 10 warnings of one rule: 30 points, capped at 12
      finding({ severity: 'info', rule: 'taxonomy.synonym', category: 'taxonomy' }),
    ];
    const d = deductionsOf(findings, config);
    expect(d.map((x) => [x.rule, x.points])).toEqual([
      ['unit.no-unit', 12],
      ['unit.satisfaction-not-percent', 8],
      ['taxonomy.synonym', 0.5],
    ]);
    expect(d[0]!.count).toEqual({ error: 0, warning: 10, info: 0 });
    const { projects } = scoreDocument(buildExampleDocument(), findings, config);
    expect(projects[0]).toMatchObject({ score: 79.5, grade: '中' });
  });

  it('weights the department by budget and deducts document-level findings', () => {
    const doc = buildExampleDocument({ copies: 1 });
    doc.projects[1]!.budget.total = doc.projects[0]!.budget.total! * 3; // 10万 and 30万
    const findings = [finding({ projectIndex: 1, severity: 'error' }), finding({ projectIndex: null, project: null, rule: 'duplicate.boilerplate', category: 'duplicate' })];
    const { projects, department } = scoreDocument(doc, findings, config);
    // one error: 92 points, but 优 needs no error, so the grade cap (良) makes it 89
    expect(projects.map((p) => p.score)).toEqual([100, 89]);
    expect(department.projectMean).toBe(91.75); // (100×1 + 89×3) / 4
    expect(department.score).toBe(88.75);
    expect(department.deductions.map((d) => d.rule)).toEqual(['duplicate.boilerplate']);
  });
});
