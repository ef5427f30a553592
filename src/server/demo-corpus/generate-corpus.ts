/**
 * A synthetic corpus for the import benchmark: NEW documents in the text format of the fixtures
 * (../shared/fixtures/documents), written by recombining the fixtures' real content.
 *
 * The four fixtures are parsed with the real importer (parseDocumentBytes) and their content is
 * harvested: part-1 texts, project names with their purposes and goals, and indicator rows. Each
 * generated document then gets a random department and year, unique project codes, random exact
 * budgets, spending plans as percentages or as 万元 amounts (like fixture 002) with occasional
 * blank cells (like fixture 003), and a realistic share of the variations the importer handles
 * (fixtures/README.md). Deterministic: the same options give the same bytes.
 *
 * `writeTextDocument` (with `writeTextTable` and `writeTextRow`) is the writer of the format and
 * knows nothing of the content; reuse it to write documents of any shape.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocumentBytes } from '../importers/read-document';
import { selectFramework } from '../../shared/domain/framework';
import type { Budget, Fen, GoalItem, ParsedDocument } from '../../shared/domain/model';

// ---------------------------------------------------------------------------------------------
// The writer: the text format (a tab starts each cell, a cell's further paragraphs have no tab,
// a blank line ends each row, paragraphs outside tables have no tab).

/** A cell: one paragraph (a "\n" in it starts another) or several paragraphs. */
export type TextCell = string | readonly string[];
export type TextRow = readonly TextCell[];

export interface TextTableSpec {
  /** The title paragraph, bookmarks and numbering included: "[bookmark: _Toc1]1.某项目绩效目标表". */
  title: string;
  /** The rows of the first Word table: header, code/name, budget, purpose, plan, goals. */
  top: readonly TextRow[];
  /** The rows of the second Word table: the indicator header, then the indicator rows. */
  indicators: readonly TextRow[];
}

export interface TextPartSpec {
  /** The paragraphs that open the part, e.g. ["第二部分", " ", "预算项目绩效目标", " "]. */
  heading: readonly string[];
  tables: readonly TextTableSpec[];
}

export interface TextDocumentSpec {
  /** The paragraphs of 第一部分 (headings included), written as they are. */
  part1: readonly string[];
  /** 第二部分, and 第三部分 when there is one. */
  parts: readonly TextPartSpec[];
}

function cellLines(cell: TextCell): string[] {
  const paragraphs = (typeof cell === 'string' ? [cell] : [...cell]).flatMap((p) => p.split('\n'));
  const [first = '', ...rest] = paragraphs;
  // A further paragraph that is empty would end the row (a blank line) and one starting with a
  // tab would open a new cell: neither can be written in this format, so they are left out.
  return [first, ...rest.filter((p) => p.trim() !== '').map((p) => p.replace(/^\t+/, ''))];
}

/** One row: each cell starts with a tab. */
export function writeTextRow(row: TextRow): string {
  let text = '';
  for (const cell of row) {
    if (text !== '') text += '\n';
    // Most cells are one line: written as they are (what cellLines gives them), without its
    // splitting and joining (it was a fifth of generate's document writing).
    text += typeof cell === 'string' && !cell.includes('\n') ? `\t${cell}` : `\t${cellLines(cell).join('\n')}`;
  }
  return text;
}

const writeRows = (rows: readonly TextRow[]) => rows.map(writeTextRow).join('\n\n');

/** A project table as the fixtures show it: title, the top rows, an empty paragraph, the indicators. */
export function writeTextTable(table: TextTableSpec): string {
  return `${table.title}\n${writeRows(table.top)}\n\n\n \n${writeRows(table.indicators)}\n\n\n\n \n`;
}

/** A whole document in the text format of the fixtures. */
export function writeTextDocument(doc: TextDocumentSpec): string {
  const parts = doc.parts.map((part) => `${part.heading.join('\n')}\n\n${part.tables.map(writeTextTable).join('')}`);
  return `${doc.part1.join('\n')}\n \n\n \n \n \n${parts.join('')}`;
}

// ---------------------------------------------------------------------------------------------
// A tiny seeded PRNG (mulberry32) and helpers.

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `n` distinct items (fewer when there are fewer), in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }
}

// ---------------------------------------------------------------------------------------------
// Harvest: the real content of the fixtures.

export interface IndicatorSample {
  /** Standard category names (the framework's). */
  level1: string;
  level2: string;
  name: string;
  description: string | null;
  /** 指标值 as written. */
  target: string;
  basis: string | null;
  /** As in the fixture: the 一级/二级 cell was empty (merged with the row above). */
  level1Inherited: boolean;
  level2Inherited: boolean;
}

export interface ProjectSample {
  /** The project code as the fixture gives it (null when blank). */
  code: string | null;
  budget: Budget;
  name: string;
  purpose: string | null;
  goals: string[];
  /** The project's own indicator rows, in order. */
  indicators: IndicatorSample[];
}

export interface Harvest {
  /** Paragraphs of 一、总体绩效目标, each fixture's list separately. */
  overall: string[][];
  subGoals: GoalItem[];
  measures: GoalItem[];
  projects: ProjectSample[];
  /** Indicator rows by standard level-1 name. */
  indicatorsByLevel1: Map<string, IndicatorSample[]>;
  /** The level-1 names in framework order. */
  level1Order: string[];
  departments: { code: string | null; name: string }[];
  /** Each fixture's own content, kept together: what one real department wrote. */
  sources: SourceDocument[];
}

/** One fixture: its department, year, part-1 texts and projects. */
export interface SourceDocument {
  department: { code: string | null; name: string };
  year: number | null;
  /** The paragraphs of 一、总体绩效目标, in order. */
  overall: string[];
  subGoals: GoalItem[];
  measures: GoalItem[];
  projects: ProjectSample[];
}

/** Parses every fixture with the real importer and collects its content. */
export async function harvestFixtures(fixtureDir: string): Promise<Harvest> {
  const files = readdirSync(fixtureDir).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) throw new Error(`no fixture documents (*.txt) in ${fixtureDir}`);
  const docs: ParsedDocument[] = [];
  for (const file of files) docs.push(await parseDocumentBytes(readFileSync(join(fixtureDir, file)), file));

  const framework = selectFramework(docs[0]?.year ?? null);
  const level1Order = framework.level1.map((l) => l.name);
  const harvest: Harvest = {
    overall: [],
    subGoals: [],
    measures: [],
    projects: [],
    indicatorsByLevel1: new Map(level1Order.map((name) => [name, []])),
    level1Order,
    departments: [],
    sources: [],
  };
  for (const doc of docs) {
    const goals = doc.departmentGoals;
    const overall = goals.overall ? goals.overall.split('\n').filter((l) => l.trim() !== '') : [];
    if (overall.length > 0) harvest.overall.push(overall);
    harvest.subGoals.push(...goals.subGoals);
    harvest.measures.push(...goals.measures);
    if (doc.department) harvest.departments.push({ code: doc.department.code, name: doc.department.name });
    const source: SourceDocument | null = doc.department
      ? { department: { code: doc.department.code, name: doc.department.name }, year: doc.year, overall, subGoals: goals.subGoals, measures: goals.measures, projects: [] }
      : null;
    if (source) harvest.sources.push(source);
    for (const project of doc.projects) {
      const indicators: IndicatorSample[] = [];
      for (const ind of project.indicators) {
        if (ind.level1 === null || ind.level2 === null || ind.name === '') continue;
        const sample: IndicatorSample = {
          level1: ind.level1,
          level2: ind.level2,
          name: ind.name,
          description: ind.description,
          target: ind.target.raw,
          basis: ind.basis,
          level1Inherited: ind.level1Inherited,
          level2Inherited: ind.level2Inherited,
        };
        indicators.push(sample);
        harvest.indicatorsByLevel1.get(ind.level1)?.push(sample);
      }
      if (project.name !== '' && indicators.length > 0) {
        const sample: ProjectSample = { code: project.code, budget: project.budget, name: project.name, purpose: project.purpose, goals: project.goals, indicators };
        harvest.projects.push(sample);
        source?.projects.push(sample);
      }
    }
  }
  if (harvest.projects.length === 0) throw new Error(`no usable project tables in ${fixtureDir}`);
  return harvest;
}

// ---------------------------------------------------------------------------------------------
// Generation.

export interface GenerateOptions {
  documents: number;
  tablesPerDocument: number;
  seed: number;
  fixtureDir: string;
  /** Every document of this year instead of a random one in 2022–2026. */
  year?: number;
  /** Called after each document. */
  onProgress?: (done: number, total: number) => void;
}

/** What the generator wrote into one table: what the importer must read back. */
export interface GeneratedProject {
  part: 'project' | 'public';
  /** null when the code cell was left blank. */
  code: string | null;
  name: string;
  budget: Budget;
  indicators: number;
}

export interface GeneratedDocument {
  file: string;
  text: string;
  department: { code: string; name: string };
  year: number;
  projects: GeneratedProject[];
  /** Indicator rows written (spacer rows not counted). */
  indicatorRows: number;
}

/** Shares of the variations (per table unless said otherwise). */
const SHARE = {
  amountWithUnit: 0.03, // "123.45万元" in the budget cells
  blankCode: 0.02, // 项目编码 left blank
  otherFunds: 0.06, // 其他资金 non-zero
  otherZero: 0.06, // 其他资金 written "0.00"
  planAmounts: 0.15, // 资金支出计划（万元）, like fixture 002
  planBlankCell: 0.04, // a blank plan cell, like fixture 003
  planStandard: 0.6, // 25% 50% 75% 100%
  goalRows: 0.1, // 目标1 / 目标2 rows
  goalLabelsInCell: 0.04, // "目标1：…" lines inside one cell
  spacerRow: 0.05, // an empty row under the indicator header
  wrappedHeader: 0.08, // "一级\n指标"
  synonyms: 0.06, // 效果指标 / 实效指标 / 可持续性影响
  emptyLevel2: 0.3, // of rows repeating the level 2 above: the cell left empty (merged)
  ownIndicators: 0.5, // the source project's own indicator rows rather than rows from the pool
  twoBookmarks: 0.03, // "[bookmark: _GoBack][bookmark: _Toc…]"
  noBookmark: 0.02,
  applicationTitle: 0.05, // "…绩效目标申报表"
  publicPart: 0.08, // per document: the last tables in 第三部分 预算公用绩效目标
  chineseSectionNumbers: 0.15, // per document: （一）总体绩效目标
} as const;

const REGIONS: readonly [string, string][] = [
  ['130202', '唐山市路南区'],
  ['130203', '唐山市路北区'],
  ['130207', '唐山市丰南区'],
  ['130209', '唐山市曹妃甸区'],
  ['130602', '保定市竞秀区'],
  ['130605', '保定白沟新城'],
  ['130102', '石家庄市长安区'],
  ['130104', '石家庄市桥西区'],
  ['130403', '邯郸市丛台区'],
  ['131002', '廊坊市安次区'],
  ['130903', '沧州市运河区'],
  ['130302', '秦皇岛市海港区'],
];

const UNITS = [
  '委社会工作部',
  '委组织部',
  '民政局',
  '教育局',
  '卫生健康局',
  '财政局',
  '农业农村局',
  '乡村振兴局',
  '希望路街道办事处',
  '学院路街道办事处',
  '司法局',
  '退役军人事务局',
  '文化广电和旅游局',
  '应急管理局',
  '城市管理综合行政执法局',
  '市场监督管理局',
  '人力资源和社会保障局',
];

const SECTION_TITLES = ['总体绩效目标', '分项绩效目标', '工作保障措施'] as const;
const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Hundredths of 万元 as the document writes it: 123456 → "1234.56". */
const wan = (hundredths: number) => `${Math.floor(hundredths / 100)}.${pad(hundredths % 100, 2)}`;
/** Hundredths of 万元 in fen: 0.01 万元 = 100 元 = 10,000 fen. */
const fenOf = (hundredths: number): Fen => hundredths * 10_000;

function bookmark(rng: Rng): string {
  return rng.chance(0.5) ? `[bookmark: _Toc_4_4_${pad(rng.int(1, 9_999_999), 10)}]` : `[bookmark: _Toc${rng.int(1000, 32767)}]`;
}

function numbered(style: number, i: number): string {
  if (style === 0) return `${i + 1}.`;
  if (style === 1) return `（${CN_NUMBERS[i % 10]}）`;
  return `${CN_NUMBERS[i % 10]}是`;
}

function writeGoalItems(rng: Rng, pool: readonly GoalItem[], min: number, max: number, inOrder = false): string[] {
  const style = rng.int(0, 2);
  const lines: string[] = [];
  (inOrder ? pool.slice(0, max) : rng.sample(pool, rng.int(min, max))).forEach((item, i) => {
    lines.push(`${numbered(style, i)}${item.title}`);
    if (item.text) lines.push(...item.text.split('\n'));
    if (item.goalText) lines.push(`绩效目标：${item.goalText}`);
    if (item.indicatorText) lines.push(`绩效指标：${item.indicatorText}`);
  });
  return lines;
}

/**
 * 第一部分: the three sections. From the harvest at large (a random run of 总体绩效目标 lines and
 * random goal items), or from one department's own document (its lines from the start, its items
 * in order), as the demo writes it.
 */
export function writePart1(rng: Rng, harvest: Harvest, own?: SourceDocument): string[] {
  const chinese = rng.chance(SHARE.chineseSectionNumbers);
  const heading = (i: number) =>
    `[bookmark: _Toc_2_2_${pad(i + 1, 10)}]${chinese ? `（${CN_NUMBERS[i]}）` : `${CN_NUMBERS[i]}、`}${SECTION_TITLES[i]}`;
  let overall: string[];
  if (own) {
    overall = own.overall.slice(0, 8);
  } else {
    const lines = rng.pick(harvest.overall);
    const first = rng.int(0, Math.max(0, lines.length - 1));
    overall = lines.slice(first, first + rng.int(1, 4));
  }
  return [
    ' 第一部分',
    '部门整体绩效目标',
    ' ',
    heading(0),
    ...overall,
    heading(1),
    ...writeGoalItems(rng, own?.subGoals ?? harvest.subGoals, 2, own ? 8 : 6, own !== undefined),
    heading(2),
    ...writeGoalItems(rng, own?.measures ?? harvest.measures, 2, own ? 8 : 5, own !== undefined),
  ];
}

/** Cumulative plan percentages, ending at 100. */
function planPercents(rng: Rng): number[] {
  if (rng.chance(SHARE.planStandard)) return [25, 50, 75, 100];
  const a = rng.int(0, 50);
  const b = rng.int(a, 80);
  const c = rng.int(b, 100);
  return [a, b, c, 100];
}

function planRows(rng: Rng, totalHundredths: number): TextRow[] {
  const percents = planPercents(rng);
  const amounts = rng.chance(SHARE.planAmounts);
  const values: string[] = amounts
    ? percents.map((p) => wan(p === 100 ? totalHundredths : Math.round((totalHundredths * p) / 100)))
    : percents.map((p) => `${p}%`);
  if (rng.chance(SHARE.planBlankCell)) values[rng.int(1, 3)] = ' ';
  return [
    [amounts ? '资金支出计划（万元）' : '资金支出计划（%）', '3月底', '6月底', '10月底', '12月底'],
    ['', ...values],
  ];
}

function goalRows(rng: Rng, goals: readonly string[]): TextRow[] {
  const list = goals.length > 0 ? goals : ['按时完成项目任务'];
  if (rng.chance(SHARE.goalRows)) {
    return list.map((g, i) => (i === 0 ? ['绩效目标', '目标1', g] : ['', `目标${i + 1}`, g]));
  }
  if (rng.chance(SHARE.goalLabelsInCell)) return [['绩效目标', list.map((g, i) => `目标${i + 1}：${g}`)]];
  return [['绩效目标', list.map((g, i) => `${i + 1}.${g}`)]];
}

/** How many indicator rows a table has: as many as a random fixture table had. */
function pickIndicators(rng: Rng, harvest: Harvest, source: ProjectSample): IndicatorSample[] {
  if (rng.chance(SHARE.ownIndicators)) return source.indicators;
  const n = rng.pick(harvest.projects).indicators.length;
  const [output, outcome, satisfaction] = harvest.level1Order;
  const counts = new Map<string, number>();
  const add = (l1: string | undefined, k = 1) => l1 !== undefined && counts.set(l1, (counts.get(l1) ?? 0) + k);
  add(output);
  if (n >= 2) add(satisfaction);
  if (n >= 3) add(outcome);
  for (let i = counts.size; i < n; i++) add(rng.chance(0.65) ? output : outcome);
  const rows: IndicatorSample[] = [];
  for (const level1 of harvest.level1Order) {
    const pool = harvest.indicatorsByLevel1.get(level1) ?? [];
    // Rows of the same level 2 together, as Word tables merge them.
    const picked = rng.sample(pool, counts.get(level1) ?? 0);
    const order = [...new Set(picked.map((r) => r.level2))];
    picked.sort((a, b) => order.indexOf(a.level2) - order.indexOf(b.level2));
    rows.push(...picked.map((r) => ({ ...r, level1Inherited: false, level2Inherited: false })));
  }
  return rows;
}

const SYNONYMS: Record<string, string> = { 效益指标: '效果指标', 时效指标: '实效指标', 可持续影响指标: '可持续性影响' };

function indicatorRows(rng: Rng, samples: readonly IndicatorSample[]): TextRow[] {
  const synonyms = rng.chance(SHARE.synonyms);
  const spell = (name: string) => (synonyms ? (SYNONYMS[name] ?? name) : name);
  const rows: TextRow[] = [];
  let level1 = '';
  let level2 = '';
  for (const s of samples) {
    const sameLevel1 = s.level1 === level1;
    const sameLevel2 = sameLevel1 && s.level2 === level2;
    const cell1 = sameLevel1 ? '' : spell(s.level1);
    const cell2 = sameLevel2 && (s.level2Inherited || rng.chance(SHARE.emptyLevel2)) ? '' : spell(s.level2);
    rows.push([cell1, cell2, s.name, s.description ?? '', s.target, s.basis ?? '']);
    level1 = s.level1;
    level2 = s.level2;
  }
  return rows;
}

const INDICATOR_HEADER: TextRow = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'];
const WRAPPED_HEADER: TextRow = [['一级', '指标'], ['二级', '指标'], ['三级', '指标'], ['绩效指标', '描述'], '指标值', ['指标值确定', '依据']];

/** A table written from one fixture project of the department itself (the demo), not drawn at random. */
export interface OwnProject {
  source: ProjectSample;
  /** The budget in hundredths of 万元. */
  totalHundredths: number;
  code: string | null;
}

interface TableContext {
  own?: OwnProject;
  rng: Rng;
  harvest: Harvest;
  department: string;
  region: string;
  year: number;
  sequence: number;
  serial: number;
}

function generateTable(ctx: TableContext): { table: TextTableSpec; expected: Omit<GeneratedProject, 'part'> } {
  const { rng, harvest } = ctx;
  const source = ctx.own?.source ?? rng.pick(harvest.projects);

  // Budget: log-uniform between 0.50 and 5,000.00 万元, exact to the hundredth.
  const total = ctx.own?.totalHundredths ?? Math.round(Math.exp(Math.log(50) + rng.next() * Math.log(10_000)));
  let fiscal = total;
  let other: number | null = null;
  if (rng.chance(SHARE.otherFunds)) {
    other = rng.int(1, Math.max(1, total - 1));
    fiscal = total - other;
  } else if (rng.chance(SHARE.otherZero)) {
    other = 0;
  }
  const withUnit = rng.chance(SHARE.amountWithUnit);
  const amount = (h: number) => (withUnit ? `${wan(h)}万元` : wan(h));

  const blankCode = ctx.own ? ctx.own.code === null : rng.chance(SHARE.blankCode);
  const code = ctx.own ? ctx.own.code : blankCode ? null : `${ctx.region}${pad(ctx.year % 100, 2)}P${pad(ctx.serial, 11)}${rng.pick([...'0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'])}`;

  const top: TextRow[] = [
    [ctx.department, '单位：万元'],
    ['项目编码', code ?? ' ', '项目名称', source.name],
    ['预算规模及资金用途', '预算数', amount(total), '其中：财政    资金', amount(fiscal), '其他资金', other === null ? ' ' : amount(other)],
    ['', source.purpose ?? ''],
    ...planRows(rng, total),
    ...goalRows(rng, source.goals),
  ];
  const samples = ctx.own ? source.indicators : pickIndicators(rng, harvest, source);
  const indicators: TextRow[] = [
    rng.chance(SHARE.wrappedHeader) ? WRAPPED_HEADER : INDICATOR_HEADER,
    ...(rng.chance(SHARE.spacerRow) ? [['', '', '', '', '', '']] : []),
    ...indicatorRows(rng, samples),
  ];

  const marks = rng.chance(SHARE.noBookmark) ? '' : rng.chance(SHARE.twoBookmarks) ? `[bookmark: _GoBack]${bookmark(rng)}` : bookmark(rng);
  const suffix = rng.chance(SHARE.applicationTitle) ? '绩效目标申报表' : '绩效目标表';
  return {
    table: { title: `${marks}${ctx.sequence}.${source.name}${suffix}`, top, indicators },
    expected: {
      code,
      name: source.name,
      budget: { total: fenOf(total), fiscal: fenOf(fiscal), other: other === null ? null : fenOf(other) },
      indicators: samples.length,
    },
  };
}

/** Who and what one generated document is about. */
export interface DocumentSpec {
  /** The region code the project codes start with ('130202'). */
  region: string;
  deptCode: string;
  deptName: string;
  year: number;
  /** Project tables in all (a few may go to 第三部分 预算公用). */
  tables: number;
  file: string;
  /** The department's own projects, one per table, instead of random ones (the demo). */
  projects?: readonly OwnProject[];
  /** The department's own 第一部分 instead of a random one. */
  part1?: readonly string[];
}

/**
 * One document of `spec.tables` tables drawn from the harvest. Project code serials continue
 * after `serial` (unique across a corpus as long as the caller advances it by the tables written).
 */
export function generateDocument(rng: Rng, harvest: Harvest, spec: DocumentSpec, serial: number): GeneratedDocument {
  const department = `${spec.deptCode}${spec.deptName}`;
  const publicTables = spec.tables > 1 && rng.chance(SHARE.publicPart) ? rng.int(1, 2) : 0;
  const projectTables = spec.tables - publicTables;
  const parts: TextPartSpec[] = [];
  const projects: GeneratedProject[] = [];
  for (const [part, count] of [
    ['project', projectTables],
    ['public', publicTables],
  ] as const) {
    if (count === 0) continue;
    const tables: TextTableSpec[] = [];
    for (let t = 0; t < count; t++) {
      const own = spec.projects?.[projects.length];
      const { table, expected } = generateTable({ own, rng, harvest, department, region: spec.region, year: spec.year, sequence: t + 1, serial: ++serial });
      tables.push(table);
      projects.push({ part, ...expected });
    }
    const heading = part === 'project' ? ['第二部分', ' ', '预算项目绩效目标', ' '] : ['第三部分', ' ', '预算公用绩效目标', ' '];
    parts.push({ heading, tables });
  }
  const text = writeTextDocument({ part1: spec.part1 ?? writePart1(rng, harvest), parts });
  return {
    file: spec.file,
    text,
    department: { code: spec.deptCode, name: spec.deptName },
    year: spec.year,
    projects,
    indicatorRows: projects.reduce((n, p) => n + p.indicators, 0),
  };
}

/** Generates the corpus from harvested content; synchronous and deterministic. */
export function generateFromHarvest(harvest: Harvest, opts: Omit<GenerateOptions, 'fixtureDir'>): GeneratedDocument[] {
  const rng = new Rng(opts.seed);
  const usedCodes = new Set<string>();
  const out: GeneratedDocument[] = [];
  let serial = 0;
  for (let d = 0; d < opts.documents; d++) {
    // The year option only overrides what the random draws chose, so a corpus without it is the
    // same bytes as before it existed (the benchmark's figures stay comparable).
    const [region, place] = rng.pick(REGIONS);
    let deptCode: string;
    do deptCode = pad(rng.int(100_001, 999_999), 6);
    while (usedCodes.has(deptCode));
    usedCodes.add(deptCode);
    const unitName = (unit: string) => `中共${place}${unit}`.replace(/^中共(.*(局|办事处))$/, '$1');
    const deptName = rng.chance(0.1) ? rng.pick(harvest.departments).name : unitName(rng.pick(UNITS));
    const year = opts.year ?? rng.int(2022, 2026);
    const tables = opts.tablesPerDocument;
    const doc = generateDocument(rng, harvest, { region, deptCode, deptName, year, tables, file: `${pad(d + 1, 5)}_${deptCode}_${year}.txt` }, serial);
    serial += doc.projects.length;
    out.push(doc);
    opts.onProgress?.(d + 1, opts.documents);
  }
  return out;
}

/**
 * Harvests the fixtures in `fixtureDir` and generates `documents` documents of
 * `tablesPerDocument` project tables each. Async only because the importer's entry point is.
 */
export async function generateCorpus(opts: GenerateOptions): Promise<GeneratedDocument[]> {
  return generateFromHarvest(await harvestFixtures(opts.fixtureDir), opts);
}
