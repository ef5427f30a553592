/**
 * Text helpers for Chinese documents: full-width forms, labels written with stray spaces,
 * Word bookmarks left in extracted text, and the many ways headings are numbered.
 */

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

/** Full-width ASCII forms (！ to ～) and the ideographic space to their ASCII twins: "１２．５％" → "12.5%". */
export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s;
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/**
 * A label reduced for comparison: half-width, no whitespace at all, colons unified.
 * compactLabel("其中：财政    资金") = "其中:财政资金"; compactLabel("一级\n指标") = "一级指标".
 */
export function compactLabel(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, '');
}

const BOOKMARK = /^\s*\[bookmark:\s*([^\]]*)\]/;

/**
 * Removes the "[bookmark: _Toc…]" prefixes Word leaves before titles (there may be several).
 * stripBookmarks("[bookmark: a][bookmark: b]1.标题") = { text: "1.标题", bookmarks: ["a", "b"] }.
 */
export function stripBookmarks(s: string): { text: string; bookmarks: string[] } {
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
export function splitNumbering(line: string): { numbering: string | null; rest: string } {
  const s = line.trimStart();
  const patterns = [
    new RegExp(`^[（(]\\s*[${CN_DIGITS}\\d]+\\s*[）)]\\s*`),
    new RegExp(`^[${CN_DIGITS}]+\\s*[、.．,，]\\s*`),
    new RegExp(`^[${CN_DIGITS}]+是`),
    new RegExp(`^第[${CN_DIGITS}]+[，,、]\\s*`),
    /^\d{1,2}\s*[、．。]\s*/,
    /^\d{1,2}\.(?!\d)\s*/,
  ];
  for (const re of patterns) {
    const m = re.exec(s);
    if (m && m[0].trim() !== '' && s.length > m[0].length) {
      return { numbering: m[0].trim(), rest: s.slice(m[0].length).trim() };
    }
  }
  return { numbering: null, rest: s.trim() };
}
