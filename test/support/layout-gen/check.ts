/**
 * Reads a generated table back through the real import path (parseDocumentsBytes, what `jixiao
 * parse` calls) and compares the document field by field with the case's expected model.
 */
import { parseDocumentsBytes } from '../../../src/server/importers/read-document';
import type { Indicator, ParsedDocument } from '../../../src/shared/domain/model';
import { tableAsText, type ExpectedIndicator, type ExpectedProject, type LayoutCase } from './generate';
import { renderTable, renderText, type LayoutFormat } from './render';

/** Every difference between the parsed document and the expected projects, as `path: expected …, got …`. */
export function compareDocument(doc: ParsedDocument, expected: readonly ExpectedProject[]): string[] {
  const out: string[] = [];
  const diff = (path: string, want: unknown, got: unknown) => {
    if (JSON.stringify(want) !== JSON.stringify(got)) out.push(`${path}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  for (const d of doc.diagnostics) if (d.severity === 'error') out.push(`error diagnostic ${d.code}: ${d.message}`);
  diff('projects.length', expected.length, doc.projects.length);
  expected.forEach((e, k) => {
    const p = doc.projects[k];
    if (!p) return;
    const at = `projects[${k}]`;
    diff(`${at}.name`, e.name, p.name);
    diff(`${at}.code`, e.code, p.code);
    diff(`${at}.budget.total (fen)`, e.total, p.budget.total);
    diff(`${at}.indicators.length`, e.indicators.length, p.indicators.length);
    e.indicators.forEach((ei, i) => {
      const gi = p.indicators[i];
      if (gi) compareIndicator(`${at}.indicators[${i}]`, ei, gi, diff);
    });
  });
  return out;
}

function compareIndicator(at: string, e: ExpectedIndicator, g: Indicator, diff: (path: string, want: unknown, got: unknown) => void): void {
  diff(`${at}.level1`, e.level1, g.level1);
  diff(`${at}.level2`, e.level2, g.level2);
  diff(`${at}.name`, e.name, g.name);
  diff(`${at}.target.raw`, e.target.raw, g.target.raw);
  diff(`${at}.target.kind`, e.target.kind, g.target.kind);
  diff(`${at}.target.operator`, e.target.operator, g.target.operator);
  diff(`${at}.target.value`, e.target.value, g.target.value);
  diff(`${at}.target.unit`, e.target.unit, g.target.unit);
  if (e.description !== undefined) diff(`${at}.description`, e.description, g.description);
  if (e.basis !== undefined) diff(`${at}.basis`, e.basis, g.basis);
  if (e.weight !== undefined) diff(`${at}.weight`, e.weight, g.weight);
  diff(`${at}.level1Weight`, e.level1Weight, g.level1Weight);
  diff(`${at}.level2Weight`, e.level2Weight, g.level2Weight);
}

export interface CheckResult {
  format: LayoutFormat;
  mismatches: string[];
}

/** Renders the case in the format, parses it back and compares. A reader that throws is a mismatch too. */
export async function checkCase(c: LayoutCase, format: LayoutFormat): Promise<CheckResult> {
  const bytes = await renderTable(c.table, format);
  let docs: ParsedDocument[];
  try {
    docs = await parseDocumentsBytes(bytes, `layout-case.${format}`);
  } catch (e) {
    return { format, mismatches: [`the reader threw: ${(e as Error).message}`] };
  }
  if (docs.length !== 1) return { format, mismatches: [`${docs.length} documents, expected 1`] };
  return { format, mismatches: compareDocument(docs[0]!, c.projects) };
}

/** A failure's message: the format, the differences, the case's choices and the table as text. */
export function describeFailure(c: LayoutCase, result: CheckResult): string {
  return [
    `the ${result.format} rendering reads otherwise:`,
    ...result.mismatches.slice(0, 20).map((m) => `  ${m}`),
    ...(result.mismatches.length > 20 ? [`  … ${result.mismatches.length - 20} more`] : []),
    'choices:',
    ...c.choices.map((s) => `  ${s}`),
    'table:',
    tableAsText(c.table),
    '(as .txt:)',
    renderText(c.table),
  ].join('\n');
}

/** Checks the case in each format; throws an Error with describeFailure's message at the first that differs. */
export async function assertCaseReads(c: LayoutCase, formats: readonly LayoutFormat[]): Promise<void> {
  for (const format of formats) {
    const result = await checkCase(c, format);
    if (result.mismatches.length > 0) throw new Error(describeFailure(c, result));
  }
}
