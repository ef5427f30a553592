/**
 * 部门（单位）整体支出绩效目标表: a department's targets for its whole budget of the year. Not a
 * project: 部门（单位）名称 and 部门预算编码, 年度预算安排 (资金总额 / 项目支出 / 基本支出), 年度总体
 * 目标 (目标1…目标N), 年度履职目标 rows (部门职能 | 年度目标任务 | 支出项目名称 | 预算金额, the function
 * merged down over its tasks), then an indicator table (often with 指标解释).
 */
import type { DepartmentDuty, DepartmentTargets, SourceLocation } from '../../../shared/domain/model';
import type { MoneyUnit } from '../../../shared/domain/money';
import { DEPARTMENT_LABELS, isNonDataLabel, lookupLabel, normalizeLabel, type DepartmentLabelKey } from '../../../shared/layout/labels';
import { compactLabel } from '../../../shared/domain/text';
import type { RowBlock } from '../blocks';
import { headerOver, isBlankRow, joined, paragraphText, paragraphs, place, preview, sourceOf, type Placed } from './grid';
import {
  formField,
  inlineAmounts,
  isHeaderOnly,
  pairLines,
  pairSource,
  pairsOf,
  pairText,
  readAmount,
  leadLabelKey,
  readFormRow,
  readGoalLines,
  readUnitName,
  labelText,
  rowText,
  unitCaption,
  unknownPairs,
  valuesUnder,
  type FormCell,
  type Pair,
} from './forms';
import { collectDoubts, tableChecks, watchUnplaced, type TableChecks } from '../structure/doubts';
import { readRunningCells } from './running-text';
import { analyzeTable, type TableStructure } from '../structure/table';
import { readIndicatorTable, type RawIndicator } from './indicators';
import type { Report } from './report';
import type { Segment } from './segment';

type Cells = FormCell<DepartmentLabelKey>[];
type DutyColumn = Placed & { key: 'dutyFunction' | 'dutyTask' | 'dutyProjects' | 'dutyContent' | 'dutyAmount' };

const DUTY_KEYS = new Set<DepartmentLabelKey>(['dutyFunction', 'dutyTask', 'dutyProjects', 'dutyContent', 'dutyAmount']);

/** The parts of a duty's 预算金额 split over columns (总额 | 财政拨款 | 其他资金): the first names the duty's amount. */
const AMOUNT_PARTS = /^(总额|合计|小计|金额|总计)$|^(财政拨款|财政资金|其他资金|其它资金)$/;
/** A duty row that totals the others (金额合计 under the tasks). */
const DUTY_TOTAL = /^(金额)?(合计|总计)$/;
const MONEY_KEYS = { deptTotal: 'total', projectSpending: 'project', basicSpending: 'basic' } as const;

export interface DepartmentDraft {
  targets: DepartmentTargets;
  raws: RawIndicator[];
  tableName: string;
  /** What the table's reading gathered for its checks (structure/doubts.ts). */
  checks: TableChecks;
  /** Its structure (structure/table.ts): the import preview shows its grid. */
  structure: TableStructure;
}

/** A row that starts a part of a department's form again (after its indicators): any of its labels but 绩效指标. */
function startsDepartmentFormPart(row: RowBlock): boolean {
  const key = leadLabelKey(row, DEPARTMENT_LABELS);
  return key !== null && key !== 'indicatorGroup';
}

/** The structure of a department's whole-budget table (structure/table.ts); bare years in its header decided by its title's year, else `documentYear`. */
export const departmentStructure = (seg: Segment, documentYear: () => number | null = () => null): TableStructure =>
  analyzeTable(seg.rows, { startsFormPart: startsDepartmentFormPart, year: seg.year, yearElsewhere: documentYear, templates: seg.templates ?? null });

export function readDepartmentTable(seg: Segment, seen: Report, documentYear: () => number | null = () => null): DepartmentDraft {
  const checks = tableChecks();
  const report = watchUnplaced(seen, checks);
  const tableName = `表“${preview(seg.title || '部门整体支出绩效目标表', 30)}”`;
  const targets: DepartmentTargets = {
    title: seg.title,
    department: null,
    budgetCode: null,
    year: seg.year,
    amountUnit: seg.unit ?? '万元',
    budget: { total: null, project: null, basic: null },
    goals: [],
    duties: [],
    indicators: [],
    fields: [],
    source: seg.source,
    sources: { title: seg.source },
  };
  const raws: RawIndicator[] = [];
  let unit: MoneyUnit | null = seg.unit;
  let lead: DepartmentLabelKey | 'pending' | 'duties' | null = null;
  let pending: Cells = [];
  let dutyColumns: DutyColumn[] = [];
  let lastFunction: string | null = null;

  const money = (key: keyof typeof MONEY_KEYS, text: string, source: SourceLocation, labelUnit: string | null) => {
    const r = readAmount(text, (labelUnit === '元' || labelUnit === '万元' ? labelUnit : null) ?? unit ?? '万元');
    if (!r.ok) {
      report('error', 'invalid-amount', r.reason, source);
      return;
    }
    targets.budget[MONEY_KEYS[key]] = r.fen;
    targets.sources[MONEY_KEYS[key]] = source;
  };

  const apply = (pair: Pair<DepartmentLabelKey>, row: RowBlock) => {
    const label = pair.label.label!;
    const source = pairSource(pair, row);
    switch (label.key) {
      case 'departmentName': {
        const text = pairText(pair, 'joined');
        if (text !== '') {
          targets.department = readUnitName(text);
          targets.sources.department = source;
        }
        return;
      }
      case 'budgetCode': {
        const code = pairText(pair, 'joined').replace(/\s+/g, '');
        targets.budgetCode = code === '' ? null : code;
        targets.sources.budgetCode = source;
        return;
      }
      case 'annualBudget': {
        if (label.norm.unit === '元' || label.norm.unit === '万元') unit = label.norm.unit;
        const text = pairText(pair, 'joined');
        for (const a of text === '' ? [] : inlineAmounts(text)) {
          const key = lookupLabel(DEPARTMENT_LABELS, normalizeLabel(a.label).key);
          if (key === 'deptTotal' || key === 'projectSpending' || key === 'basicSpending') money(key, a.text, source, null);
          else report('warning', 'unrecognized-cell', `${tableName}中无法识别的预算安排：“${preview(a.label + a.text)}”`, source);
        }
        return;
      }
      case 'deptTotal':
      case 'projectSpending':
      case 'basicSpending':
        money(label.key, pairText(pair, 'joined'), source, label.norm.unit);
        return;
      case 'deptGoals':
        targets.goals.push(...readGoalLines(pairLines(pair)));
        targets.sources.goals ??= source;
        return;
      case 'duties':
        return;
      case 'indicatorGroup': {
        // "绩效指标 | 产出指标 | 指标1：…；指标2：…": indicators written as running text (issue 53)
        const cells = label.inline ? [{ text: label.inline, source: sourceOf(row, pair.label.cell) }] : [];
        for (const v of pair.values) if (!v.cell.mergedFromAbove && v.text !== '') cells.push({ text: paragraphText(v.cell), source: sourceOf(row, v.cell) });
        readRunning(cells);
        return;
      }
      case 'contact':
        report('info', 'form-signature', `${tableName}中跳过签字、联系方式（不作为数据保存）`, source);
        return;
      default:
        targets.fields.push(formField(null, label.text, pairText(pair, 'paragraphs'), source));
    }
  };

  const running = { level1: '', level2: '' };
  const readRunning = (cells: { text: string; source: SourceLocation }[]) => {
    const before = raws.length;
    for (const c of readRunningCells(cells, running, 'annual', raws, collectDoubts(checks.doubts), tableName)) {
      report('warning', 'unrecognized-cell', `${tableName}绩效指标栏中无法识别的文字：“${preview(c.text)}”`, c.source);
    }
    if (raws.length > before) report('info', 'running-indicators', `${tableName}的绩效指标写成文字，拆分为 ${raws.length - before} 个指标`, cells[0]!.source);
  };

  const readDuty = (row: RowBlock) => {
    const duty: DepartmentDuty = { function: null, task: null, projects: null, amount: null, source: row.source };
    if (dutyColumns.some((c) => c.key === 'dutyContent')) duty.content = null;
    let amountSource: SourceLocation | null = null;
    for (const p of place(row)) {
      const over = headerOver(p, dutyColumns);
      const text = p.cell.mergedFromAbove ? '' : over?.key === 'dutyAmount' ? joined(p.cell) : paragraphs(p.cell).join('\n');
      if (!over) {
        if (text !== '' && lookupLabel(DEPARTMENT_LABELS, normalizeLabel(text).key) !== 'duties') {
          report('warning', 'unrecognized-cell', `${tableName}履职目标行中无法识别的单元格：“${preview(text)}”`, sourceOf(row, p.cell));
        }
        continue;
      }
      if (text === '') continue;
      if (over.key === 'dutyFunction') duty.function = text;
      else if (over.key === 'dutyTask') duty.task = text;
      else if (over.key === 'dutyProjects') duty.projects = text;
      else if (over.key === 'dutyContent') duty.content = text;
      else if (duty.amount === null) {
        // the first amount under 预算金额: its 总额 where the form splits it (the columns after it are its parts)
        const r = readAmount(text, unit ?? '万元');
        if (r.ok) {
          duty.amount = r.fen;
          amountSource = sourceOf(row, p.cell);
        } else report('error', 'invalid-amount', r.reason, sourceOf(row, p.cell));
      }
    }
    if (duty.task !== null && DUTY_TOTAL.test(compactLabel(duty.task)) && duty.function === null && duty.projects === null) {
      // 金额合计 under the tasks: the department's total, no task
      if (targets.budget.total === null && duty.amount !== null) {
        targets.budget.total = duty.amount;
        targets.sources.total = amountSource ?? row.source;
      }
      return;
    }
    // 部门职能 merged down over its tasks.
    if (duty.function === null) duty.function = lastFunction;
    else lastFunction = duty.function;
    if (duty.task !== null || duty.projects !== null || duty.amount !== null) targets.duties.push(duty);
  };

  const structure = departmentStructure(seg, documentYear);
  const { rows, kinds, blockOf, headers } = structure;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const kind = kinds[i];
    if (kind === 'blank') continue;
    const block = blockOf[i]!;
    if (kind === 'header' && block >= 0 && headers[block]!.from === i) {
      const table = readIndicatorTable(structure, block, tableName, report);
      checks.headers.push(...table.headers);
      checks.doubts.push(...table.doubts);
      for (const raw of table.rows) {
        if (raw.group === 'longTerm') report('warning', 'long-term-indicator', `${tableName}中的长期指标“${preview(raw.name, 20)}”按年度指标保存`, raw.source);
        raws.push({ ...raw, group: 'annual' });
      }
      lead = null;
      i = table.end - 1;
      continue;
    }
    if (kind === 'signOff') {
      report('info', 'form-signature', `${tableName}中跳过签字、联系方式或审核意见行（不作为数据保存）`, row.source);
      continue;
    }
    if (kind === 'note') {
      report('info', 'form-note', `${tableName}中跳过表下的注释行（不作为数据保存）`, row.source);
      continue;
    }
    const cells = readFormRow(row, DEPARTMENT_LABELS);
    const unitCell = cells.find((c) => unitCaption(c.text) !== null);
    if (unitCell && cells.every((c) => c === unitCell || c.label === null)) {
      unit = unitCaption(unitCell.text)!.unit;
      targets.amountUnit = unit;
      continue;
    }
    // A duty header: 部门职能 | 年度目标任务 | 支出项目名称 | 预算金额 (after a 年度履职目标 label).
    const dutyHeads = cells.filter((c): c is FormCell<DepartmentLabelKey> & { label: { key: DutyColumn['key'] } } => c.label !== null && DUTY_KEYS.has(c.label.key));
    if (dutyHeads.length >= 2) {
      dutyColumns = dutyHeads.map((c) => ({ ...c, key: c.label.key }));
      const unitHead = dutyHeads.find((c) => c.label.norm.unit === '元' || c.label.norm.unit === '万元');
      if (unitHead) unit = unitHead.label.norm.unit as MoneyUnit;
      lead = 'duties';
      lastFunction = null;
      // 预算金额 split into 总额 | 财政拨款 | 其他资金 in the row under it: the parts' header, read once (issue 68)
      const next = rows[i + 1];
      const amountColumn = dutyColumns.find((c) => c.key === 'dutyAmount');
      if (next !== undefined && amountColumn !== undefined) {
        const parts = place(next).filter((p) => p.text !== '' && !p.cell.mergedFromAbove);
        if (parts.length > 0 && parts.every((p) => AMOUNT_PARTS.test(compactLabel(p.text)) && p.start >= amountColumn.start && p.end <= amountColumn.end)) i++;
      }
      continue;
    }
    const pairs = pairsOf(cells);
    const startsPart = cells[0]?.label != null && !cells[0].cell.mergedFromAbove;
    if (lead === 'duties' && !startsPart) {
      readDuty(row);
      continue;
    }
    if (pairs.length === 0) {
      const texts = place(row).filter((p) => p.text !== '' && !p.cell.mergedFromAbove);
      if (lead === 'pending') {
        for (const [label, values] of valuesUnder(pending, row)) apply({ label, values: values.map((v) => ({ ...v, label: null })) }, row);
        lead = null;
        continue;
      }
      if (lead === 'indicatorGroup' && (row.cells[0]?.mergedFromAbove || joined(row.cells[0]) === '')) {
        readRunning(texts.map((p) => ({ text: paragraphText(p.cell), source: sourceOf(row, p.cell) })));
        continue;
      }
      if (lead === 'deptGoals' && (row.cells[0]?.mergedFromAbove || joined(row.cells[0]) === '' || /^目标\s*\d+/.test(texts[0]?.text ?? ''))) {
        targets.goals.push(...readGoalLines(texts.flatMap((p) => paragraphs(p.cell))));
        continue;
      }
      const unknown = unknownPairs(row);
      if (unknown) {
        for (const { label, value } of unknown) {
          const source = sourceOf(row, value.cell);
          targets.fields.push(formField(null, labelText(label.text), paragraphText(value.cell), source));
          report('warning', 'unknown-field', `${tableName}中未知的栏目“${preview(labelText(label.text), 20)}”，按原样保存`, source);
        }
        continue;
      }
      report('warning', 'unrecognized-row', `${tableName}中无法识别的行：“${preview(rowText(row), 60)}”`, row.source);
      continue;
    }
    if (isHeaderOnly(pairs, cells) && rows[i + 1] && !readFormRow(rows[i + 1]!, DEPARTMENT_LABELS).some((c) => c.label !== null && c.label.key !== 'annualBudget')) {
      pending = pairs.map((p) => p.label).filter((l) => l.label!.key !== 'annualBudget');
      for (const p of pairs) if (p.label.label!.key === 'annualBudget' && (p.label.label!.norm.unit === '元' || p.label.label!.norm.unit === '万元')) unit = p.label.label!.norm.unit as MoneyUnit;
      lead = 'pending';
      continue;
    }
    for (const pair of pairs) apply(pair, row);
    if (startsPart) lead = cells[0]!.label!.key;
  }
  // 部门预算编码 is the unit's code (the "763001" before a name elsewhere): the department's, when its name cell gives none.
  if (targets.department !== null && targets.department.code === null && targets.budgetCode !== null && /^\d{3,}$/.test(targets.budgetCode)) {
    targets.department = { ...targets.department, code: targets.budgetCode };
  }
  return { targets, raws, tableName, checks, structure };
}
