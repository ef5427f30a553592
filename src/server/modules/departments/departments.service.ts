/**
 * Departments: the summaries (one per department and year), one department's page, and its
 * document exported as Word, Excel or PDF. An editor sees only their own department.
 */
import type { SessionUser } from '../../../shared/api/auth';
import { fullStatusCounts, type DepartmentDetail, type DepartmentListResponse, type ExportFormat } from '../../../shared/api/departments';
import { combineDocuments, compareScopes } from '../../../shared/domain/document-scope';
import { groupRepeated, reviewAndScore } from '../../../shared/review/report';
import type { ReviewGrade } from '../../../shared/review/score';
import { assertDepartmentAccess, departmentRegion, regionScope, withinScope } from '../../app/auth';
import { AppError } from '../../app/errors';
import { findDepartmentPage, findDepartmentWithDocuments, listDepartmentYears, loadDocumentPage, type DocumentPage } from '../../db/department.repository';
import { documentBudgetTotals, documentForms, loadDiagnostics, loadDocument, type StoredDocument } from '../../db/document.repository';
import { findingExamples, findingRulesOf, listProjects, loadStoredFindings, type DocumentProjectRulesRow, type FindingRule, type ProjectListRow } from '../../db/project.repository';
import type { Finding } from '../../../shared/review/types';
import type { Db } from '../../db/schema';
import { documentReviewOf, scoreFromHundredths } from '../review-store/review-store.service';
import { toListItem } from '../projects/projects.service';
import { documentInForce } from '../adjustments/in-force';

/** Mean score from hundredths, two decimals: 8766.666… → 87.67. */
export function averageScore(hundredths: number | null): number | null {
  return hundredths === null ? null : Math.round(hundredths) / 100;
}

/** GET /api/departments?year=. */
export async function listDepartmentsFor(db: Db, user: SessionUser, query: { year?: number }): Promise<DepartmentListResponse> {
  const region = regionScope(user);
  const rows = await listDepartmentYears(db, { year: query.year, departmentIds: withinScope(user, undefined), ...(region === null ? {} : { region }) });
  return {
    items: rows.map((r) => ({
      id: r.departmentId,
      code: r.code,
      name: r.name,
      year: r.year,
      documentId: r.documentId,
      projectCount: r.projectCount,
      indicatorCount: r.indicatorCount,
      budgetTotalFen: r.budgetTotalFen,
      fiscalFen: r.fiscalFen,
      otherFen: r.otherFen,
      statusCounts: fullStatusCounts(r.statusCounts),
      avgScore: averageScore(r.avgScoreHundredths),
      regionCode: r.regionCode,
    })),
  };
}

/**
 * The department, the year asked for (else its latest) and that year's current documents — a
 * department's document, a whole-budget targets table, one form per project (document-scope.ts) —
 * the department's document first; 404 when any is missing.
 */
async function currentDocumentRowsOf(db: Db, departmentId: number, year: number | undefined) {
  return chooseDocuments(await findDepartmentWithDocuments(db, departmentId), year);
}

/** currentDocumentRowsOf's choice among the department's current documents (found: undefined when there is no such department). */
function chooseDocuments(found: { department: { id: number; code: string | null; name: string }; documents: StoredDocument[] } | undefined, year: number | undefined) {
  if (found === undefined) throw new AppError(404, 'not-found', '单位不存在');
  const { department, documents } = found;
  const years = [...new Set(documents.flatMap((d) => (d.year === null ? [] : [d.year])))].sort((a, b) => b - a);
  const chosen = year ?? years[0];
  const stored = chosen === undefined ? [] : documents.filter((d) => d.year === chosen);
  if (chosen === undefined || stored.length === 0) throw new AppError(404, 'not-found', year === undefined ? '该单位没有已导入的文档' : `该单位没有 ${year} 年的文档`);
  const ordered = [...stored].sort((a, b) => compareScopes(a.scope, b.scope) || a.id - b.id);
  return { department, year: chosen, years, stored: ordered, primary: ordered[0]! };
}

/** Current documents as one (combineDocuments). */
async function combinedOf(db: Db, stored: readonly StoredDocument[]) {
  return combineDocuments(await Promise.all(stored.map(async (d) => ({ scope: d.scope, doc: (await loadDocument(db, d.id))! }))));
}

/**
 * The department's year as one document, as it is in force: its current documents combined, each
 * adjusted project with its targets and budget in force (目标调整, issue 58). What the exports write.
 */
async function currentDocumentOf(db: Db, departmentId: number, year: number | undefined) {
  const found = await currentDocumentRowsOf(db, departmentId, year);
  const docs = await Promise.all(found.stored.map(async (d) => ({ scope: d.scope, doc: await documentInForce(db, d.id, (await loadDocument(db, d.id))!) })));
  return { ...found, doc: combineDocuments(docs) };
}

/**
 * GET /api/departments/:id?year=. Reviews nothing for a year of one document: the department's
 * score and the findings about the whole document are those stored by the last review (import,
 * save); only a document stored before they were kept (migration 0005) is loaded and reviewed
 * here. A year of several documents (forms published one per project) is reviewed as one.
 */
export async function getDepartmentDetail(db: Db, user: SessionUser, departmentId: number, year: number | undefined): Promise<DepartmentDetail> {
  assertDepartmentAccess(user, departmentId);
  // A regional account knows the department's region: its projects are read in that region's partitions only.
  const region = departmentRegion(user, departmentId) ?? null;
  // The department, its documents and, for a year of one document, that document's page: one
  // statement (findDepartmentPage); the page read is the one chosen here, else it is read apart.
  const found = await findDepartmentPage(db, departmentId, year, region);
  const { department, years, stored, primary } = chooseDocuments(found, year);
  const page = stored.length === 1 && found!.page?.documentId === primary.id ? found!.page : undefined;
  const { review, goals, departmentTargets, diagnostics, totals, rows, rulesOf, findingsOf } =
    stored.length > 1 ? await severalDocuments(db, departmentId, stored, region) : await oneDocument(db, primary, page);
  const score = scoreFromHundredths(review.scoreHundredths);
  const repeatedFindings = await repeatedFindingsOf(db, rows, rulesOf, findingsOf);
  const forms = await documentForms(db, stored.map((d) => d.id), region);
  const fileOf = (d: (typeof stored)[number]) => ({ id: d.id, fileName: d.fileName, importedAt: d.importedAt, format: d.format, projectCount: d.projectCount });
  return {
    department,
    year: primary.year,
    years,
    document: {
      id: primary.id,
      fileName: primary.fileName,
      importedAt: primary.importedAt,
      format: primary.format,
      frameworkVersion: primary.frameworkVersion,
      diagnostics,
    },
    otherDocuments: stored.slice(1).map(fileOf),
    goals,
    departmentTargets,
    projects: rows.map(toListItem),
    totals,
    documentFindings: [...review.findings],
    repeatedFindings,
    score: score === null || review.grade === null ? null : { score, grade: review.grade as ReviewGrade },
    forms,
  };
}

/**
 * A year of one document, the usual case, in one statement (loadDocumentPage, or `read` with the
 * department by findDepartmentPage: part one and the
 * rows keyed by the document, part one's items, the diagnostics, the projects with the rules of
 * their findings and their categories), and one for the examples of the repeated findings: the
 * page is read for thousands of departments in turn, and on PostgreSQL each statement is a round
 * trip. The totals are the projects' budgets summed here, exactly (BigInt), as
 * documentBudgetTotals sums them.
 */
async function oneDocument(db: Db, document: StoredDocument, read: DocumentPage | undefined) {
  const page = read ?? (await loadDocumentPage(db, document.id))!;
  const { projects } = page;
  const review = page.review ?? documentReviewOf(reviewAndScore((await loadDocument(db, document.id))!));
  const sum = (fen: (p: DocumentProjectRulesRow) => number | null) => Number(projects.reduce((n, p) => n + BigInt(fen(p) ?? 0), 0n));
  return {
    review,
    goals: page.goals,
    departmentTargets: page.departmentTargets,
    diagnostics: page.diagnostics,
    totals: { budgetTotalFen: sum((p) => p.budgetTotalFen), fiscalFen: sum((p) => p.budgetFiscalFen), otherFen: sum((p) => p.budgetOtherFen) },
    rows: projects as ProjectListRow[],
    rulesOf: new Map(projects.map((p) => [p.id, p.rules ?? []])),
    findingsOf: undefined,
  };
}

/** A year of several documents (forms published one per project): reviewed as one. */
async function severalDocuments(db: Db, departmentId: number, stored: readonly StoredDocument[], region: string | null) {
  const ids = stored.map((d) => d.id);
  const combined = await combinedOf(db, stored);
  const [diagnostics, totals, { rows }] = await Promise.all([
    Promise.all(ids.map((id) => loadDiagnostics(db, id))).then((lists) => lists.flat()),
    documentBudgetTotals(db, ids),
    listProjects(db, { departmentIds: [departmentId], year: stored[0]!.year ?? undefined, ...(region === null ? {} : { region }) }, { sort: 'department', order: 'asc', offset: 0, limit: 10_000 }),
  ]);
  const findingsOf = await loadStoredFindings(db, rows.map((r) => r.id));
  return {
    review: documentReviewOf(reviewAndScore(combined)),
    goals: combined.departmentGoals,
    departmentTargets: combined.departmentTargets,
    diagnostics,
    totals,
    rows,
    rulesOf: new Map([...findingsOf].map(([id, findings]) => [id, findingRulesOf(findings)])),
    findingsOf,
  };
}

/**
 * The rules that recur over many of these projects (the department's, in list order), one group
 * each: groupRepeated (shared/review/report.ts) over the rules of the projects' findings
 * (`rulesOf`, project_findings.rules), indexed by their place in the list, so that only the
 * groups' examples (the first finding of each) are read: from `loaded`, else only their message
 * and suggestion, picked by the database (findingExamples). A group whose example is gone by then (the findings re-stored
 * in between) is left out, as the newer findings no longer have it there.
 */
async function repeatedFindingsOf(
  db: Db,
  rows: readonly { id: number; name: string }[],
  rulesOf: ReadonlyMap<number, readonly FindingRule[]>,
  loaded: ReadonlyMap<number, readonly Finding[]> | undefined,
): Promise<DepartmentDetail['repeatedFindings']> {
  const groups = groupRepeated(rows.flatMap((row, projectIndex) => (rulesOf.get(row.id) ?? []).map(([rule, severity, category]) => ({ rule, severity, category, projectIndex }))));
  const exampleOf = (g: (typeof groups)[number]) => rows[g.projects[0]!]!.id;
  // The first finding of the group's rule on its first project: from the findings at hand (a
  // year of several documents reads them all), else picked by the database (findingExamples).
  const examples =
    loaded !== undefined
      ? groups.map((g) => loaded.get(exampleOf(g))?.find((f) => f.projectIndex !== null && f.rule === g.rule))
      : await findingExamples(db, groups.map((g) => ({ projectId: exampleOf(g), rule: g.rule })));
  return groups.flatMap((g, i) => {
    const example = examples[i];
    if (example === undefined) return [];
    return [
      {
        rule: g.rule,
        category: g.findings[0]!.category,
        severity: g.severity,
        count: g.findings.length,
        example: { message: example.message, suggestion: example.suggestion },
        projects: g.projects.map((i) => ({ id: rows[i]!.id, name: rows[i]!.name })),
      },
    ];
  });
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export interface ExportedFile {
  bytes: Buffer;
  fileName: string;
  /** For clients that cannot read a UTF-8 file name. */
  asciiFileName: string;
  contentType: string;
}

/** GET /api/departments/:id/export: the current document in the official layout (docx, pdf) or as a workbook with its findings (xlsx). */
export async function exportDepartment(db: Db, user: SessionUser, departmentId: number, year: number | undefined, format: ExportFormat, signal?: AbortSignal): Promise<ExportedFile> {
  assertDepartmentAccess(user, departmentId);
  const { department, year: chosen, doc } = await currentDocumentOf(db, departmentId, year);
  let bytes: Buffer;
  // The exporters load heavy libraries (docx, ExcelJS): only when an export is asked for.
  if (format === 'xlsx') bytes = await (await import('../../exporters/xlsx-exporter')).exportXlsx([doc], { findings: true });
  else if (format === 'docx') bytes = await (await import('../../exporters/docx-exporter')).exportDocx(doc);
  else {
    const { exportPdf, PdfExportError } = await import('../../exporters/pdf-exporter');
    try {
      bytes = await exportPdf(doc, signal ? { signal } : {});
    } catch (error) {
      // LibreOffice over its limit, busy, missing or failing: a refusal saying so (issue 72), not an internal error
      if (error instanceof PdfExportError) throw new AppError(503, 'unavailable', `PDF 生成失败：${error.message}`);
      throw error;
    }
  }
  return {
    bytes,
    fileName: `${department.name}${chosen}年部门预算绩效目标.${format}`,
    asciiFileName: `jixiao-${department.code ?? department.id}-${chosen}.${format}`,
    contentType: CONTENT_TYPES[format],
  };
}

