/**
 * Indicator tables: the header row (and a row of group markers above it) mapped to columns by the
 * vocabulary of shared/layout/indicator-columns.ts, then one raw indicator per row and group.
 *
 * - Columns are matched by grid position when the reader knows it (a merged cell covers the
 *   columns it spans), by index for extracted text, where a row split by a blank line is joined
 *   with the next and a short row lacks its leading merged cells.
 * - An empty 一级/二级 cell carries the category down (a merged cell); a row that names a category
 *   but has no indicator (blank 三级指标 and 指标值) only carries it (info `category-row`).
 * - Columns the model does not know are kept on every indicator as extras, with their header.
 * - Two parallel groups (长期 and 年度) give a row's two parts to two lists; a blank part gives none.
 * - Signature and review-opinion rows are skipped without their content (info `form-signature`).
 * Normalising the categories waits for the document's framework (buildIndicators).
 */
import { level1Of, normalizeCategories, type IndicatorFramework } from '../../../shared/domain/framework';
import type { ExtraCell, Indicator, IndicatorField, SourceLocation, TargetValue } from '../../../shared/domain/model';
import type { Doubt } from '../../../shared/domain/reading';
import { parseTargetValue } from '../../../shared/domain/target-value';
import { joinTargetParts } from '../../../shared/domain/split-target';
import { readQualifier, readWeight, splitCategoryWeight, type IndicatorGroup, type IndicatorHeader } from '../../../shared/layout/indicator-columns';
import { isFormNote, isNonDataLabel, normalizeLabel } from '../../../shared/layout/labels';
import { compactLabel, splitNumbering } from '../../../shared/domain/text';
import type { Cell, RowBlock } from '../blocks';
import { isIndicatorHeader, type Column, type HeaderBlock } from '../structure/header';
import { alignShortRow } from '../structure/align';
import { collectDoubts, looksLikeValue } from '../structure/doubts';
import { indicatorRegionEnd, type TableStructure } from '../structure/table';
import { headerOver, isBlankRow, joined, paragraphText, place, preview, type Placed } from './grid';
import type { Report } from './report';

/** A form's fill-in hint in brackets: "(≥**%)", "（ ≥**个 ）", "(≥××%)", "(XX人)". */
const TEMPLATE_HINT = /[(（][^()（）]{0,12}?(?:[*＊]{2,}|[×Xx]{2,})[^()（）]{0,12}?[)）]/;

/** An indicator row before its categories are normalised. */
export interface RawIndicator {
  group: IndicatorGroup;
  level1Raw: string;
  level2Raw: string;
  inherited1: boolean;
  inherited2: boolean;
  name: string;
  description: string;
  target: string;
  basis: string;
  extras: ExtraCell[];
  source: SourceLocation;
  sources: Indicator['sources'];
  /** A target split over columns (issue 37): the parts to join; absent when the table has one target column only. */
  split?: { operator: TargetValue['operator']; value: string; unit: string; qualitative: boolean; operatorHeader: string; operatorText: string; unitHeader: string };
  /** The 分值/权重 cell, when the table has such a column. */
  weight?: { header: string; text: string; source: SourceLocation };
  /** 定量/定性/正向/反向 from the row's nature or operator cell. */
  nature?: string;
  /** Weights written in the category cells ("产出指标（50分）"): their class is level1Raw/level2Raw without them. */
  level1Weight?: number;
  level2Weight?: number;
}

export interface IndicatorTable {
  rows: RawIndicator[];
  /** Index (in the rows given) of the first row after the table. */
  end: number;
  /** The columns of every header the table had (a changed header read again adds its own), for the form profile. */
  columns: IndicatorHeader[];
  /** Every header the table had, in order. */
  headers: HeaderBlock[];
  /** What the reading doubted (a short row that fits its columns in two ways). */
  doubts: Doubt[];
}

/** The grid columns a row spans: the greatest end of its cells. */
const gridWidth = (row: RowBlock) => row.cells.reduce((w, c) => Math.max(w, (c.col ?? 0) + (c.span ?? 1)), 0);

/**
 * A row of another grid than its header's, of another width: a table the next page draws again with other columns (a
 * merged category column left out, issue 68), whose grid positions say nothing of the header's columns. Its cells are
 * then taken in order, a short row by what its cells are (alignShortRow), as a row without a grid is.
 */
function otherGrid(row: RowBlock, headerRow: RowBlock): boolean {
  if (row.table === undefined || headerRow.table === undefined || row.table === headerRow.table) return false;
  // a PDF's page after the header's (a sheet's other table, a Word document's next one, are tables of their own)
  const page = (r: RowBlock) => Number(/^第(\d+)页/.exec(r.source.ref ?? '')?.[1] ?? NaN);
  if (!(page(row) > page(headerRow))) return false;
  return headerRow.cells.every((c) => c.col !== undefined) && gridWidth(row) < gridWidth(headerRow);
}

/**
 * Reads the indicator table that starts with the table's header `block` (structure/table.ts): its rows
 * up to the first row of the form after it, through the headers met on the way (a header repeated on a
 * new page is said once; a changed header is read and its columns used from there on).
 */
export function readIndicatorTable(structure: TableStructure, block: number, tableName: string, report: Report): IndicatorTable {
  const { rows, kinds, headers: blocks, blockOf } = structure;
  const doubts: Doubt[] = [];
  const doubt = collectDoubts(doubts);
  let header = blocks[block]!;
  let columns = header.columns;
  reportExtras(columns, tableName, rows[header.at]!, report);
  const seen: IndicatorHeader[] = [...columns];
  const headers: HeaderBlock[] = [header];
  const out: RawIndicator[] = [];
  const carried: Carried = {
    shared: { level1: '', level2: '' },
    annual: { level1: '', level2: '' },
    longTerm: { level1: '', level2: '' },
  };
  const end = indicatorRegionEnd(structure, block);

  for (let i = header.to; i < end; i++) {
    let row = rows[i]!;
    const kind = kinds[i];
    if (kind === 'blank') continue;
    if (kind === 'header') {
      const next = blocks[blockOf[i]!]!;
      if (next !== header && next.from === i) {
        header = next;
        columns = header.columns;
        headers.push(header);
        reportExtras(columns, tableName, rows[header.at]!, report);
        seen.push(...columns);
        i = header.to - 1;
      } else if (isIndicatorHeader(row)) report('info', 'repeated-header', `${tableName}的指标表头重复出现`, row.source);
      continue;
    }
    if (kind === 'signOff') {
      report('info', 'form-signature', `${tableName}中跳过签字、联系方式或审核意见行（不作为数据保存）`, row.source);
      continue;
    }
    if (kind === 'note') {
      report('info', 'form-note', `${tableName}中跳过表下的注释行（不作为数据保存）`, row.source);
      continue;
    }
    // a category row the table's 表样 names (issue 71): its text, numbering taken off, is the 一级 or 二级指标 of the rows
    // under it until the next (a new 一级 clears the 二级), as a merged category cell would carry it down
    const level = structure.categoryLevels?.get(i);
    if (level !== undefined) {
      const text = splitCategoryWeight(splitNumbering(place(row).map((p) => p.text).find((t) => t !== '') ?? '').rest).category;
      if (level === 'level1') {
        carried.shared.level1 = text;
        carried.shared.level1Weight = null;
        carried.shared.level1Source = row.source;
      }
      for (const g of ['annual', 'longTerm'] as const) {
        carried[g].level2 = level === 'level2' ? text : '';
        carried[g].level2Weight = null;
        if (level === 'level2') carried[g].level2Source = row.source;
        else delete carried[g].level2Source;
      }
      report('info', 'category-row', `${tableName}中“${preview(text, 20)}”按表样作为${level === 'level1' ? '一级' : '二级'}指标类别行（不是指标）`, row.source);
      continue;
    }

    // A row split in two by a blank line (extracted text, or a document made from it) is joined
    // with the next when together they have the header's cells: an indicator row cut before its
    // target (产出指标 | 数量指标, then the rest). Not a row with its target, short of its merged cells,
    // and the next short one; not a sign-off row under it (issue 53).
    const width = columns.length;
    const next = i + 1 < end ? rows[i + 1] : undefined;
    let split = false;
    if (row.cells.length < width && next && row.cells.length + next.cells.length === width && kinds[i + 1] === 'indicator' && !row.cells.some((c) => looksLikeValue(joined(c)))) {
      row = { ...row, cells: [...row.cells, ...next.cells] };
      split = true;
      i++;
    }
    let cells: (Placed | null)[];
    if (!split && row.cells.every((c) => c.col !== undefined) && !otherGrid(row, rows[header.at]!)) {
      cells = columns.map(() => null);
      // two cells with text under one column: the row's part of the table was drawn with other column edges than its
      // header (a table continued on a page where its columns are laid out again, issue 68)
      let collided = false;
      const outside: Placed[] = [];
      for (const p of place(row)) {
        const over = headerOver(p, columns);
        if (over === null) {
          if (p.text !== '') outside.push(p);
          continue;
        }
        const at = columns.indexOf(over);
        if (cells[at] !== null && cells[at]!.text !== '' && p.text !== '') collided = true;
        cells[at] = cells[at] === null ? p : { ...p, text: `${cells[at]!.text}${p.text}` };
      }
      if (collided && row.cells.length === width) {
        // as many cells as the header has columns: each cell is its column's, in order
        cells = place(row).map((p, index) => ({ ...p, start: index, end: index + 1 }));
        report('info', 'row-by-order', `${tableName}的指标行“${preview(rowTextOf(row), 40)}”与表头的列界不齐（换页后列宽不同），按单元格的顺序对应到各列`, row.source);
      } else {
        if (collided) doubt('cell-misfit', `${tableName}的指标行“${preview(rowTextOf(row), 40)}”有两个单元格落在表头的同一列中，无法确定各自的列`, row.source);
        for (const p of outside) report('warning', 'extra-cells', `${tableName}的指标行在表头以外有单元格：“${preview(p.text)}”`, p.cell.sources[0] ?? row.source);
      }
    } else {
      // Cells by index; a short row lacks its leading (merged) cells.
      let raw: Cell[] = row.cells;
      if (raw.length < width) {
        // by what the cells are (structure/align.ts): usually the leading merged cells are the ones missing
        // a column kept by role (上年实际值, 2026年) holds values as the target's does
        const align = alignShortRow(raw.map(joined), columns.map((c) => c.field ?? (c.keep !== undefined ? 'target' : null)), carried.shared.level1);
        const how = align.frontPadded ? '按缺少前面的合并单元格处理' : '按各单元格的内容对应到各列';
        report('warning', 'short-row', `${tableName}的指标行只有 ${raw.length} 个单元格（应为 ${width} 个），${how}`, row.source);
        if (align.ambiguous) doubt('short-row-ambiguous', `${tableName}的指标行“${preview(raw.map(joined).filter((t) => t !== '').join(' | '), 40)}”只有 ${raw.length} 个单元格（应为 ${width} 个），可以不止一种方式对应到各列`, row.source);
        const aligned: Cell[] = Array.from({ length: width }, () => ({ lines: [''], sources: [row.source] }));
        align.columns.forEach((at, k) => (aligned[at] = raw[k]!));
        raw = aligned;
      } else if (raw.length > width) {
        const extra = raw.slice(width).map(joined).filter((t) => t !== '');
        if (extra.length) report('warning', 'extra-cells', `${tableName}的指标行多出单元格：“${preview(extra.join(' | '))}”`, raw[width]!.sources[0] ?? row.source);
        raw = raw.slice(0, width);
      }
      // A row read whole, without grid columns (extracted text): its placed cells are these already.
      cells =
        raw === row.cells && !split && raw.every((c) => c.col === undefined && c.span === undefined)
          ? place(row)
          : raw.map((cell, index) => ({ cell, index, start: index, end: index + 1, text: joined(cell) }));
    }
    const read = rowIndicators(row, columns, cells, carried, header.fallbackGroup, tableName, report);
    // a row that gives no indicator only carries its categories down: the structure's category row
    if (read.length === 0) kinds[i] = 'category';
    else if (nameOverflow(read, out.at(-1), columns, cells)) {
      // the last characters of the name above, pushed by its cell's height into the next grid row, beside the same value
      // (merged down both rows): "…治污减霾工" and "作" are one name (西安 气象局, issue 73)
      const above = out.at(-1)!;
      out[out.length - 1] = { ...above, name: `${above.name}${read[0]!.name}` };
      report('info', 'name-overflow', `${tableName}的指标名称“${preview(above.name, 30)}”的末尾“${read[0]!.name}”排到了下一行（指标值为同一个合并单元格），读作一个指标`, row.source);
    } else for (const r of read) out.push(r);
  }
  return { rows: out, end, columns: seen, headers, doubts };
}

/**
 * Whether a row's one indicator is the end of the name above it, cut by its cell's height: one or two characters of
 * words (no figure, no sign), nothing else written in the row, its categories and its value the row above's (the value
 * cell merged down both rows).
 */
function nameOverflow(read: readonly RawIndicator[], above: RawIndicator | undefined, columns: readonly Column[], cells: readonly (Placed | null)[]): boolean {
  if (read.length !== 1 || above === undefined || above.target === '') return false;
  const r = read[0]!;
  if (!/^[\u4e00-\u9fa5]{1,2}$/.test(r.name) || r.target !== '' || r.description !== '' || r.basis !== '' || r.split !== undefined) return false;
  if (!r.inherited1 || !r.inherited2 || r.group !== above.group || r.level1Raw !== above.level1Raw || r.level2Raw !== above.level2Raw) return false;
  const at = columns.findIndex((c) => c.field === 'target' || c.field === 'value');
  const value = at < 0 ? null : cells[at];
  return value != null && value.cell.mergedFromAbove === true && cells.every((p, k) => p === null || k === at || p.text === '' || p.cell.mergedFromAbove || p.text === r.name);
}

/** A row's texts, for a message. */
const rowTextOf = (row: RowBlock) => place(row).map((p) => p.text).filter((t) => t !== '').join(' | ');

function reportExtras(columns: readonly Column[], tableName: string, header: RowBlock, report: Report): void {
  const ignored = columns.filter((c) => c.ignored).map((c) => c.path.join('›'));
  if (ignored.length > 0) {
    report('info', 'ignored-columns', `${tableName}按表样不读取列：${ignored.join('、')}`, header.source);
  }
  const extras = columns.filter((c) => c.field === null && !c.rowGroup && !c.ignored && c.text !== '').map((c) => c.text);
  if (extras.length > 0) {
    report('info', 'extra-columns', `${tableName}的指标表有指标体系以外的列：${extras.join('、')}（按原样保存在各指标上）`, header.source);
  }
  const missing = (['level2', 'name', 'target'] as const).filter((f) => !columns.some((c) => c.field === f || (f === 'target' && c.field === 'value')));
  if (missing.length > 0) {
    const names = { level2: '二级指标', name: '三级指标', target: '指标值' };
    report('warning', 'indicator-header', `${tableName}的指标表头缺少列：${missing.map((m) => names[m]).join('、')}`, header.source);
  }
}

/**
 * The category carried down a table: as written without its weight, and the weight (null when the cell has none); and
 * where a category row a 表样 names stands (issue 71), the source of the levels it gives the rows under it.
 */
type Carried = Record<
  IndicatorGroup | 'shared',
  { level1: string; level2: string; level1Weight?: number | null; level2Weight?: number | null; level1Source?: SourceLocation; level2Source?: SourceLocation }
>;

/**
 * The cell of the first column of the field in the group. Module functions, not closures made
 * per row: under tsx (the benchmarks, the CLI in development) each closure made per row also
 * costs esbuild's keepNames a defineProperty of its name, ~3 % of the parse.
 */
function cellOf(columns: readonly Column[], cells: readonly (Placed | null)[], hasGroups: boolean, field: IndicatorField, group: IndicatorGroup): Placed | null {
  for (let at = 0; at < columns.length; at++) {
    const c = columns[at]!;
    if (c.field === field && (c.group === null || !hasGroups || c.group === group)) return cells[at] ?? null;
  }
  return null;
}

interface SplitParts {
  /** The table splits the target (an operator, value, unit or nature column): join the parts. */
  split: boolean;
  operator: TargetValue['operator'];
  nature: string | null;
  /** The value: the target column's text, else the value column's. */
  value: string;
  unit: string;
  weight: { header: string; text: string; source: SourceLocation } | null;
  /** The headers of the operator cell read (operator or nature column) and of the unit column, for a part kept as written. */
  operatorHeader: string;
  operatorText: string;
  unitHeader: string;
  sources: Indicator['sources'];
  /** Cells of these columns that say nothing the model reads (an operator cell that is no operator, a value beside a target), kept as written. */
  unread: ExtraCell[];
}

/**
 * The cells of the columns of issue 37 in a row's group: operator, value, unit, nature, weight.
 * Null when the table has none of them (most tables: nothing changes for them).
 */
function splitParts(columns: readonly Column[], cells: readonly (Placed | null)[], hasGroups: boolean, group: IndicatorGroup, row: RowBlock): SplitParts | null {
  const operatorCell = cellOf(columns, cells, hasGroups, 'operator', group);
  const natureCell = cellOf(columns, cells, hasGroups, 'nature', group);
  const valueCell = cellOf(columns, cells, hasGroups, 'value', group);
  const unitCell = cellOf(columns, cells, hasGroups, 'unit', group);
  const weightCell = cellOf(columns, cells, hasGroups, 'weight', group);
  const has = (f: IndicatorField) => columns.some((c) => c.field === f && (c.group === null || !hasGroups || c.group === group));
  const hasOperator = has('operator');
  const hasNature = has('nature');
  const hasValue = has('value');
  const hasUnit = has('unit');
  const hasWeight = has('weight');
  if (!hasOperator && !hasNature && !hasValue && !hasUnit && !hasWeight) return null;
  const header = (f: IndicatorField) => columns.find((c) => c.field === f && (c.group === null || !hasGroups || c.group === group))!.text;
  const sources: Indicator['sources'] = {};
  const unread: ExtraCell[] = [];
  const keep = (f: IndicatorField, p: Placed | null) => unread.push({ header: header(f), text: textOf(p), source: p?.cell.sources[0] ?? row.source });
  let operator: TargetValue['operator'] = null;
  let operatorHeader = '';
  let operatorText = '';
  let nature: string | null = null;
  // The operator and the nature column are read alike: 一体化 tables write ≥ or 定性 under 指标性质.
  for (const [f, p] of [['operator', operatorCell], ['nature', natureCell]] as const) {
    const text = textOf(p);
    if (text === '') continue;
    const q = readQualifier(text);
    if (q === null || (q.operator !== null && operator !== null && q.operator !== operator)) {
      keep(f, p);
      continue;
    }
    putSource(sources, f, p, row);
    if (operator === null && q.operator !== null) {
      operatorHeader = header(f);
      operatorText = text;
    }
    operator ??= q.operator;
    nature ??= q.nature;
  }
  const targetText = textOf(cellOf(columns, cells, hasGroups, 'target', group));
  const valueText = textOf(valueCell);
  if (valueText !== '' && targetText !== '' && valueText !== targetText) keep('value', valueCell);
  else putSource(sources, 'value', valueCell, row);
  putSource(sources, 'unit', unitCell, row);
  let weight: SplitParts['weight'] = null;
  if (hasWeight) {
    weight = { header: header('weight'), text: textOf(weightCell), source: weightCell?.cell.sources[0] ?? row.source };
    putSource(sources, 'weight', weightCell, row);
  }
  return {
    split: hasOperator || hasNature || hasValue || hasUnit,
    operator,
    nature,
    value: targetText !== '' ? targetText : valueText,
    unit: textOf(unitCell),
    weight,
    operatorHeader,
    operatorText,
    unitHeader: hasUnit ? header('unit') : '',
    sources,
    unread,
  };
}

/** A cell's text, empty for none or a merged cell's continuation. */
const textOf = (p: Placed | null): string => (p === null || p.cell.mergedFromAbove ? '' : p.text);

/** Records where a field's value came from, when it has one. */
function putSource(sources: Indicator['sources'], field: IndicatorField, p: Placed | null, row: RowBlock): void {
  if (p && textOf(p) !== '') sources[field] = p.cell.sources[0] ?? row.source;
}

function rowIndicators(
  row: RowBlock,
  columns: readonly Column[],
  cells: readonly (Placed | null)[],
  carried: Carried,
  fallbackGroup: IndicatorGroup,
  tableName: string,
  report: Report,
): RawIndicator[] {
  const hasGroups = columns.some((c) => c.group !== null);
  const groups: IndicatorGroup[] = hasGroups ? ['longTerm', 'annual'] : [fallbackGroup];

  // Level 1 is shared by the groups; a new level 1 resets an inherited level 2, unless the row's level-2 cell is the one
  // above merged down into it: a 一级 label drawn in a small box of its own beside a 二级 cell that spans its row
  // (西安 气象局's 效益指标 in the middle of 社会效益指标's rows, issue 68)
  const l1Cell = cellOf(columns, cells, hasGroups, 'level1', groups[0]!);
  const written1 = textOf(l1Cell);
  // "产出指标（50分）": the class without its weight; the weight kept on the category (issue 37)
  const weighed1 = splitCategoryWeight(written1);
  const r1 = weighed1.category;
  const inherited1 = r1 === '';
  if (!inherited1) {
    if (r1 !== carried.shared.level1) {
      for (const g of ['annual', 'longTerm'] as const) {
        if (cellOf(columns, cells, hasGroups, 'level2', g)?.cell.mergedFromAbove === true) continue;
        carried[g].level2 = '';
        delete carried[g].level2Source;
      }
    }
    carried.shared.level1 = r1;
    carried.shared.level1Weight = weighed1.weight;
    delete carried.shared.level1Source;
  }

  const extras: ExtraCell[] = [];
  columns.forEach((c, at) => {
    if (c.field !== null || c.ignored) return;
    const p = cells[at];
    // two cells under one header cell were read together (their texts joined): both are the column's
    const text = p && !p.cell.mergedFromAbove ? (p.text === joined(p.cell) ? paragraphText(p.cell) : p.text) : '';
    if (c.rowGroup && text === '') return;
    // The row-group label repeated in the first data row (绩效指标 | 绩效指标 | 项目完成指标 …): a label, not a value.
    if (c.rowGroup && compactLabel(text) === c.text) {
      report('info', 'row-label-repeated', `${tableName}的指标行重复了行标签“${c.text}”（不作为指标内容）`, p?.cell.sources[0] ?? row.source);
      return;
    }
    const extra: ExtraCell = { header: c.text, text, source: p?.cell.sources[0] ?? row.source };
    if (c.keep !== undefined) extra.role = c.keep;
    extras.push(extra);
  });

  const out: RawIndicator[] = [];
  // A group that only names a category: the row is a category row unless another group has an indicator.
  let categoryOnly: string | null = null;
  for (const group of groups) {
    const l2Cell = cellOf(columns, cells, hasGroups, 'level2', group);
    const weighed2 = splitCategoryWeight(textOf(l2Cell));
    const r2 = weighed2.category;
    const nameCell = cellOf(columns, cells, hasGroups, 'name', group);
    const targetCell = cellOf(columns, cells, hasGroups, 'target', group);
    const descriptionCell = cellOf(columns, cells, hasGroups, 'description', group);
    const basisCell = cellOf(columns, cells, hasGroups, 'basis', group);
    const name = textOf(nameCell);
    const target = textOf(targetCell);
    const description = descriptionCell && !descriptionCell.cell.mergedFromAbove ? paragraphText(descriptionCell.cell) : '';
    const inherited2 = r2 === '';
    if (!inherited2) {
      carried[group].level2 = r2;
      carried[group].level2Weight = weighed2.weight;
      delete carried[group].level2Source;
    }
    const parts = splitParts(columns, cells, hasGroups, group, row);
    if (name === '' && target === '' && description === '' && (parts === null || parts.value === '')) {
      if (!inherited1 || !inherited2) categoryOnly ??= !inherited2 ? `二级指标“${preview(r2, 20)}”` : `一级指标“${preview(r1, 20)}”`;
      continue;
    }
    // a blank part of two groups gives nothing, also when the name is the groups' shared column (指标值 | 中期指标值)
    if (hasGroups && !columns.some((c, at) => c.group === group && c.field !== null && textOf(cells[at] ?? null) !== '')) continue;
    // "完成率(≥**%)", "数量( ≥**个 )": the form's hint left in the name; kept as written, said (issue 31)
    const hint = TEMPLATE_HINT.exec(name);
    if (hint) report('warning', 'template-hint', `${tableName}的指标名称“${preview(name, 30)}”中保留了表样的填报提示“${hint[0]}”（名称按原样保存）`, nameCell?.cell.sources[0] ?? row.source);
    const sources: Indicator['sources'] = {};
    putSource(sources, 'level1', l1Cell, row);
    putSource(sources, 'level2', l2Cell, row);
    // a level given by a category row the 表样 names (issue 71): that row is where it was read
    if (sources.level1 === undefined && carried.shared.level1Source !== undefined) sources.level1 = carried.shared.level1Source;
    if (sources.level2 === undefined && carried[group].level2Source !== undefined) sources.level2 = carried[group].level2Source;
    putSource(sources, 'name', nameCell, row);
    putSource(sources, 'target', targetCell, row);
    putSource(sources, 'basis', basisCell, row);
    if (description !== '') sources.description = descriptionCell!.cell.sources[0] ?? row.source;
    const raw: RawIndicator = {
      group,
      level1Raw: carried.shared.level1,
      level2Raw: carried[group].level2,
      inherited1,
      inherited2,
      name,
      description,
      target,
      basis: textOf(basisCell),
      extras: [],
      source: row.source,
      sources,
    };
    if (carried.shared.level1Weight != null) raw.level1Weight = carried.shared.level1Weight;
    if (carried[group].level2Weight != null) raw.level2Weight = carried[group].level2Weight;
    if (parts !== null) {
      Object.assign(sources, parts.sources);
      if (parts.nature !== null) raw.nature = parts.nature;
      if (parts.weight !== null) raw.weight = parts.weight;
      if (parts.split) {
        // the target's source is the value cell: the target column's, else the value column's
        if (parts.value !== target || sources.target === undefined) {
          if (parts.sources.value) sources.target = parts.sources.value;
          delete sources.value;
        }
        raw.split = { operator: parts.operator, value: parts.value, unit: parts.unit, qualitative: parts.nature === '定性', operatorHeader: parts.operatorHeader, operatorText: parts.operatorText, unitHeader: parts.unitHeader };
        raw.target = parts.value;
      }
      raw.extras.push(...parts.unread);
    }
    out.push(raw);
  }
  if (out.length === 0 && categoryOnly !== null) {
    report('info', 'category-row', `${tableName}中${categoryOnly}下没有指标，该行只作为类别（不是指标）`, row.source);
  }
  // The extra columns belong to the row's annual indicator, else to its only one.
  const owner = out.find((r) => r.group === 'annual') ?? out[0];
  if (owner) owner.extras = [...extras, ...owner.extras];
  else {
    for (const e of extras) {
      if (e.text !== '') report('warning', 'unrecognized-cell', `${tableName}中没有指标的行在“${e.header}”列有内容：“${preview(e.text)}”`, e.source);
    }
  }
  return out;
}

/**
 * What a document's indicators repeat (the same categories and target texts in table after table),
 * read once per document: the categories of a level-1/level-2 pair and the reading of a target text.
 * A target's reading is shared by the indicators that have the same text, as TargetValues already
 * are elsewhere (carry-over, a project's input): it is never changed in place.
 */
export interface IndicatorMemo {
  /** By level 1 as written, then level 2 as written. */
  categories: Map<string, Map<string, ReturnType<typeof normalizeCategories>>>;
  targets: Map<string, TargetValue>;
}

export const indicatorMemo = (): IndicatorMemo => ({ categories: new Map(), targets: new Map() });

/** An indicator named in a message: 表“…”指标“…”. */
const indicatorWhere = (tableName: string, name: string): string => `${tableName}指标“${preview(name, 20)}”`;

/** The indicators of raw rows, categories normalised against the document's framework, with their diagnostics. */
/**
 * A merged category cell a page break cut in two, its text printed part on each page ("效" over the rows of one page,
 * "益指标" over the rest on the next, issue 68): neither half a category of the framework, the two together one. Both
 * halves' rows get the whole name, said once.
 */
/** normalizeCategories of a (level 1, level 2) pair as written, asked once per pair a memo lives. */
function memoCategories(memo: IndicatorMemo, fw: IndicatorFramework, level1Raw: string, level2Raw: string): ReturnType<typeof normalizeCategories> {
  let byLevel2 = memo.categories.get(level1Raw);
  if (byLevel2 === undefined) memo.categories.set(level1Raw, (byLevel2 = new Map()));
  let norm = byLevel2.get(level2Raw);
  if (norm === undefined) byLevel2.set(level2Raw, (norm = normalizeCategories(fw, level1Raw, level2Raw)));
  return norm;
}

function rejoinCutCategories(raws: readonly RawIndicator[], fw: IndicatorFramework, tableName: string, report: Report, memo: IndicatorMemo): readonly RawIndicator[] {
  let out = raws;
  for (const level of ['level1Raw', 'level2Raw'] as const) {
    const known = (text: string, row: RawIndicator) => {
      const n = memoCategories(memo, fw, level === 'level1Raw' ? text : row.level1Raw, level === 'level2Raw' ? text : '');
      return level === 'level1Raw' ? n.level1 !== null : n.level2 !== null;
    };
    for (let i = 1; i < out.length; i++) {
      const a = out[i - 1]![level];
      const b = out[i]![level];
      if (a === '' || b === '' || a === b || known(a, out[i - 1]!) || known(b, out[i]!) || !known(a + b, out[i]!)) continue;
      const whole = a + b;
      if (out === raws) out = raws.slice();
      const copy = out as RawIndicator[];
      for (let k = i - 1; k >= 0 && copy[k]![level] === a; k--) copy[k] = { ...copy[k]!, [level]: whole };
      for (let k = i; k < copy.length && copy[k]![level] === b; k++) copy[k] = { ...copy[k]!, [level]: whole };
      report('info', 'category-cut', `${tableName}的指标类别“${a}”“${b}”是被换页分开的同一个合并单元格，读作“${whole}”`, out[i]!.source);
    }
  }
  return out;
}

export function buildIndicators(rawsAsRead: readonly RawIndicator[], fw: IndicatorFramework, tableName: string, report: Report, memo: IndicatorMemo = indicatorMemo()): Indicator[] {
  const raws = rejoinCutCategories(rawsAsRead, fw, tableName, report, memo);
  return raws.map((c) => {
    const norm = memoCategories(memo, fw, c.level1Raw, c.level2Raw);
    let target: TargetValue | undefined;
    let extras = c.extras;
    if (c.split) {
      // operator | value | unit joined as a person reads them (issue 37)
      const joined = joinTargetParts(c.split);
      target = joined.target;
      if (joined.conflict !== null) {
        const kept = [
          !joined.operatorUsed && c.split.operator !== null && c.sources.operator ? ({ header: c.split.operatorHeader, text: c.split.operatorText, source: c.sources.operator } as ExtraCell) : null,
          !joined.unitUsed && c.split.unit !== '' && c.sources.unit ? ({ header: c.split.unitHeader, text: c.split.unit, source: c.sources.unit } as ExtraCell) : null,
        ].filter((e) => e !== null);
        extras = [...extras, ...kept];
        report(kept.length > 0 && c.split.value !== '' && !c.split.qualitative ? 'warning' : 'info', 'split-target', `${indicatorWhere(tableName, c.name)}：${joined.conflict}（原文保存在该指标的其他列中）`, c.sources.target ?? c.source);
      }
    } else {
      target = memo.targets.get(c.target);
      if (target === undefined) memo.targets.set(c.target, (target = parseTargetValue(c.target)));
    }
    // "道路养护里程（公里）" | "900": the unit in brackets after the name is the number's (issue 53); the target stays as written
    if (target.kind === 'quantitative' && target.unit === null && /[)）]\s*$/.test(c.name)) {
      const unit = normalizeLabel(c.name).unit;
      if (unit !== null) {
        target = { ...target, unit };
        report('info', 'unit-from-name', `${indicatorWhere(tableName, c.name)}：指标值“${preview(target.raw, 12)}”没有单位，按名称中的“（${unit}）”读取`, c.sources.target ?? c.source);
      }
    }
    let level1 = norm.level1;
    // Only a row with a diagnostic needs its name for the message (made then: no closure per row, see cellOf).
    if (norm.level2UnderOtherLevel1) {
      if (c.inherited1 || level1 === null) {
        level1 = norm.level2UnderOtherLevel1;
        report('warning', 'level1-inferred', `${indicatorWhere(tableName, c.name)}：一级指标单元格为空（原表合并了不同类别），按二级指标“${norm.level2}”推定为“${level1}”`, c.source);
      } else {
        report('warning', 'level2-wrong-parent', `${indicatorWhere(tableName, c.name)}：二级指标“${norm.level2}”不属于一级指标“${level1}”（应属于“${norm.level2UnderOtherLevel1}”）`, c.source);
      }
    } else if (level1 === null && norm.level2 !== null && c.level1Raw === '') {
      level1 = level1Of(fw, norm.level2);
      report('warning', 'level1-inferred', `${indicatorWhere(tableName, c.name)}：缺少一级指标（合并单元格的文字丢失），按二级指标推定为“${level1}”`, c.source);
    }
    // A form's own tree over the national one (实施效果指标 › 产出指标/效益指标/满意度指标, issue 68): the level-1 cell
    // names no national category and the level-2 cell names a national level 1. That is the national level 1, with no
    // level 2; the form's words stay on the indicator (level1Raw, level2Raw). Only a level-1 cell that is a category's
    // name (…指标): a name or a value there is a row out of step, not a tree.
    const formTree = level1 === null && norm.level1Matched === 'none' && /.指标$/.test(compactLabel(c.level1Raw));
    const treeLevel1 = formTree ? normalizeCategories(fw, c.level2Raw, '').level1 : null;
    if (treeLevel1 !== null) {
      if (!c.inherited1 || !c.inherited2) report('info', 'form-tree', `${indicatorWhere(tableName, c.name)}：一级指标“${c.level1Raw}”是表样自有的分类，其下的“${c.level2Raw}”按一级指标“${treeLevel1}”读取`, c.source);
    } else if (c.level1Raw !== '' && norm.level1Matched === 'none') {
      report('warning', 'unknown-category', `${indicatorWhere(tableName, c.name)}：一级指标“${c.level1Raw}”不在指标体系中`, c.source);
    } else if (!c.inherited1 && norm.level1Matched === 'synonym') {
      report('info', 'category-synonym', `${indicatorWhere(tableName, c.name)}：一级指标“${c.level1Raw}”按“${level1}”处理`, c.source);
    }
    if (treeLevel1 !== null) {
      level1 = treeLevel1;
    } else if (c.level2Raw === '') {
      report('warning', 'missing-level2', `${indicatorWhere(tableName, c.name)}：缺少二级指标`, c.source);
    } else if (norm.level2Matched === 'none') {
      report('warning', 'unknown-category', `${indicatorWhere(tableName, c.name)}：二级指标“${c.level2Raw}”不在指标体系中`, c.source);
    } else if (!c.inherited2 && norm.level2Matched === 'synonym') {
      report('info', 'category-synonym', `${indicatorWhere(tableName, c.name)}：二级指标“${c.level2Raw}”按“${norm.level2}”处理`, c.source);
    }
    if (c.name === '') report('warning', 'missing-indicator-name', `${tableName}有一行指标缺少三级指标名称`, c.source);
    // a target cell left empty in the document: said where it is (the corpus audit asks a certain table's reading to name it, issue 68)
    if (c.name !== '' && target.raw.trim() === '') report('warning', 'blank-target', `${indicatorWhere(tableName, c.name)}：指标值为空`, c.sources.target ?? c.source);
    const built: Indicator = {
      level1,
      level2: treeLevel1 !== null ? null : norm.level2,
      level1Raw: c.level1Raw,
      level2Raw: c.level2Raw,
      level1Inherited: c.inherited1,
      level2Inherited: c.inherited2,
      name: c.name,
      description: c.description === '' ? null : c.description,
      target,
      basis: c.basis === '' ? null : c.basis,
      source: c.source,
      sources: c.sources,
      extras,
    };
    if (c.weight) {
      built.weight = c.weight.text === '' ? null : readWeight(c.weight.text);
      if (built.weight === null && c.weight.text !== '') {
        extras.push({ header: c.weight.header, text: c.weight.text, source: c.weight.source });
        report('warning', 'unreadable-weight', `${indicatorWhere(tableName, c.name)}：分值“${preview(c.weight.text, 20)}”不是数字（原文保存在该指标的其他列中）`, c.weight.source);
      }
    }
    // A weight belongs to the category its cell names: not to the class level 2 moved the indicator to.
    if (c.level1Weight !== undefined && level1 === norm.level1) built.level1Weight = c.level1Weight;
    if (c.level2Weight !== undefined) built.level2Weight = c.level2Weight;
    if (c.nature !== undefined) built.nature = c.nature;
    return built;
  });
}
