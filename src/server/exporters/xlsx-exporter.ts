/**
 * Excel export of any selection of documents, and the blank fill-in template: one format, so an
 * export IS a filled template and reads back (../importers/xlsx/read-xlsx.ts) to the same model.
 *
 * Sheets: 说明 (how to fill in), 单位, 部门目标, 项目, 指标 — the data, read back on import — then
 * 问题 (review findings, export only) and 指标体系 (the framework: the drop-down lists of 一级/二级指标).
 * Every sheet has a frozen, filtered header row, column widths and wrapped text. Amounts are
 * numbers in 万元 with the format "0.00####" (two decimals shown, more when the amount has them:
 * 20.982 万元 is shown as 20.982, never rounded away); each is written from its fen as an exact
 * decimal, and an amount with more than 15 significant digits (which a binary float cannot hold)
 * is written as text instead, which the importer reads the same way.
 */
import ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import { neutraliseWorkbook } from './xlsx-sheets';
import { DEFAULT_FRAMEWORK_ID, getFramework, type IndicatorFramework } from '../../shared/domain/framework';
import { CHECKPOINTS, type FormField, type FundingLine, type Indicator, type ParsedDocument, type Project, type SpendingCheckpoint } from '../../shared/domain/model';
import { formatWan } from '../../shared/domain/money';
import { groupRepeated, reviewAndScore } from '../../shared/review/report';
import type { FindingCategory } from '../../shared/review/types';
import {
  DUTY_COLUMNS,
  EXTRA_COLUMNS,
  FIELD_COLUMNS,
  FIELD_KIND_LABEL,
  FRAMEWORK_ID_HEADER,
  GROUP_LABEL,
  INDICATOR_COLUMNS,
  ITEM_COLUMNS,
  ITEM_KIND_LABEL,
  NARRATIVE_COLUMNS,
  NO_DEPARTMENT,
  PART_LABEL,
  PLAN_COLUMN,
  PROJECT_COLUMNS,
  SHEET,
  TARGET_COLUMNS,
  TARGET_INDICATOR_COLUMNS,
  UNIT_COLUMNS,
  YES,
  type ColumnSpec,
} from '../importers/xlsx/read-xlsx';
import { addRow, addTable, amountCell, AMOUNT_FORMAT, listValidation, numberFormat, PERCENT_FORMAT, validate, type Cell } from './xlsx-sheets';

export interface XlsxExportOptions {
  /** Add the 问题 sheet with each document's review findings (default true). */
  findings?: boolean;
}

export interface TemplateOptions {
  /** The framework whose categories the drop-downs offer (default cn-2015). */
  frameworkId?: string;
}

/** Rows of 指标 (and the other sheets) that get the drop-down lists, at least. */

const CATEGORY_NAMES: Record<FindingCategory, string> = {
  missing: '缺项',
  budget: '金额不平',
  schedule: '支出计划',
  taxonomy: '指标类别',
  unit: '指标值单位',
  vague: '无法衡量',
  duplicate: '重复照抄',
  mismatch: '自相矛盾',
};
const SEVERITY_NAMES = { error: '错误', warning: '警告', info: '提示' } as const;

const FINDING_COLUMNS = [
  { key: 'doc', header: '文档编号', width: 10 },
  { key: 'department', header: '单位名称', width: 30 },
  { key: 'project', header: '项目键', width: 16 },
  { key: 'projectName', header: '项目名称', width: 28 },
  { key: 'indicator', header: '三级指标', width: 20 },
  { key: 'severity', header: '严重程度', width: 9 },
  { key: 'category', header: '类别', width: 11 },
  { key: 'criterion', header: '审核要点', width: 9 },
  { key: 'message', header: '问题', width: 50 },
  { key: 'suggestion', header: '修改建议', width: 50 },
  { key: 'rule', header: '规则', width: 28 },
  { key: 'line', header: '原文行号', width: 9 },
  { key: 'ref', header: '原文位置', width: 16 },
  { key: 'group', header: '多项目重复', width: 36 },
] as const;


/** The selection as a workbook: the documents (in order), and by default their review findings. */
export async function exportXlsx(docs: ParsedDocument[], opts: XlsxExportOptions = {}): Promise<Buffer> {
  return build(docs, { findings: opts.findings ?? true, framework: commonFramework(docs) });
}

/** The blank fill-in template: the same sheets with headers, drop-downs and the 说明 sheet. */
export async function exportTemplate(opts: TemplateOptions = {}): Promise<Buffer> {
  const framework = getFramework(opts.frameworkId ?? DEFAULT_FRAMEWORK_ID);
  if (!framework) throw new Error(`没有编号为“${opts.frameworkId}”的指标体系`);
  return build([], { findings: false, framework });
}

/** The framework of the drop-downs: the one most documents use, else the default. */
function commonFramework(docs: ParsedDocument[]): IndicatorFramework {
  const counts = new Map<string, number>();
  for (const d of docs) counts.set(d.frameworkVersion, (counts.get(d.frameworkVersion) ?? 0) + 1);
  const id = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? DEFAULT_FRAMEWORK_ID;
  return getFramework(id) ?? getFramework(DEFAULT_FRAMEWORK_ID)!;
}

async function build(docs: ParsedDocument[], opts: { findings: boolean; framework: IndicatorFramework }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  wb.created = new Date();

  const keys = projectKeys(docs);
  const docKey = (i: number) => i + 1;

  addInstructions(wb, opts.framework);

  const units = addTable(wb, SHEET.units, UNIT_COLUMNS);
  docs.forEach((doc, i) =>
    addRow(units, UNIT_COLUMNS, {
      doc: docKey(i),
      code: doc.department?.code ?? null,
      name: doc.department?.name ?? null,
      year: doc.year,
      overall: doc.departmentGoals.overall,
      framework: doc.frameworkVersion,
      file: doc.file,
    }),
  );

  const items = addTable(wb, SHEET.items, ITEM_COLUMNS);
  docs.forEach((doc, i) => {
    for (const kind of ['subGoals', 'measures'] as const) {
      for (const item of doc.departmentGoals[kind]) {
        addRow(items, ITEM_COLUMNS, {
          doc: docKey(i),
          kind: ITEM_KIND_LABEL[kind],
          numbering: item.numbering,
          title: item.title,
          text: item.text,
          goalText: item.goalText,
          indicatorText: item.indicatorText,
        });
      }
    }
  });
  listValidation(items, ITEM_COLUMNS, 'kind', Object.values(ITEM_KIND_LABEL), items.rowCount);

  const projects = addTable(wb, SHEET.projects, PROJECT_COLUMNS);
  docs.forEach((doc, i) => {
    doc.projects.forEach((p, j) => {
      const plan = planCells(p);
      addRow(projects, PROJECT_COLUMNS, {
        key: keys[i]![j]!,
        doc: docKey(i),
        part: PART_LABEL[p.part],
        sequence: p.sequence,
        code: p.code,
        name: p.name,
        total: amountCell(p.budget.total),
        fiscal: amountCell(p.budget.fiscal),
        other: amountCell(p.budget.other),
        purpose: p.purpose,
        planUnit: plan.unit,
        p03: plan.cells['03'],
        p06: plan.cells['06'],
        p10: plan.cells['10'],
        p12: plan.cells['12'],
        goals: p.goals.length ? p.goals.join('\n') : null,
        title: p.title,
        department: departmentCell(doc, p),
        amountUnit: p.amountUnit,
        projectTotal: amountCell(p.projectBudget?.total ?? null),
        projectFiscal: amountCell(p.projectBudget?.fiscal ?? null),
        projectOther: amountCell(p.projectBudget?.other ?? null),
        longTermGoals: p.longTermGoals.length ? p.longTermGoals.join('\n') : null,
      });
      const row = projects.lastRow!;
      for (const key of ['total', 'fiscal', 'other', 'projectTotal', 'projectFiscal', 'projectOther'] as const) numberFormat(row, PROJECT_COLUMNS, key, AMOUNT_FORMAT);
      for (const c of CHECKPOINTS) numberFormat(row, PROJECT_COLUMNS, PLAN_COLUMN[c], plan.unit === '%' ? PERCENT_FORMAT : AMOUNT_FORMAT);
    });
  });
  const projectRows = projects.rowCount;
  listValidation(projects, PROJECT_COLUMNS, 'part', Object.values(PART_LABEL), projectRows);
  listValidation(projects, PROJECT_COLUMNS, 'planUnit', ['%', '万元'], projectRows);
  listValidation(projects, PROJECT_COLUMNS, 'amountUnit', ['万元', '元'], projectRows);

  const indicators = addTable(wb, SHEET.indicators, INDICATOR_COLUMNS);
  docs.forEach((doc, i) => {
    doc.projects.forEach((p, j) => {
      for (const [group, list] of [['annual', p.indicators], ['longTerm', p.longTermIndicators]] as const) {
        for (const ind of list) {
          addRow(indicators, INDICATOR_COLUMNS, {
            project: keys[i]![j]!,
            projectName: p.name,
            ...indicatorCells(ind),
            group: group === 'longTerm' ? GROUP_LABEL.longTerm : null,
          });
        }
      }
    });
  });
  const indicatorRows = indicators.rowCount;
  const fw = opts.framework;
  const level2Names = fw.level1.flatMap((l1) => l1.level2.map((l2) => l2.name));
  rangeValidation(indicators, INDICATOR_COLUMNS, 'level1', `'${SHEET.framework}'!$A$2:$A$${fw.level1.length + 1}`, '一级指标', indicatorRows);
  rangeValidation(indicators, INDICATOR_COLUMNS, 'level2', `'${SHEET.framework}'!$B$2:$B$${level2Names.length + 1}`, '二级指标', indicatorRows);
  listValidation(indicators, INDICATOR_COLUMNS, 'level1Inherited', [YES, '否'], indicatorRows);
  listValidation(indicators, INDICATOR_COLUMNS, 'level2Inherited', [YES, '否'], indicatorRows);

  addLayoutSheets(wb, docs, keys);
  if (opts.findings) addFindings(wb, docs, keys);
  addFramework(wb, fw);

  neutraliseWorkbook(wb);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** The cells of an indicator row of 指标 or 部门整体指标 (the raw categories and whether they were merged). */
function indicatorCells(ind: Indicator): Record<string, Cell> {
  return {
    level1: ind.level1Raw,
    level2: ind.level2Raw,
    name: ind.name,
    description: ind.description,
    target: ind.target.raw,
    basis: ind.basis,
    level1Inherited: ind.level1Inherited ? YES : null,
    level2Inherited: ind.level2Inherited ? YES : null,
  };
}

/**
 * What documents of other layouts carry, on sheets of their own: the form's other fields and
 * further money lines (表单栏目), the cells of extra indicator columns (附加列), narratives (项目说明),
 * and a department's whole-budget targets (部门整体目标, 履职目标, 部门整体指标). Written, even
 * empty, so that the workbook is a template for them too.
 */
function addLayoutSheets(wb: ExcelJS.Workbook, docs: ParsedDocument[], keys: string[][]): void {
  const fields = addTable(wb, SHEET.fields, FIELD_COLUMNS);
  const extras = addTable(wb, SHEET.extras, EXTRA_COLUMNS);
  const narrative = addTable(wb, SHEET.narrative, NARRATIVE_COLUMNS);
  const targets = addTable(wb, SHEET.targets, TARGET_COLUMNS);
  const duties = addTable(wb, SHEET.duties, DUTY_COLUMNS);
  const targetIndicators = addTable(wb, SHEET.targetIndicators, TARGET_INDICATOR_COLUMNS);

  const fieldRow = (doc: number, project: string | null, f: FormField) =>
    addRow(fields, FIELD_COLUMNS, { doc, project, kind: FIELD_KIND_LABEL.field, key: f.key, label: f.label, value: f.value });
  const lineRow = (doc: number, project: string, kind: 'budget' | 'project', l: FundingLine) => {
    addRow(fields, FIELD_COLUMNS, { doc, project, kind: FIELD_KIND_LABEL[kind], label: l.label, amount: amountCell(l.amount) });
    numberFormat(fields.lastRow!, FIELD_COLUMNS, 'amount', AMOUNT_FORMAT);
  };
  const extraRows = (doc: number, project: string | null, group: keyof typeof GROUP_LABEL, list: readonly Indicator[]) =>
    list.forEach((ind, k) => {
      for (const e of ind.extras) addRow(extras, EXTRA_COLUMNS, { doc, project, group: GROUP_LABEL[group], index: k + 1, header: e.header, text: e.text });
    });

  docs.forEach((doc, i) => {
    const d = i + 1;
    doc.projects.forEach((p, j) => {
      const key = keys[i]![j]!;
      for (const f of p.fields) fieldRow(d, key, f);
      for (const l of p.budgetLines) lineRow(d, key, 'budget', l);
      for (const l of p.projectBudget?.lines ?? []) lineRow(d, key, 'project', l);
      extraRows(d, key, 'annual', p.indicators);
      extraRows(d, key, 'longTerm', p.longTermIndicators);
      for (const s of p.narrative) addRow(narrative, NARRATIVE_COLUMNS, { project: key, title: s.title, text: s.text });
    });
    const t = doc.departmentTargets;
    if (t === null) return;
    addRow(targets, TARGET_COLUMNS, {
      doc: d,
      title: t.title,
      name: t.department?.name ?? null,
      code: t.department?.code ?? null,
      budgetCode: t.budgetCode,
      year: t.year,
      amountUnit: t.amountUnit,
      total: amountCell(t.budget.total),
      projectSpending: amountCell(t.budget.project),
      basic: amountCell(t.budget.basic),
      goals: t.goals.length ? t.goals.join('\n') : null,
    });
    for (const key of ['total', 'projectSpending', 'basic'] as const) numberFormat(targets.lastRow!, TARGET_COLUMNS, key, AMOUNT_FORMAT);
    for (const duty of t.duties) {
      addRow(duties, DUTY_COLUMNS, { doc: d, function: duty.function, task: duty.task, projects: duty.projects, amount: amountCell(duty.amount) });
      numberFormat(duties.lastRow!, DUTY_COLUMNS, 'amount', AMOUNT_FORMAT);
    }
    for (const ind of t.indicators) addRow(targetIndicators, TARGET_INDICATOR_COLUMNS, { doc: d, ...indicatorCells(ind) });
    for (const f of t.fields) fieldRow(d, null, f);
    extraRows(d, null, 'department', t.indicators);
  });
  listValidation(fields, FIELD_COLUMNS, 'kind', Object.values(FIELD_KIND_LABEL), fields.rowCount);
  listValidation(extras, EXTRA_COLUMNS, 'group', Object.values(GROUP_LABEL), extras.rowCount);
  listValidation(targetIndicators, TARGET_INDICATOR_COLUMNS, 'level1Inherited', [YES, '否'], targetIndicators.rowCount);
  listValidation(targetIndicators, TARGET_INDICATOR_COLUMNS, 'level2Inherited', [YES, '否'], targetIndicators.rowCount);
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * Each project's 项目键: its code when that is unique in the workbook (readable, and what people
 * type), else "文档编号-部分序号" such as "2-公用3".
 */
function projectKeys(docs: ParsedDocument[]): string[][] {
  const codeCount = new Map<string, number>();
  for (const d of docs) for (const p of d.projects) if (p.code) codeCount.set(p.code, (codeCount.get(p.code) ?? 0) + 1);
  const used = new Set<string>();
  return docs.map((d, i) =>
    d.projects.map((p) => {
      let key = p.code && codeCount.get(p.code) === 1 ? p.code : `${i + 1}-${PART_LABEL[p.part]}${p.sequence}`;
      for (let n = 2; used.has(key); n++) key = `${i + 1}-${PART_LABEL[p.part]}${p.sequence}-${n}`;
      used.add(key);
      return key;
    }),
  );
}

/**
 * The plan's cells and its 计划口径: % unless every written value was an amount. A value given
 * the other way is written as text with its unit ("25%", "30.00万元"), which the importer reads.
 */
function planCells(p: Project): { unit: '%' | '万元'; cells: Record<string, Cell> } {
  const given = p.spendingPlan.filter((e) => e.given !== null);
  const unit = given.length > 0 && given.every((e) => e.given === 'amount') ? '万元' : '%';
  const cells: Record<string, Cell> = {};
  for (const e of p.spendingPlan) cells[e.checkpoint] = planCell(e, unit);
  return { unit, cells };
}

function planCell(e: SpendingCheckpoint, unit: '%' | '万元'): Cell {
  if (e.given === 'percent' && e.percent !== null) return unit === '%' ? e.percent : `${e.percent}%`;
  if (e.given === 'amount' && e.amount !== null) return unit === '万元' ? amountCell(e.amount) : `${formatWan(e.amount)}万元`;
  return null;
}

/** 表头单位: the table's own unit; "无" when its header named none though the document has one. */
function departmentCell(doc: ParsedDocument, p: Project): string | null {
  if (p.department === null) return doc.department === null ? null : NO_DEPARTMENT;
  return `${p.department.code ?? ''}${p.department.name}`;
}

// ---------------------------------------------------------------------------------------------
// Sheets

function rangeValidation(ws: Worksheet, columns: readonly { key: string }[], key: string, range: string, label: string, rows: number): void {
  validate(ws, columns, key, rows, {
    type: 'list',
    allowBlank: true,
    formulae: [range],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: `${label}不在指标体系中`,
    error: `请从下拉列表中选择${label}（见“${SHEET.framework}”工作表）`,
    showInputMessage: true,
    promptTitle: label,
    prompt: `从下拉列表选择；空白表示与上一行相同`,
  });
}

function addFindings(wb: ExcelJS.Workbook, docs: ParsedDocument[], keys: string[][]): void {
  const ws = addTable(wb, SHEET.findings, FINDING_COLUMNS);
  docs.forEach((doc, i) => {
    const { findings } = reviewAndScore(doc);
    // a rule over many projects: every row says so, with the tables, so a filter on the column shows it once
    const groups = new Map(
      groupRepeated(findings).map((g) => [g.rule, `本规则${g.findings.length}条，涉及${g.projects.length}个项目：表${g.projects.map((p) => doc.projects[p]!.sequence).join('、')}`]),
    );
    for (const f of findings) {
      addRow(ws, FINDING_COLUMNS, {
        doc: i + 1,
        department: doc.department?.name ?? null,
        project: f.projectIndex === null ? null : (keys[i]![f.projectIndex] ?? null),
        projectName: f.project,
        indicator: f.indicator,
        severity: SEVERITY_NAMES[f.severity],
        category: CATEGORY_NAMES[f.category],
        criterion: f.criterion,
        message: f.message,
        suggestion: f.suggestion,
        rule: f.rule,
        line: f.source?.line ?? null,
        ref: f.source?.ref ?? null,
        group: f.projectIndex === null ? null : (groups.get(f.rule) ?? null),
      });
    }
  });
}

function addFramework(wb: ExcelJS.Workbook, fw: IndicatorFramework): void {
  const columns = [
    { key: 'level1', header: '一级指标', width: 14 },
    { key: 'level2', header: '二级指标', width: 18 },
    { key: 'parent', header: '所属一级指标', width: 14 },
    { key: 'synonyms', header: '也可识别的写法', width: 36 },
    { key: 'gap', header: '', width: 4 },
    { key: 'id', header: FRAMEWORK_ID_HEADER, width: 14 },
    { key: 'name', header: '指标体系名称', width: 40 },
  ];
  const ws = addTable(wb, SHEET.framework, columns, false);
  const level2 = fw.level1.flatMap((l1) => l1.level2.map((l2) => ({ ...l2, parent: l1.name })));
  const rows = Math.max(fw.level1.length, level2.length);
  for (let i = 0; i < rows; i++) {
    const l1 = fw.level1[i];
    const l2 = level2[i];
    addRow(ws, columns, {
      level1: l1?.name ?? null,
      level2: l2?.name ?? null,
      parent: l2?.parent ?? null,
      synonyms: [...(l2?.synonyms ?? [])].join('、') || null,
      id: i === 0 ? fw.id : null,
      name: i === 0 ? fw.name : null,
    });
  }
}

function addInstructions(wb: ExcelJS.Workbook, fw: IndicatorFramework): void {
  const ws = wb.addWorksheet(SHEET.instructions);
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 100;
  const title = ws.addRow(['预算绩效目标填报表（Jixiao）']);
  title.font = { bold: true, size: 14 };
  const lines: [string, string][] = [
    ['用途', '本工作簿既是导出结果，也是填报模板：按本说明填写后可用 jixiao import 导入，导出的文件原样导入得到相同的数据。'],
    ['导入规则', '导入前逐格检查；任何一格有错，整个文件都不导入，并逐一列出出错的单元格（如“项目!H12: 预算数“abc”不是金额”）。'],
    ['金额', '金额一律以万元为单位，填数字，最多六位小数（精确到分），如 1262.16、20.982。'],
    ['指标体系', `一级、二级指标从下拉列表选择，列表见“${SHEET.framework}”工作表（${fw.id}：${fw.name}）。`],
    ['', ''],
  ];
  const sheets: [string, readonly ColumnSpec[], string][] = [
    [SHEET.units, UNIT_COLUMNS, '每个单位（每份部门预算绩效目标文档）一行。'],
    [SHEET.items, ITEM_COLUMNS, '第一部分的分项绩效目标和工作保障措施，每条一行，按原文顺序。'],
    [SHEET.projects, PROJECT_COLUMNS, '每个项目（每张项目绩效目标表）一行，按原文顺序。'],
    [SHEET.indicators, INDICATOR_COLUMNS, '每个绩效指标一行，同一项目的指标按顺序排列。'],
    [SHEET.fields, FIELD_COLUMNS, '申报表中的其他栏目（项目性质、实施单位、实施期……）和资金的其他来源（上年结转资金、区级资金……），每项一行；没有可不填。'],
    [SHEET.extras, EXTRA_COLUMNS, '原表指标表中本系统没有对应字段的列（绩效标准、指标解释、评（记）分标准、备注……），每个指标每列一行；没有可不填。'],
    [SHEET.narrative, NARRATIVE_COLUMNS, '随项目表提交的说明（项目经费情况说明），每个章节一行；没有可不填。'],
    [SHEET.targets, TARGET_COLUMNS, '部门（单位）整体支出绩效目标表，每个单位文档最多一行；没有可不填。'],
    [SHEET.duties, DUTY_COLUMNS, '部门整体支出绩效目标表中的年度履职目标，每行一项，按原文顺序。'],
    [SHEET.targetIndicators, TARGET_INDICATOR_COLUMNS, '部门整体支出绩效目标表中的绩效指标，每个指标一行，按原文顺序。'],
  ];
  for (const [l, t] of lines) ws.addRow([l, t]);
  for (const [name, columns, about] of sheets) {
    const head = ws.addRow([`工作表“${name}”`, about]);
    head.font = { bold: true };
    for (const c of columns) ws.addRow([`  ${c.header}`, c.note]);
    ws.addRow([]);
  }
  ws.addRow([`工作表“${SHEET.findings}”`, '导出时附带的审核问题，仅供查看，导入时不读取。']).font = { bold: true };
  ws.addRow([`工作表“${SHEET.framework}”`, '下拉列表的来源和可识别的同义写法，导入时不读取（“指标体系编号”在单位表未填指标体系时使用）。']).font = { bold: true };
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
}
