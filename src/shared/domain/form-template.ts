/**
 * Form templates (表样, issue 54): what a person said about a form the reader got wrong, remembered so that
 * every later table of that form reads right. Not to be confused with Project.form (form-profile.ts), which
 * records what fields a form has as the reader found them.
 *
 * A template is data, never code: texts compared exactly (compactLabel: whitespace removed, full-width
 * letters and digits half-width), never made into a pattern; no row index or position of the document it
 * was made from. It names a form by its indicator header (`header`: the header's rows, top down, each
 * row's cells with text of their own in order — the text and the layout of the header), and says:
 *
 * - which rows are the header and how deep it is (`header` itself: its rows are the header wherever they
 *   stand, however the reader would have read them);
 * - each column's role, by its path (the header's texts from the top row down: 预期成效 › 全年);
 * - rows that are not indicators (a sign-off, a note, a row of the form), by the text they start with;
 * - labels the reader does not know and the field each names (责任单位 → 实施单位, 任务资金 → 年度资金总额);
 * - that the project is named by the paragraph over its table, and the form's words around the name.
 *
 * Matching (the parser's structure stage, server/importers/structure/template.ts): a table whose rows hold
 * the header's rows exactly, one after another, is read with the template; a header like it (headerLikeness
 * at least NEAR_MATCH) is offered, never applied. Pure: the parser, the import preview and the browser share it.
 */
import { normalizeLabel } from '../layout/labels';
import { GRID_COLUMN_ROLES, type GridColumnRole, type TableGrid } from './table-grid';
import { compactLabel, splitNumbering } from './text';

/** What a column can be said to be: any role the reader gives a column, or nothing to read (its cells are left out, said once). */
export const TEMPLATE_COLUMN_ROLES = GRID_COLUMN_ROLES;
export type TemplateColumnRole = GridColumnRole;

/**
 * What a row that is not an indicator can be said to be. `level1` and `level2` (issue 71): a category row of the
 * indicator table — its text (numbering taken off) is the 一级指标, or the 二级指标, of the indicator rows under it,
 * until the next such row: a form that writes "一、产出指标" on a row of its own, with no 一级指标 column, reads right.
 */
export const TEMPLATE_ROW_KINDS = ['signOff', 'note', 'form', 'indicator', 'level1', 'level2'] as const;
export type TemplateRowKind = (typeof TEMPLATE_ROW_KINDS)[number];

export const TEMPLATE_ROW_KIND_LABELS: Readonly<Record<TemplateRowKind, string>> = {
  signOff: '签章、审核意见或联系方式（不读取）',
  note: '表下注释（不读取）',
  form: '栏目（非指标）',
  indicator: '指标行',
  level1: '类别行：一级指标（以下各行的一级指标）',
  level2: '类别行：二级指标（以下各行的二级指标）',
};

/** The category level a row kind says (`level1`, `level2`), or null for the other kinds. */
export function categoryLevelOf(kind: TemplateRowKind | null): 'level1' | 'level2' | null {
  return kind === 'level1' || kind === 'level2' ? kind : null;
}

/** The fields a label of a project's form can be said to name (the keys of shared/layout/labels.ts PROJECT_LABELS, and the year). */
export const TEMPLATE_LABEL_FIELDS = [
  'name',
  'code',
  'budgetDepartment',
  'supervisor',
  'implementer',
  'annualTotal',
  'projectTotal',
  'fiscal',
  'other',
  'goals',
  'longTermGoals',
  'purpose',
  'period',
  'indicatorGroup',
  'year',
] as const;
export type TemplateLabelField = (typeof TEMPLATE_LABEL_FIELDS)[number];

export const TEMPLATE_LABEL_FIELD_NAMES: Readonly<Record<TemplateLabelField, string>> = {
  name: '项目名称',
  code: '项目编码',
  budgetDepartment: '预算单位',
  supervisor: '主管部门',
  implementer: '实施单位',
  annualTotal: '年度资金总额',
  projectTotal: '项目资金总额（实施期）',
  fiscal: '其中：财政资金',
  other: '其中：其他资金',
  goals: '年度绩效目标',
  longTermGoals: '中长期（实施期）绩效目标',
  purpose: '项目概况（资金用途）',
  period: '实施期',
  indicatorGroup: '绩效指标（文字，逐条拆分）',
  year: '预算年度',
};

/** The project's name from the paragraph over its table: the form's words before and after it (numbering always taken off). */
export interface HeadingRule {
  prefix: string;
  suffix: string;
}

export interface FormTemplate {
  /** A stored template's number; absent for one being made in a preview or read from a file. */
  id?: number;
  /** Its name for people: 青山县项目绩效任务单. */
  name: string;
  /** The indicator header's rows, top down: each row's cells with text of their own (not merged from above), compacted. */
  header: string[][];
  /** Every column of the header by its path, and its role. */
  columns: { path: string[]; role: TemplateColumnRole }[];
  /** Rows that are not what the reader took them for, by the text of their first cell (its label, before a colon). */
  rows: { text: string; kind: TemplateRowKind }[];
  /** Labels of the form the reader does not know (compacted, a unit in brackets taken off), and the field each names. */
  labels: { text: string; field: TemplateLabelField }[];
  /** The project is named by the paragraph over its table; null: by the form. */
  nameFromHeading: HeadingRule | null;
}

/** How a template went with a table: applied (its header found exactly), or offered (a header like it). */
export interface TemplateUse {
  /** The stored template's number; null for one being made in the preview or given in a file. */
  id: number | null;
  name: string;
}

export interface TemplateOffer extends TemplateUse {
  /** How alike the table's header and the template's are, 0–100 (%). */
  likeness: number;
}

/** Limits a template never exceeds (a profile from a file is refused past them). */
export const TEMPLATE_LIMITS = {
  name: 60,
  headerRows: 4,
  cells: 60,
  text: 120,
  columns: 80,
  rules: 200,
  /** Templates in one file exported or imported. */
  perFile: 500,
  /** Templates offered to a table at most. */
  offers: 3,
} as const;

/** A header like the template's from this likeness on (%) is offered. */
export const NEAR_MATCH = 60;

/** A text as templates compare it. */
export const templateText = (text: string): string => compactLabel(text);

/** A row's texts as a template names them: its cells with text of their own, compacted, in order. */
export function rowTexts(cells: readonly { text: string; merged: boolean }[]): string[] {
  const out: string[] = [];
  for (const c of cells) {
    if (c.merged) continue;
    const t = templateText(c.text);
    if (t !== '') out.push(t);
  }
  return out;
}

/** The text a row rule names a row by: its first text, up to a colon (编制股室：城建股 → 编制股室). */
export function rowRuleText(texts: readonly string[]): string {
  const first = texts[0] ?? '';
  const colon = first.indexOf(':');
  return colon > 0 ? first.slice(0, colon) : first;
}

/** One header row as a key (exact matching). */
export const headerRowKey = (texts: readonly string[]): string => texts.join('\u0001');

/**
 * How alike two headers are, 0–100: twice the texts they share over the texts of both (Dice, the texts
 * counted as often as written, the rows taken together).
 */
export function headerLikeness(a: readonly (readonly string[])[], b: readonly (readonly string[])[]): number {
  const counts = new Map<string, number>();
  let na = 0;
  let nb = 0;
  for (const row of a) for (const t of row) {
    counts.set(t, (counts.get(t) ?? 0) + 1);
    na++;
  }
  let shared = 0;
  for (const row of b) for (const t of row) {
    nb++;
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(t, n - 1);
    }
  }
  return na + nb === 0 ? 0 : Math.round((200 * shared) / (na + nb));
}

/** A heading without its numbering, compacted: （一）城区道路维修工程 → 城区道路维修工程. */
export function headingText(heading: string): string {
  return templateText(splitNumbering(heading.trim()).rest);
}

/**
 * The rule that gives `name` from `heading` (the form's words around it), or null when the heading does not
 * hold the name.
 */
export function headingRule(heading: string, name: string): HeadingRule | null {
  const text = headingText(heading);
  const n = templateText(name);
  if (n === '') return null;
  const at = text.indexOf(n);
  if (at < 0) return null;
  return { prefix: text.slice(0, at), suffix: text.slice(at + n.length) };
}

/** The name a heading gives by a rule; null when the heading is not of that form (its words are not there, or nothing is left). */
export function nameByHeading(heading: string, rule: HeadingRule): string | null {
  const text = headingText(heading);
  if (!text.startsWith(rule.prefix) || !text.endsWith(rule.suffix)) return null;
  const name = text.slice(rule.prefix.length, text.length - rule.suffix.length);
  return name === '' || name.length > 80 ? null : name;
}

/** A template's header in words: 一级指标 | 二级指标 | … / 全年 | 上半年. */
export function describeHeader(header: readonly (readonly string[])[]): string {
  return header.map((row) => row.join(' | ')).join(' / ');
}

/**
 * The checks a template must pass beyond its shape (the API's schema checks the shape and the limits): a
 * header, each column path once, each rule once. The first problem in words, or null.
 */
export function templateProblem(t: FormTemplate): string | null {
  if (t.header.length === 0 || t.header[0]!.length < 2) return '表样没有指标表头（至少两个单元格）';
  const paths = new Set<string>();
  for (const c of t.columns) {
    const key = c.path.join('›');
    if (paths.has(key)) return `表样的列“${key}”出现了两次`;
    paths.add(key);
  }
  const rows = new Set<string>();
  for (const r of t.rows) {
    if (rows.has(r.text)) return `表样中“${r.text}”行的设置出现了两次`;
    rows.add(r.text);
  }
  const labels = new Set<string>();
  for (const l of t.labels) {
    if (labels.has(l.text)) return `表样中栏目“${l.text}”的设置出现了两次`;
    labels.add(l.text);
  }
  return null;
}

/**
 * What a person said about one table in the import preview, by the table's grid (TableGrid): the rows that are
 * its header, columns' roles by path, rows' kinds, label cells and the fields they name, and whether the
 * project is named by the heading over the table.
 */
export interface TemplateCorrections {
  name: string;
  /** The grid's rows (indexes into TableGrid.rows) that are the indicator header, top down; null: those the reader took. */
  headerRows: number[] | null;
  /** Roles the person set, by column path (the other columns keep the reader's). */
  columns: { path: string[]; role: TemplateColumnRole }[];
  /** Rows said to be of a kind (index into TableGrid.rows). */
  rows: { row: number; kind: TemplateRowKind }[];
  /** Label cells said to name a field (a row and the index of the cell in it). */
  labels: { row: number; cell: number; field: TemplateLabelField }[];
  /** The project is named by the heading over the table: as it stands (numbering taken off), or the name the person typed within it. */
  nameFromHeading: boolean;
  headingName?: string;
}

export const NO_CORRECTIONS = (name: string): TemplateCorrections => ({ name, headerRows: null, columns: [], rows: [], labels: [], nameFromHeading: false });

/** The rows the reader took for the grid's indicator header: its first run of header rows. */
export function gridHeaderRows(grid: TableGrid): number[] {
  const first = grid.rows.findIndex((r) => r.kind === 'header');
  if (first < 0) return [];
  const out: number[] = [];
  for (let i = first; i < grid.rows.length && grid.rows[i]!.kind === 'header' && out.length < TEMPLATE_LIMITS.headerRows; i++) out.push(i);
  return out;
}

/** The label a cell's text is known by (as the form's reader looks it up): compacted, a unit in brackets and a colon taken off. */
export const labelKey = (text: string): string => normalizeLabel(text).key;

/**
 * The form template a person's corrections make of a table's grid, or the problem with them in words. Every
 * column of the grid is in it (the reader's role where the person set none), so that the form reads the same
 * way whatever the reader learns later.
 */
export function draftTemplate(grid: TableGrid, c: TemplateCorrections): FormTemplate | string {
  const name = c.name.trim();
  if (name === '') return '请填写表样名称';
  if (name.length > TEMPLATE_LIMITS.name) return `表样名称不能超过 ${TEMPLATE_LIMITS.name} 个字`;
  const headerRows = c.headerRows ?? gridHeaderRows(grid);
  if (headerRows.length === 0) return '请指出指标表头所在的行';
  if (headerRows.length > TEMPLATE_LIMITS.headerRows) return `指标表头最多 ${TEMPLATE_LIMITS.headerRows} 行`;
  const header: string[][] = [];
  for (const i of headerRows) {
    const row = grid.rows[i];
    if (row === undefined) return '指标表头的行不在表中';
    header.push(rowTexts(row.cells).map((t) => t.slice(0, TEMPLATE_LIMITS.text)));
  }
  const roles = new Map(c.columns.map((col) => [col.path.join('›'), col.role]));
  const columns = grid.columns.map((col) => ({ path: col.path, role: roles.get(col.path.join('›')) ?? col.role }));
  // roles the person's corrections give columns this reading of the grid has not (a template started from, its header
  // deeper than the reader took it): kept, so that the re-read with that header finds them (issue 71)
  const read = new Set(grid.columns.map((col) => col.path.join('›')));
  for (const col of c.columns) if (!read.has(col.path.join('›')) && columns.length < TEMPLATE_LIMITS.columns) columns.push({ path: col.path, role: col.role });
  const rows: FormTemplate['rows'] = [];
  for (const r of c.rows) {
    const row = grid.rows[r.row];
    const text = row === undefined ? '' : rowRuleText(rowTexts(row.cells));
    if (text !== '' && !rows.some((x) => x.text === text)) rows.push({ text: text.slice(0, TEMPLATE_LIMITS.text), kind: r.kind });
  }
  const labels: FormTemplate['labels'] = [];
  for (const l of c.labels) {
    const cell = grid.rows[l.row]?.cells[l.cell];
    const text = cell === undefined ? '' : labelKey(cell.text);
    if (text !== '' && !labels.some((x) => x.text === text)) labels.push({ text: text.slice(0, TEMPLATE_LIMITS.text), field: l.field });
  }
  let nameFromHeading: HeadingRule | null = null;
  if (c.nameFromHeading) {
    if (grid.heading === null) return '表格上方没有标题，不能以标题确定项目名称';
    const typed = c.headingName?.trim() ?? '';
    nameFromHeading = typed === '' ? { prefix: '', suffix: '' } : headingRule(grid.heading, typed);
    if (nameFromHeading === null) return `表格上方的标题“${grid.heading}”中没有“${typed}”`;
  }
  const template: FormTemplate = { name, header, columns, rows, labels, nameFromHeading };
  return templateProblem(template) ?? template;
}

/**
 * The corrections a template makes on a table's grid (to start from it: the template a file was read with, the
 * person's last corrections, a template offered for a header like it): its column roles by path (all of them), its
 * row rules on the rows that start with their text, its labels on the cells that say them, its heading rule. The
 * header rows are where the template's header stands, else the rows most like it (at least NEAR_MATCH), else the
 * grid's own.
 */
export function correctionsFrom(grid: TableGrid, t: Pick<FormTemplate, 'name' | 'header' | 'columns' | 'rows' | 'labels' | 'nameFromHeading'>): TemplateCorrections {
  const keys = t.header.map(headerRowKey);
  let headerRows: number[] | null = null;
  for (let i = 0; i + keys.length <= grid.rows.length && headerRows === null; i++) {
    if (keys.every((k, d) => headerRowKey(rowTexts(grid.rows[i + d]!.cells)) === k)) headerRows = keys.map((_, d) => i + d);
  }
  // a template offered for a header like its own (issue 71): the rows most like its header, as deep as it, are the header
  if (headerRows === null) {
    let best = NEAR_MATCH - 1;
    for (let i = 0; i + keys.length <= grid.rows.length; i++) {
      const likeness = headerLikeness(t.header, grid.rows.slice(i, i + keys.length).map((r) => rowTexts(r.cells)));
      if (likeness > best) {
        best = likeness;
        headerRows = keys.map((_, d) => i + d);
      }
    }
  }
  const kinds = new Map(t.rows.map((r) => [r.text, r.kind]));
  const fields = new Map(t.labels.map((l) => [l.text, l.field]));
  const rows: TemplateCorrections['rows'] = [];
  const labels: TemplateCorrections['labels'] = [];
  grid.rows.forEach((r, row) => {
    const kind = kinds.get(rowRuleText(rowTexts(r.cells)));
    if (kind !== undefined) rows.push({ row, kind });
    r.cells.forEach((c, cell) => {
      const field = c.merged ? undefined : fields.get(labelKey(c.text));
      if (field !== undefined) labels.push({ row, cell, field });
    });
  });
  const rule = t.nameFromHeading;
  const fromHeading = rule !== null && grid.heading !== null ? nameByHeading(grid.heading, rule) : null;
  return {
    name: t.name,
    headerRows,
    // every column role of the template, also those of paths this reading has not (yet): the re-read with the template's
    // header finds them (issue 71: starting from an offered template dropped its roles)
    columns: t.columns.map((c) => ({ path: [...c.path], role: c.role })),
    rows,
    labels,
    nameFromHeading: rule !== null,
    ...(fromHeading !== null && (rule!.prefix !== '' || rule!.suffix !== '') ? { headingName: fromHeading } : {}),
  };
}
