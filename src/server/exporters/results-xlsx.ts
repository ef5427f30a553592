/**
 * Excel of 结果运用 (绩效评价结果应用情况), the conventions of xlsx-sheets.ts: 汇总 (counts and
 * amounts by consequence and by grade), 按部门 (one row per department), 项目明细 (one row per
 * project: score, grade, problems, the suggested and the decided consequence with its reason).
 * Amounts are exact numbers in 万元. Takes the service's ResultsReport, never the database.
 */
import type { ResultsReport, ResultsRow, ResultsTotals } from '../../shared/api/results';
import { CONSEQUENCES, EVALUATION_GRADES } from '../../shared/domain/results-use';
import { addRow, addTable, amountCell, AMOUNT_FORMAT, newWorkbook, numberFormat, PERCENT_FORMAT, toBuffer, type SheetColumn } from './xlsx-sheets';

/** This year's budget, next year's amounts and the change: the summary's and each department's. */
const AMOUNT_COLUMNS: SheetColumn[] = [
  { key: 'budget', header: '本年预算（万元）', width: 18 },
  { key: 'nextYear', header: '下年预算安排（万元）', width: 20 },
  { key: 'change', header: '增减（万元）', width: 16 },
];

const BY_CONSEQUENCE: SheetColumn[] = [
  { key: 'consequence', header: '结果运用', width: 14 },
  { key: 'count', header: '项目数', width: 10 },
  ...AMOUNT_COLUMNS,
];

const BY_DEPARTMENT: SheetColumn[] = [
  { key: 'department', header: '部门', width: 36 },
  { key: 'projects', header: '项目数', width: 10 },
  { key: 'evaluated', header: '已自评', width: 10 },
  { key: 'decided', header: '已确定', width: 10 },
  { key: 'overridden', header: '其中调整建议', width: 14 },
  ...EVALUATION_GRADES.map((g) => ({ key: `grade-${g}`, header: g, width: 6 })),
  ...CONSEQUENCES.map((c) => ({ key: `c-${c}`, header: c, width: 10 })),
  ...AMOUNT_COLUMNS,
];

const PROJECTS: SheetColumn[] = [
  { key: 'department', header: '部门', width: 30 },
  { key: 'code', header: '项目编码', width: 24 },
  { key: 'name', header: '项目名称', width: 36 },
  { key: 'total', header: '自评得分', width: 10 },
  { key: 'grade', header: '等级', width: 6 },
  { key: 'rate', header: '执行率（%）', width: 11 },
  { key: 'budget', header: '本年预算（万元）', width: 16 },
  { key: 'problems', header: '发现的问题', width: 50 },
  { key: 'suggested', header: '建议运用', width: 10 },
  { key: 'suggestedPercent', header: '建议比例（%）', width: 12 },
  { key: 'suggestedAmount', header: '建议金额（万元）', width: 16 },
  { key: 'decided', header: '确定运用', width: 10 },
  { key: 'percent', header: '确定比例（%）', width: 12 },
  { key: 'amount', header: '下年预算安排（万元）', width: 18 },
  { key: 'how', header: '确定方式', width: 10 },
  { key: 'reason', header: '理由', width: 40 },
  { key: 'by', header: '确定人', width: 14 },
  { key: 'at', header: '确定时间', width: 20 },
];

function amounts(row: import('exceljs').Row, columns: readonly SheetColumn[], keys: string[]): void {
  for (const key of keys) numberFormat(row, columns, key, AMOUNT_FORMAT);
}

/** A department's amounts: this year's budget of its evaluated projects, next year's, the change. */
function totalsRow(t: ResultsTotals) {
  return { budget: amountCell(t.evaluatedBudgetFen), nextYear: amountCell(t.nextYearFen), change: amountCell(t.changeFen) };
}

function how(r: ResultsRow): string {
  if (r.decision === null) return r.suggestion === null ? '未自评' : '待确定';
  return `${r.decision.overridden ? '调整建议' : '采纳建议'}${r.decision.stale ? '（自评已变化，待复核）' : ''}`;
}

/** The report as a workbook; `title` heads the summary sheet. */
export async function exportResultsReport(report: ResultsReport, title: string): Promise<Buffer> {
  const wb = newWorkbook();

  // 汇总: the title, then the table by consequence, the grades and the decisions.
  const C = BY_CONSEQUENCE;
  const summary = wb.addWorksheet('汇总');
  C.forEach((c, i) => (summary.getColumn(i + 1).width = c.width));
  summary.addRow([title]).font = { bold: true, size: 14 };
  summary.addRow([]);
  summary.addRow(C.map((c) => c.header)).font = { bold: true };
  const byConsequence = (consequence: string, count: number, t: { budgetFen: number; nextYearFen: number }) => {
    const row = summary.addRow([consequence, count, amountCell(t.budgetFen), amountCell(t.nextYearFen), amountCell(t.nextYearFen - t.budgetFen)]);
    for (const i of [3, 4, 5]) if (typeof row.getCell(i).value === 'number') row.getCell(i).numFmt = AMOUNT_FORMAT;
    return row;
  };
  for (const c of CONSEQUENCES) byConsequence(c, report.totals.byConsequence[c].count, report.totals.byConsequence[c]);
  byConsequence('合计', report.totals.evaluatedCount, { budgetFen: report.totals.evaluatedBudgetFen, nextYearFen: report.totals.nextYearFen }).font = { bold: true };
  summary.addRow([]);
  summary.addRow(['自评等级', '项目数']).font = { bold: true };
  for (const g of EVALUATION_GRADES) summary.addRow([g, report.totals.gradeCounts[g]]);
  summary.addRow(['未自评', report.totals.projectCount - report.totals.evaluatedCount]);
  summary.addRow([]);
  summary.addRow(['已确定', report.totals.decidedCount]);
  summary.addRow(['其中调整建议', report.totals.overriddenCount]);
  summary.addRow(['待确定', report.totals.evaluatedCount - report.totals.decidedCount]);

  const D = BY_DEPARTMENT;
  const departments = addTable(wb, '按部门', D);
  for (const d of report.departments) {
    const t = d.totals;
    const row = addRow(departments, D, {
      department: d.department.name,
      projects: t.projectCount,
      evaluated: t.evaluatedCount,
      decided: t.decidedCount,
      overridden: t.overriddenCount,
      ...Object.fromEntries(EVALUATION_GRADES.map((g) => [`grade-${g}`, t.gradeCounts[g]])),
      ...Object.fromEntries(CONSEQUENCES.map((c) => [`c-${c}`, t.byConsequence[c].count])),
      ...totalsRow(t),
    });
    amounts(row, D, ['budget', 'nextYear', 'change']);
  }

  const P = PROJECTS;
  const projects = addTable(wb, '项目明细', P);
  for (const r of report.projects) {
    const s = r.suggestion;
    const d = r.decision;
    const row = addRow(projects, P, {
      department: r.project.departmentName,
      code: r.project.code,
      name: r.project.name,
      total: r.total,
      grade: r.grade,
      rate: r.executionRatePercent,
      budget: amountCell(r.budgetFen),
      problems: r.problems.map((p) => p.message).join('；'),
      suggested: s?.consequence ?? null,
      suggestedPercent: s?.percent ?? null,
      suggestedAmount: amountCell(s?.amountFen ?? null),
      decided: d?.consequence ?? null,
      percent: d?.percent ?? null,
      amount: amountCell(d?.amountFen ?? null),
      how: how(r),
      reason: d?.reason ?? null,
      by: d?.decidedBy ?? null,
      at: d?.decidedAt ?? null,
    });
    amounts(row, P, ['budget', 'suggestedAmount', 'amount']);
    for (const key of ['total', 'rate', 'suggestedPercent', 'percent']) numberFormat(row, P, key, PERCENT_FORMAT);
  }
  return toBuffer(wb);
}
