/**
 * Word report of 结果运用 (绩效评价结果应用情况), in the official layout of docx-exporter.ts: the
 * title, 一、总体情况 (counts, grades, decisions and amounts in one paragraph), 二、按结果运用方式
 * (a table), 三、各部门情况 (a table, for the region), 四、调整系统建议的项目 (each override with its
 * reason). Amounts in 万元, exact. Takes the service's ResultsReport, never the database.
 */
import type { ResultsReport } from '../../shared/api/results';
import { formatWan } from '../../shared/domain/money';
import { CONSEQUENCES, EVALUATION_GRADES } from '../../shared/domain/results-use';
import { buildTable, officialDocx, para, STYLE, widths, type RowSpec } from './docx-exporter';

/** A table of header and body rows, columns `w` wide (twips; the last takes the rest); numbers right-aligned from `firstNumber`. */
function table(header: string[], rows: string[][], w: number[], firstNumber: number): ReturnType<typeof buildTable> {
  const width = widths(...w, 0);
  const row = (cells: string[], isHeader: boolean): RowSpec => ({
    header: isHeader,
    cells: cells.map((text, i) => ({ lines: [text], width: width[i]!, align: isHeader ? 'center' : i >= firstNumber ? 'right' : 'left' })),
  });
  return buildTable([row(header, true), ...rows.map((r) => row(r, false))]);
}

export async function exportResultsDocx(report: ResultsReport, title: string): Promise<Buffer> {
  const t = report.totals;
  const cut = t.byConsequence.压减;
  const overrides = report.projects.filter((p) => p.decision?.overridden);
  const summary =
    `纳入结果运用的项目 ${t.projectCount} 个，已完成绩效自评 ${t.evaluatedCount} 个，其中${EVALUATION_GRADES.map((g) => `“${g}” ${t.gradeCounts[g]} 个`).join('、')}。` +
    `财政部门已确定结果运用 ${t.decidedCount} 个（其中调整系统建议 ${t.overriddenCount} 个），待确定 ${t.evaluatedCount - t.decidedCount} 个。` +
    `已自评项目本年预算 ${formatWan(t.evaluatedBudgetFen)} 万元，下年预算安排 ${formatWan(t.nextYearFen)} 万元，增减 ${formatWan(t.changeFen)} 万元；` +
    `其中压减项目 ${cut.count} 个，压减 ${formatWan(cut.budgetFen - cut.nextYearFen)} 万元，取消项目 ${t.byConsequence.取消.count} 个。`;

  const children = [
    para(STYLE.part, title),
    para(STYLE.section, '一、总体情况'),
    para(STYLE.body, summary),
    para(STYLE.section, '二、按结果运用方式'),
    table(
      ['结果运用', '项目数', '本年预算（万元）', '下年安排（万元）', '增减（万元）'],
      [
        ...CONSEQUENCES.map((c) => {
          const x = t.byConsequence[c];
          return [c, String(x.count), formatWan(x.budgetFen), formatWan(x.nextYearFen), formatWan(x.nextYearFen - x.budgetFen)];
        }),
        ['合计', String(t.evaluatedCount), formatWan(t.evaluatedBudgetFen), formatWan(t.nextYearFen), formatWan(t.changeFen)],
      ],
      [1600, 1000, 2100, 2100],
      1,
    ),
  ];
  let section = 3;
  const numbered = (text: string) => `${['', '一', '二', '三', '四', '五'][section++]}、${text}`;
  if (report.department === null) {
    children.push(
      para(STYLE.section, numbered('各部门情况')),
      table(
        ['部门', '项目', '已自评', '已确定', '压减', '取消', '增减（万元）'],
        report.departments.map((d) => {
          const x = d.totals;
          return [d.department.name, String(x.projectCount), String(x.evaluatedCount), String(x.decidedCount), String(x.byConsequence.压减.count), String(x.byConsequence.取消.count), formatWan(x.changeFen)];
        }),
        [3000, 800, 900, 900, 800, 800],
        1,
      ),
    );
  }
  children.push(para(STYLE.section, numbered('调整系统建议的项目')));
  if (overrides.length === 0) children.push(para(STYLE.body, '无。'));
  else {
    children.push(
      table(
        ['部门', '项目', '系统建议', '确定', '理由'],
        overrides.map((p) => [
          p.project.departmentName ?? '',
          p.project.name,
          `${p.suggestion?.consequence ?? ''} ${p.suggestion?.percent ?? ''}%`,
          `${p.decision!.consequence} ${p.decision!.percent}%`,
          p.decision!.reason ?? '',
        ]),
        [1500, 1900, 1450, 1450],
        99,
      ),
    );
  }
  return officialDocx(title, children);
}
