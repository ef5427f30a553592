/**
 * Indicators written as running text (issue 53), in one cell per category or one cell for all:
 * `指标1：培训人次≥500人；指标2：培训合格率≥95%`, `产出指标：1.培训人次≥500人；2.合格率≥95%。效益指标：…`,
 * `数量指标：开展宣传活动≥12场；质量指标：…`. Split into indicators with their names and targets, each under
 * the category its text (or the cell beside it) names:
 *
 * - sections by a category's name and a colon (产出指标：, 数量指标：);
 * - items by `指标N：`, numbering (1. 2、 （1） ①) or a semicolon or full stop between them;
 * - an item's name and target: at a colon (`培训人次：≥500人`), else before the value it ends with (a number
 *   with its unit, after an operator: `培训人次≥500人`, `资金到位率100%`), else before the words of a qualitative
 *   target it ends with (`群众办事效率明显提升`); an item where none of these is found keeps its text as its
 *   name and no target (the reader then doubts it: indicators-in-text).
 */
import { FRAMEWORKS, normalizeCategories } from '../../../shared/domain/framework';
import type { SourceLocation } from '../../../shared/domain/model';
import { splitNumbering, toHalfWidth } from '../../../shared/domain/text';
import type { IndicatorGroup } from '../../../shared/layout/indicator-columns';
import type { DoubtSink } from '../structure/doubts';
import type { RawIndicator } from './indicators';

export interface RunningItem {
  /** The category the text names for the item (一级 or 二级, as written); '' when none. */
  level1: string;
  level2: string;
  name: string;
  target: string;
}

/** A category's name and a colon: a section of the text. */
const SECTION = /((?:产出|效益|满意度|成本|效果|数量|质量|时效|实效|经济效益|社会效益|生态效益|可持续影响|可持续性影响|服务对象满意度|社会公众满意度|经济成本|社会成本|生态环境成本)指标)\s*[:：]/g;

/** Where an item starts: `指标3：`, `1.`, `2、`, `（3）`, `①`. */
const ITEM_START = /(?:指标\s*\d+\s*[:：]|(?<![\d.])\d{1,2}\s*[.、．](?!\d)|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])/g;

/** Numbering at the start of a text: `1.`, `2、`, `（1）`, `①`. */
const NUMBERED_START = /^\s*(?:\d{1,2}\s*[.、．](?!\d)|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩])/;

/** A value an item ends with: an operator (or none), a number, its unit. */
const TRAILING_VALUE = /(?:(?:≥|≤|>|<|=|＞|＜|≧|≦|不低于|不少于|不高于|不超过|不大于|不小于|大于等于|小于等于|达到|控制在|为|达)\s*)?\d[\d,，]*(?:\.\d+)?\s*(?:%|％|‰|[\u4e00-\u9fa5a-zA-Z/]{0,5})?(?:以上|以内|以下|及以上)?$/;

/** A comparison sign, or two together (`>=`). */
const OPERATOR = /[≥≤=><＞＜≧≦＝]+/g;

/** A date an item ends with, after an operator or none: `2026年10月底前`, `≤2026年12月31日`, `2026年底前`, `2026.10`. */
const TRAILING_DATE =
  /(?:(?:≤|<|=|＜|≦|不晚于|早于|于)\s*)?20\d{2}\s*(?:年\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?)?|[-./]\d{1,2}(?:[-./]\d{1,2})?)(?:底|末|前|内|之前|以前|上旬|中旬|下旬|完成|全部完成)*$/;

/** The words of a qualitative target an item ends with. */
const TRAILING_QUALITATIVE = /((?:明显|显著|有效|持续|进一步|稳步|大幅|逐步|不断|全面|较大)?(?:提升|提高|改善|增强|完善|加强|减少|降低|下降|增加|优化)|(?:长期|基本|总体|全面|持续|较为|比较)?(?:良好|合格|达标|及时|健全|规范|稳定|有效|完成|到位|满意|较好|优良))$/;

/**
 * The category of a level the text names, as a level-1 or level-2 name of any framework; `both` for one that is a
 * level 1 in one framework and a level 2 in another (成本指标: the 2021 tree's level 1, a level 2 of 产出指标 before).
 */
function levelOf(name: string): 'level1' | 'level2' | 'both' | null {
  let as1 = false;
  let as2 = false;
  let exact1 = false;
  let exact2 = false;
  for (const fw of FRAMEWORKS) {
    const n1 = normalizeCategories(fw, name, '');
    if (n1.level1 !== null) {
      as1 = true;
      exact1 ||= n1.level1Matched === 'exact';
    }
    const n2 = normalizeCategories(fw, '', name);
    if (n2.level2 !== null) {
      as2 = true;
      exact2 ||= n2.level2Matched === 'exact';
    }
  }
  if (!as1 || !as2) return as1 ? 'level1' : as2 ? 'level2' : null;
  // a level's standard name is that level's (服务对象满意度指标 a level 2, though 服务对象满意度 also names the level 1)
  return exact1 === exact2 ? 'both' : exact1 ? 'level1' : 'level2';
}

/** An item's text → its name and target. */
function splitItem(raw: string): { name: string; target: string } {
  const text = raw.trim().replace(/[；;。，,、\s]+$/, '');
  const colon = /^(.{1,40}?)\s*[:：]\s*(.+)$/.exec(text);
  if (colon) return { name: colon[1]!.trim(), target: colon[2]!.trim() };
  // one operator (`沿线群众满意度=较满意`, `完工时间≤2026年10月`): the target from it, whatever follows
  const operators = [...text.matchAll(OPERATOR)];
  if (operators.length === 1 && operators[0]!.index > 0) {
    const at = operators[0]!.index;
    return { name: text.slice(0, at).replace(/[\s,，]+$/, ''), target: text.slice(at).trim() };
  }
  // a date it ends with (`完工时间2026年10月底前`): the target from the date's start, not from its month
  const date = TRAILING_DATE.exec(toHalfWidth(text));
  if (date && date.index > 0) return { name: text.slice(0, date.index).replace(/[\s,，]+$/, ''), target: text.slice(date.index).trim() };
  const value = TRAILING_VALUE.exec(toHalfWidth(text));
  // the match on the half-width text: the same index in the text (toHalfWidth keeps every character's index)
  if (value && value.index > 0) return { name: text.slice(0, value.index).replace(/[\s,，]+$/, ''), target: text.slice(value.index).trim() };
  const words = TRAILING_QUALITATIVE.exec(text);
  if (words && words.index > 1) return { name: text.slice(0, words.index), target: words[0] };
  return { name: text, target: '' };
}

/** The label of the target an item written field by field ends its fields with (`…；年度指标值:≥500人次`). */
const TARGET_LABEL = /^(?:年度|本年度?|当年)?(?:绩效)?(?:指标值|目标值|指标目标值)$/;

/**
 * An item written as its fields, separated by semicolons (`产出指标；数量指标；培训人次；年度指标值`, issue 68): the
 * categories it names (one or two, leading), its name (one field), the target's label dropped. null for an item
 * that is not so written (one field, or fields other than these), which keeps its text as its name.
 */
function itemFields(name: string): { level1: string | null; level2: string | null; name: string } | null {
  const fields = name.split(/\s*[；;]\s*/).filter((f) => f !== '');
  if (fields.length < 2) return null;
  if (TARGET_LABEL.test(fields[fields.length - 1]!)) fields.pop();
  const categories: string[] = [];
  while (fields.length > 1 && categories.length < 2 && levelOf(fields[0]!) !== null) categories.push(fields.shift()!);
  if (fields.length !== 1 || categories.length === 0) return null;
  if (categories.length === 2) return { level1: categories[0]!, level2: categories[1]!, name: fields[0]! };
  return levelOf(categories[0]!) === 'level2' ? { level1: null, level2: categories[0]!, name: fields[0]! } : { level1: categories[0]!, level2: '', name: fields[0]! };
}

/** A numbering with nothing after it. */
const BARE_NUMBER = /^(?:\d{1,2}\s*[.、．]?|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])$/;

/** Where the text's items start (`指标3：`, `1.`, `2、`, `（3）`, `①`), in order. */
export function itemStarts(text: string): number[] {
  const starts: number[] = [];
  ITEM_START.lastIndex = 0;
  for (let m = ITEM_START.exec(text); m !== null; m = ITEM_START.exec(text)) starts.push(m.index);
  return starts;
}

/** An item that names its own category first, after its numbering: `3.满意度指标：…`, `1、产出指标；数量指标；…`. */
export function namesOwnCategory(item: string): boolean {
  const rest = item.replace(ITEM_AT_START, '');
  const first = /^([\u4e00-\u9fa5]{2,10}指标)\s*[:：；;]/.exec(rest);
  return first !== null && levelOf(first[1]!) !== null;
}

const ITEM_AT_START = /^\s*(?:指标\s*\d+\s*[:：]|\d{1,2}\s*[.、．](?!\d)|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*/;

/** A section's items, split at their starts, else at semicolons and full stops. */
function itemsOf(text: string): string[] {
  const starts = itemStarts(text);
  const pieces: string[] = [];
  if (starts.length >= 1) {
    if (starts[0]! > 0) pieces.push(text.slice(0, starts[0]));
    starts.forEach((s, k) => pieces.push(text.slice(s, starts[k + 1] ?? text.length)));
  } else pieces.push(...text.split(/[；;。\n]/));
  return pieces
    .map((p) => splitNumbering(p.trim().replace(/^指标\s*\d+\s*[:：]\s*/, '')).rest.trim())
    .map((p) => p.replace(/[；;。，,、\s]+$/, ''))
    // a number left alone before a category's section (`1.数量指标：…`): the section's item's numbering, no item
    .filter((p) => p !== '' && !BARE_NUMBER.test(p));
}

/**
 * The indicators a running text holds, under `level1`/`level2` (the categories of the cell it stands in or
 * beside) unless a section of the text names its own. [] for a text that holds none (fewer than one item
 * with a target, and no `指标N：` or category section).
 */
export function splitRunningIndicators(text: string, level1 = '', level2 = ''): RunningItem[] {
  const sections: { name: string; body: string }[] = [];
  SECTION.lastIndex = 0;
  let last = 0;
  let lastName = '';
  for (let m = SECTION.exec(text); m !== null; m = SECTION.exec(text)) {
    if (m.index > last || lastName !== '') sections.push({ name: lastName, body: text.slice(last, m.index) });
    lastName = m[1]!;
    last = m.index + m[0].length;
  }
  sections.push({ name: lastName, body: text.slice(last) });
  // marks: 指标N：, a category's section, or numbering at the start (`1.培训人次≥500人`: one numbered item is an item too)
  const marked = /指标\s*\d+\s*[:：]/.test(text) || sections.some((s) => s.name !== '') || NUMBERED_START.test(text);
  const out: RunningItem[] = [];
  let l1 = level1;
  let l2 = level2;
  // sections by level 2 (数量指标：…。成本指标：…): a name of both levels among them is a level 2 too (issue 53)
  const byLevel2 = sections.some((s) => s.name !== '' && levelOf(s.name) === 'level2');
  // a level 1 whose section holds nothing (`产出指标：成本指标：…`): a name of both levels right after it is its level 2
  let bareLevel1 = false;
  for (const s of sections) {
    const items = itemsOf(s.body);
    if (s.name !== '') {
      const found = levelOf(s.name);
      const level: 'level1' | 'level2' | null = found === 'both' ? (byLevel2 || bareLevel1 ? 'level2' : 'level1') : found;
      if (level === 'level1') {
        l1 = s.name;
        l2 = '';
      } else if (level === 'level2') l2 = s.name;
      bareLevel1 = level === 'level1' && items.length === 0;
    }
    for (const item of items) {
      const split = splitItem(item);
      const fields = itemFields(split.name);
      if (fields === null) out.push({ level1: l1, level2: l2, ...split });
      else out.push({ level1: fields.level1 ?? l1, level2: fields.level2 ?? l2, name: fields.name, target: split.target });
    }
  }
  // a text with no marks is running text only when at least two of its items have targets
  if (!marked && out.filter((i) => i.target !== '').length < 2) return [];
  return out;
}

/**
 * Reads cells of running text beside a 绩效指标 label (a form's, a department-wide table's) into raw indicators:
 * a cell that names a category sets it for the cells after it (and the rows after it: `context`), a cell of
 * running text gives its indicators. Returns the cells that are neither (for the caller to report).
 */
export function readRunningCells(
  cells: readonly { text: string; source: SourceLocation }[],
  context: { level1: string; level2: string },
  group: IndicatorGroup,
  out: RawIndicator[],
  doubt: DoubtSink,
  tableName: string,
): { text: string; source: SourceLocation }[] {
  const left: { text: string; source: SourceLocation }[] = [];
  for (const { text, source } of cells) {
    if (text === '') continue;
    const found = text.length <= 16 ? levelOf(text) : null;
    // a category cell beside the text: a level 1 when it may be one
    const level = found === 'both' ? 'level1' : found;
    if (level === 'level1') {
      context.level1 = text;
      context.level2 = '';
      continue;
    }
    if (level === 'level2') {
      context.level2 = text;
      continue;
    }
    const items = splitRunningIndicators(text, context.level1, context.level2);
    if (items.length === 0) {
      left.push({ text, source });
      // text in the indicators' place that gives no indicator: what it says is not read (issue 53)
      if (text.trim().length > 4) doubt('indicators-in-text', `${tableName}绩效指标栏中的文字“${text.trim().slice(0, 20)}”未能拆分为指标`, source);
      continue;
    }
    for (const item of items) {
      out.push({
        group,
        level1Raw: item.level1,
        level2Raw: item.level2,
        inherited1: false,
        inherited2: false,
        name: item.name,
        description: '',
        target: item.target,
        basis: '',
        extras: [],
        source,
        sources: { name: source, ...(item.target !== '' ? { target: source } : {}) },
      });
    }
    const blank = items.filter((i) => i.target === '');
    if (blank.length > 0) doubt('indicators-in-text', `${tableName}中写成文字的指标“${blank[0]!.name.slice(0, 20)}”未能拆分出指标值`, source);
    // a comparison left in the name (`培训人次≥500人，合格率≥95%`): two indicators in one item, or a name cut wrong
    const compared = items.find((i) => /[≥≤=><＞＜≧≦＝]/.test(i.name));
    if (compared !== undefined) doubt('indicators-in-text', `${tableName}中写成文字的指标“${compared.name.slice(0, 20)}”的名称中有比较符号，可能是几个指标写在一起`, source);
  }
  return left;
}
