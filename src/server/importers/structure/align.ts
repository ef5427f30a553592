/**
 * A row short of cells (issue 53): merged cells are often not repeated, so a row of extracted text may
 * hold fewer cells than its header has columns, and not only at its front (a blank 指标值确定依据 at the
 * end, a category written once over its rows). Its cells are aligned to the columns by what they are:
 * a known category name to its level column, a value (number, percent, date, amount, operator) to the
 * target, a name to the name column — in order, skipping the columns the row lacks. A name never
 * slides into a level column; a value is never read as a name.
 *
 * The alignment that fits the cells best wins; of equals, the one that leaves out the leading columns
 * (the merged cells of the categories), as a short row usually is. When two alignments fit equally well
 * and put a cell with text in different columns, the row is ambiguous: the reader says so.
 */
import type { IndicatorField } from '../../../shared/domain/model';
import { readQualifier, splitCategoryWeight } from '../../../shared/layout/indicator-columns';
import { FRAMEWORKS, normalizeCategories } from '../../../shared/domain/framework';
import { parseTargetValue } from '../../../shared/domain/target-value';
import { toHalfWidth } from '../../../shared/domain/text';

/**
 * What a cell's text is, for the fit to a column. A category written as one (`数量指标`, `产出指标`) is a
 * level's; a category's word alone (`满意度`, `社会效益`) may as well be an indicator's name: `catword1` when it
 * is a level 1's word only (产出), `catword2` a level 2's only (质量, 社会效益), `catword` either (满意度).
 */
type Shape = 'empty' | 'level1' | 'level2' | 'level12' | 'catword' | 'catword1' | 'catword2' | 'value' | 'operator' | 'nature' | 'basis' | 'number' | 'unit' | 'short' | 'text';

/** A text that ends with a number and at most a short unit after it (`…达到85.00%`), the number captured. */
const TRAILING_NUMBER = /[^\d.](\d+(?:\.\d+)?)[^\d]{0,6}$/;
const NUMBER = /\d+(?:\.\d+)?/;

/** How a value starts: a digit, a sign, an operator or an operator's word (≥98%, 不低于95%, 达到100%, 约3天). */
const VALUE_START = /^[\d≥≤<>=≧≦+\-±不大小等以达约]/;

const BASIS_WORDS = /^(计划|行业|历史|预算支出|其他|国家|地方|经验|预算)标准|标准$|依据$|^(历史数据|工作计划|实施方案|测算|政策文件)/;

/**
 * A cell's shape; `under` is the level 1 the rows above carry: a category that is a level 1 in one framework and a
 * level 2 in another (成本指标: a level 1 of the 2021 tree, a level 2 of 产出指标 before) is the level 2 under
 * 产出指标, else the level 1 of its own (`level12` when nothing tells).
 */
function shapeOf(text: string, under: string): Shape {
  const t = text.trim();
  if (t === '') return 'empty';
  // a category with its weight (`效果指标 10分`, `产出指标（50分）`) is the category's
  const weighted = /\d/.test(t) ? splitCategoryWeight(t) : null;
  if (weighted !== null && weighted.weight !== null) {
    const shape = shapeOf(weighted.category, under);
    if (shape === 'level1' || shape === 'level2' || shape === 'level12' || shape.startsWith('catword')) return shape;
  }
  const q = readQualifier(t);
  if (q !== null) return q.operator !== null ? 'operator' : 'nature';
  // a number, or a weight in points (`30分`): a weight column's
  if (/^\d+(\.\d+)?\s*分?$/.test(toHalfWidth(t))) return 'number';
  if (t.length <= 16) {
    const written = /指标$/.test(t.replace(/\s+/g, ''));
    const asLevel1 = FRAMEWORKS.some((fw) => normalizeCategories(fw, t, '').level1 !== null);
    const asLevel2 = FRAMEWORKS.some((fw) => normalizeCategories(fw, under, t).level2 !== null && normalizeCategories(fw, under, t).level2UnderOtherLevel1 === null && (under === '' || normalizeCategories(fw, under, '').level1 !== null));
    const anyLevel2 = asLevel2 || FRAMEWORKS.some((fw) => normalizeCategories(fw, '', t).level2 !== null);
    if (!written && (asLevel1 || anyLevel2)) {
      // a word of both levels (成本) under a level 1 that has it as its level 2 (产出指标) is that level 2, as written ones are
      if (asLevel1 && anyLevel2) return under !== '' && asLevel2 ? 'catword2' : 'catword';
      return asLevel1 ? 'catword1' : 'catword2';
    }
    if (asLevel1 && asLevel2) return under === '' ? 'level12' : 'level2';
    if (asLevel1) return 'level1';
    if (asLevel2 || FRAMEWORKS.some((fw) => normalizeCategories(fw, '', t).level2 !== null)) return 'level2';
  }
  // a value starts with its number or its operator; a sentence with a number in it (`培训合格率达到95%`, a description) is text
  const v = VALUE_START.test(toHalfWidth(t)) ? parseTargetValue(t) : null;
  if (v !== null && (v.kind === 'quantitative' || v.kind === 'deadline' || v.kind === 'period') && t.length <= 24) return 'value';
  if (BASIS_WORDS.test(t)) return 'basis';
  if (t.length <= 8 && isUnit(t)) return 'unit';
  return t.length <= 4 ? 'short' : 'text';
}

/** A unit of measure (`%`, `人次`, `元/公里`, `个工作日`): what a target parser takes as the unit of a number before it. */
function isUnit(text: string): boolean {
  const v = parseTargetValue(`1${text}`);
  return v.words === null && v.unit !== null && v.unit === toHalfWidth(text).replace(/\s+/g, '');
}

/** How well a cell of a shape fits a column of a field (null: an extra column). Higher is better. */
function fit(shape: Shape, field: IndicatorField | null): number {
  if (shape === 'empty') return field === 'level1' || field === 'level2' ? 0.5 : 0;
  if (shape === 'level12') return field === 'level1' || field === 'level2' ? 2 : field === 'name' ? -2 : -3;
  if (shape === 'catword' || shape === 'catword1' || shape === 'catword2') {
    // a level's word in its level's column; in the other level's, worse than a name, better than an extra column
    // (满意度 written under 一级指标分类 after the row's other cells: the level 1, not 备注)
    if (field === 'level1') return shape === 'catword2' ? 0 : 1;
    if (field === 'level2') return shape === 'catword1' ? 0 : 1;
    return field === 'name' ? 0.5 : field === 'target' || field === 'value' ? -1 : field === null ? -0.5 : 0;
  }
  switch (field) {
    case 'level1':
      return shape === 'level1' ? 3 : shape === 'level2' ? -1 : shape === 'value' || shape === 'number' || shape === 'operator' ? -4 : -2;
    case 'level2':
      return shape === 'level2' ? 3 : shape === 'level1' ? 1 : shape === 'value' || shape === 'number' || shape === 'operator' ? -4 : -2;
    case 'name':
      return shape === 'text' || shape === 'short' ? 1 : shape === 'basis' || shape === 'unit' ? -1 : shape === 'level1' || shape === 'level2' ? -2 : -4;
    case 'target':
    case 'value':
      return shape === 'value' || shape === 'number' ? 3 : shape === 'short' || shape === 'text' ? 0 : shape === 'operator' ? -1 : -3;
    case 'description':
      return shape === 'text' ? 0.5 : shape === 'value' ? -0.5 : shape === 'level1' || shape === 'level2' ? -2 : 0;
    case 'basis':
      return shape === 'basis' ? 2 : shape === 'text' ? 0 : shape === 'level1' || shape === 'level2' ? -2 : -1;
    case 'operator':
      return shape === 'operator' ? 3 : -3;
    case 'nature':
      return shape === 'nature' || shape === 'operator' ? 3 : -3;
    case 'unit':
      // a unit, not a target's words (`明显改善` of a 定性 row whose unit cell is empty)
      return shape === 'unit' ? 2 : -2;
    case 'weight':
      return shape === 'number' ? 2 : -2;
    default:
      return shape === 'level1' || shape === 'level2' ? -1 : 0;
  }
}

/** What leaving a column without a cell costs: a category column (merged) nothing, the name or target a little. */
function skipCost(field: IndicatorField | null): number {
  return field === 'level1' || field === 'level2' || field === null ? 0 : field === 'name' || field === 'target' ? -0.75 : -0.25;
}

export interface Alignment {
  /** For each cell, the index of its column. */
  columns: number[];
  /** Two alignments fit equally well and put a cell with text in different columns. */
  ambiguous: boolean;
  /** The cells stand at the end of the row, the leading columns left out (what a short row usually is). */
  frontPadded: boolean;
}

/**
 * The best alignment of a short row's cells (their texts, in order) to the header's columns (their
 * fields, in order; more columns than cells), preferring, of equals, to leave out earlier columns
 * (`late`) or later ones.
 */
function best(shapes: readonly Shape[], fields: readonly (IndicatorField | null)[], late: boolean): number[] {
  const n = shapes.length;
  const w = fields.length;
  // score[i][j]: the best for cells i.. over columns j..
  const score: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(w + 1).fill(-Infinity));
  const take: boolean[][] = Array.from({ length: n + 1 }, () => new Array<boolean>(w + 1).fill(false));
  score[n]![w] = 0;
  for (let j = w - 1; j >= 0; j--) score[n]![j] = score[n]![j + 1]! + skipCost(fields[j]!);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = w - 1; j >= 0; j--) {
      if (w - j < n - i) continue;
      const put = fit(shapes[i]!, fields[j]!) + score[i + 1]![j + 1]!;
      const skip = w - j - 1 >= n - i ? skipCost(fields[j]!) + score[i]![j + 1]! : -Infinity;
      // of equals: leave the earlier column out (late), or take it
      const takeIt = late ? put > skip : put >= skip;
      score[i]![j] = takeIt ? put : skip;
      take[i]![j] = takeIt;
    }
  }
  const at: number[] = [];
  for (let i = 0, j = 0; i < n; j++) {
    if (take[i]![j]) {
      at.push(j);
      i++;
    }
  }
  return at;
}

/** Aligns a short row's cells (texts) to the columns (fields), `under` the level 1 the rows above carry; `cells.length < fields.length`. */
export function alignShortRow(cells: readonly string[], fields: readonly (IndicatorField | null)[], under = ''): Alignment {
  const shapes = cells.map((c) => shapeOf(c, under));
  const late = best(shapes, fields, true);
  const early = best(shapes, fields, false);
  const ambiguous = shapes.some((s, i) => s !== 'empty' && late[i] !== early[i]) || nameReadsAsDescription(cells, fields, late) || swappedAsWritten(cells, shapes, fields);
  const offset = fields.length - cells.length;
  return { columns: late, ambiguous, frontPadded: late.every((c, i) => c === i + offset) };
}

/**
 * The cell placed as the name ends with the number of the target placed beside it (`服务对象满意度达到85.00%` | … |
 * `85.00%` or `≥85.00`): a description's sentence, the row most likely read one column off (issue 53: its name left
 * in a category column).
 */
function nameReadsAsDescription(cells: readonly string[], fields: readonly (IndicatorField | null)[], at: readonly number[]): boolean {
  const k = at.findIndex((c) => fields[c] === 'name');
  if (k < 0) return false;
  const trailing = TRAILING_NUMBER.exec(toHalfWidth(cells[k]!.trim()));
  if (trailing === null) return false;
  return at.some((c, i) => (fields[c] === 'target' || fields[c] === 'value') && NUMBER.exec(toHalfWidth(cells[i]!))?.[0] === trailing[1]);
}

/**
 * Read in order from its first column (a row whose blank last cells extracted text leaves out), the row has a
 * category in each level column it reaches (or nothing), a value in the name's column and a name in a target's:
 * its name and target written the other way round (issue 53). Placed by what its cells are, it would be read one
 * column off instead, its category taken as the name and the category carried down from the row above, and look
 * right. A sentence with the value's number in the target's place is a description, not a name (产出指标 | 质量指标 |
 * ≥90% | 服务合格率达到90%: a row with its name left blank, read right).
 */
function swappedAsWritten(cells: readonly string[], shapes: readonly Shape[], fields: readonly (IndicatorField | null)[]): boolean {
  let categories = 0;
  let value = -1;
  let name = -1;
  for (let i = 0; i < shapes.length; i++) {
    const s = shapes[i]!;
    const f = fields[i];
    if (f === 'level1' || f === 'level2') {
      if (s === 'empty') continue;
      // a category that fits its column (a level 1 under 二级 as well: the table's own category column)
      if (fit(s, f) < 1) return false;
      categories++;
    } else if (f === 'name') {
      if (s !== 'value' && s !== 'number') return false;
      value = i;
    } else if ((f === 'target' || f === 'value') && name < 0 && (s === 'text' || s === 'short')) name = i;
  }
  if (categories === 0 || value < 0 || name < 0) return false;
  const number = NUMBER.exec(toHalfWidth(cells[value]!))?.[0];
  return number === undefined || !toHalfWidth(cells[name]!).includes(number);
}
