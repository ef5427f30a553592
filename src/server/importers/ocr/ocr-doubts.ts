/**
 * How sure a table read from a scan is (issue 56): the doubts OCR adds to a table's reading
 * (shared/domain/reading.ts), beside those of the structure stage (structure/doubts.ts).
 *
 * - Every table read by OCR has `ocr-scanned`: nothing read from a scan is certain until a person
 *   has checked it (the import's confirmDoubts; the review does not grade it).
 * - A cell line whose recognition confidence is under LOW_CONFIDENCE: `ocr-low-confidence`, at that
 *   cell (its source carries the page box the preview outlines).
 * - A number holding a character OCR confuses with a digit (O for 0, l or I for 1, 方 for 万 in 方元), or
 *   starting with <, > or = (tesseract reads ≤ and ≥ so), Latin letters among Chinese (工程 as Ae程), or a quotation
 *   mark among Chinese (“ ” and " read for one another), or a value of two numbers apart (200元 as 200 7t): `ocr-confusable`.
 * - Numbers that fail a check: 财政资金 + 其他资金 ≠ 预算数, a rate (率, 比例, 满意度 …) over 100%, a
 *   spending plan's percent over 100 or going back, a target differing from the same indicator's value in the table's
 *   goals (with that value as its likely reading): `ocr-check-failed`, at the value.
 * - A target whose shape is no target's: a character OCR gives for ≥ or ≤ where the sign belongs (295% of a
 *   满意度, 三100%, 280M in a table of signed targets): `ocr-target-shape`, at the value, with its likely readings
 *   (issue 69), which the import preview offers.
 * - A correction the reader made (OcrMark.corrections: a sign told by its strokes, a word put right by the
 *   vocabulary, vocabulary.ts): `ocr-corrected`, at its cell, until a person confirms it.
 *
 * The lines read outside the tables (the cover, part one) are doubted as cells are, in the document's textReading.
 */
import type { DepartmentTargets, Indicator, OcrMark, ParsedDocument, Project, SourceLocation, TargetValue } from '../../../shared/domain/model';
import { DOUBT_DESCRIPTIONS, readingOf, type Doubt, type DoubtCode } from '../../../shared/domain/reading';
import { likelyTargets, parseTargetValue } from '../../../shared/domain/target-value';
import type { Block } from '../blocks';
import { LOW_CONFIDENCE } from './ocr-limits';

/** A line of a table cell as read, with its source. */
interface CellLine {
  text: string;
  source: SourceLocation;
  /** The cell's other lines, joined: a line of Latin letters alone in a cell of Chinese is confusable. */
  rest?: string;
}

/** A line of Latin letters alone (SAE for 金用途: with English beside it, tesseract reads a short Chinese line so). */
const LATIN_LINE = /^[A-Za-z][A-Za-z\s]+$/;

const doubt = (code: DoubtCode, message: string, where: SourceLocation): Doubt => ({ code, part: DOUBT_DESCRIPTIONS[code].part, message, where });

/** Where a source stands, in words: `第2页 表1 行5 列3`, or the line. */
const place = (s: SourceLocation) => s.ref ?? `第${s.line}行`;
const short = (text: string) => (text.length > 20 ? `${text.slice(0, 20)}…` : text);

/**
 * A value that is a number but for a letter OCR confuses with a digit: 1O0%, l00, 2O25年, 12.5O万元.
 * Only texts made of digits, such letters, separators and units count (a code like 13020225P00912310002A has other letters).
 */
const NUMBERISH = /^[\s\d.,，%％≥≤<>=＞＜＝OoIl|万元亿人次个天年月日台套件座公里平方米吨户项所家名册条场期份小时分钟周度元/-]+$/;
const CONFUSED_DIGIT = /\d[OoIl|]|[OoIl|]\d|^[OoIl|][.,]?\d/;
/** 方 where 万 stands before 元 (方元), or a number of 方 that is no 立方/平方. */
const CONFUSED_WAN = /方元|\d\s*方(?![米公千])/;

/** ≥ and ≤ before a number, which OCR reads as >, <, = or 三 (and ≥85% as 285%: the rate check catches that). */
const CONFUSED_OPERATOR = /^[<>=＜＞＝三]\s*\d/;

/** Latin letters among Chinese (工程 read as Ae程, 社工 as tt): a code's letters (13020225P00912310002A) and a unit after a number aside. */
export const LATIN_AMONG_CHINESE = /(?<![\dA-Za-z])[A-Za-z]{2,}(?![\dA-Za-z])|(?<=[\u4e00-\u9fff])[A-Za-z]|[A-Za-z](?=[\u4e00-\u9fff])/;
export const CHINESE = /[\u4e00-\u9fff]/;

/**
 * A quotation mark among Chinese: tesseract gives “ ” and the straight " for one another (新增违建“零增长” read as
 * “零增长", a document's own " read as “), and which one was printed is not known from what it read.
 */
const QUOTE_AMONG_CHINESE = /["“”][^]*[\u4e00-\u9fff]|[\u4e00-\u9fff][^]*["“”]/;

/** A value that is two numbers apart (200元 read as 200 7t: 元 as 7t): no target has that shape. */
const TWO_NUMBERS = /^[<>=≥≤]?\d+(?:\.\d+)?\s+\d/;

export function confusable(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  if (CONFUSED_OPERATOR.test(t)) return true;
  if (QUOTE_AMONG_CHINESE.test(t)) return true;
  if (TWO_NUMBERS.test(t)) return true;
  if (CHINESE.test(t) && LATIN_AMONG_CHINESE.test(t.replace(/\d\s*(?:km|kg|kWh|kW|MW|GB|TB|m2|M|m|t|h)(?![A-Za-z])/g, ''))) return true;
  if (CONFUSED_WAN.test(t) && !/[立平]方/.test(t)) return true;
  return /\d/.test(t) && NUMBERISH.test(t) && CONFUSED_DIGIT.test(t);
}

/** The table indexes (0-based) a table read draws on, by the 表T of its sources' refs. */
function tablesOf(sources: Iterable<SourceLocation | null | undefined>): Set<number> {
  const out = new Set<number>();
  for (const s of sources) {
    const m = s?.ref ? /表(\d+)/.exec(s.ref) : null;
    if (m) out.add(Number(m[1]) - 1);
  }
  return out;
}

function indicatorSources(list: readonly Indicator[]): SourceLocation[] {
  return list.flatMap((i) => [i.source, ...Object.values(i.sources)].filter((s): s is SourceLocation => s !== undefined));
}

/** Rates that cannot pass 100%. */
const RATE = /率|比例|满意度|占比|覆盖|达标|合格|完成|到位|知晓|及时/;

/** Targets written with a sign (≥, ≤, >, <, or words saying one). */
const SIGNED: ReadonlySet<string | null> = new Set(['≥', '≤', '>', '<']);
/** Indicators whose target is a ceiling more often than a floor. */
const COST = /成本|费用|支出|金额|资金|控制|投入|单价/;

/**
 * A target's shape (issue 69): a sign's stand-in where the sign belongs (295%, 三100%, =1次 in a table of ≥ and ≤) is
 * doubted with its likely readings (target-value.ts likelyTargets), which the preview offers.
 */
function shapeDoubt(ind: Indicator, list: readonly Indicator[], tableName: string): Doubt | null {
  const where = ind.sources.target;
  if (where?.ocr === undefined) return null;
  const others = list.filter((o) => o !== ind && o.target.kind === 'quantitative');
  const signed = others.filter((o) => SIGNED.has(o.target.operator)).length;
  const rate = RATE.test(ind.name);
  const prefer = ind.level1 === '成本指标' || COST.test(ind.name) || /元$/.test(ind.target.unit ?? '') ? '≤' : '≥';
  const likely = likelyTargets(ind.target.raw, { rate, signed: signed >= 2 && signed * 2 >= others.length, prefer });
  if (likely === null) return null;
  const read = ind.target.raw.trim();
  const said = likely.map((l) => `“${l}”`).join('或');
  return { ...doubt('ocr-target-shape', `${tableName}的指标“${short(ind.name)}”的指标值“${short(read)}”不像指标值（比较符号处是“${read[0]}”），可能是${said}`, where), likely };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The same indicator's value elsewhere in the document (issue 69): a goal of the same table that names the indicator
 * with a number of the same unit (培训合格率达到95%以上 beside a 培训合格率 read as 65%). A value read by OCR that differs
 * from it is doubted at its cell, with the goal's value as its likely reading (the operator the goal says, else the
 * one read). Only a name of three characters or more is looked for; a goal naming the indicator twice with two
 * values says nothing.
 */
function elsewhereDoubt(ind: Indicator, texts: readonly string[], tableName: string): Doubt | null {
  const where = ind.sources.target;
  const t = ind.target;
  if (where?.ocr === undefined || t.kind !== 'quantitative' || t.value === null || t.unit === null) return null;
  const name = ind.name.trim();
  if ([...name].length < 3) return null;
  const found = new Set<string>();
  let said: TargetValue | null = null;
  const near = new RegExp(`${escape(name)}[^\\d。；;，,\\n]{0,8}?(\\d+(?:\\.\\d+)?\\s*${escape(t.unit)}[^\\d。；;，,\\n]{0,4})`, 'g');
  for (const text of texts) {
    for (const m of text.matchAll(near)) {
      const before = text.slice(Math.max(0, m.index + name.length), m.index + m[0].length - m[1]!.length);
      const v = parseTargetValue(`${before}${m[1]!}`.replace(/^[^\d不至达大小低高超以≥≤><]*/, ''));
      if (v.kind !== 'quantitative' || v.value === null || v.unit !== t.unit) continue;
      found.add(String(v.value));
      said = v;
    }
  }
  if (said === null || found.size !== 1 || said.value === t.value) return null;
  const operator = said.operator !== null && said.operator !== '=' ? said.operator : t.operator !== null && t.operator !== '=' ? t.operator : '';
  const likely = [`${operator}${said.valueText ?? said.value}${t.unit}`];
  return { ...doubt('ocr-check-failed', `${tableName}的指标“${short(ind.name)}”的指标值“${short(t.raw)}”与本表绩效目标中的 ${said.value}${t.unit} 不一致，可能识别有误`, where), likely };
}

function checkIndicators(list: readonly Indicator[], tableName: string, out: Doubt[], elsewhere: readonly string[] = []): void {
  for (const ind of list) {
    const t = ind.target;
    const shape = shapeDoubt(ind, list, tableName);
    if (shape !== null) {
      out.push(shape);
      continue;
    }
    // a rate over 100 is said so, with the goals' value as its likely reading when they give one
    const other = elsewhereDoubt(ind, elsewhere, tableName);
    if (t.unit === '%' && t.value !== null && t.value > 100 && (t.operator === '≥' || t.operator === '=' || t.operator === '>') && RATE.test(ind.name)) {
      out.push({ ...doubt('ocr-check-failed', `${tableName}的指标“${short(ind.name)}”的指标值 ${t.raw} 超过 100%，可能识别有误`, ind.sources.target ?? ind.source), ...(other?.likely ? { likely: other.likely } : {}) });
    } else if (other !== null) out.push(other);
  }
}

function checkProjectNumbers(p: Project, tableName: string, out: Doubt[]): void {
  const { total, fiscal, other } = p.budget;
  if (total !== null && fiscal !== null && fiscal + (other ?? 0) !== total && (other !== null || fiscal > total)) {
    out.push(doubt('ocr-check-failed', `${tableName}的财政资金与其他资金之和不等于预算数，其中某个金额可能识别有误`, p.sources.total ?? p.source));
  }
  let before = 0;
  for (const c of p.spendingPlan) {
    if (c.percent === null) continue;
    if (c.percent > 100 || c.percent < before) {
      out.push(doubt('ocr-check-failed', `${tableName}的资金支出计划 ${c.percent}% ${c.percent > 100 ? '超过 100%' : '小于前一期'}，可能识别有误`, c.source ?? p.sources.spendingPlan ?? p.source));
    }
    before = Math.max(before, c.percent);
  }
  const goals = [...p.goals, ...p.longTermGoals];
  checkIndicators(p.indicators, tableName, out, goals);
  checkIndicators(p.longTermIndicators, tableName, out, goals);
}

/** The cells' lines read by OCR that are doubted: too little confidence, or a confusable character. */
function cellDoubts(lines: readonly CellLine[], tableName: string, out: Doubt[]): void {
  for (const { text, source, rest } of lines) {
    const mark: OcrMark | undefined = source.ocr;
    if (mark === undefined || text.trim() === '') continue;
    for (const c of mark.corrections ?? []) {
      const by = c.by === 'sign' ? '按字形读作比较符号' : '按应有的用词';
      out.push(doubt('ocr-corrected', `${tableName}${place(source)}“${short(c.as)}”由识别结果“${short(c.read)}”更正（${by}），请核对`, source));
    }
    if (mark.confidence < LOW_CONFIDENCE) {
      const how = mark.confidence === 0 ? '有文字未能识别' : `识别置信度 ${Math.round(mark.confidence)}`;
      out.push(doubt('ocr-low-confidence', `${tableName}${place(source)}“${short(text.trim())}”${how}，请对照原件核对`, source));
    } else if (confusable(text) || (LATIN_LINE.test(text.trim()) && CHINESE.test(rest ?? ''))) {
      out.push(doubt('ocr-confusable', `${tableName}${place(source)}“${short(text.trim())}”含易混淆字符，请核对`, source));
    }
  }
}

/** A table's fields with their sources, for those read outside its cells. */
function outside(target: Project | DepartmentTargets): CellLine[] {
  const s = target.sources as Partial<Record<string, SourceLocation>>;
  const texts: Record<string, string | null | undefined> = { title: target.title, department: target.department?.name, ...('name' in target ? { name: target.name, code: target.code } : {}) };
  return Object.entries(texts).flatMap(([key, text]) => (s[key] !== undefined && text ? [{ text, source: s[key] }] : []));
}

/**
 * Adds OCR's doubts to the readings of a document's tables read (at least in part) from a scan:
 * `blocks` are the reader's, whose cell sources carry the OCR marks. A table none of whose cells was
 * read by OCR (a mixed PDF's text pages) gets none.
 */
export function addOcrDoubts(doc: ParsedDocument, blocks: readonly Block[]): void {
  const cells = new Map<number, CellLine[]>();
  for (const b of blocks) {
    if (b.kind !== 'row' || b.table === undefined) continue;
    const list = cells.get(b.table) ?? cells.set(b.table, []).get(b.table)!;
    for (const cell of b.cells) cell.lines.forEach((text, i) => list.push({ text, source: cell.sources[i]!, rest: cell.lines.filter((_, k) => k !== i).join('') }));
  }
  const read = (tables: Set<number>) => [...tables].flatMap((t) => cells.get(t) ?? []);
  /** The lines read outside the tables that a table's fields were read from (its title, the unit's line over it). */
  const tableLines = new Set<number>();
  const add = (target: Project | DepartmentTargets, tableName: string, tables: Set<number>, checks: (out: Doubt[]) => void) => {
    const lines = read(tables);
    if (!lines.some((l) => l.source.ocr !== undefined)) return;
    const doubts = [...(target.reading?.doubts ?? [])];
    doubts.push(doubt('ocr-scanned', `${tableName}取自扫描图像，由文字识别（OCR）读取，须对照原件核对后确认`, target.source));
    cellDoubts(lines, tableName, doubts);
    // the table's fields read outside its cells (its title, the unit's line over it)
    const inCells = new Set(lines.map((l) => l.source.line));
    const over = outside(target).filter((l) => l.source.ocr !== undefined && !inCells.has(l.source.line));
    for (const l of over) tableLines.add(l.source.line);
    cellDoubts(over, tableName, doubts);
    checks(doubts);
    target.reading = readingOf(distinct(doubts));
  };
  for (const p of doc.projects) {
    const tables = tablesOf([p.source, ...Object.values(p.sources), ...p.fields.map((f) => f.source), ...indicatorSources(p.indicators), ...indicatorSources(p.longTermIndicators)]);
    add(p, `项目“${short(p.name)}”的表`, tables, (out) => checkProjectNumbers(p, `项目“${short(p.name)}”的表`, out));
  }
  const d = doc.departmentTargets;
  if (d) {
    const tables = tablesOf([d.source, ...Object.values(d.sources), ...indicatorSources(d.indicators)]);
    add(d, '部门整体绩效目标表', tables, (out) => checkIndicators(d.indicators, '部门整体绩效目标表', out, d.goals));
  }
  // the text outside the tables (the cover, part one, the narrative): its lines doubted as a table's cells are
  const text = blocks.flatMap((b) => (b.kind === 'paragraph' && b.source.ocr !== undefined && !tableLines.has(b.source.line) ? [{ text: b.text, source: b.source }] : []));
  if (text.length > 0) {
    const doubts: Doubt[] = [];
    cellDoubts(text, '正文', doubts);
    doc.textReading = readingOf(distinct(doubts));
  }
}

/** Doubts without repeats (one line read for two fields: a title and its department). */
function distinct(doubts: readonly Doubt[]): Doubt[] {
  const seen = new Set<string>();
  return doubts.filter((d) => {
    const key = `${d.code}|${d.where.line}|${d.where.ref ?? ''}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
