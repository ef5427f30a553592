/**
 * Turns a reader's blocks (paragraphs and table rows, see blocks.ts) into a ParsedDocument.
 * One parser for every input format, so a .docx and its extracted text give the same model.
 *
 * The parser is tolerant of the variations real documents show (fixtures/README.md) and never
 * drops anything silently: a paragraph, row or cell it cannot place becomes a Diagnostic with
 * its location. Only a file that is not a target document at all is refused (DocumentReadError).
 */
import {
  CHECKPOINTS,
  type Checkpoint,
  type Department,
  type DepartmentGoals,
  type Diagnostic,
  type GoalItem,
  type Indicator,
  type ParsedDocument,
  type Project,
  type ProjectField,
  type Severity,
  type SourceLocation,
  type SpendingCheckpoint,
} from '../../shared/domain/model';
import { normalizeCategories, level1Of, selectFramework, type IndicatorFramework } from '../../shared/domain/framework';
import { amountOfPercent, parseAmount, percentHundredths, type MoneyUnit } from '../../shared/domain/money';
import { parseTargetValue } from '../../shared/domain/target-value';
import { compactLabel, splitNumbering, stripBookmarks, toHalfWidth } from '../../shared/domain/text';
import { cellText, type Block, type ReadResult, type RowBlock } from './blocks';
import { DocumentReadError } from './errors';
import { classifyHeading, type PartNumber, type SectionName } from './headings';

export interface ParseInput {
  file: string;
  format: ParsedDocument['format'];
  encoding: string;
  sha256: string;
  read: ReadResult;
}

interface Line {
  text: string;
  source: SourceLocation;
}

interface RawTable {
  part: PartNumber | null;
  title: string;
  source: SourceLocation;
  rows: RowBlock[];
}

/** Project codes: region (6 digits) + year (2 digits) + a letter + serial, e.g. 13020225P008911100023. */
const PROJECT_CODE = /^(\d{6})(\d{2})[A-Z][0-9A-Z]+$/;
const WATERMARK = /^Evaluation Warning: The document was created with Spire\.Doc/;
const CHECKPOINT_LABEL: Record<string, Checkpoint> = { '3月底': '03', '6月底': '06', '10月底': '10', '12月底': '12' };

/** Parses blocks into a document. Throws DocumentReadError only when it is not a target document. */
export function parseDocument(input: ParseInput): ParsedDocument {
  const diagnostics: Diagnostic[] = [...input.read.diagnostics];
  const report = (severity: Severity, code: string, message: string, source: SourceLocation) =>
    diagnostics.push({ severity, code, message, source });

  const { sections, tables, sawPart1 } = splitDocument(input.read.blocks, report);
  const { year, region } = findYearAndRegion(tables, sections);
  const framework = selectFramework(year, region);
  const projects = tables.map((table, i) =>
    parseTable(table, tables.slice(0, i).filter((t) => isPublic(t) === isPublic(table)).length + 1, year, framework, report),
  );

  if (projects.length === 0 && !sawPart1) {
    throw new DocumentReadError(input.file, null, '不是预算绩效目标文档：没有找到部门整体绩效目标，也没有项目绩效目标表');
  }

  return {
    file: input.file,
    format: input.format,
    encoding: input.encoding,
    sha256: input.sha256,
    year,
    department: findDepartment(projects, report),
    departmentGoals: parseDepartmentGoals(sections),
    projects,
    diagnostics: diagnostics.sort((a, b) => a.source.line - b.source.line),
    frameworkVersion: framework.id,
  };
}

type Report = (severity: Severity, code: string, message: string, source: SourceLocation) => void;

const isPublic = (t: RawTable) => t.part === 3;

function preview(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

/** Walks the blocks once: part 1's sections get their lines, each table title opens a table. */
function splitDocument(blocks: Block[], report: Report) {
  const sections: Record<SectionName, Line[]> = { overall: [], subGoals: [], measures: [] };
  const tables: RawTable[] = [];
  let part: PartNumber | null = null;
  let section: SectionName | null = null;
  let table: RawTable | null = null;
  let sawPart1 = false;

  for (const block of blocks) {
    if (block.kind === 'row') {
      if (!table) {
        table = { part, title: '', source: block.source, rows: [] };
        tables.push(table);
        report('warning', 'table-without-title', '表格前没有“……绩效目标表”标题', block.source);
      }
      table.rows.push(block);
      continue;
    }
    const heading = classifyHeading(block.text);
    if (heading?.kind === 'part') {
      part = heading.part ?? part;
      if (part === 1) sawPart1 = true;
      section = null;
      table = null;
    } else if (heading?.kind === 'section' && !table) {
      section = heading.section;
      sawPart1 = true;
    } else if (heading?.kind === 'tableTitle') {
      table = { part, title: heading.title, source: block.source, rows: [] };
      tables.push(table);
      section = null;
    } else if (WATERMARK.test(block.text.trim())) {
      report('info', 'converter-watermark', `忽略转换工具留下的水印：“${preview(block.text)}”`, block.source);
    } else if (section && !table) {
      sections[section].push({ text: block.text, source: block.source });
    } else if (stripBookmarks(block.text).text.trim() !== '') {
      report('warning', 'unrecognized-paragraph', `无法归类的段落：“${preview(block.text)}”`, block.source);
    }
  }
  return { sections, tables, sawPart1 };
}

/**
 * The budget year and the region (行政区划 code): what most project codes say (130202 + 25 + P…);
 * without codes, the year is the first 20xx年 in the titles or part 1.
 */
function findYearAndRegion(tables: RawTable[], sections: Record<SectionName, Line[]>): { year: number | null; region: string | null } {
  const years = new Map<number, number>();
  const regions = new Map<string, number>();
  const vote = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  const winner = <K>(m: Map<K, number>) => [...m].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  for (const table of tables) {
    for (const row of table.rows) {
      // the code is the cell after the 项目编码 label (checked cheaply: this runs over every row)
      const labelAt = row.cells.findIndex((c) => c.lines.some((l) => l.includes('编码')));
      const m = labelAt >= 0 ? PROJECT_CODE.exec(compactLabel(cellText(row.cells[labelAt + 1]))) : null;
      if (m) {
        vote(years, 2000 + Number(m[2]));
        vote(regions, m[1]!);
      }
    }
  }
  const region = winner(regions);
  const year = winner(years);
  if (year !== null) return { year, region };
  const texts = [...tables.map((t) => t.title), ...Object.values(sections).flat().map((l) => l.text)];
  for (const t of texts) {
    const m = /(20\d{2})年/.exec(t);
    if (m) return { year: Number(m[1]), region };
  }
  return { year: null, region };
}

function findDepartment(projects: Project[], report: Report): Department | null {
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
  if (!main) return null;
  for (const other of ranked.slice(1)) {
    report(
      'warning',
      'department-mismatch',
      `表头单位“${other.dept.code ?? ''}${other.dept.name}”与本文档单位“${main.dept.code ?? ''}${main.dept.name}”不一致`,
      other.source,
    );
  }
  return { ...main.dept, source: main.source };
}

// ---------------------------------------------------------------------------------------------
// Part 1: department goals

function parseDepartmentGoals(sections: Record<SectionName, Line[]>): DepartmentGoals {
  const overallLines = sections.overall
    .map((l) => ({ ...l, text: stripBookmarks(l.text).text.trim() }))
    .filter((l) => l.text !== '');
  return {
    overall: overallLines.length ? overallLines.map((l) => l.text).join('\n') : null,
    overallSource: overallLines[0]?.source ?? null,
    subGoals: parseGoalItems(sections.subGoals),
    measures: parseGoalItems(sections.measures),
  };
}

const appendText = (a: string | null, b: string) => (a ? `${a}\n${b}` : b);

/**
 * Numbered items of part 1. A numbered line opens an item; "绩效目标：" and "绩效指标：" lines
 * belong to the open item; other lines are its body. A title that runs on into a sentence is cut
 * at the first 。 ("一是严明纪律。牢固树立…" → title "严明纪律", text "牢固树立…").
 */
function parseGoalItems(lines: Line[]): GoalItem[] {
  const items: GoalItem[] = [];
  let current: GoalItem | null = null;
  for (const line of lines) {
    const text = stripBookmarks(line.text).text.trim();
    if (text === '') continue;
    const label = /^(绩效目标|绩效指标)\s*[:：]\s*/.exec(text);
    if (label && current) {
      const body = text.slice(label[0].length);
      if (label[1] === '绩效目标') current.goalText = appendText(current.goalText, body);
      else current.indicatorText = appendText(current.indicatorText, body);
      continue;
    }
    const { numbering, rest } = splitNumbering(text);
    if (numbering || !current) {
      const cut = rest.indexOf('。');
      const hasMore = cut >= 0 && cut < rest.length - 1;
      current = {
        title: (hasMore ? rest.slice(0, cut) : rest).replace(/[。；;，,：:]+$/, ''),
        numbering,
        text: hasMore ? rest.slice(cut + 1).trim() : null,
        goalText: null,
        indicatorText: null,
        source: line.source,
      };
      items.push(current);
    } else {
      current.text = appendText(current.text, text);
    }
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// Part 2/3: one project table

type RowKind = 'header' | 'codeName' | 'budget' | 'planHeader' | 'goals' | 'indicatorHeader' | 'other';

function classifyRow(texts: string[]): RowKind {
  const labels = texts.map(compactLabel);
  if (labels.some((l) => /^单位:(万元|元)$/.test(l) || /单位:(万元|元)$/.test(l))) return 'header';
  if (labels.includes('项目编码') || labels.includes('项目名称')) return 'codeName';
  if (labels.some((l) => /^(预算数|预算总额|年度预算数|资金总额)$/.test(l))) return 'budget';
  if (labels.some((l) => l.startsWith('资金支出计划')) || labels.filter((l) => l in CHECKPOINT_LABEL).length >= 2) {
    return 'planHeader';
  }
  if (labels.some((l) => l.includes('一级指标')) && labels.some((l) => /二级指标|三级指标/.test(l))) return 'indicatorHeader';
  if (/^(年度|项目)?绩效目标$/.test(labels[0] ?? '')) return 'goals';
  return 'other';
}

const isBlankRow = (row: RowBlock) => row.cells.every((c) => cellText(c) === '');

function cellSource(row: RowBlock, index: number): SourceLocation {
  return row.cells[index]?.sources[0] ?? row.source;
}

function parseTable(
  table: RawTable,
  sequence: number,
  documentYear: number | null,
  framework: IndicatorFramework,
  report: Report,
): Project {
  const sources: Partial<Record<ProjectField, SourceLocation>> = { title: table.source };
  const project: Project = {
    part: table.part === 3 ? 'public' : 'project',
    sequence,
    title: table.title,
    code: null,
    name: '',
    year: documentYear,
    department: null,
    amountUnit: '万元',
    budget: { total: null, fiscal: null, other: null },
    purpose: null,
    spendingPlan: CHECKPOINTS.map((checkpoint) => ({ checkpoint, percent: null, amount: null, given: null, source: null })),
    goals: [],
    indicators: [],
    source: table.source,
    sources,
  };
  const tableName = `表“${preview(table.title || project.name, 30)}”`;

  let previous: RowKind | 'purpose' | 'planValues' | null = null;
  let planHeader: RowBlock | null = null;
  let sawBudget = false;
  let indicatorStart = -1;

  for (let i = 0; i < table.rows.length; i++) {
    const row = table.rows[i]!;
    const texts = row.cells.map(cellText);
    const kind = classifyRow(texts);
    if (kind === 'indicatorHeader') {
      indicatorStart = i;
      break;
    }
    if (isBlankRow(row)) continue;
    switch (kind) {
      case 'header':
        readHeaderRow(project, row, texts, report);
        break;
      case 'codeName':
        readCodeNameRow(project, row, texts, report);
        break;
      case 'budget':
        readBudgetRow(project, row, texts, report);
        sawBudget = true;
        break;
      case 'planHeader':
        planHeader = row;
        break;
      case 'goals':
        sources.goals = cellSource(row, 1);
        project.goals.push(...readGoalCells(row.cells.slice(1).flatMap((c) => c.lines)));
        break;
      case 'other': {
        // Rows that belong to the label above them: the purpose under 预算规模及资金用途, the plan's
        // values under its checkpoints, more goals (目标2 …) under 绩效目标.
        const firstEmpty = texts[0] === '' || row.cells[0]?.mergedFromAbove === true;
        if ((previous === 'budget' || previous === 'purpose') && firstEmpty && project.purpose === null) {
          project.purpose = texts.filter((t) => t !== '').join('\n') || null;
          sources.purpose = cellSource(row, texts.findIndex((t) => t !== ''));
          previous = 'purpose';
          continue;
        }
        if (previous === 'planHeader' && planHeader) {
          readPlanValues(project, planHeader, row, report);
          previous = 'planValues';
          continue;
        }
        if (previous === 'goals' && (firstEmpty || /^目标\s*\d+/.test(texts[0] ?? ''))) {
          project.goals.push(...readGoalCells(row.cells.flatMap((c) => c.lines)));
          continue;
        }
        report('warning', 'unrecognized-row', `${tableName}中无法识别的行：“${preview(texts.join(' | '), 60)}”`, row.source);
        break;
      }
    }
    previous = kind === 'other' ? previous : kind;
  }

  if (!project.name) {
    const fallback = table.title.replace(/(项目)?绩效目标(申报)?表$/, '').trim();
    report('error', 'missing-project-name', `${tableName}缺少项目名称`, table.source);
    project.name = fallback;
  }
  if (!sawBudget) report('error', 'missing-budget', `${tableName}缺少预算规模（预算数）行`, table.source);
  if (!planHeader) report('warning', 'missing-spending-plan', `${tableName}缺少资金支出计划`, table.source);
  else if (!sources.spendingPlan) {
    report('warning', 'missing-spending-plan', `${tableName}的资金支出计划没有数值行`, planHeader.source);
  }
  if (project.goals.length === 0) report('warning', 'missing-goals', `${tableName}缺少绩效目标`, table.source);
  if (indicatorStart < 0) {
    report('error', 'missing-indicators', `${tableName}缺少绩效指标表（表格不完整或文件被截断）`, lastSource(table));
  } else {
    project.indicators = readIndicators(table.rows.slice(indicatorStart), framework, tableName, report);
    if (project.indicators.length === 0) {
      report('error', 'missing-indicators', `${tableName}的绩效指标表没有指标行（表格不完整或文件被截断）`, lastSource(table));
    }
  }
  if (project.code) {
    const m = PROJECT_CODE.exec(project.code);
    if (m) project.year = 2000 + Number(m[2]);
  }
  return project;
}

function lastSource(table: RawTable): SourceLocation {
  const row = table.rows[table.rows.length - 1];
  if (!row) return table.source;
  const cell = row.cells[row.cells.length - 1];
  return cell?.sources[cell.sources.length - 1] ?? row.source;
}

/** "763001中共唐山市路南区委社会工作部" | "单位：万元" */
function readHeaderRow(project: Project, row: RowBlock, texts: string[], report: Report): void {
  texts.forEach((text, i) => {
    const unit = /单位\s*[:：]\s*(万元|元)\s*$/.exec(toHalfWidth(text));
    if (unit) {
      project.amountUnit = unit[1]!;
      const before = text.slice(0, unit.index).trim();
      if (before) setDepartment(project, before, cellSource(row, i));
    } else if (text) {
      if (project.department) {
        report('warning', 'unrecognized-cell', `表头中无法识别的单元格：“${preview(text)}”`, cellSource(row, i));
      } else setDepartment(project, text, cellSource(row, i));
    }
  });
}

function setDepartment(project: Project, text: string, source: SourceLocation): void {
  const m = /^(\d{3,})\s*(.+)$/s.exec(text.trim());
  project.department = m ? { code: m[1]!, name: m[2]!.trim() } : { code: null, name: text.trim() };
  project.sources.department = source;
}

/** 项目编码 | 13020225P008911100023 | 项目名称 | 常态化宣传… — each label is followed by its value. */
function readCodeNameRow(project: Project, row: RowBlock, texts: string[], report: Report): void {
  const labels = texts.map(compactLabel);
  const codeAt = labels.indexOf('项目编码');
  const nameAt = labels.indexOf('项目名称');
  if (codeAt >= 0) {
    const code = compactLabel(texts[codeAt + 1] ?? '');
    project.code = code === '' ? null : code;
    project.sources.code = cellSource(row, codeAt + 1);
    if (project.code === null) report('warning', 'blank-project-code', '项目编码为空', cellSource(row, codeAt));
    else if (!PROJECT_CODE.test(project.code)) {
      report('warning', 'odd-project-code', `项目编码“${project.code}”不符合“地区码+年度+P+序号”的格式`, cellSource(row, codeAt + 1));
    }
  }
  if (nameAt >= 0) {
    project.name = (texts[nameAt + 1] ?? '').replace(/\s*\n\s*/g, '');
    project.sources.name = cellSource(row, nameAt + 1);
  }
  const used = new Set([codeAt, codeAt + 1, nameAt, nameAt + 1]);
  texts.forEach((t, i) => {
    if (!used.has(i) && t !== '') {
      report('warning', 'unrecognized-cell', `项目编码/名称行中无法识别的单元格：“${preview(t)}”`, cellSource(row, i));
    }
  });
}

const BUDGET_LABELS: [RegExp, 'total' | 'fiscal' | 'other'][] = [
  [/^(预算数|预算总额|年度预算数|资金总额)$/, 'total'],
  [/^(其中:)?财政(资金|拨款)$/, 'fiscal'],
  [/^(其中:)?其他资金$/, 'other'],
];

/** 预算规模及资金用途 | 预算数 | 10.00 | 其中：财政资金 | 10.00 | 其他资金 | (blank) */
function readBudgetRow(project: Project, row: RowBlock, texts: string[], report: Report): void {
  const used = new Set<number>();
  texts.forEach((text, i) => {
    const label = compactLabel(text);
    const field = BUDGET_LABELS.find(([re]) => re.test(label))?.[1];
    if (!field) return;
    used.add(i).add(i + 1);
    const valueText = texts[i + 1] ?? '';
    const source = cellSource(row, i + 1);
    project.sources[field] = source;
    const amount = parseAmount(valueText, project.amountUnit as MoneyUnit);
    if (amount.ok) project.budget[field] = amount.fen;
    else report('error', 'invalid-amount', amount.reason, source);
  });
  texts.forEach((t, i) => {
    if (!used.has(i) && t !== '' && !/^预算规模/.test(compactLabel(t))) {
      report('warning', 'unrecognized-cell', `预算行中无法识别的单元格：“${preview(t)}”`, cellSource(row, i));
    }
  });
}

/**
 * The plan's values, aligned with the checkpoint labels of the header row. The header says
 * whether they are percentages（%）or amounts（万元）; a value with its own "%" or unit wins.
 */
function readPlanValues(project: Project, header: RowBlock, row: RowBlock, report: Report): void {
  const headerTexts = header.cells.map(cellText);
  const headerLabel = compactLabel(headerTexts.find((t) => compactLabel(t).startsWith('资金支出计划')) ?? '');
  const headerUnit: 'percent' | MoneyUnit = /万元/.test(headerLabel) ? '万元' : /\(元\)|（元）|元\)/.test(headerLabel) ? '元' : 'percent';
  project.sources.spendingPlan = row.source;

  headerTexts.forEach((label, i) => {
    const checkpoint = CHECKPOINT_LABEL[compactLabel(label)];
    if (!checkpoint) return;
    const entry = project.spendingPlan.find((p) => p.checkpoint === checkpoint)!;
    const text = toHalfWidth(cellText(row.cells[i])).replace(/\s+/g, '');
    entry.source = cellSource(row, i);
    if (text === '') return;
    const percent = /^(\d+(?:\.\d{1,2})?)%$/.exec(text) ?? (headerUnit === 'percent' ? /^(\d+(?:\.\d{1,2})?)$/.exec(text) : null);
    if (percent) {
      const [whole, frac = ''] = percent[1]!.split('.');
      const hundredths = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
      setPlanEntry(entry, 'percent', hundredths, project.budget.total);
      return;
    }
    const amount = parseAmount(text, headerUnit === 'percent' ? (project.amountUnit as MoneyUnit) : headerUnit);
    if (amount.ok && amount.fen !== null) {
      setPlanEntry(entry, 'amount', amount.fen, project.budget.total);
    } else {
      report('warning', 'invalid-plan-value', `资金支出计划（${label}）的值“${text}”无法识别`, entry.source);
    }
  });
  row.cells.forEach((cell, i) => {
    const text = cellText(cell);
    if (text !== '' && !CHECKPOINT_LABEL[compactLabel(headerTexts[i] ?? '')]) {
      report('warning', 'unrecognized-cell', `资金支出计划行中无法识别的单元格：“${preview(text)}”`, cellSource(row, i));
    }
  });
}

function setPlanEntry(entry: SpendingCheckpoint, given: 'percent' | 'amount', value: number, total: number | null): void {
  entry.given = given;
  if (given === 'percent') {
    entry.percent = value / 100;
    entry.amount = total === null ? null : amountOfPercent(total, value);
  } else {
    entry.amount = value;
    const hundredths = percentHundredths(value, total);
    entry.percent = hundredths === null ? null : hundredths / 100;
  }
}

/**
 * Goals from the lines of the 绩效目标 cell(s): a numbered line (1. 2、 （一）) or a 目标N label
 * starts a goal; an unnumbered line continues the previous goal unless that one ended a sentence.
 */
function readGoalCells(lines: string[]): string[] {
  const goals: string[] = [];
  let open = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const label = /^目标\s*\d+\s*[:：]?\s*/.exec(line);
    const { numbering, rest } = label ? { numbering: label[0], rest: line.slice(label[0].length) } : splitNumbering(line);
    if (label && rest === '') {
      open = false; // the goal's text is in the next cell
      continue;
    }
    const last = goals.length - 1;
    if (numbering || !open || last < 0 || /[。；;！!]$/.test(goals[last]!)) goals.push(rest.trim());
    else goals[last] += rest.trim();
    open = true;
  }
  return goals;
}

type Column = 'level1' | 'level2' | 'name' | 'description' | 'target' | 'basis';

function mapColumns(header: RowBlock): (Column | null)[] {
  return header.cells.map((cell) => {
    const l = compactLabel(cellText(cell));
    if (l.includes('一级')) return 'level1';
    if (l.includes('二级')) return 'level2';
    if (l.includes('三级')) return 'name';
    if (l.includes('描述') || l.includes('说明')) return 'description';
    if (l.includes('依据')) return 'basis';
    if (l.includes('指标值') || l.includes('目标值')) return 'target';
    return null;
  });
}

/**
 * The indicator rows under the header. An empty 一级/二级 cell carries the category down (a
 * merged cell in Word). A row split by a blank line (fewer cells than the header) is joined with
 * the next when together they fill the row.
 */
function readIndicators(rows: RowBlock[], fw: IndicatorFramework, tableName: string, report: Report): Indicator[] {
  const header = rows[0]!;
  const columns = mapColumns(header);
  const width = columns.length;
  const missing = (['level1', 'level2', 'name', 'target'] as const).filter((c) => !columns.includes(c));
  if (missing.length) {
    report('warning', 'indicator-header', `${tableName}的指标表头缺少列：${missing.join('、')}`, header.source);
  }

  const indicators: Indicator[] = [];
  let level1Raw = '';
  let level2Raw = '';
  for (let i = 1; i < rows.length; i++) {
    let row = rows[i]!;
    if (isBlankRow(row)) continue;
    if (classifyRow(row.cells.map(cellText)) === 'indicatorHeader') {
      report('info', 'repeated-header', `${tableName}的指标表头重复出现`, row.source);
      continue;
    }
    if (row.cells.length < width && rows[i + 1] && row.cells.length + rows[i + 1]!.cells.length === width) {
      row = { ...row, cells: [...row.cells, ...rows[i + 1]!.cells] };
      i++;
    }
    let cells = row.cells;
    if (cells.length < width) {
      report('warning', 'short-row', `${tableName}的指标行只有 ${cells.length} 个单元格（应为 ${width} 个），按缺少前面的合并单元格处理`, row.source);
      cells = [...Array.from({ length: width - cells.length }, () => ({ lines: [''], sources: [row.source] })), ...cells];
    } else if (cells.length > width) {
      const extra = cells.slice(width).map(cellText).filter((t) => t !== '');
      if (extra.length) {
        report('warning', 'extra-cells', `${tableName}的指标行多出单元格：“${preview(extra.join(' | '))}”`, cellSource(row, width));
      }
    }
    const get = (col: Column) => {
      const at = columns.indexOf(col);
      return at < 0 ? '' : cellText(cells[at]);
    };
    const sources: Indicator['sources'] = {};
    columns.forEach((col, at) => {
      const cell = cells[at];
      if (col && cell && cellText(cell) !== '') sources[col] = cell.sources[0]!;
    });
    const r1 = get('level1');
    const r2 = get('level2');
    const inherited1 = r1 === '';
    const inherited2 = r2 === '';
    if (!inherited1) {
      if (compactLabel(r1) !== compactLabel(level1Raw) && inherited2) level2Raw = '';
      level1Raw = r1;
    }
    if (!inherited2) level2Raw = r2;
    const indicator = buildIndicator(fw, {
      level1Raw,
      level2Raw,
      inherited1,
      inherited2,
      name: get('name'),
      description: get('description'),
      target: get('target'),
      basis: get('basis'),
      source: row.source,
      sources,
      tableName,
      report,
    });
    indicators.push(indicator);
  }
  return indicators;
}

interface IndicatorCells {
  level1Raw: string;
  level2Raw: string;
  inherited1: boolean;
  inherited2: boolean;
  name: string;
  description: string;
  target: string;
  basis: string;
  source: SourceLocation;
  sources: Indicator['sources'];
  tableName: string;
  report: Report;
}

function buildIndicator(fw: IndicatorFramework, c: IndicatorCells): Indicator {
  const { report, source } = c;
  const norm = normalizeCategories(fw, c.level1Raw, c.level2Raw);
  let level1 = norm.level1;
  const where = `${c.tableName}指标“${preview(c.name, 20)}”`;
  if (norm.level2UnderOtherLevel1) {
    if (c.inherited1 || level1 === null) {
      level1 = norm.level2UnderOtherLevel1;
      report('warning', 'level1-inferred', `${where}：一级指标单元格为空（原表合并了不同类别），按二级指标“${norm.level2}”推定为“${level1}”`, source);
    } else {
      report('warning', 'level2-wrong-parent', `${where}：二级指标“${norm.level2}”不属于一级指标“${level1}”（应属于“${norm.level2UnderOtherLevel1}”）`, source);
    }
  } else if (level1 === null && norm.level2 !== null && c.level1Raw === '') {
    level1 = level1Of(fw, norm.level2);
    report('warning', 'level1-inferred', `${where}：缺少一级指标，按二级指标推定为“${level1}”`, source);
  }
  if (c.level1Raw !== '' && norm.level1Matched === 'none') {
    report('warning', 'unknown-category', `${where}：一级指标“${c.level1Raw}”不在指标体系中`, source);
  } else if (!c.inherited1 && norm.level1Matched === 'synonym') {
    report('info', 'category-synonym', `${where}：一级指标“${c.level1Raw}”按“${level1}”处理`, source);
  }
  if (c.level2Raw === '') {
    report('warning', 'missing-level2', `${where}：缺少二级指标`, source);
  } else if (norm.level2Matched === 'none') {
    report('warning', 'unknown-category', `${where}：二级指标“${c.level2Raw}”不在指标体系中`, source);
  } else if (!c.inherited2 && norm.level2Matched === 'synonym') {
    report('info', 'category-synonym', `${where}：二级指标“${c.level2Raw}”按“${norm.level2}”处理`, source);
  }
  if (c.name === '') report('warning', 'missing-indicator-name', `${c.tableName}有一行指标缺少三级指标名称`, source);
  return {
    level1,
    level2: norm.level2,
    level1Raw: c.level1Raw,
    level2Raw: c.level2Raw,
    level1Inherited: c.inherited1,
    level2Inherited: c.inherited2,
    name: c.name.replace(/\s*\n\s*/g, ''),
    description: c.description === '' ? null : c.description,
    target: parseTargetValue(c.target),
    basis: c.basis === '' ? null : c.basis,
    source,
    sources: c.sources,
  };
}
