/**
 * A 项目支出绩效自评表 (issue 59; the forms units really submit, issue 70) read through the structure stage: the
 * indicator header by structure/header.ts (each column by its path, a header of two rows too — 绩效指标 | 年度指标值 |
 * 实际完成值 | 分值 | 得分 over 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位: upper-header.ts), the columns
 * the target tables lack known by their header here (实际完成值 or 全年实际值 or 完成值, 分值 or 权重, 得分 or 指标得分,
 * 偏差原因分析 or 未完成原因分析), the form's labels (项目名称, 主管部门, 实施单位), the funds block (年初预算数 | 全年预算数 |
 * 全年执行数 | 分值 | 执行率 | 得分 over its 年度资金总额 row, or the Sichuan form's 年初预算 | 调整后预算数 | 预算执行数 |
 * 预算执行率 | 权重 | 得分 over 总额), the total row (总分, with the grade in it or in a row or line of its own).
 *
 * Rows: a template's placeholder (指标2, ……, 指标1：/) with nothing filled is no indicator; a 其中 row with no points of
 * its own is a breakdown of the row above, and numbered sub-items (1.1, 1.2 under 1.) are parts of their parent (their
 * points add up to its); a category cell that states only points, "(50分)", keeps them (level1Points), and a category
 * carried down from a merged cell is not carried onto a 二级指标 of another 一级指标.
 *
 * Every value keeps its cell; what cannot be read surely is a doubt (shared/domain/reading.ts), never a guess.
 *
 * A table is a self-evaluation when its indicator header has an actual and a score column, or its funds block has
 * 全年执行数 and 得分 (isSelfEvaluationTable): then it is read here and not as a target table.
 */
import type { SourceLocation } from '../../../shared/domain/model';
import { type MoneyUnit, parseAmount } from '../../../shared/domain/money';
import { readingOf, type Doubt, type DoubtCode, DOUBT_DESCRIPTIONS } from '../../../shared/domain/reading';
import {
  categoryOf,
  type SubmittedAmount,
  type SubmittedFigure,
  type SubmittedFundsPart,
  type SubmittedIndicator,
  type SubmittedSelfEvaluation,
  type SubmittedSources,
} from '../../../shared/domain/submitted-self-evaluation';
import { parseTargetValue } from '../../../shared/domain/target-value';
import { compactLabel, toHalfWidth } from '../../../shared/domain/text';
import { getFramework, level1Of } from '../../../shared/domain/framework';
import { splitCategoryWeight } from '../../../shared/layout/indicator-columns';
import type { Block, RowBlock } from '../blocks';
import { headerOver, paragraphText, place, preview, rowMemo, type Placed } from '../parse/grid';
import type { Segment } from '../parse/segment';
import { isIndicatorHeader, readHeaderBlock, type Column } from '../structure/header';

/** A column of the indicator header, by what it holds in a self-evaluation. */
type Role = 'level1' | 'level2' | 'name' | 'target' | 'nature' | 'unit' | 'actual' | 'points' | 'score' | 'deviation' | 'measures' | 'label' | 'extra';

const key = (text: string) => compactLabel(toHalfWidth(text)).replace(/[:：]$/, '');
/** A header without the letter or formula some forms put after it: 年度指标值(A), 实际完成值(B), 执行率(B/A). */
const bareHeader = (text: string) => key(text).replace(/\([A-Za-z0-9+\-*×÷/=%]{1,8}\)$/, '');

/** Headers of the columns the target tables do not have, by their last path text. */
const ACTUAL_HEADER = /^(实际完成值|实际完成情况|实际值|完成值|全年实际值|全年实际完成值|年度实际完成值|实际完成指标值|指标实际完成值|实际完成|实际完成数|完成情况|全年完成值|年度完成值|实际达到值)$/;
const SCORE_HEADER = /^(得分|自评得分|评分|实际得分|指标得分|自评分|自评分值)$/;
const POINTS_HEADER = /^(分值|权重|指标分值|指标权重|分值权重|指标分值权重|权重分值|标准分值|满分)$/;
const DEVIATION_HEADER = /^(偏差原因分析及改进措施|偏差原因分析和改进措施|偏差原因分析|偏差原因|未完成原因分析|未完成原因|原因分析|偏差原因及改进措施|未完成原因和改进措施|未完成原因及改进措施|未完成原因及拟采取的改进措施|未完成原因分析及改进措施|偏差原因分析及整改措施)$/;
const MEASURES_HEADER = /^(改进措施|整改措施|拟采取的改进措施)$/;

/** Other headers of a deviation's column: what it begins with. */
const DEVIATION_START = /^(偏差|未完成|未达标|未达成)(原因|情况)/;
/** A target's column the structure stage does not name with its letter after it: 年度指标值(A). */
const TARGET_HEADER = /^(年度)?(指标值|目标值)$/;

function roleOf(column: Column): Role {
  const last = bareHeader(column.path[column.path.length - 1] ?? column.text);
  if (column.keep !== undefined) return 'extra';
  if (ACTUAL_HEADER.test(last)) return 'actual';
  if (SCORE_HEADER.test(last)) return 'score';
  if (DEVIATION_HEADER.test(last) || DEVIATION_START.test(last)) return 'deviation';
  if (MEASURES_HEADER.test(last)) return 'measures';
  if (POINTS_HEADER.test(last)) return 'points';
  if (column.field === null && TARGET_HEADER.test(last)) return 'target';
  switch (column.field) {
    case 'level1':
    case 'level2':
    case 'name':
      return column.field;
    case 'target':
    case 'value':
      return 'target';
    case 'nature':
    case 'operator':
      return 'nature';
    case 'unit':
      return 'unit';
    case 'weight':
      return 'points';
    default:
      // a label down the left (绩效指标, 年度绩效指标完成情况): its cells are empty in the rows
      return column.rowGroup || /绩效指标|指标完成情况/.test(last) ? 'label' : 'extra';
  }
}

/** The funds block's headers. */
const FUNDS_HEADERS: readonly [keyof FundsColumns, RegExp][] = [
  ['budgetStart', /^(年初预算数|年初预算|年初预算金额)/],
  ['budgetFull', /^(全年预算数|调整后预算数|调整后预算|全年预算|全年预算金额|预算调整数|预算数)/],
  ['executed', /^(全年执行数|全年实际执行数|预算执行数|执行数|实际支出数|全年实际支出|实际执行数|全年支出数|实际支出)/],
  ['points', /^(分值|权重|分值权重)/],
  ['rate', /^(执行率|预算执行率)/],
  ['score', /^(得分|自评得分)/],
];
type FundsColumns = { budgetStart: Placed; budgetFull: Placed; executed: Placed; points: Placed; rate: Placed; score: Placed };

const FUNDS_TOTAL_ROW = /^(年度资金总额|资金总额|项目资金总额|总额|合计|总计|年度预算资金总额)/;
const TOTAL_ROW = /^(总分|合计|总计|自评总分|综合得分|总得分)$/;
/** Rows of the form after the indicators: they end them. */
const AFTER_INDICATORS = /^(其他需要说明(的)?(事项|问题)|其他说明|评价结论|自评结论|主要经验|存在(的)?问题|改进措施|整改措施|项目负责人|财务负责人|填表人|联系人|联系电话|审核意见|备注)/;
const GRADE_LABEL = /^(自评等级|评价等级|绩效等级|自评结果|评价结果|等级)$/;
const GRADE_LINE = /^(自评等级|评价等级|绩效等级|自评结果|评价结果)[:：]\s*(优|良|中|差|优秀|良好|合格|不合格)\s*$/;
const GRADE_WORD = /^(优|良|中|差|优秀|良好|合格|不合格)$/;
const FORM_LABELS: readonly [keyof Pick<SubmittedSelfEvaluation, 'project' | 'code' | 'unit' | 'department'>, RegExp][] = [
  ['project', /^(项目名称|专项资金名称|专项名称|项目\(专项\)名称|专项\(项目\)名称)$/],
  ['code', /^(项目编码|项目代码|项目编号)$/],
  ['department', /^(县级|市级|省级)?(主管部门|预算主管部门|主管单位|主管部门及代码)$/],
  ['unit', /^(实施单位|项目实施单位|项目单位|预算单位)$/],
];
/** A department's own table names the department where a project's names the project. */
const DEPARTMENT_LABEL = /^(部门\(单位\)名称|部门名称|单位名称|部门\(单位\))$/;
const DEPARTMENT_TITLE = /部门整体|整体支出/;

const SELF_EVALUATION_HINT = /[实完得评执]/;

/** Whether the rows are a self-evaluation table (see the file comment): asked of every table, cheap. */
export function isSelfEvaluationTable(rows: readonly RowBlock[]): boolean {
  // a score header is needed (得分, 评分 …): most tables have no cell ending in 分, and are answered by their rows; a
  // score header with its letter after it (得分（C）) is looked for only then, in the indicator header (whether a row is
  // one is asked of every row by the structure stage anyway, and remembered)
  // …or, without any score, the year's execution beside each indicator's actual (a county's 绩效目标自评表 of
  // 全年预算数 | 全年执行数 and 年度指标值 | 实际完成值, no 分值 or 得分: 衡山县, issue 70)
  // Every answer needs a score header or an execution header, each a short cell with 得 or 评 and 分, or 执, in it (rowMemo's
  // scoreOrExecution): most tables have neither, and are answered by their rows, not their cells.
  let points = false;
  let hint = false;
  for (const row of rows) {
    const memo = rowMemo(row);
    points ||= memo.endsInPoints;
    hint ||= memo.scoreOrExecution;
  }
  if (!hint) return false;
  const scored = () => points || rows.some((row) => isIndicatorHeader(row) && place(row).some((p) => p.text.length <= 16 && p.text.includes('得分')));
  let actual = false;
  let score = false;
  let executed = false;
  for (const row of rows) {
    for (const p of place(row)) {
      // Every header looked for has one of these characters: most cells are skipped before they are compacted.
      if (p.text === '' || p.text.length > 16 || !SELF_EVALUATION_HINT.test(p.text)) continue;
      const k = bareHeader(p.text);
      if (ACTUAL_HEADER.test(k)) actual = true;
      else if (SCORE_HEADER.test(k)) score = true;
      else if (/^(全年执行数|预算执行数)/.test(k)) executed = true;
      if (actual && executed) return true;
    }
  }
  // the headers only ever add up, so asking at the end is asking at the first cell that completes them; whether the
  // table is scored is asked only of the few tables that have the headers
  return score && (actual || executed) && scored();
}

/** A number of points, a score or a percent, as written; null for an empty cell or a dash; undefined when it is no number. */
function readFigure(text: string): SubmittedFigure | null | undefined {
  const t = toHalfWidth(text).replace(/\s+/g, '');
  if (t === '' || /^[-—–/／]+$/.test(t)) return null;
  const m = /^(\d+(?:\.\d+)?)(分|%)?$/.exec(t);
  return m ? { text: m[1]!, value: Number(m[1]) } : undefined;
}

interface Reader {
  doubts: Doubt[];
  sources: SubmittedSources;
  doubt(code: DoubtCode, message: string, where: SourceLocation): void;
}

const sourceOfCell = (row: RowBlock, p: Placed | undefined): SourceLocation => p?.cell.sources[0] ?? row.source;

/** A year the lines over the table give: "绩效目标自评表 (2019年度)", "（2023年度）". */
function yearOver(seg: Segment, blocks: readonly Block[]): number | null {
  const first = seg.rows[0];
  let k = first === undefined ? -1 : blocks.indexOf(first);
  const texts = [seg.title, seg.heading?.text ?? ''];
  for (let n = 0; k > 0 && n < 4; n++) {
    const b = blocks[--k]!;
    if (b.kind === 'row') break;
    texts.push(b.text);
  }
  for (const t of texts) {
    const h = toHalfWidth(t);
    const m = /[(]\s*(20\d{2})\s*年度?\s*[)]/.exec(h) ?? (/自评/.test(h) ? /(20\d{2})\s*年/.exec(h) : null);
    if (m) return Number(m[1]);
  }
  return null;
}

/**
 * Reads a self-evaluation table. `blocks` and the segment's rows place the lines around the table
 * (a grade written as 自评等级：优 under it, a year line over it).
 */
export function readSelfEvaluation(seg: Segment, blocks: readonly Block[], tableNumber: number): SubmittedSelfEvaluation {
  const rows = seg.rows;
  const tableName = `自评表${tableNumber}${seg.title ? `“${preview(seg.title, 20)}”` : ''}`;
  const doubts: Doubt[] = [];
  const r: Reader = {
    doubts,
    sources: {},
    doubt: (code, message, where) => doubts.push({ code, part: DOUBT_DESCRIPTIONS[code].part, message: `${tableName}${message}`, where }),
  };
  const se: SubmittedSelfEvaluation = {
    kind: DEPARTMENT_TITLE.test(`${seg.title}${seg.heading?.text ?? ''}`) ? 'department' : 'project',
    project: null,
    code: null,
    unit: null,
    department: null,
    year: seg.year ?? yearOver(seg, blocks),
    amountUnit: seg.unit ?? '万元',
    funds: { budgetStart: null, budgetFull: null, executed: null, points: null, rate: null, score: null },
    goals: { expected: null, actual: null },
    categoryPoints: [],
    indicators: [],
    total: null,
    totalPoints: null,
    grade: null,
    sources: r.sources,
    title: seg.title,
    source: seg.source,
    reading: readingOf([]),
  };

  const headerAt = rows.findIndex((row) => isIndicatorHeader(row));
  const header = headerAt >= 0 ? readHeaderBlock(rows, headerAt, se.year) : null;
  readForm(rows.slice(0, header?.from ?? rows.length), se, r);
  let end = rows.length;
  if (header !== null) end = readIndicators(rows, header, se, r);
  else r.doubt('self-eval-columns', '没有找到绩效指标表头（一级指标、三级指标、实际完成值、得分等栏目），未能读取指标', seg.source);
  readTail(rows.slice(end), se, r);
  if (se.grade === null) readGradeLine(rows, blocks, se, r);
  if (se.project !== null && se.unit === null) se.unit = se.department;
  se.reading = readingOf(doubts);
  return se;
}

/** The form above the indicator header: labels and their values, the funds block, the overall goal. */
function readForm(rows: readonly RowBlock[], se: SubmittedSelfEvaluation, r: Reader): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const cells = place(row).filter((p) => p.text !== '');
    const funds = fundsColumns(row);
    if (funds !== null) {
      i = readFunds(rows, i, funds, se, r);
      continue;
    }
    const expectedAt = cells.findIndex((p) => /^(预期目标|年度预期目标|预期目标完成情况|年初设定目标|项目年度目标|总体目标)$/.test(key(p.text)));
    const actualAt = cells.findIndex((p) => /^(实际完成情况|目标实际完成情况|实际完成|年度总体目标完成情况综述|年度目标完成情况|总体目标完成情况)$/.test(key(p.text)));
    if (expectedAt >= 0 && actualAt >= 0 && rows[i + 1]) {
      const next = place(rows[i + 1]!).filter((p) => p.text !== '');
      const under = (h: Placed) => next.find((p) => p.start < h.end && p.end > h.start);
      // without a grid the row under has the goals in the columns of their headers, or as its last two texts
      const e = under(cells[expectedAt]!) ?? (next.length >= 2 ? next[next.length - 2] : undefined);
      const a = under(cells[actualAt]!) ?? (next.length >= 2 ? next[next.length - 1] : undefined);
      if (e) {
        se.goals.expected = paragraphText(e.cell);
        r.sources['goals.expected'] = sourceOfCell(rows[i + 1]!, e);
      }
      if (a && a !== e) {
        se.goals.actual = paragraphText(a.cell);
        r.sources['goals.actual'] = sourceOfCell(rows[i + 1]!, a);
      }
      i++;
      continue;
    }
    for (let k = 0; k < cells.length; k++) {
      // a label with the place of its seal after it: 实施单位（盖章）
      const label = key(cells[k]!.text).replace(/[(（]盖章[)）]$/, '');
      if (DEPARTMENT_LABEL.test(toHalfWidth(label)) && cells[k + 1] !== undefined) {
        // 部门（单位）名称: a department's own table (部门整体支出绩效自评表)
        se.kind = 'department';
        se.unit = se.department = cells[k + 1]!.text;
        r.sources.unit = r.sources.department = sourceOfCell(row, cells[k + 1]);
        k++;
        continue;
      }
      const hit = FORM_LABELS.find(([, re]) => re.test(label));
      if (!hit) continue;
      const value = cells[k + 1];
      if (!value || FORM_LABELS.some(([, re]) => re.test(key(value.text)))) continue;
      se[hit[0]] = value.text;
      r.sources[hit[0]] = sourceOfCell(row, value);
      k++;
    }
    for (const p of cells) se.amountUnit = fundsUnit(p.text) ?? se.amountUnit;
  }
}

/** The unit a 项目资金（万元） label names, else null. */
const fundsUnit = (text: string): MoneyUnit | null =>
  (/^(项目资金|资金情况|年度预算数|预算资金|项目资金情况|资金来源|部门资金|年度资金|部门预算资金|年度预算申请)[(](万元|元)[)]$/.exec(toHalfWidth(key(text)))?.[2] as MoneyUnit | undefined) ?? null;

/** The funds header's columns when the row is one (年初预算数 … 得分), else null. */
function fundsColumns(row: RowBlock): Partial<FundsColumns> | null {
  const found: Partial<FundsColumns> = {};
  for (const p of place(row)) {
    const k = key(p.text);
    if (k === '') continue;
    const hit = FUNDS_HEADERS.find(([, re]) => re.test(k));
    if (hit && found[hit[0]] === undefined) found[hit[0]] = p;
  }
  return found.executed !== undefined && (found.budgetFull !== undefined || found.budgetStart !== undefined) ? found : null;
}

/** Reads the funds block whose header is rows[at]; the index of its last row read. */
function readFunds(rows: readonly RowBlock[], at: number, columns: Partial<FundsColumns>, se: SubmittedSelfEvaluation, r: Reader): number {
  // the unit in the label down the left of the block, when it is in the header's row
  for (const p of place(rows[at]!)) se.amountUnit = fundsUnit(p.text) ?? se.amountUnit;
  let i = at + 1;
  let totalRow: RowBlock | null = null;
  for (; i < rows.length; i++) {
    const cells = place(rows[i]!).filter((p) => p.text !== '');
    if (cells.length === 0) continue;
    if (cells.some((p) => FUNDS_TOTAL_ROW.test(key(p.text)))) {
      totalRow = rows[i]!;
      break;
    }
    if (!cells.some((p) => readFigure(p.text) !== undefined)) break;
  }
  if (totalRow === null) {
    r.doubt('self-eval-funds', '有年度资金表头，但没有找到“年度资金总额”行，未能读取资金', rows[at]!.source);
    return at;
  }
  const row = totalRow;
  const cells = place(row);
  const under = (h: Placed | undefined) => (h === undefined ? undefined : cells.find((p) => p.start < h.end && p.end > h.start && p.start >= h.start));
  const amounts = readAmounts(row, columns, se, r, '');
  for (const field of AMOUNT_FIELDS) {
    if (amounts.sources[field] !== undefined) r.sources[`funds.${field}`] = amounts.sources[field];
    se.funds[field] = amounts[field];
  }
  for (const field of ['points', 'rate', 'score'] as const) {
    const p = under(columns[field]);
    if (p === undefined) continue;
    const where = sourceOfCell(row, p);
    const value = readFigure(p.text);
    if (value === undefined) {
      r.doubt('self-eval-figure', `年度资金的${FUNDS_LABEL[field]}“${preview(p.text, 20)}”不是数值，未能读取`, where);
      continue;
    }
    if (value === null) continue;
    se.funds[field] = value;
    r.sources[`funds.${field}`] = where;
  }
  // the rows under the total (其中：当年财政拨款 …) are its parts, kept with their amounts (the 复核 adds them up)
  const parts: SubmittedFundsPart[] = [];
  while (i + 1 < rows.length && fundsColumns(rows[i + 1]!) === null && !isIndicatorHeader(rows[i + 1]!)) {
    const partRow = rows[i + 1]!;
    const placed = place(partRow);
    const label = placed.find((p) => FUNDS_PART_ROW.test(key(p.text)));
    if (label === undefined) break;
    i++;
    // “其中：” in a cell of its own: the label goes on in the next (其中： | 本年财政拨款)
    const next = placed[placed.indexOf(label) + 1];
    const text = /^(其中|含)$/.test(key(label.text)) && next !== undefined && readFigure(next.text) === undefined ? `${label.text}${next.text}` : label.text;
    const a = readAmounts(partRow, columns, se, r, `“${preview(text, 12)}”`);
    parts.push({ label: text, budgetStart: a.budgetStart, budgetFull: a.budgetFull, executed: a.executed, sources: { label: sourceOfCell(partRow, label), ...a.sources } });
  }
  if (parts.length > 0) se.funds.parts = parts;
  return i;
}

const AMOUNT_FIELDS = ['budgetStart', 'budgetFull', 'executed'] as const;
type AmountField = (typeof AMOUNT_FIELDS)[number];

/** A row of the funds block that breaks its total down: 其中：本年财政拨款, 上年结转资金, 其他资金, 基本支出 … */
const FUNDS_PART_ROW = /^(其中|当年财政拨款|本年财政拨款|财政拨款|财政资金|上年结转|其他资金|财政专户|单位资金|自有资金|基本支出|项目支出)/;

/**
 * The amounts of a funds row (the total or one of its parts) under the header's 年初预算数, 全年预算数 and 全年执行数, each with
 * its cell; a cell that is not an amount is a doubt (`what` names the row in it), an empty one or a dash null.
 */
function readAmounts(row: RowBlock, columns: Partial<FundsColumns>, se: SubmittedSelfEvaluation, r: Reader, what: string): Record<AmountField, SubmittedAmount | null> & { sources: Partial<Record<AmountField, SourceLocation>> } {
  const cells = place(row);
  const under = (h: Placed | undefined) => (h === undefined ? undefined : cells.find((p) => p.start < h.end && p.end > h.start && p.start >= h.start));
  const out: Record<AmountField, SubmittedAmount | null> & { sources: Partial<Record<AmountField, SourceLocation>> } = { budgetStart: null, budgetFull: null, executed: null, sources: {} };
  for (const field of AMOUNT_FIELDS) {
    const p = under(columns[field]);
    if (p === undefined || p.text === '' || readFigure(p.text) === null) continue;
    const parsed = parseAmount(p.text, se.amountUnit);
    const where = sourceOfCell(row, p);
    out.sources[field] = where;
    if (!parsed.ok || parsed.fen === null) {
      if (!parsed.ok) r.doubt('self-eval-funds', `的${what}${FUNDS_LABEL[field]}“${preview(p.text, 20)}”不是金额，未能读取`, where);
      continue;
    }
    out[field] = { text: toHalfWidth(p.text).replace(/[\s,，]/g, '').replace(/(万元|元|万)$/, ''), fen: parsed.fen } satisfies SubmittedAmount;
  }
  return out;
}

const FUNDS_LABEL: Record<keyof FundsColumns, string> = {
  budgetStart: '年初预算数',
  budgetFull: '全年预算数',
  executed: '全年执行数',
  points: '分值',
  rate: '执行率',
  score: '得分',
};

const ROLE_LABEL: Record<'name' | 'target' | 'actual' | 'points' | 'score', string> = {
  name: '三级指标',
  target: '年度指标值',
  actual: '实际完成值',
  points: '分值',
  score: '得分',
};

/** The first text of a row, compacted. */
function firstText(row: RowBlock): string {
  const first = place(row).find((p) => p.text !== '');
  return first === undefined ? '' : key(first.text);
}

/** A row that ends the indicator rows: 总分, a grade's label, a part of the form after them (其他需要说明事项 …). */
function endsIndicators(row: RowBlock): boolean {
  const first = firstText(row);
  return TOTAL_ROW.test(first) || GRADE_LABEL.test(first) || AFTER_INDICATORS.test(first);
}

/** A category cell's name and the points it states: "产出指标(50分)", "(50分)" alone, "数量指标（20分）". */
function categoryCell(text: string): { name: string; points: number | null } {
  const t = text.replace(/\s+/g, '');
  const alone = /^[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$/.exec(toHalfWidth(t));
  if (alone) return { name: '', points: Number(alone[1]) };
  const split = splitCategoryWeight(t);
  return { name: split.category.replace(/\s+/g, ''), points: split.weight };
}

/** A template's placeholder name: 指标2, 指标1：, ……, 指标1：/ — with nothing of an indicator's. */
function isPlaceholderName(name: string): boolean {
  const t = toHalfWidth(name).replace(/\s+/g, '').replace(/^指标\d*[:：.、]?/, '');
  return /^[…．.。\-—/／无]*$/.test(t);
}

/** An operator written alone (the 指标性质 column of the national form's three target cells): ≥, ≧, ═, 大于等于 … */
function isOperatorText(text: string): boolean {
  if (text === '') return false;
  const t = parseTargetValue(`${text}1`);
  return t.kind === 'quantitative' && t.operator !== null && t.valueText === '1' && t.unit === null;
}

/** The target as a person reads the national form's 指标性质 | 指标值 | 度量单位: ≧ | 735 | 人次 → ≧735人次. */
function joinTarget(nature: string, value: string, unit: string): string {
  if (value === '') return '';
  const own = parseTargetValue(value);
  let text = value;
  if (isOperatorText(nature) && !(own.operator !== null && own.operator !== '=') && !/^\s*[=＝═]/.test(value)) text = `${nature}${text}`;
  if (unit !== '' && own.kind === 'quantitative' && own.unit === null) text = `${text}${unit}`;
  return text;
}

/** Numbering of a name: "1." → ["1"], "1.2" → ["1","2"], "（1）" → null (no parent number). */
function numberingOf(name: string): string[] | null {
  const m = /^(\d{1,2}(?:[.．-]\d{1,2})*)(?:[.．、]|\s|(?=[\u4e00-\u9fa5]))/.exec(toHalfWidth(name).trim());
  return m ? m[1]!.split(/[.．-]/) : null;
}

/** Reads the indicator rows under the header; the index of the first row after them. */
function readIndicators(rows: readonly RowBlock[], header: ReturnType<typeof readHeaderBlock>, se: SubmittedSelfEvaluation, r: Reader): number {
  const columns = header.columns.map((c) => ({ column: c, role: roleOf(c) }));
  const byRole = new Map<Role, Column>();
  for (const c of columns) if (!byRole.has(c.role)) byRole.set(c.role, c.column);
  const lacking = (['name', 'target', 'actual', 'points', 'score'] as const).filter((role) => !byRole.has(role));
  if (lacking.length > 0) {
    r.doubt('self-eval-columns', `的指标表头中没有${lacking.map((x) => `“${ROLE_LABEL[x]}”`).join('、')}栏目，自评得分无法核对`, rows[header.at]!.source);
  }
  const headers = columns.map((c) => ({ start: c.column.start, end: c.column.end, role: c.role, header: c.column.path.join('›') }));
  // the header's texts, to know its rows repeated on a new page (the row over the header row is no header row of its own)
  const headerTexts = new Set(header.columns.flatMap((c) => c.path));
  const repeatsHeader = (cells: readonly Placed[]) => cells.some((p) => p.text !== '') && cells.every((p) => p.text === '' || headerTexts.has(p.text.replace(/\s+/g, '')));
  const fw = getFramework('cn-2015')!;
  let level1 = '';
  let level1Points: number | null = null;
  let level2 = '';
  let level2Points: number | null = null;
  let level1Source: SourceLocation | undefined;
  let level2Source: SourceLocation | undefined;
  let i = header.to;
  for (; i < rows.length; i++) {
    const row = rows[i]!;
    if (endsIndicators(row)) break;
    if (isIndicatorHeader(row)) continue; // the header repeated on a new page
    const cells = place(row);
    if (cells.every((p) => p.text === '') || repeatsHeader(cells)) continue;
    const values = new Map<Role, Placed>();
    const extras: { header: string; text: string }[] = [];
    for (const p of cells) {
      const h = headerOver(p, headers);
      if (h === null) continue;
      if (h.role === 'extra') {
        if (p.text !== '' && !p.cell.mergedFromAbove) extras.push({ header: h.header, text: paragraphText(p.cell) });
      } else if (!values.has(h.role)) values.set(h.role, p);
    }
    const text = (role: Role) => {
      const p = values.get(role);
      return p === undefined || p.cell.mergedFromAbove ? '' : p.text;
    };
    const l1 = values.get('level1');
    if (l1 && l1.text !== '' && !l1.cell.mergedFromAbove) {
      const cell = categoryCell(l1.text);
      level1 = cell.name;
      level1Points = cell.points;
      level1Source = sourceOfCell(row, l1);
      level2 = '';
      level2Points = null;
      if (cell.points !== null) se.categoryPoints.push({ level1: cell.name, points: cell.points, source: level1Source });
    }
    const l2 = values.get('level2');
    if (l2 && l2.text !== '' && !l2.cell.mergedFromAbove) {
      const cell = categoryCell(l2.text);
      level2 = cell.name;
      level2Points = cell.points;
      level2Source = sourceOfCell(row, l2);
      // a 一级指标 carried down (a merged cell, or one the row lacks) is not carried onto a 二级指标 of another one
      if (!(l1 && l1.text !== '' && !l1.cell.mergedFromAbove) && level1 !== '') {
        const parent = level1Of(fw, level2);
        const carried = categoryOf(level1, '');
        if (parent !== null && carried !== null && parent !== carried) {
          level1 = '';
          level1Points = null;
          level1Source = undefined;
        }
      }
    }
    const name = text('name');
    const target = joinTarget(text('nature'), text('target'), text('unit'));
    const points = values.get('points');
    const score = values.get('score');
    const filled = (p: Placed | undefined) => p !== undefined && readFigure(p.text) !== null && !p.cell.mergedFromAbove;
    if (name === '' && target === '' && !filled(score)) continue; // a row carrying a category only
    // a template's placeholder row left as printed: 指标2, ……, 指标1：/ with nothing scored
    if (isPlaceholderName(name) && !filled(points) && !filled(score) && text('actual').replace(/[/／\s]/g, '') === '') continue;
    const sources: SubmittedIndicator['sources'] = {};
    if (level1Source) sources.level1 = level1Source;
    if (level2Source) sources.level2 = level2Source;
    for (const role of ['name', 'target', 'actual', 'points', 'score', 'deviation', 'measures'] as const) {
      const p = values.get(role);
      if (p && p.text !== '') sources[role] = sourceOfCell(row, p);
    }
    if (!sources.target && values.has('nature') && text('nature') !== '') sources.target = sourceOfCell(row, values.get('nature'));
    const figureOf = (role: 'points' | 'score'): SubmittedFigure | null => {
      const p = values.get(role);
      if (!p || p.cell.mergedFromAbove) return null;
      const value = readFigure(p.text);
      if (value === undefined) {
        r.doubt('self-eval-figure', `指标“${preview(name, 20)}”的${ROLE_LABEL[role]}“${preview(p.text, 20)}”不是数值，未能读取`, sourceOfCell(row, p));
        return null;
      }
      return value;
    };
    const orNull = (s: string) => (s === '' ? null : s);
    const nature = text('nature');
    const indicator: SubmittedIndicator = {
      level1,
      ...(level1Points !== null ? { level1Points } : {}),
      level2,
      ...(level2Points !== null ? { level2Points } : {}),
      name,
      target,
      actual: orNull(text('actual')),
      points: figureOf('points'),
      score: figureOf('score'),
      deviation: orNull(values.has('deviation') && !values.get('deviation')!.cell.mergedFromAbove ? paragraphText(values.get('deviation')!.cell) : ''),
      ...(byRole.has('measures') ? { measures: orNull(values.has('measures') ? paragraphText(values.get('measures')!.cell) : '') } : {}),
      ...(nature !== '' && !isOperatorText(nature) ? { nature } : {}),
      ...(extras.length > 0 ? { extras } : {}),
      sources,
    };
    se.indicators.push(indicator);
  }
  markParts(se.indicators);
  if (se.indicators.length === 0) r.doubt('self-eval-no-indicators', '有指标表头，但其下没有读到指标', rows[header.at]!.source);
  return i;
}

/**
 * The rows that belong to another (SubmittedIndicator.partOf): a 其中 row with no points of its own under the row above,
 * and numbered sub-items (1.1, 1.2) under the row numbered 1 above them when that row has points.
 */
function markParts(indicators: SubmittedIndicator[]): void {
  let lastWhole = -1;
  indicators.forEach((ind, k) => {
    const bare = toHalfWidth(ind.name).replace(/^[★☆*\s]+/, '');
    if (/^(其中|含)[:：]/.test(bare) && ind.points === null && ind.score === null && lastWhole >= 0) {
      ind.partOf = { index: lastWhole, kind: 'breakdown' };
      return;
    }
    const own = numberingOf(bare);
    if (own !== null && own.length > 1) {
      // the nearest numbered row above that is not a sibling (1.1 before 1.2): its parent (1.) when it has points
      for (let j = k - 1; j >= 0; j--) {
        const other = numberingOf(toHalfWidth(indicators[j]!.name).replace(/^[★☆*\s]+/, ''));
        if (other === null) continue;
        if (other.length === own.length && other.slice(0, -1).every((n, x) => n === own[x])) continue;
        if (other.length === own.length - 1 && other.every((n, x) => n === own[x]) && indicators[j]!.points !== null) {
          ind.partOf = { index: j, kind: 'sub' };
          return;
        }
        break;
      }
    }
    lastWhole = k;
  });
}

/** The rows after the indicators: the total (总分 | 分值 | 得分, a grade after them) and the grade. */
function readTail(rows: readonly RowBlock[], se: SubmittedSelfEvaluation, r: Reader): void {
  for (const row of rows) {
    const cells = place(row).filter((p) => p.text !== '');
    if (cells.length === 0) continue;
    const label = key(cells[0]!.text);
    if (TOTAL_ROW.test(label)) {
      const rest = cells.slice(1);
      const grade = rest.find((p) => GRADE_WORD.test(key(p.text)));
      if (grade) {
        se.grade = key(grade.text);
        r.sources.grade = sourceOfCell(row, grade);
      }
      const figures = rest.filter((p) => p !== grade).map((p) => ({ p, value: readFigure(p.text) }));
      const numbers = figures.filter((f) => f.value !== null && f.value !== undefined) as { p: Placed; value: SubmittedFigure }[];
      // 总分 | 分值 | 得分: two numbers, the points then the score; one number alone is the score
      if (numbers.length >= 2) {
        se.totalPoints = numbers[0]!.value;
        r.sources.totalPoints = sourceOfCell(row, numbers[0]!.p);
        se.total = numbers[1]!.value;
        r.sources.total = sourceOfCell(row, numbers[1]!.p);
      } else if (numbers.length === 1) {
        // one number with an empty cell after it (合计 | 100 | —, the Sichuan form's 权重 added up and no score
        // written): the points, the score left blank; else the number is the score
        const all = place(row);
        const at = all.indexOf(numbers[0]!.p);
        if (at >= 0 && all.slice(at + 1).some((p) => p.text === '')) {
          se.totalPoints = numbers[0]!.value;
          r.sources.totalPoints = sourceOfCell(row, numbers[0]!.p);
        } else {
          se.total = numbers[0]!.value;
          r.sources.total = sourceOfCell(row, numbers[0]!.p);
        }
      }
      // a word where the score should be (满分, 见附件): the total unread, said
      const word = numbers.length < 2 ? figures.find((f) => f.value === undefined && !GRADE_LINE.test(key(f.p.text)) && !GRADE_LABEL.test(key(f.p.text)) && !/^[优良中差]/.test(f.p.text)) : undefined;
      if (word) r.doubt('self-eval-figure', `的总分“${preview(word.p.text, 20)}”不是数值，未能读取`, sourceOfCell(row, word.p));
      continue;
    }
    for (let k = 0; k < cells.length; k++) {
      const text = key(cells[k]!.text);
      const inline = GRADE_LINE.exec(text);
      if (inline) {
        se.grade = inline[2]!;
        r.sources.grade = sourceOfCell(row, cells[k]);
      } else if (GRADE_LABEL.test(text) && cells[k + 1]) {
        se.grade = key(cells[k + 1]!.text);
        r.sources.grade = sourceOfCell(row, cells[k + 1]);
      }
    }
  }
}

/** A grade written in a line under the table (自评等级：优), before the next table. */
function readGradeLine(rows: readonly RowBlock[], blocks: readonly Block[], se: SubmittedSelfEvaluation, r: Reader): void {
  const last = rows[rows.length - 1];
  if (last === undefined) return;
  let k = blocks.indexOf(last);
  if (k < 0) return;
  for (k++; k < blocks.length && k < blocks.indexOf(last) + 6; k++) {
    const b = blocks[k]!;
    if (b.kind === 'row') return;
    const m = GRADE_LINE.exec(key(b.text));
    if (m) {
      se.grade = m[2]!;
      r.sources.grade = b.source;
      return;
    }
  }
}
