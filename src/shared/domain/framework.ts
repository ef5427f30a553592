/**
 * The indicator framework (一级/二级指标) as versioned data, and the normalisation of the category
 * cells of real documents against it. Pure code: runs in the importer and in the browser.
 *
 * Frameworks differ by year and region (domain.md: "Treat the framework as data"), so nothing here
 * names a category; the names live in frameworks/*.ts and the choice of framework in
 * FRAMEWORK_ASSIGNMENTS.
 */
import { CN_2015 } from './frameworks/cn-2015';
import { CN_2021 } from './frameworks/cn-2021';
import { CN_COMMON } from './frameworks/cn-common';
import { compactLabel } from './text';

export interface IndicatorFramework {
  /** Stable id, stored with every parsed document (ParsedDocument.frameworkVersion). */
  id: string;
  name: string;
  /** Administrative division code prefix the framework is specific to; null = national. */
  region: string | null;
  /** First budget year the framework exists for. */
  validFrom: number;
  /** Last budget year, or null while it is in force. */
  validTo: number | null;
  /**
   * Per category: `synonyms` are other spellings seen in documents (read as the category, and the
   * review asks for the standard name); `formNames` are the names a published form prints in its
   * own category column (the older national 申报表's 项目完成指标 …): read as the category and, being
   * the form's own, not a defect of the document.
   */
  level1: {
    name: string;
    synonyms: string[];
    formNames?: string[];
    /**
     * `alsoUnder`: the other level 1s (standard names) the framework's own tree puts this level 2 under (the older
     * common framework's satisfaction under 效益指标): read under its own level 1, with no wrong-parent warning.
     */
    level2: { name: string; synonyms: string[]; formNames?: string[]; alsoUnder?: string[] }[];
  }[];
}

export const FRAMEWORKS: readonly IndicatorFramework[] = [CN_2015, CN_2021, CN_COMMON];

/**
 * Which framework a (region, budget year) uses. A framework existing (validFrom/validTo) does not
 * mean every budget uses it: the newer national framework cn-2021 has existed since 2021, yet the
 * 2022 and 2025 Hebei documents still use cn-2015. So the choice is data of its own: the most
 * specific rule wins (longest region prefix, then latest `from`). cn-2021 has no rule yet and is
 * used only when asked for by id (getFramework); a region that adopts it gets a rule such as
 * `{ region: '1302', from: 2026, to: null, frameworkId: 'cn-2021' }`.
 */
export interface FrameworkAssignment {
  /** Administrative division code prefix ("13" Hebei, "1302" Tangshan); null = everywhere. */
  region: string | null;
  from: number | null;
  to: number | null;
  frameworkId: string;
}

export const FRAMEWORK_ASSIGNMENTS: readonly FrameworkAssignment[] = [
  { region: null, from: null, to: null, frameworkId: 'cn-2015' },
];

/** The framework used when no rule applies. */
export const DEFAULT_FRAMEWORK_ID = 'cn-2015';

/** A framework by id. @example getFramework("cn-2021")?.level1.length // 4 */
export function getFramework(id: string): IndicatorFramework | undefined {
  return FRAMEWORKS.find((f) => f.id === id);
}

/**
 * The framework for a budget year and region (a division code such as "130202"; both optional).
 * @example selectFramework(2025, "130202").id // "cn-2015"
 */
export function selectFramework(year: number | null, region?: string | null): IndicatorFramework {
  const applicable = FRAMEWORK_ASSIGNMENTS.filter((rule) => {
    if (rule.region !== null && !(region ?? '').startsWith(rule.region)) return false;
    // Without a year only year-independent rules can be known to apply.
    if (year === null) return rule.from === null && rule.to === null;
    if ((rule.from !== null && year < rule.from) || (rule.to !== null && year > rule.to)) return false;
    const fw = getFramework(rule.frameworkId);
    return fw !== undefined && fw.validFrom <= year && (fw.validTo === null || year <= fw.validTo);
  }).sort(
    (a, b) => (b.region?.length ?? 0) - (a.region?.length ?? 0) || (b.from ?? Number.MIN_SAFE_INTEGER) - (a.from ?? Number.MIN_SAFE_INTEGER),
  );
  const chosen = applicable[0] && getFramework(applicable[0].frameworkId);
  // Years before 2015 (or a gap in the rules) still get a framework: the default is the best guess.
  return chosen ?? getFramework(DEFAULT_FRAMEWORK_ID) ?? FRAMEWORKS[0]!;
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

export type CategoryMatch = 'exact' | 'synonym' | 'none';

export interface NormalizedCategories {
  level1: string | null;
  level2: string | null;
  /**
   * 'exact': the cell is the standard name, up to whitespace, line breaks and full/half width.
   * 'synonym': it matched after also ignoring a trailing 指标 ("数量" → 数量指标) or through a
   * listed synonym ("效果指标" → 效益指标). The importer reports any non-exact match.
   */
  level1Matched: CategoryMatch;
  level2Matched: CategoryMatch;
  /** Set when level 2 is not under the given level 1 but under this other one (wrong parent). */
  level2UnderOtherLevel1: string | null;
}

/** How cells are compared: half width, no whitespace (cells wrap: "一级\n指标"). */
function formatKey(s: string): string {
  return compactLabel(s);
}

/** formatKey without one trailing 指标, so "数量" and "数量指标" meet. */
function wordKey(s: string): string {
  const k = formatKey(s);
  return k.endsWith('指标') && k.length > 2 ? k.slice(0, -2) : k;
}

interface Level2Entry {
  level1: string;
  level2: string;
  keys: Set<string>;
  /** The other level 1s the framework's tree puts it under (alsoUnder). */
  alsoUnder: readonly string[];
}

interface Index {
  /** Each spelling's (wordKey's) level-1 name: the first level 1 that has it. */
  level1: Map<string, string>;
  /** The spellings (wordKeys) that are a published form's printed category names (formNames). */
  formNames: Set<string>;
  /** Each spelling's level-2 entries, in the framework's order. */
  level2: Map<string, Level2Entry[]>;
}

const indexes = new WeakMap<IndicatorFramework, Index>();

function indexOf(fw: IndicatorFramework): Index {
  let index = indexes.get(fw);
  if (!index) {
    const keysOf = (name: string, synonyms: readonly string[]): Set<string> =>
      new Set([name, ...synonyms].map(wordKey));
    // By spelling: every indicator row is looked up, once per level (a scan of the lists was a
    // large part of the parser's time).
    index = { level1: new Map(), level2: new Map(), formNames: new Set() };
    for (const l1 of fw.level1) {
      for (const key of keysOf(l1.name, [...l1.synonyms, ...(l1.formNames ?? [])])) if (!index.level1.has(key)) index.level1.set(key, l1.name);
    }
    for (const l1 of fw.level1) {
      for (const name of [...(l1.formNames ?? []), ...l1.level2.flatMap((l2) => l2.formNames ?? [])]) index.formNames.add(wordKey(name));
      for (const l2 of l1.level2) {
        const keys = keysOf(l2.name, [...l2.synonyms, ...(l2.formNames ?? [])]);
        const entry: Level2Entry = { level1: l1.name, level2: l2.name, keys, alsoUnder: l2.alsoUnder ?? [] };
        for (const key of keys) index.level2.set(key, [...(index.level2.get(key) ?? []), entry]);
      }
    }
    indexes.set(fw, index);
  }
  return index;
}

function matchKind(raw: string, standard: string): CategoryMatch {
  return formatKey(raw) === formatKey(standard) ? 'exact' : 'synonym';
}

/**
 * A category cell with the form's own note in brackets after the name (`数量指标(必填硬性指标)`, issue 68): the name
 * without the note; null for a cell with no such note. Used only when the whole cell is no category.
 */
function withoutNote(raw: string): string | null {
  const m = /^(.+?)\s*[(（][^()（）]*[)）]\s*$/.exec(raw.trim());
  return m ? m[1]! : null;
}

function findLevel1(fw: IndicatorFramework, raw: string): string | null {
  const key = wordKey(raw);
  if (key === '') return null;
  const index = indexOf(fw);
  const found = index.level1.get(key);
  if (found !== undefined) return found;
  const bare = withoutNote(raw);
  return bare === null ? null : (index.level1.get(wordKey(bare)) ?? null);
}

function findLevel2(fw: IndicatorFramework, raw: string): Level2Entry[] {
  const key = wordKey(raw);
  if (key === '') return [];
  const index = indexOf(fw);
  const found = index.level2.get(key);
  if (found !== undefined) return found;
  const bare = withoutNote(raw);
  return bare === null ? [] : (index.level2.get(wordKey(bare)) ?? []);
}

/**
 * Whether a text is a category of any framework (a level 1 or 2, any spelling), also without its closing 指标 ("社会效益",
 * "可持续影响"): a category cell's words found outside its table's cells (issue 68).
 */
export function isCategoryText(raw: string): boolean {
  const text = raw.replace(/\s+/g, '');
  if (text === '' || text === '指标') return false;
  return FRAMEWORKS.some((fw) => [text, `${text}指标`].some((t) => findLevel1(fw, t) !== null || findLevel2(fw, t).length > 0));
}

/** Whether a written category is a name a published form prints (the framework's formNames): not the document's own wording. */
export function isFormCategoryName(fw: IndicatorFramework, raw: string): boolean {
  return indexOf(fw).formNames.has(wordKey(raw));
}

/**
 * The standard level-1 name a level-2 category (standard name or any spelling) belongs to; null
 * when unknown or when it sits under several level 1s.
 * @example level1Of(getFramework("cn-2015")!, "实效指标") // "产出指标"
 */
export function level1Of(fw: IndicatorFramework, level2Name: string): string | null {
  // the review asks this of every row, for a handful of names: answered once per framework and name
  let known = parentsOf.get(fw);
  if (known === undefined) parentsOf.set(fw, (known = new Map()));
  let parent = known.get(level2Name);
  if (parent === undefined) {
    const parents = new Set(findLevel2(fw, level2Name).map((e) => e.level1));
    parent = parents.size === 1 ? [...parents][0]! : null;
    if (known.size >= 10_000) known.clear(); // names are a framework's spellings; a hostile document cannot grow this forever
    known.set(level2Name, parent);
  }
  return parent;
}

const parentsOf = new WeakMap<IndicatorFramework, Map<string, string | null>>();

/**
 * Maps the raw 一级/二级 cells to the framework's standard names. Level 2 is looked up under the
 * given level 1 first, then under the others (reported in level2UnderOtherLevel1). An empty or
 * unknown level 1 stays null even when level 2 identifies it: the caller decides (see level1Of).
 * @example normalizeCategories(fw, "效果指标", "可持续性影响") // { level1: "效益指标", level2: "可持续影响指标", … }
 */
export function normalizeCategories(fw: IndicatorFramework, level1Raw: string, level2Raw: string): NormalizedCategories {
  const level1 = findLevel1(fw, level1Raw);
  const candidates = findLevel2(fw, level2Raw);
  const underGiven = level1 === null ? undefined : candidates.find((e) => e.level1 === level1);
  let level2: string | null = null;
  let level2UnderOtherLevel1: string | null = null;
  if (underGiven) {
    level2 = underGiven.level2;
  } else if (level1 !== null && candidates.length > 0) {
    // Wrong parent. Several other parents cannot happen with the shipped data (a level-2 name is
    // unique across level 1s); should one appear, the first in framework order is reported.
    level2 = candidates[0]!.level2;
    if (candidates[0]!.alsoUnder.includes(level1)) {
      // the framework's own tree puts it there: read under its own level 1, nothing wrong
      return { level1: candidates[0]!.level1, level2, level1Matched: matchKind(level1Raw, candidates[0]!.level1), level2Matched: matchKind(level2Raw, level2), level2UnderOtherLevel1: null };
    }
    level2UnderOtherLevel1 = candidates[0]!.level1;
  } else if (level1 === null) {
    const names = new Set(candidates.map((e) => e.level2));
    if (names.size === 1) level2 = [...names][0]!;
  }
  return {
    level1,
    level2,
    level1Matched: level1 === null ? 'none' : matchKind(level1Raw, level1),
    level2Matched: level2 === null ? 'none' : matchKind(level2Raw, level2),
    level2UnderOtherLevel1,
  };
}

// ---------------------------------------------------------------------------------------------
// Which framework a document uses, by the evidence of its category cells
// ---------------------------------------------------------------------------------------------

/** The category cells of one indicator row, as written (after carrying merged cells down). */
export interface CategoryCells {
  level1Raw: string;
  level2Raw: string;
}

export interface FrameworkChoice {
  framework: IndicatorFramework;
  /** What decided against the rules' framework (e.g. "一级指标“成本指标”"); null when the rules' choice stands. */
  evidence: string | null;
}

/**
 * The framework a document's indicator tables follow. The rules (selectFramework) give the usual
 * one for the region and year; the cells can say otherwise: a 成本指标 at level 1, or 经济成本指标 at
 * level 2, exist only in cn-2021, while 成本指标 under 产出指标 exists only in cn-2015. Each row whose
 * categories another framework places and the ruled one does not counts for that framework; the
 * framework with most such rows wins, the ruled one on a tie. Tables of 2023 in the old tree thus
 * stay cn-2015, and a 2021-style table is read as cn-2021 whatever its year.
 * @example chooseFramework([{ level1Raw: "成本指标", level2Raw: "经济成本指标" }], getFramework("cn-2015")!).framework.id // "cn-2021"
 */
export function chooseFramework(rows: readonly CategoryCells[], ruled: IndicatorFramework): FrameworkChoice {
  const fitsOf = (fw: IndicatorFramework, row: CategoryCells) => {
    const n = normalizeCategories(fw, row.level1Raw, row.level2Raw);
    const level1Fits = row.level1Raw.trim() === '' || n.level1 !== null;
    const level2Fits = row.level2Raw.trim() === '' || (n.level2 !== null && n.level2UnderOtherLevel1 === null);
    return level1Fits && level2Fits;
  };
  // Every row is asked of every framework (the ruled one up to three times), and a document's
  // rows repeat a few category pairs: each (framework, level 1, level 2) is answered once per call.
  const answers = new Map<IndicatorFramework, Map<string, Map<string, boolean>>>();
  const fits = (fw: IndicatorFramework, row: CategoryCells) => {
    let byLevel1 = answers.get(fw);
    if (byLevel1 === undefined) answers.set(fw, (byLevel1 = new Map()));
    let byLevel2 = byLevel1.get(row.level1Raw);
    if (byLevel2 === undefined) byLevel1.set(row.level1Raw, (byLevel2 = new Map()));
    let answer = byLevel2.get(row.level2Raw);
    if (answer === undefined) byLevel2.set(row.level2Raw, (answer = fitsOf(fw, row)));
    return answer;
  };
  // each distinct pair once, with how many rows have it and the first of them (a document's rows repeat a few pairs)
  const pairs: { row: CategoryCells; count: number }[] = [];
  const pairOf = new Map<string, Map<string, { row: CategoryCells; count: number }>>();
  for (const row of rows) {
    let byLevel2 = pairOf.get(row.level1Raw);
    if (byLevel2 === undefined) pairOf.set(row.level1Raw, (byLevel2 = new Map()));
    const pair = byLevel2.get(row.level2Raw);
    if (pair !== undefined) pair.count++;
    else {
      const added = { row, count: 1 };
      byLevel2.set(row.level2Raw, added);
      pairs.push(added);
    }
  }
  let best: { fw: IndicatorFramework; count: number; example: CategoryCells } | null = null;
  for (const fw of FRAMEWORKS) {
    if (fw === ruled) continue;
    let count = 0;
    let example: CategoryCells | null = null;
    for (const p of pairs) {
      if (!fits(fw, p.row) || fits(ruled, p.row)) continue;
      count += p.count;
      example ??= p.row;
    }
    if (count > 0 && (best === null || count > best.count)) best = { fw, count, example: example! };
  }
  if (best === null) return { framework: ruled, evidence: null };
  let worse = 0;
  for (const p of pairs) if (fits(ruled, p.row) && !fits(best.fw, p.row)) worse += p.count;
  if (worse >= best.count) return { framework: ruled, evidence: null };
  const { level1Raw, level2Raw } = best.example;
  const cell = normalizeCategories(ruled, level1Raw, '').level1 === null && level1Raw.trim() !== '' ? `一级指标“${level1Raw.trim()}”` : `二级指标“${level2Raw.trim()}”（一级指标“${level1Raw.trim()}”）`;
  return { framework: best.fw, evidence: cell };
}
