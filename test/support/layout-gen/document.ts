/**
 * A generated document (paragraphs and tables, each table a grid of cells with their spans) and the model a
 * reader must give back from it: what every generator of test/support/layout-gen writes (generate.ts, honest.ts)
 * and check.ts judges. Pure data and two helpers that print a document for a failure's message; no reader
 * module is imported here (honest.ts must load nothing of the reader's vocabulary).
 */
import type { ExtraRole, TargetOperator } from '../../../src/shared/domain/model';
import type { GridColumnRole, RowKind } from '../../../src/shared/domain/table-grid';

export type LayoutFormat = 'txt' | 'html' | 'docx' | 'xlsx';
export const LAYOUT_FORMATS: readonly LayoutFormat[] = ['txt', 'html', 'docx', 'xlsx'];

/** The budget year of every generated document (the project codes say 25). */
export const YEAR = 2025;

// ---------------------------------------------------------------------------------------------
// The document: paragraphs and tables, each table a grid of cells

/** A cell where it starts, with its spans. */
export interface GenCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
  /** Written as a number in a spreadsheet (an amount, a target's value), with this number format. */
  number?: { value: number; format: string };
}

/** A slot of the grid: a cell, or the continuation of the cell above ('v') or to the left ('h'). */
export type GenSlot = GenCell | 'v' | 'h';

/** An indicator header as the structure stage must read it: its rows, and each column's path and role. */
export interface ExpectedHeader {
  /** The header's first row, the header row (with the category columns), the row after its last. */
  from: number;
  at: number;
  to: number;
  columns: { path: string[]; role: GridColumnRole }[];
}

export interface GenTable {
  /** Every row has `width` slots. */
  rows: GenSlot[][];
  width: number;
  /** Each row's kind as the structure stage must see it (structure/table.ts; `indicator` for a category's rows too). */
  kinds: RowKind[];
  /** The indicator header; null when the table has none. */
  header: ExpectedHeader | null;
  /** In extracted text, the indicator rows leave out their merged cells and their trailing empty cells (rows short of cells). */
  shortInText?: boolean;
}

export type GenBlock = { paragraph: string } | { table: GenTable };

export interface GenDocument {
  blocks: GenBlock[];
}

// ---------------------------------------------------------------------------------------------
// The model the reader must give back

export interface ExpectedTarget {
  raw: string;
  kind: 'quantitative' | 'qualitative' | 'deadline';
  operator: TargetOperator | null;
  value: number | null;
  unit: string | null;
  /** Other readings a person could take as well (`》95%`: ≥ or >); any of them, or this one, is read right. */
  alternatives?: Omit<ExpectedTarget, 'alternatives'>[];
}

export interface ExpectedExtra {
  /** The column's path joined by ›. */
  header: string;
  text: string;
  role: ExtraRole;
}

export interface ExpectedIndicator {
  /** The standard level 1; null for a level of the form's own that no national level names (过程管理指标's 资金管理). */
  level1: string | null;
  level2: string | null;
  /** The level as the form writes it (产出值, 数量目标), which the reading keeps (level1Raw/level2Raw hold it); undefined when not checked. */
  level1Word?: string;
  level2Word?: string;
  name: string;
  target: ExpectedTarget;
  /** Checked only when the table has the column (undefined otherwise). */
  description?: string | null;
  basis?: string | null;
  weight?: number | null;
  /** The weights written in the level-1 and level-2 cells; undefined when none is. */
  level1Weight?: number;
  level2Weight?: number;
  /** The cells kept beside the indicator by role (last year's actual, a later year's target); checked always ([] when none). */
  extras: ExpectedExtra[];
}

export interface ExpectedProject {
  name: string;
  code: string | null;
  /** This year's amount in fen. */
  total: number;
  indicators: ExpectedIndicator[];
  /** The period's indicators (a 实施周期 / 中期 column): their level 1 and 2, name and target. */
  longTermIndicators: ExpectedIndicator[];
  goals: string[];
  longTermGoals: string[];
  /** The parts of the total (其中 items), as [label, fen]. */
  budgetLines: [string, number][];
  /** The unit the table is of (its 申报单位 row); undefined when not checked. */
  department?: string;
  /** Texts that must not be anywhere in the project's reading (a contact's name and phone, an office's opinion). */
  absent: string[];
}

export interface ExpectedDocument {
  projects: ExpectedProject[];
  frameworkVersion: string;
  year: number | null;
  yearInferred: boolean;
  /** A document without a target table: the reader refuses it in one line holding each of these. */
  refusal?: string[];
}

/** Where a careful person could not read the case exactly: the reader must say it is not sure. */
export interface Unreadable {
  formats: readonly LayoutFormat[];
  /** The project (index) whose table cannot be read. */
  project: number;
  why: string;
}

export interface LayoutCase {
  document: GenDocument;
  expected: ExpectedDocument;
  /** null: readable in every rendering. */
  unreadable: Unreadable | null;
  /** The choices behind the case, for a failure's message. */
  choices: string[];
}

/** A table as plain text, one row a line, for a failure's message. */
export function tableAsText(table: GenTable): string {
  return table.rows
    .map((row, k) => `${row.map((s) => (s === 'v' ? '↑' : s === 'h' ? '←' : `${s.text.replace(/\n/g, '⏎')}${s.rowSpan ? `⟨rows ${s.rowSpan}⟩` : ''}${s.colSpan ? `⟨cols ${s.colSpan}⟩` : ''}`)).join(' | ')}   [${table.kinds[k]}]`)
    .join('\n');
}

/** The document as plain text, for a failure's message. */
export function documentAsText(doc: GenDocument): string {
  return doc.blocks.map((b) => ('paragraph' in b ? b.paragraph : tableAsText(b.table))).join('\n');
}
