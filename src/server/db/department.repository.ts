/**
 * All SQL about departments as the web application shows them: one row per department and year
 * (its current documents: one, or several when a unit publishes its forms apart) with its projects' totals, for the department list, the department
 * page, the dashboard and the public pages.
 */
import { sql, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import { PROJECT_STATUSES, type ProjectStatus } from '../../shared/domain/workflow';
import type { DepartmentGoals, DepartmentTargets, Diagnostic } from '../../shared/domain/model';
import type { Finding } from '../../shared/review/types';
import {
  budgetInForceOf,
  fiscalInForceOf,
  departmentTargetsFromRow,
  fenTotal,
  goalItemFromRow,
  intFromDb,
  optionalLocationFromDb,
  STORED_DOCUMENT_COLUMNS,
  storedDocumentFromRow,
  sumFen,
  sumOf,
  type StoredDocument,
  type StoredDocumentReview,
} from './document.repository';
import { compiledStatement } from './compiled-statement';
import { containsText, startsWithText } from './text-match';
import { dialectOf } from './database';
import { documentProjectsFromJson, documentProjectsJsonOf, type DocumentProjectRulesRow } from './project.repository';
import { partitionConditions } from './partitioning';
import type { DepartmentTargetTable, Db, DiagnosticTable, GoalItemTable } from './schema';

export interface DepartmentYearRow {
  departmentId: number;
  code: string | null;
  name: string;
  year: number | null;
  documentId: number;
  /** Counted over the projects included (all, or published ones only). */
  projectCount: number;
  indicatorCount: number;
  budgetTotalFen: number;
  fiscalFen: number;
  otherFen: number;
  statusCounts: Partial<Record<ProjectStatus, number>>;
  /** Mean quality score in hundredths (not rounded); null when no project has one. */
  avgScoreHundredths: number | null;
  /** The department's region (0025); null when not assigned. */
  regionCode: string | null;
}

export interface DepartmentYearFilter {
  year?: number;
  departmentIds?: readonly number[];
  /** Department name substring or code prefix. */
  q?: string;
  /** Count only published projects, and leave out departments with none (the public pages). */
  publishedOnly?: boolean;
  /** A regional scope's region, said of the projects beside `departmentIds` (partitionConditions: its partitions only). */
  region?: string;
}


/**
 * Department-years with a current document, by department name then year (newest first). Sums
 * of money are exact and cannot overflow (sumFen).
 */
export async function listDepartmentYears(db: Db, filter: DepartmentYearFilter = {}): Promise<DepartmentYearRow[]> {
  const publishedOnly = filter.publishedOnly === true;
  let query = db
    .selectFrom('document as d')
    .innerJoin('department as dep', 'dep.id', 'd.departmentId')
    .leftJoin('project as p', (join) => {
      const on = join.onRef('p.documentId', '=', 'd.id');
      const partitions = partitionConditions(db, 'p', { region: filter.region, year: filter.year }).reduce((o, condition) => o.on(condition), on);
      return publishedOnly ? partitions.on('p.status', '=', 'published') : partitions;
    })
    .where('d.isCurrent', '=', 1)
    .select((eb) => [
      'dep.id as departmentId',
      'dep.code',
      'dep.name',
      'dep.regionCode',
      'd.year',
      // The department's document when the year has one, else its first: several documents may be
      // current for a year (a targets table, one form per project: document-scope.ts).
      sql<number>`coalesce(min(case when ${sql.ref('d.scope')} = '' then ${sql.ref('d.id')} end), min(${sql.ref('d.id')}))`.as('documentId'),
      eb
        .selectFrom('document as d2')
        .select((e) => e.fn.sum<number | string | null>('d2.indicatorCount').as('n'))
        .whereRef('d2.departmentId', '=', 'dep.id')
        .where('d2.isCurrent', '=', 1)
        .where(sql<SqlBool>`${sql.ref('d2.year')} is not distinct from ${sql.ref('d.year')}`)
        .as('indicatorCount'),
      eb.fn.count<number | string>('p.id').as('projectCount'),
      ...sumFen(budgetInForceOf('p'), 'budgetTotal'),
      ...sumFen(fiscalInForceOf('p'), 'budgetFiscal'),
      ...sumFen('p.budgetOther', 'budgetOther'),
      // The mean as sum / count, divided here: avg() is a float in SQLite and a 16-decimal numeric
      // in PostgreSQL, which can round differently.
      eb.fn.sum<number | string | null>('p.qualityScore').as('scoreSum'),
      eb.fn.count<number | string>('p.qualityScore').as('scoreCount'),
      // Per status in the same pass; the 1 and 0 are literals so PostgreSQL knows their type. Aliased by position: a
      // status's own name in an alias (unit_submittedCount) comes back renamed by the CamelCasePlugin (unitSubmittedCount),
      // and the two statuses of the levels of review were read as 0 (issue 71: a department's 5 projects counted 4)
      ...PROJECT_STATUSES.map((status, i) =>
        eb.fn.sum<number | string | null>(sql<number>`case when ${sql.ref('p.status')} = ${status} then 1 else 0 end`).as(`status${i}`),
      ),
    ])
    .groupBy(['dep.id', 'dep.code', 'dep.name', 'dep.regionCode', 'd.year'])
    .orderBy('dep.name')
    // a document without a year last, as SQLite puts NULLs in descending order
    .orderBy('d.year', (ob) => ob.desc().nullsLast());
  if (filter.year !== undefined) query = query.where('d.year', '=', filter.year);
  if (filter.departmentIds !== undefined) query = query.where('d.departmentId', 'in', filter.departmentIds.length > 0 ? [...filter.departmentIds] : [-1]);
  if (filter.q !== undefined && filter.q !== '') {
    const text = filter.q;
    query = query.where((eb) => eb.or([containsText(eb.ref('dep.name'), text), startsWithText(eb.ref('dep.code'), text)]));
  }
  if (publishedOnly) query = query.having((eb) => eb.fn.count('p.id'), '>', 0);
  const rows = await query.execute();
  return rows.map((r) => ({
    departmentId: r.departmentId,
    code: r.code,
    name: r.name,
    year: r.year,
    documentId: intFromDb(r.documentId),
    projectCount: intFromDb(r.projectCount),
    indicatorCount: sumOf(r.indicatorCount),
    budgetTotalFen: fenTotal(r.budgetTotalHigh, r.budgetTotalLow),
    fiscalFen: fenTotal(r.budgetFiscalHigh, r.budgetFiscalLow),
    otherFen: fenTotal(r.budgetOtherHigh, r.budgetOtherLow),
    statusCounts: Object.fromEntries(
      PROJECT_STATUSES.map((status, i) => [status, sumOf((r as Record<string, unknown>)[`status${i}`])]).filter(([, n]) => n !== 0),
    ),
    avgScoreHundredths: intFromDb(r.scoreCount) === 0 ? null : sumOf(r.scoreSum) / intFromDb(r.scoreCount),
    regionCode: r.regionCode ?? null,
  }));
}

/** A department by id. */
export async function findDepartmentById(db: Db, id: number): Promise<{ id: number; code: string | null; name: string } | undefined> {
  return db.selectFrom('department').select(['id', 'code', 'name']).where('id', '=', id).executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// The department page: few statements (each is a round trip on PostgreSQL, and the page is read
// for thousands of departments in turn under load).

/**
 * A department and every current document of it (all years), in one statement (the department
 * LEFT JOIN its current documents) instead of three (the department, its years, the year's
 * documents); undefined when there is no such department. Documents by id.
 */
export async function findDepartmentWithDocuments(
  db: Db,
  departmentId: number,
): Promise<{ department: { id: number; code: string | null; name: string }; documents: StoredDocument[] } | undefined> {
  const { rows } = await departmentWithDocuments(db, departmentId);
  if (rows.length === 0) return undefined;
  const { depId, depCode, depName } = rows[0]!;
  const documents = rows.filter((r) => r.id !== null).map(({ depId: _i, depCode: _c, depName: _n, ...d }) => storedDocumentFromRow(d as Parameters<typeof storedDocumentFromRow>[0]));
  return { department: { id: depId, code: depCode, name: depName }, documents };
}

/** findDepartmentWithDocuments' statement, compiled once (compiledStatement). */
const departmentWithDocuments = compiledStatement(1, (db: Db, departmentId: number) =>
  db
    .selectFrom('department as dep')
    .leftJoin('document as d', (join) => join.onRef('d.departmentId', '=', 'dep.id').on('d.isCurrent', '=', 1))
    .select(['dep.id as depId', 'dep.code as depCode', 'dep.name as depName'])
    .select(STORED_DOCUMENT_COLUMNS.map((c) => `d.${c}` as const))
    .where('dep.id', '=', departmentId)
    .orderBy('d.id'),
);

/** What the department page shows of one document besides its projects. */
export interface DocumentParts {
  goals: DepartmentGoals;
  departmentTargets: DepartmentTargets | null;
  /** Undefined when none is stored (a document stored before migration 0005). */
  review: StoredDocumentReview | undefined;
}

/** What the department page reads of a document of a year: its parts, its diagnostics and its projects. */
export interface DocumentPage extends DocumentParts {
  /** In the document's order (loadDiagnostics). */
  diagnostics: Diagnostic[];
  /** In the document's order, with the rules of their findings (documentProjectsFromJson). */
  projects: DocumentProjectRulesRow[];
}

/** A JSON object of some columns (keys as the row mappers read them): SQLite json_object, PostgreSQL json_build_object. */
function jsonObject(sqlite: boolean, fields: Record<string, string>) {
  return sql`${sql.raw(sqlite ? 'json_object' : 'json_build_object')}(${sql.join(Object.entries(fields).map(([key, column]) => sql`${sql.lit(key)}, ${sql.ref(column)}`))})`;
}

/** A JSON array of objects, ordered, '[]' when there are none. */
function jsonRows(sqlite: boolean, object: RawBuilder<unknown>, from: RawBuilder<unknown>, order: RawBuilder<unknown>) {
  return sqlite
    ? sql<string>`(select json_group_array(${object} ${order}) from ${from})`
    : sql<string>`(select coalesce(json_agg(${object} ${order}), '[]')::text from ${from})`;
}

/**
 * The department page's columns for a document `doc`: the three rows keyed by it (LEFT JOINs:
 * department_goals, department_target, document_review, each at most one row), and as JSON
 * values built by the database its part one's items, its diagnostics and its projects
 * (documentProjectsJsonOf). Read by documentPageOf.
 */
function documentPageSelect(db: Db, region?: string) {
  const sqlite = dialectOf(db) === 'sqlite';
  const object = (fields: Record<string, string>) => jsonObject(sqlite, fields);
  return db
    .selectFrom('document as doc')
    .leftJoin('departmentGoals as g', 'g.documentId', 'doc.id')
    .leftJoin('documentReview as r', 'r.documentId', 'doc.id')
    .leftJoin('departmentTarget as t', 't.documentId', 'doc.id')
    .selectAll('t')
    .select(['g.overall', 'g.overallLine', 'g.overallRef', 'r.documentId as reviewOf', 'r.score as reviewScore', 'r.grade as reviewGrade', 'r.findings as reviewFindings'])
    .select([
      jsonRows(
        sqlite,
        object({ kind: 'i.kind', title: 'i.title', numbering: 'i.numbering', text: 'i.text', goalText: 'i.goal_text', indicatorText: 'i.indicator_text', line: 'i.line', ref: 'i.ref' }),
        sql`${sql.table('goal_item')} as i where ${sql.ref('i.document_id')} = ${sql.ref('doc.id')}`,
        sql`order by ${sql.ref('i.kind')}, ${sql.ref('i.position')}`,
      ).as('items'),
      jsonRows(
        sqlite,
        object({ severity: 'x.severity', code: 'x.code', message: 'x.message', line: 'x.line', ref: 'x.ref' }),
        sql`${sql.table('diagnostic')} as x where ${sql.ref('x.document_id')} = ${sql.ref('doc.id')}`,
        sql`order by ${sql.ref('x.position')}`,
      ).as('diagnostics'),
      documentProjectsJsonOf(db, sql.ref('doc.id'), region).as('projects'),
    ]);
}

/** The department page's statement for a document (documentPageSelect), compiled once (compiledStatement). */
const documentPageRow = compiledStatement(1, (db: Db, documentId: number) => documentPageSelect(db).where('doc.id', '=', documentId));

type DocumentPageRow = Awaited<ReturnType<typeof documentPageRow>>['rows'][number];

/** A DocumentPage from the columns of documentPageSelect. */
function documentPageOf(row: DocumentPageRow): DocumentPage {
  const { overall, overallLine, overallRef, reviewOf, reviewScore, reviewGrade, reviewFindings, items, diagnostics, projects, ...target } = row;
  const goalItems = JSON.parse(items) as Selectable<GoalItemTable>[];
  return {
    goals: {
      overall,
      overallSource: optionalLocationFromDb(overallLine, overallRef),
      subGoals: goalItems.filter((r) => r.kind === 'subGoal').map(goalItemFromRow),
      measures: goalItems.filter((r) => r.kind === 'measure').map(goalItemFromRow),
    },
    departmentTargets: target.documentId === null ? null : departmentTargetsFromRow(target as Selectable<DepartmentTargetTable>),
    review: reviewOf === null ? undefined : { scoreHundredths: reviewScore, grade: reviewGrade, findings: JSON.parse(reviewFindings!) as Finding[] },
    diagnostics: (JSON.parse(diagnostics) as Selectable<DiagnosticTable>[]).map((d) => ({ severity: d.severity, code: d.code, message: d.message, source: optionalLocationFromDb(d.line, d.ref)! })),
    projects: documentProjectsFromJson(projects),
  };
}

/**
 * What the department page shows of a document besides its department, in ONE statement
 * (documentPageRow): on PostgreSQL each statement is a round trip and costs the server ~0.2 ms
 * of CPU whatever it reads (2026-11-24), and the page read them as four (the parts row, part
 * one's items, the diagnostics, the projects), and before that as seven. Undefined when there
 * is no such document. Test: test/db/department-page.test.ts compares each part with the
 * single-purpose reads.
 */
export async function loadDocumentPage(db: Db, documentId: number): Promise<DocumentPage | undefined> {
  const {
    rows: [row],
  } = await documentPageRow(db, documentId);
  return row === undefined ? undefined : documentPageOf(row);
}

/**
 * The department page's first read, ONE statement for what were two round trips: the
 * department and its current documents (findDepartmentWithDocuments, the documents as one JSON
 * value), and the page of the document the page will show when the year asked for (else the
 * department's latest year) has exactly one current document — the usual case —
 * (documentPageSelect, as loadDocumentPage reads it). `page` is undefined otherwise (no such
 * year, or a year of several documents: the service reads those as before) and names its
 * document (`documentId`), which the service checks against the one it chooses itself.
 * Undefined when there is no such department. Compiled once (compiledStatement).
 */
export async function findDepartmentPage(
  db: Db,
  departmentId: number,
  year: number | undefined,
  /** The department's region when the caller knows it (a regional account's scope): said of its projects (PostgreSQL, as partitionConditions), read in that region's partitions only. */
  region: string | null = null,
): Promise<{ department: { id: number; code: string | null; name: string }; documents: StoredDocument[]; page: (DocumentPage & { documentId: number }) | undefined } | undefined> {
  const {
    rows: [row],
  } = partitionConditions(db, 'p', { region }).length === 0 ? await departmentPageRow(db, departmentId, year ?? null) : await departmentPageRowInRegion(db, departmentId, year ?? null, region!);
  if (row === undefined) return undefined;
  const { depId, depCode, depName, documents, pageOf, ...page } = row;
  return {
    department: { id: depId, code: depCode, name: depName },
    documents: (JSON.parse(documents) as Parameters<typeof storedDocumentFromRow>[0][]).map(storedDocumentFromRow),
    page: pageOf === null ? undefined : { documentId: intFromDb(pageOf), ...documentPageOf(page as DocumentPageRow) },
  };
}

/**
 * findDepartmentPage's statement: the department, its current documents as JSON (by id), and LEFT
 * JOINed the page of the year's only document (its projects of `region` when given: a parameter).
 */
function departmentPageSelect(db: Db, departmentId: number, year: number | null, region?: string) {
  const sqlite = dialectOf(db) === 'sqlite';
  const current = (alias: string) => sql`${sql.table('document')} as ${sql.raw(alias)} where ${sql.ref(`${alias}.department_id`)} = ${departmentId} and ${sql.ref(`${alias}.is_current`)} = 1`;
  const snake = (column: string) => column.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const documents = jsonRows(
    sqlite,
    jsonObject(sqlite, Object.fromEntries(STORED_DOCUMENT_COLUMNS.map((c) => [c, `d.${snake(c)}`]))),
    current('d'),
    sql`order by ${sql.ref('d.id')}`,
  );
  // The year's document when it is the year's only current one (as the service chooses: the
  // year asked for, else the latest), else none.
  const latestYear = sql`(select max(${sql.ref('m.year')}) from ${current('m')})`;
  const onlyDocument = sql<number>`(select min(${sql.ref('c.id')}) from ${current('c')} and ${sql.ref('c.year')} = coalesce(${year}, ${latestYear}) having count(*) = 1)`;
  const page = documentPageSelect(db, region).select('doc.id as pageOf').where('doc.id', '=', onlyDocument).as('page');
  return db
    .selectFrom('department as dep')
    .leftJoin(page, (join) => join.onTrue())
    .select(['dep.id as depId', 'dep.code as depCode', 'dep.name as depName', documents.as('documents')])
    .selectAll('page')
    .where('dep.id', '=', departmentId);
}

/** findDepartmentPage's statement (departmentPageSelect), compiled once (compiledStatement). */
const departmentPageRow = compiledStatement(2, (db: Db, departmentId: number, year: number | null) => departmentPageSelect(db, departmentId, year));

/** The same, the page's projects said of the department's region (PostgreSQL: its partitions only). */
const departmentPageRowInRegion = compiledStatement(3, (db: Db, departmentId: number, year: number | null, region: string) => departmentPageSelect(db, departmentId, year, region));
