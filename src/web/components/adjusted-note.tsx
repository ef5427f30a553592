/**
 * What a project's page and its print say of targets that were adjusted (目标调整, issue 58): the table
 * shows the version in force, and this line says which one, from when, why and who approved it,
 * and the budget first approved. The earlier versions are history, in the 调整记录 card.
 */
import type { AdjustedTargets } from '../../shared/api/target-adjustment';
import { chineseDateOf } from '../../shared/domain/target-adjustment';
import { formatWan2 } from '../../shared/domain/money';
import { formatDateTime } from '../lib/format';

/** "现行绩效目标为第 2 版（2025年7月1日起执行，调整理由：…；张三 2025-07-02 审核通过）。原批复预算 474.34 万元，调整后 450.01 万元。" */
export function adjustedText(a: AdjustedTargets, opts: { approval?: boolean } = {}): string {
  const approval = opts.approval === false || a.approvedAt === '' ? '' : `；${a.approvedBy} ${formatDateTime(a.approvedAt)} 审核通过`;
  const budget =
    a.approvedBudgetFen !== a.budgetFen && a.budgetFen !== null
      ? `原批复预算 ${a.approvedBudgetFen === null ? '未填' : `${formatWan2(a.approvedBudgetFen)} 万元`}，调整后 ${formatWan2(a.budgetFen)} 万元。`
      : '';
  const removed = a.removed > 0 ? `调整中取消 ${a.removed} 项指标。` : '';
  return `现行绩效目标为第 ${a.version} 版（${chineseDateOf(a.effectiveOn)}起执行，调整理由：${a.reason}${approval}）。${budget}${removed}`;
}

/** The line above an official table whose targets were adjusted; printed with it. */
export function AdjustedNote({ adjusted, approval = true }: { adjusted: AdjustedTargets; approval?: boolean }) {
  return (
    <div className="official-note" data-testid="official-adjusted-note">
      {adjustedText(adjusted, { approval })}
    </div>
  );
}
