/**
 * Turns a reader's blocks (paragraphs and table rows, see blocks.ts) into a ParsedDocument. One
 * parser for every format and every layout: the published tables of one province, a city's
 * 申报表 grid, a department's whole-budget table, a single project's 申报书 with its cover and
 * narrative. What layouts call things is data (shared/layout/); this file cuts the document into
 * its parts and tables, and parse/ reads each table.
 *
 * 1. The blocks are walked once: part 1's sections get their lines; a table title (a paragraph or
 *    a row holding only the title) opens a table; captions and year lines ("填报单位（盖章）：
 *    金额单位：万元", "（2025年度）") go to the table they stand over; a cover's labelled lines
 *    ("预算主管部门：…") and a narrative (项目经费情况说明 by section) are kept for the document.
 *    A second 项目名称 row after a complete project opens a new table even without a title.
 * 2. Each table is read as a project's or the department's (parse/project-table.ts,
 *    parse/department-table.ts), indicators raw.
 * 3. The year (project codes, then titles and year lines, then the text), the framework (the
 *    rules for the region and year, unless the category cells show another: chooseFramework),
 *    the department (the tables', else the department table's, the cover's, a caption's).
 *
 * The parser never drops anything silently: what it cannot place is a Diagnostic with its
 * location. Only a file that is not a target document at all is refused (DocumentReadError).
 */
import { chooseFramework, isCategoryText, selectFramework, type CategoryCells } from '../../shared/domain/framework';
import type { Department, DepartmentTargets, Diagnostic, Indicator, NarrativeSection, ParsedDocument, Project, ProjectListing, SourceLocation } from '../../shared/domain/model';
import { compactLabel, splitNumbering, stripBookmarks, toHalfWidth } from '../../shared/domain/text';
import { COVER_DEPARTMENT_LABELS, DEPARTMENT_LABELS, NARRATIVE_HEADING, PROJECT_LABELS, isFormNote, isNonDataLabel, lookupLabel, normalizeLabel } from '../../shared/layout/labels';
import { ClassifiedParagraph, type Block, type ReadResult, type RowBlock } from './blocks';
import { DocumentReadError } from './errors';
import { classifyHeading, type PartNumber, type SectionName } from './headings';
import { readDepartmentTable, type DepartmentDraft } from './parse/department-table';
import { readCaption, readFormRow, readUnitName } from './parse/forms';
import { isBlankRow, place, preview } from './parse/grid';
import { buildIndicators, indicatorMemo, type RawIndicator } from './parse/indicators';
import { readDepartmentGoals, type Line } from './parse/part-one';
import { PROJECT_CODE, codeYear, nameFromHeading, projectStructure, readProjectTable, type ProjectDraft } from './parse/project-table';
import { isMediumTermTitle } from '../../shared/layout/project-columns';
import { projectListHeader, readProjectList, summaryListSize } from './parse/project-list';
import { projectRowsHeader, readProjectRows } from './parse/project-rows';
import type { Report } from './parse/report';
import type { Segment } from './parse/segment';
import { checkDepartmentTargets, checkProject, collectDoubts } from './structure/doubts';
import { tableGrid } from './structure/grid';
import { isIndicatorHeader } from './structure/header';
import type { TableGrid } from '../../shared/domain/table-grid';
import { DOUBT_DESCRIPTIONS, readingOf, type Doubt } from '../../shared/domain/reading';
import { crossCheckList, readBudgetList } from './parse/budget-list';
import { nameByHeading, type FormTemplate } from '../../shared/domain/form-template';
import { prepareTemplates, templatesIn, type PreparedTemplate } from './structure/template';
import type { TableStructure } from './structure/table';
import type { LabelRule, ProjectLabelKey } from '../../shared/layout/labels';
import type { SubmittedSelfEvaluation } from '../../shared/domain/submitted-self-evaluation';
import { isSelfEvaluationTable, readSelfEvaluation } from './self-evaluation/read-self-evaluation';

export interface ParseInput {
  file: string;
  format: ParsedDocument['format'];
  encoding: string;
  sha256: string;
  read: ReadResult;
  /** Keep each table's grid (ParsedDocument.tables) for the import preview. */
  grids?: boolean;
  /**
   * Form templates (issue 54; shared/domain/form-template.ts), in order of preference: a table whose rows hold a
   * template's header exactly is read with it, one with a header like it is offered it.
   */
  templates?: readonly FormTemplate[];
}

/** A cover's title before any table: "2025年度项目支出预算申报书", "项目绩效目标申报材料". */
const COVER_TITLE = /^.{0,30}(申报书|申报表|申报材料|绩效目标|预算表?|说明书?)$/;

const WATERMARK = /^Evaluation Warning: The document was created with Spire\.Doc/;

/**
 * A table whose category words stood among its rows outside its cells (Segment.strayCategories) is doubted, unless
 * each names a category its indicators were read with (产出指标 printed again beside rows read under 产出指标).
 */
function strayCategoryDoubt(seg: Segment | undefined, indicators: readonly Indicator[], doubts: Doubt[]): void {
  if (seg?.strayCategories === undefined) return;
  const read = new Set(indicators.flatMap((i) => [i.level1, i.level2, i.level1Raw, i.level2Raw].flatMap((t) => (t ? [t.replace(/\s+/g, '')] : []))));
  const strays = seg.strayCategories.filter((s) => {
    const text = s.text.replace(/\s+/g, '');
    return !read.has(text) && !read.has(`${text}指标`);
  });
  if (strays.length === 0) return;
  const words = strays.map((s) => `“${s.text}”`).join('、');
  const message = `表“${preview(seg.title || '（无标题）', 30)}”的类别文字${words}印在指标表的单元格之外（跨页的合并单元格只画出了指标列的格线），未能对应到各行：这几页指标的一、二级指标可能沿用了上方的类别`;
  doubts.push({ code: 'category-outside-cells', part: DOUBT_DESCRIPTIONS['category-outside-cells'].part, message, where: strays[0]!.source });
}

/** Parses blocks into a document. Throws DocumentReadError only when it is not a target document. */
export function parseDocument(input: ParseInput): ParsedDocument {
  const diagnostics: Diagnostic[] = [...input.read.diagnostics];
  const report: Report = (severity, code, message, source) => diagnostics.push({ severity, code, message, source });

  const templates = prepareTemplates(input.templates ?? []);
  // the templates whose header the document holds: their labels and heading rule cut it into its tables too
  const active = templates === null ? [] : templatesIn(templates, input.read.blocks.filter((b): b is RowBlock => b.kind === 'row'));
  const layout = splitDocument(input.read.blocks, report, active);
  const grids: TableGrid[] | null = input.grids ? [] : null;
  const drafts: ProjectDraft[] = [];
  let departmentDraft: DepartmentDraft | null = null;
  let departmentSegment: Segment | undefined;
  const sequences = { project: 0, public: 0 };
  const others: string[] = [];
  // the year the document's titles and year lines say, else its tables' project codes: for a header's bare years
  // that nothing in its own table decides; worked out once, also when it is none
  let around: number | null | undefined;
  const documentYear = (): number | null => {
    if (around === undefined) around = yearAround(layout) ?? layout.segments.reduce<number | null>((y, s) => y ?? (s.kind === 'project' ? codeYear(s.rows) : null), null);
    return around;
  };
  const selfEvaluations: SubmittedSelfEvaluation[] = [];
  let projectList: ProjectListing | undefined;
  // what a 自评表 explains (issue 59): it has no 绩效目标表 title; a line under it (自评等级：优) is its grade
  const explained = new Map<SourceLocation | undefined, string>();
  for (const seg of layout.segments) {
    seg.templates = templates;
    if (isSelfEvaluationTable(seg.rows)) {
      // a 项目支出绩效自评表 (issue 59), or a department's 部门整体支出绩效自评表 (issue 70): read apart, not as a target table
      const se = readSelfEvaluation(seg, input.read.blocks, selfEvaluations.length + 1);
      selfEvaluations.push(se);
      if (!seg.titled) explained.set(seg.source, 'table-without-title');
      explained.set(se.sources.grade, 'unrecognized-paragraph');
      continue;
    }
    if (seg.kind === 'other') {
      // a table of money (a budget's, final accounts'): no targets in it; its rows are read only when it lists the
      // projects with their amounts (budget-list.ts), against which the target tables are checked (issue 68)
      others.push(seg.title);
      const list = projectList === undefined ? readBudgetList(seg, notesAfter(input.read.blocks, seg)) : null;
      if (list !== null) {
        projectList = list;
        report('info', 'budget-project-list', `表“${preview(seg.title, 30)}”列出 ${list.projects.length} 个项目及其金额（${list.amountUnit}），用于核对各项目绩效目标表的金额`, seg.source);
      } else report('info', 'other-table', `表“${preview(seg.title, 30)}”不是绩效目标表（预算、决算等报表），未读取`, seg.source);
      continue;
    }
    if (seg.rows.length === 0) {
      // A title with no table under it before the next one: a heading ("预算项目绩效目标表" over the tables), which
      // may name the document's unit and year ("东川区水务局2026年项目支出绩效目标表").
      const title = documentTitle(seg.title);
      if (title !== null) {
        if (title.year !== null) layout.textYears.push(title.year);
        if (title.department !== null) layout.coverDepartment ??= { text: title.department, source: seg.source };
      }
      report('info', 'title-without-table', `“${preview(seg.title, 30)}”下没有表格，按标题处理`, seg.source);
      continue;
    }
    // a table right under the document's title ("青禾县水利局2026年项目支出绩效目标表" over a grid of all its projects,
    // issue 68): the title names the unit, as a heading of its own would
    const titled = documentTitle(seg.title);
    if (titled?.department) layout.coverDepartment ??= { text: titled.department, source: seg.source };
    if (seg.kind === 'department') {
      if (departmentDraft === null) {
        departmentDraft = readDepartmentTable(seg, report, documentYear);
        departmentSegment = seg;
        reportTemplate(seg, departmentDraft.structure, report);
        if (grids !== null) grids.push(tableGrid(seg, departmentDraft.structure, 'department', []));
      } else if (departmentDraft.raws.length === 0) {
        // the first had no indicator (a table of figures under a heading that names the department's table, 西安气象局
        // page 10, issue 68): the table with them is the department's
        const said: Diagnostic[] = [];
        const second = readDepartmentTable(seg, (severity, code, message, source) => said.push({ severity, code, message, source }), documentYear);
        if (second.raws.length > 0) {
          report('warning', 'department-table-replaced', `表“${preview(departmentDraft.targets.title || '部门整体支出绩效目标表', 30)}”没有绩效指标，按后面的“${preview(seg.title, 30)}”读取部门整体支出绩效目标`, seg.source);
          departmentDraft = second;
          departmentSegment = seg;
          for (const d of said) report(d.severity, d.code, d.message, d.source);
          reportTemplate(seg, second.structure, report);
          if (grids !== null) grids.push(tableGrid(seg, second.structure, 'department', []));
        } else report('warning', 'second-department-table', `文档中有第二张部门整体支出绩效目标表“${preview(seg.title, 30)}”，只读取第一张`, seg.source);
      } else report('warning', 'second-department-table', `文档中有第二张部门整体支出绩效目标表“${preview(seg.title, 30)}”，只读取第一张`, seg.source);
      continue;
    }
    const part = seg.part === 3 ? 'public' : 'project';
    // a table listing many projects (the 一体化 disclosure table): one draft per project (issue 37)
    const structure = projectStructure(seg, documentYear);
    reportTemplate(seg, structure, report);
    // a list of projects one row each, each with its indicators as text in one cell (issue 68)
    const rowsAt = projectRowsHeader(seg, structure);
    const listed = rowsAt < 0 ? summaryListSize(seg, structure) : null;
    if (listed !== null) {
      // a list of projects and their amounts (a summary, a budget table): no targets to read
      report('info', 'project-summary-list', `表“${preview(seg.title || '（无标题）', 30)}”逐行列出 ${listed} 个项目及其金额，没有绩效指标，不是绩效目标表，未作为项目读取`, seg.source);
      continue;
    }
    const listAt = projectListHeader(seg, structure);
    if (rowsAt >= 0 || listAt >= 0) {
      const list = rowsAt >= 0 ? readProjectRows(seg, rowsAt, sequences[part] + 1, report) : readProjectList(seg, listAt, sequences[part] + 1, report);
      sequences[part] += list.length;
      if (grids !== null) grids.push(tableGrid(seg, structure, 'list', list.map((_, k) => drafts.length + k)));
      drafts.push(...list);
      continue;
    }
    // the table's diagnostics kept until it is known to be a project's
    const said: Diagnostic[] = [];
    const draft = readProjectTable(seg, structure, sequences[part] + 1, (severity, code, message, source) => said.push({ severity, code, message, source }), documentYear);
    if (!seg.titled && structure.headers.length === 0 && draft.raws.length === 0) {
      // rows under no target table's title, with no indicator header and no indicator read: a table of another kind
      // (机构设置, 会议费明细, a fee schedule with a 项目名称 column) — never a nameless project (issue 68)
      others.push(preview(rowsText(seg.rows), 20));
      report('info', 'other-table', `第 ${seg.source.line} 行起的表格（“${preview(rowsText(seg.rows), 30)}”）没有绩效目标表的标题、指标表头或指标，不是绩效目标表，未读取`, seg.source);
      continue;
    }
    if (isEmptyTemplate(draft, said)) {
      // a target table printed empty (专项资金总体绩效目标表 with no project under it): no project (issue 68)
      report('info', 'empty-target-table', `表“${preview(seg.title || '（无标题）', 30)}”是空表（没有项目名称、金额和指标内容），未作为项目读取`, seg.source);
      continue;
    }
    sequences[part]++;
    diagnostics.push(...said);
    if (grids !== null) grids.push(tableGrid(seg, structure, 'project', [drafts.length]));
    drafts.push(draft);
  }
  const partOne = Object.values(layout.sections).some((lines) => lines.length > 0);
  if (drafts.length === 0 && departmentDraft === null && !(layout.sawPart1 && partOne) && selfEvaluations.length === 0) {
    // one line for a document that holds no target table (a 决算, a budget's tables, a notice), whatever else it holds
    const found = others.length > 0 ? `（文档中的 ${others.length} 张表格：${others.slice(0, 3).map((t) => `“${preview(t, 20)}”`).join('、')}${others.length > 3 ? '等' : ''}，都不是绩效目标表）` : '';
    throw new DocumentReadError(input.file, null, `不是预算绩效目标文档：没有找到部门整体绩效目标，也没有项目绩效目标表${found}`);
  }

  if (explained.size > 0) for (let k = diagnostics.length - 1; k >= 0; k--) if (explained.get(diagnostics[k]!.source) === diagnostics[k]!.code) diagnostics.splice(k, 1);
  const { year, region, inferred } = findYearAndRegion(layout, drafts);
  if (inferred !== undefined) {
    report('warning', 'year-inferred', `文档没有写明预算年度，按日期“${preview(inferred.text, 30)}”推断为 ${inferred.year} 年，请核对`, inferred.source);
  }
  const ruled = selectFramework(year, region);
  // every raw indicator, the projects' then the department table's: one array filled by plain loops
  // (flatMap's generic path costs more than the pushes, with thousands of tables)
  const raws: RawIndicator[] = [];
  for (const d of drafts) for (let k = 0; k < d.raws.length; k++) raws.push(d.raws[k]!);
  if (departmentDraft !== null) for (const r of departmentDraft.raws) raws.push(r);
  const categories: CategoryCells[] = raws;
  const choice = chooseFramework(categories, ruled);
  if (choice.evidence !== null) {
    const first = raws[0]!;
    report('info', 'framework-detected', `文档的${choice.evidence}属于“${choice.framework.name}”，按该指标体系读取（而非“${ruled.name}”）`, first.source);
  }
  const framework = choice.framework;

  const memo = indicatorMemo();
  // Each project's segment by its source (the first segment with it), not searched per project:
  // a large document has thousands of tables.
  const segmentAt = new Map<SourceLocation, Segment>();
  for (const s of layout.segments) if (!segmentAt.has(s.source)) segmentAt.set(s.source, s);
  const projects: Project[] = drafts.map((d) => {
    const p = d.project;
    p.year ??= segmentAt.get(p.source)?.year ?? year;
    p.indicators = buildIndicators(d.raws.filter((r) => r.group === 'annual'), framework, d.tableName, report, memo);
    p.longTermIndicators = buildIndicators(d.raws.filter((r) => r.group === 'longTerm'), framework, d.tableName, report, memo);
    const doubts = [...d.checks.doubts];
    strayCategoryDoubt(segmentAt.get(p.source), [...p.indicators, ...p.longTermIndicators], doubts);
    checkProject(p, d.tableName, d.checks.headers, d.checks.unplaced, collectDoubts(doubts));
    p.reading = readingOf(doubts);
    return p;
  });
  if (projectList !== undefined) {
    // the document's own numbers: each target table's amount against the project list (issue 68)
    crossCheckList({ projects }, projectList, (p) => (code, message, where) => {
      const doubts = [...(p.reading?.doubts ?? []), { code, part: DOUBT_DESCRIPTIONS[code].part, message, where }];
      p.reading = readingOf(doubts);
    });
  }
  attachNarratives(layout, drafts, report);

  let departmentTargets: DepartmentTargets | null = null;
  if (departmentDraft !== null) {
    departmentTargets = departmentDraft.targets;
    departmentTargets.year ??= year;
    departmentTargets.indicators = buildIndicators(departmentDraft.raws, framework, departmentDraft.tableName, report, memo);
    if (departmentTargets.indicators.length === 0) {
      report('warning', 'missing-indicators', `${departmentDraft.tableName}没有绩效指标`, departmentTargets.source);
    }
    const { checks } = departmentDraft;
    const doubts = [...checks.doubts];
    strayCategoryDoubt(departmentSegment, departmentTargets.indicators, doubts);
    checkDepartmentTargets(departmentTargets, departmentDraft.tableName, checks.headers, checks.unplaced, collectDoubts(doubts));
    departmentTargets.reading = readingOf(doubts);
  }

  return {
    file: input.file,
    format: input.format,
    encoding: input.encoding,
    sha256: input.sha256,
    year,
    department: findDepartment(projects, departmentTargets, layout, report),
    departmentGoals: readDepartmentGoals(layout.sections),
    departmentTargets,
    projects,
    diagnostics: diagnostics.sort((a, b) => a.source.line - b.source.line),
    frameworkVersion: framework.id,
    ...(inferred !== undefined ? { yearInferred: true } : {}),
    ...(grids !== null ? { tables: grids } : {}),
    ...(selfEvaluations.length > 0 ? { selfEvaluations } : {}),
    ...(projectList !== undefined ? { projectList } : {}),
  };
}

/** A target table printed empty: no name, no amount, no indicator with a name or a target, no goal. */
function isEmptyTemplate(d: ProjectDraft, said: readonly Diagnostic[]): boolean {
  const p = d.project;
  // a name taken from the title for want of one in the table is none
  const named = p.name.trim() !== '' && !said.some((x) => x.code === 'missing-project-name' || x.code === 'name-from-heading');
  const period = p.projectBudget;
  if (named || p.code !== null || p.budget.total !== null || p.budget.fiscal !== null || p.budget.other !== null) return false;
  if (period !== null && (period.total !== null || period.fiscal !== null || period.other !== null || period.lines.length > 0)) return false;
  // a goal that is a label (实施期总目标 | 年度总目标 over empty cells) is no goal written
  const written = (g: string) => !unfilled(g) && !['goals', 'longTermGoals'].includes(lookupLabel(PROJECT_LABELS, normalizeLabel(g).key) ?? '');
  if (p.goals.some(written) || p.longTermGoals.some(written)) return false;
  return d.raws.every((r) => unfilled(r.name) && unfilled(r.target) && (r.split === undefined || unfilled(r.split.value)));
}

/** A cell of a template left to be filled: empty, or only dots, dashes, crosses and bare 指标1： / 目标2： (issue 68). */
const unfilled = (text: string) => text.replace(/\s+/g, '').replace(/\.{2,}|…+|[-—_－]+|[xX×]{2,}|(指标|目标)\d*[:：]?/g, '') === '';

/** The texts of rows, joined, for a message. */
const rowsText = (rows: readonly RowBlock[]) => rows.flatMap((r) => place(r).map((p) => p.text)).filter((t) => t !== '').join(' | ');

/** The paragraphs between a table's last row and the next row or title: where a note under it stands. */
function notesAfter(blocks: readonly Block[], seg: Segment): { text: string; source: SourceLocation }[] {
  const last = seg.rows[seg.rows.length - 1];
  if (last === undefined) return [];
  const at = blocks.indexOf(last);
  const out: { text: string; source: SourceLocation }[] = [];
  for (let k = at + 1; k >= 1 && k < blocks.length && out.length < 3; k++) {
    const b = blocks[k]!;
    if (b.kind === 'row') break;
    out.push({ text: b.text, source: b.source });
  }
  return out;
}

/** Says that a table is read with a form template, or that templates like its form are offered (issue 54). */
function reportTemplate(seg: Segment, structure: TableStructure, report: Report): void {
  const name = `表“${preview(seg.title || '（无标题）', 30)}”`;
  if (structure.template !== null) {
    report('info', 'form-template', `${name}按“${structure.template.use.name}”表样读取`, seg.source);
    return;
  }
  for (const offer of structure.offers) {
    report('info', 'form-template-offer', `${name}的表头与表样“${offer.name}”相似（${offer.likeness}%），未按该表样读取；如属同一表样，可在导入预览中选用`, seg.source);
  }
}

// ---------------------------------------------------------------------------------------------
// 1. The document's parts

interface Layout {
  sections: Record<SectionName, Line[]>;
  segments: Segment[];
  sawPart1: boolean;
  /** A cover's department ("预算主管部门：…"), or the one a document's title names ("示范县民政局2025年部门预算绩效目标"). */
  coverDepartment: { text: string; source: SourceLocation } | null;
  /** Years said outside the tables (a cover's title, part 1): used when codes and titles say none. */
  textYears: number[];
  /** Dates written alone (a signature's, a page's 发布时间): the year inferred from them when nothing else gives one. */
  dateLines: { year: number; month: number; text: string; source: SourceLocation }[];
  /** Narratives (项目经费情况说明 …): their sections, and the number of tables opened before each began. */
  narratives: { sections: NarrativeSection[]; tablesBefore: number }[];
}

/** "（2025年度）", "2021年度)" with its bracket lost, "2025年": a line that only gives the year. */
function yearLine(text: string): number | null {
  if (!text.includes('年')) return null; // asked of every caption-like row and line
  const m = /^[(]?\s*(20\d{2})\s*年度?\s*[)]?$/.exec(toHalfWidth(text).trim());
  return m ? Number(m[1]) : null;
}

const yearIn = (text: string): number | null => {
  const m = /(20\d{2})\s*年/.exec(text);
  return m ? Number(m[1]) : null;
};

/** The year most of the document's table titles, year lines and titles say (no project code: the tables are not read yet); null when none. */
function yearAround(layout: Layout): number | null {
  const votes = new Map<number, number>();
  for (const y of [...layout.segments.map((s) => s.year), ...layout.textYears]) if (y !== null) votes.set(y, (votes.get(y) ?? 0) + 1);
  return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * A document's title: "示范县民政局2025年部门预算绩效目标", "2025年部门预算绩效目标", "某局2024年度项目支出绩效
 * 目标": the department it names (null when none) and the year.
 */
function documentTitle(text: string): { department: string | null; year: number | null } | null {
  const t = stripBookmarks(text).text.replace(/\s+/g, '');
  const m = /^(.*?)[（(]?(20\d{2})\s*年度?[）)]?\s*(部门)?(整体)?(预算|项目支出|部门预算)?(绩效目标|项目绩效目标)(表)?(公开)?$/.exec(t);
  if (!m) {
    // a unit's title without a year ("示范县交通运输局项目支出绩效目标"): not a project's heading (issue 53)
    const unit = /^(.+?)(?:部门)?(?:预算|项目支出|部门预算)(?:绩效目标|项目绩效目标)(?:公开)?$/.exec(t);
    return unit !== null && ORGANIZATION.test(unit[1]!) ? { department: unit[1]!, year: null } : null;
  }
  const department = m[1]!.replace(/[:：,，]$/, '');
  return { department: department === '' ? null : department, year: Number(m[2]) };
}

/** A text alone in a row that starts a form: a label (项目名称, 部门名称) or a unit with its code (417001示范县民政局). */
function opensForm(text: string): boolean {
  const key = normalizeLabel(text).key;
  return lookupLabel(PROJECT_LABELS, key) !== null || lookupLabel(DEPARTMENT_LABELS, key) !== null || /^[[【(（]?\d{6,}/.test(text.trim());
}

/** The one text a row holds, when all its non-empty cells hold the same (a title or caption row). */
function singleText(row: RowBlock): string | null {
  // Asked of every row: a loop, not a Set of the row's texts.
  let single: string | null = null;
  for (const { text } of place(row)) {
    if (text === '' || text === single) continue;
    if (single !== null) return null;
    single = text;
  }
  return single;
}

/**
 * The characters a 项目名称 / 项目编码 label can start with (项, 预, 二 …), from the vocabulary: a cell
 * without any of them is no such label, whatever its spacing or width (normalizing only takes
 * characters away). Null when a pattern could name them: then every cell is looked up.
 */
const IDENTITY_RULES = PROJECT_LABELS.filter((r) => r.key === 'name' || r.key === 'code');
const IDENTITY_FIRST: RegExp | null = IDENTITY_RULES.some((r) => r.pattern)
  ? null
  : anyOf(new Set(IDENTITY_RULES.flatMap((r) => (r.labels ?? []).map((l) => l[0]!))));

/** A pattern matching any one of the characters. */
function anyOf(characters: ReadonlySet<string>): RegExp {
  return new RegExp(`[${[...characters].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`);
}

const mayBeIdentityLabel = (text: string): boolean => IDENTITY_FIRST === null || IDENTITY_FIRST.test(text);

/**
 * A row of captions and year lines only ("填报单位：… | 金额单位：万元"): every cell with text is one; inside a
 * table (`inTable`), at least one a caption. Asked of every row with more than one text: a loop, no array of the
 * row's texts.
 */
function isCaptionRow(row: RowBlock, inTable: boolean): boolean {
  let any = false;
  let caption = false;
  for (const { text } of place(row)) {
    if (text === '') continue;
    const read = readCaption(text, row.source) !== null;
    if (!read && yearLine(text) === null) return false;
    caption ||= read;
    any = true;
  }
  // inside a table, a row of years alone is the table's (a header's 2025年 | 2026年), not a caption
  return any && (caption || !inTable);
}

/**
 * The project labels (项目名称 / 项目编码 …) a row holds: 'name', 'code'; none for most rows. Asked of every row of
 * the document; `extra`: the labels form templates name these by (issue 54), looked up before the vocabulary.
 */
function identityKeys(row: RowBlock, extra: readonly LabelRule<ProjectLabelKey>[] | null): ('name' | 'code')[] {
  const keys: ('name' | 'code')[] = [];
  for (const p of place(row)) {
    const key = extra !== null && p.text !== '' ? lookupLabel(extra, normalizeLabel(p.text).key) : null;
    if (key === null && !mayBeIdentityLabel(p.text)) continue;
    const found = key ?? lookupLabel(PROJECT_LABELS, normalizeLabel(p.text).key);
    if (found === 'name' || found === 'code') keys.push(found);
  }
  return keys;
}

/** The labels templates name a project's name or code by (null for none): those of the first template that names them. */
function identityLabels(templates: readonly PreparedTemplate[]): LabelRule<ProjectLabelKey>[] | null {
  const rules: LabelRule<ProjectLabelKey>[] = [];
  for (const t of templates) for (const l of t.template.labels) if (l.field === 'name' || l.field === 'code') rules.push({ key: l.field, labels: [l.text] });
  return rules.length === 0 ? null : rules;
}

/** A cover's labelled line: "预算主管部门：示范区民政局", "申报单位（盖章）：…". */
function coverLine(text: string): { label: string; value: string } | null {
  const m = /^([\u4e00-\u9fa5\s（）()]{2,16}?)\s*[:：]\s*(.*)$/.exec(stripBookmarks(text).text.trim());
  if (!m) return null;
  const label = compactLabel(m[1]!).replace(/\((盖章|签章|公章)\)$/, '');
  return { label, value: m[2]!.trim() };
}

/**
 * A heading that names a project without 表 ("一、城市供水管网改造项目绩效目标", "关于某某项目的绩效目标"):
 * the title of the project's table under it (numbering removed); null for any other paragraph.
 */
function projectHeading(text: string): string | null {
  if (!text.endsWith('绩效目标')) return null;
  const rest = splitNumbering(text).rest.trim();
  return nameFromHeading(rest) === null ? null : rest;
}

/** A sub-heading over a project's table, naming no project: 年度绩效目标表, 项目绩效目标, 年度绩效指标, 中长期绩效目标表. */
const SUB_HEADING = /^(?:项目)?(?:年度|本年度|中长期|中期|长期|实施期)?(?:绩效)?(?:目标|指标)(?:表|申报表)?$/;

/** A unit's name alone on a line (over the title of a web page or a form): 白河镇人民政府, 金溪县交通运输局. */
const ORGANIZATION = /^[\u4e00-\u9fa5（）()]{2,30}(局|委员会|委|办公室|办事处|中心|院|所|馆|站|队|厅|部|处|署|社|团|校|学校|医院|人民政府|政府|协会|联合会)$/;

/** A line that is a date, alone or after its label: "2024年2月26日", "发布时间：2023-10-13 19:49". Null for any other. */
function dateLine(text: string): { year: number; month: number } | null {
  if (text.length > 40 || !/20\d\d/.test(text)) return null;
  const t = toHalfWidth(text).replace(/\s+/g, '');
  // 2024年2月26日, or 2023-10-13 / 2023.10.13 / 2023/10/13 (one separator throughout), a time after it
  const m = /^(?:[\u4e00-\u9fa5]{0,6}[:])?(20\d{2})(?:年(\d{1,2})月(\d{1,2})日|([-./])(\d{1,2})\4(\d{1,2}))(?:\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(t);
  return m ? { year: Number(m[1]), month: Number(m[2] ?? m[5]) } : null;
}

/**
 * A paragraph that names the project of the table right under it by a template's heading rule (issue 54): the
 * name, else null. Only a short paragraph followed by a table's row.
 */
function templateHeading(templates: readonly PreparedTemplate[], text: string, next: Block | undefined): { name: string; template: PreparedTemplate } | null {
  if (next?.kind !== 'row' || text.length > 100) return null;
  for (const t of templates) {
    const rule = t.template.nameFromHeading;
    const name = rule === null ? null : nameByHeading(text, rule);
    if (name !== null) return { name, template: t };
  }
  return null;
}

function splitDocument(blocks: readonly Block[], report: Report, templates: readonly PreparedTemplate[] = []): Layout {
  const extraIdentity = identityLabels(templates);
  const headingRules = templates.filter((t) => t.template.nameFromHeading !== null);
  // the paragraph last seen, by its block: the heading of a table whose first row comes right after it
  let lastParagraph: { text: string; source: SourceLocation; at: number } | null = null;
  const layout: Layout = { sections: { overall: [], subGoals: [], measures: [] }, segments: [], sawPart1: false, coverDepartment: null, textYears: [], dateLines: [], narratives: [] };
  let part: PartNumber | null = null;
  let section: SectionName | null = null;
  let seg: Segment | null = null;
  let narrative: NarrativeSection | null = null;
  let pending: { unit: Segment['unit']; filler: Segment['filler']; year: number | null } = { unit: null, filler: null, year: null };

  // The open project table's name and code labels so far, and whether its indicator rows have begun.
  let seenKeys = new Set<string>();
  let indicatorsBegun = false;
  const open = (kind: Segment['kind'], title: string, source: SourceLocation, titled: boolean) => {
    seenKeys = new Set();
    indicatorsBegun = false;
    seg = { kind, part, title, titled, source, rows: [], identified: false, unit: pending.unit, filler: pending.filler, year: (titled ? yearIn(title) : null) ?? pending.year };
    pending = { unit: null, filler: null, year: null };
    layout.segments.push(seg);
    section = null;
    narrative = null;
    if (!titled) report('warning', 'table-without-title', '表格前没有“……绩效目标表”标题', source);
  };
  // A sub-heading (年度绩效目标表, 项目绩效目标) between a project's heading and its table, naming no project: the
  // heading above names the project, the sub-heading is no title of its own (issue 53: it opened an untitled table
  // named 年度, its heading left without a table).
  const subHeading = (heading: { kind: string; title: string; table?: string }, source: SourceLocation): boolean => {
    const current = seg as Segment | null;
    if (heading.kind !== 'tableTitle' || heading.table !== 'project' || current === null || current.kind !== 'project' || !current.titled || current.rows.length > 0) return false;
    if (!SUB_HEADING.test(compactLabel(heading.title)) || nameFromHeading(current.title) === null) return false;
    report('info', 'sub-heading', `“${preview(heading.title, 30)}”是“${preview(current.title, 30)}”下的小标题，项目名称按上面的标题确定`, source);
    return true;
  };
  // A caption or year line belongs to the table it stands over: the open one while it has no rows, else the next.
  const target = (): Segment | typeof pending => (seg !== null && seg.rows.length === 0 ? seg : pending);
  // A medium-term title (中期绩效目标) after a project's annual table: the rows under it are that project's medium-term targets (issue 37).
  const mediumTerm = (text: string, source: SourceLocation): boolean => {
    const current = seg as Segment | null;
    if (current === null || current.kind !== 'project' || current.rows.length === 0 || current.longTermFrom !== undefined || !isMediumTermTitle(text)) return false;
    current.longTermFrom = current.rows.length;
    report('info', 'medium-term-table', `“${preview(text, 30)}”下的表格按上一项目的中期（中长期）绩效目标读取`, source);
    return true;
  };
  const caption = (text: string, source: SourceLocation): boolean => {
    const y = yearLine(text);
    // Inside a section of part 1 a line of a year alone ("2025年") is that section's text, not a table's year.
    if (y !== null && !(section !== null && seg === null)) {
      target().year ??= y;
      return true;
    }
    const c = readCaption(text, source);
    if (c === null) return false;
    const t = target();
    if (c.unit) t.unit = c.unit;
    if (c.filler) t.filler = { name: c.filler, source };
    return true;
  };

  for (let b = 0; b < blocks.length; b++) {
    let block: Block = blocks[b]!;
    if (block.kind === 'row' && (seg === null || (seg as Segment).rows.length === 0)) {
      // a text alone in a row before a table's rows (a workbook's notice over its tables, a sub-heading under a title):
      // a paragraph, not a table or a row of its own (issue 53)
      const single = singleText(block);
      if (single !== null && (!opensForm(single) || SUB_HEADING.test(compactLabel(single)))) block = { kind: 'paragraph', text: single, source: block.source };
    }
    if (block.kind === 'row') {
      const single = singleText(block);
      if (single !== null) {
        if (mediumTerm(single, block.source)) continue;
        // Only a table title matters in a row, and every title has 表 (see classifyHeading): the
        // long single texts of a table (goals, purposes) are not classified at all.
        const heading = single.includes('表') ? classifyHeading(single) : null;
        if (heading?.kind === 'tableTitle' || heading?.kind === 'otherTable') {
          if (!subHeading(heading, block.source)) open(heading.kind === 'tableTitle' ? heading.table : 'other', heading.title, block.source, true);
          continue;
        }
        if (caption(single, block.source)) continue;
        // a date alone in a row (a workbook's signing date under its table): the year when nothing else gives it
        const date = dateLine(single);
        if (date !== null) layout.dateLines.push({ ...date, text: single, source: block.source });
      } else if (isCaptionRow(block, seg !== null && (seg as Segment).rows.length > 0)) {
        for (const p of place(block)) if (p.text !== '') caption(p.text, block.source);
        continue;
      }
      const current = seg as Segment | null;
      const keys = identityKeys(block, extraIdentity);
      // A row naming a project starts the next form when the open one is named already: by the same
      // label (a second 项目名称), or after its indicator header. A 项目编码 row under the
      // 项目名称 row (a form with one label a row) is the same form's.
      if (current === null || (current.kind === 'project' && current.identified && keys.length > 0 && (indicatorsBegun || keys.some((k) => seenKeys.has(k))))) {
        open('project', '', block.source, false);
      }
      if (seg!.rows.length === 0 && lastParagraph !== null && lastParagraph.at === b - 1) seg!.heading = { text: lastParagraph.text, source: lastParagraph.source };
      // a caption kept for the next table stood over these rows, which go on with the open one (a table whose title
      // was not recognised): it was theirs, never a later table's (issue 68: a budget table's 单位：元 read a target
      // table's amounts in 元)
      if (seg!.rows.length > 0 && pending.unit !== null) pending = { ...pending, unit: null };
      seg!.rows.push(block);
      if (keys.length > 0) {
        seg!.identified = true;
        for (const k of keys) seenKeys.add(k);
      } else if (seg!.identified && !indicatorsBegun && isIndicatorHeader(block)) {
        // the row's answer is kept in its memo: the table's structure asks it again (analyzeTable)
        indicatorsBegun = true;
      }
      narrative = null;
      continue;
    }

    const text = stripBookmarks(block.text).text.trim();
    if (text === '') continue;
    lastParagraph = { text, source: block.source, at: b };
    if (headingRules.length > 0) {
      // a form whose template says the paragraph over a table names its project: the paragraph opens the table
      const named = templateHeading(headingRules, text, blocks[b + 1]);
      if (named !== null) {
        open('project', splitNumbering(text).rest.trim(), block.source, true);
        continue;
      }
    }
    if (mediumTerm(text, block.source)) continue;
    // the text reader's paragraphs may say already (ClassifiedParagraph)
    const heading = block instanceof ClassifiedParagraph ? ClassifiedParagraph.headingOf(block) : classifyHeading(block.text);
    if (heading?.kind === 'part') {
      part = heading.part ?? part;
      if (part === 1) layout.sawPart1 = true;
      section = null;
      seg = null;
      narrative = null;
      continue;
    }
    if (heading?.kind === 'tableTitle' || heading?.kind === 'otherTable') {
      if (!subHeading(heading, block.source)) open(heading.kind === 'tableTitle' ? heading.table : 'other', heading.title, block.source, true);
      continue;
    }
    if (WATERMARK.test(text)) {
      report('info', 'converter-watermark', `忽略转换工具留下的水印：“${preview(text)}”`, block.source);
      continue;
    }
    if (caption(text, block.source)) continue;
    if (seg !== null && (seg as Segment).rows.length === 0 && SUB_HEADING.test(compactLabel(text))) {
      report('info', 'sub-heading', `“${preview(text, 30)}”是“${preview((seg as Segment).title || '表格', 30)}”下的小标题`, block.source);
      continue;
    }
    // inside a section of part one a date is that section's text
    const date = section === null || seg !== null ? dateLine(text) : null;
    if (date !== null) {
      // "2024年2月26日", "发布时间：2023-10-13": the year when nothing else gives it (findYearAndRegion)
      layout.dateLines.push({ ...date, text, source: block.source });
      report('info', 'date-line', `日期“${preview(text, 30)}”未作为数据保存`, block.source);
      continue;
    }
    if (isNonDataLabel(text)) {
      report('info', 'form-signature', '跳过签字、联系方式或审核意见（不作为数据保存）', block.source);
      continue;
    }
    if (NARRATIVE_HEADING.test(compactLabel(text).replace(/^20\d{2}年度?/, ''))) {
      layout.narratives.push({ sections: [], tablesBefore: layout.segments.length });
      const y = yearIn(text);
      if (y !== null) layout.textYears.push(y);
      narrative = { title: '', text: '', source: block.source };
      seg = null;
      continue;
    }
    const story = layout.narratives[layout.narratives.length - 1];
    if (narrative !== null && story !== undefined) {
      const { numbering, rest } = splitNumbering(text);
      const current: NarrativeSection = narrative;
      if (numbering && /^[（(]?[一二三四五六七八九十]+[、.．)）]?/.test(numbering) && rest.length <= 24 && !/[。；;]$/.test(rest)) {
        narrative = { title: rest.replace(/[:：]$/, ''), text: '', source: block.source };
        story.sections.push(narrative);
      } else if (current.title === '' && !story.sections.includes(current)) {
        current.text = text;
        story.sections.push(current);
      } else {
        current.text = current.text ? `${current.text}\n${text}` : text;
      }
      continue;
    }
    const cover = (seg === null || (seg as Segment).rows.length === 0) && section === null ? coverLine(text) : null;
    if (cover) {
      if (COVER_DEPARTMENT_LABELS.includes(cover.label) && cover.value !== '') layout.coverDepartment ??= { text: cover.value, source: block.source };
      else report('info', 'cover-line', `封面信息“${preview(text)}”未作为数据保存`, block.source);
      continue;
    }
    if (heading?.kind === 'section' && (seg === null || (seg as Segment).rows.length === 0)) {
      section = heading.section;
      layout.sawPart1 = true;
      seg = null;
      continue;
    }
    if (section !== null && seg === null) {
      layout.sections[section].push({ text: block.text, source: block.source });
      continue;
    }
    const title = documentTitle(text);
    if (title !== null) {
      // "示范县民政局2025年部门预算绩效目标": the document's own title.
      if (title.year !== null) layout.textYears.push(title.year);
      if (title.department !== null) layout.coverDepartment ??= { text: title.department, source: block.source };
      report('info', 'document-title', `文档标题“${preview(text)}”`, block.source);
      continue;
    }
    const named = projectHeading(text);
    if (named !== null) {
      // "一、某某项目绩效目标" over its table: the table's title, naming the project (issue 37)
      open('project', named, block.source, true);
      continue;
    }
    if (seg === null && layout.segments.length === 0) {
      // A cover's title ("2025年度项目支出预算申报书") or a heading before everything else.
      const y = yearIn(text);
      if (y !== null) layout.textYears.push(y);
      if (COVER_TITLE.test(compactLabel(text))) {
        report('info', 'document-title', `文档标题“${preview(text)}”`, block.source);
        continue;
      }
    }
    if (isFormNote(text)) {
      report('info', 'form-note', `表下的注释“${preview(text)}”未作为数据保存`, block.source);
      continue;
    }
    if (text.length <= 40 && ORGANIZATION.test(compactLabel(text))) {
      // a unit's name alone: over the title, the document's unit; under the tables, the unit that signs them (issue 53)
      if (layout.segments.length === 0) layout.coverDepartment ??= { text: compactLabel(text), source: block.source };
      report('info', 'unit-line', `单位名称“${preview(text)}”`, block.source);
      continue;
    }
    if (layout.segments.length === 0) {
      // text around the tables before the first one: a notice, a site's navigation (issue 53)
      report('info', 'text-before-tables', `表格前的文字“${preview(text)}”未作为数据保存`, block.source);
      continue;
    }
    const current = seg as Segment | null;
    if (current !== null && current.rows.length > 0 && isCategoryText(text)) (current.strayCategories ??= []).push({ text, source: block.source });
    report('warning', 'unrecognized-paragraph', `无法归类的段落：“${preview(text)}”`, block.source);
  }

  joinContinuations(layout, report);
  // A table without a title is the department's when it has the department table's labels and no project's.
  for (const s of layout.segments) {
    if (s.titled || s.kind !== 'project' || s.identified) continue;
    const departmentLabels = s.rows.some((r) =>
      place(r).some((p) => ['budgetCode', 'basicSpending', 'duties'].includes(lookupLabel(DEPARTMENT_LABELS, normalizeLabel(p.text).key) ?? '')),
    );
    if (departmentLabels) s.kind = 'department';
  }
  return layout;
}

/**
 * A project table's rest on the next page, under its title printed again as the page's head (烟台's 政策和项目预算绩效目标表
 * on every page): rows of indicators with no header, no project label and no form label of their own, right after a
 * project table with an indicator header, under the same title (or none), with as many cells as that table's last row.
 * They go on with that table; the title is no new table (issue 68).
 */
function joinContinuations(layout: Layout, report: Report): void {
  const kept: Segment[] = [];
  let last: Segment | null = null;
  for (const seg of layout.segments) {
    const prev = last as Segment | null;
    if (prev !== null && continues(prev, seg)) {
      prev.rows.push(...seg.rows);
      report('info', 'table-continued', `“${preview(seg.title || '表格', 30)}”下的指标行没有表头和项目名称，按上一张表“${preview(prev.title || '（无标题）', 30)}”在下一页的延续读取`, seg.source);
      continue;
    }
    kept.push(seg);
    if (seg.rows.length > 0) last = seg.kind === 'project' ? seg : null;
  }
  layout.segments = kept;
}

function continues(prev: Segment, seg: Segment): boolean {
  if (seg.kind !== 'project' || seg.identified || seg.rows.length === 0 || (seg.title !== '' && compactLabel(seg.title) !== compactLabel(prev.title))) return false;
  if (!prev.rows.some(isIndicatorHeader)) return false;
  const first = seg.rows.find((r) => !isBlankRow(r));
  if (first === undefined || isIndicatorHeader(first)) return false;
  const lastRow = prev.rows[prev.rows.length - 1]!;
  if (first.cells.length !== lastRow.cells.length) return false;
  // every row an indicator's: no label of the form among them
  return seg.rows.every((r) => readFormRow(r, PROJECT_LABELS).every((c) => c.label === null || c.label.key === 'indicatorGroup'));
}

/** Each narrative goes with the project whose table follows it (else the last one before it). */
function attachNarratives(layout: Layout, drafts: ProjectDraft[], report: Report): void {
  for (const n of layout.narratives) {
    if (n.sections.length === 0) continue;
    const after = layout.segments.slice(n.tablesBefore).find((s) => s.kind === 'project');
    const draft = drafts.find((d) => d.project.source === after?.source) ?? drafts[drafts.length - 1];
    if (!draft) {
      report('warning', 'narrative-without-project', `说明文字（${n.sections.map((s) => s.title || '正文').join('、')}）没有对应的项目表，未保存`, n.sections[0]!.source);
      continue;
    }
    draft.project.narrative.push(...n.sections.map((s) => ({ ...s, text: s.text.trim() })));
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Year and department

/**
 * The budget year and the region (行政区划 code): what most project codes say (130202 + 25 + P…);
 * else what the tables' titles and year lines say; else the first 20xx年 of the text; else a
 * project's 实施期.
 */
function findYearAndRegion(layout: Layout, drafts: readonly ProjectDraft[]): { year: number | null; region: string | null; inferred?: { year: number; text: string; source: SourceLocation } } {
  const years = new Map<number, number>();
  const regions = new Map<string, number>();
  const vote = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  const winner = <K>(m: Map<K, number>) => [...m].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  for (const d of drafts) {
    const m = d.project.code ? PROJECT_CODE.exec(d.project.code) : null;
    if (m) {
      vote(years, 2000 + Number(m[2]));
      vote(regions, m[1]!);
    }
  }
  const region = winner(regions);
  if (years.size > 0) return { year: winner(years), region };
  for (const s of layout.segments) if (s.year !== null) vote(years, s.year);
  if (years.size > 0) return { year: winner(years), region };
  const texts = [...Object.values(layout.sections).flat().map((l) => l.text)];
  for (const t of texts) {
    const y = yearIn(t);
    if (y !== null) return { year: y, region };
  }
  if (layout.textYears.length > 0) return { year: layout.textYears[0]!, region };
  for (const d of drafts) {
    const period = d.project.fields.find((f) => f.key === 'period' || f.key === 'startDate');
    const m = period ? /(20\d{2})/.exec(period.value) : null;
    if (m) return { year: Number(m[1]), region };
  }
  // failing all that, a date written alone (issue 53), marked as inferred: budgets are drawn up in the autumn
  // before their year and published in its spring, so a date from September on is the next year's
  const date = layout.dateLines[0];
  if (date !== undefined) {
    const year = date.month >= 9 ? date.year + 1 : date.year;
    return { year, region, inferred: { year, text: date.text, source: date.source } };
  }
  return { year: null, region };
}

/**
 * The document's department: the one most project tables name (the others are reported), else the
 * department table's, the cover's, or the filling unit a caption names.
 */
function findDepartment(projects: readonly Project[], targets: DepartmentTargets | null, layout: Layout, report: Report): Department | null {
  const counts = new Map<string, { dept: NonNullable<Project['department']>; n: number; source: SourceLocation }>();
  for (const p of projects) {
    if (!p.department) continue;
    const key = `${p.department.code ?? ''}|${p.department.name}`;
    const entry = counts.get(key);
    if (entry) entry.n++;
    else counts.set(key, { dept: p.department, n: 1, source: p.sources.department ?? p.source });
  }
  const ranked = [...counts.values()].sort((a, b) => b.n - a.n);
  const main = ranked[0];
  for (const other of ranked.slice(1)) {
    report('warning', 'department-mismatch', `表头单位“${other.dept.code ?? ''}${other.dept.name}”与本文档单位“${main!.dept.code ?? ''}${main!.dept.name}”不一致`, other.source);
  }
  if (main) return { ...main.dept, source: main.source };
  if (targets?.department) return { ...targets.department, source: targets.sources.department ?? targets.source };
  if (layout.coverDepartment) return { ...readUnitName(layout.coverDepartment.text), source: layout.coverDepartment.source };
  const filler = layout.segments.find((s) => s.filler !== null)?.filler;
  return filler ? { ...readUnitName(filler.name), source: filler.source } : null;
}
