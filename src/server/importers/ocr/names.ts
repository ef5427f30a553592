/**
 * The department's name read by OCR put right by the name the system knows it by (issue 69): the stored department of
 * the document's code, or the importing editor's own. OCR reads a name's characters wrongly at times (（ as 〈, — as 一);
 * a name read so would rename the department on import, or refuse an editor's import as another department's. A name
 * a few characters from the known one is taken for it, and the correction is a doubt at each place it was read (the
 * document's text, each table's unit line) until a person confirms the import.
 */
import type { DepartmentTargets, ParsedDocument, Project, SourceLocation } from '../../../shared/domain/model';
import { readingOf, DOUBT_DESCRIPTIONS, type Doubt } from '../../../shared/domain/reading';

/** Characters to change, add or drop to make one text the other (Levenshtein), up to `max` + 1. */
export function editDistance(a: string, b: string, max: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]!);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[y.length]!;
}

/** Whether a name read is the known one (six characters or more) read with a few characters wrong: one in eight at most, and at least one. */
export function nearName(read: string, known: string): boolean {
  // a short name is one character from another department's (第一中学, 第二中学): never taken for it
  if (read === known || [...known].length < 6) return false;
  const max = Math.max(1, Math.floor([...known].length / 8));
  return editDistance(read, known, max) <= max;
}

const isScan = (doc: ParsedDocument) => doc.diagnostics.some((d) => d.code === 'ocr.page');

function corrected(where: SourceLocation, read: string, known: string, table: string): Doubt {
  const message = `${table}单位名称“${known}”由识别结果“${read}”更正（按系统中本单位的名称），请核对`;
  return { code: 'ocr-corrected', part: DOUBT_DESCRIPTIONS['ocr-corrected'].part, message, where };
}

/**
 * Puts the known name in where a scan's department name was read near it: the document's department, each table's.
 * True when it changed anything.
 */
export function correctDepartmentName(doc: ParsedDocument, known: string): boolean {
  if (!isScan(doc) || doc.department === null || !nearName(doc.department.name, known)) return false;
  const read = doc.department.name;
  doc.department = { ...doc.department, name: known };
  doc.textReading = readingOf([...(doc.textReading?.doubts ?? []), corrected(doc.department.source, read, known, '')]);
  const tables: (Project | DepartmentTargets)[] = [...doc.projects, ...(doc.departmentTargets ? [doc.departmentTargets] : [])];
  for (const t of tables) {
    if (t.department === null || !(t.department.name === read || nearName(t.department.name, known))) continue;
    const was = t.department.name;
    t.department = { ...t.department, name: known };
    const where = (t.sources as Partial<Record<string, SourceLocation>>).department ?? t.source;
    const name = 'name' in t ? `项目“${t.name}”的表` : '部门整体绩效目标表';
    t.reading = readingOf([...(t.reading?.doubts ?? []), corrected(where, was, known, name)]);
  }
  return true;
}
