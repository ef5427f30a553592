/**
 * A list of projects, one row each (issue 68, "Read by what the cells say"): `序号 | 项目名称 | 预算金额 | 绩效目标 |
 * 绩效指标`, each row under the header one project, its indicators written as running text in one cell
 * (`1.数量指标：养护农村公路里程≥1260公里；2.质量指标：优良中等路率≥85%；…`, or with the level 1 too, separated by ；/;
 * or new lines). No column names an indicator's category, so the table has no indicator header and is no 一体化 list
 * (project-list.ts); without the 绩效指标 column it is a summary of amounts (summaryListSize).
 *
 * - The header: a 项目名称 column, a 绩效指标 column (its words: 绩效指标, 主要绩效指标, 绩效指标及指标值 …) and an
 *   amount or a goal column, in the table's first rows; the other columns are the project's (code, unit, category,
 *   medium-term goal), a 序号 column, or kept as a form field under their header.
 * - The amount in the header's unit (预算金额（万元）), else the table's (单位：万元 over it), else 万元 (info).
 * - The indicators cell split by running-text.ts: each item's categories as written (level1Raw/level2Raw), mapped to
 *   the national framework by buildIndicators; name and target at the operator, or where a value or date begins.
 * - A row with no name and no 序号 continues the project above (a row cut by a page): its cells join that project's.
 * - What is not understood is a doubt on that project, named in words: an item without a category or target, an
 *   indicators cell that is empty or gives none, an amount that is not one, a row with no name.
 */
import { FRAMEWORKS, normalizeCategories } from '../../../shared/domain/framework';
import type { SourceLocation } from '../../../shared/domain/model';
import { formatWanText, type MoneyUnit } from '../../../shared/domain/money';
import { compactLabel, stripBookmarks } from '../../../shared/domain/text';
import { PROJECT_LABELS, formNameOfTitle, lookupLabel, normalizeLabel } from '../../../shared/layout/labels';
import { TOTAL_ROW_NAME, readProjectColumn, type ProjectColumn } from '../../../shared/layout/project-columns';
import type { RowBlock } from '../blocks';
import { collectDoubts, type DoubtSink } from '../structure/doubts';
import type { TableStructure } from '../structure/table';
import { codedFormField, formField, readAmount, readGoalLines, readUnitName, unitCaption } from './forms';
import { hasGrid, headerOver, isBlankRow, paragraphText, paragraphs, place, preview, sourceOf, type Placed } from './grid';
import { newListDraft, type ListDraft } from './project-list';
import { PROJECT_CODE, type ProjectDraft } from './project-table';
import type { Report } from './report';
import { itemStarts, namesOwnCategory, readRunningCells } from './running-text';
import type { Segment } from './segment';

/** A header cell naming the column of a project's indicators written as text. */
const INDICATORS_HEADER = /^(?:项目|年度|本年度?|主要|核心)?(?:绩效)?指标(?:及|和|与|、)?(?:指标值|目标值|指标内容|内容)?$/;

/** A 序号 header, and a 序号 cell. */
const NUMBER_HEADER = /^(?:序号|编号|序|No\.?)$/i;
const NUMBER_CELL = /^[(（]?\d{1,4}[)）.、]?$/;

interface RowColumn {
  start: number;
  end: number;
  index: number;
  /** The header as written, whitespace removed. */
  text: string;
  role: ProjectColumn['role'] | 'indicators' | 'number' | null;
  unit: MoneyUnit | null;
  /** A unit column naming the implementing unit (实施单位), not the budget's department. */
  implementer: boolean;
}

/** The header's columns when it heads a list of projects one row each: a name, an indicators and an amount or goal column; else null. */
function rowColumns(row: RowBlock): RowColumn[] | null {
  const columns: RowColumn[] = place(row).map((p) => {
    const text = stripBookmarks(p.text).text.replace(/\s+/g, '');
    const bare = text.replace(/[（(][^）)]*[）)]$/, '');
    const project = text === '' ? null : readProjectColumn(text);
    const role = project?.role ?? (INDICATORS_HEADER.test(bare) ? 'indicators' : NUMBER_HEADER.test(bare) ? 'number' : null);
    const implementer = role === 'unit' && lookupLabel(PROJECT_LABELS, normalizeLabel(text).key) === 'implementer';
    return { start: p.start, end: p.end, index: p.index, text, role, unit: project?.unit ?? null, implementer };
  });
  const count = (role: RowColumn['role']) => columns.filter((c) => c.role === role).length;
  if (count('name') !== 1 || count('indicators') !== 1) return null;
  return count('amount') + count('goal') > 0 ? columns : null;
}

/**
 * The index of the row of the segment that heads a list of projects one row each (among its first three rows that
 * hold text), or -1. A table with an indicator header (category columns) is read otherwise.
 */
export function projectRowsHeader(seg: Segment, structure: TableStructure): number {
  if (structure.headers.length > 0) return -1;
  let seen = 0;
  for (let i = 0; i < seg.rows.length && seen < 3; i++) {
    if (isBlankRow(seg.rows[i]!)) continue;
    seen++;
    if (rowColumns(seg.rows[i]!) !== null) return i;
  }
  return -1;
}

/** One project as its row (and the rows continuing it) is read. */
interface RowDraft extends ListDraft {
  /** The indicators cells of its rows, for reading at the end (a cut item joined across its rows). */
  indicators: { text: string; source: SourceLocation }[];
  /** Where the project's doubts go. */
  doubt: DoubtSink;
}

/** Reads a segment whose row `headerAt` heads a list of projects one row each: one draft per project, sequences from `sequence` on. */
export function readProjectRows(seg: Segment, headerAt: number, sequence: number, report: Report): ProjectDraft[] {
  const rows = seg.rows;
  const columns = rowColumns(rows[headerAt]!)!;
  const grid = hasGrid(rows[headerAt]!);
  const title = seg.title || '（无标题）';
  const listName = `表“${preview(title, 30)}”`;
  let unit: MoneyUnit | null = seg.unit;
  for (let i = 0; i < headerAt; i++) {
    for (const p of place(rows[i]!)) {
      if (p.text === '') continue;
      const caption = unitCaption(p.text);
      if (caption !== null) unit = caption.unit;
      else report('warning', 'unrecognized-cell', `${listName}表头以上无法识别的单元格：“${preview(p.text)}”`, sourceOf(rows[i]!, p.cell));
    }
  }
  const out: RowDraft[] = [];
  let unitAssumed = false;
  let total: { text: string; unit: MoneyUnit; source: SourceLocation } | null = null;
  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (isBlankRow(row)) continue;
    const cells = cellsOf(row, columns, grid);
    const of = (role: RowColumn['role']) => cells.find((c) => c.column.role === role && c.text !== '') ?? null;
    const name = of('name');
    const number = of('number');
    if (rowColumns(row) !== null) {
      report('info', 'repeated-header', `${listName}的表头重复出现`, row.source);
      continue;
    }
    if ([name, number].some((c) => c !== null && TOTAL_ROW_NAME.test(compactLabel(c.text)))) {
      report('info', 'list-total-row', `${listName}的“${compactLabel((name ?? number)!.text)}”行不是项目，未读取（${preview(place(row).filter((p) => p.text !== '').map((p) => p.text).join(' | '), 60)}）`, row.source);
      const amount = of('amount');
      if (amount !== null) total = { text: amount.text, unit: amount.column.unit ?? unit ?? '万元', source: sourceOf(row, amount.cell) };
      continue;
    }
    let d = out[out.length - 1];
    if (name !== null || number !== null || d === undefined) {
      const draft = newListDraft(seg, sequence + out.length, row, unit, title);
      const doubts = draft.draft.checks.doubts;
      d = { ...draft, indicators: [], doubt: collectDoubts(doubts) };
      out.push(d);
      if (name === null) d.doubt('list-row-unread', `${listName}第 ${row.source.line} 行没有项目名称，按一个项目读取`, row.source);
    } else report('info', 'list-row-continued', `${listName}第 ${row.source.line} 行没有项目名称和序号，按上一个项目“${preview(d.draft.project.name, 20)}”的续行读取`, row.source);
    const p = d.draft.project;
    for (const cell of cells) {
      if (cell.text === '') continue;
      const source = sourceOf(row, cell.cell);
      const col = cell.column;
      switch (col.role) {
        case 'number':
          if (!NUMBER_CELL.test(compactLabel(cell.text))) p.fields.push(formField(null, col.text, cell.text, source));
          break;
        case 'name':
          p.name = p.name === '' ? cell.text : `${p.name}${cell.text}`;
          p.sources.name ??= source;
          d.form.field('name', col.text);
          break;
        case 'code': {
          const c = compactLabel(cell.text);
          p.code = c;
          p.sources.code = source;
          if (PROJECT_CODE.test(c)) p.year = 2000 + Number(PROJECT_CODE.exec(c)![2]);
          else report('warning', 'odd-project-code', `项目编码“${c}”不符合“地区码+年度+P+序号”的格式`, source);
          d.form.field('code', col.text);
          break;
        }
        case 'unit':
          // an implementing unit is the project's field; the list's department is the one its title names (or a 主管部门 column)
          if (col.implementer) p.fields.push(codedFormField('implementer', col.text, cell.text, source, true));
          else {
            p.department = readUnitName(cell.text);
            p.sources.department = source;
            d.form.field('department', col.text);
          }
          break;
        case 'amount': {
          if (p.sources.total !== undefined) {
            d.doubt('list-row-unread', `${listName}项目“${preview(p.name, 20)}”的续行又写有金额“${preview(cell.text, 16)}”，未读取`, source);
            break;
          }
          let amountUnit = col.unit ?? unit;
          if (amountUnit === null) {
            amountUnit = '万元';
            if (!unitAssumed) report('info', 'amount-unit-assumed', `${listName}没有注明金额单位，按万元读取`, source);
            unitAssumed = true;
          }
          const amount = readAmount(cell.text, amountUnit);
          p.sources.total = source;
          d.form.field('total', col.text);
          if (amount.ok) {
            p.budget.total = amount.fen;
            p.amountUnit = amount.unit;
          } else {
            report('error', 'invalid-amount', amount.reason, source);
            d.doubt('list-row-unread', `${listName}项目“${preview(p.name, 20)}”的${col.text}“${preview(cell.text, 16)}”不是金额，未能读取`, source);
          }
          break;
        }
        case 'goal':
        case 'mediumGoal': {
          const goals = col.role === 'goal' ? p.goals : p.longTermGoals;
          const lines = readGoalLines(paragraphs(cell.cell));
          // a goal cut by a page goes on in the continuing row
          if (goals.length > 0 && lines.length > 0 && !/[。；;！!]$/.test(goals[goals.length - 1]!)) goals[goals.length - 1] += lines.shift()!;
          goals.push(...lines);
          p.sources[col.role === 'goal' ? 'goals' : 'longTermGoals'] ??= source;
          d.form.field(col.role === 'goal' ? 'goals' : 'longTermGoals', col.text);
          break;
        }
        case 'indicators':
          d.indicators.push({ text: paragraphText(cell.cell), source });
          // the names and targets are in the cell's text: the form has them (as project-table.ts readRunning says)
          d.form.column('name', `${col.text}（文字）`);
          d.form.column('target', `${col.text}（文字）`);
          break;
        case 'category':
          if (!p.fields.some((f) => f.key === 'category')) p.fields.push(formField('category', col.text, paragraphText(cell.cell), source));
          break;
        default:
          // a column of no known role: the project's field under its header (beyond the header: a cell with none)
          if (col.text === '') d.doubt('list-row-unread', `${listName}项目“${preview(p.name, 20)}”行中表头以外的单元格“${preview(cell.text, 16)}”未能读取`, source);
          else p.fields.push(formField(null, col.text, cell.text, source));
      }
    }
  }
  report('info', 'project-rows', `${listName}一行一个项目，按 ${out.length} 个项目读取（绩效指标写成文字，逐项拆分）`, seg.source);
  for (const d of out) finish(d, listName, report);
  if (total !== null) checkTotal(total, out, listName, report);
  return out.map((d) => d.draft);
}

/** The list's 合计 against the sum of its projects' amounts (when every project has one): a difference is said with both figures. */
function checkTotal(total: { text: string; unit: MoneyUnit; source: SourceLocation }, out: readonly RowDraft[], listName: string, report: Report): void {
  const stated = readAmount(total.text, total.unit);
  const amounts = out.map((d) => d.draft.project.budget.total);
  if (!stated.ok || amounts.some((a) => a === null)) return;
  const sum = amounts.reduce<number>((a, b) => a + b!, 0);
  if (sum === stated.fen) report('info', 'list-total-matched', `${listName}的合计“${total.text}”等于各项目金额之和`, total.source);
  else report('warning', 'list-total-mismatch', `${listName}的合计“${total.text}”与各项目金额之和（${formatWanText(sum)}）不一致`, total.source);
}

/** The cells of a row with the column each stands under (by grid position when the reader knows it, else by index). */
function cellsOf(row: RowBlock, columns: readonly RowColumn[], grid: boolean): (Placed & { column: RowColumn })[] {
  const none: RowColumn = { start: -1, end: -1, index: -1, text: '', role: null, unit: null, implementer: false };
  const placed = place(row);
  if (grid && hasGrid(row)) return placed.map((p) => ({ ...p, text: p.cell.mergedFromAbove ? '' : p.text, column: headerOver(p, columns) ?? none }));
  return placed.map((p) => ({ ...p, column: columns[p.index] ?? none }));
}

/** `产出指标-数量指标：`, `产出指标—数量指标：`: the level 1 and the level 2 of an item, read as two sections. */
const LEVELS_JOINED = /((?:产出|效益|满意度|成本)指标)\s*[-—－/／|]\s*(?=[\u4e00-\u9fa5]{2,10}指标\s*[:：])/g;

type Text = { text: string; source: SourceLocation };

/**
 * The project's indicators cells as texts to read, each with the source of the cell it begins in. A cell's level names
 * joined by a dash are read as two sections; a cell continuing the one above mid-item (a row cut by a page: text before
 * its first item's number) goes on with that item. When the first numbered item names its own category (`1.数量指标：…`),
 * the items one by one, so that one naming none is not read under the category of the item before it; else the cells
 * (`产出指标：1.…；2.…` carries its section over its items).
 */
function indicatorTexts(cells: readonly Text[]): { texts: Text[]; alone: boolean } {
  const read: (Text & { items: Text[] })[] = [];
  for (const cell of cells) {
    const text = cell.text.replace(LEVELS_JOINED, '$1：');
    const starts = itemStarts(text);
    const head = text.slice(0, starts[0] ?? text.length);
    const items = starts.map((at, k) => ({ text: text.slice(at, starts[k + 1] ?? text.length), source: cell.source }));
    const last = read[read.length - 1];
    if (last !== undefined && head.trim() !== '') {
      last.text += head;
      const item = last.items[last.items.length - 1];
      if (item !== undefined) item.text += head;
      if (items.length > 0) read.push({ text: text.slice(starts[0]), source: cell.source, items });
    } else read.push({ text, source: cell.source, items: head.trim() !== '' ? [{ text: head, source: cell.source }, ...items] : items });
  }
  const all = read.flatMap((c) => c.items);
  const first = all.find((i) => itemStarts(i.text)[0] === 0);
  return first !== undefined && namesOwnCategory(first.text) ? { texts: all, alone: true } : { texts: read.map(({ text, source }) => ({ text, source })), alone: false };
}

/** A category name some framework knows as a level 2 (by any spelling). */
const isLevel2Anywhere = (text: string) => FRAMEWORKS.some((fw) => normalizeCategories(fw, '', text).level2 !== null);

/** The project's indicators (its cells split), its name in messages, what it lacks. */
function finish(d: RowDraft, listName: string, report: Report): void {
  const p = d.draft.project;
  const where = `${listName}项目“${preview(p.name || '（无名称）', 20)}”`;
  d.draft.tableName = where;
  const raws = d.draft.raws;
  const { texts, alone } = indicatorTexts(d.indicators);
  // items naming their own categories each read alone (no category carried from one to the next); what gives no indicator is doubted
  const left = alone ? texts.flatMap((t) => readRunningCells([t], { level1: '', level2: '' }, 'annual', raws, d.doubt, where)) : readRunningCells(texts, { level1: '', level2: '' }, 'annual', raws, d.doubt, where);
  for (const c of left) if (c.text.trim().length <= 4) d.doubt('indicators-in-text', `${where}绩效指标栏中的“${preview(c.text, 20)}”未能拆分为指标`, c.source);
  for (const r of raws) {
    // each item names the category in the level-2 place (`3.满意度指标：…`): a level-1 name there that is also a level 2
    // (满意度指标 for 服务对象满意度指标) is the level 2 as written, its level 1 the framework's
    if (r.level2Raw === '' && r.level1Raw !== '' && isLevel2Anywhere(r.level1Raw)) {
      r.level2Raw = r.level1Raw;
      r.level1Raw = '';
    }
    if (r.level1Raw === '' && r.level2Raw === '') d.doubt('indicators-in-text', `${where}的指标“${preview(r.name, 20)}”没有写明指标类别`, r.source);
  }
  if (p.name === '') report('error', 'missing-project-name', `${where}缺少项目名称`, p.source);
  if (raws.length === 0) {
    report('error', 'missing-indicators', `${where}没有绩效指标`, p.source);
    d.doubt('no-indicators', `${where}的绩效指标栏${d.indicators.length === 0 ? '为空' : '未能读出指标'}`, d.indicators[0]?.source ?? p.source);
  }
  if (p.budget.total === null && p.sources.total === undefined) {
    report('error', 'missing-budget', `${where}缺少预算数（年度预算金额）`, p.source);
    d.doubt('list-row-unread', `${where}的预算金额为空`, p.source);
  }
  if (p.goals.length === 0 && p.longTermGoals.length === 0) report('warning', 'missing-goals', `${where}缺少绩效目标`, p.source);
  p.form = d.form.profile(formNameOfTitle(p.title));
}
