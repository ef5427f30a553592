/**
 * A header row over the header row (issue 70): the national 自评表 (财预〔2020〕10号) and the forms printed after it put
 * part of their header one row up —
 *
 *   绩效指标                   | 年度指标值                 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
 *   一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位
 *
 * — where 绩效指标 and 年度指标值 span the cells under them and the columns to their right are merged down over both
 * rows. The header row (the one naming the category columns) is read as ever; the row above gives the columns merged
 * down their header, and its spanning cells head the paths of the cells under them (年度指标值 › 指标性质).
 *
 * What may stand in that row is known: a spanning cell is 绩效指标 (over the categories and the name) or 年度指标值 (over
 * the parts of a target), a cell merged down heads a column (a field, or a column a 自评表 adds: 实际完成值, 分值, 得分,
 * 偏差原因分析 …); a goal's words or a label with its value over a header are none of them (a corpus test: 81 real
 * budget disclosures read the same with and without this file but for the headers it is for).
 *
 * - With the grid (Word, web pages, sheets, PDF): every cell of the row above with text stands over a header cell
 *   merged down from it (or empty, or none: a sheet's reader leaves out the merged cells that end a row), or spans header
 *   cells with text that belong under it; the texts are short headers (no figures).
 * - In extracted text, a row above written as wide as the rows under the header (a spanning cell followed by the
 *   empty cells it covers) is read by position. Where a cell spanning columns is one cell and a merged cell is left out
 *   of the rows under it, the row above is walked with the header row: a spanning cell takes the run of header cells that belong under it
 *   (categories and the indicator's name under 绩效指标/指标, the parts of a target — 指标性质, 运算符, 指标值, 度量单位 —
 *   under 年度指标值), an empty cell takes the header cell under it, any other cell is a column of its own merged down.
 *   It fits when every header cell is taken, at least one cell spans and one is merged down, and the rows under the
 *   header have no more cells than the columns found.
 *
 * Pure structure: what the columns hold is read from their paths by header.ts, as for any header.
 */
import { groupOf, readIndicatorHeader } from '../../../shared/layout/indicator-columns';
import type { Cell, RowBlock } from '../blocks';
import { hasGrid, place, type Placed } from '../parse/grid';

/** A column of the header as header.ts builds it: its first cell, where it stands, its path. */
export interface UpperLeaf {
  cell: Cell;
  start: number;
  end: number;
  path: string[];
}

const headerText = (p: Placed) => p.text.replace(/\s+/g, '');

/** A text that may head a column: short, no figure, no sentence. */
const HEADER_LIKE = /^[^\d０-９。；;，,]{1,16}$/;

/** A spanning cell's kind, by the cells it may stand over. */
function spanKind(text: string): 'indicator' | 'target' | null {
  const h = readIndicatorHeader(text);
  if (h.field === 'target' || h.field === 'value' || /(指标值|目标值)$/.test(text)) return 'target';
  if (h.rowGroup || /^(绩效指标|指标|考核指标|评价指标|指标名称)$/.test(text)) return 'indicator';
  return null;
}

/**
 * A text that heads a column of its own merged down over both rows: a field the structure stage names, or one of the
 * columns a 自评表 adds (实际完成值, 分值, 得分, 偏差原因分析 …) or a form keeps (备注, 指标值确定依据, 评分标准). A goal's
 * words in the row over the header ("总体目标 | 保障单位公务用车出行") are none.
 */
function headsColumn(text: string): boolean {
  return readIndicatorHeader(text).field !== null || /(实际|完成值|完成情况|完成率|得分|分值|权重|偏差|原因|措施|备注|说明|依据|标准|评分|佐证)/.test(text);
}

/** Whether a header-row cell may stand under a spanning cell of that kind. */
function fitsUnder(kind: 'indicator' | 'target', text: string): boolean {
  const h = readIndicatorHeader(text);
  if (kind === 'indicator') return h.field === 'level1' || h.field === 'level2' || h.field === 'name' || h.rowGroup;
  return h.field === 'operator' || h.field === 'value' || h.field === 'unit' || h.field === 'nature' || h.field === 'target';
}

/** The most cells any of the rows under the header holds (a few looked at), for extracted text. */
function widthBelow(rows: readonly RowBlock[], from: number): number {
  let width = 0;
  for (let i = from; i < rows.length && i < from + 8; i++) width = Math.max(width, rows[i]!.cells.length);
  return width;
}

/**
 * The header's columns with the row above it (rows[at - 1]) over the header row rows[at]; null when that row is no
 * such header (see the file comment). `below` is the first row under the header.
 */
export function upperHeaderLeaves(rows: readonly RowBlock[], at: number, below: number): UpperLeaf[] | null {
  if (at < 1) return null;
  const upper = rows[at - 1]!;
  const header = rows[at]!;
  const above = place(upper);
  const texts = above.filter((p) => p.text !== '' && !p.cell.mergedFromAbove);
  if (texts.length < 2 || !texts.every((p) => HEADER_LIKE.test(headerText(p)) && groupOf(p.text) === null)) return null;
  const under = place(header);
  return hasGrid(upper) && hasGrid(header) ? onGrid(above, under) : inText(above, under, widthBelow(rows, below));
}

/** By grid position: each upper cell merged down over an empty header cell, or spanning header cells with text. */
function onGrid(above: readonly Placed[], under: readonly Placed[]): UpperLeaf[] | null {
  let down = 0;
  let spans = 0;
  const leaves: UpperLeaf[] = [];
  for (const p of under) {
    const over = above.find((a) => a.start <= p.start && p.end <= a.end && a.text !== '');
    const own = p.text !== '' && !p.cell.mergedFromAbove;
    if (!own) {
      if (over === undefined) leaves.push({ cell: p.cell, start: p.start, end: p.end, path: [] });
      else leaves.push({ cell: p.cell, start: p.start, end: p.end, path: [headerText(over)] });
      continue;
    }
    leaves.push({ cell: p.cell, start: p.start, end: p.end, path: over !== undefined && over.end - over.start > p.end - p.start ? [headerText(over), headerText(p)] : [headerText(p)] });
  }
  for (const a of above) {
    if (a.text === '' || a.cell.mergedFromAbove) continue;
    const cells = under.filter((p) => p.start >= a.start && p.end <= a.end);
    const named = cells.filter((p) => p.text !== '' && !p.cell.mergedFromAbove);
    const kind = spanKind(headerText(a));
    if (named.length > 0 && (kind === null || !named.every((p) => fitsUnder(kind, p.text)))) return null;
    if (named.length === 0) {
      if (!headsColumn(headerText(a))) return null;
      down++;
      // a reader that leaves out the merged cells at the end of the header row (a sheet's): the column is the upper cell's
      if (cells.length === 0 && !under.some((p) => p.start < a.end && p.end > a.start)) leaves.push({ cell: a.cell, start: a.start, end: a.end, path: [headerText(a)] });
    } else if (a.end - a.start > 1) spans++;
    else return null;
  }
  leaves.sort((x, y) => x.start - y.start);
  return down > 0 && spans > 0 ? leaves : null;
}

/** In extracted text: the row above written as wide as the rows (a spanning cell followed by the empty cells it covers), else the walk. */
function inText(above: readonly Placed[], under: readonly Placed[], width: number): UpperLeaf[] | null {
  return above.length === width && under.length <= width ? byPosition(above, under) : walk(above, under, width);
}

/**
 * The row above as wide as the rows under the header: each cell with text stands over its own column and the empty
 * cells after it; a column whose header-row cell has text is that cell's (under the spanning one over it), a column
 * whose header-row cell is empty or missing is the upper cell's, merged down — which must then be its own column alone.
 */
function byPosition(above: readonly Placed[], under: readonly Placed[]): UpperLeaf[] | null {
  const leaves: UpperLeaf[] = [];
  let down = 0;
  let spans = 0;
  let owner = -1;
  for (let p = 0; p < above.length; p++) {
    if (above[p]!.text !== '') owner = p;
    const h = under[p];
    const named = h !== undefined && h.text !== '';
    if (owner < 0) {
      if (!named) return null;
      leaves.push({ cell: h.cell, start: p, end: p + 1, path: [headerText(h)] });
      continue;
    }
    const top = above[owner]!;
    let end = owner + 1;
    while (end < above.length && above[end]!.text === '') end++;
    if (named) {
      const kind = spanKind(headerText(top));
      if (end - owner < 2 || kind === null || !fitsUnder(kind, h.text)) return null;
      if (p === owner) spans++;
      leaves.push({ cell: h.cell, start: p, end: p + 1, path: [headerText(top), headerText(h)] });
    } else {
      if (end - owner !== 1 || !headsColumn(headerText(top))) return null;
      down++;
      leaves.push({ cell: top.cell, start: p, end: p + 1, path: [headerText(top)] });
    }
  }
  return down > 0 && spans > 0 ? leaves : null;
}

/** The walk of the file comment. */
function walk(above: readonly Placed[], under: readonly Placed[], width: number): UpperLeaf[] | null {
  const leaves: UpperLeaf[] = [];
  let k = 0;
  let down = 0;
  let spans = 0;
  const add = (cell: Cell, path: string[]) => leaves.push({ cell, start: leaves.length, end: leaves.length + 1, path });
  for (const a of above) {
    const text = headerText(a);
    if (text === '') {
      // a column headed in the header row (or a label column merged down from above both)
      if (k >= under.length) return null;
      const p = under[k++]!;
      add(p.cell, p.text === '' ? [] : [headerText(p)]);
      continue;
    }
    const kind = spanKind(text);
    if (kind !== null && k < under.length && fitsUnder(kind, under[k]!.text)) {
      while (k < under.length && under[k]!.text !== '' && fitsUnder(kind, under[k]!.text)) {
        const p = under[k++]!;
        add(p.cell, [text, headerText(p)]);
      }
      spans++;
      continue;
    }
    // merged down over both rows: the header row keeps an empty cell for it only where it stands before others
    if (!headsColumn(text)) return null;
    if (k < under.length && under[k]!.text === '') k++;
    add(a.cell, [text]);
    down++;
  }
  if (k !== under.length || down === 0 || spans === 0 || width > leaves.length) return null;
  return leaves;
}
