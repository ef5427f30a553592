/**
 * A table row read as a form: which cells are labels (by a vocabulary of shared/layout/labels.ts)
 * and which cells are their values. A value is whatever stands to the right of its label up to
 * the next label — merged cells leave empty cells in between, which are skipped — or, in a row of
 * labels only, what stands under each label in the next row (项目总目标 | 年度总体目标 over their
 * texts). A label may carry its value in its own cell ("年度本级预算金额120万", "项目支出实施期：
 * 2024.03-2024.11"). Money is read in the unit its value, its label, its group or the table says.
 */
import type { Fen, FormField, FundingLine, SourceLocation } from '../../../shared/domain/model';
import { parseAmount, type MoneyUnit } from '../../../shared/domain/money';
import { compactLabel, isSpace, splitNumbering, stripBookmarks, toHalfWidth } from '../../../shared/domain/text';
import { CAPTION_LABELS, lookupLabel, normalizeLabel, splitLabelPrefix, undecoratedLabel, type NormalizedLabel } from '../../../shared/layout/labels';
import type { RowBlock } from '../blocks';
import { headerOver, joined, paragraphs, paragraphText, place, rowMemo, type Placed } from './grid';

type Rules<K extends string> = Parameters<typeof lookupLabel<K>>[0];

export interface FormCell<K extends string> extends Placed {
  /** Set when the cell is a label of the vocabulary. */
  label: { key: K; norm: NormalizedLabel; text: string; inline: string | null } | null;
}

/**
 * The row's cells, each known label marked (a cell's own value after its label in `inline`).
 * Computed once per row and vocabulary, kept in the row's memo (grid.ts); the result is shared: do
 * not change it.
 */
export function readFormRow<K extends string>(row: RowBlock, rules: Rules<K>): FormCell<K>[] {
  const memo = rowMemo(row);
  if (memo.formRules === rules) return memo.formCells as FormCell<K>[];
  if (memo.formRules === undefined) {
    const cells = markLabels(row, rules);
    memo.formRules = rules;
    memo.formCells = cells;
    return cells;
  }
  memo.otherForms ??= new Map();
  let cells = memo.otherForms.get(rules) as FormCell<K>[] | undefined;
  if (cells === undefined) memo.otherForms.set(rules, (cells = markLabels(row, rules)));
  return cells;
}

/** The row's cells as readFormRow marked them with the vocabulary, when it has. */
function markedCells<K extends string>(row: RowBlock, rules: Rules<K>): FormCell<K>[] | undefined {
  const memo = rowMemo(row);
  return (memo.formRules === rules ? memo.formCells : memo.otherForms?.get(rules)) as FormCell<K>[] | undefined;
}

function markLabels<K extends string>(row: RowBlock, rules: Rules<K>): FormCell<K>[] {
  const placed = place(row);
  const cells = new Array<FormCell<K>>(placed.length);
  // the vocabulary's memo and whether its labels are all wide: looked up once a row, not once a cell (WeakMaps)
  const memo = labelMemoOf(rules);
  const onlyWide = hasOnlyWideLabels(rules);
  for (let i = 0; i < placed.length; i++) {
    const p = placed[i]!;
    // The fields written out rather than spread: one object of a fixed shape per cell.
    cells[i] = { cell: p.cell, index: p.index, start: p.start, end: p.end, text: p.text, label: labelIn(p, rules, memo, onlyWide) };
  }
  return cells;
}

/** Texts longer than this are labelled each time, not remembered: labels are short. */
const LABEL_MEMO_MAX_LENGTH = 40;
const LABEL_MEMO_SIZE = 20_000;
/**
 * Per vocabulary, what labelOf found for a cell text: the same texts (labels above all, and the
 * short values of every table) come back in every table, and the reading depends on the text
 * alone. The label objects are shared by the cells that have the text: they are never changed.
 */
const labelMemo = new WeakMap<Rules<string>, Map<string, FormCell<string>['label']>>();

/**
 * Characters of Chinese script and the wide forms (CJK radicals and ideographs, ideographic space,
 * full-width forms: U+2E80 and above). Normalising a label (normalizeLabel, compactLabel) only
 * removes characters or turns wide ones into ASCII, so a text without any of these cannot become
 * one.
 */
const WIDE = /[\u2e80-\uffff]/;
const isWide = (code: number) => code >= 0x2e80;

/**
 * Per vocabulary: true when every label has a WIDE character, and every pattern must start with
 * one (it begins "^(" with alternatives that each start with one, like fundingLine's). Then a
 * text without any — an amount, a project code, a date — is no label of it, and is answered
 * without the memo: such texts are most of the cells labelOf has not seen (new values), and they
 * pushed the labels out of it. Null for a vocabulary that does not qualify: every text is labelled.
 */
const onlyWideLabels = new WeakMap<Rules<string>, boolean>();

export function hasOnlyWideLabels(rules: Rules<string>): boolean {
  let only = onlyWideLabels.get(rules);
  if (only === undefined) {
    only = rules.every((r) => (r.labels ?? []).every((l) => WIDE.test(l)) && (r.pattern === undefined || patternStartsWide(r.pattern)));
    onlyWideLabels.set(rules, only);
  }
  return only;
}

/** "^(中央|省级?|…)…": a pattern whose every match starts with a WIDE character. */
export function patternStartsWide(pattern: RegExp): boolean {
  const alternatives = leadingGroup(pattern);
  return alternatives !== null && alternatives.every((alt) => alt !== '' && isWide(alt.charCodeAt(0)));
}

/** The alternatives of the group a pattern starts with ("^(中央|省级?|…)…"), when the group is literal (no brackets, classes or escapes) and not optional. */
function leadingGroup(pattern: RegExp): string[] | null {
  const group = /^\^\(([^()[\]\\]*)\)(?![?*{])/.exec(pattern.source);
  return group === null ? null : group[1]!.split('|');
}

/**
 * The alternatives a pattern must start with ("^(中央|省级?|…)…": 中央, 省级?, …) when each
 * starts with a literal character that is not optional; null otherwise.
 */
function patternAlternatives(pattern: RegExp): string[] | null {
  const alternatives = leadingGroup(pattern);
  if (alternatives === null) return null;
  return alternatives.every((alt) => alt !== '' && !/^[.?*+{}^$]/.test(alt) && !/^.[?*{]/.test(alt)) ? alternatives : null;
}

/**
 * Per vocabulary, the characters a text compacted (compactLabel) must start with to be one of its
 * labels or to start with one (splitLabelPrefix): the labels' first characters and the first
 * characters of the literal alternatives every pattern starts with. Null when a pattern is not of
 * that form: then every text is looked up.
 */
const labelFirsts = new WeakMap<Rules<string>, ReadonlySet<string> | null>();

export function labelFirstCharacters(rules: Rules<string>): ReadonlySet<string> | null {
  let firsts = labelFirsts.get(rules);
  if (firsts === undefined) {
    const set = new Set<string>();
    let all = true;
    for (const r of rules) {
      for (const l of r.labels ?? []) if (l !== '') set.add(l[0]!);
      if (r.pattern !== undefined) {
        const alternatives = patternAlternatives(r.pattern);
        if (alternatives === null) all = false;
        else for (const alt of alternatives) set.add(alt[0]!);
      }
    }
    firsts = all ? set : null;
    labelFirsts.set(rules, firsts);
  }
  return firsts;
}

/**
 * The first character of compactLabel(text): whitespace skipped, a full-width ASCII form made
 * ASCII; '' for none.
 */
function compactFirst(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) continue;
    return code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : text[i]!;
  }
  return '';
}

/**
 * A long text (a goal, a purpose) that no label can be found in: its compacted form starts with a
 * character no label or pattern of the vocabulary starts with. The label a text is (its key after
 * normalizeLabel: compacted, a unit suffix and 其中 taken off) or starts with (splitLabelPrefix,
 * by the compacted text's first character) begins where the compacted text does, unless 其中 is
 * taken off first or a Word bookmark before it: those texts are looked up.
 */
function cannotHoldLabel(text: string, rules: Rules<string>): boolean {
  const firsts = labelFirstCharacters(rules);
  if (firsts === null || text.includes('[bookmark:')) return false;
  const first = compactFirst(text);
  return first !== '' && first !== '其' && !firsts.has(first);
}

/** The vocabulary's memo of labelOf's answers (labelMemo), made on first use. */
function labelMemoOf(rules: Rules<string>): Map<string, FormCell<string>['label']> {
  let memo = labelMemo.get(rules);
  if (memo === undefined) labelMemo.set(rules, (memo = new Map()));
  return memo;
}

/** A placed cell's label in the vocabulary (its own value after it in `inline`); null when it is none. */
function labelOf<K extends string>(p: Placed, rules: Rules<K>): FormCell<K>['label'] {
  return labelIn(p, rules, labelMemoOf(rules), hasOnlyWideLabels(rules));
}

/** labelOf with the vocabulary's memo and hasOnlyWideLabels' answer for it, looked up by the caller. */
function labelIn<K extends string>(p: Placed, rules: Rules<K>, memo: Map<string, FormCell<string>['label']>, onlyWide: boolean): FormCell<K>['label'] {
  if (p.text === '' || p.cell.mergedFromAbove) return null;
  // Labels start with a Chinese character: only a text that does not is looked at for one at all.
  if (onlyWide && !isWide(p.text.charCodeAt(0)) && !WIDE.test(p.text)) return null;
  if (p.text.length > LABEL_MEMO_MAX_LENGTH) {
    // Long texts are not remembered: most (goals, purposes) are answered by their first character.
    return cannotHoldLabel(p.text, rules) ? null : labelOfText(p.text, rules);
  }
  let label = memo.get(p.text) as FormCell<K>['label'] | undefined;
  if (label === undefined) {
    if (memo.size >= LABEL_MEMO_SIZE) memo.clear();
    label = labelOfText(p.text, rules);
    memo.set(p.text, label);
  }
  return label;
}

function labelOfText<K extends string>(text: string, rules: Rules<K>): FormCell<K>['label'] {
  const norm = normalizeLabel(text);
  const key = lookupLabel(rules, norm.key);
  if (key !== null) return { key, norm, text: labelText(text), inline: null };
  // "*项目名称（必填）", "一、项目名称": the label as people write it (issue 53)
  const plain = undecoratedLabel(text);
  if (plain !== null) {
    const plainNorm = normalizeLabel(plain);
    const plainKey = lookupLabel(rules, plainNorm.key);
    if (plainKey !== null) return { key: plainKey, norm: plainNorm, text: labelText(text), inline: null };
  }
  const split = splitLabelPrefix(rules, text) ?? (plain !== null ? splitLabelPrefix(rules, plain) : null);
  return split ? { key: split.key, norm: normalizeLabel(split.label), text: split.label, inline: split.value } : null;
}

/**
 * The key of the label the row's first cell with text holds (not merged from above), null when
 * it holds none: what readFormRow(row, rules) gives that cell, without labelling the rest of the
 * row (asked of every indicator row: does it start the form again?).
 */
export function leadLabelKey<K extends string>(row: RowBlock, rules: Rules<K>): K | null {
  const cached = markedCells(row, rules);
  const first = (cached ?? place(row)).find((c) => c.text !== '' && !c.cell.mergedFromAbove);
  if (first === undefined) return null;
  return (cached ? (first as FormCell<K>).label : labelOf(first, rules))?.key ?? null;
}

/** A label as written: whitespace and a trailing colon removed, brackets as written. */
export const labelText = (text: string) => stripBookmarks(text).text.replace(/\s+/g, '').replace(/[:：]+$/, '');

export interface Pair<K extends string> {
  label: FormCell<K>;
  /** The value cells (empty ones included), in order; [] when the label has none in its row. */
  values: FormCell<K>[];
}

/** Each label with the cells after it up to the next label. */
export function pairsOf<K extends string>(cells: readonly FormCell<K>[]): Pair<K>[] {
  const pairs: Pair<K>[] = [];
  for (const cell of cells) {
    if (cell.label) pairs.push({ label: cell, values: [] });
    else if (pairs.length > 0) pairs[pairs.length - 1]!.values.push(cell);
  }
  return pairs;
}

/** Cells before the first label: text a form row holds without a label for it. */
export const leadingCells = <K extends string>(cells: readonly FormCell<K>[]) => cells.slice(0, Math.max(0, cells.findIndex((c) => c.label !== null)));

/** The text of a pair's value: its own cell's inline value, then the value cells, joined. */
export function pairText<K extends string>(pair: Pair<K>, mode: 'joined' | 'paragraphs'): string {
  const parts: string[] = [];
  if (pair.label.label?.inline) parts.push(pair.label.label.inline);
  let last: string | null = null;
  for (const v of pair.values) {
    if (v.text === '' || v.cell.mergedFromAbove) continue;
    // A merged cell whose value a reader repeated in each of its cells (850 | 850) is one value (repeatedValue).
    if (v.text === last) continue;
    last = v.text;
    parts.push(mode === 'joined' ? v.text : paragraphText(v.cell));
  }
  return parts.join(mode === 'joined' ? '' : '\n').trim();
}

/** The value cell that repeats the one before it (a merged cell written out in each of its cells); null when none does. */
export function repeatedValue<K extends string>(pair: Pair<K>): FormCell<K> | null {
  let last: string | null = null;
  for (const v of pair.values) {
    if (v.text === '' || v.cell.mergedFromAbove) continue;
    if (v.text === last) return v;
    last = v.text;
  }
  return null;
}

/** The lines of a pair's value (for goals): the inline value and every value cell's paragraphs. */
export function pairLines<K extends string>(pair: Pair<K>): string[] {
  const lines: string[] = [];
  if (pair.label.label?.inline) lines.push(pair.label.label.inline);
  for (const v of pair.values) if (!v.cell.mergedFromAbove) lines.push(...paragraphs(v.cell));
  return lines;
}

/** Where a pair's value is: its first non-empty value cell, else the label's own cell. */
export function pairSource<K extends string>(pair: Pair<K>, row: RowBlock): SourceLocation {
  const v = pair.values.find((c) => c.text !== '') ?? pair.values[0];
  return (v ?? pair.label).cell.sources[0] ?? row.source;
}

/**
 * A row of labels only, one next to the other with no cell for a value ("项目总目标 | 年度总体目标",
 * "资金总额 | 项目支出 | 基本支出"): their values are in the next row, under them. A label with an
 * empty value cell after it ("项目类别 | ") is a blank value, not a header.
 */
/** The labels of goals, which a form may set side by side over the row that holds them. */
const GOAL_KEYS: ReadonlySet<string> = new Set(['goals', 'longTermGoals']);

export function isHeaderOnly<K extends string>(pairs: readonly Pair<K>[], cells: readonly FormCell<K>[]): boolean {
  // several goal labels side by side over empty cells ("项目总目标 | | | 年度总体目标 | |", a text or PDF form that lost its
  // merges: issue 55) head the columns of the row below as much as merged cells do; amounts left blank
  // ("预算数 | | 财政资金 | |") are blank values, the row below them their own
  // (loops, not closures: asked of every row of a form)
  if (pairs.length === 0) return false;
  for (const c of leadingCells(cells)) if (c.text !== '' && !c.cell.mergedFromAbove) return false;
  let sideBySide = pairs.length >= 2;
  for (const p of pairs) if (!GOAL_KEYS.has(p.label.label!.key)) sideBySide = false;
  for (const p of pairs) {
    if (p.label.label!.inline !== null) return false;
    for (const v of p.values) if (!v.cell.mergedFromAbove && !(sideBySide && v.text === '')) return false;
  }
  return true;
}

/**
 * Label–value pairs of labels the vocabulary does not know ("资金性质 | 一般公共预算 | 资金来源 |
 * 本级"): a row of an even number of texts, the first in the first column. Null otherwise.
 */
export function unknownPairs(row: RowBlock): { label: Placed; value: Placed }[] | null {
  const cells = place(row).filter((p) => p.text !== '' && !p.cell.mergedFromAbove);
  const firstEmpty = row.cells[0]?.mergedFromAbove === true || joined(row.cells[0]) === '';
  if (cells.length < 2 || cells.length % 2 !== 0 || firstEmpty) return null;
  const pairs: { label: Placed; value: Placed }[] = [];
  for (let k = 0; k < cells.length; k += 2) pairs.push({ label: cells[k]!, value: cells[k + 1]! });
  return pairs;
}

/** The cells of a row under each of the labels of the row above (by grid column, or index). */
export function valuesUnder<K extends string>(labels: readonly FormCell<K>[], row: RowBlock): Map<FormCell<K>, Placed[]> {
  const out = new Map<FormCell<K>, Placed[]>(labels.map((l) => [l, []]));
  const cells = place(row).filter((p) => p.text !== '' && !p.cell.mergedFromAbove);
  if (labels.length === 1) {
    out.set(labels[0]!, cells);
    return out;
  }
  for (const p of cells) {
    const over = headerOver(p, labels);
    if (over) out.get(over)!.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Captions, units, departments, money

/**
 * "单位：万元", "金额单位：元" ending a cell: the unit, and what the cell says before it (a table's
 * header cell may hold the department and the unit together). Null for any other text.
 */
export function unitCaption(text: string): { unit: MoneyUnit; before: string } | null {
  if (!text.includes('单位')) return null; // asked of every cell of every form row
  const plain = stripBookmarks(text).text;
  // toHalfWidth keeps every character's index, so the match's index is the original's.
  const m = /(?:金额|计量)?单位\s*[:：]\s*(万元|元)\s*$/.exec(toHalfWidth(plain));
  return m ? { unit: m[1] as MoneyUnit, before: plain.slice(0, m.index).trim() } : null;
}

export interface Caption {
  unit: MoneyUnit | null;
  /** The filling unit when the caption names one (not "填报单位（盖章）：" left for the seal). */
  filler: string | null;
  source: SourceLocation;
}

/**
 * A caption line over a table: "填报单位（盖章）： 金额单位：万元", "单位：万元", "填报单位：示范区民政局".
 * Null for any other text.
 */
export function readCaption(text: string, source: SourceLocation): Caption | null {
  if (!/[:：]/.test(text) || !/单位|日期/.test(text)) return null;
  const compact = toHalfWidth(stripBookmarks(text).text).trim();
  const parts = [...compact.matchAll(/([\u4e00-\u9fa5()（）]+?)\s*[:：]\s*([^:：]*?)(?=\s+[\u4e00-\u9fa5()（）]+\s*[:：]|$)/g)];
  if (parts.length === 0) return null;
  let unit: MoneyUnit | null = null;
  let filler: string | null = null;
  for (const [, rawLabel, rawValue] of parts) {
    const label = compactLabel(rawLabel!);
    const value = rawValue!.trim();
    if ((CAPTION_LABELS.unit as readonly string[]).includes(label)) {
      const u = compactLabel(value);
      if (u !== '万元' && u !== '元') return null;
      unit = u;
    } else if ((CAPTION_LABELS.filler as readonly string[]).includes(label)) {
      filler = value === '' || /^[（(]?(盖章|签章|公章)[）)]?$/.test(compactLabel(value)) ? null : value;
    } else if (!/^(填表|填报|编制)日期$/.test(label)) {
      return null;
    }
  }
  return { unit, filler, source };
}

/**
 * A unit's name with its code: "[203001]示范区民政局", "203001示范区民政局", "示范区民政局（203001）".
 * @example readUnitName("[203001]示范区民政局") // { code: "203001", name: "示范区民政局" }
 */
export function readUnitName(text: string): { code: string | null; name: string } {
  const t = stripBookmarks(text).text.replace(/\s*\n\s*/g, '').trim();
  const lead = /^[[【(（]\s*(\d{3,})\s*[\]】)）]\s*[-_—:：]?\s*(.+)$/s.exec(t) ?? /^(\d{3,})\s*[-_—:：]?\s*(\D.*)$/s.exec(t);
  if (lead) return { code: lead[1]!, name: lead[2]!.trim() };
  const tail = /^(.+?)\s*[[【(（]\s*(\d{3,})\s*[\]】)）]$/s.exec(t);
  if (tail) return { code: tail[2]!, name: tail[1]!.trim() };
  return { code: null, name: t };
}

/**
 * A code written in front of a header field's value (issue 31): "[22]专项业务类", "【610116001】某站",
 * "610116001-某站" → { code, name }; null when the value starts with no code. A code in brackets has
 * at least two characters; one without brackets at least six digits and a separator after it.
 */
export function splitLeadingCode(text: string): { code: string; name: string } | null {
  const t = stripBookmarks(text).text.replace(/\s*\n\s*/g, '').trim();
  // the name starts with no digit: "202401-202412" is a period, not a code and a name
  const m = /^[[【]\s*([0-9A-Za-z]{2,30})\s*[\]】]\s*[-_—:：]?\s*([^\d\s].*)$/s.exec(t) ?? /^(\d{6,}[0-9A-Z]*)\s*[-_—:：]\s*([^\d\s].*)$/s.exec(t);
  return m ? { code: m[1]!, name: m[2]!.trim() } : null;
}

/** An amount in the unit its text names, else `unit` (a visual wrap inside it joined). */
export function readAmount(text: string, unit: MoneyUnit) {
  return parseAmount(text.replace(/\s*\n\s*/g, ''), unit);
}

/** One labelled amount found inside a cell's text. */
export interface InlineAmount {
  label: string;
  text: string;
}

/**
 * Label–amount pairs written in one cell: "年度资金总额:35 其中:区级资金20 上级资金15" →
 * [年度资金总额 35] [区级资金 20] [上级资金 15]. A leading amount without a label (the value of the
 * cell's own label, "35 其中：…") gets the label "".
 */
export function inlineAmounts(text: string): InlineAmount[] {
  const t = toHalfWidth(text).replace(/\s+/g, ' ');
  const out: InlineAmount[] = [];
  const re = /([\u4e00-\u9fa5()]*?)\s*[:]?\s*([+-]?\d[\d,]*(?:\.\d+)?\s*(?:万元|万|元)?)/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    // "850万(其中中央资金400万元,省级资金450万元)": the bracket and 其中 are no part of a label
    const label = m[1]!.replace(/^[(),，、;；]+/, '').replace(/^其中[:]?/, '').replace(/[()]+$/, '');
    out.push({ label, text: m[2]!.replace(/\s+/g, '') });
  }
  return out;
}

/** A form field as the model keeps it. */
export function formField(key: string | null, label: string, value: string, source: SourceLocation): FormField {
  return { key, label, value, source };
}

/** A known header field whose value may start with a code (issue 31): the code split off, as for departments. */
export function codedFormField(key: string, label: string, value: string, source: SourceLocation, unit: boolean): FormField {
  const split = unit ? readUnitName(value) : splitLeadingCode(value);
  if (split === null || split.code === null || split.name === '') return formField(key, label, value, source);
  return { key, label, value: split.name, code: split.code, source };
}

/** A further money line. */
export function fundingLine(label: string, amount: Fen | null, source: SourceLocation): FundingLine {
  // "其中：上年结转资金": 其中 says it is a part, it is no part of the line's name (issue 31)
  return { label: label.replace(/^\s*其中\s*[:：]?\s*/, ''), amount, source };
}

/**
 * Goals from lines of text: a numbered line (1. 2、 （一）) or a 目标N label starts a goal; an
 * unnumbered line continues the previous goal unless that one ended a sentence.
 */
export function readGoalLines(lines: readonly string[]): string[] {
  const goals: string[] = [];
  let open = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const label = /^目标\s*\d+\s*[:：]?\s*/.exec(line);
    const { numbering, rest } = label ? { numbering: label[0], rest: line.slice(label[0].length) } : splitNumbering(line);
    if (label && rest === '') {
      open = false; // the goal's text is in the next cell
      continue;
    }
    const last = goals.length - 1;
    if (numbering || !open || last < 0 || /[。；;！!]$/.test(goals[last]!)) goals.push(rest.trim());
    else goals[last] += rest.trim();
    open = true;
  }
  return goals;
}

/** The text of a row's cells that are not empty, for a message. */
export const rowText = (row: RowBlock) =>
  row.cells
    .map(joined)
    .filter((t) => t !== '')
    .join(' | ');
