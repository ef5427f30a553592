/**
 * A library from parsed documents (no database): the CLI's and the tests' way in. Projects get
 * ids in reading order from 1; a document's department is its code (or name).
 */
import type { ParsedDocument } from '../domain/model';
import type { ProjectStatus } from '../domain/workflow';
import { LibraryBuilder, type IndicatorLibrary, type LibraryIndicatorRow, type LibraryProjectRow } from './library';

export interface LibraryDocument {
  doc: ParsedDocument;
  /** The department's id; one is made up per department code or name when left out. */
  departmentId?: number;
  status?: ProjectStatus;
}

/** The rows a database would give for these documents (projects numbered from 1 in reading order). */
export function libraryRows(documents: readonly LibraryDocument[]): { projects: LibraryProjectRow[]; indicators: LibraryIndicatorRow[] } {
  const projects: LibraryProjectRow[] = [];
  const indicators: LibraryIndicatorRow[] = [];
  const departments = new Map<string, number>();
  let next = 1;
  for (const { doc, departmentId, status } of documents) {
    const deptKey = doc.department?.code ?? doc.department?.name ?? doc.file;
    if (!departments.has(deptKey)) departments.set(deptKey, departmentId ?? departments.size + 1);
    for (const project of doc.projects) {
      const id = next++;
      projects.push({
        id,
        name: project.name,
        purpose: project.purpose,
        year: project.year ?? doc.year,
        status: status ?? 'draft',
        departmentId: departmentId ?? departments.get(deptKey)!,
        departmentName: doc.department?.name ?? null,
        version: 1,
        budgetFen: project.budget.total,
      });
      for (const i of project.indicators) {
        indicators.push({
          projectId: id,
          level1: i.level1,
          level2: i.level2,
          name: i.name,
          targetRaw: i.target.raw,
          targetKind: i.target.kind,
          targetOperator: i.target.operator,
          targetValueText: i.target.valueText,
          targetUnit: i.target.unit,
          basis: i.basis,
        });
      }
    }
  }
  return { projects, indicators };
}

export function libraryFromDocuments(documents: readonly LibraryDocument[]): IndicatorLibrary {
  const builder = new LibraryBuilder();
  const { projects, indicators } = libraryRows(documents);
  for (const p of projects) builder.addProject(p);
  for (const i of indicators) builder.addIndicator(i);
  return builder.finish();
}
