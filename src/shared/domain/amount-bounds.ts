/**
 * Every amount and percent a project or a document holds, checked against the bounds of money.ts
 * (no negative amount or percent, no amount above 1000亿元, no plan above 1000 %). Problems are
 * data: the field's path, a Chinese message naming the project and the field, and the place in the
 * source. The import's store step turns them into error diagnostics (the document is refused
 * whole); a project's save answers them as 400 validation issues.
 */
import type { Fen, FundingLine, ParsedDocument, Project, SourceLocation } from './model';
import { amountBoundProblem, formatWan, percentBoundProblem } from './money';
import { CHECKPOINT_LABELS } from './official-table';

export interface BoundProblem {
  /** The field: "budget.total", "spendingPlan.2.amount", "budgetLines.0.amount", "projects.3.budget.total" … */
  path: string;
  /** e.g. 项目“道路维护”的预算数为 -12.00 万元：金额不能为负数 */
  message: string;
  source: SourceLocation;
}

/** Collects problems of one owner (a project, the department's targets) under a path prefix. */
function collector(owner: string, prefix: string, out: BoundProblem[]) {
  return {
    amount(path: string, label: string, fen: Fen | null, source: SourceLocation): void {
      const problem = fen === null ? null : amountBoundProblem(fen);
      if (problem !== null) out.push({ path: prefix + path, message: `${owner}的${label}为 ${formatWan(fen!)} 万元：${problem}`, source });
    },
    percent(path: string, label: string, percent: number | null, source: SourceLocation): void {
      const problem = percent === null ? null : percentBoundProblem(percent);
      if (problem !== null) out.push({ path: prefix + path, message: `${owner}的${label}为 ${percent}%：${problem}`, source });
    },
    lines(path: string, lines: readonly FundingLine[]): void {
      lines.forEach((line, i) => this.amount(`${path}.${i}.amount`, `“${line.label}”`, line.amount, line.source));
    },
  };
}

/** The out-of-bounds amounts and percents of one project (paths as the project's own fields). */
export function projectBoundProblems(project: Project, prefix = ''): BoundProblem[] {
  const out: BoundProblem[] = [];
  const c = collector(`项目“${project.name}”`, prefix, out);
  const at = (field: 'total' | 'fiscal' | 'other') => project.sources[field] ?? project.source;
  c.amount('budget.total', '预算数', project.budget.total, at('total'));
  c.amount('budget.fiscal', '财政资金', project.budget.fiscal, at('fiscal'));
  c.amount('budget.other', '其他资金', project.budget.other, at('other'));
  project.spendingPlan.forEach((cp, i) => {
    const label = `资金支出计划（${CHECKPOINT_LABELS[cp.checkpoint]}）`;
    c.amount(`spendingPlan.${i}.amount`, `${label}金额`, cp.amount, cp.source ?? project.source);
    c.percent(`spendingPlan.${i}.percent`, `${label}比例`, cp.percent, cp.source ?? project.source);
  });
  c.lines('budgetLines', project.budgetLines);
  const whole = project.projectBudget;
  if (whole !== null) {
    c.amount('projectBudget.total', '项目资金总额', whole.total, project.source);
    c.amount('projectBudget.fiscal', '项目资金总额中的财政资金', whole.fiscal, project.source);
    c.amount('projectBudget.other', '项目资金总额中的其他资金', whole.other, project.source);
    c.lines('projectBudget.lines', whole.lines);
  }
  return out;
}

/** The out-of-bounds amounts and percents of a whole document: its projects and its department targets. */
export function documentBoundProblems(doc: ParsedDocument): BoundProblem[] {
  const out = doc.projects.flatMap((project, i) => projectBoundProblems(project, `projects.${i}.`));
  const targets = doc.departmentTargets;
  if (targets !== null) {
    const c = collector(`部门整体支出绩效目标“${targets.title}”`, 'departmentTargets.', out);
    const at = (field: 'total' | 'project' | 'basic') => targets.sources[field] ?? targets.source;
    c.amount('budget.total', '资金总额', targets.budget.total, at('total'));
    c.amount('budget.project', '项目支出', targets.budget.project, at('project'));
    c.amount('budget.basic', '基本支出', targets.budget.basic, at('basic'));
    targets.duties.forEach((duty, i) => c.amount(`duties.${i}.amount`, `履职目标“${duty.task ?? duty.function ?? i + 1}”的预算金额`, duty.amount, duty.source));
  }
  return out;
}
