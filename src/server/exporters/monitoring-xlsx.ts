/**
 * Excel for in-year monitoring and self-evaluation (ExcelJS, the conventions of xlsx-exporter.ts:
 * frozen and filtered header rows, widths, wrapped text, amounts as exact numbers in 万元):
 *
 * - the execution template of a department and a round (执行情况填报模板): one row per project
 *   (项目执行) and per indicator (指标执行), drop-downs for 偏差原因 and 完成可能性, what was already
 *   recorded filled in — read back by ../importers/xlsx/read-execution-xlsx.ts;
 * - the monitoring tables of a project or a department (监控汇总, 指标监控), lights coloured;
 * - the self-evaluation tables (自评汇总, 自评明细, and for one project the 项目支出绩效自评表).
 *
 * Functions take prepared data (the services' MonitoringTable and SelfEvaluationResult), never the
 * database.
 */
import ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import type { DepartmentMonitoringSummary, MonitoringTable, SelfEvaluationResult } from '../../shared/api/monitoring';
import { LIGHT_LABELS } from '../../shared/api/monitoring';
import type { Fen } from '../../shared/domain/model';
import type { ExecutionLineValues } from '../../shared/domain/monitoring';
import { formatWan } from '../../shared/domain/money';
import { DEFAULT_MONITORING_CONFIG } from '../../shared/domain/monitoring-config';
import {
  EXECUTION_INDICATOR_COLUMNS,
  EXECUTION_PROJECT_COLUMNS,
  EXECUTION_SHEET,
  type ExecutionColumn,
} from '../importers/xlsx/read-execution-xlsx';
import { numberToDecimal } from '../importers/xlsx/cells';
import { encodeCellText } from '../importers/xlsx/read-xlsx';
import { addRow, addTable, amountCell, AMOUNT_FORMAT, cellOf, listValidation, newWorkbook, numberFormat, PERCENT_FORMAT, toBuffer, type Cell, type SheetColumn as Column } from './xlsx-sheets';


const LIGHT_FILL: Record<keyof typeof LIGHT_LABELS, string> = {
  green: 'FFC6EFCE',
  yellow: 'FFFFEB9C',
  red: 'FFFFC7CE',
  blue: 'FFBDD7EE',
};

// ---------------------------------------------------------------------------------------------
// Cells and sheets

/** A stored decimal: a number cell when it reads back as the same text, else text ("12.50"). */
function decimalCell(text: string | null): Cell {
  if (text === null) return null;
  const n = Number(text);
  return Number.isFinite(n) && numberToDecimal(n) === text ? n : text;
}

function colourLight(row: ExcelJS.Row, columns: readonly Column[], key: string, light: keyof typeof LIGHT_FILL | null): void {
  if (light === null) return;
  cellOf(row, columns, key).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILL[light] } };
}

/** Light as people read it: 黄灯. */
function lightText(light: keyof typeof LIGHT_LABELS | null): string | null {
  return light === null ? null : LIGHT_LABELS[light];
}

function shade(ws: Worksheet, columns: readonly ExecutionColumn[]): void {
  // Columns people do not fill (ids and reference columns) in grey.
  columns.forEach((c, i) => {
    if (c.info || c.key === 'projectId' || c.key === 'indicatorId') {
      ws.getColumn(i + 1).eachCell({ includeEmpty: false }, (cell, row) => {
        if (row > 1) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      });
    }
  });
}

function instructions(wb: ExcelJS.Workbook, title: string, lines: [string, string][]): void {
  const ws = wb.addWorksheet(EXECUTION_SHEET.instructions);
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 100;
  ws.addRow([title]).font = { bold: true, size: 14 };
  for (const [label, text] of lines) ws.addRow([label, text]);
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
}

// ---------------------------------------------------------------------------------------------
// The execution template


export interface ExecutionTemplateData {
  department: { code: string | null; name: string } | null;
  year: number;
  /** The round: every project row is prefilled with it. */
  asOf: string;
  causes?: readonly string[];
  likelihoods?: readonly string[];
  projects: {
    id: number;
    code: string | null;
    name: string;
    budgetFen: Fen | null;
    /** The round's record when there is one (its values are filled in). */
    record: { spentFen: Fen; spendingCause: string | null; spendingCauseNote: string | null; spendingMeasure: string | null; note: string | null } | null;
    indicators: { id: number; level1: string | null; level2: string | null; name: string; target: string; line: ExecutionLineValues | null }[];
  }[];
}

/** The execution template of a department and round, filled with what is already recorded. */
export async function exportExecutionTemplate(data: ExecutionTemplateData): Promise<Buffer> {
  const wb = newWorkbook();
  const causes = data.causes ?? DEFAULT_MONITORING_CONFIG.causes;
  const likelihoods = data.likelihoods ?? Object.keys(DEFAULT_MONITORING_CONFIG.likelihoodLights);
  const unit = data.department ? `${data.department.code ? `${data.department.code} ` : ''}${data.department.name}` : '（未指定单位）';
  instructions(wb, `预算执行和绩效目标实现情况填报表（${data.year}年，截至 ${data.asOf}）`, [
    ['单位', unit],
    ['用途', '绩效运行监控（“双监控”）：填写每个项目截至本轮日期的累计支出，以及每个绩效指标的完成情况。填好后导入系统，系统计算执行进度、预警灯和重点监控项目。'],
    ['导入规则', '导入前逐格检查；任何一格有错，整个文件都不导入，并逐一列出出错的单元格（如“项目执行!F3: 累计支出不能为负数”）。同一项目同一截至日期再次导入，覆盖上次的填报。'],
    ['金额', '累计支出以万元为单位，填数字，最多六位小数（精确到分），不能为负数。'],
    ['预警', `支出进度 = 实际支出比例 ÷ 序时计划比例 × 100：低于${DEFAULT_MONITORING_CONFIG.bands.redBelow}为红灯，低于${DEFAULT_MONITORING_CONFIG.bands.greenFrom}为黄灯。黄灯、红灯须填写偏差原因和纠偏措施。`],
    ['偏差原因', `${causes.join('、')}（下拉选择；“其他”须在原因说明中写明）`],
    ['完成可能性', `${likelihoods.join('、')}（定性指标、比率类指标据此判断预警灯）`],
    ['', ''],
    [`工作表“${EXECUTION_SHEET.projects}”`, '每个项目一行。灰色列仅供查看，导入时不读取；项目ID请勿修改。什么都没填的项目行不导入。'],
    ...EXECUTION_PROJECT_COLUMNS.map((c): [string, string] => [`  ${c.header}`, c.note]),
    ['', ''],
    [`工作表“${EXECUTION_SHEET.indicators}”`, '每个绩效指标一行；数值指标填写完成值，定性指标填写完成可能性。'],
    ...EXECUTION_INDICATOR_COLUMNS.map((c): [string, string] => [`  ${c.header}`, c.note]),
  ]);

  const P = EXECUTION_PROJECT_COLUMNS;
  const projects = addTable(wb, EXECUTION_SHEET.projects, P);
  for (const p of data.projects) {
    const r = p.record;
    const row = addRow(projects, P, {
      projectId: p.id,
      code: p.code,
      name: p.name,
      budget: amountCell(p.budgetFen),
      asOf: data.asOf,
      spent: r ? amountCell(r.spentFen) : null,
      cause: r?.spendingCause ?? null,
      causeNote: r?.spendingCauseNote ?? null,
      measure: r?.spendingMeasure ?? null,
      note: r?.note ?? null,
    });
    numberFormat(row, P, 'budget', AMOUNT_FORMAT);
    numberFormat(row, P, 'spent', AMOUNT_FORMAT);
    // Dates stay text, so that no locale turns them into something else.
    cellOf(row, P, 'asOf').numFmt = '@';
  }
  listValidation(projects, P, 'cause', causes, projects.rowCount);
  shade(projects, P);

  const I = EXECUTION_INDICATOR_COLUMNS;
  const indicators = addTable(wb, EXECUTION_SHEET.indicators, I);
  for (const p of data.projects) {
    for (const ind of p.indicators) {
      const l = ind.line;
      const row = addRow(indicators, I, {
        indicatorId: ind.id,
        projectId: p.id,
        projectName: p.name,
        level1: ind.level1,
        level2: ind.level2,
        name: ind.name,
        target: ind.target,
        valueToDate: decimalCell(l?.valueToDate ?? null),
        projected: decimalCell(l?.projected ?? null),
        likelihood: l?.likelihood ?? null,
        cause: l?.cause ?? null,
        causeNote: l?.causeNote ?? null,
        measure: l?.measure ?? null,
      });
      for (const key of ['valueToDate', 'projected']) cellOf(row, I, key).alignment = { vertical: 'top', horizontal: 'right' };
    }
  }
  listValidation(indicators, I, 'likelihood', likelihoods, indicators.rowCount);
  listValidation(indicators, I, 'cause', causes, indicators.rowCount);
  shade(indicators, I);
  return toBuffer(wb);
}

// ---------------------------------------------------------------------------------------------
// Monitoring tables

const MONITORING_PROJECT_COLUMNS = [
  { key: 'department', header: '单位名称', width: 26 },
  { key: 'code', header: '项目编码', width: 24 },
  { key: 'name', header: '项目名称', width: 30 },
  { key: 'asOf', header: '截至日期', width: 12 },
  { key: 'budget', header: '年度预算数（万元）', width: 14 },
  { key: 'spent', header: '累计支出（万元）', width: 14 },
  { key: 'actual', header: '预算执行率（%）', width: 12 },
  { key: 'plan', header: '序时进度（%）', width: 12 },
  { key: 'ratio', header: '执行进度比（%）', width: 12 },
  { key: 'light', header: '支出预警', width: 9 },
  { key: 'gap', header: '差额（万元）', width: 12 },
  { key: 'key', header: '重点监控', width: 9 },
  { key: 'cause', header: '偏差原因', width: 12 },
  { key: 'causeNote', header: '原因说明', width: 30 },
  { key: 'measure', header: '纠偏措施', width: 36 },
  { key: 'indicatorLights', header: '指标预警（绿/黄/红/蓝/未填）', width: 16 },
  { key: 'worst', header: '综合预警', width: 9 },
  { key: 'complete', header: '说明是否齐全', width: 10 },
] as const;

/** The columns that say which indicator a row is: the monitoring and self-evaluation detail sheets start with them. */
const INDICATOR_COLUMNS = [
  { key: 'code', header: '项目编码', width: 24 },
  { key: 'project', header: '项目名称', width: 26 },
  { key: 'level1', header: '一级指标', width: 12 },
  { key: 'level2', header: '二级指标', width: 14 },
  { key: 'name', header: '三级指标', width: 24 },
  { key: 'target', header: '年度指标值', width: 14 },
] as const;

const MONITORING_INDICATOR_COLUMNS = [
  ...INDICATOR_COLUMNS,
  { key: 'valueToDate', header: '截至目前完成值', width: 12 },
  { key: 'projected', header: '全年预计完成值', width: 12 },
  { key: 'expected', header: '序时应完成值', width: 12 },
  { key: 'ratio', header: '完成进度比（%）', width: 12 },
  { key: 'likelihood', header: '完成可能性', width: 11 },
  { key: 'light', header: '预警', width: 8 },
  { key: 'cause', header: '偏差原因', width: 12 },
  { key: 'causeNote', header: '原因说明', width: 30 },
  { key: 'measure', header: '纠偏措施', width: 36 },
  { key: 'issues', header: '待补充', width: 30 },
] as const;

export interface MonitoringExport {
  /** The workbook's title line, e.g. "某单位 2025年 绩效运行监控表（截至 2025-07-31）". */
  title: string;
  tables: MonitoringTable[];
  /** A department's summary: adds its totals and the projects without a record. */
  summary?: DepartmentMonitoringSummary;
}

/** The monitoring tables of a project or a department as one workbook. */
export async function exportMonitoringTables(data: MonitoringExport): Promise<Buffer> {
  const wb = newWorkbook();
  const info: [string, string][] = [['内容', `${data.tables.length} 个项目的绩效运行监控表`]];
  const s = data.summary;
  if (s) {
    const t = s.totals;
    info.push(
      ['单位', s.department.name],
      ['项目数', `${t.projectCount}（已填报 ${t.reportedCount}，未填报 ${s.missing.length}）`],
      ['预算执行', `已填报项目预算 ${formatWan(t.reportedBudgetFen)} 万元，累计支出 ${formatWan(t.spentTotalFen)} 万元，执行率 ${t.executionRatePercent ?? '—'}%`],
      ['支出预警', `绿 ${t.spendingLights.green}，黄 ${t.spendingLights.yellow}，红 ${t.spendingLights.red}`],
      ['指标预警', `绿 ${t.indicatorLights.green}，黄 ${t.indicatorLights.yellow}，红 ${t.indicatorLights.red}，蓝 ${t.indicatorLights.blue}，未填 ${t.indicatorLights.none}`],
      ['进度滞后', `${t.behindCount} 个项目；重点监控 ${t.keyMonitoringCount} 个`],
      ['偏差原因', t.causeCounts.map((c) => `${c.cause} ${c.count}`).join('，') || '—'],
    );
    if (s.missing.length > 0) info.push(['未填报项目', s.missing.map((m) => m.name).join('、')]);
  }
  instructions(wb, data.title, info);

  const P = MONITORING_PROJECT_COLUMNS;
  const projects = addTable(wb, '监控汇总', P);
  for (const t of data.tables) {
    const sp = t.spending;
    const l = t.indicatorLights;
    const row = addRow(projects, P, {
      department: t.project.departmentName,
      code: t.project.code,
      name: t.project.name,
      asOf: t.asOf,
      budget: amountCell(sp.budgetFen),
      spent: amountCell(sp.spentFen),
      actual: sp.actualPercent,
      plan: sp.planPercent,
      ratio: sp.ratio,
      light: lightText(sp.light),
      gap: amountCell(sp.gapFen),
      key: t.keyMonitoring ? '是' : null,
      cause: sp.cause,
      causeNote: sp.causeNote,
      measure: sp.measure,
      indicatorLights: `${l.green}/${l.yellow}/${l.red}/${l.blue}/${l.none}`,
      worst: lightText(t.worstLight),
      complete: t.complete ? '齐全' : '待补充',
    });
    for (const key of ['budget', 'spent', 'gap']) numberFormat(row, P, key, AMOUNT_FORMAT);
    for (const key of ['actual', 'plan', 'ratio']) numberFormat(row, P, key, PERCENT_FORMAT);
    colourLight(row, P, 'light', sp.light);
    colourLight(row, P, 'worst', t.worstLight);
  }

  const I = MONITORING_INDICATOR_COLUMNS;
  const indicators = addTable(wb, '指标监控', I);
  for (const t of data.tables) {
    for (const i of t.indicators) {
      const row = addRow(indicators, I, {
        code: t.project.code,
        project: t.project.name,
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        target: i.target,
        valueToDate: decimalCell(i.valueToDate),
        projected: decimalCell(i.projected),
        expected: i.expected,
        ratio: i.ratio ?? i.projectedPercent,
        likelihood: i.likelihood,
        light: lightText(i.light),
        cause: i.cause,
        causeNote: i.causeNote,
        measure: i.measure,
        issues: i.issues.map((x) => x.message).join('；') || null,
      });
      numberFormat(row, I, 'ratio', PERCENT_FORMAT);
      colourLight(row, I, 'light', i.light);
    }
  }
  return toBuffer(wb);
}

// ---------------------------------------------------------------------------------------------
// Self-evaluation tables

const EVALUATION_SUMMARY_COLUMNS = [
  { key: 'department', header: '单位名称', width: 26 },
  { key: 'code', header: '项目编码', width: 24 },
  { key: 'name', header: '项目名称', width: 30 },
  { key: 'initial', header: '年初预算数（万元）', width: 13 },
  { key: 'adjusted', header: '全年预算数（万元）', width: 13 },
  { key: 'spent', header: '全年执行数（万元）', width: 13 },
  { key: 'rate', header: '执行率（%）', width: 10 },
  { key: 'executionScore', header: '执行率得分', width: 10 },
  { key: 'total', header: '总分', width: 8 },
  { key: 'grade', header: '等级', width: 6 },
  { key: 'complete', header: '填报是否完整', width: 10 },
  { key: 'pending', header: '待补充', width: 40 },
] as const;

const EVALUATION_DETAIL_COLUMNS = [
  ...INDICATOR_COLUMNS,
  { key: 'actual', header: '实际完成值', width: 14 },
  { key: 'weight', header: '分值', width: 7 },
  { key: 'score', header: '得分', width: 7 },
  { key: 'reason', header: '偏差原因分析及改进措施', width: 50 },
] as const;

function pending(r: SelfEvaluationResult): string | null {
  const open = [...r.requirements.filter((q) => !q.met).map((q) => q.message), ...r.issues.map((i) => i.message)];
  return open.length > 0 ? open.join('；') : null;
}

function reasonText(i: SelfEvaluationResult['indicators'][number]): string | null {
  const parts = [i.deviationCause ? `偏差原因：${i.deviationCause}` : null, i.improvement ? `改进措施：${i.improvement}` : null].filter(Boolean);
  return parts.length > 0 ? parts.join('\n') : null;
}

export interface SelfEvaluationExport {
  title: string;
  results: SelfEvaluationResult[];
}

/**
 * The self-evaluation tables as one workbook: 自评汇总 (one row per project) and 自评明细 (one row
 * per indicator); for a single project also the 项目支出绩效自评表 in its official layout.
 */
export async function exportSelfEvaluations(data: SelfEvaluationExport): Promise<Buffer> {
  const wb = newWorkbook();
  if (data.results.length === 1) addEvaluationForm(wb, data.title, data.results[0]!);

  const S = EVALUATION_SUMMARY_COLUMNS;
  const summary = addTable(wb, '自评汇总', S);
  for (const r of data.results) {
    const row = addRow(summary, S, {
      department: r.project.departmentName,
      code: r.project.code,
      name: r.project.name,
      initial: amountCell(r.funds.initialBudgetFen),
      adjusted: amountCell(r.funds.adjustedBudgetFen),
      spent: amountCell(r.funds.spentFen),
      rate: r.funds.ratePercent,
      executionScore: r.funds.score,
      total: r.total,
      grade: r.updatedAt === null ? null : r.grade,
      complete: r.updatedAt === null ? '未填报' : r.complete ? '完整' : '待补充',
      pending: r.updatedAt === null ? null : pending(r),
    });
    for (const key of ['initial', 'adjusted', 'spent']) numberFormat(row, S, key, AMOUNT_FORMAT);
    for (const key of ['rate', 'executionScore', 'total']) numberFormat(row, S, key, PERCENT_FORMAT);
  }

  const D = EVALUATION_DETAIL_COLUMNS;
  const detail = addTable(wb, '自评明细', D);
  for (const r of data.results) {
    for (const i of r.indicators) {
      const row = addRow(detail, D, {
        code: r.project.code,
        project: r.project.name,
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        target: i.target,
        actual: i.actualText,
        weight: i.weight,
        score: i.score,
        reason: reasonText(i),
      });
      numberFormat(row, D, 'weight', PERCENT_FORMAT);
      numberFormat(row, D, 'score', PERCENT_FORMAT);
    }
  }
  return toBuffer(wb);
}

/** The 项目支出绩效自评表 of one project, drawn as the official form with merged cells. */
function addEvaluationForm(wb: ExcelJS.Workbook, title: string, r: SelfEvaluationResult): void {
  const ws = wb.addWorksheet('自评表');
  const widths = [12, 14, 24, 14, 14, 10, 10, 36];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
  let rowNo = 0;
  const line = (cells: Cell[], merges: [number, number][] = [], opts: { bold?: boolean; height?: number } = {}) => {
    const row = ws.addRow(cells.map((c) => (typeof c === 'string' ? encodeCellText(c) : c)));
    rowNo = row.number;
    for (const [from, to] of merges) ws.mergeCells(rowNo, from, rowNo, to);
    for (let c = 1; c <= 8; c++) {
      const cell = row.getCell(c);
      cell.border = { top: thin, left: thin, bottom: thin, right: thin };
      cell.alignment = { vertical: 'middle', wrapText: true };
      if (opts.bold) cell.font = { bold: true };
    }
    if (opts.height) row.height = opts.height;
    return row;
  };
  const heading = ws.addRow([title]);
  ws.mergeCells(heading.number, 1, heading.number, 8);
  heading.font = { bold: true, size: 14 };
  heading.alignment = { horizontal: 'center' };
  line(['项目名称', r.project.name, null, null, null, null, null, null], [[2, 8]]);
  // the unit that carries the project out (issue 58: never the unit itself under 主管部门)
  line(['实施单位', r.project.departmentName, null, null, '项目编码', r.project.code, null, null], [[2, 4], [6, 8]]);
  line(['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率（%）', '得分'], [], { bold: true });
  const funds = line([
    '',
    null,
    amountCell(r.funds.initialBudgetFen),
    amountCell(r.funds.adjustedBudgetFen),
    amountCell(r.funds.spentFen),
    r.funds.weight,
    r.funds.ratePercent,
    r.funds.score,
  ]);
  for (const c of [3, 4, 5]) if (typeof funds.getCell(c).value === 'number') funds.getCell(c).numFmt = AMOUNT_FORMAT;
  ws.mergeCells(rowNo - 1, 1, rowNo, 2);
  line(['年度总体目标', null, '预期目标', null, null, '实际完成情况', null, null], [[3, 5], [6, 8]], { bold: true });
  line(['', null, r.goals.join('\n') || null, null, null, r.goalAchievement, null, null], [[3, 5], [6, 8]], { height: 60 });
  ws.mergeCells(rowNo - 1, 1, rowNo, 2);
  line(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'], [], { bold: true });
  const first = rowNo + 1;
  for (const i of r.indicators) {
    line([i.level1, i.level2, i.name, i.target, i.actualText, i.weight, i.score, reasonText(i)]);
  }
  // Merge runs of the same first-level category, as the official table does.
  let start = first;
  for (let k = first; k <= rowNo + 1; k++) {
    const same = k <= rowNo && ws.getRow(k).getCell(1).value === ws.getRow(start).getCell(1).value;
    if (!same) {
      if (k - 1 > start) ws.mergeCells(start, 1, k - 1, 1);
      start = k;
    }
  }
  line(['总分', null, null, null, null, 100, r.total, `等级：${r.grade}`], [[1, 5]], { bold: true });
  if (r.executionExplanation) line(['执行率说明', null, r.executionExplanation, null, null, null, null, null], [[1, 2], [3, 8]]);
}
