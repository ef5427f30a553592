/**
 * Form templates in the structure stage (issue 54; shared/domain/form-template.ts): a template's header
 * found in a table's rows exactly makes its rows the header, however deep, with the columns' roles the
 * template gives by path; its row rules give rows their kind, its labels and heading rule go to the
 * form's reader. A header like the template's is offered, never applied.
 *
 * A template reads only the rows of the table it was found in, by texts compared exactly: it holds no
 * position, no pattern, nothing that runs.
 */
import {
  headerLikeness,
  headerRowKey,
  NEAR_MATCH,
  rowRuleText,
  rowTexts,
  TEMPLATE_LIMITS,
  type FormTemplate,
  type TemplateColumnRole,
  type TemplateOffer,
  type TemplateRowKind,
  type TemplateUse,
} from '../../../shared/domain/form-template';
import type { RowBlock } from '../blocks';
import { place } from '../parse/grid';

/** A template made ready for matching: its header rows as keys, its rules by text. */
export interface PreparedTemplate {
  template: FormTemplate;
  use: TemplateUse;
  keys: string[];
  columnRoles: ReadonlyMap<string, TemplateColumnRole>;
  rowKinds: ReadonlyMap<string, TemplateRowKind>;
}

/** The templates a parse is given, ready: those of the document's form are found by their header's first row. */
export interface TemplateSet {
  all: PreparedTemplate[];
  byFirstRow: ReadonlyMap<string, PreparedTemplate[]>;
}

/** The order given is the order of preference (the preview's own first, then the nearest region's). */
export function prepareTemplates(templates: readonly FormTemplate[]): TemplateSet | null {
  if (templates.length === 0) return null;
  const all = templates.map((template) => ({
    template,
    use: { id: template.id ?? null, name: template.name },
    keys: template.header.map(headerRowKey),
    columnRoles: new Map(template.columns.map((c) => [c.path.join('›'), c.role])),
    rowKinds: new Map(template.rows.map((r) => [r.text, r.kind])),
  }));
  const byFirstRow = new Map<string, PreparedTemplate[]>();
  for (const t of all) byFirstRow.set(t.keys[0]!, [...(byFirstRow.get(t.keys[0]!) ?? []), t]);
  return { all, byFirstRow };
}

/** A row's texts as templates name them. */
export function textsOf(row: RowBlock): string[] {
  return rowTexts(place(row).map((p) => ({ text: p.text, merged: p.cell.mergedFromAbove === true })));
}

/** Whether the template's header starts at rows[i]: its rows there, one after another. */
export function headerAt(t: PreparedTemplate, rows: readonly RowBlock[], i: number): boolean {
  let k = 0;
  while (k < t.keys.length && i + k < rows.length && headerRowKey(textsOf(rows[i + k]!)) === t.keys[k]) k++;
  return k === t.keys.length;
}

/** The template whose header starts at rows[i], or null. */
export function templateAt(set: TemplateSet, rows: readonly RowBlock[], i: number): PreparedTemplate | null {
  const candidates = set.byFirstRow.get(headerRowKey(textsOf(rows[i]!)));
  return candidates?.find((t) => headerAt(t, rows, i)) ?? null;
}

/** The templates whose header the rows hold, in the set's order. */
export function templatesIn(set: TemplateSet, rows: readonly RowBlock[]): PreparedTemplate[] {
  const found = new Set<PreparedTemplate>();
  for (let i = 0; i < rows.length; i++) {
    const t = templateAt(set, rows, i);
    if (t !== null) found.add(t);
  }
  return set.all.filter((t) => found.has(t));
}

/** The kind a template gives a row by the text it starts with; null when it says nothing of it. */
export function templateRowKind(t: PreparedTemplate, row: RowBlock): TemplateRowKind | null {
  if (t.rowKinds.size === 0) return null;
  return t.rowKinds.get(rowRuleText(textsOf(row))) ?? null;
}

/** How many rows of a table are looked at for a header like a template's. */
const OFFER_ROWS = 80;

/**
 * The templates whose header is like one of the table's (a window of rows as deep as the template's
 * header, starting at a row with three texts or more), the likest first: at most TEMPLATE_LIMITS.offers.
 */
export function offersFor(set: TemplateSet, rows: readonly RowBlock[]): TemplateOffer[] {
  const best = new Map<PreparedTemplate, number>();
  const texts: string[][] = [];
  const limit = Math.min(rows.length, OFFER_ROWS);
  for (let i = 0; i < limit + TEMPLATE_LIMITS.headerRows; i++) texts.push(i < rows.length ? textsOf(rows[i]!) : []);
  for (let i = 0; i < limit; i++) {
    if (texts[i]!.length < 3) continue;
    for (const t of set.all) {
      const window = texts.slice(i, i + t.template.header.length);
      const likeness = headerLikeness(window, t.template.header);
      if (likeness >= NEAR_MATCH && likeness > (best.get(t) ?? 0)) best.set(t, likeness);
    }
  }
  return [...best]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TEMPLATE_LIMITS.offers)
    .map(([t, likeness]) => ({ ...t.use, likeness }));
}
