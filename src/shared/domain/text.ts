/**
 * Text helpers for Chinese documents: full-width forms, labels written with stray spaces,
 * Word bookmarks left in extracted text, and the many ways headings are numbered.
 */

/** A full-width ASCII form (！ U+FF01 to ～ U+FF5E): its ASCII twin is 0xFEE0 below it. */
function isFullWidthAscii(code: number): boolean {
  return code >= 0xff01 && code <= 0xff5e;
}

/** What `/\s/` matches (ECMAScript WhiteSpace and LineTerminator), as a character-code test. */
export function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

// Both functions below run on every cell the parser reads and most strings the review compares.
// They were a callback `replace` per full-width character; now a native regex scan returns the
// input itself when nothing changes (most cells), and otherwise one pass over the character codes
// copies the unchanged runs by slice. Their results are those of the regex versions for every input
// (test/unit/text-width.test.ts compares them over every BMP code point and random strings).

/** Characters either function changes: the scan (native) that finds most cells have none. */
const TO_CHANGE_HALF = /[\uFF01-\uFF5E\u3000]/;
const TO_CHANGE_COMPACT = /[\uFF01-\uFF5E\s]/;

/** Full-width ASCII forms (！ to ～) and the ideographic space to their ASCII twins: "１２．５％" → "12.5%". */
export function toHalfWidth(s: string): string {
  if (!TO_CHANGE_HALF.test(s)) return s;
  let out = '';
  let from = 0; // start of the run not yet copied to `out`
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x3000) continue;
    let half: number;
    if (code === 0x3000) half = 0x20;
    else if (isFullWidthAscii(code)) half = code - 0xfee0;
    else continue;
    out += s.slice(from, i) + String.fromCharCode(half);
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * A label reduced for comparison: half-width, no whitespace at all, colons unified.
 * compactLabel("其中：财政    资金") = "其中:财政资金"; compactLabel("一级\n指标") = "一级指标".
 * (toHalfWidth then removing /\s+/g, in one pass: no full-width form becomes whitespace, and the
 * ideographic space, which toHalfWidth makes a space, is whitespace either way.)
 */
export function compactLabel(s: string): string {
  if (!TO_CHANGE_COMPACT.test(s)) return s;
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (isSpace(code)) {
      out += s.slice(from, i);
      from = i + 1;
    } else if (isFullWidthAscii(code)) {
      out += s.slice(from, i) + String.fromCharCode(code - 0xfee0);
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

const BOOKMARK = /^\s*\[bookmark:\s*([^\]]*)\]/;

/**
 * Removes the "[bookmark: _Toc…]" prefixes Word leaves before titles (there may be several).
 * stripBookmarks("[bookmark: a][bookmark: b]1.标题") = { text: "1.标题", bookmarks: ["a", "b"] }.
 */
export function stripBookmarks(s: string): { text: string; bookmarks: string[] } {
  // The parser asks of every cell and line; almost none has a bookmark.
  if (!s.includes('[bookmark:')) return { text: s, bookmarks: [] };
  const bookmarks: string[] = [];
  let rest = s;
  for (let m = BOOKMARK.exec(rest); m; m = BOOKMARK.exec(rest)) {
    bookmarks.push(m[1]!.trim());
    rest = rest.slice(m[0].length);
  }
  return { text: rest, bookmarks };
}

const CN_DIGITS = '一二三四五六七八九十';

/**
 * Heading numbering at the start of a line: 一、 （一） (一) （1） 1. 1、 1． 1。 一是 第一，
 * splitNumbering("（二）加强管理") = { numbering: "（二）", rest: "加强管理" }.
 * A bare number followed by a unit or digit ("12个", "1.5") is not numbering.
 */
const NUMBERING_PATTERNS = [
  new RegExp(`^[（(]\\s*[${CN_DIGITS}\\d]+\\s*[）)]\\s*`),
  new RegExp(`^[${CN_DIGITS}]+\\s*[、.．,，]\\s*`),
  new RegExp(`^[${CN_DIGITS}]+是`),
  new RegExp(`^第[${CN_DIGITS}]+[，,、]\\s*`),
  /^\d{1,2}\s*[、．。]\s*/,
  /^\d{1,2}\.(?!\d)\s*/,
];

/** The characters numbering can start with (each pattern's first). */
const NUMBERING_START = new RegExp(`^[（(${CN_DIGITS}第\\d]`);

export function splitNumbering(line: string): { numbering: string | null; rest: string } {
  const s = line.trimStart();
  // Most lines start with none of numbering's first characters: no pattern can match.
  if (!NUMBERING_START.test(s)) return { numbering: null, rest: s.trim() };
  for (const re of NUMBERING_PATTERNS) {
    const m = re.exec(s);
    if (m && m[0].trim() !== '' && s.length > m[0].length) {
      return { numbering: m[0].trim(), rest: s.slice(m[0].length).trim() };
    }
  }
  return { numbering: null, rest: s.trim() };
}

// Fonts share one glyph between an ideograph and its radical, and a PDF's ToUnicode map may name
// the radical: Chrome prints 目 as ⽬ (U+2F6C) and 长 as ⻓ (U+2ED3). Kangxi radicals and the
// compatibility ideographs decompose (NFKC) to the ideograph; the radicals supplement does not, so
// the forms that stand for a character of their own are listed here.
const RADICALS_SUPPLEMENT: Record<string, string> = {
  '\u2E81': '厂', '\u2E85': '亻', '\u2E86': '冂', '\u2E87': '几', '\u2E8A': '卜', '\u2E8E': '尢', '\u2E92': '巳',
  '\u2E93': '幺', '\u2E94': '彑', '\u2E96': '忄', '\u2E98': '扌', '\u2E99': '攵', '\u2E9B': '旡', '\u2E9D': '月',
  '\u2E9E': '歺', '\u2E9F': '母', '\u2EA0': '民', '\u2EA1': '氵', '\u2EA2': '氺', '\u2EA3': '灬', '\u2EA4': '爫',
  '\u2EA6': '丬', '\u2EA8': '犭', '\u2EA9': '王', '\u2EAB': '罒', '\u2EAC': '示', '\u2EAD': '礻', '\u2EAF': '糹',
  '\u2EB0': '纟', '\u2EB9': '耂', '\u2EBA': '肀', '\u2EBC': '月', '\u2EBE': '艹', '\u2EBF': '艹', '\u2EC0': '艹',
  '\u2EC1': '虍', '\u2EC2': '衤', '\u2EC3': '覀', '\u2EC4': '西', '\u2EC5': '见', '\u2EC6': '角', '\u2EC8': '讠',
  '\u2EC9': '贝', '\u2ECB': '车', '\u2ECC': '辶', '\u2ECD': '辶', '\u2ECE': '辶', '\u2ECF': '阝', '\u2ED0': '钅',
  '\u2ED1': '長', '\u2ED2': '镸', '\u2ED3': '长', '\u2ED4': '门', '\u2ED6': '阝', '\u2ED8': '青', '\u2ED9': '韦',
  '\u2EDA': '页', '\u2EDB': '风', '\u2EDC': '飞', '\u2EDD': '食', '\u2EDF': '飠', '\u2EE0': '饣', '\u2EE2': '马',
  '\u2EE3': '骨', '\u2EE4': '鬼', '\u2EE5': '鱼', '\u2EE6': '鸟', '\u2EE7': '卤', '\u2EE8': '麦', '\u2EE9': '黄',
  '\u2EEA': '黾', '\u2EEB': '斉', '\u2EEC': '齐', '\u2EED': '歯', '\u2EEE': '齿', '\u2EEF': '竜', '\u2EF0': '龙',
  '\u2EF2': '亀', '\u2EF3': '龟',
};
const RADICAL_FORMS = /[\u2E80-\u2EFF\u2F00-\u2FDF\uF900-\uFAFF]/g;

/**
 * Radicals and compatibility ideographs that a PDF font names instead of the ideograph, as the
 * ideograph: unifyIdeographs("项⽬⻓期") = "项目长期". Other text is left as it is.
 */
export function unifyIdeographs(s: string): string {
  if (!/[\u2E80-\u2EFF\u2F00-\u2FDF\uF900-\uFAFF]/.test(s)) return s;
  return s.replace(RADICAL_FORMS, (c) => RADICALS_SUPPLEMENT[c] ?? (c >= '\u2F00' ? c.normalize('NFKC') : c));
}

const CJK_CHAR = '[\\u2E80-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFFEF\\u3000-\\u303F]';
/** A Chinese character, full-width form or CJK punctuation: a character as wide as it is high. */
export const WIDE_CHARACTER = new RegExp(CJK_CHAR);
const SPACE_BESIDE_CJK = new RegExp(`(?<=${CJK_CHAR}) | (?=${CJK_CHAR})`, 'g');

/**
 * Spaces beside Chinese characters are typography, not text: justified lines, the gap Word or
 * LibreOffice leaves between Chinese and Latin, a PDF's spacing. tidyCjkSpaces("2025年 工 作计划")
 * = "2025年工作计划"; spaces between Latin words stay, one each ("ISO  9001" → "ISO 9001").
 */
export function tidyCjkSpaces(text: string): string {
  return text.replace(/[ \t\u00a0\u3000]+/g, ' ').replace(SPACE_BESIDE_CJK, '').trim();
}

/**
 * A pure function of a text, remembered: the same cell texts (labels, target values) come back in
 * every table and every document. Texts longer than `maxLength` are computed each time, not kept
 * (long values would only push the short, repeated ones out); the memo is cleared when it holds
 * `size` texts, so a long-running server does not grow it forever.
 */
export function memoByText<R>(size: number, maxLength: number, compute: (text: string) => R): (text: string) => R {
  const cache = new Map<string, R>();
  return (text) => {
    if (text.length > maxLength) return compute(text);
    let hit = cache.get(text);
    if (hit === undefined) {
      if (cache.size >= size) cache.clear();
      hit = compute(text);
      cache.set(text, hit);
    }
    return hit;
  };
}
