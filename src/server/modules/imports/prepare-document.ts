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
 *   with an error is refused whole, as always;
 * - every cell within the limit the editor has too (shared/domain/cell-limit.ts, issue 72), and every
 *   project one the editor can save — its rows and goals no more than the editor takes, its save within
 *   the 1 MB of a request: one error diagnostic each, code `cell-too-long`, naming the project and the
 *   cell (a 500,000-character cell was stored, and its project could then never be saved nor printed).
 *
 * Idempotent: preparing a prepared document changes nothing.
 */
import { fieldLabelOf } from '../../../shared/api/field-labels';
import { projectToInput } from '../../../shared/api/project-input';
import { documentBoundProblems } from '../../../shared/domain/amount-bounds';
import { CELL_MAX_CHARS, PROJECT_MAX_GOALS, PROJECT_MAX_INDICATORS } from '../../../shared/domain/cell-limit';
import { cleanText, describeRemoved, hasInvisible } from '../../../shared/domain/clean-text';
import type { Diagnostic, Indicator, ParsedDocument, Project, SourceLocation } from '../../../shared/domain/model';
import { JSON_BODY_LIMIT } from '../../app/body-limits';

export const AMOUNT_OUT_OF_RANGE = 'amount-out-of-range';
export const CELL_TOO_LONG = 'cell-too-long';
export const INVISIBLE_CHARACTERS_REMOVED = 'invisible-characters-removed';

/**
 * The document as it may be stored: names and codes cleaned (a warning for each), and an error
 * diagnostic for every amount out of bounds.
 */
export function prepareForStorage(doc: ParsedDocument): ParsedDocument {
  const cleaned = cleanNames(doc);
  const known = new Set(cleaned.diagnostics.filter((d) => REFUSALS.has(d.code ?? '')).map((d) => d.message));
  const added = [
    ...documentBoundProblems(cleaned).map((p): Diagnostic => ({ severity: 'error', code: AMOUNT_OUT_OF_RANGE, message: p.message, source: p.source })),
    ...cellProblems(cleaned),
  ].filter((d) => !known.has(d.message));
  return added.length === 0 ? cleaned : { ...cleaned, diagnostics: [...cleaned.diagnostics, ...added] };
}

/** The store step's own refusals: a document with one is not stored (assertStorable). */
const REFUSALS = new Set([AMOUNT_OUT_OF_RANGE, CELL_TOO_LONG]);

/**
 * A cell over CELL_MAX_CHARS, a project with more rows or goals than the editor takes, or one whose save would be
 * over a request's limit: an error each, naming the project and the cell as the editor's fields are named.
 */
function cellProblems(doc: ParsedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (message: string, source: SourceLocation) => out.push({ severity: 'error', code: CELL_TOO_LONG, message, source });
  const cell = (owner: string, path: string, value: string | null | undefined, source: SourceLocation, label = fieldLabelOf(path)) => {
    if (value !== null && value !== undefined && value.length > CELL_MAX_CHARS) {
      error(`${owner}${label ?? '单元格'}有 ${value.length} 个字符，每格最多 ${CELL_MAX_CHARS} 个字符（导入和编辑相同）`, source);
    }
  };
  const indicatorCells = (owner: string, indicators: readonly Indicator[]) =>
    indicators.forEach((ind, i) => {
      const at = (f: keyof Indicator['sources']) => ind.sources[f] ?? ind.source;
      cell(owner, `indicators.${i}.level1`, ind.level1Raw, at('level1'));
      cell(owner, `indicators.${i}.level2`, ind.level2Raw, at('level2'));
      cell(owner, `indicators.${i}.name`, ind.name, at('name'));
      cell(owner, `indicators.${i}.description`, ind.description, at('description'));
      cell(owner, `indicators.${i}.target`, ind.target.raw, at('target'));
      cell(owner, `indicators.${i}.basis`, ind.basis, at('basis'));
      ind.extras.forEach((x) => cell(owner, '', x.text, ind.source, `${fieldLabelOf(`indicators.${i}`)}·${x.header}`));
    });
  for (const p of doc.projects) {
    const owner = `项目“${p.name.slice(0, 50)}”`;
    const before = out.length;
    cell(owner, 'code', p.code, p.sources.code ?? p.source);
    cell(owner, 'name', p.name, p.sources.name ?? p.source);
    cell(owner, 'purpose', p.purpose, p.sources.purpose ?? p.source);
    p.goals.forEach((g, i) => cell(owner, `goals.${i}`, g, p.sources.goals ?? p.source));
    indicatorCells(owner, p.indicators);
    if (p.indicators.length > PROJECT_MAX_INDICATORS) error(`${owner}有 ${p.indicators.length} 行绩效指标，每个项目最多 ${PROJECT_MAX_INDICATORS} 行（导入和编辑相同）`, p.source);
    if (p.goals.length > PROJECT_MAX_GOALS) error(`${owner}有 ${p.goals.length} 条绩效目标，每个项目最多 ${PROJECT_MAX_GOALS} 条（导入和编辑相同）`, p.sources.goals ?? p.source);
    if (out.length === before) {
      // what the editor would send to save it, as it is
      const bytes = Buffer.byteLength(JSON.stringify({ version: 1, project: projectToInput(p) }));
      if (bytes > JSON_BODY_LIMIT) error(`${owner}的内容有 ${(bytes / 1024 / 1024).toFixed(1)} MB，编辑后每次保存最多 ${JSON_BODY_LIMIT / 1024 / 1024} MB`, p.source);
    }
  }
  const t = doc.departmentTargets;
  if (t !== null) {
    const owner = '部门整体支出绩效目标表';
    t.goals.forEach((g, i) => cell(owner, `goals.${i}`, g, t.sources.goals ?? t.source));
    indicatorCells(owner, t.indicators);
  }
  return out;
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
  const problems = doc.diagnostics.filter((d) => REFUSALS.has(d.code ?? ''));
  if (problems.length === 0) return;
  const more = problems.length > 1 ? `（另有 ${problems.length - 1} 处）` : '';
  throw new DocumentRefusedError(`${doc.file}:${problems[0]!.source.line}: ${problems[0]!.message}${more}，未导入`);
}
