/**
 * A table that lists many projects (issue 37, "Tables that list many projects"): the 一体化
 * disclosure table (表11-style 项目支出绩效目标表), one row per indicator, the project's name, code,
 * unit (a code may stand in front: 123001-某某局), category, amount and annual goal in leading cells
 * merged (or repeated) over its indicator rows, then the indicator columns. Which header is which
 * field is the shared vocabulary's (shared/layout/project-columns.ts for the project's columns,
 * indicator-columns.ts for the rest); this file cuts the rows into projects:
 *
 * - A new project starts wherever a row writes a name or code other than the current project's.
 *   A merged continuation (or an empty cell) keeps the project; a repeated one is the same.
 * - The unit and the category, often merged over several projects, carry down to the next
 *   project until a row writes another.
 * - The amount is read in its header's unit (金额（万元）), else the table's (单位：万元 above it),
 *   else 万元 (info amount-unit-assumed); thousands separators are read; exact fen.
 * - Each project's indicator rows, without the project columns, are read as its indicator table
 *   (indicators.ts): split targets, weights, extras as everywhere.
 * - A 合计 row is left out with an info diagnostic; a project cell that changes inside a project is
 *   kept as a form field with a warning; nothing is dropped silently.
 */
import type { FormFieldRole } from '../../../shared/domain/form-profile';
import { CHECKPOINTS, type Project, type SourceLocation } from '../../../shared/domain/model';
import type { MoneyUnit } from '../../../shared/domain/money';
import { compactLabel } from '../../../shared/domain/text';
import { formNameOfTitle } from '../../../shared/layout/labels';
import { TOTAL_ROW_NAME, listsProjects, readProjectColumn, type ProjectColumn, type ProjectColumnRole } from '../../../shared/layout/project-columns';
import type { Cell, RowBlock } from '../blocks';
import { aliasBasis, FormRecorder } from './form-profile';
import { formField, readAmount, readGoalLines, readUnitName, unitCaption } from './forms';
import { hasGrid, headerOver, isBlankRow, paragraphs, place, preview, sourceOf, type Placed } from './grid';
import { isIndicatorHeader } from '../structure/header';
import { tableChecks, watchUnplaced } from '../structure/doubts';
import { analyzeTable, type TableStructure } from '../structure/table';
import { readIndicatorTable, type IndicatorTable } from './indicators';
import { PROJECT_CODE, type ProjectDraft } from './project-table';
import type { Report } from './report';
import type { Segment } from './segment';

/** A header column of the list: a project field's, or one of the indicator table's. */
interface ListColumn {
  start: number;
  end: number;
  index: number;
  project: ProjectColumn | null;
}

/** The profile's field for each project column role (shared/domain/form-profile.ts). */
const PROFILE_FIELD: Record<ProjectColumnRole, FormFieldRole | null> = { name: 'name', code: 'code', unit: 'department', category: null, amount: 'total', goal: 'goals', mediumGoal: 'longTermGoals' };

/** The index of the row of the segment that heads a project list (its structure's first header that lists projects), or -1 when it lists none. */
export function projectListHeader(seg: Segment, structure: TableStructure): number {
  return structure.headers.find((h) => listsProjects(headerTexts(seg.rows, h.at)))?.at ?? -1;
}

/** The header's texts, a cell merged down from the row above (项目名称 over two header rows) read from that row. */
function headerTexts(rows: readonly RowBlock[], at: number): string[] {
  const above = at > 0 && hasGrid(rows[at - 1]!) ? place(rows[at - 1]!) : [];
  return place(rows[at]!).map((p) => (p.text === '' || p.cell.mergedFromAbove ? (headerOver(p, above)?.text ?? '') : p.text));
}

/** One project of the list as its rows are read. */
export interface ListDraft {
  draft: ProjectDraft;
  form: FormRecorder;
  rows: RowBlock[];
  /** The written text of each role the project has, for telling a new project from a repeated cell. */
  seen: Partial<Record<ProjectColumnRole, string>>;
}

/**
 * Reads a segment whose indicator header (rows[headerAt]) lists projects: one draft per project,
 * sequences from `sequence` on.
 */
export function readProjectList(seg: Segment, headerAt: number, sequence: number, report: Report): ProjectDraft[] {
  const rows = seg.rows;
  const header = rows[headerAt]!;
  const texts = headerTexts(rows, headerAt);
  const grid = hasGrid(header);
  const columns: ListColumn[] = place(header).map((p, i) => ({ start: p.start, end: p.end, index: p.index, project: readProjectColumn(texts[i]!) }));
  // 项目资金总额 beside this year's amount (年度预算数) is the whole project's money; any other second column of a
  // role is kept as a form field of each project.
  const yearAmount = columns.some((c) => c.project?.role === 'amount' && !c.project.whole);
  const wholeAmount = yearAmount ? columns.find((c) => c.project?.role === 'amount' && c.project.whole) : undefined;
  const taken = new Set<ProjectColumnRole>();
  const secondary = new Set<ListColumn>();
  for (const c of columns) {
    if (c.project === null || c === wholeAmount) continue;
    if (taken.has(c.project.role)) secondary.add(c);
    else taken.add(c.project.role);
  }
  const title = seg.title || '（无标题）';
  const listName = `表“${preview(title, 30)}”`;
  let unit: MoneyUnit | null = seg.unit;

  // Rows above the header: a 单位：万元 cell gives the unit; a row the header's cells are merged down from is the header's.
  for (let i = 0; i < headerAt; i++) {
    const row = rows[i]!;
    if (isBlankRow(row) || (i === headerAt - 1 && grid && place(header).some((p) => p.cell.mergedFromAbove))) continue;
    for (const p of place(row)) {
      if (p.text === '') continue;
      const caption = unitCaption(p.text);
      if (caption !== null) unit = caption.unit;
      else report('warning', 'unrecognized-cell', `${listName}表头以上无法识别的单元格：“${preview(p.text)}”`, sourceOf(row, p.cell));
    }
  }

  const indicatorColumns = columns.filter((c) => c.project === null);
  const indicatorHeader = stripRow(header, indicatorColumns, columns.length, grid);
  const out: ListDraft[] = [];
  const carried: Partial<Record<'unit' | 'category', { text: string; source: SourceLocation; header: string }>> = {};
  let current: ListDraft | null = null;
  let unitAssumedReported = false;

  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (isBlankRow(row)) continue;
    if (isIndicatorHeader(row)) {
      // the header repeated on a new page, or another table's
      if (headerTexts(rows, i).join('|') === texts.join('|')) {
        report('info', 'repeated-header', `${listName}的表头重复出现`, row.source);
        continue;
      }
      report('warning', 'unrecognized-row', `${listName}中出现另一表头，按原表头读取：“${preview(place(row).map((p) => p.text).join(' | '), 60)}”`, row.source);
      continue;
    }
    const cells = projectCells(row, columns, grid);
    const written = (role: ProjectColumnRole) => {
      const c = cells.find((x) => x.column.project!.role === role && !secondary.has(x.column));
      return c && c.text !== '' ? c : null;
    };
    const name = written('name');
    const code = written('code');
    if (name !== null && TOTAL_ROW_NAME.test(compactLabel(name.text))) {
      report('info', 'list-total-row', `${listName}的“${name.text}”行不是项目，未读取（${preview(place(row).filter((p) => p.text !== '').map((p) => p.text).join(' | '), 60)}）`, row.source);
      continue;
    }
    if (current === null || startsProject(current, name, code)) {
      current = newListDraft(seg, sequence + out.length, row, unit, title);
      out.push(current);
    }
    const d: ListDraft = current;
    const p = d.draft.project;
    for (const cell of cells) {
      if (cell.text === '') continue;
      const col = cell.column.project!;
      const source = sourceOf(row, cell.cell);
      if (secondary.has(cell.column)) {
        if (!p.fields.some((f) => f.label === col.text)) p.fields.push(formField(null, col.text, cell.text, source));
        continue;
      }
      if (cell.column === wholeAmount) {
        if (p.projectBudget === null) {
          const amount = readAmount(cell.text, col.unit ?? unit ?? '万元');
          if (!amount.ok) report('error', 'invalid-amount', amount.reason, source);
          p.projectBudget = { total: amount.ok ? amount.fen : null, fiscal: null, other: null, lines: [] };
          d.form.field('projectTotal', col.text);
        }
        continue;
      }
      const before = d.seen[col.role];
      if (before !== undefined) {
        if (before !== cell.text) {
          p.fields.push(formField(null, col.text, cell.text, source));
          report('warning', 'list-cell-changed', `${listName}项目“${preview(p.name, 20)}”的“${col.text}”在其指标行中不一致：“${preview(before, 20)}”与“${preview(cell.text, 20)}”，后者按原样保存为其他栏目`, source);
        }
        continue;
      }
      d.seen[col.role] = cell.text;
      const paragraphText = paragraphs(cell.cell).join('\n');
      const profileField = PROFILE_FIELD[col.role];
      if (profileField !== null) d.form.field(profileField, col.text);
      switch (col.role) {
        case 'name':
          p.name = cell.text;
          p.sources.name = source;
          break;
        case 'code': {
          const c = compactLabel(cell.text);
          p.code = c;
          p.sources.code = source;
          if (!PROJECT_CODE.test(c)) report('warning', 'odd-project-code', `项目编码“${c}”不符合“地区码+年度+P+序号”的格式`, source);
          else p.year = 2000 + Number(PROJECT_CODE.exec(c)![2]);
          break;
        }
        case 'unit':
        case 'category':
          carried[col.role] = { text: col.role === 'unit' ? cell.text : paragraphText, source, header: col.text };
          break;
        case 'amount': {
          let amountUnit = col.unit ?? unit;
          if (amountUnit === null) {
            amountUnit = '万元';
            if (!unitAssumedReported) {
              unitAssumedReported = true;
              report('info', 'amount-unit-assumed', `${listName}没有注明金额单位，按万元读取`, source);
            }
          }
          const amount = readAmount(cell.text, amountUnit);
          p.sources.total = source;
          if (!amount.ok) report('error', 'invalid-amount', amount.reason, source);
          else {
            p.budget.total = amount.fen;
            p.amountUnit = amount.unit;
          }
          break;
        }
        case 'goal':
          p.goals.push(...readGoalLines(paragraphs(cell.cell)));
          p.sources.goals ??= source;
          break;
        case 'mediumGoal':
          p.longTermGoals.push(...readGoalLines(paragraphs(cell.cell)));
          p.sources.longTermGoals ??= source;
          break;
      }
    }
    // the unit and category a project's first row gives, or carries from the projects above
    if (d.draft.project.department === null && carried.unit) {
      p.department = readUnitName(carried.unit.text);
      p.sources.department = carried.unit.source;
      d.form.field('department', carried.unit.header);
    }
    if (carried.category && !p.fields.some((f) => f.key === 'category')) {
      p.fields.push(formField('category', carried.category.header, carried.category.text, carried.category.source));
    }
    d.rows.push(stripRow(row, indicatorColumns, columns.length, grid));
  }

  report('info', 'project-list', `${listName}逐行列出 ${out.length} 个项目（项目名称、编码等合并或重复于各项目的指标行之上），按 ${out.length} 个项目读取`, seg.source);
  for (const d of out) finishDraft(d, indicatorHeader, report);
  return out.map((d) => d.draft);
}

/**
 * A row that writes a name or code other than the project's starts the next project; so does one
 * that writes either after rows of a project that had neither (rows above the list's first name).
 */
function startsProject(current: ListDraft, name: Placed | null, code: Placed | null): boolean {
  const { seen } = current;
  if (seen.name === undefined && seen.code === undefined) return name !== null || code !== null;
  return (name !== null && seen.name !== undefined && name.text !== seen.name) || (code !== null && seen.code !== undefined && code.text !== seen.code);
}

/** The project columns' cells of a row: by grid position when the reader knows it, else by index (a short row lacks its leading cells). */
function projectCells(row: RowBlock, columns: readonly ListColumn[], grid: boolean): (Placed & { column: ListColumn })[] {
  const out: (Placed & { column: ListColumn })[] = [];
  const placed = place(row);
  if (grid && hasGrid(row)) {
    for (const p of placed) {
      const over = headerOver(p, columns);
      if (over?.project) out.push({ ...p, text: p.cell.mergedFromAbove ? '' : p.text, column: over });
    }
    return out;
  }
  const shift = Math.max(0, columns.length - placed.length);
  for (const p of placed) {
    const column = columns[p.index + shift];
    if (column?.project) out.push({ ...p, column });
  }
  return out;
}

/** The row without the project columns' cells: what the indicator table reads. */
function stripRow(row: RowBlock, keep: readonly ListColumn[], width: number, grid: boolean): RowBlock {
  let cells: Cell[];
  if (grid && hasGrid(row)) {
    cells = place(row)
      .filter((p) => {
        const over = headerOver(p, keep);
        // a cell under an indicator column, or beyond the header (kept: indicators.ts reports it)
        return over !== null || p.start >= Math.max(...keep.map((k) => k.end), 0);
      })
      .map((p) => p.cell);
  } else {
    const shift = Math.max(0, width - row.cells.length);
    const indexes = new Set(keep.map((k) => k.index));
    cells = row.cells.filter((_, i) => indexes.has(i + shift) || i + shift >= width);
  }
  return { kind: 'row', cells, source: row.source, ...(row.table !== undefined ? { table: row.table } : {}) };
}

export function newListDraft(seg: Segment, sequence: number, row: RowBlock, unit: MoneyUnit | null, title: string): ListDraft {
  const project: Project = {
    part: seg.part === 3 ? 'public' : 'project',
    sequence,
    title: seg.title,
    code: null,
    name: '',
    year: null,
    department: null,
    amountUnit: unit ?? '万元',
    budget: { total: null, fiscal: null, other: null },
    budgetLines: [],
    projectBudget: null,
    fields: [],
    purpose: null,
    spendingPlan: CHECKPOINTS.map((checkpoint) => ({ checkpoint, percent: null, amount: null, given: null, source: null })),
    goals: [],
    longTermGoals: [],
    indicators: [],
    longTermIndicators: [],
    narrative: [],
    source: row.source,
    sources: { title: seg.source },
  };
  return { draft: { project, raws: [], tableName: `表“${preview(title, 30)}”`, checks: tableChecks() }, form: new FormRecorder(), rows: [], seen: {} };
}

/** The project's indicators (its rows under the list's indicator columns), its name in messages, what it lacks. */
function finishDraft(d: ListDraft, indicatorHeader: RowBlock, report: Report): void {
  const p = d.draft.project;
  const where = `表“${preview(p.title || '（无标题）', 30)}”项目“${preview(p.name || '（无名称）', 20)}”`;
  d.draft.tableName = where;
  if (p.name === '') report('error', 'missing-project-name', `${where}缺少项目名称`, p.source);
  const structure = analyzeTable([indicatorHeader, ...d.rows], { startsFormPart: () => false, year: null, templates: null });
  const table: Pick<IndicatorTable, 'rows' | 'columns' | 'doubts'> = structure.headers.length > 0 ? readIndicatorTable(structure, 0, where, watchUnplaced(report, d.draft.checks)) : { rows: [], columns: [], doubts: [] };
  d.draft.checks.doubts.push(...table.doubts);
  d.draft.checks.headers.push(...structure.headers);
  d.form.table(table.columns);
  const basis = table.rows.length > 0 ? aliasBasis(table.rows, table.columns, where, report) : null;
  if (basis !== null) d.form.column('basis', basis);
  d.draft.raws.push(...table.rows);
  if (table.rows.length === 0) report('error', 'missing-indicators', `${where}没有绩效指标`, p.source);
  if (p.budget.total === null && !p.sources.total) report('error', 'missing-budget', `${where}缺少预算数（年度预算金额）`, p.source);
  if (p.goals.length === 0 && p.longTermGoals.length === 0) report('warning', 'missing-goals', `${where}缺少绩效目标`, p.source);
  p.form = d.form.profile(formNameOfTitle(p.title));
  p.fields.sort((a, b) => a.source.line - b.source.line);
}

/**
 * A table that lists projects with their amounts and no indicators (issue 53): a summary before the target tables
 * (`序号 | 项目名称 | 预算金额（万元）`), or a budget table of a 预算公开 (`项目名称 | 合计 | 一般公共预算 | …`). Not a target
 * table: the number of projects it lists when the segment is one (a header row naming projects and amounts, at
 * least two rows under it each with an amount, no indicator header), else null.
 */
export function summaryListSize(seg: Segment, structure: TableStructure): number | null {
  if (structure.headers.length > 0) return null;
  const rows = seg.rows.filter((r) => !isBlankRow(r));
  const at = rows.findIndex((r) => {
    const columns = place(r).map((p) => (p.text === '' ? null : readProjectColumn(p.text)));
    return columns.some((c) => c?.role === 'name') && columns.some((c) => c?.role === 'amount');
  });
  if (at < 0 || at > 2) return null;
  const under = rows.slice(at + 1);
  const listed = under.filter((r) => place(r).some((p) => /^[\d,，]+(\.\d+)?$/.test(p.text.replace(/\s+/g, ''))));
  // every row under the header is a listed project or a total, and there are at least two
  return listed.length >= 2 && listed.length === under.length ? listed.filter((r) => !place(r).some((p) => TOTAL_ROW_NAME.test(compactLabel(p.text)))).length : null;
}
