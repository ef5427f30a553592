/**
 * The column headers of indicator tables across layouts, as data: which header means which field
 * of an Indicator, which marks a long-term or an annual group of columns, and which only labels
 * the rows (年度绩效指标 down the left). Any other header is an extra column, kept as written.
 */
import type { IndicatorField, TargetOperator } from '../domain/model';
import { OPERATOR_WORDS } from '../domain/target-value';
import { compactLabel, memoByText, stripBookmarks, toHalfWidth } from '../domain/text';
import { undecoratedLabel } from './labels';

export const INDICATOR_COLUMN_HEADERS: readonly { field: IndicatorField; headers: readonly string[] }[] = [
  { field: 'level1', headers: ['一级指标', '一级', '一级指标名称', '指标类型', '指标分类', '指标类别', '一级指标类型', '一级指标分类', '指标大类'] },
  { field: 'level2', headers: ['二级指标', '二级', '二级指标名称', '二级指标类型', '二级指标分类', '指标小类', '指标子类'] },
  {
    field: 'name',
    headers: ['三级指标', '三级', '指标内容', '指标名称', '三级指标名称', '三级指标内容', '绩效指标名称', '具体指标', '三级指标(具体指标)', '具体指标名称', '指标项目'],
  },
  { field: 'description', headers: ['绩效指标描述', '指标描述', '指标说明', '绩效指标说明', '描述', '指标内容描述', '指标解释', '绩效指标解释', '指标内涵', '指标释义'] },
  {
    field: 'target',
    headers: [
      '指标值', '目标值', '指标值及单位', '年度指标值', '年度(/项目)指标值', '年度(项目)指标值', '预期目标值', '绩效指标值',
      '目标值及单位', '指标目标值', '年度目标值', '绩效目标值', '期望值', '计划值', '指标值(包含数字及文字描述)', '绩效标准值', '预期指标值',
      '年度指标目标值', '指标值(目标值)',
    ],
  },
  { field: 'basis', headers: ['指标值确定依据', '确定依据', '指标值设定依据', '设定依据', '指标确定依据', '依据', '目标值确定依据', '指标值来源', '指标设定依据', '指标值确定依据及说明'] },
  // A target split over several columns (issue 37): operator | value | unit of measure.
  { field: 'operator', headers: ['运算符', '运算符号', '比较符', '比较符号', '符号', '指标符号', '指标值符号', '关系符', '比较关系', '指标方向', '方向', '目标方向', '指标值方向', '指标运算符', '计算符号', '计算符'] },
  { field: 'value', headers: ['数值', '指标数值', '目标数值', '指标值数值', '量值', '指标量值'] },
  { field: 'unit', headers: ['计量单位', '度量单位', '单位', '指标单位', '指标值单位', '计量单位名称', '度量单位名称', '目标值单位', '指标计量单位'] },
  { field: 'nature', headers: ['指标性质', '性质', '指标属性', '定量/定性', '定性/定量', '指标性质(定量/定性)', '指标类型(定量/定性)'] },
  { field: 'weight', headers: ['分值', '权重', '指标分值', '指标权重', '权重分值', '分值权重', '指标分数', '标准分值', '分数', '满分', '指标值分值'] },
];

/**
 * Level-1 headers that name a category only when no other column does: 指标类型 beside 一级指标
 * holds the indicator's nature (定量/定性), not its class.
 */
export const WEAK_LEVEL1_HEADERS: readonly string[] = ['指标类型', '指标类别'];

/** Headers of a column that only labels the indicator rows (down the left of a form). */
export const ROW_GROUP_HEADERS: readonly string[] = ['绩效指标', '年度绩效指标', '本年度绩效指标', '项目绩效指标', '长期绩效指标', '中长期绩效指标', '部门整体绩效指标', '整体绩效指标', '实施期绩效指标'];

export type IndicatorGroup = 'longTerm' | 'annual';

/** Markers of a parallel group of columns, in brackets after a header or over its columns. */
const GROUP_MARKERS: readonly { group: IndicatorGroup; pattern: RegExp }[] = [
  { group: 'longTerm', pattern: /^(项目)?(中长期|长期|中期|总体|项目期)(绩效)?(目标|指标)?$/ },
  { group: 'annual', pattern: /^(本)?年度(绩效)?(目标|指标)?$/ },
];

export interface IndicatorHeader {
  /** The field the column holds; null for an extra column (or a row-group column). */
  field: IndicatorField | null;
  /** The parallel group the header names ("二级指标(长期)"), or that a header over the columns names. */
  group: IndicatorGroup | null;
  /** A column that only labels the rows. */
  rowGroup: boolean;
  /** The header as written, whitespace removed: what an extra column is called. */
  text: string;
}

/** The group a header text names on its own ("长期目标", "年度指标"), or null. */
export function groupOf(text: string): IndicatorGroup | null {
  if (!text.includes('长期') && !text.includes('年度') && !text.includes('中期')) return null;
  // Every cell holding 年度 or 长期 comes here, long goal texts included: one with a character no
  // marker has is out before it is compacted (the usual case, at its first such character).
  if (NOT_IN_GROUP_MARKER.test(text) && !text.includes('[bookmark:')) return null;
  return groupOfText(text);
}

/**
 * A character that cannot be in a text groupOf finds a marker in: not one of GROUP_MARKERS'
 * Chinese characters (taken from their patterns), not a colon (one is taken off the end), not
 * whitespace (compactLabel removes it, `\s` being the same set as its isSpace). Making characters
 * half-width (compactLabel) only changes U+FF01–U+FF5E into ASCII, none of them a marker's
 * character but the colon. A bookmark prefix is taken off first: such a text is always looked at.
 */
const NOT_IN_GROUP_MARKER = new RegExp(
  `[^\\s:：${[...new Set(GROUP_MARKERS.flatMap((m) => [...m.pattern.source].filter((c) => c >= '\u2e80')))].join('')}]`,
);

/** groupOf without its quick reject (exported for the test that compares the two). */
export function groupOfText(text: string): IndicatorGroup | null {
  if (!text.includes('长期') && !text.includes('年度') && !text.includes('中期')) return null;
  const key = compactLabel(stripBookmarks(text).text).replace(/[:]$/, '');
  return GROUP_MARKERS.find((m) => m.pattern.test(key))?.group ?? null;
}

/**
 * Reads one header cell. A bracketed group marker ("三级指标(长期)", "指标值（年度）") or a leading one
 * ("长期三级指标") is taken off before the lookup; "年度指标值" stays a target header as it is listed.
 * @example readIndicatorHeader("二级指标（长期）") // { field: "level2", group: "longTerm", rowGroup: false, text: "二级指标（长期）" }
 */
export function readIndicatorHeader(raw: string): IndicatorHeader {
  let hit = headerCache.get(raw);
  if (hit === undefined) {
    // Every row of a table is asked whether it is a header: the same cell texts come back often.
    if (headerCache.size >= 20_000) headerCache.clear();
    hit = readHeaderText(raw);
    headerCache.set(raw, hit);
  }
  return hit;
}

const headerCache = new Map<string, IndicatorHeader>();

function readHeaderText(raw: string): IndicatorHeader {
  const read = readHeaderKey(raw);
  if (read.field !== null || read.rowGroup) return read;
  // "*三级指标", "指标值（必填）", "1.一级指标": a header as people write it (issue 53)
  const plain = undecoratedLabel(raw);
  const again = plain === null ? null : readHeaderKey(plain);
  return again !== null && (again.field !== null || again.rowGroup) ? { ...again, text: read.text } : read;
}

function readHeaderKey(raw: string): IndicatorHeader {
  const text = stripBookmarks(raw).text.replace(/\s+/g, '');
  const key = compactLabel(text).replace(/[:]$/, '');
  const direct = fieldOf(key);
  // "年度指标值" is listed as a target: the annual group beside a 中期/长期 one (alone, no group: see readColumns)
  if (direct) return { field: direct, group: direct === 'target' && key.startsWith('年度') ? 'annual' : null, rowGroup: false, text };
  const bracket = /^(.+?)\((.+)\)$/.exec(key);
  if (bracket) {
    const group = groupOf(bracket[2]!);
    const field = fieldOf(bracket[1]!);
    if (group && field) return { field, group, rowGroup: false, text };
    // "权重(%)", "分值(分)", "计量单位(名称)": a note in brackets after the header of a split target's part or a weight
    if (field && NOTED_FIELDS.has(field)) return { field, group: null, rowGroup: false, text };
  }
  // 中期指标值 (issue 37): the medium-term targets, held as the long-term group
  const lead = /^(中长期|长期|中期|年度)(.+)$/.exec(key);
  if (lead) {
    const field = fieldOf(lead[2]!);
    if (field) return { field, group: lead[1] === '年度' ? 'annual' : 'longTerm', rowGroup: false, text };
  }
  // with its points: 绩效指标(90分), and the 审批表's 年度绩效目标(90分) down the left of its indicator rows (issue 68)
  const bare = key.replace(/\(\d+(?:\.\d+)?分\)$/, '');
  return { field: null, group: null, rowGroup: ROW_GROUP_HEADERS.includes(bare) || (bare !== key && /^(年度)?绩效目标$/.test(bare)), text };
}

// ---------------------------------------------------------------------------------------------
// Whose value a column holds (issue 53): 指标值 split into last year's actual and this year's target,
// 2024年实际 / 预期2025年, 实施周期指标值 / 当年度指标值, 中期目标 / 年度目标 — in a header row of their own
// under the target's header, or in the header row itself.
// ---------------------------------------------------------------------------------------------

/**
 * What a header says of time: a past value (`prior`: 上年实际值, 2024年实际 — kept beside the indicator as
 * history), the budget year's target (`current`: 本年目标值, 当年度指标值, 预期2025年), the period's target
 * (`period`: 实施周期指标值, 中期目标). `year` is the year it names; `marked` says the header names its kind
 * in words (实际, 目标, 预期 …), false for a bare year (`2025年`), whose kind the other columns decide.
 */
export interface TimeRole {
  kind: 'prior' | 'current' | 'period';
  year: number | null;
  marked: boolean;
}

const PRIOR_WORDS = /^(上年|上一年|上年度|上一年度|去年|前一年|前一年度|基期|基年|现状|历史|基线)(度)?(实际|实际完成|完成|执行|实现)?(值|数|情况|水平)?$/;
const CURRENT_WORDS = /^(本年|本年度|当年|当年度|今年|年度)(目标|指标|预期|计划)?(值|数)?$/;
const PERIOD_WORDS = /^(实施周期|实施期|项目期|项目周期|中期|中长期|长期|规划期|整体|总体|绩效期)(目标|指标|预期)?(值|数)?$/;
const YEAR_PRIOR = /^(20\d{2})年?度?(实际|实际完成|完成|执行|实现)(值|数|情况)?$/;
const YEAR_TARGET = /^(预期|预计|计划|目标)?(20\d{2})年?度?(目标|指标|预期|预计|计划)?(值|数)?$/;
const YEAR_SPAN = /^(20\d{2})年?[-—–~至到](20\d{2})年?度?(目标|指标|预期)?(值|数)?$/;

/**
 * The time role of a header text (whitespace, full width and a trailing colon ignored); null for any
 * other header. `年度目标` and `中期目标` are also group markers (groupOf): the same reading.
 * @example timeRoleOf("2024年实际") // { kind: "prior", year: 2024, marked: true }
 * @example timeRoleOf("预期2025年") // { kind: "current", year: 2025, marked: true }
 */
export function timeRoleOf(raw: string): TimeRole | null {
  if (!TIME_CHARACTER.test(raw)) return null;
  return timeRoleOfText(raw);
}

const TIME_CHARACTER = /[年期度际值标周状史基]/;

/**
 * timeRoleOf's reading, remembered by text: the first row under every table's header is asked (isSubHeaderRow),
 * its first cell (产出指标) table after table. The answers are shared: never changed (settleTimes makes a new one).
 */
const timeRoleOfText: (raw: string) => TimeRole | null = memoByText(2_000, 40, readTimeRole);

function readTimeRole(raw: string): TimeRole | null {
  // "当年度指标值（必填硬性指标）", "*本年目标值": a header as people write it
  const key = compactLabel(undecoratedLabel(raw) ?? stripBookmarks(raw).text).replace(/[:]$/, '');
  if (PRIOR_WORDS.test(key)) return { kind: 'prior', year: null, marked: true };
  if (CURRENT_WORDS.test(key)) return { kind: 'current', year: null, marked: true };
  if (PERIOD_WORDS.test(key)) return { kind: 'period', year: null, marked: true };
  let m = YEAR_PRIOR.exec(key);
  if (m) return { kind: 'prior', year: Number(m[1]), marked: true };
  m = YEAR_SPAN.exec(key);
  if (m) return { kind: 'period', year: Number(m[1]), marked: true };
  m = YEAR_TARGET.exec(key);
  if (m) return { kind: 'current', year: Number(m[2]), marked: m[1] !== undefined || m[3] !== undefined };
  return null;
}

/** Fields whose header may carry a note in brackets (the fields of issue 37; the older ones are listed as written). */
const NOTED_FIELDS: ReadonlySet<IndicatorField> = new Set(['operator', 'value', 'unit', 'nature', 'weight']);

function fieldOf(key: string): IndicatorField | null {
  return INDICATOR_COLUMN_HEADERS.find((c) => c.headers.includes(key))?.field ?? null;
}

/**
 * An indicator header row: at least one category column (一级/二级, 指标类型) and one of 三级指标 or
 * 指标值 among its cells. Row-group labels and extra columns may stand beside them.
 */
export function isIndicatorHeaderRow(texts: readonly string[]): boolean {
  // Every row is asked: a header names 一级/二级指标 or 指标类型/分类, so most rows are out at a glance.
  // Only a cell that may name a category column can read as one (every level1 and level2 header has 级 or
  // 类: test/importers/column-roles.test.ts): the rest of the row (an indicator's row with 市级 in a cell,
  // long texts among them) is read only once one does. Plain loops, no set of fields.
  let category = false;
  for (let k = 0; k < texts.length && !category; k++) {
    const t = texts[k]!;
    if (!namesCategoryColumn(t)) continue;
    const field = readIndicatorHeader(t).field;
    category = field === 'level1' || field === 'level2';
  }
  if (!category) return false;
  for (let k = 0; k < texts.length; k++) {
    const field = readIndicatorHeader(texts[k]!).field;
    if (field === 'name' || field === 'target' || field === 'value') return true;
  }
  return false;
}

/** Whether a cell may be a category column's header (一级/二级…, 指标类型/分类/类别, 指标大类): the quick test of every row. */
export const namesCategoryColumn = (t: string): boolean => CATEGORY_COLUMN_CHARACTER.test(t);

/** 级 or 类: one scan of the text (two includes() scanned a long cell twice). */
const CATEGORY_COLUMN_CHARACTER = /[级类]/;

// ---------------------------------------------------------------------------------------------
// Cells of the columns of issue 37: an operator or nature, a weight, a category with its weight
// ---------------------------------------------------------------------------------------------

/** What a cell of an operator or nature column says: an operator, a nature (定量/定性, 正向/反向), or nothing known. */
export interface Qualifier {
  operator: TargetOperator | null;
  /** 定量, 定性, 正向, 反向 (the word without 指标); null when the cell says none. */
  nature: string | null;
}

const NATURE_WORDS = ['定量', '定性', '正向', '反向'];

/**
 * Reads a cell of an operator or nature column: "大于等于", "≥", "＝", "不低于", "以上" are operators
 * (target-value.ts's OPERATOR_WORDS, the whole cell); "定量", "定性指标", "正向" a nature; anything
 * else null (the caller keeps the cell as written).
 * @example readQualifier("大于等于") // { operator: "≥", nature: null }
 */
export function readQualifier(raw: string): Qualifier | null {
  const key = toHalfWidth(raw).replace(/\s+/g, '');
  if (key === '') return null;
  const word = OPERATOR_WORDS.find((w) => w.text === key);
  if (word) return { operator: word.operator, nature: null };
  const nature = key.replace(/(?:指标|型|类)$/, '');
  if (NATURE_WORDS.includes(nature)) return { operator: null, nature };
  return null;
}

/**
 * A weight as written in a 分值/权重 cell: "10", "10分", "10%", "10.5"; null when the cell holds
 * something else (the caller keeps the cell as written).
 */
export function readWeight(raw: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(?:分|%)?$/.exec(toHalfWidth(raw).replace(/\s+/g, ''));
  return m ? Number(m[1]) : null;
}

/**
 * A category cell with its weight: "产出指标(50分)", "效益指标（30分）", "满意度指标（权重10%）", "产出指标 50分"
 * → the category without the weight and the weight; the cell as it is, weight null, otherwise.
 * @example splitCategoryWeight("效益指标（30分）") // { category: "效益指标", weight: 30 }
 */
export function splitCategoryWeight(raw: string): { category: string; weight: number | null } {
  if (!/\d/.test(raw)) return { category: raw, weight: null };
  const t = toHalfWidth(raw).trim();
  // a range of points, 成本指标(0-20)分 (a 审批表's, issue 68): the category; no one weight
  const range = /^(.*?[^\d\s.(])\s*\(\s*\d+(?:\.\d+)?\s*[-~—–]\s*\d+(?:\.\d+)?\s*(?:分)?\s*\)\s*分?$/.exec(t);
  if (range) return { category: range[1]!.trim(), weight: null };
  const m =
    /^(.*?\S)\s*\(\s*(?:分值|权重|分数)?\s*[:：]?\s*(\d+(?:\.\d+)?)\s*(分|%)?\s*\)$/.exec(t) ??
    /^(.*?[^\d\s.])\s*(\d+(?:\.\d+)?)\s*(分)$/.exec(t);
  // a number alone in brackets ("指标(1)") is numbering, not a weight: a weight says 分/% or 分值/权重
  if (!m || (m[3] === undefined && !/\((?:分值|权重|分数)/.test(t.replace(/\s+/g, '')))) return { category: raw, weight: null };
  return { category: m[1]!.trim(), weight: Number(m[2]) };
}
