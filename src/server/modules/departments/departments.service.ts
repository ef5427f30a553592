/**
 * Departments: the summaries (one per department and year), one department's page, and its
 * document exported as Word, Excel or PDF. An editor sees only their own department.
 */
import type { SessionUser } from '../../../shared/api/auth';
import { fullStatusCounts, type DepartmentDetail, type DepartmentListResponse, type ExportFormat } from '../../../shared/api/departments';
import type { ParsedDocument } from '../../../shared/domain/model';
import { reviewAndScore } from '../../../shared/review/report';
import { assertDepartmentAccess, departmentScope } from '../../app/auth';
import { AppError } from '../../app/errors';
import { findDepartmentById, listDepartmentYears, listDepartmentYearsOf } from '../../db/department.repository';
import { findCurrentDocument, loadDocument } from '../../db/document.repository';
import { listProjects } from '../../db/project.repository';
import type { Db } from '../../db/schema';
import { toListItem } from '../projects/projects.service';

/** Mean score from hundredths, two decimals: 8766.666… → 87.67. */
export function averageScore(hundredths: number | null): number | null {
  return hundredths === null ? null : Math.round(hundredths) / 100;
}

/** GET /api/departments?year=. */
export async function listDepartmentsFor(db: Db, user: SessionUser, query: { year?: number }): Promise<DepartmentListResponse> {
  const scope = departmentScope(user);
  const rows = await listDepartmentYears(db, { year: query.year, departmentIds: scope === null ? undefined : [scope] });
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
    })),
  };
}

/** The department, the year asked for (else its latest) and that year's current document; 404 when any is missing. */
export async function currentDocumentOf(db: Db, departmentId: number, year: number | undefined) {
  const department = await findDepartmentById(db, departmentId);
  if (department === undefined) throw new AppError(404, 'not-found', '单位不存在');
  const years = await listDepartmentYearsOf(db, departmentId);
  const chosen = year ?? years[0];
  const stored = chosen === undefined ? undefined : await findCurrentDocument(db, { departmentId, year: chosen });
  if (chosen === undefined || stored === undefined) throw new AppError(404, 'not-found', year === undefined ? '该单位没有已导入的文档' : `该单位没有 ${year} 年的文档`);
  const doc = (await loadDocument(db, stored.id))!;
  return { department, year: chosen, years, stored, doc };
}

/** GET /api/departments/:id?year=. */
export async function getDepartmentDetail(db: Db, user: SessionUser, departmentId: number, year: number | undefined): Promise<DepartmentDetail> {
  assertDepartmentAccess(user, departmentId);
  const { department, years, stored, doc } = await currentDocumentOf(db, departmentId, year);
  const review = reviewAndScore(doc);
  const { rows } = await listProjects(
    db,
    { departmentIds: [departmentId], year: stored.year ?? undefined },
    { sort: 'department', order: 'asc', offset: 0, limit: 10_000 },
  );
  const sum = (pick: (p: ParsedDocument['projects'][number]) => number | null) => doc.projects.reduce((n, p) => n + (pick(p) ?? 0), 0);
  return {
    department,
    year: stored.year,
    years,
    document: {
      id: stored.id,
      fileName: stored.fileName,
      importedAt: stored.importedAt,
      format: doc.format,
      frameworkVersion: doc.frameworkVersion,
      diagnostics: doc.diagnostics,
    },
    goals: doc.departmentGoals,
    projects: rows.map(toListItem),
    totals: { budgetTotalFen: sum((p) => p.budget.total), fiscalFen: sum((p) => p.budget.fiscal), otherFen: sum((p) => p.budget.other) },
    documentFindings: review.findings.filter((f) => f.projectIndex === null),
    score: doc.projects.length === 0 ? null : { score: review.departmentScore.score, grade: review.departmentScore.grade },
  };
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
export async function exportDepartment(db: Db, user: SessionUser, departmentId: number, year: number | undefined, format: ExportFormat): Promise<ExportedFile> {
  assertDepartmentAccess(user, departmentId);
  const { department, year: chosen, doc } = await currentDocumentOf(db, departmentId, year);
  let bytes: Buffer;
  // The exporters load heavy libraries (docx, ExcelJS): only when an export is asked for.
  if (format === 'xlsx') bytes = await (await import('../../exporters/xlsx-exporter')).exportXlsx([doc], { findings: true });
  else if (format === 'docx') bytes = await (await import('../../exporters/docx-exporter')).exportDocx(doc);
  else {
    const { exportPdf, PdfExportError } = await import('../../exporters/pdf-exporter');
    try {
      bytes = await exportPdf(doc);
    } catch (error) {
      if (error instanceof PdfExportError) throw new AppError(500, 'internal', `PDF 生成失败：${error.message}`);
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

/** A Content-Disposition header for a download with a Chinese file name (RFC 6266 / 5987) and an ASCII fallback. */
export function attachmentHeader(fileName: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
