/**
 * The row rules' hits, remembered by what a row says (issue 55: the review at 2.5 times the parser's speed).
 *
 * A department's tables repeat their rows: the same 满意度 row, the same 时效 row, boilerplate copied from table to
 * table. Most of the indicator rules read nothing but the row itself (IndicatorRule.reads === 'row'), so two rows that
 * say the same thing get the same hits from them. The engine asks all those rules about the first such row, keeps
 * their hits here, and hands the same hits to every later row with that key: one lookup per row
 * where there were some thirty rule calls.
 *
 * Two rows say the same (sameRow) when everything an indicator holds but where it stands is the same: every field of
 * the row, its target and its extra cells, and which of its cells the document wrote (a hit points at a cell, or at the
 * row when the cell is absent); and their documents have the same year (the one thing of the document a row rule may
 * say). The types below fail to compile when a field is added to an indicator and not compared. A hit's location is
 * kept as which of the row's places it points at and resolved against each row; a hit that points elsewhere makes the
 * row's hits unkept (read again for every row that says the same), so a location is never copied from one row to
 * another.
 *
 * Bounded, as every per-text cache (memo.ts), and kept per settings, framework and list of rules.
 * Pure, as the rest of src/shared: it runs in the browser too.
 */
import type { IndicatorFramework } from '../domain/framework';
import type { Deadline, ExtraCell, Indicator, IndicatorField, SourceLocation, TargetValue } from '../domain/model';
import type { ReviewConfig } from './config';
import { perConfig, TEXT_CACHE_LIMIT } from './memo';
import type { CellText, RowFacts } from './facts';
import type { IndicatorRule, Rule, RuleHit } from './types';

/** The cells of a row whose locations a hit may point at, in the order the key records them. */
const CELLS: readonly IndicatorField[] = ['level1', 'level2', 'name', 'description', 'target', 'basis', 'operator', 'value', 'unit', 'nature', 'weight'];

// Compile-time checks that the key covers every field: adding a field to Indicator, TargetValue, Deadline or ExtraCell
// without comparing it in sameRow makes one of these an error.
type KeyedIndicatorFields =
  | 'level1' | 'level2' | 'level1Raw' | 'level2Raw' | 'level1Inherited' | 'level2Inherited' | 'name' | 'description' | 'target'
  | 'basis' | 'extras' | 'weight' | 'level1Weight' | 'level2Weight' | 'nature'
  | 'source' | 'sources'; // where the row stands: not in the key, resolved per row
type KeyedTargetFields = 'raw' | 'kind' | 'operator' | 'value' | 'valueText' | 'unit' | 'deadline' | 'start' | 'words' | 'standard';
type KeyedDeadlineFields = 'year' | 'month' | 'day' | 'endOfPeriod';
type KeyedExtraFields = 'header' | 'text' | 'role' | 'source';
type Exhaustive<T, K extends keyof T> = [Exclude<keyof T, K>] extends [never] ? true : { missingFromRowKey: Exclude<keyof T, K> };
const covered: [
  Exhaustive<Indicator, KeyedIndicatorFields>,
  Exhaustive<TargetValue, KeyedTargetFields>,
  Exhaustive<Deadline, KeyedDeadlineFields>,
  Exhaustive<ExtraCell, KeyedExtraFields>,
  Exhaustive<Record<IndicatorField, true>, (typeof CELLS)[number]>,
] = [true, true, true, true, true];
void covered;

function sameDeadline(a: Deadline | null, b: Deadline | null): boolean {
  if (a === b) return true;
  return a !== null && b !== null && a.year === b.year && a.month === b.month && a.day === b.day && a.endOfPeriod === b.endOfPeriod;
}

function sameExtras(a: readonly ExtraCell[], b: readonly ExtraCell[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    if (x.header !== y.header || x.text !== y.text || x.role !== y.role) return false;
  }
  return true;
}

/**
 * Which of the row's cells the document wrote, and which of them stand at the row's first place (the same location
 * object as the row's), two bits per cell: a hit points at a cell, or at the row when the cell is absent.
 */
export function placesOf(i: Indicator): number {
  // each cell named (a load by a fixed name is fast; a load by a name from a list is a slow lookup every time)
  const s = i.sources;
  const at = i.source;
  return (
    place(s.level1, at) + 4 * (place(s.level2, at) + 4 * (place(s.name, at) + 4 * (place(s.description, at) + 4 * (place(s.target, at) +
    4 * (place(s.basis, at) + 4 * (place(s.operator, at) + 4 * (place(s.value, at) + 4 * (place(s.unit, at) + 4 * (place(s.nature, at) +
    4 * place(s.weight, at))))))))))
  );
}

function place(cell: SourceLocation | undefined, row: SourceLocation): number {
  return cell === undefined ? 0 : cell === row ? 2 : 1;
}

/**
 * What a row says but its name and target as written, as a lookup compares it: the row's fields and its target's
 * reading, copied into one object (Kept). A lookup then reads the remembered row's side from that one object, where
 * reading it from the row, its target and their strings, each an object of its own from another document somewhere
 * in memory, was most of what a lookup cost (issue 55).
 */
type SaidFields = Exclude<KeyedIndicatorFields, 'name' | 'target' | 'source' | 'sources'>;
type ReadFields = Exclude<KeyedTargetFields, 'raw'>;
type Said = { [K in SaidFields]-?: Indicator[K] } & { [K in ReadFields]-?: TargetValue[K] };

/** What row `i` says, kept with its hits (memo null: only what it says, for sameRow). */
function keep(i: Indicator, memo: RowMemo | null, generation: number, places: number, hits: RowHits): Kept {
  const t = i.target;
  return {
    memo,
    generation,
    places,
    hits,
    level1Inherited: i.level1Inherited,
    level2Inherited: i.level2Inherited,
    level1: i.level1,
    level2: i.level2,
    weight: i.weight,
    level1Weight: i.level1Weight,
    level2Weight: i.level2Weight,
    level1Raw: i.level1Raw,
    level2Raw: i.level2Raw,
    description: i.description,
    basis: i.basis,
    nature: i.nature,
    extras: i.extras,
    kind: t.kind,
    operator: t.operator,
    value: t.value,
    valueText: t.valueText,
    unit: t.unit,
    deadline: t.deadline,
    start: t.start,
    words: t.words,
    standard: t.standard,
  };
}

/**
 * Whether two rows say the same in everything a row rule can read of them but which cells the document wrote
 * (placesOf): all but where they stand.
 */
export function sameRow(a: Indicator, b: Indicator): boolean {
  return a.name === b.name && a.target.raw === b.target.raw && saysWhat(keep(a, null, 0, -1, []), b);
}

/**
 * Whether row `b` says what `a` says beside a name and target as written (RowMemo keeps rows by those, so they are not
 * compared again: two strings of two documents are compared character by character).
 */
function saysWhat(a: Said, b: Indicator): boolean {
  const t = b.target;
  // the cheap comparisons first: most rows that share a name and a target differ in a category or its inheritance
  return (
    a.level1Inherited === b.level1Inherited &&
    a.level2Inherited === b.level2Inherited &&
    a.level1 === b.level1 &&
    a.level2 === b.level2 &&
    a.weight === b.weight &&
    a.level1Weight === b.level1Weight &&
    a.level2Weight === b.level2Weight &&
    a.level1Raw === b.level1Raw &&
    a.level2Raw === b.level2Raw &&
    a.description === b.description &&
    a.basis === b.basis &&
    a.nature === b.nature &&
    // whether the target was read alike: NaN never comes from the parser; Object.is would tell 0 from -0, which say the same
    a.kind === t.kind &&
    a.operator === t.operator &&
    a.value === t.value &&
    a.valueText === t.valueText &&
    a.unit === t.unit &&
    sameDeadline(a.deadline, t.deadline) &&
    sameDeadline(a.start, t.start) &&
    a.words === t.words &&
    a.standard === t.standard &&
    sameExtras(a.extras, b.extras)
  );
}

/**
 * Where a remembered hit points, for any row with the same key: -2 nowhere (null), -1 the engine's default (the hit
 * gave none), 0 the row's first place, k > 0 the place of CELLS[k - 1].
 */
type Place = number;

/** One rule's hit, remembered: the rule (its index in the row rules), the hit, where it points, its words on one line. */
export interface RowHit {
  rule: number;
  hit: RuleHit;
  place: Place;
  message: string;
  suggestion: string;
}

/** A row's remembered hits; UNKEPT when one of them points at a place the key cannot carry. */
export type RowHits = readonly RowHit[] | typeof UNKEPT;
export const UNKEPT: unique symbol = Symbol('unkept');

/** Where `source` is among the row's places; null when it is none of them (or more than one the key does not tell apart). */
function placeOf(source: SourceLocation | null | undefined, i: Indicator): Place | null {
  if (source === undefined) return -1;
  if (source === null) return -2;
  if (source === i.source) return 0; // a cell at the row's first place has code 2 in the key: the same in every such row
  let found: Place | null = null;
  for (let k = 0; k < CELLS.length; k++) {
    if (i.sources[CELLS[k]!] !== source) continue;
    if (found !== null) return null; // two cells at one place: which one the rule meant, the key does not say
    found = k + 1;
  }
  return found;
}

/** The location a remembered hit has on row `i`. */
export function sourceAt(place: Place, i: Indicator): SourceLocation | null | undefined {
  if (place === -1) return undefined;
  if (place === -2) return null;
  if (place === 0) return i.source;
  return i.sources[CELLS[place - 1]!] ?? i.source;
}

/** The row rules' hits on one row, with their places; UNKEPT when a hit points elsewhere. */
export function rowHitsOf(hitsByRule: readonly (readonly RuleHit[])[], i: Indicator, oneLine: (text: string) => string): RowHits {
  const out: RowHit[] = [];
  for (let r = 0; r < hitsByRule.length; r++) {
    const hits = hitsByRule[r]!;
    for (let h = 0; h < hits.length; h++) {
      const place = placeOf(hits[h]!.source, i);
      if (place === null) return UNKEPT;
      out.push({ rule: r, hit: hits[h]!, place, message: oneLine(hits[h]!.message), suggestion: oneLine(hits[h]!.suggestion) });
    }
  }
  return out;
}

/**
 * The row rules of a list (in its order) that the settings do not switch off: once per settings and list, so that the
 * same list object keys the memo review after review.
 */
const rowRulesOf = perConfig(() => new WeakMap<readonly Rule[], IndicatorRule[]>());

export function rowRules(rules: readonly Rule[], config: ReviewConfig): IndicatorRule[] {
  const byList = rowRulesOf(config);
  let out = byList.get(rules);
  if (out === undefined) {
    out = rules.filter((r): r is IndicatorRule => r.scope === 'indicator' && r.reads === 'row' && config.severityOverrides[r.id] !== 'off');
    byList.set(rules, out);
  }
  return out;
}

/**
 * What a row says whose row rules' hits are remembered, with them: the first row seen that says it (in a document of
 * its bucket's year). The row itself is not kept (nor its document with it).
 */
interface Kept extends Said {
  memo: RowMemo | null;
  generation: number;
  /** placesOf the row; -1 when no hit points at the row or one of its cells (then any places will do). */
  places: number;
  hits: RowHits;
}

/**
 * The rows remembered under one name and target, by their documents' year: [year, rows, year, rows …] (a year unknown
 * as -1). A department's documents of several years have the same rows; the year is read first, from one short list,
 * so a row is compared only with rows of its own year (comparing rows of other years, each in memory of its own, was
 * most of what a lookup cost).
 */
type ByYear = (number | Kept[])[];

/** How many rows with one name, target and year are remembered (rows alike in categories, weights …), and how many years. */
const MAX_PER_TARGET = 32;
const MAX_YEARS = 32;

/**
 * The remembered hits for one settings object, framework and list of row rules. They are kept with the readings of
 * the row's name (CellText.rowsNamed: one per distinct text and settings, which every row has at hand), by the readings
 * of its target (the same object for the same text) and the document's year, and told apart by sameRow and placesOf.
 * Bounded as every per-text cache (memo.ts): past the limit, what is remembered is forgotten (a new generation).
 */
export class RowMemo {
  private generation = 0;
  private count = 0;

  /** The hits remembered for a row that says what `row` says, in a document of `year`; undefined when none. */
  get(row: RowFacts, year: number | null): RowHits | undefined {
    const list = yearList((row.nameCell.rowsNamed as Map<CellText, ByYear> | null)?.get(row.targetCell), year);
    if (list === undefined) return undefined;
    for (let k = 0; k < list.length; k++) {
      const kept = list[k]!;
      if (kept.memo !== this || kept.generation !== this.generation || !saysWhat(kept, row.indicator)) continue;
      if (kept.places < 0 || kept.places === placesOf(row.indicator)) return kept.hits;
    }
    return undefined;
  }

  set(row: RowFacts, year: number | null, hits: RowHits): void {
    if (++this.count > TEXT_CACHE_LIMIT) {
      this.generation++;
      this.count = 1;
    }
    const cell = row.nameCell;
    const byTarget = (cell.rowsNamed ??= new Map<CellText, ByYear>()) as Map<CellText, ByYear>;
    const target = row.targetCell;
    let byYear = byTarget.get(target);
    if (byYear === undefined) byTarget.set(target, (byYear = []));
    let list = yearList(byYear, year);
    if (list === undefined) {
      if (byYear.length >= 2 * MAX_YEARS) return;
      byYear.push(year ?? -1, (list = []));
    }
    // rows another generation of this memo kept are forgotten
    for (let k = list.length - 1; k >= 0; k--) if (list[k]!.memo === this && list[k]!.generation !== this.generation) list.splice(k, 1);
    if (list.length >= MAX_PER_TARGET) return;
    // where the row's cells stand matters only to hits that point at one of them (the rules read it for nothing else)
    const pointed = hits === UNKEPT || hits.some((h) => h.place >= 0);
    list.push(keep(row.indicator, this, this.generation, pointed ? placesOf(row.indicator) : -1, hits));
  }
}

/** The rows remembered for a year; undefined when none. */
function yearList(byYear: ByYear | undefined, year: number | null): Kept[] | undefined {
  if (byYear === undefined) return undefined;
  const y = year ?? -1;
  for (let k = 0; k < byYear.length; k += 2) if (byYear[k] === y) return byYear[k + 1] as Kept[];
  return undefined;
}

const memos = perConfig(() => new WeakMap<IndicatorFramework, WeakMap<readonly IndicatorRule[], RowMemo>>());

export function rowMemo(config: ReviewConfig, framework: IndicatorFramework, rules: readonly IndicatorRule[]): RowMemo {
  const byFramework = memos(config);
  let byRules = byFramework.get(framework);
  if (byRules === undefined) byFramework.set(framework, (byRules = new WeakMap()));
  let memo = byRules.get(rules);
  if (memo === undefined) byRules.set(rules, (memo = new RowMemo()));
  return memo;
}
