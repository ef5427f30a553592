/**
 * A table of the document as the parser sees it: its rows from its title (a paragraph or a title
 * row) up to the next table's, and what the lines around it said (a caption's unit and filling
 * unit, a year line such as "（2025年度）").
 */
import type { SourceLocation } from '../../../shared/domain/model';
import type { MoneyUnit } from '../../../shared/domain/money';
import type { RowBlock } from '../blocks';
import type { PartNumber } from '../headings';
import type { TemplateSet } from '../structure/template';

export interface Segment {
  /** 'other': a table that holds no targets (a budget's, final accounts'): its rows are kept apart and not read. */
  kind: 'project' | 'department' | 'other';
  part: PartNumber | null;
  /** The title with numbering and bookmarks removed; '' when the table has none. */
  title: string;
  titled: boolean;
  /** The title's location, else the first row's. */
  source: SourceLocation;
  rows: RowBlock[];
  /** One of its rows names a project (项目名称 / 项目编码 as a label). */
  identified: boolean;
  /** From a caption ("金额单位：元") or a header cell ("单位：万元"). */
  unit: MoneyUnit | null;
  /** The filling unit a caption names ("填报单位：示范区民政局"). */
  filler: { name: string; source: SourceLocation } | null;
  /**
   * Index of the first row under a medium-term title (中期绩效目标, 中长期绩效目标表) standing after the
   * project's annual table: the indicators and goals from there on are the project's medium-term ones.
   */
  longTermFrom?: number;
  /**
   * Category words (社会效益, 效益指标) standing as paragraphs among the table's rows: a merged category cell over a page
   * break whose page drew the rules of the indicator columns only (issue 68). The table's rows there may carry the
   * category above them.
   */
  strayCategories?: { text: string; source: SourceLocation }[];
  /** A year the title or a year line gives ("2024年项目支出绩效目标申报表", "（2025年度）"). */
  year: number | null;
  /** The paragraph right over the table's first row (a heading that may name the project, issue 54). */
  heading?: { text: string; source: SourceLocation };
  /** The form templates in force for the parse (structure/template.ts); absent or null: none. */
  templates?: TemplateSet | null;
}
