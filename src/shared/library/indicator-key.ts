/**
 * The indicator library's grouping key: one 三级指标 name reduced so that the same indicator
 * written by different departments meets ("1.服务对象满意度（%）", "服务对象满意度指标",
 * "服务对象满意率" → "服务对象满意度"). Pure: the library builder, the search and the browser use it.
 *
 * What is dropped: heading numbering (1. （一） 一、), full-width forms (to ASCII), whitespace,
 * punctuation and brackets with a unit inside ("（%）"), a trailing 指标. Then the synonym table
 * below (data: a new spelling is a line) maps word endings and whole names to one form.
 */
import { splitNumbering, toHalfWidth, unifyIdeographs } from '../domain/text';

/** Endings that say the same thing: the first is replaced by the second (longest first). */
export const SUFFIX_SYNONYMS: readonly (readonly [string, string])[] = [
  ['满意度测评', '满意度'],
  ['满意度调查', '满意度'],
  ['满意程度', '满意度'],
  ['满意率', '满意度'],
  ['及时性', '及时率'],
  ['按时完成率', '及时完成率'],
  ['合格比例', '合格率'],
  ['覆盖面', '覆盖率'],
  ['完成比例', '完成率'],
];

/** Whole names that are the same indicator under another name. */
export const NAME_SYNONYMS: Readonly<Record<string, string>> = {
  满意度: '服务对象满意度',
  对象满意度: '服务对象满意度',
  服务满意度: '服务对象满意度',
  受益对象满意度: '服务对象满意度',
  受益群众满意度: '群众满意度',
  社会公众满意度: '群众满意度',
  公众满意度: '群众满意度',
  资金拨付及时率: '资金支付及时率',
  资金及时支付率: '资金支付及时率',
  资金及时拨付率: '资金支付及时率',
  项目成本: '项目总成本',
};

/** Punctuation and symbols of both widths (after toHalfWidth most are ASCII already). */
const PUNCTUATION = /[\s\p{P}\p{S}]/gu;
/** A bracketed unit or remark at the end: "（%）", "(万元)", "【必填】". */
const TRAILING_BRACKET = /[(（【\[][^()（）【】\[\]]{0,8}[)）】\]]$/u;

/** The name without numbering, bracketed unit, whitespace and punctuation, half width: what is compared. */
export function compactIndicatorName(name: string): string {
  let s = unifyIdeographs(toHalfWidth(name)).trim();
  s = splitNumbering(s).rest;
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(TRAILING_BRACKET, '').trim();
  }
  return s.replace(PUNCTUATION, '');
}

/**
 * The entry key of a 三级指标 name; '' when nothing is left (a name of punctuation only).
 * @example indicatorKey("1.服务对象满意率（%）") // "服务对象满意度"
 * @example indicatorKey("满意度指标") // "服务对象满意度"
 */
export function indicatorKey(name: string): string {
  let s = compactIndicatorName(name);
  if (s.endsWith('指标') && s.length > 2) s = s.slice(0, -2);
  for (const [from, to] of SUFFIX_SYNONYMS) {
    if (s.endsWith(from)) {
      s = s.slice(0, -from.length) + to;
      break;
    }
  }
  return NAME_SYNONYMS[s] ?? s;
}
