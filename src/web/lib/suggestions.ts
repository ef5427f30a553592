/**
 * The editor's indicator suggestions (指标库: what similar projects use): which are still to
 * offer, and a suggestion inserted as a row in the right category — after the last row of its
 * 二级指标, else of its 一级指标, else at the end. Pure.
 */
import type { SuggestionJson } from '../../shared/api/library';
import { level1Of, normalizeCategories, type IndicatorFramework } from '../../shared/domain/framework';
import { indicatorKey } from '../../shared/library/indicator-key';
import { newRowKey, type IndicatorRow } from './editor-state';

/** The suggestions whose indicator the rows do not have yet (same name up to numbering, punctuation, synonyms). */
export function openSuggestions(suggestions: readonly SuggestionJson[], rows: readonly IndicatorRow[]): SuggestionJson[] {
  const have = new Set(rows.map((r) => indicatorKey(r.name)));
  return suggestions.filter((s) => !have.has(indicatorKey(s.name)));
}

/**
 * A year (2025年, 2025-) a text names after `year`: what a basis of that project cannot rest on (a later year's plan);
 * null when it names none (or `year` is unknown). Earlier years are history a basis may cite (近三年（2022-2024年）平均).
 */
export function laterYearIn(text: string, year: number | null): string | null {
  if (year === null) return null;
  for (const m of text.matchAll(/(?<!\d)(20\d\d)(?=\s*(?:年|-|—|－|至))/g)) if (Number(m[1]) > year) return m[1]!;
  return null;
}

/**
 * The rows with the suggestion inserted in its category, and the new row's index. A suggested basis that names a year
 * after the project's ("2025年工作计划" offered to a 2022 project, issue 71) is not inserted: it is given back
 * (`basisLeftOut`) for the page to say so, and the person writes the project's own.
 */
export function insertSuggestion(
  rows: readonly IndicatorRow[],
  s: SuggestionJson,
  framework: IndicatorFramework,
  year: number | null = null,
): { rows: IndicatorRow[]; index: number; basisLeftOut: string | null } {
  const basisLeftOut = s.basis !== null && laterYearIn(s.basis, year) !== null ? s.basis : null;
  // a row whose level 1 is empty (carried down) counts under its level 2's parent
  const categories = rows.map((r) => {
    const c = normalizeCategories(framework, r.level1Raw, r.level2Raw);
    return { level1: c.level1 ?? (c.level2 === null ? null : level1Of(framework, c.level2)), level2: c.level2 };
  });
  const lastOf = (match: (i: number) => boolean) => {
    for (let i = rows.length - 1; i >= 0; i--) if (match(i)) return i;
    return -1;
  };
  let after = s.level2 === null ? -1 : lastOf((i) => categories[i]!.level2 === s.level2);
  if (after < 0 && s.level1 !== null) after = lastOf((i) => categories[i]!.level1 === s.level1);
  const index = after < 0 ? rows.length : after + 1;
  const row: IndicatorRow = {
    key: newRowKey(),
    origin: null,
    level1Raw: s.level1 ?? '',
    level2Raw: s.level2 ?? '',
    name: s.name,
    description: '',
    targetRaw: s.target ?? '',
    basis: basisLeftOut === null ? (s.basis ?? '') : '',
  };
  return { rows: [...rows.slice(0, index), row, ...rows.slice(index)], index, basisLeftOut };
}

/**
 * The place of a category in the official table: its 一级指标's position in the framework, then its
 * 二级指标's under it (a row without a 二级 first under its 一级); null when the 一级 is not the
 * framework's (nothing to order by).
 */
function categoryRank(framework: IndicatorFramework, row: Pick<IndicatorRow, 'level1Raw' | 'level2Raw'>): [number, number] | null {
  const c = normalizeCategories(framework, row.level1Raw, row.level2Raw);
  const level1 = c.level1 ?? (c.level2 === null ? null : level1Of(framework, c.level2));
  const i = framework.level1.findIndex((l) => l.name === level1);
  if (i < 0) return null;
  const j = c.level2 === null ? -1 : framework.level1[i]!.level2.findIndex((l) => l.name === c.level2);
  return [i, j];
}

const before = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);

/**
 * The rows with row `index` moved into its category group in the framework's order (the official
 * table's): after the last row of its 二级指标, else after the last row of an earlier category,
 * else before the first row of a later one. A row whose category the framework does not know stays where it is. Pure.
 */
export function placeInCategory(rows: readonly IndicatorRow[], index: number, framework: IndicatorFramework): { rows: IndicatorRow[]; index: number } {
  const row = rows[index];
  const rank = row === undefined ? null : categoryRank(framework, row);
  if (row === undefined || rank === null) return { rows: [...rows], index };
  const others = rows.filter((_, i) => i !== index);
  const ranks = others.map((r) => categoryRank(framework, r));
  // with rows of its own 二级 already: after the last of them, wherever the table has them
  for (let i = others.length - 1; i >= 0; i--) {
    if (rank[1] >= 0 && ranks[i]?.[0] === rank[0] && ranks[i]?.[1] === rank[1]) return { rows: [...others.slice(0, i + 1), row, ...others.slice(i + 1)], index: i + 1 };
  }
  let at = -1;
  for (let i = others.length - 1; i >= 0; i--) {
    if (ranks[i] !== null && before(ranks[i]!, rank)) {
      at = i + 1;
      break;
    }
  }
  if (at < 0) {
    const later = ranks.findIndex((r) => r !== null && !before(r, rank));
    at = later < 0 ? others.length : later;
  }
  return { rows: [...others.slice(0, at), row, ...others.slice(at)], index: at };
}
