/**
 * Names, labels and units put right by the words they must be (issue 69). OCR confuses characters that look alike
 * (措 for 指, 方 for 万, 〈 for （); in a scanned target table many cells hold words from a known vocabulary — the
 * framework's 一级/二级指标 names, the forms' labels and column headers, the units after a number — and one
 * character away from such a word is that word read wrongly far more often than another word.
 *
 * correctVocabulary goes over the lines a scan's reading gave (cells and paragraphs whose source has an OCR mark)
 * before the document is parsed, and puts right:
 *
 * - a cell or line that is, but for one character, exactly one word of the vocabulary (产出措标 → 产出指标; a
 *   text that is one character from two words, 效量指标 from 数量指标 and 质量指标, is left as read);
 * - a cell or line that is one word of the vocabulary and a speck read beside it (效益指标0 → 效益指标);
 * - 方 for 万 in an amount's unit (10方元 → 10万元);
 * - a bracket opened and closed with brackets of two kinds (〈社区建设管理办公室) → （社区建设管理办公室）): OCR
 *   has no full-width （ ）, and reads them as ( ) or as 〈 《;
 * - a title line (a paragraph) whose form name is one character off (绩效目标值 → 绩效目标表): unread, the table
 *   would have no title.
 *
 * Each correction is kept on the line's mark (OcrMark.corrections: what was read, what it now says, by what), and
 * the OCR doubts (ocr-doubts.ts) raise it at its cell until a person confirms it.
 */
import { FRAMEWORKS } from '../../../shared/domain/framework';
import type { SourceLocation } from '../../../shared/domain/model';
import { INDICATOR_COLUMN_HEADERS, ROW_GROUP_HEADERS } from '../../../shared/layout/indicator-columns';
import { DEPARTMENT_LABELS, NON_DATA_LABELS, PROJECT_LABELS } from '../../../shared/layout/labels';
import type { Block } from '../blocks';

/** The words a scanned table's label and category cells hold, by their length (in characters). */
let vocabulary: Map<number, string[]> | null = null;

/** Labels are kept with ASCII brackets (normalizeLabel); a form prints them full-width. */
const fullWidth = (s: string) => s.replace(/\(/g, '（').replace(/\)/g, '）');

function words(): Map<number, string[]> {
  if (vocabulary !== null) return vocabulary;
  const all = new Set<string>();
  for (const f of FRAMEWORKS) {
    for (const l1 of f.level1) {
      for (const w of [l1.name, ...l1.synonyms, ...(l1.formNames ?? [])]) all.add(w);
      for (const l2 of l1.level2) for (const w of [l2.name, ...l2.synonyms, ...(l2.formNames ?? [])]) all.add(w);
    }
  }
  for (const { headers } of INDICATOR_COLUMN_HEADERS) for (const h of headers) all.add(h);
  for (const h of ROW_GROUP_HEADERS) all.add(h);
  for (const rule of [...PROJECT_LABELS, ...DEPARTMENT_LABELS]) for (const l of rule.labels ?? []) all.add(l);
  for (const l of NON_DATA_LABELS) all.add(l);
  vocabulary = new Map();
  for (const w of all) {
    for (const form of new Set([w, fullWidth(w)])) {
      const length = [...form].length;
      // a word of three characters or fewer is one character from too many others
      if (length < 4) continue;
      (vocabulary.get(length) ?? vocabulary.set(length, []).get(length)!).push(form);
    }
  }
  return vocabulary;
}

/** The one word of the vocabulary a text is but for one character, or null (none, or more than one). */
export function vocabularyWord(text: string): string | null {
  const chars = [...text];
  const list = words().get(chars.length);
  if (list === undefined || list.includes(text)) return null;
  let found: string | null = null;
  for (const w of list) {
    const wc = [...w];
    let differ = 0;
    for (let i = 0; i < wc.length && differ < 2; i++) if (wc[i] !== chars[i]) differ++;
    if (differ !== 1) continue;
    if (found !== null && found !== w) return null;
    found = w;
  }
  return found;
}

/** 方 where 万 stands in an amount's unit: after a number, before 元. */
const WAN = /(\d)\s*方元/g;

const OPEN = '(（〈《';
const CLOSE = ')）〉》';
/** Which closing bracket a bracket opens. */
const PAIR: Readonly<Record<string, string>> = { '(': ')', '（': '）', '〈': '〉', '《': '》' };

/**
 * Brackets opened with one kind and closed with another (〈…), (…〉, 《…)) as the full-width pair （…）: OCR reads
 * （ as ( or 〈 and ） as ); a title's 《…》 and a matched pair are left as they are.
 */
export function pairBrackets(text: string): string {
  const chars = [...text];
  const open: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (OPEN.includes(c)) open.push(i);
    else if (CLOSE.includes(c) && open.length > 0) {
      const at = open.pop()!;
      if (PAIR[chars[at]!] === c) continue;
      chars[at] = '（';
      chars[i] = '）';
    }
  }
  return chars.join('');
}

/** The endings of a target table's title (labels.ts FORM_NAME_PATTERNS), longest first. */
const TITLE_ENDINGS = ['绩效目标申报表', '绩效目标审核表', '绩效目标批复表', '绩效目标设定表', '目标申报表', '绩效目标表'];

/**
 * A title line whose form name was read with one character wrong (绩效目标表 as 绩效目标值): a short line of the text
 * outside the tables (no sentence in it) ending, before a bracketed note, one character away from one title ending
 * and at none, its ending put right. A line that already ends as a title, or near two endings, is left as read.
 */
export function correctTitle(text: string): string | null {
  const trimmed = text.trim();
  if ([...trimmed].length > 40 || /[，。；,;]/.test(trimmed)) return null;
  const note = /(\s*[(（][^()（）]*[)）])+$/.exec(trimmed)?.[0] ?? '';
  const body = [...trimmed.slice(0, trimmed.length - note.length)];
  if (TITLE_ENDINGS.some((e) => body.join('').endsWith(e))) return null;
  const near = TITLE_ENDINGS.filter((e) => {
    const end = [...e];
    if (body.length < end.length) return false;
    const tail = body.slice(body.length - end.length);
    return tail.filter((c, i) => c !== end[i]).length === 1;
  });
  // one ending and those it ends with (绩效目标申报表, 目标申报表) are one
  const longest = near.filter((e) => !near.some((o) => o !== e && o.endsWith(e)));
  if (longest.length !== 1) return null;
  const ending = longest[0]!;
  return `${body.slice(0, body.length - [...ending].length).join('')}${ending}${note}`;
}

/** A line put right by the vocabulary, or null when it stands as read. */
export function correctLine(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  let out = pairBrackets(trimmed).replace(WAN, '$1万元');
  const word = vocabularyWord(out.replace(/[:：]$/, ''));
  if (word !== null) out = /[:：]$/.test(out) ? `${word}${out.slice(-1)}` : word;
  // a word of the vocabulary with a speck read beside it (效益指标0, ·产出指标): the word
  const speck = /^[0-9.,'`·\-]([^]+)$|^([^]+?)[0-9.,'`·\-]$/.exec(out);
  const bare = speck?.[1] ?? speck?.[2];
  if (bare !== undefined && [...bare].length >= 4 && words().get([...bare].length)?.includes(bare) === true) out = bare;
  return out === trimmed ? null : text.replace(trimmed, out);
}

function correct(source: SourceLocation, read: string, paragraph = false): string | null {
  if (source.ocr === undefined) return null;
  const line = correctLine(read);
  const title = paragraph ? correctTitle(line ?? read) : null;
  const as = title ?? line;
  if (as === null) return null;
  source.ocr.corrections = [...(source.ocr.corrections ?? []), { read: read.trim(), as: as.trim(), by: 'vocabulary' }];
  return as;
}

/**
 * Puts right, in place, the lines of a scan's blocks that the vocabulary corrects (cells and paragraphs read by OCR; a
 * paragraph's title ending too).
 */
export function correctVocabulary(blocks: Block[]): void {
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      const as = correct(b.source, b.text, true);
      if (as !== null) b.text = as;
      continue;
    }
    for (const cell of b.cells) {
      cell.lines.forEach((line, i) => {
        const source = cell.sources[i];
        const as = source === undefined ? null : correct(source, line);
        if (as !== null) cell.lines[i] = as;
      });
    }
  }
}
