/**
 * budget — amounts do not reconcile: the funding sources against the total, a cost target or a
 * spending-plan amount above the budget. Money is compared in integer fen, never as floats.
 */
import { formatWan, parseAmount } from '../../domain/money';
import type { Fen, Indicator } from '../../domain/model';
import type { ReviewConfig } from '../config';
import type { IndicatorRule, ProjectRule, Rule } from '../types';

const wan = (fen: Fen) => `${formatWan(fen)} 万元`;

const sourcesSum: ProjectRule = {
  id: 'budget.sources-sum',
  category: 'budget',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '财政资金与其他资金之和不等于预算数',
  description:
    '预算数应等于“其中：财政资金”与“其他资金”之和（空的其他资金按 0 计）。不相等说明金额填错或资金来源不全，预算与目标无法对应。某项资金本身已大于预算数时只报 budget.part-exceeds-total。',
  examples: {
    triggers: { description: '预算数 10.00 万元，财政资金 8.00 万元，其他资金 1.00 万元', patch: { project: { fiscal: '8.00', other: '1.00' } } },
    passes: { description: '预算数 10.00 万元，财政资金 8.00 万元，其他资金 2.00 万元', patch: { project: { fiscal: '8.00', other: '2.00' } } },
  },
  check(project, { config }) {
    const { total, fiscal, other } = project.budget;
    if (total === null || (fiscal === null && other === null)) return []; // missing.*
    if ((fiscal ?? 0) > total + config.budgetToleranceFen || (other ?? 0) > total + config.budgetToleranceFen) return []; // part-exceeds-total
    const sum = (fiscal ?? 0) + (other ?? 0);
    if (Math.abs(sum - total) <= config.budgetToleranceFen) return [];
    const part = (label: string, v: Fen | null) => (v === null ? `${label}（空）` : `${label} ${wan(v)}`);
    const parts = `${part('财政资金', fiscal)} + ${part('其他资金', other)} = ${wan(sum)}`;
    return [
      {
        field: 'budget.total',
        source: project.sources.total ?? project.source,
        message: `${parts}，与预算数 ${wan(total)}不一致（${sum < total ? '少' : '多'} ${wan(Math.abs(total - sum))}）`,
        suggestion:
          sum > total
            ? `核对金额：预算数应为 ${wan(sum)}，或更正财政资金/其他资金，使二者之和等于预算数 ${wan(total)}。`
            : fiscal === null || other === null
              ? `核对资金来源：补填${fiscal === null ? '财政资金' : '其他资金'} ${wan(total - sum)}，或更正预算数，使财政资金与其他资金之和等于预算数。`
              : `核对资金来源：财政资金与其他资金合计少 ${wan(total - sum)}，更正其中一项或预算数，使二者之和等于预算数。`,
      },
    ];
  },
};

const partExceedsTotal: ProjectRule = {
  id: 'budget.part-exceeds-total',
  category: 'budget',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '财政资金或其他资金大于预算数',
  description: '“其中：财政资金”和“其他资金”都是预算数的组成部分，任何一项都不能大于预算数。',
  examples: {
    triggers: { description: '预算数 10.00 万元，财政资金 12.00 万元', patch: { project: { fiscal: '12.00' } } },
    passes: { description: '预算数 10.00 万元，财政资金 10.00 万元', patch: {} },
  },
  check(project, { config }) {
    const { total, fiscal, other } = project.budget;
    if (total === null) return [];
    const parts = [
      { label: '财政资金', value: fiscal, field: 'budget.fiscal' as const, source: project.sources.fiscal },
      { label: '其他资金', value: other, field: 'budget.other' as const, source: project.sources.other },
    ];
    return parts
      .filter((p) => p.value !== null && p.value > total + config.budgetToleranceFen)
      .map((p) => ({
        field: p.field,
        source: p.source ?? project.source,
        message: `${p.label} ${wan(p.value!)}大于预算数 ${wan(total)}`,
        suggestion: `核对金额：${p.label}不应超过预算数，检查是否把单位（元/万元）或小数点填错，或预算数漏填了部分资金。`,
      }));
  },
};

/** Whether an indicator measures the project's cost (by its standard category names). */
function isCost(indicator: Indicator, config: ReviewConfig): boolean {
  return (
    (indicator.level2 !== null && config.costCategories.includes(indicator.level2)) ||
    (indicator.level1 !== null && config.costCategories.includes(indicator.level1))
  );
}

/** A quantitative target as an exact total amount in fen; null for per-unit costs (万元/个), other units and non-money targets. */
export function targetAmount(indicator: Indicator): Fen | null {
  const t = indicator.target;
  if (t.kind !== 'quantitative' || t.valueText === null || t.unit === null) return null;
  if (!['万元', '元', '万'].includes(t.unit)) return null;
  const r = parseAmount(`${t.valueText}${t.unit}`, '万元');
  return r.ok ? r.fen : null;
}

const costExceedsBudget: IndicatorRule = {
  id: 'budget.cost-exceeds-budget',
  category: 'budget',
  severity: 'error',
  criterion: '适当性',
  scope: 'indicator',
  title: '成本指标高于项目预算',
  description:
    '成本指标的金额是项目的总成本，不能高于项目预算数，否则目标所需资金与预算不匹配。单位成本（如“万元/个”“元/人/月”）是标准而非总额，不与预算数比较。',
  examples: {
    triggers: { description: '预算数 10.00 万元，成本指标“活动经费支出”指标值“≤12万元”', patch: { indicators: [{ at: 3, target: '≤12万元' }] } },
    passes: { description: '成本指标“活动经费支出”指标值“≤10万元”，等于预算数', patch: {} },
  },
  check(indicator, project, { config }) {
    const total = project.budget.total;
    if (total === null || !isCost(indicator, config)) return [];
    const amount = targetAmount(indicator);
    if (amount === null || amount <= total + config.budgetToleranceFen) return [];
    return [
      {
        field: 'target',
        source: indicator.sources.target ?? indicator.source,
        message: `成本指标“${indicator.name}”的指标值“${indicator.target.raw}”（${wan(amount)}）高于项目预算数 ${wan(total)}`,
        suggestion: `按预算测算调整成本指标，总成本不超过预算数（如“≤${formatWan(total)}万元”）；若指的是单位成本，写明计量单位（如“万元/个”）。`,
      },
    ];
  },
};

const planExceedsTotal: ProjectRule = {
  id: 'budget.plan-exceeds-total',
  category: 'budget',
  severity: 'error',
  criterion: '完整性',
  scope: 'project',
  title: '支出计划金额大于预算数',
  description:
    '以金额填写的资金支出计划是累计数，任何节点都不能超过预算数。（以百分比填写的计划超过 100% 属于 schedule 规则。）',
  examples: {
    triggers: {
      description: '预算数 10.00 万元，支出计划 3.00 6.00 9.00 12.00（万元）',
      patch: { project: { plan: ['3.00', '6.00', '9.00', '12.00'] } },
    },
    passes: { description: '预算数 10.00 万元，支出计划 2.50 5.00 7.50 10.00（万元）', patch: { project: { plan: ['2.50', '5.00', '7.50', '10.00'] } } },
  },
  check(project, { config }) {
    const total = project.budget.total;
    if (total === null) return [];
    const over = project.spendingPlan.filter((c) => c.given === 'amount' && c.amount !== null && c.amount > total + config.budgetToleranceFen);
    if (over.length === 0) return [];
    const first = over[0]!;
    const list = over.map((c) => `${Number(c.checkpoint)}月底 ${wan(c.amount!)}`).join('、');
    return [
      {
        field: `spendingPlan.${first.checkpoint}`,
        source: first.source ?? project.sources.spendingPlan ?? project.source,
        message: `资金支出计划 ${list}大于预算数 ${wan(total)}`,
        suggestion: `支出计划是累计金额，各节点不应超过预算数 ${wan(total)}，12月底应等于预算数；核对金额或单位。`,
      },
    ];
  },
};

export const BUDGET_RULES: Rule[] = [sourcesSum, partExceedsTotal, costExceedsBudget, planExceedsTotal];
