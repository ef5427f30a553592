/**
 * Recognises the headings of a target document: part markers (第一部分 …), part names
 * (部门整体绩效目标 / 预算项目绩效目标 / 预算公用绩效目标), the three sections of part 1, and
 * the title line of each project table. Numbering and Word bookmarks vary; see domain.md.
 */
import { compactLabel, splitNumbering, stripBookmarks } from '../../shared/domain/text';
import { DEPARTMENT_TABLE_TITLE, POINTER, PROJECT_TABLE_TITLE } from '../../shared/layout/labels';

export type PartNumber = 1 | 2 | 3;
export type SectionName = 'overall' | 'subGoals' | 'measures';

export type Heading =
  /** 第一部分 … or a part's name on its own line; `part` null for a marker we cannot place. */
  | { kind: 'part'; part: PartNumber | null; text: string }
  | { kind: 'section'; section: SectionName; text: string }
  /** A table's title; `table` says whether it is a project's or the department's whole-budget table. */
  | { kind: 'tableTitle'; title: string; numbering: string | null; table: 'project' | 'department' }
  /** The title of a table that holds no targets (issue 53): a budget's or final accounts' (部门收支总表, 项目支出预算表, 收入支出决算总表). */
  | { kind: 'otherTable'; title: string };

const PART_NUMBERS: Record<string, PartNumber> = { 一: 1, 二: 2, 三: 3, '1': 1, '2': 2, '3': 3 };

function partOfName(name: string): PartNumber | null {
  if (/公用/.test(name)) return 3;
  if (/部门整体/.test(name)) return 1;
  if (/预算项目|项目支出/.test(name)) return 2;
  return null;
}

/** One of them is in every heading (see classifyHeading), and in every part marker or table title (isStructural). */
const HEADING_CHARACTER = /[部标施表]/;
const STRUCTURAL_CHARACTER = /[部表标]/;

/**
 * The title of a table of a budget or final accounts (预算公开, 决算): a table of money, not of targets. Matched on
 * the compact title, a leading 表一 / 附表3 taken off.
 */
const OTHER_TABLE_TITLE = /^[\u4e00-\u9fa5（）()“”"0-9]{0,30}(收支|收入|支出|拨款|资产|三公|政府采购|国有资本|政府性基金|预算|决算)[\u4e00-\u9fa5（）()]{0,16}(总表|表|明细表|情况表)(\(.*\))?$/;

const SECTIONS: [RegExp, SectionName][] = [
  [/^(部门)?(总体|整体)(绩效)?目标:?$/, 'overall'],
  [/^(部门)?分项(绩效)?目标:?$/, 'subGoals'],
  [/^(工作)?保障措施:?$/, 'measures'],
];


/** 专项资金整体支出绩效目标表, 项目整体绩效目标表: the whole of one fund or project. */
const FUND_WHOLE_TITLE = /(专项资金|专项|项目|资金)整体(支出)?绩效目标/;

/**
 * What a paragraph is, when it is a heading; null for body text.
 * @example classifyHeading("[bookmark: _Toc_4_4_1]1.劳务费绩效目标表") // { kind: "tableTitle", title: "劳务费绩效目标表", numbering: "1." }
 */
export function classifyHeading(paragraph: string): Heading | null {
  // Asked of every paragraph and of every row holding one text (goals, purposes: long texts). A
  // heading of any kind has one of these characters: a part marker 第…部分 (部), a part name or
  // a section …目标 (标), 保障措施 (施), a table title …表 (PROJECT_TABLE_TITLE and
  // DEPARTMENT_TABLE_TITLE all end in 表 before an optional bracket). Removing whitespace and
  // making characters half-width adds none of them, so a text without any is no heading.
  if (!HEADING_CHARACTER.test(paragraph)) return null;
  const { text } = stripBookmarks(paragraph);
  const compact = compactLabel(text);
  if (compact === '') return null;
  const marker = /^第([一二三123])部分(.*)$/.exec(compact);
  if (marker) {
    return { kind: 'part', part: partOfName(marker[2]!) ?? PART_NUMBERS[marker[1]!] ?? null, text: text.trim() };
  }
  if (/^(部门)?(部门整体|预算项目|项目支出|预算公用|公用经费)绩效目标$/.test(compact)) {
    return { kind: 'part', part: partOfName(compact), text: text.trim() };
  }
  const { numbering, rest } = splitNumbering(text);
  const restCompact = compactLabel(rest);
  for (const [re, section] of SECTIONS) {
    if (re.test(restCompact)) return { kind: 'section', section, text: text.trim() };
  }
  // "详见项目绩效目标表" points at a table; it is not one's title.
  if (compact.length <= 80 && !POINTER.test(restCompact)) {
    // a special fund's or a project's 整体 targets (2019年专项资金整体支出绩效目标表, issue 68) are a project's table, not the department's
    if (DEPARTMENT_TABLE_TITLE.test(restCompact) && !FUND_WHOLE_TITLE.test(restCompact)) return { kind: 'tableTitle', title: rest.trim(), numbering, table: 'department' };
    if (PROJECT_TABLE_TITLE.test(restCompact)) return { kind: 'tableTitle', title: rest.trim(), numbering, table: 'project' };
    if (OTHER_TABLE_TITLE.test(compact.replace(/^(附)?表[一二三四五六七八九十\d]+[-—.、:]?/, ''))) return { kind: 'otherTable', title: text.trim() };
  }
  return null;
}

/**
 * classifyHeading(line) for a line that may be a structural heading (isStructural: a part marker or a table title);
 * undefined, without classifying it, for a line that cannot be one. The text reader keeps the
 * answer on the paragraph it makes, so that the parser does not classify the line again.
 */
export function classifyIfStructural(line: string): Heading | null | undefined {
  // Asked of every paragraph and cell line of extracted text. A part marker has 部 (第一部分), a
  // part name ends in 绩效目标 (标), a table title has 表: other lines are out without the work
  // of classifyHeading (removing whitespace or making characters half-width adds none of these).
  return STRUCTURAL_CHARACTER.test(line) ? classifyHeading(line) : undefined;
}

/** A part marker or a table title: a heading that ends a table in the text format. */
export const isStructural = (heading: Heading | null | undefined): boolean => heading != null && heading.kind !== 'section';
