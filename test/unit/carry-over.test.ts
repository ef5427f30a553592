import { describe, expect, it } from 'vitest';
import { actualOf, buildCarryOver, carryOverDocument, historicalBasis, matchPreviousIndicators, nextYearText, type CarryOverSource, type IndicatorFacts } from '../../src/shared/domain/carry-over';
import { documentScope } from '../../src/shared/domain/document-scope';
import { parseTargetValue } from '../../src/shared/domain/target-value';
import { buildIndicator, buildProject } from '../factories';

const ind = (name: string, target: string, basis: string | null = '计划标准') => buildIndicator({ name, target: parseTargetValue(target), basis });

function source(facts: (IndicatorFacts | undefined)[] = []): CarryOverSource {
  return {
    project: buildProject({
      title: '2025年城市社区工作者薪酬经费项目绩效目标表',
      goals: ['2025年保障社区工作者薪酬按时足额发放', '落实《社区工作者管理办法（2023—2025年）》'],
      purpose: '用于2025年度发放薪酬。',
      indicators: [
        ind('培训人次', '≥1000人次'),
        ind('项目成本', '≤120万元', null),
        ind('群众满意度', '≥85%'),
        ind('完成时间', '2025年12月底前'),
        ind('社会效益', '显著提高'),
      ],
    }),
    year: 2025,
    frameworkVersion: 'cn-2015',
    department: { code: '763001', name: '社会工作部' },
    facts,
  };
}

describe('nextYearText', () => {
  it('moves the budget year on where it plainly is the budget year', () => {
    expect(nextYearText('2025年完成培训', 2025)).toStrictEqual({ text: '2026年完成培训', changed: 1 });
    expect(nextYearText('2025年度工作计划；2025年12月底前完成；截至2025年底', 2025)).toStrictEqual({
      text: '2026年度工作计划；2026年12月底前完成；截至2026年底',
      changed: 3,
    });
  });

  it('leaves ranges, titles, other years and numbers that are no year as written', () => {
    for (const text of [
      '2023—2025年规划',
      '2023年至2025年',
      '2025年至2027年',
      '2025年-2027年',
      '2025-2027',
      '《唐山市2025年民生实事方案》',
      '较2024年增长',
      '培训2025人次',
      '12025年',
      '2025.12',
    ]) {
      expect(nextYearText(text, 2025), text).toStrictEqual({ text, changed: 0 });
    }
  });

  it('moves a year after a closed title', () => {
    expect(nextYearText('依据《规划》，2025年完成', 2025).text).toBe('依据《规划》，2026年完成');
  });
});

describe('actualOf', () => {
  const target = parseTargetValue('≥1000人次');
  it('prefers the self-evaluation actual and adds the target unit', () => {
    const facts: IndicatorFacts = {
      selfEvaluation: { kind: 'value', text: '1200', date: '2026-01-20' },
      monitoring: { valueToDate: '700', projected: null, asOf: '2025-07-31' },
    };
    expect(actualOf(target, facts)).toStrictEqual({ source: 'self-evaluation', kind: 'value', text: '1200人次', date: '2026-01-20', projected: false });
  });

  it('shows a graded actual with its percent', () => {
    const facts: IndicatorFacts = { selfEvaluation: { kind: 'graded', grade: '部分达成', percent: 70, date: '2026-01-20' }, monitoring: null };
    expect(actualOf(parseTargetValue('显著提高'), facts)?.text).toBe('部分达成（70%）');
  });

  it('falls back to the latest monitoring value, then its projection, then nothing', () => {
    expect(actualOf(target, { selfEvaluation: null, monitoring: { valueToDate: '700', projected: '1100', asOf: '2025-07-31' } })).toStrictEqual({
      source: 'monitoring',
      kind: 'value',
      text: '700人次',
      date: '2025-07-31',
      projected: false,
    });
    expect(actualOf(target, { selfEvaluation: null, monitoring: { valueToDate: null, projected: '1100', asOf: '2025-07-31' } })?.projected).toBe(true);
    expect(actualOf(target, { selfEvaluation: null, monitoring: { valueToDate: null, projected: null, asOf: '2025-07-31' } })).toBeNull();
    expect(actualOf(target, undefined)).toBeNull();
  });
});

describe('buildCarryOver', () => {
  const facts: (IndicatorFacts | undefined)[] = [
    { selfEvaluation: { kind: 'value', text: '1200', date: '2026-01-20' }, monitoring: null },
    { selfEvaluation: null, monitoring: { valueToDate: '48', projected: null, asOf: '2025-07-31' } },
    undefined,
  ];

  it('keeps the indicators with this year’s targets and shows the actual value beside each', () => {
    const draft = buildCarryOver(source(facts));
    expect(draft.year).toBe(2026);
    expect(draft.project.indicators.map((i) => i.name)).toStrictEqual(['培训人次', '项目成本', '群众满意度', '完成时间', '社会效益']);
    expect(draft.project.indicators.map((i) => i.target.raw)).toStrictEqual(['≥1000人次', '≤120万元', '≥85%', '2026年12月底前', '显著提高']);
    expect(draft.previous.map((p) => [p.target, p.actual?.text ?? null, p.actual?.source ?? null])).toStrictEqual([
      ['≥1000人次', '1200人次', 'self-evaluation'],
      ['≤120万元', '48万元', 'monitoring'],
      ['≥85%', null, null],
      ['2025年12月底前', null, null],
      ['显著提高', null, null],
    ]);
  });

  it('notes the 历史标准 basis where an actual value is known and keeps the basis otherwise', () => {
    const draft = buildCarryOver(source(facts));
    expect(draft.project.indicators.map((i) => i.basis)).toStrictEqual([
      '历史标准：2025年实际完成值1200人次',
      '历史标准：2025年截至2025-07-31完成值48万元',
      '计划标准',
      '计划标准',
      '计划标准',
    ]);
    expect(draft.previous[0]!.basis).toBe('计划标准');
    expect(draft.previous[1]!.basis).toBeNull();
  });

  it('moves only the budget year in the goals and title, leaves the budget and code to the editor', () => {
    const draft = buildCarryOver(source());
    const p = draft.project;
    expect(p.goals).toStrictEqual(['2026年保障社区工作者薪酬按时足额发放', '落实《社区工作者管理办法（2023—2025年）》']);
    expect(p.title).toBe('2026年城市社区工作者薪酬经费项目绩效目标表');
    expect(p.purpose).toBe('用于2026年度发放薪酬。');
    expect(p.year).toBe(2026);
    expect(p.code).toBeNull();
    expect(p.budget).toStrictEqual({ total: null, fiscal: null, other: null });
    expect(p.spendingPlan.map((c) => [c.percent, c.amount, c.given])).toStrictEqual([
      [25, null, 'percent'],
      [50, null, 'percent'],
      [75, null, 'percent'],
      [100, null, 'percent'],
    ]);
    expect(p.narrative).toStrictEqual([]);
    expect(p.indicators.every((i) => i.source.line === 0 && Object.keys(i.sources).length === 0)).toBe(true);
    expect(draft.yearsMoved).toBe(4);
  });

  it('carries a project without indicators or goals', () => {
    const s = source();
    s.project = { ...s.project, indicators: [], goals: [] };
    const draft = buildCarryOver(s);
    expect(draft.project.indicators).toStrictEqual([]);
    expect(draft.previous).toStrictEqual([]);
    expect(draft.project.goals).toStrictEqual([]);
  });

  it('is stored as one project’s form of the next year', () => {
    const s = source();
    const doc = carryOverDocument(buildCarryOver(s), s, 'a'.repeat(64));
    expect(doc.year).toBe(2026);
    expect(doc.department).toMatchObject({ code: '763001', name: '社会工作部' });
    expect(documentScope(doc)).toBe('project:城市社区工作者薪酬经费');
  });
});

describe('historicalBasis', () => {
  it('says when the value is a projection', () => {
    expect(historicalBasis(2025, { source: 'monitoring', kind: 'value', text: '1100人次', date: '2025-07-31', projected: true })).toBe('历史标准：2025年预计全年完成值（2025-07-31监控）1100人次');
    expect(historicalBasis(2025, { source: 'self-evaluation', kind: 'graded', text: '达成（90%）', date: '2026-01-20', projected: false })).toBe('历史标准：2025年实际完成情况为达成（90%）');
  });
});

describe('matchPreviousIndicators', () => {
  const previous = buildCarryOver(source()).previous;
  it('finds last year’s indicator by name, each used once, new rows unmatched', () => {
    const rows = [{ name: '群众满意度' }, { name: '培训 人次' }, { name: '新增指标' }, { name: '群众满意度' }, { name: '' }];
    expect(matchPreviousIndicators(rows, previous, 2025).map((p) => p?.position ?? null)).toStrictEqual([2, 0, null, null, null]);
  });

  it('matches a name whose budget year was moved on', () => {
    const prev = [{ ...previous[0]!, name: '2025年培训人次' }];
    expect(matchPreviousIndicators([{ name: '2026年培训人次' }], prev, 2025)[0]?.position).toBe(0);
  });
});
