/**
 * A table as it stands in its file (issue 53), for the import preview: its rows and cells where the reader found them
 * (grid columns and spans; for extracted text, the cell's place in its row), each row's kind as the structure stage
 * saw it (header, indicator, category, form, sign-off, note), and each indicator column's path and role. Shown beside
 * the reading so that a person sees at a glance what went where, and the doubted cells (by their location) outlined.
 */
import type { TemplateOffer, TemplateUse } from './form-template';
import type { ExtraRole, IndicatorField } from './model';

/** What a row of a table is (the structure stage's row kinds). */
export const ROW_KINDS = ['blank', 'header', 'indicator', 'category', 'form', 'signOff', 'note'] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/** Each row kind's name for people. */
export const ROW_KIND_LABELS: Readonly<Record<RowKind, string>> = {
  blank: '空行',
  header: '表头',
  indicator: '指标',
  category: '类别行',
  form: '栏目',
  signOff: '签章、审核意见或联系方式',
  note: '表下注释',
};

export interface GridCell {
  text: string;
  /** The first grid column it covers and how many (its place in its row for extracted text). */
  col: number;
  span: number;
  /** It continues a cell merged down from the row above. */
  merged: boolean;
  line: number;
  ref?: string;
}

export interface GridRow {
  kind: RowKind;
  line: number;
  ref?: string;
  cells: GridCell[];
}

/** The role the reader gave an indicator column: a field of the indicator, one kept by role, a row label, none (kept as written), or not read (a form template says so, issue 54). */
export const GRID_COLUMN_ROLES = [
  'level1', 'level2', 'name', 'description', 'target', 'basis', 'operator', 'value', 'unit', 'nature', 'weight',
  'priorActual', 'laterTarget', 'longTermTarget', 'rowLabel', 'other', 'ignore',
] as const satisfies readonly (IndicatorField | ExtraRole | 'longTermTarget' | 'rowLabel' | 'other' | 'ignore')[];
export type GridColumnRole = (typeof GRID_COLUMN_ROLES)[number];

export interface GridColumn {
  start: number;
  end: number;
  /** The header's texts from the top row down: ["指标值", "上年实际值"]. */
  path: string[];
  role: GridColumnRole;
}

export interface TableGrid {
  title: string;
  kind: 'project' | 'department' | 'list';
  /** The projects read from it (indexes into the document's projects); [] for the department-wide table. */
  projects: number[];
  /** The columns of its (first) indicator header; [] when it has none. */
  columns: GridColumn[];
  rows: GridRow[];
  /** Rows left out past the preview's limit. */
  truncated: boolean;
  /** The paragraph right over the table (a heading that may name its project); null when there is none. */
  heading: string | null;
  /** The form template (表样) it was read with; null when the reader read it alone (issue 54). */
  template: TemplateUse | null;
  /** Templates whose header is like this table's, offered to the person, never applied. */
  offers: TemplateOffer[];
}

/** Each column role's name for people. */
export const GRID_ROLE_LABELS: Readonly<Record<GridColumnRole, string>> = {
  level1: '一级指标',
  level2: '二级指标',
  name: '三级指标',
  description: '指标描述',
  target: '指标值',
  basis: '确定依据',
  operator: '运算符',
  value: '数值',
  unit: '计量单位',
  nature: '指标性质',
  weight: '分值',
  priorActual: '上年实际值（历史）',
  laterTarget: '以后年度指标值',
  longTermTarget: '中期（长期）指标值',
  rowLabel: '行标签',
  other: '其他列（按原样保存）',
  ignore: '不读取',
};
