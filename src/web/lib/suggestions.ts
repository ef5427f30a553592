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

/** The rows with the suggestion inserted in its category, and the new row's index. */
export function insertSuggestion(rows: readonly IndicatorRow[], s: SuggestionJson, framework: IndicatorFramework): { rows: IndicatorRow[]; index: number } {
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
    basis: s.basis ?? '',
  };
  return { rows: [...rows.slice(0, index), row, ...rows.slice(index)], index };
}
