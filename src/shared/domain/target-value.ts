/**
 * The small language of 指标值 (target values): "≥85%", "≤10万元", "8万元/队/年", "98%满意",
 * "2025年12月底前", "显著提高" … parsed into operator, number, unit, surrounding words or a deadline.
 *
 * Pure code (no I/O, no Node APIs): it runs in the importer and in the browser alike.
 * Vocabulary (operator words, units, words that are never units) is data in the tables below, so
 * a new spelling found in a document is a one-line change.
 */
import type { Deadline, TargetOperator, TargetValue } from './model';
import { memoByText, toHalfWidth } from './text';

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** Where an operator word stands: before the number ("不低于95%") or after it ("95%以上"). */
export type OperatorPosition = 'before' | 'after';

export interface OperatorWord {
  text: string;
  operator: TargetOperator;
  position: OperatorPosition;
}

/**
 * Every way the documents write a comparison. Matched longest first, so "不超过" wins over "超过"
 * and ">=" over ">". Chinese 以上/以下/以内 include the bound (法律用语: “以上”“以下”“以内”包括本数),
 * hence ≥/≤; 低于/高于/超过/不足 exclude it.
 */
export const OPERATOR_WORDS: readonly OperatorWord[] = [
  ...words('before', '≥', [
    '≥', '≧', '⩾', '>=', '=>', '≮',
    '大于等于', '大于或等于', '不低于', '不少于', '不小于', '至少', '最少', '最低',
    // "满意度达到90%": a target reached is a floor, not an exact value
    '达到', '达',
  ]),
  ...words('after', '≥', ['以上', '及以上', '或以上', '之上']),
  ...words('before', '≤', [
    '≤', '≦', '⩽', '<=', '=<', '≯',
    '小于等于', '小于或等于', '不超过', '不高于', '不大于', '不多于', '至多', '最多', '最高', '控制在',
  ]),
  ...words('after', '≤', ['以内', '之内', '以下', '及以下', '或以下']),
  ...words('before', '>', ['>', '大于', '高于', '超过', '多于']),
  ...words('before', '<', ['<', '小于', '低于', '少于', '不足', '不到']),
  ...words('before', '=', ['=', '等于']),
];

function words(position: OperatorPosition, operator: TargetOperator, texts: string[]): OperatorWord[] {
  return texts.map((text) => ({ text, operator, position }));
}

/**
 * Units the documents use after a number. Longest match wins ("场次" over "场", "个月" over "个").
 * A magnitude (万/亿/千) may precede any of them ("万人次"); a bare 万/亿 is a unit of its own
 * ("110万", most likely 万元 with the 元 forgotten — the reviewer sees it).
 */
export const KNOWN_UNITS: readonly string[] = [
  // ratios
  '%', '‰', '个百分点', '百分点', '倍',
  // money
  '元', '万元', '亿元', '千元',
  // people, events, things
  '个', '人', '名', '位', '次', '场', '场次', '期', '批', '批次', '件', '篇', '份', '项', '家', '所',
  '户', '台', '套', '张', '本', '册', '部', '辆', '艘', '架', '座', '栋', '幢', '间', '处', '条',
  '根', '株', '棵', '头', '只', '匹', '块', '类', '种', '组', '队', '支', '班', '轮', '届', '门',
  '首', '幅', '盏', '枚', '颗', '页', '卷', '集', '节', '宗', '笔', '例', '床', '村', '校',
  '人次', '户次', '车次', '班次', '架次', '家次', '项次', '辆次', '例次', '剂次', '剂', '人天', '人日',
  '课时', '学时', '学分', '分', '标段',
  // time
  '年', '个月', '月', '周', '天', '日', '个工作日', '工作日', '小时', '分钟', '秒', '季度',
  // length, area, volume, mass, energy
  '公里', '千米', '米', '延米', '平方米', '平方公里', '平方千米', '立方米', '公顷', '亩',
  '吨', '千克', '公斤', '克', '升', '毫升', '千瓦', '千瓦时', '度',
  // ASCII units (only accepted when no further ASCII letter follows: "5G" is not 5 of anything)
  'km', 'm', 'M', 'm2', 'm²', 'm³', '㎡', '㎞', 'kg', 't', 'kW', 'kWh', 'MW', 'GB', 'TB', 'h',
];

/** Magnitudes that may prefix a unit ("万人次") or stand alone ("110万"). */
const MAGNITUDES = ['万', '亿', '千'];

/**
 * Units read as another: a bare magnitude is money (“120万” is 120万元: the reviewer still sees the
 * missing 元, see writtenUnitOf), "M" is 米 (≥50M).
 */
export const UNIT_ALIASES: Readonly<Record<string, string>> = { 万: '万元', 亿: '亿元', 千: '千元', M: '米' };

/**
 * Standards written in brackets after a value ("2024年10月(计划标准)"): the bracket is the value's
 * standard, not part of it. Any short phrase ending in 标准 or 依据.
 */
const STANDARD_SUFFIX = /\(([\u4e00-\u9fa5]{0,8}(?:标准|依据))\)$/;

/** A unit in brackets right after the number ("98.00(%)", "12(个)"): the unit as if written plainly. */
const BRACKETED_UNIT = /(\d)\((%|‰|[A-Za-z]{1,3}|[\u4e00-\u9fa5]{1,4}(?:\/[\u4e00-\u9fa5]{1,2})*)\)/g;

/**
 * Words that follow a number but are never its unit, so the 1–3 character unknown-unit rule must
 * not take them: "98满意" is 98 with the word 满意, not 98 units of 满意.
 */
export const NOT_UNITS: readonly string[] = [
  '满意', '完成', '合格', '达标', '左右', '覆盖', '到位', '及时', '提高', '提升', '增长', '下降',
  '减少', '增加', '全部', '准确', '正常', '有效', '优秀', '良好', '完好', '热线', '工程', '行动',
  '达到', '以上', '以下', '以内', '之内', '不变', '上下', '保持', '落实', '执行', '支付', '发放',
];

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * Parses one 指标值 cell. Never throws.
 *
 * @example parseTargetValue("≥85%") // { kind: 'quantitative', operator: '≥', value: 85, valueText: "85", unit: "%", … }
 *
 * Grammar (on the text after normalisation: full-width → ASCII, spaces dropped between
 * non-ASCII characters, "(含)" removed):
 *
 *     [words] [operator-before] number [unit ["/" unit-part]…] [operator-after] [words]
 *
 * Decisions:
 * - **No operator** means '='. An operator before the number wins over a conflicting one after it
 *   (the loser stays in `words`).
 * - **Words** before and after the number are joined as "before…after" (U+2026) when both exist,
 *   so a reader still sees on which side each stood; `words` is null when there are none.
 * - **Unknown unit**: 1–3 CJK characters directly after the number are taken as a unit only when
 *   they are the whole rest of the cell (or are followed by "/" or an operator word such as 以上)
 *   and are not in NOT_UNITS. "≥95全部满意" therefore has no unit and the words "全部满意".
 * - **Ranges** "90%-100%", "90~100%", "90%至100%": quantitative with operator '≥' and the lower
 *   bound (the bound a target is assessed against); the upper bound is kept in `words` as
 *   "≤100%" because TargetValue has no field for it.
 * - **Deadlines** (kind 'deadline', operator/value/unit null): calendar dates "2025年12月底前",
 *   "12月31日", "年底前完成", "2025年度", "上半年", "第三季度", "当年完成", and relative periods
 *   "1年内", "10个工作日内". A whole year/half/quarter resolves to its last month with
 *   endOfPeriod true ("2025年" → 2025-12, end). "≤1年", "≤270天" (no 内) stay quantitative.
 *   Relative periods fill no Deadline field (the type has none for a duration; raw keeps the text).
 *   Leftover words ("完成") go to `words`.
 * - **Incidental numbers** do not make a cell quantitative: ordinals (第3…), list numbering
 *   ("1.", "1、", "(1)"), numbers before 号/条/款/届/版 after words ("依据5号文件"; "≥3条" and
 *   "3条" are counts), numbers touching ASCII letters that are
 *   not a unit ("5G", "ISO9001", "5A级"), numbers inside 《》〔〕【】[]. If incidental numbers are
 *   all there is, the cell is qualitative (or a deadline when it has a date).
 * - **Several numbers** (not a range, not a date): the one directly after an operator is the
 *   target when exactly one has an operator ("12345热线接通率≥95%"); otherwise the cell holds
 *   several targets or prose and is qualitative. A date plus a number ("12月底前完成100%") is
 *   quantitative, the date part of the words and, when it is a date by which (…前, …底), also
 *   the target's deadline (issue 31).
 * - **A bare number inside a sentence** (no unit, no operator, more than 20 characters of words)
 *   is qualitative: the number is part of the prose, not a target.
 * - "" or whitespace only is 'empty'; anything else without a number (including "/" or "无") is
 *   'qualitative' with all other fields null.
 */
export function parseTargetValue(raw: string): TargetValue {
  const trimmed = typeof raw === 'string' ? raw.trim() : '';
  const known = remembered(trimmed);
  // A copy: callers own their result (and may change it) as when it was parsed for them.
  return { ...known, deadline: known.deadline && { ...known.deadline }, start: known.start && { ...known.start } };
}

function parseSafely(trimmed: string): TargetValue {
  try {
    return parseTrimmed(trimmed);
  } catch {
    // Defence in depth: the grammar is total, but a cell must never break an import.
    return qualitative(trimmed);
  }
}

/**
 * Results by trimmed text. The parser asks once per distinct text per document, but documents
 * repeat the same few hundred values ("≥95%", "100%", "1年"), and parsing one runs some twenty
 * regular expressions and scans: across documents most texts are known. Texts over 60
 * characters (prose) are not kept.
 */
const remembered = memoByText(20_000, 60, parseSafely);

// ---------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------

/**
 * Full-width → ASCII, odd forms of %, <, >, = and dashes unified, zero-width characters dropped,
 * "(含)" dropped (it only says the bound is included, which 以上/以下 already mean),
 * whitespace collapsed. Spaces survive only between two ASCII letters/digits ("1 000" stays
 * two numbers, not 1000).
 */
function compact(s: string): string {
  const t = toHalfWidth(s)
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/﹪/g, '%')
    .replace(/﹤/g, '<')
    .replace(/﹥/g, '>')
    .replace(/﹦/g, '=')
    .replace(/[〜∼]/g, '~')
    .replace(/[—–―‐‑−]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ (?![A-Za-z0-9])|(?<![A-Za-z0-9]) /g, '');
  return t.replace(/\(含\)/g, '');
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/** The all-null result; the other kinds are built on it. */
function qualitative(raw: string): TargetValue {
  return {
    raw,
    kind: 'qualitative',
    operator: null,
    value: null,
    valueText: null,
    unit: null,
    deadline: null,
    start: null,
    words: null,
    standard: null,
  };
}

function parseTrimmed(raw: string): TargetValue {
  let c = compact(raw);
  if (c === '') return { ...qualitative(raw), kind: 'empty' };
  const standardMatch = STANDARD_SUFFIX.exec(c);
  const standard = standardMatch ? standardMatch[1]! : null;
  if (standardMatch) c = c.slice(0, standardMatch.index);
  c = c.replace(BRACKETED_UNIT, '$1$2');
  const parsed = parseCompact(raw, c);
  return { ...parsed, unit: parsed.unit === null ? null : normaliseUnit(parsed.unit), standard: standard ?? parsed.standard };
}

/** "万元/个" from "万/个": each part through UNIT_ALIASES. */
function normaliseUnit(unit: string): string {
  return unit
    .split('/')
    .map((part, i) => (i === 0 ? (UNIT_ALIASES[part] ?? part) : part))
    .join('/');
}

/**
 * The unit of a target as written, before UNIT_ALIASES ("万" for "≤10万"); null when none. The
 * reviewer uses it to point at a unit that is only a magnitude.
 */
export function writtenUnitOf(raw: string): string | null {
  const c = compact(raw).replace(STANDARD_SUFFIX, '').replace(BRACKETED_UNIT, '$1$2');
  return parseCompact(raw, c).unit;
}

/** "按每人1000元标准发放", "按每人每月200元的标准": 按, a standard with a number, 标准, words without a number. */
const CITED_STANDARD = /^按照?([^\d]{0,12}\d[^标]{0,16}?)的?标准([^\d]*)$/;
/** "每季度末月20日前", "每月10日前": a day in every period. */
const RECURRING_DAY = /^每(季度|个季度|月|个月|年|半年|周)(末月|末|初|首月)?(\d{1,2})[日号](?:之前|以前|前)?([^\d]*)$/;

/** A period: 2024.03-2024.11, 2024年3月至2024年11月, 202403-202411. */
const PERIOD = /^(.*?)((?:19|20)\d{2})(?:[.\/年-]?)(1[0-2]|0?[1-9])月?(?:份)?(?:-|~|至|到)((?:19|20)\d{2})(?:[.\/年-]?)(1[0-2]|0?[1-9])月?(?:份)?(?:底|末)?(.*)$/;

function parseCompact(raw: string, c: string): TargetValue {
  const period = PERIOD.exec(c);
  if (period && (/[.\/年-]/.test(c.slice(period[1]!.length + 4, period[1]!.length + 5)) || /^\d{6}-\d{6}$/.test(c.slice(period[1]!.length)))) {
    return {
      ...qualitative(raw),
      kind: 'period',
      start: deadline(Number(period[2]), Number(period[3]), null, false),
      deadline: deadline(Number(period[4]), Number(period[5]), null, false),
      words: joinWords([trimConnector(period[1]!), trimConnector(period[6]!)]),
    };
  }
  // "按每人1000元标准发放": a target that cites a standard, not a target of 1000 (issue 31)
  const cited = CITED_STANDARD.exec(c);
  if (cited) return { ...qualitative(raw), standard: `${cited[1]}标准`, words: joinWords([trimConnector(cited[2]!)]) };
  // "每季度末月20日前": a deadline that recurs, the day kept, not the number 20 (issue 31)
  const recurring = RECURRING_DAY.exec(c);
  if (recurring && validDay(Number(recurring[3]))) {
    return { ...qualitative(raw), kind: 'deadline', deadline: deadline(null, null, Number(recurring[3]), false), words: joinWords([`每${recurring[1]}${recurring[2] ?? ''}`, trimConnector(recurring[4]!)]) };
  }
  const dates = findDateSpans(c);
  const quantity = findQuantity(c, dates);
  if (quantity) {
    // "12月底前100%到位": the number is the target, the date by which it is due is kept (issue 31)
    const due = [...dates].reverse().find((d) => /(之前|以前|前|为止|止|底|末)$/.test(c.slice(d.start, d.end)) && d.deadline.month !== null);
    const dueYear = due ? (due.deadline.year ?? dates.find((d) => d.deadline.year !== null)?.deadline.year ?? null) : null;
    return {
      ...qualitative(raw),
      kind: 'quantitative',
      operator: quantity.operator,
      value: Number(quantity.valueText),
      valueText: quantity.valueText,
      unit: quantity.unit,
      deadline: due ? { ...due.deadline, year: dueYear } : null,
      words: quantity.words,
    };
  }
  const last = dates[dates.length - 1];
  if (last) {
    // "2025年3月至12月": the deadline is the end of the last period; it inherits an earlier year.
    const year = last.deadline.year ?? dates.find((d) => d.deadline.year !== null)?.deadline.year ?? null;
    return {
      ...qualitative(raw),
      kind: 'deadline',
      deadline: { ...last.deadline, year },
      words: joinWords(gaps(c, dates).map((w) => trimConnector(w))),
    };
  }
  return qualitative(raw);
}

// ---------------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------------

interface Span {
  start: number;
  end: number;
}

interface DateSpan extends Span {
  deadline: Deadline;
}

const CN_NUMERAL = '一二两三四五六七八九十半';
const QUARTER_END: Record<string, number> = { 一: 3, 二: 6, 三: 9, 四: 12, '1': 3, '2': 6, '3': 9, '4': 12 };

function deadline(year: number | null, month: number | null, day: number | null, endOfPeriod: boolean): Deadline {
  return { year, month, day, endOfPeriod };
}

/** A date pattern and how to read its match; null rejects the match (e.g. month 13). */
interface DatePattern {
  re: RegExp;
  read: (m: RegExpExecArray) => Deadline | null;
}

const validMonth = (m: number): boolean => m >= 1 && m <= 12;
const validDay = (d: number): boolean => d >= 1 && d <= 31;

/** In priority order: a later pattern never claims text an earlier one already took. */
const DATE_PATTERNS: readonly DatePattern[] = [
  {
    // 2025-12-31, 2025/12/31, 2025.12.31
    re: /(?<![\d.])((?:19|20|21)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d.])/g,
    read: (m) => {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return validMonth(mo) && validDay(d) ? deadline(y, mo, d, false) : null;
    },
  },
  {
    // 2025年 / 2025年度 / 2025年底 / 2025年12月 / 2025年12月底 / 2025年12月31日
    re: /(?<![\d.])((?:19|20|21)\d{2})年度?(?:(\d{1,2})月份?(?:(\d{1,2})[日号])?)?(底|末)?/g,
    read: (m) => {
      const y = Number(m[1]);
      if (m[2] === undefined) return deadline(y, 12, null, true); // the whole year: its end
      const mo = Number(m[2]);
      if (!validMonth(mo)) return null;
      if (m[3] !== undefined) return validDay(Number(m[3])) ? deadline(y, mo, Number(m[3]), false) : null;
      return deadline(y, mo, null, m[4] !== undefined);
    },
  },
  {
    // 上半年, 下半年: before the relative periods, so "上半年内" is not "半年内".
    re: /(上半年|下半年)(?:底|末)?/g,
    read: (m) => deadline(null, m[1] === '上半年' ? 6 : 12, null, true),
  },
  {
    re: /第?([一二三四1-4])季度(?:底|末)?/g,
    read: (m) => deadline(null, QUARTER_END[m[1] ?? ''] ?? null, null, true),
  },
  {
    // Relative periods: 1年内, 3个月内, 10个工作日以内, 半年内. Before the month pattern, so
    // "3月内" is three months, not March. Deadline has no field for a duration, so nothing is
    // filled; raw keeps it.
    re: new RegExp(
      `(?<![\\d.年月])(?:\\d+(?:\\.\\d+)?|[${CN_NUMERAL}]+)个?(?:年|月|周|星期|天|日|工作日|小时)(?:之内|以内|内)`,
      'g',
    ),
    read: () => deadline(null, null, null, false),
  },
  {
    // 1-12月, 3至6月底: the end of the range counts
    re: /(?<![\d.])(\d{1,2})[-~至到](\d{1,2})月份?(底|末)?/g,
    read: (m) => {
      const [from, to] = [Number(m[1]), Number(m[2])];
      return validMonth(from) && validMonth(to) ? deadline(null, to, null, m[3] !== undefined) : null;
    },
  },
  {
    // 12月底 / 6月 / 12月31日 (not "12个月": the 个 breaks the pattern)
    re: /(?<![\d.])(\d{1,2})月份?(?:(\d{1,2})[日号])?(底|末)?/g,
    read: (m) => {
      const mo = Number(m[1]);
      if (!validMonth(mo)) return null;
      if (m[2] !== undefined) return validDay(Number(m[2])) ? deadline(null, mo, Number(m[2]), false) : null;
      return deadline(null, mo, null, m[3] !== undefined);
    },
  },
  {
    // 年底, 年末, 当年底, 本年度末
    re: /(?:当年度?|本年度?|今年|年度|年)(?:底|末)/g,
    read: () => deadline(null, 12, null, true),
  },
  {
    // 当年完成, 本年度内, 年内: the current budget year (not "当年任务…": a word must follow or end)
    re: /(?:年内|(?:当年度?|本年度?|今年)(?=内|前|完成|$))/g,
    read: () => deadline(null, 12, null, true),
  },
];

/** Words that may stand before a date without changing it: "截止2025年底", "不晚于12月31日". */
const DATE_LEAD = new RegExp(
  `(?:${[
    '截止到', '截至', '截止', '不晚于', '不迟于', '早于', '于',
    ...OPERATOR_WORDS.filter((w) => w.position === 'before' && (w.operator === '≤' || w.operator === '<')).map(
      (w) => w.text,
    ),
  ]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})+$`,
);
/** Words after a date that only say "by": 前, 之前, 以前, 为止, 内 ("2025年内"). */
const DATE_TAIL = /^(?:之前|以前|前|为止|止|之内|以内|内)/;

function findDateSpans(c: string): DateSpan[] {
  const spans: DateSpan[] = [];
  for (const { re, read } of DATE_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(c); m; m = re.exec(c)) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      if (spans.some((s) => start < s.end && s.start < end)) continue;
      const d = read(m);
      if (d) spans.push({ start, end, deadline: d });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  // "≥6月" is at least six months, not a date: a date after ≥ or > is no date.
  const dated = spans.filter((s) => {
    const op = matchBeforeWord(c, s.start);
    return op === null || (op.operator !== '≥' && op.operator !== '>');
  });
  // Absorb the "by" words around each date so they do not end up as words or operators.
  for (const s of dated) {
    const tail = DATE_TAIL.exec(c.slice(s.end));
    if (tail) s.end += tail[0].length;
    const lead = DATE_LEAD.exec(c.slice(0, s.start));
    if (lead) s.start -= lead[0].length;
  }
  // Absorbing may make neighbours touch or overlap; keep them disjoint.
  for (let i = 1; i < dated.length; i++) {
    const prev = dated[i - 1]!;
    const cur = dated[i]!;
    if (cur.start < prev.end) cur.start = prev.end;
  }
  return dated;
}

// ---------------------------------------------------------------------------------------------
// Quantities
// ---------------------------------------------------------------------------------------------

interface Quantity {
  operator: TargetOperator;
  valueText: string;
  unit: string | null;
  words: string | null;
}

interface NumberToken {
  /** Start including a sign. */
  start: number;
  end: number;
  valueText: string;
  before: OperatorWord | null;
  incidental: boolean;
}

/** Thousands-separated or plain digits, optional fraction; or a leading-dot fraction. */
const NUMBER = /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+/g;

const longestFirst = (a: OperatorWord, b: OperatorWord): number => b.text.length - a.text.length;
const BEFORE_WORDS = OPERATOR_WORDS.filter((w) => w.position === 'before').sort(longestFirst);
const AFTER_WORDS = OPERATOR_WORDS.filter((w) => w.position === 'after').sort(longestFirst);
const UNITS_LONGEST_FIRST = [...KNOWN_UNITS].sort((a, b) => b.length - a.length);
const AFTER_WORD_ALTERNATION = AFTER_WORDS.map((w) => escapeRegExp(w.text)).join('|');
/** 1–3 CJK characters that end the cell or stand before "/" or an operator word: an unknown unit. */
const UNKNOWN_UNIT = new RegExp(`^([\\u3400-\\u9fff]{1,3}?)(?=$|/|${AFTER_WORD_ALTERNATION})`);
const RANGE_SEPARATORS = ['-', '~', '至', '到'];
const INCIDENTAL_AFTER = /^(?:号|条|款|届|版)/;
const BRACKET_PAIRS: readonly [string, string][] = [
  ['《', '》'],
  ['〔', '〕'],
  ['【', '】'],
  ['[', ']'],
];
/** More words than this around a bare number (no unit, no operator) make the cell prose. */
const PROSE_WORDS = 20;

function findQuantity(c: string, dates: readonly Span[]): Quantity | null {
  const tokens = scanNumbers(c, dates).filter((t) => !t.incidental);
  if (tokens.length === 0) return null;

  if (tokens.length === 2) {
    const range = readRange(c, tokens[0]!, tokens[1]!);
    if (range) return range;
  }
  let main: NumberToken | undefined;
  if (tokens.length === 1) main = tokens[0];
  else {
    const withOperator = tokens.filter((t) => t.before !== null);
    if (withOperator.length === 1) main = withOperator[0];
  }
  if (!main) return null;

  const unit = readUnit(c, main.end);
  const after = matchAfterWord(c, unit.end);
  const before = main.before;
  const operatorStart = before ? main.start - before.text.length : main.start;
  // A conflicting operator after the number loses to the one before it and stays a word.
  const afterUsed = after !== null && (before === null || before.operator === after.operator);
  const operator = before?.operator ?? (afterUsed ? after.operator : '=');
  const tailStart = afterUsed ? unit.end + after.text.length : unit.end;
  const wordsBefore = trimConnector(c.slice(0, operatorStart));
  const wordsAfter = trimConnector(c.slice(tailStart));

  const prose = wordsBefore.length + wordsAfter.length > PROSE_WORDS;
  if (unit.unit === null && before === null && !afterUsed && prose) return null;
  return { operator, valueText: main.valueText, unit: unit.unit, words: joinWords([wordsBefore, wordsAfter]) };
}

/** "90%-100%", "90-100%", "90%~100%", "90%至100%": '≥' lower bound; see parseTargetValue. */
function readRange(c: string, low: NumberToken, high: NumberToken): Quantity | null {
  if (high.before !== null) return null;
  const lowUnit = readUnit(c, low.end);
  const separator = c.slice(lowUnit.end, high.start);
  if (!RANGE_SEPARATORS.includes(separator)) return null;
  const highUnit = readUnit(c, high.end);
  if (lowUnit.unit !== null && highUnit.unit !== null && lowUnit.unit !== highUnit.unit) return null;
  const unit = lowUnit.unit ?? highUnit.unit;
  const operatorStart = low.before ? low.start - low.before.text.length : low.start;
  const wordsBefore = trimConnector(c.slice(0, operatorStart));
  const wordsAfter = trimConnector(c.slice(highUnit.end));
  const upper = `≤${high.valueText}${unit ?? ''}`;
  return {
    operator: '≥',
    valueText: low.valueText,
    unit,
    words: joinWords([wordsBefore, upper, wordsAfter]),
  };
}

function scanNumbers(c: string, dates: readonly Span[]): NumberToken[] {
  const tokens: NumberToken[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(c); m; m = NUMBER.exec(c)) {
    let start = m.index;
    const end = start + m[0].length;
    if (dates.some((d) => start < d.end && d.start < end)) continue;
    let digits = m[0].replace(/,/g, '');
    if (digits.startsWith('.')) digits = `0${digits}`;
    // A sign belongs to the number only at the start or right after an operator ("≥-5%");
    // between two numbers a dash is a range ("90-100%").
    const signChar = c[start - 1];
    if ((signChar === '-' || signChar === '+') && (start - 1 === 0 || matchBeforeWord(c, start - 1) !== null)) {
      start -= 1;
      if (signChar === '-') digits = `-${digits}`;
    }
    const before = matchBeforeWord(c, start);
    const valueText = digits;
    const incidental = isIncidental(c, start, end) || !Number.isFinite(Number(valueText));
    tokens.push({ start, end, valueText, before, incidental });
  }
  return tokens;
}

function isIncidental(c: string, start: number, end: number): boolean {
  const prev = c[start - 1] ?? '';
  const next = c[end] ?? '';
  const rest = c.slice(end);
  if (prev === '第') return true;
  if (/[A-Za-z]/.test(prev)) return true;
  // "第3条", "5号文件" — but "≥3条" (three rivers) and a cell of just "3条" are counts.
  if (INCIDENTAL_AFTER.test(rest) && matchBeforeWord(c, start) === null && c.slice(0, start).trim() !== '') return true;
  // List numbering: "1.完成…", "1、…", "(1)…".
  if (/^[.、]\D/.test(rest) || (rest.startsWith('.') && rest.length === 1)) return true;
  if (prev === '(' && next === ')') return true;
  if (/[A-Za-z]/.test(next) && matchKnownUnit(c, end) === null) return true;
  for (const [open, close] of BRACKET_PAIRS) {
    const lastOpen = c.lastIndexOf(open, start);
    if (lastOpen !== -1 && c.lastIndexOf(close, start) < lastOpen && c.indexOf(close, end) !== -1) return true;
  }
  return false;
}

function matchBeforeWord(c: string, at: number): OperatorWord | null {
  const head = c.slice(0, at);
  return BEFORE_WORDS.find((w) => head.endsWith(w.text)) ?? null;
}

function matchAfterWord(c: string, at: number): OperatorWord | null {
  const tail = c.slice(at);
  return AFTER_WORDS.find((w) => tail.startsWith(w.text)) ?? null;
}

/** A known unit at `at`, refusing an ASCII unit that runs on into more letters ("ms", "GB" vs "G"). */
function matchKnownUnit(c: string, at: number): string | null {
  const tail = c.slice(at);
  for (const u of UNITS_LONGEST_FIRST) {
    if (!tail.startsWith(u)) continue;
    if (/[A-Za-z]$/.test(u) && /^[A-Za-z]/.test(tail.slice(u.length))) continue;
    return u;
  }
  return null;
}

/** Base unit: known unit, magnitude + known unit, bare magnitude, or an unknown CJK unit. */
function matchBaseUnit(c: string, at: number): string | null {
  const known = matchKnownUnit(c, at);
  if (known) return known;
  const first = c[at] ?? '';
  if (MAGNITUDES.includes(first)) {
    const after = matchKnownUnit(c, at + 1);
    return after && !after.startsWith('%') ? first + after : first;
  }
  const m = UNKNOWN_UNIT.exec(c.slice(at));
  if (!m || !m[1]) return null;
  const candidate = m[1];
  if (NOT_UNITS.some((w) => candidate.includes(w))) return null;
  return candidate;
}

/** Unit after a number, with compound parts: "万元/队/年", "元/人/月", "次/年". */
function readUnit(c: string, at: number): { unit: string | null; end: number } {
  const first = matchBaseUnit(c, at);
  if (first === null) return { unit: null, end: at };
  let unit = first;
  let end = at + first.length;
  while (c[end] === '/') {
    const part = matchBaseUnit(c, end + 1);
    if (part === null) break;
    unit += `/${part}`;
    end += 1 + part.length;
  }
  return { unit, end };
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

const EDGE_PUNCTUATION = /^[\s,，、;；:：。.!！?？·…~-]+|[\s,，、;；:：。.!！?？·…~-]+$/g;

function trimConnector(s: string): string {
  return s.replace(EDGE_PUNCTUATION, '');
}

/** Non-empty parts joined by "…" (before…after); null when nothing is left. */
function joinWords(parts: readonly string[]): string | null {
  const kept = parts.filter((p) => p !== '');
  return kept.length === 0 ? null : kept.join('…');
}

/** The text between and around spans. */
function gaps(c: string, spans: readonly Span[]): string[] {
  const out: string[] = [];
  let pos = 0;
  for (const s of spans) {
    out.push(c.slice(pos, s.start));
    pos = Math.max(pos, s.end);
  }
  out.push(c.slice(pos));
  return out.map((g) => (RANGE_SEPARATORS.includes(g) ? '' : g));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// A target's likely reading (issue 69)
// ---------------------------------------------------------------------------------------------

/**
 * What OCR gives for a comparison sign it cannot read, before the number: neither of tesseract's models has ≥ or ≤,
 * so it reads ≥ as 2, z, 三 or =, ≤ as 三, = or < (≥95% as 295%, ≤100% as 三100%).
 */
const SIGN_STAND_IN = /^([2zZ三二=＝<>＜＞])\s*(?=[1-9]|0\.)/;

/** What is known around a target when its shape is judged. */
export interface TargetShapeContext {
  /** The indicator is a rate (率, 比例, 满意度 …): its percent cannot pass 100. */
  rate: boolean;
  /** Most of the table's other targets are written with a sign (≥, ≤, >, <): a number without one is the odd one. */
  signed: boolean;
  /** The sign the indicator more likely has when either could stand (≤ for a cost, ≥ otherwise). */
  prefer: '≥' | '≤';
}

/**
 * The likely readings of a target whose shape is no target's, most likely first, or null when its shape is a target's
 * (an operator, a number, a unit — or no number at all). A target read by OCR is no target's shape when a character
 * that OCR gives for a sign stands where the sign belongs:
 *
 * - 三 or 二 before a number (never the start of a target): ≥ or ≤;
 * - = or < before a number in a table whose other targets have signs: ≥ or ≤ (=), ≤ (<), ≥ (>);
 * - z before a number, or 2 before a number that is then a rate over 100% (295% of a 满意度) or stands in a table
 *   whose other targets have signs (280M among ≥85%, ≤10万元 …): ≥ and the rest.
 *
 * @example likelyTargets('295%', { rate: true, signed: false, prefer: '≥' }) // ['≥95%']
 * @example likelyTargets('三100%', { rate: true, signed: true, prefer: '≥' }) // ['≥100%', '≤100%']
 */
export function likelyTargets(raw: string, ctx: TargetShapeContext): string[] | null {
  const text = raw.trim();
  const m = SIGN_STAND_IN.exec(text);
  if (m === null) return null;
  const rest = text.slice(m[0].length);
  const after = parseTargetValue(rest);
  if (after.kind !== 'quantitative' || after.value === null || after.operator !== '=' || after.words !== null) return null;
  const other: '≥' | '≤' = ctx.prefer === '≥' ? '≤' : '≥';
  const both = [`${ctx.prefer}${rest}`, `${other}${rest}`];
  switch (m[1]) {
    case '三':
    case '二':
      return both;
    case '=':
    case '＝':
      return ctx.signed ? both : null;
    case '<':
    case '＜':
      return ctx.signed ? [`≤${rest}`] : null;
    case '>':
    case '＞':
      return ctx.signed ? [`≥${rest}`] : null;
    case 'z':
    case 'Z':
      return [`≥${rest}`];
    default: {
      // a 2: a digit unless the number is then a rate over 100, or the table writes its targets with signs
      const whole = parseTargetValue(text);
      const overRate = ctx.rate && whole.unit === '%' && (whole.value ?? 0) > 100 && after.unit === '%' && after.value <= 100;
      return overRate || ctx.signed ? [`≥${rest}`] : null;
    }
  }
}
