/**
 * The import's validation step: what a parsed document must pass before it is stored, whatever
 * reader it came from (the readers under importers/ only read). Run on every document read for
 * import (import-files.ts: the CLI, and the upload's parse workers) and again by storeDocument
 * as its own guard:
 *
 * - names and codes (the department's, the projects' and their titles, the indicators' names)
 *   without bidirectional controls and zero-width characters (shared/domain/clean-text.ts): one
 *   warning diagnostic per cleaned value, code `invisible-characters-removed`;
 * - every amount and percent within bounds (shared/domain/amount-bounds.ts): one error
 *   diagnostic each, code `amount-out-of-range`, naming the project and the field; a document
 *   with an error is refused whole, as always.
 *
 * Idempotent: preparing a prepared document changes nothing.
 */
import { documentBoundProblems } from '../../../shared/domain/amount-bounds';
import { cleanText, describeRemoved, hasInvisible } from '../../../shared/domain/clean-text';
import type { Diagnostic, ParsedDocument, Project, SourceLocation } from '../../../shared/domain/model';

export const AMOUNT_OUT_OF_RANGE = 'amount-out-of-range';
export const INVISIBLE_CHARACTERS_REMOVED = 'invisible-characters-removed';

/**
 * The document as it may be stored: names and codes cleaned (a warning for each), and an error
 * diagnostic for every amount out of bounds.
 */
export function prepareForStorage(doc: ParsedDocument): ParsedDocument {
  const cleaned = cleanNames(doc);
  const known = new Set(cleaned.diagnostics.filter((d) => d.code === AMOUNT_OUT_OF_RANGE).map((d) => d.message));
  const added = documentBoundProblems(cleaned)
    .filter((p) => !known.has(p.message))
    .map((p): Diagnostic => ({ severity: 'error', code: AMOUNT_OUT_OF_RANGE, message: p.message, source: p.source }));
  return added.length === 0 ? cleaned : { ...cleaned, diagnostics: [...cleaned.diagnostics, ...added] };
}

/**
 * Whether any name or code cleanNames cleans holds an invisible character — the same fields
 * (test/unit/prepare-document.test.ts checks each). Almost no document has one, and cleanNames
 * copies every project and indicator to clean them: a clean document is returned as it is
 * without the copies (issue 18: ~1 % of the import's store step).
 */
function hasInvisibleNames(doc: ParsedDocument): boolean {
  const unit = (d: { code: string | null; name: string } | null) => d !== null && (hasInvisible(d.code) || hasInvisible(d.name));
  if (unit(doc.department)) return true;
  for (const p of doc.projects) {
    if (hasInvisible(p.code) || hasInvisible(p.name) || hasInvisible(p.title) || unit(p.department)) return true;
    for (const ind of p.indicators) if (hasInvisible(ind.name)) return true;
  }
  const t = doc.departmentTargets;
  return t !== null && (hasInvisible(t.title) || unit(t.department));
}

/** The document with its names and codes cleaned of invisible characters; itself when none has any. */
function cleanNames(doc: ParsedDocument): ParsedDocument {
  if (!hasInvisibleNames(doc)) return doc;
  const warnings: Diagnostic[] = [];
  const clean = <T extends string | null>(label: string, value: T, source: SourceLocation): T => {
    if (value === null) return value;
    const { text, removed } = cleanText(value);
    if (removed.length === 0) return value;
    warnings.push({
      severity: 'warning',
      code: INVISIBLE_CHARACTERS_REMOVED,
      message: `${label}“${text}”含有不可见的控制字符：${describeRemoved(removed)}，已删除`,
      source,
    });
    return text as T;
  };
  const unit = <D extends { code: string | null; name: string } | null>(what: string, d: D, source: SourceLocation): D =>
    d === null ? d : { ...d, code: clean(`${what}编码`, d.code, source), name: clean(`${what}名称`, d.name, source) };

  const department = doc.department === null ? null : unit('单位', doc.department, doc.department.source);
  const projects = doc.projects.map((p): Project => ({
    ...p,
    code: clean('项目编码', p.code, p.sources.code ?? p.source),
    name: clean('项目名称', p.name, p.sources.name ?? p.source),
    title: clean('表格标题', p.title, p.sources.title ?? p.source),
    department: unit(`项目“${p.name}”的单位`, p.department, p.sources.department ?? p.source),
    indicators: p.indicators.map((ind) => ({ ...ind, name: clean(`项目“${p.name}”的三级指标`, ind.name, ind.sources.name ?? ind.source) })),
  }));
  const t = doc.departmentTargets;
  const departmentTargets = t === null ? null : { ...t, title: clean('部门整体支出绩效目标表标题', t.title, t.source), department: unit('部门整体支出绩效目标的单位', t.department, t.sources.department ?? t.source) };
  if (warnings.length === 0) return doc;
  return { ...doc, department, projects, departmentTargets, diagnostics: [...doc.diagnostics, ...warnings] };
}

/** A document storeDocument will not store; the message is for people. */
export class DocumentRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentRefusedError';
  }
}

/** Throws DocumentRefusedError naming the first problem when a prepared document may not be stored. */
export function assertStorable(doc: ParsedDocument): void {
  const problems = doc.diagnostics.filter((d) => d.code === AMOUNT_OUT_OF_RANGE);
  if (problems.length === 0) return;
  const more = problems.length > 1 ? `（另有 ${problems.length - 1} 处）` : '';
  throw new DocumentRefusedError(`${doc.file}:${problems[0]!.source.line}: ${problems[0]!.message}${more}，未导入`);
}
