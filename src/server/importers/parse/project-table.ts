/**
 * One project's table, whatever its layout: the published 项目绩效目标表 (header cell with the unit,
 * 项目编码 | … | 项目名称 | …, 预算规模及资金用途 …), a municipal 申报表 grid (labels and values spread
 * over eight columns, the whole project's money and the year's, 项目总目标 beside 年度总体目标), or
 * anything between. Rows are read as forms (forms.ts) until the indicator header, then as an
 * indicator table (indicators.ts). Nothing is dropped: a cell that is neither a known label nor a
 * value is a diagnostic, an unknown label with a value a form field (warning `unknown-field`).
 */
import { CHECKPOINTS, type Checkpoint, type FormField, type Project, type SourceLocation, type SpendingCheckpoint } from '../../../shared/domain/model';
import { amountOfPercent, percentHundredths, type MoneyUnit } from '../../../shared/domain/money';
import { compactLabel, toHalfWidth } from '../../../shared/domain/text';
import { CHECKPOINT_LABELS, PROJECT_LABELS, formNameOfTitle, isFormNote, isNonDataLabel, lookupLabel, normalizeLabel, type LabelRule, type ProjectLabelKey } from '../../../shared/layout/labels';
import { nameByHeading } from '../../../shared/domain/form-template';
import type { PreparedTemplate } from '../structure/template';
import type { FormFieldRole } from '../../../shared/domain/form-profile';
import type { RowBlock } from '../blocks';
import { isBlankRow, joined, paragraphText, paragraphs, place, preview, sourceOf } from './grid';
import {
  codedFormField,
  formField,
  splitLeadingCode,
  fundingLine,
  inlineAmounts,
  isHeaderOnly,
  leadingCells,
  pairLines,
  pairSource,
  labelText,
  pairsOf,
  pairText,
  readAmount,
  leadLabelKey,
  readFormRow,
  readGoalLines,
  readUnitName,
  repeatedValue,
  rowText,
  unitCaption,
  unknownPairs,
  valuesUnder,
  type FormCell,
  type Pair,
} from './forms';
import { FormRecorder, aliasBasis, aliasFunds } from './form-profile';
import { collectDoubts, looksLikeValue, tableChecks, watchUnplaced, type TableChecks } from '../structure/doubts';
import { readRunningCells } from './running-text';
import { analyzeTable, type TableStructure } from '../structure/table';
import { readIndicatorTable, type RawIndicator } from './indicators';
import type { Report } from './report';
import type { Segment } from './segment';

/** Project codes: region (6 digits) + year (2 digits) + a letter + serial, e.g. 13020225P008911100023. */
export const PROJECT_CODE = /^(\d{6})(\d{2})[A-Z][0-9A-Z]+$/;

/** A project read from its table, its indicators still raw (the framework is the document's). */
export interface ProjectDraft {
  project: Project;
  raws: RawIndicator[];
  tableName: string;
  /** What the table's reading gathered for its checks (structure/doubts.ts). */
  checks: TableChecks;
}

type Cells = FormCell<ProjectLabelKey>[];
type ProjectPair = Pair<ProjectLabelKey>;
/** The name of an office (…局, …委员会, …中心) and of a fund or a piece of work (…专项资金, …经费, …项目). */
const OFFICE_NAME = /(局|委员会|委|厅|办公室|中心|政府|研究院|研究所|管理处|管理站|大队|支队)$/;
const FUND_NAME = /(资金|经费|项目|工程|补助|补贴|专项)$/;

type DepartmentSource = 'budgetDepartment' | 'supervisor' | 'header' | 'implementer';

/** Labels that start a part of the form, ending an indicator table that comes before them. */
const FORM_LEADS: ReadonlySet<ProjectLabelKey> = new Set(['name', 'code', 'goals', 'longTermGoals', 'annualTotal', 'projectTotal', 'moneyGroup', 'plan', 'purpose', 'budgetDepartment', 'supervisor', 'implementer']);

/** The header field of the form profile a label is (fiscal and other only in this year's money: see noteLabel). */
const PROFILE_ROLES: Partial<Record<ProjectLabelKey, FormFieldRole>> = {
  name: 'name',
  code: 'code',
  budgetDepartment: 'department',
  supervisor: 'department',
  implementer: 'department',
  annualTotal: 'total',
  projectTotal: 'projectTotal',
  fiscal: 'fiscal',
  other: 'other',
  purpose: 'purpose',
  plan: 'spendingPlan',
  goals: 'goals',
  longTermGoals: 'longTermGoals',
};

/** The profile's label for a department named only in the table's header cell ("763001中共…  单位：万元"). */
const HEADER_DEPARTMENT_LABEL = '单位名称（表头）';

/** Labels whose value is kept as a form field, as written. */
const FIELD_KEYS: Partial<Record<ProjectLabelKey, string>> = {
  nature: 'nature',
  category: 'category',
  startDate: 'startDate',
  endDate: 'endDate',
  period: 'period',
  basis: 'basis',
  executionScore: 'executionScore',
};

class ProjectForm {
  readonly project: Project;
  readonly sources: Project['sources'];
  readonly raws: RawIndicator[] = [];
  readonly tableName: string;
  private unit: MoneyUnit | null;
  private unitAssumed = false;
  /** The unit a money group's label gives (项目资金（元）) to the rows under it. */
  private groupUnit: MoneyUnit | null = null;
  /**
   * The unit the form's first money label states (年度资金总额（元）): its other amounts are written in it
   * when they say none (其中：财政资金 under it, 其中 rows under a merged 预算数（元）), never in the 万元 assumed
   * for a form that says no unit at all (issue 53: a breakdown in 元 was read as 万元, ten thousand times over).
   */
  private statedUnit: MoneyUnit | null = null;
  /** Which money the parts (财政资金, 其他资金, lines) belong to: the last total's. */
  private scope: 'annual' | 'project' = 'annual';
  /** A money sub-table inside 项目资金 ((一)财政拨款小计 / 1、一般公共预算 / (二)自有资金 …) being read; null outside one. */
  private moneyTable: MoneyTable | null = null;
  /** The column each total's label stood in, for parts written under it (side-by-side totals). */
  private readonly totalColumns = new Map<number, 'annual' | 'project'>();
  /** The label that led the last row, for rows that continue it (目标2, the purpose, the plan's values). */
  private lead: ProjectLabelKey | 'pending' | null = null;
  private pending: Cells = [];
  private planHeader: RowBlock | null = null;
  private sawMoney = false;
  /** The form has a 项目名称 label (filled in or not). */
  private nameLabel = false;
  /** The rows being read stand under a medium-term title (Segment.longTermFrom): their indicators and goals are medium-term. */
  private mediumTerm = false;
  readonly departments = new Map<DepartmentSource, { text: string; source: SourceLocation; label: string }>();
  /** The form's profile, recorded as labels and indicator headers are read. */
  readonly form = new FormRecorder();
  /** The categories running text beside a 绩效指标 label stands under, carried from row to row. */
  private readonly running = { level1: '', level2: '' };
  /** The labels the form is read with: a form template's (issue 54) before the vocabulary's. */
  private readonly labels: readonly LabelRule<ProjectLabelKey>[];

  constructor(
    private readonly seg: Segment,
    private readonly structure: TableStructure,
    sequence: number,
    private readonly report: Report,
    readonly checks: TableChecks,
    /** The year the document's titles say (its own table may have no title): document-parser's documentYear. */
    private readonly documentYear: () => number | null = () => null,
  ) {
    this.unit = seg.unit;
    this.sources = { title: seg.source };
    this.project = {
      part: seg.part === 3 ? 'public' : 'project',
      sequence,
      title: seg.title,
      code: null,
      name: '',
      year: null,
      department: null,
      amountUnit: seg.unit ?? '万元',
      budget: { total: null, fiscal: null, other: null },
      budgetLines: [],
      projectBudget: null,
      fields: [],
      purpose: null,
      spendingPlan: CHECKPOINTS.map((checkpoint) => ({ checkpoint, percent: null, amount: null, given: null, source: null })),
      goals: [],
      longTermGoals: [],
      indicators: [],
      longTermIndicators: [],
      narrative: [],
      source: seg.source,
      sources: this.sources,
    };
    this.tableName = `表“${preview(seg.title || '（无标题）', 30)}”`;
    this.labels = structure.template === null ? PROJECT_LABELS : templateLabels(structure.template);
  }

  read(): void {
    const { rows, kinds, blockOf, headers } = this.structure;
    for (let i = 0; i < rows.length; i++) {
      const kind = kinds[i];
      if (kind === 'blank') continue;
      this.mediumTerm = this.seg.longTermFrom !== undefined && i >= this.seg.longTermFrom;
      const block = blockOf[i]!;
      if (kind === 'header' && block >= 0 && headers[block]!.from === i) {
        this.finishMoneyTable();
        const table = readIndicatorTable(this.structure, block, this.tableName, this.report);
        this.checks.headers.push(...table.headers);
        this.checks.doubts.push(...table.doubts);
        this.form.table(table.columns);
        const basis = table.rows.length > 0 ? aliasBasis(table.rows, table.columns, this.tableName, this.report) : null;
        if (basis !== null) this.form.column('basis', basis);
        if (this.mediumTerm) for (const r of table.rows) r.group = 'longTerm';
        this.raws.push(...table.rows);
        this.lead = null;
        i = table.end - 1;
        continue;
      }
      if (kind === 'signOff') {
        this.report('info', 'form-signature', `${this.tableName}中跳过签字、联系方式或审核意见行（不作为数据保存）`, rows[i]!.source);
        continue;
      }
      if (kind === 'note') {
        this.report('info', 'form-note', `${this.tableName}中跳过表下的注释行（不作为数据保存）`, rows[i]!.source);
        continue;
      }
      this.readRow(rows[i]!, rows[i + 1]);
    }
    this.finishMoneyTable();
  }

  /**
   * Money as a small table inside 项目资金 (issue 31): a header 资金来源 | 金额 (or a first numbered
   * item) opens it; each row is a numbered item and a plain number, sub-items (1、一般公共预算)
   * indented under a top item ((一)财政拨款小计). Read: 合计 (else the sum of the top items) the
   * total, the 财政拨款 item the fiscal money, the other top items the other money; the sub-items
   * and the other top items are kept as lines.
   */
  private readMoneyTableRow(row: RowBlock): boolean {
    // Asked of every row of the form: a row of the money table has two written cells (three with the
    // group's label before them); the others are out after a count, without a filtered copy.
    const placed = place(row);
    let written = 0;
    for (let k = 0; k < placed.length; k++) if (placed[k]!.text !== '' && !placed[k]!.cell.mergedFromAbove) written++;
    if (written !== 2 && written !== 3) {
      this.finishMoneyTable();
      return false;
    }
    const cells = placed.filter((p) => p.text !== '' && !p.cell.mergedFromAbove);
    let rest = cells;
    let groupLabel: NormalizedLabelOf | null = null;
    if (rest.length === 3) {
      const norm = normalizeLabel(rest[0]!.text);
      if (lookupLabel(PROJECT_LABELS, norm.key) === 'moneyGroup') {
        groupLabel = { text: rest[0]!.text, norm };
        rest = rest.slice(1);
      }
    }
    if (rest.length === 2 && MONEY_TABLE_SOURCE.test(compactLabel(rest[0]!.text)) && MONEY_TABLE_AMOUNT.test(normalizeLabel(rest[1]!.text).key)) {
      this.finishMoneyTable();
      if (groupLabel) {
        this.noteLabel('moneyGroup', groupLabel.text);
        this.setGroupUnit(groupLabel.norm.unit);
      }
      this.setGroupUnit(normalizeLabel(rest[1]!.text).unit);
      this.moneyTable = { items: [], source: row.source };
      this.lead = null;
      return true;
    }
    const item = rest.length === 2 ? moneyItemOf(rest[0]!.text) : null;
    const amountText = rest[1]?.text ?? '';
    if (item === null || !/^[\d.,，\s]+$/.test(toHalfWidth(amountText))) {
      this.finishMoneyTable();
      return false;
    }
    if (this.moneyTable === null) {
      // Without a header, only a row under the money group's label whose item names money opens the table.
      if (groupLabel === null && this.lead !== 'moneyGroup') return false;
      if (item.kind === 'item' && !FISCAL_ITEM.test(item.name) && !OTHER_ITEM.test(item.name)) return false;
      if (groupLabel) {
        this.noteLabel('moneyGroup', groupLabel.text);
        this.setGroupUnit(groupLabel.norm.unit);
      }
      this.moneyTable = { items: [], source: row.source };
      this.lead = null;
    }
    const source = sourceOf(row, rest[1]!.cell);
    const amount = readAmount(amountText, this.unitFor(null, source));
    if (!amount.ok) {
      this.report('error', 'invalid-amount', amount.reason, source);
      return true;
    }
    this.moneyTable.items.push({ ...item, label: compactLabel(rest[0]!.text), fen: amount.fen, source, labelSource: sourceOf(row, rest[0]!.cell) });
    return true;
  }

  /** The money group's unit, when the text names one (a method: readMoneyTableRow makes no closure a row). */
  private setGroupUnit(unit: string | null): void {
    const u = moneyUnit(unit);
    if (u !== null) this.groupUnit = u;
  }

  private finishMoneyTable(): void {
    const table = this.moneyTable;
    if (table === null) return;
    this.moneyTable = null;
    const items = table.items;
    if (items.length === 0) return;
    // Arabic numbers are sub-items when the table also numbers items with Chinese numerals.
    const chinese = items.some((i) => i.numbering === 'chinese');
    const top = (i: MoneyItem) => i.kind === 'item' && (i.numbering === 'chinese' || (!chinese && i.numbering === 'arabic'));
    const sum = (list: MoneyItem[]) => (list.some((i) => i.fen !== null) ? list.reduce((a, i) => a + (i.fen ?? 0), 0) : null);
    const tops = items.filter(top);
    const totalItem = items.find((i) => i.kind === 'total') ?? null;
    const fiscal = tops.filter((i) => FISCAL_ITEM.test(i.name));
    const others = tops.filter((i) => !FISCAL_ITEM.test(i.name));
    const budget = this.project.budget;
    const tableName = this.tableName;
    if (totalItem !== null) {
      budget.total = totalItem.fen;
      this.sources.total = totalItem.source;
      this.form.field('total', totalItem.name);
      const topSum = sum(tops);
      if (topSum !== null && totalItem.fen !== null && topSum !== totalItem.fen) {
        this.report('warning', 'money-table-sum', `${tableName}的资金表中“${totalItem.label}”与各项之和不一致`, totalItem.source);
      }
    } else if (tops.length > 0) {
      budget.total = sum(tops);
      this.sources.total = tops[0]!.source;
      // the form gives the total as its items' sum: it has the field (the review asks nothing of a 预算数 it lacks)
      this.form.field('total', `${tops.map((i) => i.name).join('、')}之和`);
      this.report('info', 'total-from-items', `${tableName}的资金表没有合计行，按${tops.map((i) => `“${i.name}”`).join('、')}之和读作预算数`, tops[0]!.source);
    }
    if (fiscal.length > 0) {
      budget.fiscal = sum(fiscal);
      this.sources.fiscal = fiscal[0]!.source;
      this.form.field('fiscal', fiscal.map((i) => i.name).join('、'));
    }
    if (others.length > 0) {
      budget.other = sum(others);
      this.sources.other = others[0]!.source;
      this.form.field('other', others.map((i) => i.name).join('、'));
    }
    // Lines: every item but the total and the fiscal subtotal, as written (numbering off).
    let under: MoneyItem | null = null;
    let parts: MoneyItem[] = [];
    const closeParts = () => {
      const partSum = sum(parts);
      if (under !== null && under.fen !== null && partSum !== null && partSum !== under.fen) {
        this.report('warning', 'money-table-sum', `${tableName}的资金表中“${under.label}”与其下各项之和不一致`, under.source);
      }
      parts = [];
    };
    for (const i of items) {
      if (i.kind === 'total') continue;
      if (top(i)) {
        closeParts();
        under = i;
        if (!FISCAL_ITEM.test(i.name)) this.project.budgetLines.push(fundingLine(i.name, i.fen, i.source));
        continue;
      }
      parts.push(i);
      this.project.budgetLines.push(fundingLine(i.name, i.fen, i.source));
    }
    closeParts();
  }

  private readRow(row: RowBlock, next: RowBlock | undefined): void {
    if (this.readMoneyTableRow(row)) return;
    const cells = namedValues(readFormRow(row, this.labels));
    if (this.readPlanHeader(row, cells) || this.readHeaderRow(row, cells)) return;

    const pairs = pairsOf(cells);
    if (pairs.length === 0) {
      this.continueRow(row);
      return;
    }
    if (isHeaderOnly(pairs, cells) && next && !readFormRow(next, this.labels).some((c) => c.label !== null)) {
      this.pending = pairs.map((p) => p.label);
      this.lead = 'pending';
      for (const p of pairs) if (p.label.label!.key === 'moneyGroup') this.groupUnit = moneyUnit(p.label.label!.norm.unit);
      return;
    }
    // cells before the first known label: unknown label–value pairs ("培训规模（人次） | 320 | 实施周期 | …"), else unplaced
    const leading = writtenCells(leadingCells(cells));
    if (leading.length === 0) {
      // most rows: nothing before their first label
    } else if (arePairs(leading)) {
      for (let k = 0; k < leading.length; k += 2) this.unknownField(leading[k]!.text, paragraphText(leading[k + 1]!.cell), sourceOf(row, leading[k + 1]!.cell));
    } else for (const c of leading) this.unrecognized(row, c.text, sourceOf(row, c.cell));
    // A label in the first column starts a part of the form; a row under a merged label (项目资金（元）
    // down the left) stays in that label's part and keeps its unit.
    const head = cells[0]!;
    const startsPart = head.label !== null && !head.cell.mergedFromAbove;
    if (startsPart && head.label!.key !== 'moneyGroup') this.groupUnit = null;
    for (const pair of pairs) this.apply(pair, row);
    if (startsPart) this.lead = head.label!.key;
  }

  /** 资金支出计划 | 3月底 | 6月底 | 10月底 | 12月底: the values follow in the next row. */
  private readPlanHeader(row: RowBlock, cells: Cells): boolean {
    // Asked of every form row: one loop, no arrays.
    const label = cells.find((c) => c.label?.key === 'plan');
    if (label === undefined) {
      let checkpoints = 0;
      for (const c of cells) if (checkpointOf(c.text) !== null) checkpoints++;
      if (checkpoints < 2) return false;
    }
    if (label?.label?.norm.unit) this.groupUnit = moneyUnit(label.label.norm.unit);
    this.form.field('spendingPlan', label?.label?.text ?? '资金支出计划');
    this.planHeader = row;
    this.lead = 'plan';
    return true;
  }

  /**
   * "763001中共唐山市路南区委社会工作部 | 单位：万元": the table's unit and its department; or the
   * department alone, with its code, in a row of its own ("417001示范县民政局").
   */
  private readHeaderRow(row: RowBlock, cells: Cells): boolean {
    const unitCell = cells.find((c) => unitCaption(c.text) !== null);
    if (!unitCell) {
      const only = onlyText(cells);
      if (only === null || only.label !== null || !/^[[【(（]?\d{6,}[\]】)）]?\s*[\u4e00-\u9fa5]/.test(only.text)) return false;
      if (this.departments.has('header')) return false;
      this.setDepartment('header', only.text, sourceOf(row, only.cell), '');
      return true;
    }
    if (cells.some((c) => c.label !== null && c !== unitCell)) return false;
    const caption = unitCaption(unitCell.text)!;
    this.unit = caption.unit;
    this.project.amountUnit = caption.unit;
    const others = cells.filter((c) => c !== unitCell && c.text !== '' && !c.cell.mergedFromAbove);
    if (caption.before) this.setDepartment('header', caption.before, sourceOf(row, unitCell.cell), '');
    for (const c of others) {
      if (this.departments.has('header')) this.unrecognized(row, c.text, sourceOf(row, c.cell), '表头中');
      else this.setDepartment('header', c.text, sourceOf(row, c.cell), '');
    }
    return true;
  }

  /** A row without labels: it continues what the row above began. */
  private continueRow(row: RowBlock): void {
    const cells = place(row).filter((p) => p.text !== '' && !p.cell.mergedFromAbove);
    const firstEmpty = row.cells[0]?.mergedFromAbove === true || joined(row.cells[0]) === '';
    if (this.lead === 'plan' && this.planHeader) {
      this.readPlanValues(this.planHeader, row);
      this.lead = null;
      return;
    }
    if (this.lead === 'pending') {
      let goals: 'goals' | 'longTermGoals' | null = null;
      for (const [label, values] of valuesUnder(this.pending, row)) {
        const pair: ProjectPair = { label, values: values.map((v) => ({ ...v, label: null })) };
        this.apply(pair, row);
        const key = label.label?.key;
        if ((key === 'goals' || key === 'longTermGoals') && values.some((v) => v.text !== '')) goals = key;
      }
      // goals under their header go on in the rows below it (总体目标 | 年度目标 over 目标1, 目标2, 目标3 a row each)
      this.lead = goals;
      this.pending = [];
      return;
    }
    if (this.lead === 'moneyGroup' && firstEmpty && this.project.purpose === null) {
      this.project.purpose = cells.map((c) => paragraphText(c.cell)).join('\n') || null;
      if (cells[0]) this.sources.purpose = sourceOf(row, cells[0].cell);
      return;
    }
    if (this.lead === 'indicatorGroup' && firstEmpty) {
      this.readRunning(cells.map((c) => ({ text: paragraphText(c.cell), source: sourceOf(row, c.cell) })), null);
      return;
    }
    if ((this.lead === 'goals' || this.lead === 'longTermGoals') && (firstEmpty || /^目标\s*\d+/.test(cells[0]?.text ?? ''))) {
      const goals = readGoalLines(cells.flatMap((c) => paragraphs(c.cell)));
      (this.lead === 'goals' && !this.mediumTerm ? this.project.goals : this.project.longTermGoals).push(...goals);
      return;
    }
    // "其中：用于购置救护车 | 96.00" under the money: a part of the total, kept as its breakdown, never added to it (issue 53)
    if (cells.length === 2 && cells[0]!.text.includes('其中') && /^其中/.test(compactLabel(cells[0]!.text)) && this.project.budget.total !== null) {
      const source = sourceOf(row, cells[1]!.cell);
      const amount = readAmount(cells[1]!.text, this.unitFor(null, source));
      if (amount.ok) {
        this.project.budgetLines.push(fundingLine(labelText(cells[0]!.text), amount.fen, source));
        return;
      }
    }
    const unknown = unknownPairs(row);
    if (unknown) {
      for (const { label, value } of unknown) this.unknownField(label.text, paragraphText(value.cell), sourceOf(row, value.cell));
      return;
    }
    this.report('warning', 'unrecognized-row', `${this.tableName}中无法识别的行：“${preview(rowText(row), 60)}”`, row.source);
  }

  private apply(pair: ProjectPair, row: RowBlock): void {
    const label = pair.label.label!;
    const key = label.key;
    const source = pairSource(pair, row);
    this.noteLabel(key, label.text);
    const repeated = repeatedValue(pair);
    if (repeated !== null) {
      this.report('info', 'repeated-value', `${this.tableName}中“${preview(label.text, 20)}”的值在相邻单元格中重复出现，按一个值读取`, sourceOf(row, repeated.cell));
    }
    switch (key) {
      case 'name': {
        this.nameLabel = true;
        this.project.name = pairText(pair, 'joined');
        this.sources.name = source;
        this.extraValues(pair, row);
        return;
      }
      case 'code': {
        const code = compactLabel(pairText(pair, 'joined'));
        this.project.code = code === '' ? null : code;
        this.sources.code = source;
        if (this.project.code === null) this.report('warning', 'blank-project-code', '项目编码为空', sourceOf(row, pair.label.cell));
        else if (!PROJECT_CODE.test(this.project.code)) {
          this.report('warning', 'odd-project-code', `项目编码“${this.project.code}”不符合“地区码+年度+P+序号”的格式`, source);
        }
        this.extraValues(pair, row);
        return;
      }
      case 'budgetDepartment':
      case 'supervisor':
      case 'implementer': {
        const text = pairText(pair, 'joined');
        if (text !== '') this.setDepartment(key, text, source, label.text);
        return;
      }
      case 'moneyGroup': {
        this.groupUnit = moneyUnit(label.norm.unit) ?? this.groupUnit;
        this.statedUnit ??= this.groupUnit;
        const text = pairText(pair, 'joined');
        if (text !== '') this.readInlineMoney(text, source, 'annualTotal');
        return;
      }
      case 'annualTotal':
      case 'projectTotal':
      case 'fiscal':
      case 'other':
      case 'fundingLine': {
        const text = pairText(pair, 'joined');
        const unit = moneyUnit(label.norm.unit);
        if (key === 'annualTotal' || key === 'projectTotal') {
          this.scope = key === 'annualTotal' ? 'annual' : 'project';
          this.totalColumns.set(pair.label.start, this.scope);
        } else {
          // The older national 申报表 puts the two totals side by side (中期资金总额 | 年度资金总额) with
          // their 其中：财政拨款 / 其他资金 under each: a part belongs to the total above it.
          const above = this.totalColumns.get(pair.label.start);
          if (above !== undefined && new Set(this.totalColumns.values()).size > 1) this.scope = above;
        }
        // "35 其中:区级资金20 上级资金15": the total, then its parts.
        if (/其中|[\u4e00-\u9fa5]\s*[:：]?\s*\d/.test(text.replace(/^[\d.,\s]+(万元|万|元)?/, ''))) {
          this.readInlineMoney(text, source, key, unit, label.text);
          return;
        }
        this.setMoney(key, label.text, text, source, unit);
        return;
      }
      case 'unit': {
        // "预算单位 | 示范市文化广电旅游局 | 单位：万元": the unit ends the value before it.
        const unit = moneyUnit(compactLabel(pairText(pair, 'joined')));
        if (unit !== null) {
          this.unit = unit;
          this.project.amountUnit = unit;
        } else this.unknownField(label.text, pairText(pair, 'joined'), source);
        return;
      }
      case 'purpose': {
        this.project.purpose = pairText(pair, 'paragraphs') || null;
        this.sources.purpose = source;
        return;
      }
      case 'goals':
      case 'longTermGoals': {
        const goals = readGoalLines(pairLines(pair));
        if (key === 'goals' && !this.mediumTerm) {
          this.project.goals.push(...goals);
          this.sources.goals ??= source;
        } else {
          this.project.longTermGoals.push(...goals);
          this.sources.longTermGoals ??= source;
        }
        return;
      }
      case 'plan':
        return;
      case 'indicatorGroup': {
        // "绩效指标 | 产出指标 | 指标1：…；指标2：…": indicators written as running text (issue 53)
        const cells = pair.label.label!.inline ? [{ text: pair.label.label!.inline, source: sourceOf(row, pair.label.cell) }] : [];
        for (const v of pair.values) if (!v.cell.mergedFromAbove && v.text !== '') cells.push({ text: paragraphText(v.cell), source: sourceOf(row, v.cell) });
        this.readRunning(cells, label.text);
        return;
      }
      case 'year': {
        // a label a form template names the year by (issue 54): the year it holds is the table's
        const text = pairText(pair, 'joined');
        const m = /(20\d{2})/.exec(toHalfWidth(text));
        if (m === null) {
          this.report('warning', 'unknown-field', `${this.tableName}中“${preview(label.text, 20)}”没有写明年度：“${preview(text, 20)}”`, source);
          return;
        }
        this.seg.year = Number(m[1]);
        this.project.year = this.seg.year;
        this.project.fields.push(formField('year', label.text, text, source));
        return;
      }
      case 'contact':
        // 联系人 | 张三 beside the fields: ends the value before it, kept nowhere (names and phone numbers are not stored)
        this.report('info', 'form-signature', `${this.tableName}中跳过签字、联系方式（不作为数据保存）`, source);
        return;
      default: {
        const fieldKey = FIELD_KEYS[key];
        if (fieldKey !== undefined) this.project.fields.push(codedFormField(fieldKey, label.text, pairText(pair, 'paragraphs'), source, false));
      }
    }
  }

  /**
   * A label the form has, for its profile: whether filled in or not. 财政资金/其他资金 under the whole
   * project's total (项目资金总额) are not this year's fields; 资金用途 may be the money group's label.
   */
  private noteLabel(key: ProjectLabelKey, text: string): void {
    if (key === 'moneyGroup') {
      if (text.includes('用途')) this.form.field('purpose', text);
      return;
    }
    const role = PROFILE_ROLES[key];
    if (role === undefined) return;
    if ((role === 'fiscal' || role === 'other') && this.scope !== 'annual') return;
    this.form.field(role, text);
  }

  /** Cells of indicators written as running text beside a 绩效指标 label (`label`: its text, null for a row continuing it). */
  private readRunning(cells: { text: string; source: SourceLocation }[], label: string | null): void {
    const before = this.raws.length;
    const left = readRunningCells(cells, this.running, this.mediumTerm ? 'longTerm' : 'annual', this.raws, collectDoubts(this.checks.doubts), this.tableName);
    for (const c of left) this.report('warning', 'unrecognized-cell', `${this.tableName}绩效指标栏中无法识别的文字：“${preview(c.text)}”`, c.source);
    if (this.raws.length > before) {
      const header = label ?? '绩效指标';
      this.form.column('name', `${header}（文字）`);
      this.form.column('target', `${header}（文字）`);
      this.report('info', 'running-indicators', `${this.tableName}的绩效指标写成文字，拆分为 ${this.raws.length - before} 个指标`, cells[0]!.source);
    }
  }

  /** A single-value label followed by more cells: the further ones are unknown label–value pairs. */
  private extraValues(pair: ProjectPair, row: RowBlock): void {
    const values = pair.values.filter((v) => v.text !== '' && !v.cell.mergedFromAbove);
    if (values.length < 2 || pair.label.label?.inline) return;
    const rest = values.slice(1);
    for (let k = 0; k < rest.length; k += 2) {
      const value = rest[k + 1];
      if (value) this.unknownField(rest[k]!.text, paragraphText(value.cell), sourceOf(row, value.cell));
      else this.unrecognized(row, rest[k]!.text, sourceOf(row, rest[k]!.cell));
    }
  }

  private unknownField(text: string, value: string, source: SourceLocation): void {
    const label = labelText(text);
    this.project.fields.push(formField(null, label, withLabelUnit(text, value), source));
    this.report('warning', 'unknown-field', `${this.tableName}中未知的栏目“${preview(label, 20)}”，按原样保存`, source);
  }

  private unrecognized(row: RowBlock, text: string, source: SourceLocation, where = ''): void {
    this.report('warning', 'unrecognized-cell', `${this.tableName}${where}无法识别的单元格：“${preview(text)}”`, source ?? row.source);
  }

  private setDepartment(kind: DepartmentSource, text: string, source: SourceLocation, label: string): void {
    if (!this.departments.has(kind)) this.departments.set(kind, { text, source, label });
  }

  /** The unit an amount without its own is read in: the label's, the group's, the table's, the one its money labels state, else 万元. */
  private unitFor(labelUnit: MoneyUnit | null, source: SourceLocation): MoneyUnit {
    this.statedUnit ??= labelUnit;
    const unit = labelUnit ?? this.groupUnit ?? this.unit ?? this.statedUnit;
    if (unit !== null) return unit;
    if (!this.unitAssumed) {
      this.unitAssumed = true;
      this.report('info', 'amount-unit-assumed', `${this.tableName}没有注明金额单位，按万元读取`, source);
    }
    return '万元';
  }

  private setMoney(key: ProjectLabelKey, label: string, text: string, source: SourceLocation, labelUnit: MoneyUnit | null): void {
    const amount = readAmount(text, this.unitFor(labelUnit, source));
    if (!amount.ok) {
      this.report('error', 'invalid-amount', amount.reason, source);
      return;
    }
    if (!this.sawMoney && amount.fen !== null) {
      // The unit the table writes its amounts in, to show them as it did.
      this.sawMoney = true;
      this.project.amountUnit = amount.unit;
    }
    const fen = amount.fen;
    if (key === 'projectTotal') {
      this.projectBudget().total = fen;
      return;
    }
    const target = this.scope === 'project' && key !== 'annualTotal' ? this.projectBudget() : null;
    switch (key) {
      case 'annualTotal':
        this.project.budget.total = fen;
        this.sources.total = source;
        return;
      case 'fiscal':
        if (target) target.fiscal = fen;
        else {
          this.project.budget.fiscal = fen;
          this.sources.fiscal = source;
        }
        return;
      case 'other':
        if (target) target.other = fen;
        else {
          this.project.budget.other = fen;
          this.sources.other = source;
        }
        return;
      default:
        (target ? target.lines : this.project.budgetLines).push(fundingLine(label, fen, source));
    }
  }

  private projectBudget() {
    this.project.projectBudget ??= { total: null, fiscal: null, other: null, lines: [] };
    return this.project.projectBudget;
  }

  /** "年度资金总额:35 其中:区级资金20 上级资金15" in one cell. */
  private readInlineMoney(text: string, source: SourceLocation, ownKey: ProjectLabelKey, ownUnit: MoneyUnit | null = null, ownLabel = ''): void {
    const amounts = inlineAmounts(text);
    if (amounts.length === 0) {
      this.report('warning', 'unrecognized-cell', `${this.tableName}中无法识别的资金情况：“${preview(text)}”`, source);
      return;
    }
    for (const { label, text: amountText } of amounts) {
      const norm = normalizeLabel(label);
      // "预算数 | 合计 210.50": a total written in the cell of its own label is that label's amount
      const key = label === '' || MONEY_TOTAL.test(norm.key) ? ownKey : lookupLabel(this.labels, norm.key);
      if (key === 'annualTotal' || key === 'projectTotal') this.scope = key === 'annualTotal' ? 'annual' : 'project';
      if (label !== '' && key !== null) this.noteLabel(key, label);
      if (key === 'annualTotal' || key === 'projectTotal' || key === 'fiscal' || key === 'other' || key === 'fundingLine') {
        // the cell's own amount is its label's: a line keeps that label's name
        this.setMoney(key, label === '' ? ownLabel : norm.key, amountText, source, moneyUnit(norm.unit) ?? ownUnit);
      } else {
        this.setMoney('fundingLine', label, amountText, source, ownUnit);
      }
    }
  }

  /** The plan's values under its checkpoints: percentages or amounts, as the header or the value says. */
  private readPlanValues(header: RowBlock, row: RowBlock): void {
    const heads = place(header);
    const planLabel = heads.find((h) => compactLabel(h.text).startsWith('资金支出计划'));
    const headerLabel = planLabel ? compactLabel(planLabel.text) : '';
    const headerUnit: 'percent' | MoneyUnit = /万元/.test(headerLabel) ? '万元' : /\(元\)|元\)/.test(headerLabel) ? '元' : 'percent';
    this.sources.spendingPlan = row.source;
    const values = place(row);
    const used = new Set<number>();
    for (const h of heads) {
      const checkpoint = checkpointOf(h.text);
      if (!checkpoint) continue;
      const entry = this.project.spendingPlan.find((p) => p.checkpoint === checkpoint)!;
      const cell = values.find((v) => (v.cell.col !== undefined ? v.start < h.end && h.start < v.end : v.index === h.index));
      if (cell) used.add(cell.index);
      const text = toHalfWidth(cell?.text ?? '').replace(/\s+/g, '');
      entry.source = cell ? sourceOf(row, cell.cell) : row.source;
      if (text === '') continue;
      const percent = /^(\d+(?:\.\d{1,2})?)%$/.exec(text) ?? (headerUnit === 'percent' ? /^(\d+(?:\.\d{1,2})?)$/.exec(text) : null);
      if (percent) {
        setPlanEntry(entry, 'percent', percentHundredthsOf(percent[1]!), this.project.budget.total);
        continue;
      }
      const amount = readAmount(text, headerUnit === 'percent' ? this.unitFor(null, entry.source) : headerUnit);
      if (amount.ok && amount.fen !== null) setPlanEntry(entry, 'amount', amount.fen, this.project.budget.total);
      else this.report('warning', 'invalid-plan-value', `资金支出计划（${h.text}）的值“${text}”无法识别`, entry.source);
    }
    for (const v of values) {
      if (!used.has(v.index) && v.text !== '' && !v.cell.mergedFromAbove) {
        this.report('warning', 'unrecognized-cell', `资金支出计划行中无法识别的单元格：“${preview(v.text)}”`, sourceOf(row, v.cell));
      }
    }
  }

  /**
   * "[61011625P000610116008]秦岭北麓生态环境监测" (issue 31): the code in front of the project's name is
   * split off; it is the project's code when the form has none, and a warning when it names another.
   */
  private splitNameCode(): void {
    const p = this.project;
    const split = p.name === '' ? null : splitLeadingCode(p.name);
    if (split === null || split.code.length < 6) return;
    p.name = split.name;
    const source = this.sources.name ?? this.seg.source;
    if (p.code === null) {
      p.code = split.code.toUpperCase();
      this.sources.code = source;
      this.report('info', 'code-from-name', `${this.tableName}的项目名称前写有编码“${split.code}”，读作项目编码`, source);
    } else if (p.code !== split.code.toUpperCase()) {
      this.report('warning', 'name-code-mismatch', `${this.tableName}的项目名称前的编码“${split.code}”与项目编码“${p.code}”不一致`, source);
    } else {
      this.report('info', 'code-in-name', `${this.tableName}的项目名称前重复写了项目编码，已从名称中去掉`, source);
    }
  }

  /** The project's department by the labels that gave one; the others are kept as fields. */
  resolveDepartment(): void {
    // A table's own header cell ("763001中共…  单位：万元") names its budget unit; 主管部门 is the
    // department in charge, the budget unit when nothing else names one.
    const order: DepartmentSource[] = ['budgetDepartment', 'header', 'supervisor', 'implementer'];
    const chosen = order.find((k) => this.departments.has(k));
    if (chosen === 'header') this.form.field('department', HEADER_DEPARTMENT_LABEL);
    for (const kind of order) {
      const d = this.departments.get(kind);
      if (!d) continue;
      if (kind === chosen) {
        this.project.department = readUnitName(d.text);
        this.sources.department = d.source;
        if (kind === 'implementer') {
          this.report('info', 'department-from-implementer', `${this.tableName}没有预算部门或主管部门，按实施单位“${preview(d.text, 20)}”确定单位`, d.source);
        }
      } else if (kind !== 'header') {
        this.project.fields.push(codedFormField(kind, d.label, d.text, d.source, true));
      }
    }
    this.project.fields.sort((a, b) => a.source.line - b.source.line);
  }

  /**
   * 专项（项目）名称 | 西安市安全生产监督管理局 and 主管部门 | 安全生产专项资金: the two values written in each other's
   * cells (issue 68). A name that is an office's and a department that is a fund's are swapped back, and said.
   */
  private unswapNameAndDepartment(): void {
    const p = this.project;
    const supervisor = this.departments.get('supervisor');
    if (supervisor === undefined || this.sources.name === undefined || !OFFICE_NAME.test(p.name) || !FUND_NAME.test(supervisor.text) || OFFICE_NAME.test(supervisor.text)) return;
    const [name, nameSource] = [p.name, this.sources.name];
    p.name = supervisor.text.trim();
    this.sources.name = supervisor.source;
    this.departments.set('supervisor', { ...supervisor, text: name, source: nameSource });
    this.report('warning', 'name-department-swapped', `${this.tableName}的项目名称栏写的是单位“${preview(name, 20)}”，主管部门栏写的是“${preview(p.name, 20)}”，两者填反，按项目名称“${preview(p.name, 20)}”读取`, nameSource);
  }

  finish(): void {
    this.unswapNameAndDepartment();
    this.resolveDepartment();
    const p = this.project;
    this.splitNameCode();
    const rule = this.structure.template?.template.nameFromHeading ?? null;
    const byTemplate = rule === null || this.seg.heading === undefined ? null : nameByHeading(this.seg.heading.text, rule);
    const fromHeading = byTemplate !== null || this.nameLabel || p.name ? null : nameFromHeading(this.seg.title);
    if (byTemplate !== null) {
      // the form template says the project is named by the paragraph over its table (issue 54)
      p.name = byTemplate;
      this.sources.name = this.seg.heading!.source;
      this.report('info', 'name-from-heading', `${this.tableName}按表样“${preview(this.structure.template!.use.name, 20)}”以表格上方的标题确定项目名称“${preview(byTemplate, 30)}”`, this.seg.heading!.source);
    } else if (fromHeading !== null) {
      // A form with no name field: the project is the one its heading names (issue 37)
      p.name = fromHeading;
      this.sources.name = this.seg.source;
      this.report('info', 'name-from-heading', `${this.tableName}没有项目名称栏，按标题确定项目名称“${preview(fromHeading, 30)}”`, this.seg.source);
    } else if (!p.name) {
      this.report('error', 'missing-project-name', `${this.tableName}缺少项目名称`, this.seg.source);
      p.name = this.seg.title.replace(/(项目)?(支出)?绩效目标(申报)?表.*$/, '').trim();
    }
    if (p.budget.total === null && !this.sources.total && !this.form.has('total') && p.projectBudget === null && (p.budget.fiscal !== null || p.budget.other !== null)) {
      // "资金情况 | 财政资金 854万元，其中：…": the money the form gives is the whole of the year's (issue 53)
      p.budget.total = (p.budget.fiscal ?? 0) + (p.budget.other ?? 0);
      this.sources.total = this.sources.fiscal ?? this.sources.other!;
      const parts = [p.budget.fiscal !== null ? '财政资金' : null, p.budget.other !== null ? '其他资金' : null].filter((x) => x !== null);
      this.form.field('total', `${parts.join('与')}${parts.length > 1 ? '之和' : ''}`);
      this.report('info', 'total-from-parts', `${this.tableName}没有写预算总额，按${parts.join('与')}${parts.length > 1 ? '之和' : ''}读作本年度预算数`, this.sources.total);
      // an amount under a label the reader does not know (项目核定金额(万元) | 193.8) may be the year's total: not certain (issue 68)
      const unknown = p.fields.find((f) => f.key === null && /金额|预算|资金|投资|经费|总额/.test(f.label) && /^\d[\d,，]*(?:\.\d+)?\s*(?:万元|元)?$/.test(f.value.trim()));
      if (unknown !== undefined) {
        collectDoubts(this.checks.doubts)('total-beside-unknown', `${this.tableName}的预算数按${parts.join('与')}读作${parts.length > 1 ? '其和' : '本年度预算数'}，未识别的栏目“${preview(unknown.label, 20)}”写有金额“${preview(unknown.value, 20)}”`, unknown.source);
      }
    }
    if (p.budget.total === null && !this.sources.total && p.projectBudget?.total != null && !this.form.has('total') && (this.seg.year !== null || p.code !== null || (!this.seg.titled && this.documentYear() !== null))) {
      // a year's table whose only amount is the period's (实施期资金总额, 西安's 部门专项业务经费绩效目标表 (2026年度)):
      // the table is of one year and states no other, so the period's money is the year's (issue 68)
      const period = p.projectBudget;
      p.budget = { total: period.total, fiscal: period.fiscal, other: period.other };
      p.budgetLines.push(...period.lines);
      p.projectBudget = null;
      this.sources.total = this.sources.fiscal ?? this.seg.source;
      this.form.field('total', '实施期资金总额');
      this.report('info', 'total-from-period', `${this.tableName}是${this.seg.year ?? this.documentYear() ?? ''}年度的表，只写了实施期资金总额，按它读作本年度预算数`, this.sources.total);
    }
    if (p.budget.total === null && !this.sources.total) {
      // a form with no amount at all (a page of 中长期 targets, a 项目库 form) lacks the field; one with an amount's label left blank lacks the amount
      const moneyField = this.sawMoney || this.groupUnit !== null || this.statedUnit !== null || ['total', 'projectTotal', 'fiscal', 'other'].some((r) => this.form.has(r as FormFieldRole));
      if (p.projectBudget === null && !moneyField) this.report('warning', 'form-without-budget', `${this.tableName}没有预算金额栏（表中没有任何金额）`, this.seg.source);
      else if (p.projectBudget === null) this.report('error', 'missing-budget', `${this.tableName}缺少预算数（年度预算金额）`, this.seg.source);
      else this.report('warning', 'missing-annual-budget', `${this.tableName}只有项目资金总额，没有本年度的预算金额`, this.seg.source);
    }
    if (!this.planHeader) this.report('warning', 'missing-spending-plan', `${this.tableName}缺少资金支出计划`, this.seg.source);
    else if (!this.sources.spendingPlan) this.report('warning', 'missing-spending-plan', `${this.tableName}的资金支出计划没有数值行`, this.planHeader.source);
    if (p.goals.length === 0 && p.longTermGoals.length === 0) this.report('warning', 'missing-goals', `${this.tableName}缺少绩效目标`, this.seg.source);
    aliasFunds(p, this.form, this.tableName, this.report);
    p.form = this.form.profile(formNameOfTitle(this.seg.title));
    if (p.code) {
      const m = PROJECT_CODE.exec(p.code);
      if (m) p.year = 2000 + Number(m[2]);
    }
  }
}

/** Labels whose value is a name: the cell after them is that name, whatever it says. */
const NAMED: ReadonlySet<ProjectLabelKey> = new Set(['name', 'budgetDepartment', 'supervisor', 'implementer']);

/**
 * A project's name that reads like a source of money (项目名称 | 专项资金, 项目名称 | 社会救助资金): the pattern of 区级资金,
 * 上年结转资金 … matches it, but right after 项目名称 it is the name (issue 68). The row's cells are shared (readFormRow):
 * a copy is changed.
 */
function namedValues(cells: Cells): Cells {
  let out: Cells | null = null;
  for (let k = 0; k + 1 < cells.length; k++) {
    const key = cells[k]!.label?.key;
    if (key === undefined || !NAMED.has(key) || cells[k]!.label!.inline) continue;
    let v = k + 1;
    while (v < cells.length && (cells[v]!.text === '' || cells[v]!.cell.mergedFromAbove) && cells[v]!.label === null) v++;
    if (cells[v]?.label?.key !== 'fundingLine') continue;
    out ??= [...cells];
    out[v] = { ...cells[v]!, label: null };
  }
  return out ?? cells;
}

/**
 * A bare number under a label that names its unit in brackets (`建设规模（亩）` | `300`): the number with its unit
 * (`300亩`), the unit being the value's (issue 53); any other value as written.
 */
function withLabelUnit(label: string, value: string): string {
  const unit = normalizeLabel(label).unit;
  return unit !== null && unit !== '万元' && unit !== '元' && /^[\d.,]+$/.test(value.trim()) ? `${value.trim()}${unit}` : value;
}

interface NormalizedLabelOf {
  text: string;
  norm: ReturnType<typeof normalizeLabel>;
}

/** An item of a money sub-table: its name without numbering or 小计, how it was numbered. */
interface MoneyItem {
  kind: 'item' | 'total';
  name: string;
  numbering: 'chinese' | 'arabic' | 'none';
  label: string;
  fen: number | null;
  source: SourceLocation;
  labelSource: SourceLocation;
}

interface MoneyTable {
  items: MoneyItem[];
  source: SourceLocation;
}

/** The header of a money sub-table: 资金来源 | 金额. */
const MONEY_TABLE_SOURCE = /^(资金来源|来源|资金来源渠道|资金构成|收入来源|项目|年度资金总额|资金总额|年度资金)$/;
const MONEY_TABLE_AMOUNT = /^(金额|预算数|资金|数额|金额合计|预算金额|申请金额)$/;
/** A top item that is the fiscal money: (一)财政拨款小计, 财政拨款资金, 财政资金. */
const FISCAL_ITEM = /^(财政拨款|财政资金|财政补助|财政性资金|财政拨款收入|财政预算拨款)/;
/** A top item of other money. */
const OTHER_ITEM = /^(自有资金|自筹资金|其他收入|其他资金|其它资金|事业收入|经营收入|单位自筹|社会资金|上年结转|结转资金)/;
const MONEY_TOTAL = /^(合计|总计|资金总额|资金合计|项目资金合计|总额|预算合计)$/;

/**
 * A money sub-table's item: "（一）财政拨款小计" → 财政拨款 (chinese), "1、一般公共预算" → 一般公共预算 (arabic),
 * "合计" → the total; null for any other text.
 */
function moneyItemOf(text: string): Pick<MoneyItem, 'kind' | 'name' | 'numbering'> | null {
  const compact = compactLabel(text);
  if (MONEY_TOTAL.test(compact)) return { kind: 'total', name: compact, numbering: 'none' };
  const m = /^(?:\(([一二三四五六七八九十]+)\)|([一二三四五六七八九十]+)、|\((\d+)\)|(\d+)[、.．])(.+)$/.exec(compact);
  if (m === null) return null;
  const name = m[5]!.replace(/(小计|合计)$/, '').replace(/[:]$/, '');
  if (name === '' || name.length > 16 || /\d/.test(name)) return null;
  return { kind: 'item', name, numbering: m[1] || m[2] ? 'chinese' : 'arabic' };
}

/**
 * The project a heading names: `某某项目绩效目标`, `某某项目绩效目标表`, `关于某某项目的绩效目标` → 某某项目
 * (the suffix removed); null for a heading that names no project (`项目支出绩效目标表`, `2025年度项目绩效目标表`).
 */
export function nameFromHeading(title: string): string | null {
  const t = title.replace(/\s+/g, '');
  const m = /^关于(.+?)的?(?:支出)?绩效目标(?:申报)?表?$/.exec(t) ?? /^(.+?)的?(?:支出)?绩效目标(?:申报)?表?$/.exec(t);
  if (!m) return null;
  // a title made as "<name>项目绩效目标" of a name that ends in 项目 already (3岁以下婴幼儿照护服务项目项目绩效目标, issue 74)
  const name = m[1]!.endsWith('项目项目') ? m[1]!.slice(0, -2) : m[1]!;
  // a heading that names no project: 2025年度项目绩效目标表, 部门整体…, and the sub-headings 中长期绩效目标, 年度绩效目标 (issue 53)
  if (/^(?:(?:19|20)\d{2}年度?)?(?:本级|部门|单位|整体|财政|预算|项目|专项|年度|本年度|中长期|中期|长期|实施期|总体)*$/.test(name)) return null;
  return name;
}

/** The cells with text of their own (not empty, not merged from above). */
function writtenCells(cells: Cells): Cells {
  const out: Cells = [];
  for (const c of cells) if (c.text !== '' && !c.cell.mergedFromAbove) out.push(c);
  return out;
}

/** Texts that read as unknown labels each followed by its value: an even number, each label short and no value. */
function arePairs(cells: Cells): boolean {
  if (cells.length % 2 !== 0) return false;
  for (let k = 0; k < cells.length; k += 2) if (cells[k]!.text.length > 16 || looksLikeValue(cells[k]!.text)) return false;
  return true;
}

/** The one cell of the row with text (not merged from above); null when none or several have. Asked of every form row: no array. */
function onlyText(cells: Cells): Cells[number] | null {
  let only: Cells[number] | null = null;
  for (const c of cells) {
    if (c.text === '' || c.cell.mergedFromAbove) continue;
    if (only !== null) return null;
    only = c;
  }
  return only;
}

function moneyUnit(unit: string | null): MoneyUnit | null {
  return unit === '万元' || unit === '元' ? unit : null;
}

function checkpointOf(text: string): Checkpoint | null {
  if (text.length > 12 || !text.includes('月')) return null;
  return (CHECKPOINT_LABELS[compactLabel(text)] as Checkpoint | undefined) ?? null;
}

/**
 * "25" → 2500, "12.5" → 1250: a percentage of at most two decimals in hundredths of a percent.
 * Cut at the dot by indexOf, not split('.'): split and its array cost more than the rest of
 * reading a plan's value (four a table).
 */
function percentHundredthsOf(decimal: string): number {
  const dot = decimal.indexOf('.');
  if (dot < 0) return Number(decimal) * 100;
  return Number(decimal.slice(0, dot)) * 100 + Number(decimal.slice(dot + 1).padEnd(2, '0'));
}

function setPlanEntry(entry: SpendingCheckpoint, given: 'percent' | 'amount', value: number, total: number | null): void {
  entry.given = given;
  if (given === 'percent') {
    entry.percent = value / 100;
    entry.amount = total === null ? null : amountOfPercent(total, value);
  } else {
    entry.amount = value;
    const hundredths = percentHundredths(value, total);
    entry.percent = hundredths === null ? null : hundredths / 100;
  }
}

/** A row that starts a part of a project's form again (after an indicator table); with the labels of the table's form template, when it has one. */
export function startsProjectFormPart(row: RowBlock, template: PreparedTemplate | null): boolean {
  const key = leadLabelKey(row, template === null ? PROJECT_LABELS : templateLabels(template));
  return key !== null && FORM_LEADS.has(key);
}

/**
 * The structure of a project's table (structure/table.ts): a row of the form after the indicators starts a part of it
 * again. Bare years in its header are decided by the year of its title, else its project code's, else `documentYear`.
 */
export const projectStructure = (seg: Segment, documentYear: () => number | null = () => null): TableStructure =>
  analyzeTable(seg.rows, { startsFormPart: startsProjectFormPart, year: seg.year, yearElsewhere: () => codeYear(seg.rows) ?? documentYear(), templates: seg.templates ?? null });

/** The year of the first project code the form's rows give (`13082725P…`: 2025); null when none. */
export function codeYear(rows: readonly RowBlock[]): number | null {
  for (const row of rows) {
    const cells = readFormRow(row, PROJECT_LABELS);
    const at = cells.findIndex((c) => c.label?.key === 'code');
    const value = at >= 0 ? cells.slice(at + 1).find((c) => c.text !== '') : undefined;
    const m = value ? PROJECT_CODE.exec(compactLabel(value.text)) : null;
    if (m) return 2000 + Number(m[2]);
  }
  return null;
}

/** The labels of a form template before the vocabulary's (made once per template). */
const TEMPLATE_LABELS = new WeakMap<PreparedTemplate, readonly LabelRule<ProjectLabelKey>[]>();

export function templateLabels(t: PreparedTemplate): readonly LabelRule<ProjectLabelKey>[] {
  let rules = TEMPLATE_LABELS.get(t);
  if (rules === undefined) {
    rules = t.template.labels.length === 0 ? PROJECT_LABELS : [...t.template.labels.map((l) => ({ key: l.field, labels: [l.text] })), ...PROJECT_LABELS];
    TEMPLATE_LABELS.set(t, rules);
  }
  return rules;
}

/** Reads a project's table, of its structure. Its indicators stay raw until the document's framework is known. */
export function readProjectTable(seg: Segment, structure: TableStructure, sequence: number, report: Report, documentYear?: () => number | null): ProjectDraft & { departments: ProjectForm['departments'] } {
  const checks = tableChecks();
  const form = new ProjectForm(seg, structure, sequence, watchUnplaced(report, checks), checks, documentYear);
  form.read();
  form.finish();
  if (form.raws.length === 0) {
    const last = seg.rows[seg.rows.length - 1];
    report('error', 'missing-indicators', `${form.tableName}缺少绩效指标表（表格不完整或文件被截断）`, last ? sourceOf(last, last.cells[last.cells.length - 1]) : seg.source);
  }
  return { project: form.project, raws: form.raws, tableName: form.tableName, departments: form.departments, checks };
}

export type { FormField };
