/** 事前绩效评估: the criteria set, scoring, the conclusion rule, the checks, need detection, pre-fill, workflow. */
import { describe, expect, it } from 'vitest';
import {
  allCriteria,
  checkExAnteInput,
  checkExAnteTransition,
  DEFAULT_EX_ANTE_CONFIG,
  exAnteAllowedActions,
  exAnteNeed,
  formatTenths,
  prefillFromFindings,
  projectCodeKey,
  scoreExAnte,
  selectExAnteConfig,
  validateExAnteConfig,
  type ExAnteConfig,
  type ExAnteInput,
} from '../../src/shared/domain/ex-ante';
import type { Finding } from '../../src/shared/review/types';
import { auditActionLabel as auditActionName } from '../../src/shared/audit/actions';

const config = DEFAULT_EX_ANTE_CONFIG;
const ids = allCriteria(config).map((k) => k.id);

/** Full marks except the given scores (points), every deduction explained. */
function input(overrides: Record<string, number> = {}, more: Partial<ExAnteInput> = {}): ExAnteInput {
  return {
    scores: allCriteria(config).map((k) => {
      const points = overrides[k.id];
      return { criterionId: k.id, scoreTenths: points === undefined ? k.maxTenths : Math.round(points * 10), reason: points === undefined ? null : '理由' };
    }),
    conclusion: null,
    conclusionReason: '符合政策，测算合理',
    ...more,
  };
}

describe('the default criteria set', () => {
  it('has five dimensions of 25/20/20/20/15 points, 100 in all, and is valid', () => {
    expect(config.dimensions.map((d) => [d.name, d.criteria.reduce((s, k) => s + k.maxTenths, 0) / 10])).toStrictEqual([
      ['立项必要性', 25],
      ['投入经济性', 20],
      ['绩效目标合理性', 20],
      ['实施方案可行性', 20],
      ['筹资合规性', 15],
    ]);
    expect(validateExAnteConfig(config)).toStrictEqual([]);
    expect(allCriteria(config).filter((k) => k.veto).map((k) => k.name)).toStrictEqual(['政策相关性', '非重复性', '资金来源合规性']);
  });

  it('reports a set that does not add up to 100, a duplicate id and thresholds out of order', () => {
    const broken: ExAnteConfig = {
      ...config,
      dimensions: [{ ...config.dimensions[0]!, criteria: [...config.dimensions[0]!.criteria, { ...config.dimensions[0]!.criteria[0]!, maxTenths: 33 }] }],
      supportFromTenths: 500,
      partialFromTenths: 600,
    };
    expect(validateExAnteConfig(broken).map((i) => i.code).sort()).toStrictEqual(['criterion.duplicate', 'criterion.points', 'prefill.criterion', 'prefill.criterion', 'prefill.criterion', 'prefill.criterion', 'prefill.criterion', 'thresholds', 'total'].sort());
  });

  it('is chosen per region and year; the most specific assignment wins', () => {
    const assignments = [
      { region: '13', from: 2025, to: null, config: { supportFromTenths: 850 } },
      { region: '130202', from: 2026, to: null, config: { supportFromTenths: 900, budgetChangePercent: 30 } },
    ];
    expect(selectExAnteConfig(2024, '130202', assignments).supportFromTenths).toBe(800);
    expect(selectExAnteConfig(2025, '130202', assignments).supportFromTenths).toBe(850);
    expect(selectExAnteConfig(2026, '130202', assignments)).toMatchObject({ supportFromTenths: 900, budgetChangePercent: 30 });
    expect(selectExAnteConfig(2026, '130203', assignments)).toMatchObject({ supportFromTenths: 850, budgetChangePercent: 20 });
  });
});

describe('scoring', () => {
  it('sums exactly in tenths: half points do not drift', () => {
    const r = scoreExAnte(input({ 'necessity.policy': 7.5, 'economy.cost': 6.5, 'targets.values': 3.5, 'funding.other': 0.5 }), config);
    expect(r.totalTenths).toBe(1000 - 5 - 15 - 5 - 35);
    expect(formatTenths(r.totalTenths)).toBe('94');
    expect(r.dimensions.map((d) => formatTenths(d.scoreTenths))).toStrictEqual(['24.5', '18.5', '19.5', '20', '11.5']);
    expect(r.complete).toBe(true);
    expect(r.conclusion).toBe('support');
  });

  it('concludes by the thresholds: 80 supports, 79.5 partly, 60 partly, 59.5 rejects', () => {
    // Take points from criteria without veto until the total is reached.
    const at = (total: number) => {
      let left = 1000 - Math.round(total * 10);
      const o: Record<string, number> = {};
      for (const k of allCriteria(config).filter((x) => !x.veto)) {
        const take = Math.min(left, k.maxTenths - 5); // keep every dimension above 0
        if (take > 0) o[k.id] = (k.maxTenths - take) / 10;
        left -= take;
      }
      expect(left).toBe(0);
      return scoreExAnte(input(o), config);
    };
    expect([80, 79.5, 60, 59.5].map((t) => [formatTenths(at(t).totalTenths), at(t).ruleConclusion])).toStrictEqual([
      ['80', 'support'],
      ['79.5', 'partial'],
      ['60', 'partial'],
      ['59.5', 'reject'],
    ]);
  });

  it('a 否决项 at 0 or a dimension at 0 rejects whatever the total', () => {
    const veto = scoreExAnte(input({ 'necessity.overlap': 0 }), config);
    expect(veto.totalTenths).toBe(960);
    expect(veto.ruleConclusion).toBe('reject');
    expect(veto.rejectedBy).toStrictEqual(['否决项“非重复性”得0分']);
    const dimension = scoreExAnte(input({ 'funding.mode': 0, 'funding.other': 0, 'funding.source': 0 }), config);
    expect(dimension.rejectedBy).toContain('“筹资合规性”得0分');
    // A criterion without veto at 0 does not reject.
    expect(scoreExAnte(input({ 'economy.resources': 0 }), config).ruleConclusion).toBe('support');
    // Without the dimension rule, only the veto criteria reject.
    const lenient = { ...config, zeroDimensionRejects: false };
    expect(scoreExAnte(input({ 'economy.cost': 0, 'economy.budget': 0, 'economy.resources': 0 }), lenient).ruleConclusion).toBe('support');
  });

  it('requires reasons for deductions and for the conclusion, and every score before it is complete', () => {
    const r = scoreExAnte(
      { scores: [{ criterionId: 'necessity.policy', scoreTenths: 60, reason: '  ' }], conclusion: null, conclusionReason: null },
      config,
    );
    expect(r.complete).toBe(false);
    expect(r.scored).toBe(false);
    expect(r.issues.filter((i) => i.code === 'score.missing')).toHaveLength(ids.length - 1);
    expect(r.issues.find((i) => i.code === 'reason.missing')).toMatchObject({ criterionId: 'necessity.policy', message: '“立项必要性 — 政策相关性”扣分2分，须说明扣分理由' });
    expect(r.issues.some((i) => i.code === 'conclusion-reason.missing')).toBe(true);
  });

  it('lets the assessor conclude more strictly than the rule, never more favourably', () => {
    expect(scoreExAnte(input({}, { conclusion: 'partial' }), config)).toMatchObject({ conclusion: 'partial', complete: true });
    const r = scoreExAnte(input({ 'necessity.policy': 0 }, { conclusion: 'support' }), config);
    expect(r.conclusion).toBe('reject');
    expect(r.issues.map((i) => i.code)).toStrictEqual(['conclusion.too-favourable']);
    expect(r.issues[0]!.message).toContain('不能选择“予以支持”');
  });
});

describe('checking the input', () => {
  it('keeps points as tenths and orders them as the criteria set', () => {
    const r = checkExAnteInput({ scores: [{ criterionId: 'funding.other', points: 3.5, reason: ' 自筹未落实 ' }, { criterionId: 'necessity.policy', points: 8 }], conclusionReason: '' }, config);
    expect(r).toStrictEqual({
      ok: true,
      input: {
        scores: [
          { criterionId: 'necessity.policy', scoreTenths: 80, reason: null },
          { criterionId: 'funding.other', scoreTenths: 35, reason: '自筹未落实' },
        ],
        conclusion: null,
        conclusionReason: null,
      },
    });
  });

  it('names every problem with its path, in Chinese', () => {
    const r = checkExAnteInput(
      {
        scores: [
          { criterionId: 'nope', points: 1 },
          { criterionId: 'necessity.policy', points: 8.3 },
          { criterionId: 'necessity.mandate', points: 7.5 },
          { criterionId: 'necessity.demand', points: -1 },
          { criterionId: 'necessity.demand', points: 1 },
          { criterionId: 'economy.cost', points: '8' },
        ],
        conclusion: 'maybe',
      },
      config,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toStrictEqual([
      { path: 'scores.0.criterionId', message: '评估要点“nope”不在评估指标体系（default-2025）中' },
      { path: 'scores.1.points', message: '“政策相关性”的得分8.3须为0.5分的整数倍' },
      { path: 'scores.2.points', message: '“职能相关性”的得分7.5应在 0–7 分之间' },
      { path: 'scores.3.points', message: '“需求迫切性”的得分-1应在 0–6 分之间' },
      { path: 'scores.4.criterionId', message: '评估要点“需求迫切性”重复填写' },
      { path: 'scores.5.points', message: '“成本测算合理性”的得分应为数值' },
      { path: 'conclusion', message: '评估结论应为 support（予以支持）、partial（部分支持）、reject（不予支持） 之一' },
    ]);
  });
});

describe('which projects need an assessment', () => {
  it('a project without last year\'s counterpart is new', () => {
    expect(exAnteNeed({ budgetFen: 100 }, undefined, config)).toMatchObject({ needed: true, reason: 'new' });
  });

  it('a budget change of more than the share needs one; exactly the share does not', () => {
    const last = { budgetFen: 1_000_000_00 };
    expect(exAnteNeed({ budgetFen: 1_200_000_00 }, last, config)).toMatchObject({ needed: false, changeHundredths: 2000, label: null });
    expect(exAnteNeed({ budgetFen: 1_200_000_01 }, last, config)).toMatchObject({ needed: true, reason: 'budget-change', changeHundredths: 2000, label: '预算较上年增加 20.00%' });
    expect(exAnteNeed({ budgetFen: 700_000_00 }, last, config)).toMatchObject({ needed: true, changeHundredths: -3000, label: '预算较上年减少 30.00%' });
    expect(exAnteNeed({ budgetFen: 1_255_000_00 }, last, { ...config, budgetChangePercent: 30 })).toMatchObject({ needed: false, changeHundredths: 2550 });
    // Unknown budgets: nothing to compare, not flagged.
    expect(exAnteNeed({ budgetFen: null }, last, config).needed).toBe(false);
  });

  it('matches a project code across years without its year digits', () => {
    expect(projectCodeKey('13020225P008911100023')).toBe(projectCodeKey('13020224P008911100023'));
    expect(projectCodeKey('13020225P008911100023')).not.toBe(projectCodeKey('13020325P008911100023'));
    expect(projectCodeKey('X1')).toBeNull();
  });
});

describe('pre-fill from the review findings', () => {
  const finding = (category: Finding['category'], severity: Finding['severity'], message: string, field: Finding['field'] = 'target'): Finding => ({
    rule: `${category}.x`,
    category,
    severity,
    criterion: '完整性',
    projectIndex: 0,
    project: 'p',
    indicatorIndex: null,
    indicator: null,
    field,
    source: null,
    message,
    suggestion: '',
  });

  it('deducts per finding by severity from the criterion its category maps to, quoting the findings', () => {
    const r = prefillFromFindings(
      [
        finding('vague', 'error', '指标值“显著提高”无法衡量。'),
        finding('unit', 'warning', '满意度不是百分比'),
        finding('missing', 'error', '缺少绩效目标', 'goals'),
        finding('taxonomy', 'info', '二级指标名称不规范'),
        finding('vague', 'warning', 'a'),
        finding('vague', 'warning', 'b'),
      ],
      config,
    );
    expect(r.map((x) => [x.criterionId, formatTenths(x.scoreTenths)])).toStrictEqual([
      ['targets.clarity', '4'],
      ['targets.completeness', '5'],
      ['targets.measurable', '0'],
      ['targets.values', '4'],
    ]);
    expect(r[0]!.reason).toBe('审核发现：缺少绩效目标。');
    expect(r[1]!.reason).toBeNull();
    expect(r[2]!.reason).toBe('审核发现：指标值“显著提高”无法衡量；满意度不是百分比；a等4处问题。');
    expect(r[2]!.rules).toStrictEqual(['vague.x', 'unit.x']);
  });

  it('gives full points without findings', () => {
    expect(prefillFromFindings([], config).every((x) => x.reason === null && x.scoreTenths === allCriteria(config).find((k) => k.id === x.criterionId)!.maxTenths)).toBe(true);
  });
});

describe('workflow', () => {
  const editor = { role: 'editor' as const, departmentId: 1 };
  const reviewer = { role: 'reviewer' as const, departmentId: null };
  it('follows the target table: editors submit their own, reviewers return or approve', () => {
    expect(exAnteAllowedActions('draft', editor, 1)).toStrictEqual(['submit']);
    expect(exAnteAllowedActions('draft', editor, 2)).toStrictEqual([]);
    expect(exAnteAllowedActions('submitted', reviewer, 2)).toStrictEqual(['return', 'approve']);
    expect(exAnteAllowedActions('approved', reviewer, 2)).toStrictEqual([]);
    expect(checkExAnteTransition('approve', 'draft', reviewer, 1)).toMatchObject({ status: 409, message: '事前绩效评估当前状态为“草稿”，不能执行“审核通过”' });
    expect(checkExAnteTransition('approve', 'submitted', editor, 1)).toMatchObject({ status: 403 });
  });

  it('names every audit action of the assessment in Chinese', () => {
    expect(['create', 'save', 'submit', 'return', 'approve'].map((a) => auditActionName(`ex-ante.${a}`))).toStrictEqual([
      '新建事前绩效评估',
      '修改事前绩效评估',
      '提交事前绩效评估',
      '退回事前绩效评估',
      '事前绩效评估审核通过',
    ]);
  });
});
