/**
 * schedule — the spending plan (资金支出计划) is malformed: blank checkpoints, a cumulative value
 * that goes down, a plan that does not end at 100% (the total), percentages mixed with amounts, a
 * flat stretch. A plan left entirely blank is missing.spending-plan; amounts above the budget are
 * budget.plan-exceeds-total. The plan is cumulative: each checkpoint is the total spent by then.
 */
import { formatWan } from '../../domain/money';
import type { Project, SpendingCheckpoint } from '../../domain/model';
import type { ReviewConfig } from '../config';
import type { ProjectRule, Rule, RuleHit } from '../types';
import { NO_HITS } from '../types';

const MONTH = (c: SpendingCheckpoint) => `${Number(c.checkpoint)}月底`;

/** A cell as the document wrote it: "60%" or "30.00 万元". */
function shown(c: SpendingCheckpoint): string {
  if (c.given === 'amount' && c.amount !== null) return `${formatWan(c.amount)} 万元`;
  if (c.percent !== null) return `${c.percent}%`;
  return '（空）';
}

const filled = (project: Project) => project.spendingPlan.filter((c) => c.given !== null);

// The five rules read every project's plan, and most plans are fine: they walk its four cells in place and make lists
// and words only for a plan with something to report (issue 18, round 4: lists and a pair object per cell for every
// project were a tenth of the review's garbage).

/**
 * How the filled checkpoints compare across them: by hundredths of a percent when every filled cell has a percentage
 * (given or derived from the total), else by fen when every one has an amount; null when they cannot be compared
 * (mixed cells without a total).
 */
type Comparable = 'percent' | 'amount';

function comparableBy(project: Project): Comparable | null {
  let percents = true;
  let amounts = true;
  for (const c of project.spendingPlan) {
    if (c.given === null) continue;
    if (c.percent === null) percents = false;
    if (c.amount === null) amounts = false;
  }
  return percents ? 'percent' : amounts ? 'amount' : null;
}

/** A filled checkpoint's value compared as `by` says (comparableBy). */
function valueOf(c: SpendingCheckpoint, by: Comparable): number {
  return by === 'percent' ? Math.round(c.percent! * 100) : c.amount!;
}

const sourceOf = (project: Project, c: SpendingCheckpoint) => c.source ?? project.sources.spendingPlan ?? project.source;

const blankCheckpoint: ProjectRule = {
  id: 'schedule.blank-checkpoint',
  category: 'schedule',
  severity: 'warning',
  criterion: '可行性',
  scope: 'project',
  title: '支出计划有空白节点',
  description:
    '资金支出计划的四个节点（3月底、6月底、10月底、12月底）都应填写累计数；部分节点留空时，执行监控无法计算该期间的计划进度。没有支出的期间应填与上一节点相同的累计数（如 0%），已提前达到 100% 的，后面的节点也填 100%。四个节点全空见 missing.spending-plan。',
  examples: {
    triggers: { description: '支出计划 25%、（空）、75%、100%', patch: { project: { plan: ['25%', '', '75%', '100%'] } } },
    passes: { description: '支出计划 0%、0%、75%、100%（无支出的节点填 0%）', patch: { project: { plan: ['0%', '0%', '75%', '100%'] } } },
  },
  check(project) {
    let filledCells = 0;
    for (const c of project.spendingPlan) if (c.given !== null) filledCells++;
    if (filledCells === 0) return NO_HITS; // missing.spending-plan
    if (filledCells === project.spendingPlan.length) return NO_HITS; // no blank
    const cells = filled(project);
    const blanks = project.spendingPlan.filter((c) => c.given === null);
    const first = blanks[0]!;
    const written = cells.map((c) => `${MONTH(c)} ${shown(c)}`).join('、');
    const complete = cells.find((c) => c.percent !== null && c.percent >= 100);
    const later = complete ? blanks.filter((b) => b.checkpoint > complete.checkpoint) : [];
    const hints: string[] = [];
    if (complete && later.length > 0) hints.push(`${MONTH(complete)}已达到 ${shown(complete)}，${later.map(MONTH).join('、')}应填写 ${shown(complete)}`);
    const earlier = blanks.filter((b) => !later.includes(b));
    if (earlier.length > 0) {
      const zero = earlier[0]!.checkpoint === '03' ? '，3月底前不支出的填 0%' : '';
      hints.push(`${earlier.map(MONTH).join('、')}按预计用款进度填写累计数（该期间不安排支出的，填与上一节点相同的累计数${zero}）`);
    }
    return [
      {
        field: `spendingPlan.${first.checkpoint}`,
        source: sourceOf(project, first),
        message: `资金支出计划 ${blanks.map(MONTH).join('、')}未填写（已填：${written}）`,
        suggestion: `${hints.join('；')}。`,
      },
    ];
  },
};

const decreasing: ProjectRule = {
  id: 'schedule.decreasing',
  category: 'schedule',
  severity: 'error',
  criterion: '可行性',
  scope: 'project',
  title: '支出计划累计数减少',
  description: '资金支出计划填写的是截至各节点的累计支出，后一节点不能小于前一节点；出现减少通常是把当期数当成了累计数，或数字填错。',
  examples: {
    triggers: { description: '支出计划 25%、60%、50%、100%', patch: { project: { plan: ['25%', '60%', '50%', '100%'] } } },
    passes: { description: '支出计划 25%、60%、60%、100%（持平不算减少）', patch: { project: { plan: ['25%', '60%', '60%', '100%'] } } },
  },
  check(project) {
    const by = comparableBy(project);
    if (by === null) return NO_HITS;
    // each filled checkpoint against the filled one before it
    let prev: SpendingCheckpoint | null = null;
    for (const cur of project.spendingPlan) {
      if (cur.given === null) continue;
      if (prev !== null && valueOf(cur, by) < valueOf(prev, by)) {
        return [
          {
            field: `spendingPlan.${cur.checkpoint}`,
            source: sourceOf(project, cur),
            message: `资金支出计划 ${MONTH(cur)}累计 ${shown(cur)}，小于 ${MONTH(prev)}的 ${shown(prev)}`,
            suggestion: `支出计划应填写截至各节点的累计数，逐节点不减少（如 25% 50% 75% 100%）；核对${MONTH(cur)}是否误填成了当期数。`,
          },
        ];
      }
      prev = cur;
    }
    return NO_HITS;
  },
};

const incomplete: ProjectRule = {
  id: 'schedule.incomplete',
  category: 'schedule',
  severity: 'error',
  criterion: '可行性',
  scope: 'project',
  title: '支出计划年底未达到 100%',
  description:
    '资金支出计划的最后一个节点（12月底）应达到 100%，即预算数全部支出；不足说明有资金没有安排支出，超过说明计划超出预算。百分比按设置允许舍入误差（默认 ±0.5 个百分点）；以金额填写的计划应等于预算数，超过预算数的金额见 budget.plan-exceeds-total。',
  examples: {
    triggers: { description: '支出计划 25%、50%、75%、90%', patch: { project: { plan: ['25%', '50%', '75%', '90%'] } } },
    passes: { description: '支出计划 30%、60%、90%、99.6%（舍入误差 0.5 个百分点以内）', patch: { project: { plan: ['30%', '60%', '90%', '99.6%'] } } },
  },
  check(project, { config }) {
    // the last filled checkpoint
    let last: SpendingCheckpoint | undefined;
    for (let i = project.spendingPlan.length - 1; i >= 0 && last === undefined; i--) if (project.spendingPlan[i]!.given !== null) last = project.spendingPlan[i];
    if (!last) return NO_HITS;
    const total = project.budget.total;
    const target = config.planComplete.percent;
    const isLastCheckpoint = last.checkpoint === '12';
    const where = isLastCheckpoint ? '12月底' : `最后填写的节点${MONTH(last)}（12月底未填）`;
    if (last.given === 'amount') {
      if (total === null || last.amount === null) return NO_HITS;
      if (last.amount > total) return NO_HITS; // budget.plan-exceeds-total
      if (total - last.amount <= config.budgetToleranceFen) return NO_HITS;
      return [
        {
          field: `spendingPlan.${last.checkpoint}`,
          source: sourceOf(project, last),
          message: `资金支出计划${where}累计 ${shown(last)}${last.percent !== null ? `（${last.percent}%）` : ''}，少于预算数 ${formatWan(total)} 万元`,
          suggestion: `12月底的累计支出应等于预算数 ${formatWan(total)} 万元；补足尚未安排的 ${formatWan(total - last.amount)} 万元，或核对预算数。`,
        },
      ];
    }
    if (last.percent === null || Math.abs(last.percent - target) <= config.planComplete.tolerancePercent) return NO_HITS;
    const below = last.percent < target;
    return [
      {
        field: `spendingPlan.${last.checkpoint}`,
        source: sourceOf(project, last),
        message: `资金支出计划${where}累计 ${shown(last)}，${below ? '未达到' : '超过'} ${target}%`,
        suggestion: below
          ? `12月底的累计支出应为 ${target}%；把其余 ${Math.round((target - last.percent) * 100) / 100}% 安排到各节点，或核对是否有资金不在本年支出。`
          : `累计支出不能超过预算数，12月底应为 ${target}%；核对各节点的数值。`,
      },
    ];
  },
};

const mixedUnits: ProjectRule = {
  id: 'schedule.mixed-units',
  category: 'schedule',
  severity: 'warning',
  criterion: '可行性',
  scope: 'project',
  title: '支出计划混用百分比和金额',
  description: '资金支出计划应统一用表头所写的单位填写：全部为累计百分比（%），或全部为累计金额（万元）。混用时容易看错，监控时也可能按错误的单位换算。',
  examples: {
    triggers: { description: '支出计划 25%、5.00（万元）、75%、100%', patch: { project: { plan: ['25%', '5.00', '75%', '100%'] } } },
    passes: { description: '支出计划 2.50、5.00、7.50、10.00（万元）', patch: { project: { plan: ['2.50', '5.00', '7.50', '10.00'] } } },
  },
  check(project) {
    let givenAsPercent = false;
    let givenAsAmount = false;
    for (const c of project.spendingPlan) {
      if (c.given === 'percent') givenAsPercent = true;
      else if (c.given === 'amount') givenAsAmount = true;
    }
    if (!givenAsPercent || !givenAsAmount) return NO_HITS;
    const cells = filled(project);
    const percents = cells.filter((c) => c.given === 'percent');
    const amounts = cells.filter((c) => c.given === 'amount');
    const minority = amounts.length <= percents.length ? amounts : percents;
    const first = minority[0]!;
    return [
      {
        field: `spendingPlan.${first.checkpoint}`,
        source: sourceOf(project, first),
        message: `资金支出计划混用百分比和金额：${cells.map((c) => `${MONTH(c)} ${shown(c)}`).join('、')}`,
        suggestion: `统一按表头单位填写：全部填累计百分比（如 ${cells.map((c) => (c.percent === null ? '…' : `${c.percent}%`)).join(' ')}），或全部填累计金额（万元）。`,
      },
    ];
  },
};

/** Whether a checkpoint's cumulative value says the spending is complete (config.planComplete, or the total). */
function completeAt(c: SpendingCheckpoint, total: number | null, config: ReviewConfig): boolean {
  return c.percent !== null
    ? c.percent >= config.planComplete.percent - config.planComplete.tolerancePercent
    : total !== null && c.amount !== null && c.amount >= total;
}

const flat: ProjectRule = {
  id: 'schedule.flat',
  category: 'schedule',
  severity: 'info',
  criterion: '可行性',
  scope: 'project',
  title: '支出计划中途停滞',
  description:
    '支出已经开始、尚未完成时，相邻两个节点的累计数相同，表示其间（如 7—10 月）完全不安排支出。季节性或按节点付款的项目可能确实如此，但也常是笔误（如 30% 60% 60% 100% 中的第二个 60% 应为 90%），请核实。尚未开始（0%）或已经完成（100%）的持平不提示。',
  examples: {
    triggers: { description: '支出计划 30%、60%、60%、100%', patch: { project: { plan: ['30%', '60%', '60%', '100%'] } } },
    passes: { description: '支出计划 0%、0%、50%、100%（年中才开始支出）', patch: { project: { plan: ['0%', '0%', '50%', '100%'] } } },
  },
  check(project, { config }) {
    const by = comparableBy(project);
    if (by === null) return NO_HITS;
    const total = project.budget.total;
    let hits: RuleHit[] | null = null;
    // each filled checkpoint against the filled one before it
    let prev: SpendingCheckpoint | null = null;
    for (const cur of project.spendingPlan) {
      if (cur.given === null) continue;
      const before = prev;
      prev = cur;
      if (before === null) continue;
      const value = valueOf(before, by);
      if (valueOf(cur, by) !== value || value <= 0 || completeAt(before, total, config)) continue;
      const months = `${Number(before.checkpoint) + 1}—${Number(cur.checkpoint)}月`;
      (hits ??= []).push({
        field: `spendingPlan.${cur.checkpoint}`,
        source: sourceOf(project, cur),
        message: `资金支出计划 ${MONTH(before)}与${MONTH(cur)}累计均为 ${shown(cur)}，${months}不安排支出`,
        suggestion: `核实${months}确实没有支出；如为笔误，按预计用款进度更正${MONTH(cur)}的累计数。`,
      });
    }
    return hits ?? NO_HITS;
  },
};

export const SCHEDULE_RULES: Rule[] = [blankCheckpoint, decreasing, incomplete, mixedUnits, flat];
