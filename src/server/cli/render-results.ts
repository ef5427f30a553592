/**
 * `jixiao results report` in the terminal: 绩效评价结果应用情况 — the projects and amounts by
 * consequence, the grades, the decisions, and one line per department. Amounts in 万元, exact.
 */
import Table from 'cli-table3';
import type { ResultsReport } from '../../shared/api/results';
import { formatWan } from '../../shared/domain/money';
import { CONSEQUENCES, EVALUATION_GRADES } from '../../shared/domain/results-use';

const compact = { head: [], border: [], compact: true };

export function renderResultsReport(report: ResultsReport): string {
  const t = report.totals;
  const lines = [`${report.department?.name ?? ''}${report.year}年度绩效评价结果应用情况`, ''];
  lines.push(
    `项目 ${t.projectCount} 个，已自评 ${t.evaluatedCount} 个；财政已确定 ${t.decidedCount} 个（其中调整建议 ${t.overriddenCount} 个），待确定 ${t.evaluatedCount - t.decidedCount} 个`,
    `自评等级：${EVALUATION_GRADES.map((g) => `${g} ${t.gradeCounts[g]}`).join('，')}`,
    '',
  );
  const byConsequence = new Table({ head: ['结果运用', '项目数', '本年预算（万元）', '下年安排（万元）', '增减（万元）'], colAligns: ['left', 'right', 'right', 'right', 'right'], style: compact });
  for (const c of CONSEQUENCES) {
    const x = t.byConsequence[c];
    byConsequence.push([c, x.count, formatWan(x.budgetFen), formatWan(x.nextYearFen), formatWan(x.nextYearFen - x.budgetFen)]);
  }
  byConsequence.push(['合计', t.evaluatedCount, formatWan(t.evaluatedBudgetFen), formatWan(t.nextYearFen), formatWan(t.changeFen)]);
  lines.push(byConsequence.toString(), '');
  if (report.department === null) {
    const departments = new Table({ head: ['部门', '项目', '已自评', '已确定', ...CONSEQUENCES, '增减（万元）'], colAligns: ['left', ...Array<'right'>(4 + CONSEQUENCES.length).fill('right')], style: compact });
    for (const d of report.departments) {
      const x = d.totals;
      departments.push([d.department.name, x.projectCount, x.evaluatedCount, x.decidedCount, ...CONSEQUENCES.map((c) => x.byConsequence[c].count), formatWan(x.changeFen)]);
    }
    lines.push(departments.toString());
  }
  return lines.join('\n');
}
