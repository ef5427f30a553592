/**
 * Invisible characters in names and codes: bidirectional controls (a right-to-left override makes
 * "局民政区" display as "区政民局", or a code's digits read in another order) and zero-width
 * characters (two names that look the same and are not). Nothing legitimate in a department's or
 * project's name or code needs them, so they are removed, and the caller reports what was removed
 * (a diagnostic in an import, the cleaned value in the API). Pure.
 *
 * @example cleanText('示范\u202E局民政') // { text: '示范局民政', removed: ['U+202E'] }
 */

/** The characters removed, with their names for the diagnostic. */
export const INVISIBLE_CHARACTERS: Readonly<Record<string, string>> = {
  '\u061C': '阿拉伯字母标记',
  '\u200B': '零宽空格',
  '\u200C': '零宽不连字',
  '\u200D': '零宽连字',
  '\u200E': '从左向右标记',
  '\u200F': '从右向左标记',
  '\u202A': '从左向右嵌入',
  '\u202B': '从右向左嵌入',
  '\u202C': '方向格式结束',
  '\u202D': '从左向右覆盖',
  '\u202E': '从右向左覆盖',
  '\u2060': '零宽不换行',
  '\u2061': '不可见函数符',
  '\u2062': '不可见乘号',
  '\u2063': '不可见分隔符',
  '\u2064': '不可见加号',
  '\u2066': '从左向右隔离',
  '\u2067': '从右向左隔离',
  '\u2068': '首字符方向隔离',
  '\u2069': '方向隔离结束',
  '\u180E': '蒙古文元音分隔符',
  '\uFEFF': '零宽不换行空格（BOM）',
};

const INVISIBLE = new RegExp(`[${Object.keys(INVISIBLE_CHARACTERS).join('')}]`, 'gu');
/** The same characters, for a test (no global flag: no lastIndex carried between calls). */
const ANY_INVISIBLE = new RegExp(INVISIBLE.source, 'u');

/** Whether cleanText would remove anything from the text: a test, without cleanText's allocations. */
export function hasInvisible(text: string | null): boolean {
  return text !== null && ANY_INVISIBLE.test(text);
}

export interface CleanedText {
  text: string;
  /** The code points removed, once each, in order of appearance: "U+202E". */
  removed: string[];
}

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The text without bidirectional controls and zero-width characters, and which were removed. */
export function cleanText(text: string): CleanedText {
  const removed = new Set<string>();
  const cleaned = text.replace(INVISIBLE, (c) => {
    removed.add(c);
    return '';
  });
  return { text: cleaned, removed: [...removed].map(codePoint) };
}

/** The removed characters for people: "从右向左覆盖（U+202E）、零宽空格（U+200B）". */
export function describeRemoved(removed: readonly string[]): string {
  return removed
    .map((cp) => {
      const c = String.fromCodePoint(Number.parseInt(cp.slice(2), 16));
      return `${INVISIBLE_CHARACTERS[c] ?? '不可见字符'}（${cp}）`;
    })
    .join('、');
}

/**
 * Control characters (issue 72): C0 but tab, line feed and carriage return, DEL, and C1. No text a person types or
 * pastes needs them; PostgreSQL refuses a NUL in text (the request ended in a 500), and an escape sequence stored on
 * SQLite reached the operator's terminal. The API refuses them at the edge (app/control-characters.ts); a file's
 * name loses them (cleanFileName); the command line shows any already stored as visible pictures (printable).
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const CONTROLS = new RegExp(CONTROL.source, 'gu');

/** The first control character of the text as "U+0000", or null. */
export function controlCharacterIn(text: string): string | null {
  const m = CONTROL.exec(text);
  return m === null ? null : codePoint(m[0]);
}

/** A file's name as people may see it: without control characters, bidirectional controls and zero-width characters. */
export function cleanFileName(name: string): string {
  return cleanText(name.replace(CONTROLS, '')).text;
}

/**
 * Text for a terminal: every control character but tab and line feed shown as its picture (␀ ␛ ␡; C1 as �), so that
 * stored text never moves the cursor, retitles the window or writes escape sequences.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/gu, (c) => {
    const n = c.codePointAt(0)!;
    return n < 0x20 ? String.fromCodePoint(0x2400 + n) : n === 0x7f ? '\u2421' : '\uFFFD';
  });
}
