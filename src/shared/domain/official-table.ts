/**
 * The official 项目绩效目标表 of one project as a row model: the rows, cells, widths and merges
 * of the published tables (the main table and the indicator table), with no rendering. The web
 * page draws it as HTML (toGrid) and the Word exporter writes the same rows (its layout in
 * src/server/exporters/docx-exporter.ts is what this mirrors, cell for cell).
 *
 * Widths are twips of an A4 text block (8845) so the Word exporter can use them as they are;
 * the grid of a table is the union of its cells' edges, which gives every cell its column span.
 * Each cell carries an `anchor` naming the field it shows, the key findings and reviewer comments
 * are pinned to (see anchorOfFinding in this file).
 */
import { CHECKPOINTS, type Checkpoint, type DepartmentTargets, type FundingLine, type Indicator, type Project, type SpendingCheckpoint } from './model';
import { formatWan } from './money';

export type CellAlign = 'left' | 'center' | 'right';

/**
 * Where a cell belongs: a project field ("name", "budget.total", "spendingPlan.03", "goals") or
 * an indicator cell ("indicator:3.target"). Label cells of a field carry the field's group
 * ("budget", "spendingPlan", "indicators").
 */
export type CellAnchor = string;

export interface OfficialCell {
  /** The cell's paragraphs; an empty cell has none. */
  lines: string[];
  /** Width in twips. */
  width: number;
  align: CellAlign;
  /** A label printed by the form (预算数, 一级指标 …) rather than a value of the project. */
  label: boolean;
  /** Vertical merge as Word writes it: the first cell of a run restarts, the ones below continue. */
  merge?: 'restart' | 'continue';
  anchor: CellAnchor | null;
}

export interface OfficialRow {
  cells: OfficialCell[];
  /** The column header of the indicator table (repeated on each printed page). */
  header?: boolean;
  /** No border above and at the sides: the unit / 单位：万元 line over the main table. */
  open?: boolean;
  /** The indicator this row shows, for indicator rows. */
  indicatorIndex?: number;
}

export interface OfficialTable {
  /** The title line above the tables, e.g. "1.劳务费绩效目标表"; null when the project has none. */
  title: string | null;
  /** 项目编码 … 绩效目标. */
  main: OfficialRow[];
  /** 一级指标 … 指标值确定依据 (and the columns the model does not know), then one row per indicator in stored order. */
  indicators: OfficialRow[];
  /** The same for the long-term (长期) indicators of a table that has them; [] otherwise. */
  longTermIndicators: OfficialRow[];
}

/** The width of the text block of an A4 page with the official margins, in twips. */
export const TEXT_WIDTH = 8845;

/** Splits widths that must add up to the text width; the last one takes the remainder. */
function widths(...parts: number[]): number[] {
  const sum = parts.slice(0, -1).reduce((a, b) => a + b, 0);
  return [...parts.slice(0, -1), TEXT_WIDTH - sum];
}

const LABEL_WIDTH = 1400;
const BUDGET_WIDTHS = widths(LABEL_WIDTH, 900, 1500, 1650, 1400, 1050, 0);
const edge = (i: number) => BUDGET_WIDTHS.slice(0, i).reduce((a, b) => a + b, 0);
const HEADER_WIDTHS = widths(edge(5), 0);
const CODE_NAME_WIDTHS = widths(LABEL_WIDTH, 3000, 1250, 0);
const PLAN_WIDTHS = (() => {
  const quarter = Math.floor((TEXT_WIDTH - LABEL_WIDTH) / 4);
  return widths(LABEL_WIDTH, quarter, quarter, quarter, 0);
})();
const WIDE_WIDTHS = widths(LABEL_WIDTH, 0);
const INDICATOR_WIDTHS = widths(1050, 1150, 1650, 2150, 1400, 0);

export const INDICATOR_HEADERS = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'] as const;
/** The indicator fields in column order, as anchors name them. */
export const INDICATOR_COLUMNS = ['level1', 'level2', 'name', 'description', 'target', 'basis'] as const;
export type IndicatorColumn = (typeof INDICATOR_COLUMNS)[number];

export const CHECKPOINT_LABELS: Record<Checkpoint, string> = { '03': '3月底', '06': '6月底', '10': '10月底', '12': '12月底' };

export type AmountUnit = '万元' | '元';

const lines = (text: string | null | undefined): string[] => (text === null || text === undefined || text === '' ? [] : text.split('\n'));

/** The unit the table's amounts are written in: the project's, 万元 unless it says 元. */
export const amountUnitOf = (project: Project): AmountUnit => (project.amountUnit === '元' ? '元' : '万元');

/** Fen as the table writes it: 万元 with the decimals it needs (at least two), or 元 with two; '' for null. */
export function formatTableAmount(fen: number | null, unit: AmountUnit): string {
  if (fen === null) return '';
  if (unit === '万元') return formatWan(fen);
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A percent with at most two decimals: 25 → "25%", 33.3 → "33.3%". */
export function formatTablePercent(percent: number): string {
  const hundredths = Math.round(percent * 100);
  const whole = Math.trunc(hundredths / 100);
  const frac = String(Math.abs(hundredths % 100)).padStart(2, '0').replace(/0+$/, '');
  return `${hundredths < 0 && whole === 0 ? '-' : ''}${whole}${frac ? `.${frac}` : ''}%`;
}

/** A spending-plan cell as the document wrote it: the percent, or the amount in the table's unit. */
export function planValue(entry: SpendingCheckpoint, unit: AmountUnit): string {
  if (entry.given === 'percent' && entry.percent !== null) return formatTablePercent(entry.percent);
  if (entry.given === 'amount' && entry.amount !== null) return formatTableAmount(entry.amount, unit);
  return '';
}

/** The department cell: code and name; a space between them when the name starts with a digit. */
export function departmentText(project: Project): string {
  const d = project.department;
  if (!d) return '';
  if (!d.code) return d.name;
  return /^[\d\s]/.test(d.name) ? `${d.code} ${d.name}` : `${d.code}${d.name}`;
}

/** One goal per line, numbered "1." — "1、" when the goal starts with a digit, "（100）" from the hundredth on. */
export function goalLines(goals: string[]): string[] {
  return goals.map((goal, i) => {
    const n = i + 1;
    if (n >= 100) return `（${n}）${goal}`;
    return /^\d/.test(goal) ? `${n}、${goal}` : `${n}.${goal}`;
  });
}

/** The title line: "1.劳务费绩效目标表", or as written when the title already starts with its number. */
export function officialTitle(project: Project): string | null {
  const { title, sequence } = project;
  if (title === '') return null;
  if (title.startsWith(`${sequence}.`) || title.startsWith(`${sequence}、`)) return title;
  return `${sequence}.${title}`;
}

interface CellInit {
  lines: string[];
  width: number;
  align?: CellAlign;
  label?: boolean;
  merge?: 'restart' | 'continue';
  anchor?: CellAnchor | null;
}

const cell = (c: CellInit): OfficialCell => ({
  lines: c.lines,
  width: c.width,
  align: c.align ?? 'center',
  label: c.label ?? false,
  ...(c.merge ? { merge: c.merge } : {}),
  anchor: c.anchor ?? null,
});
const label = (text: string, width: number, anchor: CellAnchor | null = null, merge?: 'restart'): OfficialCell =>
  cell({ lines: [text], width, label: true, anchor, ...(merge ? { merge } : {}) });

/**
 * Further money lines in one cell, as the importer reads them back: "上年结转资金：0.00 区级资金：20.00"
 * (amounts in the table's unit).
 */
export function fundingLinesText(lines: readonly FundingLine[], unit: AmountUnit): string {
  return lines.map((l) => `${l.label}：${formatTableAmount(l.amount, unit) || '-'}`).join(' ');
}

/**
 * The main table: unit line, 项目编码/名称, the form's other fields (one row each), the whole
 * project's money, 预算 (and its further lines) and 资金用途, 资金支出计划, 项目总目标, 绩效目标.
 */
export function mainTableRows(project: Project): OfficialRow[] {
  const unit = amountUnitOf(project);
  const [w0, w1, w2, w3, w4, w5, w6] = BUDGET_WIDTHS as [number, number, number, number, number, number, number];
  const amount = (fen: number | null, width: number, anchor: CellAnchor) =>
    cell({ lines: lines(formatTableAmount(fen, unit)), width, anchor });
  const plan = project.spendingPlan;
  const planUnit = plan.some((p) => p.given === 'amount') ? unit : '%';
  const ordered = CHECKPOINTS.map((c) => plan.find((p) => p.checkpoint === c));
  const pw = PLAN_WIDTHS;
  const ww = WIDE_WIDTHS;
  const cw = CODE_NAME_WIDTHS;
  return [
    {
      open: true,
      cells: [
        cell({ lines: lines(departmentText(project)), width: HEADER_WIDTHS[0]!, align: 'left', anchor: 'department' }),
        cell({ lines: [`单位：${unit}`], width: HEADER_WIDTHS[1]!, align: 'right', label: true }),
      ],
    },
    {
      cells: [
        label('项目编码', cw[0]!),
        cell({ lines: lines(project.code), width: cw[1]!, anchor: 'code' }),
        label('项目名称', cw[2]!),
        cell({ lines: lines(project.name), width: cw[3]!, align: 'left', anchor: 'name' }),
      ],
    },
    ...project.fields.map((f, i) => ({
      cells: [label(f.label, ww[0]!), cell({ lines: lines(f.value), width: ww[1]!, align: 'left', anchor: `fields.${i}` })],
    })),
    ...projectBudgetRows(project, unit),
    {
      cells: [
        label('预算规模及资金用途', w0, 'budget', 'restart'),
        label('预算数', w1),
        amount(project.budget.total, w2, 'budget.total'),
        label('其中：财政资金', w3),
        amount(project.budget.fiscal, w4, 'budget.fiscal'),
        label('其他资金', w5),
        amount(project.budget.other, w6, 'budget.other'),
      ],
    },
    ...(project.budgetLines.length > 0 ? [fundingLinesRow(project.budgetLines, unit, 'budget', 'budgetLines')] : []),
    {
      cells: [
        cell({ lines: [], width: ww[0]!, label: true, merge: 'continue', anchor: 'budget' }),
        cell({ lines: lines(project.purpose), width: ww[1]!, align: 'left', anchor: 'purpose' }),
      ],
    },
    {
      cells: [
        label(`资金支出计划（${planUnit}）`, pw[0]!, 'spendingPlan', 'restart'),
        ...CHECKPOINTS.map((c, i) => label(CHECKPOINT_LABELS[c], pw[i + 1]!)),
      ],
    },
    {
      cells: [
        cell({ lines: [], width: pw[0]!, label: true, merge: 'continue', anchor: 'spendingPlan' }),
        ...ordered.map((entry, i) =>
          cell({ lines: lines(entry ? planValue(entry, unit) : null), width: pw[i + 1]!, anchor: `spendingPlan.${CHECKPOINTS[i]!}` }),
        ),
      ],
    },
    ...(project.longTermGoals.length > 0
      ? [{ cells: [label('项目总目标', ww[0]!), cell({ lines: goalLines(project.longTermGoals), width: ww[1]!, align: 'left', anchor: 'longTermGoals' })] }]
      : []),
    {
      cells: [label('绩效目标', ww[0]!), cell({ lines: goalLines(project.goals), width: ww[1]!, align: 'left', anchor: 'goals' })],
    },
  ];
}

/** 资金来源 | "上年结转资金：0.00 …" under a money group label merged down from the row above. */
function fundingLinesRow(list: readonly FundingLine[], unit: AmountUnit, group: CellAnchor, anchor: CellAnchor): OfficialRow {
  const [w0, w1] = BUDGET_WIDTHS as [number, number];
  return {
    cells: [
      cell({ lines: [], width: w0, label: true, merge: 'continue', anchor: group }),
      label('资金来源', w1),
      cell({ lines: [fundingLinesText(list, unit)], width: TEXT_WIDTH - w0 - w1, align: 'left', anchor }),
    ],
  };
}

/** 项目资金 | 项目资金总额 | x | 其中：财政资金 | x | 其他资金 | x (and its further lines): the whole project's money. */
function projectBudgetRows(project: Project, unit: AmountUnit): OfficialRow[] {
  const b = project.projectBudget;
  if (b === null) return [];
  const [w0, w1, w2, w3, w4, w5, w6] = BUDGET_WIDTHS as [number, number, number, number, number, number, number];
  const amount = (fen: number | null, width: number, anchor: CellAnchor) => cell({ lines: lines(formatTableAmount(fen, unit)), width, anchor });
  return [
    {
      cells: [
        label('项目资金', w0, 'projectBudget', b.lines.length > 0 ? 'restart' : undefined),
        label('项目资金总额', w1),
        amount(b.total, w2, 'projectBudget.total'),
        label('其中：财政资金', w3),
        amount(b.fiscal, w4, 'projectBudget.fiscal'),
        label('其他资金', w5),
        amount(b.other, w6, 'projectBudget.other'),
      ],
    },
    ...(b.lines.length > 0 ? [fundingLinesRow(b.lines, unit, 'projectBudget', 'projectBudget.lines')] : []),
  ];
}

/** The anchor of one cell of an indicator row. */
export const indicatorAnchor = (index: number, column: IndicatorColumn): CellAnchor => `indicator:${index}.${column}`;

/**
 * The headers of the columns the model does not know, in the order the indicators first use them. A header stands as
 * often as one indicator has it: an indicator holds one extra per such column, and columns may share a header (the
 * empty columns of an 8-column grid, several with the header "").
 */
export function extraHeaders(list: readonly Indicator[]): string[] {
  const headers: string[] = [];
  for (const ind of list) {
    ind.extras.forEach((e, k) => {
      const nth = ind.extras.slice(0, k).filter((o) => o.header === e.header).length;
      if (headers.filter((h) => h === e.header).length <= nth) headers.push(e.header);
    });
  }
  return headers;
}

/** The text of an indicator's cell in each extra column (extraHeaders): its n-th extra of the header for the n-th column of it. */
function extraTexts(ind: Indicator, headers: readonly string[]): (string | null)[] {
  return headers.map((h, k) => ind.extras.filter((e) => e.header === h)[headers.slice(0, k).filter((o) => o === h).length]?.text ?? null);
}

/** Widths of the six indicator columns and `extra` more, together the text width. */
function indicatorWidths(extra: number): number[] {
  if (extra === 0) return INDICATOR_WIDTHS;
  const weights = [...INDICATOR_WIDTHS, ...Array.from({ length: extra }, () => 1200)];
  const total = weights.reduce((a, b) => a + b, 0);
  return widths(...weights.map((w) => Math.floor((w * TEXT_WIDTH) / total)));
}

/**
 * An indicator table: the header row, then one row per indicator in stored order. A 一级/二级
 * cell continues the one above exactly where the model says it was merged (inherited) and there
 * is an indicator row above with the same text; a level-2 cell does not run across a new level 1.
 * Columns the model does not know (Indicator.extras) follow 指标值确定依据 with their headers as
 * written, as many as an indicator has (extraHeaders). The
 * long-term table marks its headers "（长期）", as tables with both groups do; its cells have no
 * anchors (the review reads this year's indicators).
 */
export function indicatorTableRows(project: Project, which: 'annual' | 'longTerm' = 'annual'): OfficialRow[] {
  return indicatorRows(which === 'annual' ? project.indicators : project.longTermIndicators, which);
}

export function indicatorRows(list: readonly Indicator[], which: 'annual' | 'longTerm' | 'department' = 'annual'): OfficialRow[] {
  const extras = extraHeaders(list);
  const w = indicatorWidths(extras.length);
  const headers = which === 'longTerm' ? INDICATOR_HEADERS.map((h, i) => (i === 0 ? h : `${h}（长期）`)) : [...INDICATOR_HEADERS];
  const anchored = which === 'annual';
  const at = (i: number, column: IndicatorColumn) => (anchored ? indicatorAnchor(i, column) : null);
  const rows: OfficialRow[] = [
    { header: true, cells: [...headers, ...extras].map((text, i) => label(text, w[i]!, i === 0 && anchored ? 'indicators' : null)) },
  ];
  // A merge gives a row the text of the cell above: only where the row above says the same (a category inherited
  // from a row that is no indicator, 效益指标 over a category row of its own, is written where the indicators begin).
  const same = (i: number, key: 'level1Raw' | 'level2Raw') => i > 0 && list[i]![key] === list[i - 1]![key];
  const cont1 = list.map((ind, i) => ind.level1Inherited && same(i, 'level1Raw'));
  const cont2 = list.map((ind, i) => cont1[i]! && ind.level2Inherited && same(i, 'level2Raw'));
  // a level-2 cell left empty (not merged) under a level 1 written again: the one above is carried down into it
  const empty2 = list.map((ind, i) => ind.level2Inherited && (ind.level2Raw === '' || (same(i, 'level1Raw') && same(i, 'level2Raw'))));
  const merge = (cont: boolean[], i: number): 'restart' | 'continue' | undefined =>
    cont[i] ? 'continue' : cont[i + 1] ? 'restart' : undefined;
  list.forEach((ind, i) => {
    const m1 = merge(cont1, i);
    const m2 = merge(cont2, i);
    rows.push({
      ...(anchored ? { indicatorIndex: i } : {}),
      cells: [
        cell({ lines: cont1[i] ? [] : lines(ind.level1Raw), width: w[0]!, anchor: at(i, 'level1'), ...(m1 ? { merge: m1 } : {}) }),
        cell({ lines: empty2[i] ? [] : lines(ind.level2Raw), width: w[1]!, anchor: at(i, 'level2'), ...(m2 ? { merge: m2 } : {}) }),
        cell({ lines: lines(ind.name), width: w[2]!, anchor: at(i, 'name') }),
        cell({ lines: lines(ind.description), width: w[3]!, align: 'left', anchor: at(i, 'description') }),
        cell({ lines: lines(ind.target.raw), width: w[4]!, anchor: at(i, 'target') }),
        cell({ lines: lines(ind.basis), width: w[5]!, align: 'left', anchor: at(i, 'basis') }),
        ...extraTexts(ind, extras).map((text, k) => cell({ lines: lines(text), width: w[6 + k]!, align: 'left' })),
      ],
    });
  });
  return rows;
}

/** The whole official table of a project. */
export function officialTable(project: Project): OfficialTable {
  return {
    title: officialTitle(project),
    main: mainTableRows(project),
    indicators: indicatorTableRows(project),
    longTermIndicators: project.longTermIndicators.length > 0 ? indicatorTableRows(project, 'longTerm') : [],
  };
}

// ---------------------------------------------------------------------------------------------
// A department's whole-budget targets (部门整体支出绩效目标表)

export interface OfficialDepartmentTable {
  title: string;
  /** 部门（单位）名称 … 年度履职目标. */
  main: OfficialRow[];
  indicators: OfficialRow[];
}

const DUTY_WIDTHS = widths(LABEL_WIDTH, 1700, 2600, 1900, 0);

/**
 * The department's table as the importer reads it back: name and 部门预算编码, 年度预算安排 (资金总额 /
 * 项目支出 / 基本支出), 年度总体目标 (目标1：…), the form's other fields, 年度履职目标 with a row per
 * duty (部门职能 merged down over its tasks), then the indicator table.
 */
export function departmentTargetsTable(t: DepartmentTargets): OfficialDepartmentTable {
  const unit: AmountUnit = t.amountUnit === '元' ? '元' : '万元';
  const [w0, w1, w2, w3, w4, w5, w6] = BUDGET_WIDTHS as [number, number, number, number, number, number, number];
  const cw = CODE_NAME_WIDTHS;
  const ww = WIDE_WIDTHS;
  const dw = DUTY_WIDTHS;
  const amount = (fen: number | null, width: number, anchor: CellAnchor) => cell({ lines: lines(formatTableAmount(fen, unit)), width, anchor });
  const name = t.department ? (t.department.code ? `[${t.department.code}]${t.department.name}` : t.department.name) : '';
  const duties = t.duties;
  const main: OfficialRow[] = [
    { open: true, cells: [cell({ lines: [], width: HEADER_WIDTHS[0]! }), cell({ lines: [`单位：${unit}`], width: HEADER_WIDTHS[1]!, align: 'right', label: true })] },
    {
      cells: [
        label('部门（单位）名称', cw[0]!),
        cell({ lines: lines(name), width: cw[1]!, align: 'left', anchor: 'department' }),
        label('部门预算编码', cw[2]!),
        cell({ lines: lines(t.budgetCode), width: cw[3]!, anchor: 'budgetCode' }),
      ],
    },
    {
      cells: [
        label('年度预算安排', w0, 'budget'),
        label('资金总额', w1),
        amount(t.budget.total, w2, 'budget.total'),
        label('项目支出', w3),
        amount(t.budget.project, w4, 'budget.project'),
        label('基本支出', w5),
        amount(t.budget.basic, w6, 'budget.basic'),
      ],
    },
    {
      cells: [label('年度总体目标', ww[0]!), cell({ lines: t.goals.map((g, i) => `目标${i + 1}：${g}`), width: ww[1]!, align: 'left', anchor: 'goals' })],
    },
    ...t.fields.map((f, i) => ({ cells: [label(f.label, ww[0]!), cell({ lines: lines(f.value), width: ww[1]!, align: 'left', anchor: `fields.${i}` })] })),
  ];
  if (duties.length > 0) {
    main.push({
      cells: [label('年度履职目标', dw[0]!, 'duties', 'restart'), label('部门职能', dw[1]!), label('年度目标任务', dw[2]!), label('支出项目名称', dw[3]!), label('预算金额', dw[4]!)],
    });
    duties.forEach((d, i) => {
      const same = i > 0 && d.function !== null && d.function === duties[i - 1]!.function;
      const runs = duties[i + 1] !== undefined && d.function !== null && duties[i + 1]!.function === d.function;
      main.push({
        cells: [
          cell({ lines: [], width: dw[0]!, label: true, merge: 'continue', anchor: 'duties' }),
          cell({ lines: same ? [] : lines(d.function), width: dw[1]!, anchor: `duties.${i}.function`, ...(same ? { merge: 'continue' as const } : runs ? { merge: 'restart' as const } : {}) }),
          cell({ lines: lines(d.content ? `${d.task ?? ''}：${d.content}` : d.task), width: dw[2]!, align: 'left', anchor: `duties.${i}.task` }),
          cell({ lines: lines(d.projects), width: dw[3]!, align: 'left', anchor: `duties.${i}.projects` }),
          amount(d.amount, dw[4]!, `duties.${i}.amount`),
        ],
      });
    });
  }
  return { title: t.title || '部门整体支出绩效目标表', main, indicators: indicatorRows(t.indicators, 'department') };
}

// ---------------------------------------------------------------------------------------------
// As an HTML grid

export interface GridCell extends OfficialCell {
  colSpan: number;
  rowSpan: number;
  /** The anchors this cell shows: its own and those of the cells merged into it from below. */
  anchors: CellAnchor[];
}

export interface GridRow extends Omit<OfficialRow, 'cells'> {
  cells: GridCell[];
}

export interface Grid {
  /** Column widths in twips (they add up to TEXT_WIDTH). */
  columns: number[];
  rows: GridRow[];
}

/**
 * Rows as an HTML table: column spans from the union of all cell edges, vertical merges as
 * rowSpan on the cell that restarts them (continuing cells are dropped, their anchors move up).
 */
export function toGrid(rows: OfficialRow[]): Grid {
  const edges = new Set<number>([0, TEXT_WIDTH]);
  for (const row of rows) {
    let x = 0;
    for (const c of row.cells) edges.add((x += c.width));
  }
  const grid = [...edges].sort((a, b) => a - b);
  const columns = grid.slice(1).map((e, i) => e - grid[i]!);
  // The cell at each grid column that a 'continue' cell extends, per column start.
  const open = new Map<number, GridCell>();
  const out: GridRow[] = rows.map((row) => {
    let x = 0;
    const cells: GridCell[] = [];
    for (const c of row.cells) {
      const start = grid.indexOf(x);
      x += c.width;
      const colSpan = grid.indexOf(x) - start;
      const above = open.get(start);
      if (c.merge === 'continue' && above && above.colSpan === colSpan) {
        above.rowSpan += 1;
        if (c.anchor !== null && !above.anchors.includes(c.anchor)) above.anchors.push(c.anchor);
        continue;
      }
      const g: GridCell = { ...c, colSpan, rowSpan: 1, anchors: c.anchor === null ? [] : [c.anchor] };
      if (c.merge === 'restart' || c.merge === 'continue') open.set(start, g);
      else open.delete(start);
      cells.push(g);
    }
    // A column without a cell in this row (cannot happen with whole-width rows) ends its merge.
    return { ...row, cells };
  });
  return { columns, rows: out };
}

// ---------------------------------------------------------------------------------------------
// Pinning findings and comments

/** The finding fields of one indicator and the column they are shown in. */
const INDICATOR_FIELD_COLUMN: Record<string, IndicatorColumn> = {
  level1: 'level1',
  level2: 'level2',
  indicatorName: 'name',
  name: 'name',
  description: 'description',
  target: 'target',
  basis: 'basis',
};

/**
 * The cell a finding (or anything with a field and an indicator index) is pinned to. Indicator
 * findings without a field go to the indicator's name; project findings without one to the name.
 * @example anchorOf({ field: 'target', indicatorIndex: 2 }) // "indicator:2.target"
 */
export function anchorOf(f: { field: string | null; indicatorIndex: number | null }): CellAnchor {
  if (f.indicatorIndex !== null) {
    return indicatorAnchor(f.indicatorIndex, INDICATOR_FIELD_COLUMN[f.field ?? ''] ?? 'name');
  }
  switch (f.field) {
    case null:
    case 'departmentGoals':
      return 'name';
    case 'indicators':
      return 'indicators';
    default:
      return f.field;
  }
}
