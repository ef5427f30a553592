/**
 * The department page's few statements (findDepartmentPage, findDepartmentWithDocuments, loadDocumentPage,
 * listDocumentProjects, findingExamples) give what the single-purpose reads they replace give, for every
 * department of the fixtures (one with department-wide targets, documents of several years,
 * a superseded document, projects with and without findings).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDepartmentById, findDepartmentPage, findDepartmentWithDocuments, loadDocumentPage } from '../../src/server/db/department.repository';
import { documentBudgetTotals, findCurrentDocuments, findDocumentReview, loadDepartmentGoals, loadDepartmentTargets, loadDiagnostics } from '../../src/server/db/document.repository';
import { findingExamples, findingRulesOf, listDocumentProjects, listProjects, loadStoredFindings } from '../../src/server/db/project.repository';
import type { Db } from '../../src/server/db/schema';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { importAllFixtures } from '../server/domain-support';
import { buildParsedDocument, buildWideDocument } from '../factories';
import { openTestDatabase, type TestDatabase } from '../support/test-database';

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  t = await openTestDatabase();
  db = t.db;
  await importAllFixtures(db);
  await storeDocument(db, buildParsedDocument({ year: 2024 }));
  await storeDocument(db, buildParsedDocument({ year: 2024 }));
  await storeDocument(db, buildParsedDocument({ year: 2023 }));
  // Department-wide targets (整体支出绩效目标表).
  await storeDocument(db, buildWideDocument());
});
afterAll(() => t?.close());

describe('the department page reads', () => {
  it('give what the reads they replace give, for every department and document', async () => {
    const departments = await db.selectFrom('department').select('id').execute();
    let documentsSeen = 0;
    let withTargets = 0;
    let withFindings = 0;
    let withDiagnostics = 0;
    let withItems = 0;
    let pagesWithDepartment = 0;
    let yearsOfSeveral = 0;
    for (const { id } of [...departments, { id: -5 }]) {
      const found = await findDepartmentWithDocuments(db, id);
      const department = await findDepartmentById(db, id);
      if (department === undefined) {
        expect(found).toBeUndefined();
        expect(await findDepartmentPage(db, id, undefined)).toBeUndefined();
        continue;
      }
      expect(found!.department).toStrictEqual(department);
      // The page's first statement: the same department and documents, and the page of the year's
      // document when the year (asked for, else the latest) has only one (loadDocumentPage's).
      for (const year of [undefined, 2025, 2024, 2023, 1999]) {
        const withPage = await findDepartmentPage(db, id, year);
        expect({ department: withPage!.department, documents: withPage!.documents }).toStrictEqual(found);
        const chosen = year ?? Math.max(...found!.documents.flatMap((d) => (d.year === null ? [] : [d.year])));
        const ofYear = found!.documents.filter((d) => d.year === chosen);
        if (ofYear.length === 1) {
          pagesWithDepartment++;
          expect(withPage!.page).toStrictEqual({ documentId: ofYear[0]!.id, ...(await loadDocumentPage(db, ofYear[0]!.id))! });
        } else {
          if (ofYear.length > 1) yearsOfSeveral++;
          expect(withPage!.page).toBeUndefined();
        }
      }
      // The years it has a current document for, newest first (the page's year list).
      const years = (
        await db.selectFrom('document').select('year').distinct().where('departmentId', '=', id).where('isCurrent', '=', 1).where('year', 'is not', null).orderBy('year', 'desc').execute()
      ).map((r) => r.year!);
      expect([...new Set(found!.documents.flatMap((d) => (d.year === null ? [] : [d.year])))].sort((a, b) => b - a)).toStrictEqual(years);
      for (const year of years) {
        const documents = await findCurrentDocuments(db, { departmentId: id, year });
        expect(found!.documents.filter((d) => d.year === year)).toStrictEqual(documents);
        for (const document of documents) {
          documentsSeen++;
          const parts = await loadDocumentPage(db, document.id);
          expect(parts!.goals).toStrictEqual(await loadDepartmentGoals(db, document.id));
          expect(parts!.departmentTargets).toStrictEqual(await loadDepartmentTargets(db, document.id));
          expect(parts!.review).toStrictEqual(await findDocumentReview(db, document.id));
          if (parts!.departmentTargets !== null) withTargets++;
          expect(parts!.diagnostics).toStrictEqual(await loadDiagnostics(db, document.id));
          withDiagnostics += parts!.diagnostics.length;
          withItems += parts!.goals.subGoals.length + parts!.goals.measures.length;

          const projects = await listDocumentProjects(db, document.id);
          const { rows } = await listProjects(db, { departmentIds: [id], year }, { sort: 'department', order: 'asc', offset: 0, limit: 10_000 });
          if (documents.length === 1) expect(projects.map(({ budgetFiscalFen: _f, budgetOtherFen: _o, findings: _x, ...row }) => row)).toStrictEqual(rows);
          const stored = await loadStoredFindings(db, projects.map((p) => p.id));
          expect(new Map(projects.map((p) => [p.id, p.findings]))).toStrictEqual(new Map(projects.map((p) => [p.id, stored.get(p.id) ?? null])));
          // The rows the page reads as one JSON value: the statement's rows, with the rules of the findings.
          expect(parts!.projects).toStrictEqual(projects.map(({ findings, ...row }) => ({ ...row, rules: findings === null ? null : findingRulesOf(findings) })));
          // The examples the database picks: the first finding about the project with the rule, as find() over the findings.
          const wanted = [...projects.flatMap((p) => (p.findings ?? []).map((f) => ({ projectId: p.id, rule: f.rule }))), { projectId: projects[0]?.id ?? -1, rule: 'no.such-rule' }, { projectId: -7, rule: 'vague.x' }];
          const examples = await findingExamples(db, wanted);
          const first = (w: (typeof wanted)[number]) => projects.find((p) => p.id === w.projectId)?.findings?.find((f) => f.projectIndex !== null && f.rule === w.rule);
          expect(examples).toStrictEqual(wanted.map((w) => { const f = first(w); return f === undefined ? undefined : { message: f.message, suggestion: f.suggestion }; }));
          withFindings += projects.filter((p) => (p.findings?.length ?? 0) > 0).length;
          const totals = await documentBudgetTotals(db, [document.id]);
          const sum = (fen: (p: (typeof projects)[number]) => number | null) => projects.reduce((n, p) => n + (fen(p) ?? 0), 0);
          expect({ budgetTotalFen: sum((p) => p.budgetTotalFen), fiscalFen: sum((p) => p.budgetFiscalFen), otherFen: sum((p) => p.budgetOtherFen) }).toStrictEqual(totals);
        }
      }
    }
    expect(documentsSeen).toBeGreaterThan(4);
    expect(withTargets).toBeGreaterThan(0);
    expect(withFindings).toBeGreaterThan(0);
    expect(withDiagnostics).toBeGreaterThan(0);
    expect(withItems).toBeGreaterThan(0);
    expect(pagesWithDepartment).toBeGreaterThan(4);
  });

  it('finds no document of a superseded one (its department lists only the current)', async () => {
    const superseded = await db.selectFrom('document').select(['id', 'departmentId']).where('isCurrent', '=', 0).execute();
    expect(superseded.length).toBeGreaterThan(0);
    for (const d of superseded) {
      const found = await findDepartmentWithDocuments(db, d.departmentId!);
      expect(found!.documents.map((x) => x.id)).not.toContain(d.id);
    }
  });
});
