/**
 * Word export: a department's document (ParsedDocument) as .docx in the official layout of the
 * published documents (部门预算绩效目标), so that importing the file gives back the same model.
 *
 * Layout
 * - A4 portrait (11906 × 16838 twips), margins after GB/T 9704: top 37 mm, bottom 35 mm,
 *   left 28 mm, right 26 mm, i.e. a text block of 8845 twips (156 mm); page number "— n —"
 *   centred in the footer.
 * - Fonts (East Asian font set as `w:eastAsia`, Latin letters and digits in Times New Roman):
 *   body 仿宋_GB2312 三号 (16 pt, exact 28 pt line pitch, two-character first-line indent);
 *   part and section headings and table titles 黑体 (小二 / 三号 / 四号); tables 宋体 五号
 *   (10.5 pt). The font table names 仿宋 as the alternative of 仿宋_GB2312 (and SimHei/SimSun
 *   for 黑体/宋体), so Word substitutes it where the GB2312 font is not installed.
 * - 第一部分 部门整体绩效目标: 一、总体绩效目标 and its paragraphs; 二、分项绩效目标 and
 *   三、工作保障措施 with one paragraph per item: numbering + title (+ "。" + the first line of
 *   its text when that reads back the same), further text lines, then "绩效目标：…" and
 *   "绩效指标：…" paragraphs.
 * - 第二部分 预算项目绩效目标 (and 第三部分 预算公用绩效目标 for Project.part 'public', in the
 *   order of the model): per project the title "1.…绩效目标表", the main table and, after an
 *   empty paragraph, the indicator table, with the rows of the originals:
 *     unit code+name | 单位：万元
 *     项目编码 | code | 项目名称 | name
 *     预算规模及资金用途 (merged down over the purpose row) | 预算数 | x | 其中：财政资金 | x | 其他资金 | x
 *     (merged) | purpose
 *     资金支出计划（%）or（万元） (merged down over the values row) | 3月底 | 6月底 | 10月底 | 12月底
 *     (merged) | values
 *     绩效目标 | "1.…" one paragraph per goal
 *   and 一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 | 指标值确定依据 (repeated on each
 *   page), then a column for each column the model does not know (Indicator.extras, several with
 *   one header where the original had them), with one row per indicator. A 一级/二级 cell is a
 *   vertical merge (w:vMerge) continuing the cell above exactly where the model says it was
 *   inherited (level1Inherited/level2Inherited) from the row above with the same text, so the raw
 *   text and the flags read back unchanged; a category inherited from a row that is no indicator
 *   (a category row of its own) is written on the first indicator under it.
 *   A table whose year its project code does not say (13020225P…: 2025, the Hebei form) has it
 *   under its title, "（2026年度）", as the Shanghai, Wuhan or Fujian forms do.
 *   Tables have a fixed layout; the grid is the union of the cell edges of all rows, in twips. A
 *   row is kept on the page of the next (keepNext on its paragraphs) where the next continues a
 *   merged cell: Word and LibreOffice then move a merged category cell to the next page whole,
 *   where LibreOffice would otherwise draw its two parts as two closed cells (w:cantSplit keeps
 *   one row together, not two).
 * - Punctuation stays inside the margin in LibreOffice (PUNCTUATION_IN_MARGIN below).
 *
 * What is written is chosen so that parseDocumentBytes reads it back as the same model: amounts
 * are formatWan of the fen (or yuan with two decimals for a table in 元), blank where null; the
 * spending plan in percent ("25%") where `given` was 'percent', as amounts where 'amount' (the
 * header then says （万元）), blank cells blank; each "\n" of a text is a new paragraph; headings
 * and numbered lines are checked against the importer's own heading and numbering rules.
 *
 * Not written, because the model does not hold it: Word bookmarks, the original line breaks of
 * part 1, unrecognised paragraphs and rows (their diagnostics are therefore not reproduced).
 * The document title goes into the document properties (dc:title); it is written as a body
 * paragraph only in a document without tables, where nothing else says its year and department
 * (the importer reports a title it reads, which the originals, printing none over part one, lack).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type IParagraphPropertiesOptions,
  type IParagraphStyleOptions,
} from 'docx';
import { type GoalItem, type ParsedDocument, type Project } from '../../shared/domain/model';
import { departmentTargetsTable, officialTable, type OfficialRow } from '../../shared/domain/official-table';
import { splitNumbering } from '../../shared/domain/text';
import { classifyHeading } from '../importers/headings';
import { PROJECT_CODE } from '../importers/parse/project-table';

export interface DocxExportOptions {
  /** The document title for the file's properties; default "{department}{year}年部门预算绩效目标". */
  title?: string;
}

// ---------------------------------------------------------------------------------------------
// Page, fonts, styles

/** A4 in twips. */
const PAGE = { width: 11906, height: 16838 } as const;
/** GB/T 9704 margins in twips (1 mm = 56.7 twips). */
const MARGIN = { top: 2098, bottom: 1984, left: 1587, right: 1474, header: 851, footer: 992 } as const;
/** The text block width: every table is exactly this wide. */
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 8845

const LATIN = 'Times New Roman';
const FANGSONG = '仿宋_GB2312';
const HEITI = '黑体';
const SONGTI = '宋体';

/** Font sizes in half-points: 小二 18 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt. */
const SIZE = { xiaoEr: 36, sanHao: 32, siHao: 28, wuHao: 21 } as const;

export const STYLE = {
  part: 'JxPart',
  section: 'JxSection',
  body: 'JxBody',
  tableTitle: 'JxTableTitle',
  tableYear: 'JxTableYear',
  cell: 'JxCell',
  gap: 'JxGap',
} as const;

const font = (eastAsia: string, latin = LATIN) => ({ ascii: latin, hAnsi: latin, eastAsia, cs: latin });

const PARAGRAPH_STYLES: IParagraphStyleOptions[] = [
  {
    id: STYLE.part,
    name: '绩效目标-部分标题',
    quickFormat: true,
    run: { font: font(HEITI), size: SIZE.xiaoEr },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 640, lineRule: LineRuleType.EXACT }, keepNext: true, outlineLevel: 0 },
  },
  {
    id: STYLE.section,
    name: '绩效目标-节标题',
    quickFormat: true,
    run: { font: font(HEITI), size: SIZE.sanHao },
    paragraph: { indent: { firstLine: 640 }, spacing: { line: 560, lineRule: LineRuleType.EXACT }, keepNext: true, outlineLevel: 1 },
  },
  {
    id: STYLE.body,
    name: '绩效目标-正文',
    quickFormat: true,
    run: { font: font(FANGSONG), size: SIZE.sanHao },
    paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 640 }, spacing: { line: 560, lineRule: LineRuleType.EXACT } },
  },
  {
    id: STYLE.tableTitle,
    name: '绩效目标-表标题',
    quickFormat: true,
    run: { font: font(HEITI), size: SIZE.siHao },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, keepNext: true, outlineLevel: 1 },
  },
  {
    id: STYLE.cell,
    name: '绩效目标-表格',
    quickFormat: true,
    run: { font: font(SONGTI), size: SIZE.wuHao },
    paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
  },
  {
    // "（2026年度）" under a table's title.
    id: STYLE.tableYear,
    name: '绩效目标-表年度',
    run: { font: font(FANGSONG), size: SIZE.siHao },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 120 }, keepNext: true },
  },
  {
    // The empty paragraph that keeps the indicator table a table of its own, barely visible.
    id: STYLE.gap,
    name: '绩效目标-表间空行',
    run: { font: font(SONGTI), size: 2 },
    paragraph: { spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT }, keepNext: true },
  },
];

/**
 * Every paragraph's default: `<w:overflowPunct/>`, written out although it is Word's default (a "，" or "。" ending a
 * full line may hang past the right margin), for LibreOffice. LibreOffice reads the property inverted (its DOCX import
 * sets ParaIsHangingPunctuation to `overflowPunct == 0`) and hangs punctuation when the property is absent, and its PDF
 * does not draw a hanging mark: a "。" ending a full line of part one was lost from Jixiao's own PDF (issue 53). With
 * the property on, LibreOffice keeps such a mark inside the margin (with the character before it on the next line)
 * and Word does as it always did. Declared with the paragraph options' type: the docx package writes the property
 * in the defaults (ParagraphPropertiesDefaults takes any paragraph properties) but its type for them leaves it out.
 */
const PUNCTUATION_IN_MARGIN: IParagraphPropertiesOptions = { overflowPunctuation: true };

/**
 * The font table: docx writes an empty one. Word substitutes a missing font by its alternative
 * name (w:altName), then by charset and panose; 仿宋_GB2312 falls back to 仿宋.
 */
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:font w:name="${FANGSONG}"><w:altName w:val="仿宋"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="${HEITI}"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="${SONGTI}"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="${LATIN}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
</w:fonts>`;

// ---------------------------------------------------------------------------------------------
// Entry point

/** The document as a Word file (.docx) in the official layout. */
export async function exportDocx(doc: ParsedDocument, opts: DocxExportOptions = {}): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [...documentHeading(doc), ...partOne(doc), ...departmentTargetsPart(doc), ...projectParts(doc.projects)];
  return officialDocx(opts.title ?? defaultTitle(doc), children);
}

/**
 * A Word file in the official layout (A4, GB/T 9704 margins, the fonts and paragraph styles above,
 * "— n —" page numbers) with these paragraphs and tables; `title` goes into the document
 * properties. Also used by other exports (results-docx.ts) with para, buildTable and STYLE.
 */
export async function officialDocx(title: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  const document = new Document({
    title,
    creator: 'jixiao',
    styles: {
      default: {
        document: {
          run: { font: font(FANGSONG), size: SIZE.sanHao, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: PUNCTUATION_IN_MARGIN,
        },
      },
      paragraphStyles: PARAGRAPH_STYLES,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: MARGIN,
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(SONGTI, LATIN), size: SIZE.siHao })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
}

/**
 * The document's title over part one ("[101001]示范县民政局2025年部门预算绩效目标"), for a document with no table:
 * nothing else then says its year and department (a table carries them: its department cell, its code or its year
 * line). A document with tables has its title in the file's properties only, as the originals print none over part
 * one.
 */
function documentHeading(doc: ParsedDocument): Paragraph[] {
  if (doc.year === null || doc.projects.length > 0 || doc.departmentTargets !== null) return [];
  const d = doc.department;
  return [para(STYLE.part, `${d === null ? '' : d.code ? `[${d.code}]${d.name}` : d.name}${doc.year}年部门预算绩效目标`)];
}

function defaultTitle(doc: ParsedDocument): string {
  return `${doc.department?.name ?? ''}${doc.year !== null ? `${doc.year}年` : ''}部门预算绩效目标`;
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

/** Characters XML 1.0 does not allow (Word cannot store them); dropped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The runs of one line of text: a "\t" becomes a Word tab, as the importer reads it back. */
function runs(line: string): TextRun[] {
  const children: (string | Tab)[] = [];
  line.replace(NOT_XML, '').split('\t').forEach((piece, i) => {
    if (i > 0) children.push(new Tab());
    if (piece !== '') children.push(piece);
  });
  return [new TextRun({ children })];
}

interface ParaOptions {
  pageBreakBefore?: boolean;
}

/** One paragraph of one line (the caller splits text at "\n"). */
export function para(style: string, line: string, opts: ParaOptions = {}): Paragraph {
  return new Paragraph({ style, children: runs(line), ...opts });
}

const lines = (text: string | null): string[] => (text === null ? [] : text.split('\n'));

// ---------------------------------------------------------------------------------------------
// 第一部分 部门整体绩效目标

function partOne(doc: ParsedDocument): Paragraph[] {
  const goals = doc.departmentGoals;
  return [
    para(STYLE.part, '第一部分'),
    para(STYLE.part, '部门整体绩效目标'),
    para(STYLE.section, '一、总体绩效目标'),
    ...lines(goals.overall).map((l) => para(STYLE.body, l)),
    para(STYLE.section, '二、分项绩效目标'),
    ...goals.subGoals.flatMap((item, i) => goalItemLines(item, i === 0)).map((l) => para(STYLE.body, l)),
    para(STYLE.section, '三、工作保障措施'),
    ...goals.measures.flatMap((item, i) => goalItemLines(item, i === 0)).map((l) => para(STYLE.body, l)),
  ];
}

const LABEL = /^(绩效目标|绩效指标)\s*[:：]\s*/;
const TITLE_END = /[。；;，,：:]+$/;

/**
 * How the importer reads one line as the head of an item (document-parser.ts, parseGoalItems):
 * numbering, then the title up to the first "。", the rest of the line is the first line of the
 * text. Null when the line would not open an item (or would be a heading).
 */
function readHead(line: string, first: boolean): { numbering: string | null; title: string; text: string | null } | null {
  const text = line.trim();
  if (text === '' || classifyHeading(line) !== null) return null;
  if (!first && LABEL.test(text)) return null;
  const { numbering, rest } = splitNumbering(text);
  if (!numbering && !first) return null;
  const cut = rest.indexOf('。');
  const hasMore = cut >= 0 && cut < rest.length - 1;
  return {
    numbering,
    title: (hasMore ? rest.slice(0, cut) : rest).replace(TITLE_END, ''),
    text: hasMore ? rest.slice(cut + 1).trim() : null,
  };
}

/** Whether a line is read as a further line of the text of the open item. */
function readsAsTextLine(line: string): boolean {
  return line !== '' && line === line.trim() && !LABEL.test(line) && splitNumbering(line).numbering === null && classifyHeading(line) === null;
}

/**
 * The paragraphs of one item. The first line of the text goes on the title's line after "。"
 * (as the originals write "1.加强组织领导。社会工作部统筹…") when that reads back the same,
 * else on a line of its own; a space after the numbering when the title would otherwise run
 * into it ("1." + "5个…"); a "。" after a title that would not read back alone (an empty one).
 */
function goalItemLines(item: GoalItem, first: boolean): string[] {
  const text = lines(item.text);
  const numbering = item.numbering ?? '';
  const heads = [`${numbering}${item.title}`, ...(numbering ? [`${numbering} ${item.title}`] : [])];
  // A title alone may also end in "。" (the importer drops it): the way to write an empty title.
  const aloneHeads = [...heads, ...heads.map((h) => `${h}。`)];
  const same = (h: ReturnType<typeof readHead>, expected: string | null) =>
    h !== null && h.numbering === item.numbering && h.title === item.title && h.text === expected;

  let body: string[] | null = null;
  if (text.length > 0) {
    const [firstText, ...restText] = text as [string, ...string[]];
    const combined = heads.map((h) => `${h}。${firstText}`).find((l) => same(readHead(l, first), firstText));
    if (combined !== undefined && restText.every(readsAsTextLine)) body = [combined, ...restText];
    const alone = aloneHeads.find((l) => same(readHead(l, first), null));
    if (body === null && alone !== undefined && text.every(readsAsTextLine)) body = [alone, ...text];
    // No writing reads back exactly (not from an imported document): the closest one.
    body ??= [`${heads[0]}。${firstText}`, ...restText];
  } else {
    body = [aloneHeads.find((l) => same(readHead(l, first), null)) ?? heads[0]!];
  }
  return [
    ...body,
    ...(item.goalText === null ? [] : lines(item.goalText).map((l) => `绩效目标：${l}`)),
    ...(item.indicatorText === null ? [] : lines(item.indicatorText).map((l) => `绩效指标：${l}`)),
  ];
}

// ---------------------------------------------------------------------------------------------
// 第二部分 / 第三部分: one title and two tables per project

const PART_HEADINGS: Record<Project['part'], [string, string]> = {
  project: ['第二部分', '预算项目绩效目标'],
  public: ['第三部分', '预算公用绩效目标'],
};

function projectParts(projects: Project[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const heading = (part: Project['part']) => {
    const [marker, name] = PART_HEADINGS[part];
    out.push(para(STYLE.part, marker, { pageBreakBefore: true }), para(STYLE.part, name));
  };
  let part: Project['part'] = 'project';
  heading(part);
  let afterTable = false;
  for (const project of projects) {
    // A table without a title would be read as rows of the table before it: a part heading
    // separates them (the importer reports the missing title, as it did for the original).
    if (project.part !== part || (project.title === '' && afterTable)) {
      part = project.part;
      heading(part);
    }
    out.push(...narrativeParagraphs(project));
    const title = tableTitle(project);
    if (title !== null) out.push(para(STYLE.tableTitle, title));
    if (project.year !== null && yearOfCode(project.code) !== project.year) out.push(yearLine(project.year));
    out.push(...projectTables(project));
    afterTable = true;
  }
  return out;
}

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

/**
 * The narrative that came with a project's table (项目经费情况说明), before its title: the heading,
 * then each section as "一、项目概述" and its paragraphs. The importer gives it back to the project
 * whose table follows.
 */
function narrativeParagraphs(project: Project): Paragraph[] {
  if (project.narrative.length === 0) return [];
  const out = [para(STYLE.section, '项目经费情况说明')];
  let n = 0;
  for (const section of project.narrative) {
    if (section.title !== '') out.push(para(STYLE.section, `${CN_NUMBERS[n++] ?? String(n)}、${section.title}`));
    for (const line of lines(section.text)) out.push(para(STYLE.body, line));
  }
  return out;
}

/** 部门整体支出绩效目标表 after part one: its title, its table and its indicators. */
function departmentTargetsPart(doc: ParsedDocument): (Paragraph | Table)[] {
  if (doc.departmentTargets === null) return [];
  const table = departmentTargetsTable(doc.departmentTargets);
  return [
    para(STYLE.tableTitle, table.title),
    ...(doc.departmentTargets.year !== null ? [yearLine(doc.departmentTargets.year)] : []),
    officialRowsTable(table.main, true),
    new Paragraph({ style: STYLE.gap, children: [] }),
    officialRowsTable(table.indicators),
  ];
}

/**
 * The year of a table, under its title: "（2026年度）", as the forms of Shanghai, Wuhan or Fujian write it (the
 * importer takes it as the table's year). Where a project's code already says its year (13020225P…: 2025) the Hebei
 * form has no such line, and none is written.
 */
const yearLine = (year: number) => para(STYLE.tableYear, `（${year}年度）`);

const yearOfCode = (code: string | null): number | null => {
  const m = code === null ? null : PROJECT_CODE.exec(code);
  return m ? 2000 + Number(m[2]) : null;
};

/** The title line: "1.劳务费绩效目标表", or as written when the title already starts with its number. */
function tableTitle(project: Project): string | null {
  const { title, sequence } = project;
  if (title === '') return null;
  const candidates = [
    ...(title.startsWith(`${sequence}.`) || title.startsWith(`${sequence}、`) ? [title] : []),
    `${sequence}.${title}`,
    `${sequence}. ${title}`,
    title,
  ];
  const readsBack = (line: string) => {
    const h = classifyHeading(line);
    return h?.kind === 'tableTitle' && h.title === title;
  };
  return candidates.find(readsBack) ?? `${sequence}.${title}`;
}

// ---------------------------------------------------------------------------------------------
// Tables

type Align = 'left' | 'center' | 'right';

export interface CellSpec {
  /** The cell's paragraphs; an empty cell has none (one empty paragraph is written). */
  lines: string[];
  /** Width in twips; the grid is made from the edges of all cells. */
  width: number;
  align?: Align;
  merge?: 'restart' | 'continue';
}

export interface RowSpec {
  cells: CellSpec[];
  /** Repeat the row at the top of each page. */
  header?: boolean;
  /** No border above and at the sides (the unit/单位 line over the table). */
  open?: boolean;
  /** Keep the row on the page of the next one (the title, main table and indicator header stay together). */
  keepNext?: boolean;
}

const ALIGN = { left: AlignmentType.JUSTIFIED, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const CELL_MARGIN = { left: 57, right: 57, top: 28, bottom: 28 } as const; // 0.1 cm at the sides
const MIN_ROW_HEIGHT = 454; // 0.8 cm

/** Splits widths that must add up to the text width; the last one takes the remainder. */
export function widths(...parts: number[]): number[] {
  const sum = parts.slice(0, -1).reduce((a, b) => a + b, 0);
  return [...parts.slice(0, -1), TEXT_WIDTH - sum];
}

export function buildTable(rows: RowSpec[]): Table {
  // The grid: every cell edge of every row, so each cell spans whole grid columns.
  const edges = new Set<number>([0, TEXT_WIDTH]);
  for (const row of rows) {
    let x = 0;
    for (const cell of row.cells) edges.add((x += cell.width));
  }
  const grid = [...edges].sort((a, b) => a - b);
  const columnWidths = grid.slice(1).map((edge, i) => edge - grid[i]!);
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    alignment: AlignmentType.CENTER,
    margins: { ...CELL_MARGIN, marginUnitType: WidthType.DXA },
    rows: rows.map((row, r) => {
      let x = 0;
      const keepNext = row.keepNext === true || (rows[r + 1]?.cells.some((c) => c.merge === 'continue') ?? false);
      return new TableRow({
        tableHeader: row.header === true,
        cantSplit: true,
        height: { value: MIN_ROW_HEIGHT, rule: HeightRule.ATLEAST },
        children: row.cells.map((cell) => {
          const start = grid.indexOf(x);
          x += cell.width;
          const span = grid.indexOf(x) - start;
          const align = ALIGN[cell.align ?? 'center'];
          const paragraphs =
            cell.merge === 'continue' || cell.lines.length === 0
              ? [new Paragraph({ style: STYLE.cell, alignment: align, keepNext, children: [] })]
              : cell.lines.map((l) => new Paragraph({ style: STYLE.cell, alignment: align, keepNext, children: runs(l) }));
          return new TableCell({
            children: paragraphs,
            width: { size: cell.width, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            ...(span > 1 ? { columnSpan: span } : {}),
            ...(cell.merge === 'restart' ? { verticalMerge: VerticalMergeType.RESTART } : {}),
            ...(cell.merge === 'continue' ? { verticalMerge: VerticalMergeType.CONTINUE } : {}),
            ...(row.open ? { borders: { top: NO_BORDER, left: NO_BORDER, right: NO_BORDER } } : {}),
          });
        }),
      });
    }),
  });
}

/** A table of the official row model (shared/domain/official-table.ts), as Word writes it. */
function officialRowsTable(rows: readonly OfficialRow[], keepNext = false): Table {
  return buildTable(rows.map((row) => ({ cells: row.cells, header: row.header === true, open: row.open === true, keepNext: keepNext || row.header === true })));
}

/** The main table, its indicator table and (when the project has them) the long-term indicators. */
function projectTables(project: Project): (Paragraph | Table)[] {
  const table = officialTable(project);
  const gap = () => new Paragraph({ style: STYLE.gap, children: [] });
  return [
    officialRowsTable(table.main, true),
    gap(),
    officialRowsTable(table.indicators),
    ...(table.longTermIndicators.length > 0 ? [gap(), officialRowsTable(table.longTermIndicators)] : []),
  ];
}

// ---------------------------------------------------------------------------------------------
// Reports (事前绩效评估报告 and the like): the same page, fonts and table style as the document

/** A part of a report: its title (部分标题), a section heading (节标题), body text, or a table. */
export type ReportBlock =
  | { kind: 'title' | 'heading' | 'paragraph'; text: string }
  | {
      kind: 'table';
      /** Relative column widths; the table fills the text block. */
      columns: number[];
      rows: { cells: { text: string; align?: Align; span?: number; merge?: 'restart' | 'continue' }[]; header?: boolean }[];
    };

/**
 * A report as a Word file: each "\n" of a text a new paragraph; table cells span `span` columns
 * and merge vertically as told.
 */
export async function exportReportDocx(title: string, blocks: readonly ReportBlock[]): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const block of blocks) {
    if (block.kind === 'table') {
      const total = block.columns.reduce((a, b) => a + b, 0);
      const columnWidths = widths(...block.columns.map((w) => Math.round((w / total) * TEXT_WIDTH)));
      children.push(
        buildTable(
          block.rows.map((row) => {
            let column = 0;
            return {
              header: row.header === true,
              keepNext: row.header === true,
              cells: row.cells.map((cell) => {
                const span = cell.span ?? 1;
                const width = columnWidths.slice(column, column + span).reduce((a, b) => a + b, 0);
                column += span;
                return { lines: cell.text === '' ? [] : lines(cell.text), width, align: cell.align ?? 'center', ...(cell.merge ? { merge: cell.merge } : {}) };
              }),
            };
          }),
        ),
      );
    } else {
      const style = block.kind === 'title' ? STYLE.part : block.kind === 'heading' ? STYLE.section : STYLE.body;
      for (const line of lines(block.text)) children.push(para(style, line));
    }
  }
  return officialDocx(title, children);
}
