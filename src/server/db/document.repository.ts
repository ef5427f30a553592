/**
 * All SQL about stored documents, their departments and the audit log.
 *
 * Every function takes the database (or a transaction) first and holds no state. Rows are turned
 * into domain objects here, so the rest of the program never sees a column: integer fen may come
 * back as a string (pg's int8) and goes through `intFromDb`; 0/1 flags become booleans; JSON text
 * is parsed.
 */
import type { AuditAction } from '../../shared/audit/actions';
import { mostFrequentCodeRegion, regionOfProjectCode } from '../../shared/domain/region';
import { sql, type Expression, type Insertable, type Selectable } from 'kysely';
import type {
  Checkpoint,
  Deadline,
  Department,
  DepartmentGoals,
  DepartmentTargets,
  Diagnostic,
  Fen,
  GoalItem,
  Indicator,
  ParsedDocument,
  Project,
  ProjectField,
  Severity,
  SourceLocation,
  SpendingCheckpoint,
  TargetValue,
} from '../../shared/domain/model';
import type { FormProfile } from '../../shared/domain/form-profile';
import type { Reading } from '../../shared/domain/reading';
import type { Finding, FindingCategory } from '../../shared/review/types';
import type {
  Db,
  DepartmentTargetTable,
  DiagnosticTable,
  DocumentTable,
  GoalItemKind,
  GoalItemTable,
  IndicatorTable,
  ProjectTable,
  SpendingCheckpointTable,
} from './schema';
import { insertRows, insertTree, type ChildLevel } from './bulk-insert';
import { compiledStatement } from './compiled-statement';
import { partitionConditions } from './partitioning';
import { groupBy } from './rows';
import { containsText } from './text-match';

// ---------------------------------------------------------------------------------------------
// Conversions

/**
 * The one way to read an integer that may be a `bigint` column (money in fen, counts):
 * better-sqlite3 gives a number, pg gives int8 as a string. Throws beyond the safe-integer range
 * rather than return an inexact number.
 */
export function intFromDb(value: number | string | bigint): number;
export function intFromDb(value: number | string | bigint | null): number | null;
export function intFromDb(value: number | string | bigint | null): number | null {
  if (value === null) return null;
  const n = typeof value === 'string' && !/^-?\d+$/.test(value) ? NaN : Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`expected a safe integer from the database, got ${String(value)}`);
  }
  return n;
}

/** A SUM or COUNT as a number: 0 for NULL (a sum over no rows); exact as intFromDb. */
export const sumOf = (value: unknown): number => intFromDb((value ?? 0) as number | string);

/** Money is summed in two parts: whole 万元 and the fen below them. */
const FEN_SPLIT = 1_000_000;

/**
 * A money column's sum as two SELECT expressions, `<alias>High` (the whole 万元) and `<alias>Low`
 * (the fen below): every amount is at most MAX_FEN, so each part grows by less than 10^7 a row
 * and no number of rows brings it near 2^63, where SQLite's sum() of integers fails (the sum
 * itself would reach it at 922,337 amounts at the bound). PostgreSQL sums bigint exactly in any
 * case. Join the parts with fenTotal.
 */
export function sumFen<A extends string>(column: string | Expression<unknown>, alias: A) {
  const value = typeof column === 'string' ? sql.ref(column) : column;
  return [
    sql<number | string | null>`sum(${value} / ${sql.lit(FEN_SPLIT)})`.as(`${alias}High` as `${A}High`),
    sql<number | string | null>`sum(${value} % ${sql.lit(FEN_SPLIT)})`.as(`${alias}Low` as `${A}Low`),
  ] as const;
}

/**
 * The 预算数 in force of the project rows `alias` (issue 58, migration 0038): the latest approved
 * 目标调整's when one set it, else the approved budget. What every list, total and roll-up shows.
 */
export function budgetInForceOf(alias: string) {
  return sql<number | string | bigint | null>`coalesce(${sql.ref(`${alias}.budgetInForce`)}, ${sql.ref(`${alias}.budgetTotal`)})`;
}

/** The 财政资金 in force of the project rows `alias` (beside budgetInForceOf). */
export function fiscalInForceOf(alias: string) {
  return sql<number | string | bigint | null>`case when ${sql.ref(`${alias}.budgetInForce`)} is null then ${sql.ref(`${alias}.budgetFiscal`)} else ${sql.ref(`${alias}.fiscalInForce`)} end`;
}

/**
 * A money sum from its parts (sumFen) as the API gives it (fenTotalSchema): exact up to 2^53 fen
 * (about 90万亿元), the nearest number beyond, never an error; 0 for a sum over no rows.
 */
export function fenTotal(high: unknown, low: unknown): number {
  const part = (v: unknown) => (v === null || v === undefined ? 0n : BigInt(String(v)));
  return Number(part(high) * BigInt(FEN_SPLIT) + part(low));
}

function fenToDb(value: Fen | null, what: string): number | null {
  if (value === null) return null;
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what}: money must be an integer number of fen, got ${value}`);
  }
  return value;
}

/** 33.33 → 3333. Refuses a percent with more than two decimals instead of rounding it away. */
function percentToDb(value: number | null, what: string): number | null {
  if (value === null) return null;
  const hundredths = Math.round(value * 100);
  if (hundredths / 100 !== value || !Number.isSafeInteger(hundredths)) {
    throw new RangeError(`${what}: percent must have at most two decimals, got ${value}`);
  }
  return hundredths;
}

function percentFromDb(hundredths: number | null): number | null {
  return hundredths === null ? null : hundredths / 100;
}

function flagToDb(value: boolean): number {
  return value ? 1 : 0;
}

function flagFromDb(value: number): boolean {
  return value === 1;
}

function locationFromDb(line: number, ref: string | null): SourceLocation {
  return ref === null ? { line } : { line, ref };
}

export function optionalLocationFromDb(line: number | null, ref: string | null): SourceLocation | null {
  return line === null ? null : locationFromDb(line, ref);
}

/** The value a TargetValue's `value` must have: the number spelled by `valueText`. */
function targetNumber(valueText: string | null): number | null {
  return valueText === null ? null : Number(valueText);
}

// ---------------------------------------------------------------------------------------------
// Departments

export interface StoredDepartment {
  id: number;
  code: string | null;
  name: string;
  regionCode?: string | null;
}

export async function findDepartmentByCode(
  db: Db,
  code: string,
): Promise<StoredDepartment | undefined> {
  return db
    .selectFrom('department')
    .select(['id', 'code', 'name'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Departments with this name (with or without a code), oldest first. */
export async function findDepartmentsByName(db: Db, name: string): Promise<StoredDepartment[]> {
  return db
    .selectFrom('department')
    .select(['id', 'code', 'name'])
    .where('name', '=', name)
    .orderBy('id')
    .execute();
}

/**
 * The department with this code (codes are unique) and the departments with this name, oldest
 * first, in one statement: what resolving a document's department reads (one round trip less per
 * imported document on PostgreSQL).
 */
export async function findDepartmentsByCodeOrName(db: Db, code: string | null, name: string): Promise<{ byCode: StoredDepartment | undefined; byName: StoredDepartment[] }> {
  const rows =
    code === null
      ? (await departmentsByName(db, name)).rows
      : (await departmentsByCodeOrName(db, code, name)).rows;
  return { byCode: code === null ? undefined : rows.find((d) => d.code === code), byName: rows.filter((d) => d.name === name) };
}

/** findDepartmentsByCodeOrName's statements, run for every imported document: compiled once (compiledStatement). */
const departmentsByName = compiledStatement(1, (db: Db, name: string) => db.selectFrom('department').select(['id', 'code', 'name', 'regionCode']).where('name', '=', name).orderBy('id'));
const departmentsByCodeOrName = compiledStatement(2, (db: Db, code: string, name: string) =>
  db
    .selectFrom('department')
    .select(['id', 'code', 'name', 'regionCode'])
    .where((eb) => eb.or([eb('code', '=', code), eb('name', '=', name)]))
    .orderBy('id'),
);

/** Inserts a department; with `audit`, its audit entry (entity id: the new department's) in the same statement on PostgreSQL. */
export async function insertDepartment(
  db: Db,
  department: { code: string | null; name: string; regionCode?: string | null },
  audit?: Omit<AuditEntry, 'entityId'>,
): Promise<number> {
  const levels: ChildLevel[] = audit === undefined ? [] : [{ table: 'auditLog', parentColumn: 'entityId', rows: [auditRow({ ...audit, entityId: 0 })] }];
  const row = { code: department.code, name: department.name, ...(department.regionCode == null ? {} : { regionCode: department.regionCode }) };
  return (await insertTree(db, { table: 'department', row }, levels)).id;
}

export async function updateDepartment(
  db: Db,
  id: number,
  changes: { code?: string | null; name?: string },
): Promise<void> {
  await db.updateTable('department').set(changes).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// Audit log

/** Who made a change: the account (id and username) and the display name it had at that moment. */
export interface AuditActor {
  /** null for a process without an account (the CLI, the demo loader, the generator). */
  userId: number | null;
  username: string;
  displayName: string;
}

/** An account's actor, or the name of a process without one ('system', 'demo'): its username and display name. */
export type ActorInput = AuditActor | string;

export function toAuditActor(actor: ActorInput): AuditActor {
  return typeof actor === 'string' ? { userId: null, username: actor, displayName: actor } : actor;
}

export interface AuditEntry {
  at: string;
  actor: ActorInput;
  /** One of the named actions (src/shared/audit/actions.ts): a new one needs its Chinese name there. */
  action: AuditAction;
  entity: string;
  entityId: number | null;
  detail: Record<string, unknown>;
}

export interface StoredAuditEntry {
  id: number;
  at: string;
  /** The display name at the moment of the change. */
  actor: string;
  /** The account; both null for entries written before accounts were recorded (migration 0009). */
  actorUserId: number | null;
  actorUsername: string | null;
  action: string;
  entity: string;
  entityId: number | null;
  detail: Record<string, unknown>;
}

/** An audit entry with its detail as the JSON text already (JSON.stringify of the detail), as audit_log stores it. */
export type AuditEntryText = Omit<AuditEntry, 'detail'> & { detailText: string };

function auditRow(entry: AuditEntry | AuditEntryText) {
  const actor = toAuditActor(entry.actor);
  return {
    at: entry.at,
    actor: actor.displayName,
    actorUserId: actor.userId,
    actorUsername: actor.username,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    detail: 'detailText' in entry ? entry.detailText : JSON.stringify(entry.detail),
  };
}

export async function insertAuditEntry(db: Db, entry: AuditEntry): Promise<void> {
  await insertRows(db, 'auditLog', [auditRow(entry)]);
}

/** Inserts audit entries in multi-row statements, in the order given (ids follow that order). */
export async function insertAuditEntries(db: Db, entries: readonly (AuditEntry | AuditEntryText)[]): Promise<void> {
  await insertRows(db, 'auditLog', entries.map(auditRow));
}

/** The audit log, oldest first; optionally for one entity. */
export async function listAuditEntries(
  db: Db,
  filter: { entity?: string; entityId?: number } = {},
): Promise<StoredAuditEntry[]> {
  let query = db.selectFrom('auditLog').selectAll().orderBy('id');
  if (filter.entity !== undefined) query = query.where('entity', '=', filter.entity);
  if (filter.entityId !== undefined) query = query.where('entityId', '=', filter.entityId);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

// ---------------------------------------------------------------------------------------------
// Documents: writing

/** A project's stored review result: score in hundredths (87.5 → 8750), grade, number of findings. */
export interface StoredProjectReview {
  /** Null when no grade is given: the table's reading is doubted (issue 53). */
  scoreHundredths: number | null;
  grade: string | null;
  findingCount: number;
}

export interface InsertedDocumentIds {
  documentId: number;
  /** In the order of `doc.projects`. */
  projectIds: number[];
}

/** What the import stores with a new document's projects from its review (review-store.service.ts), in the order of doc.projects. */
export interface NewProjectReview extends StoredProjectReview {
  /** Findings per category; categories with none are left out. */
  categories: Partial<Record<string, number>>;
  findings: readonly Finding[];
}

/**
 * A new document's rows but for what storing decides (its department, whether it is current,
 * when it was imported; its audit entry): the document row's other columns and the rows below it,
 * their parents named by position (insertTree fills the ids in). Built by documentRows from the
 * parsed document and its review — pure, so it can be built where the document was read
 * (generate's parse worker): plain rows cross between threads far cheaper than the document.
 */
export interface DocumentRows {
  document: Record<string, unknown>;
  levels: ChildLevel[];
  projectCount: number;
}

/**
 * A ParsedDocument as DocumentRows. Throws when the document breaks the model's invariants: money
 * not integer fen, a percent with more than two decimals, or a target whose `value` is not
 * `Number(valueText)`.
 */
export function documentRows(
  doc: ParsedDocument,
  opts: {
    /** The content digest (document-content.ts): the same content in other bytes is the same document. */
    contentSha256: string;
    /** What part of the department's year it covers (document-scope.ts). */
    scope: string;
    /** Review results to store with each project (in the order of doc.projects) and with the document. */
    review?: { projects: readonly NewProjectReview[]; document: StoredDocumentReview };
  },
): DocumentRows {
  const reviews = opts.review?.projects;
  if (reviews !== undefined && reviews.length !== doc.projects.length) {
    throw new Error(`documentRows: ${reviews.length} reviews for ${doc.projects.length} projects`);
  }
  const indicatorCount = doc.projects.reduce((n, p) => n + p.indicators.length, 0);
  const document = {
    // The region the projects' codes name most often; storing puts the department's first (insertDocumentRows).
    regionCode: mostFrequentCodeRegion(doc.projects.map((p) => p.code)),
    departmentCode: doc.department?.code ?? null,
    departmentName: doc.department?.name ?? null,
    departmentLine: doc.department?.source.line ?? null,
    departmentRef: doc.department?.source.ref ?? null,
    year: doc.year,
    fileName: doc.file,
    format: doc.format,
    encoding: doc.encoding,
    sha256: doc.sha256,
    frameworkVersion: doc.frameworkVersion,
    supersededAt: null,
    supersededBy: null,
    contentSha256: opts.contentSha256,
    scope: opts.scope,
    projectCount: doc.projects.length,
    indicatorCount,
    diagnosticCount: doc.diagnostics.length,
  };
  // The parent columns (document id; project id, until the projects are in: the project's position) are filled by insertTree.
  const goals = doc.departmentGoals;
  const projectRows = doc.projects.map((project, position) => {
    const review = reviews?.[position];
    return {
      documentId: 0,
      position,
      documentYear: doc.year,
      regionCode: regionOfProjectCode(project.code),
      ...projectContentRow(project),
      ...(review ? { qualityScore: review.scoreHundredths, qualityGrade: review.grade, findingCount: review.findingCount } : {}),
    };
  });
  const ofProjects = projectChildRows(doc.projects, doc.projects.map((_, position) => position));
  const levels: ChildLevel[] = [
    { table: 'departmentGoals', parentColumn: 'documentId', rows: [{ documentId: 0, overall: goals.overall, overallLine: goals.overallSource?.line ?? null, overallRef: goals.overallSource?.ref ?? null }] },
    {
      table: 'goalItem',
      parentColumn: 'documentId',
      rows: [...goals.subGoals.map((item, i) => goalItemRow(0, 'subGoal', i, item)), ...goals.measures.map((item, i) => goalItemRow(0, 'measure', i, item))],
    },
    {
      table: 'project',
      parentColumn: 'documentId',
      rows: projectRows,
      key: 'position',
      children: [
        { table: 'spendingCheckpoint', parentColumn: 'projectId', rows: ofProjects.checkpoints },
        { table: 'indicator', parentColumn: 'projectId', rows: ofProjects.indicators },
        ...(reviews === undefined
          ? []
          : [
              { table: 'projectFindings' as const, parentColumn: 'projectId', rows: reviews.map((r, position) => projectFindingsRow(position, r.findings)) },
              { table: 'projectFindingCategory' as const, parentColumn: 'projectId', rows: reviews.flatMap((r, position) => projectCategoryRows(position, r.categories)) },
            ]),
      ],
    },
    ...(doc.departmentTargets === null ? [] : [{ table: 'departmentTarget' as const, parentColumn: 'documentId', rows: [departmentTargetRow(0, doc.departmentTargets)] }]),
    { table: 'diagnostic', parentColumn: 'documentId', rows: doc.diagnostics.map((d, i) => diagnosticRow(0, i, d)) },
    ...(opts.review === undefined ? [] : [{ table: 'documentReview' as const, parentColumn: 'documentId', rows: [documentReviewRow(0, opts.review.document)] }]),
  ];
  return { document, levels, projectCount: doc.projects.length };
}

/** What storing decides about a new document's row, and its audit entry (the entity id is the new document's). */
export interface DocumentStoring {
  departmentId: number | null;
  /** The department's region: the document's and every project's when set (else each project's code's, the document's most frequent). */
  regionCode?: string | null;
  importedAt: string;
  isCurrent: boolean;
  audit?: Omit<AuditEntry, 'entityId'>;
}

/**
 * Inserts a document's rows (documentRows; used once: insertTree fills their parent columns in)
 * with what storing decided. Call it inside a transaction.
 *
 * Every row is built first and the whole tree goes in through insertTree (bulk-insert.ts): a few
 * multi-row statements per table on SQLite, ONE statement on PostgreSQL, where each statement is a
 * round trip (issue 18: ~15 round trips per document before).
 */
export async function insertDocumentRows(db: Db, rows: DocumentRows, storing: DocumentStoring): Promise<InsertedDocumentIds> {
  const region = storing.regionCode ?? null;
  const documentRow = { departmentId: storing.departmentId, ...rows.document, ...(region === null ? {} : { regionCode: region }), importedAt: storing.importedAt, isCurrent: flagToDb(storing.isCurrent) };
  const ownLevels = region === null ? rows.levels : rows.levels.map((l) => (l.table === 'project' ? { ...l, rows: l.rows.map((r) => ({ ...r, regionCode: region })) } : l));
  const levels = storing.audit === undefined ? ownLevels : [...ownLevels, { table: 'auditLog' as const, parentColumn: 'entityId', rows: [auditRow({ ...storing.audit, entityId: 0 })] }];
  const { id: documentId, keyed } = await insertTree(db, { table: 'document', row: documentRow }, levels);
  return { documentId, projectIds: Array.from({ length: rows.projectCount }, (_, position) => keyed.get(position)!) };
}

/** A project's spending checkpoints and indicators as rows (`projectIds` in the order of `projects`). */
function projectChildRows(projects: readonly Project[], projectIds: readonly number[]) {
  const checkpoints = projects.flatMap((project, position) => {
    const what = `project ${project.code ?? project.name}`;
    return project.spendingPlan.map(
      (c): Insertable<SpendingCheckpointTable> => ({
        projectId: projectIds[position]!,
        checkpoint: c.checkpoint,
        percentHundredths: percentToDb(c.percent, `${what} spendingPlan ${c.checkpoint}`),
        amount: fenToDb(c.amount, `${what} spendingPlan ${c.checkpoint}`),
        given: c.given,
        line: c.source?.line ?? null,
        ref: c.source?.ref ?? null,
      }),
    );
  });
  const indicators = projects.flatMap((project, position) =>
    project.indicators.map((ind, i) =>
      indicatorRow(projectIds[position]!, i, ind, `project ${project.code ?? project.name} indicator ${i + 1}`),
    ),
  );
  return { checkpoints, indicators };
}

/**
 * The checkpoints and indicators of projects whose rows exist (ids in the order of `projects`),
 * in a few multi-row INSERTs. Used by the import and by a project's save, which replaces them.
 */
export async function insertProjectChildren(db: Db, projects: readonly Project[], projectIds: readonly number[]): Promise<void> {
  const { checkpoints, indicators } = projectChildRows(projects, projectIds);
  await insertRows(db, 'spendingCheckpoint', checkpoints);
  await insertRows(db, 'indicator', indicators);
}

/**
 * The columns of a project row that hold its content (everything but document, position and the
 * workflow columns): what the import inserts and a save overwrites.
 */
export function projectContentRow(
  project: Project,
): Omit<Insertable<ProjectTable>, 'documentId' | 'position' | 'status' | 'version' | 'updatedAt' | 'updatedBy' | 'qualityScore' | 'qualityGrade' | 'findingCount'> {
  const what = `project ${project.code ?? project.name}`;
  return {
    part: project.part,
    sequence: project.sequence,
    title: project.title,
    code: project.code,
    name: project.name,
    year: project.year,
    departmentCode: project.department?.code ?? null,
    departmentName: project.department?.name ?? null,
    amountUnit: project.amountUnit,
    budgetTotal: fenToDb(project.budget.total, `${what} budget.total`),
    budgetFiscal: fenToDb(project.budget.fiscal, `${what} budget.fiscal`),
    budgetOther: fenToDb(project.budget.other, `${what} budget.other`),
    budgetLines: JSON.stringify(project.budgetLines),
    projectBudget: project.projectBudget === null ? null : JSON.stringify(project.projectBudget),
    fields: JSON.stringify(project.fields),
    purpose: project.purpose,
    goals: JSON.stringify(project.goals),
    longTermGoals: JSON.stringify(project.longTermGoals),
    longTermIndicators: JSON.stringify(project.longTermIndicators),
    narrative: JSON.stringify(project.narrative),
    form: project.form ? JSON.stringify(project.form) : null,
    reading: project.reading ? JSON.stringify(project.reading) : null,
    line: project.source.line,
    ref: project.source.ref ?? null,
    sources: JSON.stringify(project.sources),
  };
}

function goalItemRow(
  documentId: number,
  kind: GoalItemKind,
  position: number,
  item: GoalItem,
): Insertable<GoalItemTable> {
  return {
    documentId,
    kind,
    position,
    title: item.title,
    numbering: item.numbering,
    text: item.text,
    goalText: item.goalText,
    indicatorText: item.indicatorText,
    line: item.source.line,
    ref: item.source.ref ?? null,
  };
}

/** Refuses a target whose `value` is not the number its `valueText` spells (the model's invariant). */
function checkTarget(t: TargetValue, what: string): void {
  if (t.value !== targetNumber(t.valueText)) {
    throw new RangeError(`${what}: target value ${t.value} is not Number(${JSON.stringify(t.valueText)})`);
  }
}

function departmentTargetRow(documentId: number, t: DepartmentTargets): Insertable<DepartmentTargetTable> {
  const what = 'departmentTargets';
  t.indicators.forEach((ind, i) => checkTarget(ind.target, `${what} indicator ${i + 1}`));
  t.duties.forEach((d, i) => fenToDb(d.amount, `${what} duty ${i + 1}`));
  return {
    documentId,
    title: t.title,
    departmentCode: t.department?.code ?? null,
    departmentName: t.department?.name ?? null,
    budgetCode: t.budgetCode,
    year: t.year,
    amountUnit: t.amountUnit,
    budgetTotal: fenToDb(t.budget.total, `${what} budget.total`),
    budgetProject: fenToDb(t.budget.project, `${what} budget.project`),
    budgetBasic: fenToDb(t.budget.basic, `${what} budget.basic`),
    goals: JSON.stringify(t.goals),
    duties: JSON.stringify(t.duties),
    indicators: JSON.stringify(t.indicators),
    fields: JSON.stringify(t.fields),
    line: t.source.line,
    ref: t.source.ref ?? null,
    sources: JSON.stringify(t.sources),
    reading: t.reading ? JSON.stringify(t.reading) : null,
  };
}

export function departmentTargetsFromRow(row: Selectable<DepartmentTargetTable>): DepartmentTargets {
  return {
    title: row.title,
    department: row.departmentName === null ? null : { code: row.departmentCode, name: row.departmentName },
    budgetCode: row.budgetCode,
    year: row.year,
    amountUnit: row.amountUnit,
    budget: { total: intFromDb(row.budgetTotal), project: intFromDb(row.budgetProject), basic: intFromDb(row.budgetBasic) },
    goals: JSON.parse(row.goals) as string[],
    duties: JSON.parse(row.duties) as DepartmentTargets['duties'],
    indicators: JSON.parse(row.indicators) as Indicator[],
    fields: JSON.parse(row.fields) as DepartmentTargets['fields'],
    source: locationFromDb(row.line, row.ref),
    sources: JSON.parse(row.sources) as DepartmentTargets['sources'],
    ...(row.reading == null ? {} : { reading: JSON.parse(row.reading) as Reading }),
  };
}

/** A document's department-wide targets; null when it has none. */
export async function loadDepartmentTargets(db: Db, documentId: number): Promise<DepartmentTargets | null> {
  const row = await db.selectFrom('departmentTarget').selectAll().where('documentId', '=', documentId).executeTakeFirst();
  return row === undefined ? null : departmentTargetsFromRow(row);
}

function indicatorRow(
  projectId: number,
  position: number,
  ind: Indicator,
  what: string,
): Insertable<IndicatorTable> {
  const t = ind.target;
  checkTarget(t, what);
  return {
    projectId,
    position,
    level1: ind.level1,
    level2: ind.level2,
    level1Raw: ind.level1Raw,
    level2Raw: ind.level2Raw,
    level1Inherited: flagToDb(ind.level1Inherited),
    level2Inherited: flagToDb(ind.level2Inherited),
    name: ind.name,
    description: ind.description,
    targetRaw: t.raw,
    targetKind: t.kind,
    targetOperator: t.operator,
    targetValueText: t.valueText,
    targetUnit: t.unit,
    targetDeadline: t.deadline === null ? null : JSON.stringify(t.deadline),
    targetWords: t.words,
    targetStart: t.start === null ? null : JSON.stringify(t.start),
    targetStandard: t.standard,
    basis: ind.basis,
    line: ind.source.line,
    ref: ind.source.ref ?? null,
    sources: JSON.stringify(ind.sources),
    extras: extrasToDb(ind),
  };
}

/**
 * The indicator's extras JSON. An indicator with a weight or nature (issue 37) stores them beside its
 * extra cells, `{ "cells": [...], "weight": 10, … }`, in the same column (no migration); any other
 * keeps the plain array it always had.
 */
function extrasToDb(ind: Indicator): string {
  const more: Pick<Indicator, 'weight' | 'level1Weight' | 'level2Weight' | 'nature'> = {};
  if (ind.weight !== undefined) more.weight = ind.weight;
  if (ind.level1Weight !== undefined) more.level1Weight = ind.level1Weight;
  if (ind.level2Weight !== undefined) more.level2Weight = ind.level2Weight;
  if (ind.nature !== undefined) more.nature = ind.nature;
  return JSON.stringify(Object.keys(more).length === 0 ? ind.extras : { cells: ind.extras, ...more });
}

/** The extras JSON read back (extrasToDb): the extra cells, and the weight and nature when stored. */
function extrasFromDb(json: string): Pick<Indicator, 'extras' | 'weight' | 'level1Weight' | 'level2Weight' | 'nature'> {
  const stored = JSON.parse(json) as Indicator['extras'] | ({ cells: Indicator['extras'] } & Pick<Indicator, 'weight' | 'level1Weight' | 'level2Weight' | 'nature'>);
  if (Array.isArray(stored)) return { extras: stored };
  const { cells, ...more } = stored;
  return { extras: cells, ...more };
}

function diagnosticRow(
  documentId: number,
  position: number,
  d: Diagnostic,
): Insertable<DiagnosticTable> {
  return {
    documentId,
    position,
    severity: d.severity,
    code: d.code,
    message: d.message,
    line: d.source.line,
    ref: d.source.ref ?? null,
  };
}


/** Takes a document out of the current set, keeping it as history. */
export async function markDocumentSuperseded(
  db: Db,
  documentId: number,
  opts: { supersededBy: number; at: string },
): Promise<void> {
  await db
    .updateTable('document')
    .set({ isCurrent: 0, supersededAt: opts.at, supersededBy: opts.supersededBy })
    .where('id', '=', documentId)
    .execute();
}

export async function markDocumentCurrent(db: Db, documentId: number): Promise<void> {
  await db.updateTable('document').set({ isCurrent: 1 }).where('id', '=', documentId).execute();
}

// ---------------------------------------------------------------------------------------------
// Documents: reading

/** A document's row, without its content. */
export interface StoredDocument {
  id: number;
  departmentId: number | null;
  year: number | null;
  fileName: string;
  format: ParsedDocument['format'];
  frameworkVersion: string;
  sha256: string;
  importedAt: string;
  isCurrent: boolean;
  /** What part of the department's year it covers (document-scope.ts). */
  scope: string;
  supersededAt: string | null;
  supersededBy: number | null;
  projectCount: number;
  indicatorCount: number;
  diagnosticCount: number;
}

export const STORED_DOCUMENT_COLUMNS = [
  'id',
  'departmentId',
  'year',
  'fileName',
  'format',
  'frameworkVersion',
  'sha256',
  'importedAt',
  'isCurrent',
  'scope',
  'supersededAt',
  'supersededBy',
  'projectCount',
  'indicatorCount',
  'diagnosticCount',
] as const;

type StoredDocumentRow = Pick<
  Selectable<DocumentTable>,
  (typeof STORED_DOCUMENT_COLUMNS)[number]
>;

export function storedDocumentFromRow(row: StoredDocumentRow): StoredDocument {
  return { ...row, isCurrent: flagFromDb(row.isCurrent) };
}

export async function findDocumentById(
  db: Db,
  documentId: number,
): Promise<StoredDocument | undefined> {
  const row = await db
    .selectFrom('document')
    .select(STORED_DOCUMENT_COLUMNS)
    .where('id', '=', documentId)
    .executeTakeFirst();
  return row && storedDocumentFromRow(row);
}

/** The current document of a department for a year, if any. */
/** The current documents of a department and year, of the given scopes (all scopes when none is given), oldest first. */
export async function findCurrentDocuments(
  db: Db,
  key: { departmentId: number; year: number; scopes?: readonly string[] },
): Promise<StoredDocument[]> {
  let query = db
    .selectFrom('document')
    .select(STORED_DOCUMENT_COLUMNS)
    .where('departmentId', '=', key.departmentId)
    .where('year', '=', key.year)
    .where('isCurrent', '=', 1)
    .orderBy('id');
  if (key.scopes !== undefined) {
    if (key.scopes.length === 0) return [];
    query = query.where('scope', 'in', [...key.scopes]);
  }
  return (await query.execute()).map(storedDocumentFromRow);
}

/** Every stored document with these bytes, current or not, newest first. */
export async function findDocumentsBySha256(db: Db, sha256: string): Promise<StoredDocument[]> {
  const rows = await db
    .selectFrom('document')
    .select(STORED_DOCUMENT_COLUMNS)
    .where('sha256', '=', sha256)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(storedDocumentFromRow);
}

export async function findCurrentDocumentBySha256(
  db: Db,
  sha256: string,
): Promise<StoredDocument | undefined> {
  const row = await db
    .selectFrom('document')
    .select(STORED_DOCUMENT_COLUMNS)
    .where('sha256', '=', sha256)
    .where('isCurrent', '=', 1)
    .executeTakeFirst();
  return row && storedDocumentFromRow(row);
}

/**
 * The current document with these bytes or, in other bytes, this content (document-content.ts):
 * a document exported by Jixiao and read back, or the same table saved in another format.
 */
export async function findCurrentDocumentWithContent(
  db: Db,
  key: { sha256: string; contentSha256: string },
): Promise<StoredDocument | undefined> {
  const {
    rows: [row],
  } = await currentDocumentsWithContent(db, key.sha256, key.contentSha256);
  return row && storedDocumentFromRow(row);
}

/** findCurrentDocumentWithContent's statement, run for every imported document: compiled once (compiledStatement). */
const currentDocumentsWithContent = compiledStatement(2, (db: Db, sha256: string, contentSha256: string) =>
  db
    .selectFrom('document')
    .select(STORED_DOCUMENT_COLUMNS)
    .where((eb) => eb.or([eb('sha256', '=', sha256), eb('contentSha256', '=', contentSha256)]))
    .where('isCurrent', '=', 1)
    .orderBy('id'),
);

/** Documents, oldest first, optionally narrowed to a department, a year, or current ones. */
export async function listDocuments(
  db: Db,
  filter: { departmentId?: number; year?: number; currentOnly?: boolean } = {},
): Promise<StoredDocument[]> {
  let query = db.selectFrom('document').select(STORED_DOCUMENT_COLUMNS).orderBy('id');
  if (filter.departmentId !== undefined) {
    query = query.where('departmentId', '=', filter.departmentId);
  }
  if (filter.year !== undefined) query = query.where('year', '=', filter.year);
  if (filter.currentOnly) query = query.where('isCurrent', '=', 1);
  return (await query.execute()).map(storedDocumentFromRow);
}

/** Loads a stored document back as the ParsedDocument it was stored from. */
export async function loadDocument(
  db: Db,
  documentId: number,
): Promise<ParsedDocument | undefined> {
  const doc = await db
    .selectFrom('document')
    .selectAll()
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (doc === undefined) return undefined;

  const departmentGoals = (await loadDepartmentGoals(db, documentId))!;
  const departmentTargets = await loadDepartmentTargets(db, documentId);
  const projectRows = await db
    .selectFrom('project')
    .selectAll()
    .where('documentId', '=', documentId)
    .orderBy('position')
    .execute();
  const checkpointRows = await db
    .selectFrom('spendingCheckpoint')
    .innerJoin('project', 'project.id', 'spendingCheckpoint.projectId')
    .selectAll('spendingCheckpoint')
    .where('project.documentId', '=', documentId)
    .orderBy('spendingCheckpoint.projectId')
    .orderBy('spendingCheckpoint.checkpoint')
    .execute();
  const indicatorRows = await db
    .selectFrom('indicator')
    .innerJoin('project', 'project.id', 'indicator.projectId')
    .selectAll('indicator')
    .where('project.documentId', '=', documentId)
    .orderBy('indicator.projectId')
    .orderBy('indicator.position')
    .execute();
  const diagnostics = await loadDiagnostics(db, documentId);

  const checkpointsByProject = groupBy(checkpointRows, (r) => r.projectId);
  const indicatorsByProject = groupBy(indicatorRows, (r) => r.projectId);

  const department: Department | null =
    doc.departmentName === null || doc.departmentLine === null
      ? null
      : {
          code: doc.departmentCode,
          name: doc.departmentName,
          source: locationFromDb(doc.departmentLine, doc.departmentRef),
        };

  return {
    file: doc.fileName,
    format: doc.format,
    encoding: doc.encoding,
    sha256: doc.sha256,
    year: doc.year,
    department,
    departmentGoals,
    departmentTargets,
    projects: projectRows.map((row) =>
      projectFromRows(
        row,
        checkpointsByProject.get(row.id) ?? [],
        indicatorsByProject.get(row.id) ?? [],
      ),
    ),
    diagnostics,
    frameworkVersion: doc.frameworkVersion,
  };
}

/** A document's diagnostics (what the parser did not understand), in order. */
export async function loadDiagnostics(db: Db, documentId: number): Promise<Diagnostic[]> {
  const rows = await db.selectFrom('diagnostic').selectAll().where('documentId', '=', documentId).orderBy('position').execute();
  return rows.map((r) => ({ severity: r.severity, code: r.code, message: r.message, source: locationFromDb(r.line, r.ref) }));
}

/**
 * The forms of the documents' projects (project.form, migration 0023), each once with its number of
 * projects, the most used first (then the first in the documents); projects without one (made on
 * Jixiao's own table) are not counted.
 */
export async function documentForms(db: Db, documentIds: readonly number[], region: string | null = null): Promise<{ form: FormProfile; projectCount: number }[]> {
  if (documentIds.length === 0) return [];
  const rows = await db
    .selectFrom('project')
    .select((eb) => ['form', eb.fn.countAll<number | string | bigint>().as('n'), eb.fn.min('id').as('first')])
    .where('documentId', 'in', [...documentIds])
    // the documents' region when the caller knows it (their department's): its partitions only
    .$call((q) => partitionConditions(db, '', { region }).reduce((w, condition) => w.where(condition), q))
    .where('form', 'is not', null)
    .groupBy('form')
    .execute();
  return rows
    .map((r) => ({ form: JSON.parse(r.form!) as FormProfile, projectCount: Number(r.n), first: Number(r.first) }))
    .sort((a, b) => b.projectCount - a.projectCount || a.first - b.first)
    .map(({ form, projectCount }) => ({ form, projectCount }));
}

/** The sums of a document's project budgets in force (目标调整), in fen (0 when none gives one). */
export async function documentBudgetTotals(db: Db, documentIds: readonly number[]): Promise<{ budgetTotalFen: number; fiscalFen: number; otherFen: number }> {
  const row = await db
    .selectFrom('project')
    .select([...sumFen(budgetInForceOf('project'), 'total'), ...sumFen(fiscalInForceOf('project'), 'fiscal'), ...sumFen('budgetOther', 'other')])
    .where('documentId', 'in', documentIds.length > 0 ? [...documentIds] : [-1])
    .executeTakeFirstOrThrow();
  return {
    budgetTotalFen: fenTotal(row.totalHigh, row.totalLow),
    fiscalFen: fenTotal(row.fiscalHigh, row.fiscalLow),
    otherFen: fenTotal(row.otherHigh, row.otherLow),
  };
}

/** A document's own review result: the department's score (hundredths) and grade, and the findings about the whole document. */
export interface StoredDocumentReview {
  scoreHundredths: number | null;
  grade: string | null;
  findings: readonly Finding[];
}

/**
 * What the department page groups of a finding about a project (project_findings.rules,
 * migration 0021): its rule, severity and category.
 */
export type FindingRule = readonly [rule: string, severity: Severity, category: FindingCategory];

/** The rules of a project's findings (those about the project: projectIndex not null), in their order. */
export function findingRulesOf(findings: readonly Finding[]): FindingRule[] {
  return findings.flatMap((f) => (f.projectIndex === null ? [] : [[f.rule, f.severity, f.category] as const]));
}

/**
 * The example the department page shows for each rule of a project's findings
 * (project_findings.examples, migration 0022): the message and suggestion of the FIRST finding
 * about the project (projectIndex not null) with that rule, keyed by the rule.
 */
export function findingExamplesOf(findings: readonly Finding[]): Record<string, [message: string, suggestion: string]> {
  const first = new Map<string, [string, string]>();
  for (const f of findings) if (f.projectIndex !== null && !first.has(f.rule)) first.set(f.rule, [f.message, f.suggestion]);
  return Object.fromEntries(first);
}

/** A project's project_findings row: its findings, their rules and examples (`projectId`: its id, or its position under insertTree). */
export function projectFindingsRow(projectId: number, findings: readonly Finding[]): { projectId: number; findings: string; rules: string; examples: string } {
  return { projectId, findings: JSON.stringify(findings), rules: JSON.stringify(findingRulesOf(findings)), examples: JSON.stringify(findingExamplesOf(findings)) };
}

/** A project's project_finding_category rows: one per category with findings. */
export function projectCategoryRows(projectId: number, categories: Partial<Record<FindingCategory, number>>): { projectId: number; category: FindingCategory; count: number }[] {
  return Object.entries(categories)
    .filter(([, n]) => n !== undefined && n > 0)
    .map(([category, count]) => ({ projectId, category: category as FindingCategory, count: count! }));
}

/** Stores a document's own review result over the stored one. */
export async function storeDocumentReview(db: Db, documentId: number, review: StoredDocumentReview): Promise<void> {
  await db.deleteFrom('documentReview').where('documentId', '=', documentId).execute();
  await insertRows(db, 'documentReview', [documentReviewRow(documentId, review)]);
}

function documentReviewRow(documentId: number, review: StoredDocumentReview) {
  return { documentId, score: review.scoreHundredths, grade: review.grade, findings: JSON.stringify(review.findings) };
}

/** A document's stored review result; undefined when it has none (stored before migration 0005). */
export async function findDocumentReview(db: Db, documentId: number): Promise<StoredDocumentReview | undefined> {
  const row = await db.selectFrom('documentReview').selectAll().where('documentId', '=', documentId).executeTakeFirst();
  return row === undefined ? undefined : { scoreHundredths: row.score, grade: row.grade, findings: JSON.parse(row.findings) as Finding[] };
}

/** A document's part one (部门整体绩效目标); undefined when there is no such document. */
export async function loadDepartmentGoals(db: Db, documentId: number): Promise<DepartmentGoals | undefined> {
  const [goals, goalItems] = await Promise.all([
    db
      .selectFrom('document as d')
      .leftJoin('departmentGoals as g', 'g.documentId', 'd.id')
      .select(['g.overall', 'g.overallLine', 'g.overallRef'])
      .where('d.id', '=', documentId)
      .executeTakeFirst(),
    db.selectFrom('goalItem').selectAll().where('documentId', '=', documentId).orderBy('kind').orderBy('position').execute(),
  ]);
  if (goals === undefined) return undefined;
  return {
    overall: goals?.overall ?? null,
    overallSource: optionalLocationFromDb(goals?.overallLine ?? null, goals?.overallRef ?? null),
    subGoals: goalItems.filter((r) => r.kind === 'subGoal').map(goalItemFromRow),
    measures: goalItems.filter((r) => r.kind === 'measure').map(goalItemFromRow),
  };
}

/** Loads one stored project as the domain Project. */
export async function loadProject(db: Db, projectId: number): Promise<Project | undefined> {
  const [row, [checkpoints, indicators]] = await Promise.all([
    db.selectFrom('project').selectAll().where('id', '=', projectId).executeTakeFirst(),
    loadProjectChildRows(db, projectId),
  ]);
  return row === undefined ? undefined : projectFromRows(row, checkpoints, indicators);
}

/** A project's checkpoint and indicator rows, in their order, for projectFromRows. */
export function loadProjectChildRows(db: Db, projectId: number) {
  return Promise.all([
    db.selectFrom('spendingCheckpoint').selectAll().where('projectId', '=', projectId).orderBy('checkpoint').execute(),
    db.selectFrom('indicator').selectAll().where('projectId', '=', projectId).orderBy('position').execute(),
  ]);
}

export function goalItemFromRow(row: Selectable<GoalItemTable>): GoalItem {
  return {
    title: row.title,
    numbering: row.numbering,
    text: row.text,
    goalText: row.goalText,
    indicatorText: row.indicatorText,
    source: locationFromDb(row.line, row.ref),
  };
}

/** Checkpoints come ordered by checkpoint ('03' < '06' < '10' < '12' as text), indicators by position. */
export function projectFromRows(
  row: Selectable<ProjectTable>,
  checkpoints: Selectable<SpendingCheckpointTable>[],
  indicators: Selectable<IndicatorTable>[],
): Project {
  return {
    part: row.part,
    sequence: row.sequence,
    title: row.title,
    code: row.code,
    name: row.name,
    year: row.year,
    department:
      row.departmentName === null ? null : { code: row.departmentCode, name: row.departmentName },
    amountUnit: row.amountUnit,
    budget: {
      total: intFromDb(row.budgetTotal),
      fiscal: intFromDb(row.budgetFiscal),
      other: intFromDb(row.budgetOther),
    },
    budgetLines: JSON.parse(row.budgetLines) as Project['budgetLines'],
    projectBudget: row.projectBudget === null ? null : (JSON.parse(row.projectBudget) as Project['projectBudget']),
    fields: JSON.parse(row.fields) as Project['fields'],
    purpose: row.purpose,
    spendingPlan: checkpoints.map(
      (c): SpendingCheckpoint => ({
        checkpoint: c.checkpoint as Checkpoint,
        percent: percentFromDb(c.percentHundredths),
        amount: intFromDb(c.amount),
        given: c.given,
        source: optionalLocationFromDb(c.line, c.ref),
      }),
    ),
    goals: JSON.parse(row.goals) as string[],
    longTermGoals: JSON.parse(row.longTermGoals) as string[],
    indicators: indicators.map(indicatorFromRow),
    longTermIndicators: JSON.parse(row.longTermIndicators) as Indicator[],
    narrative: JSON.parse(row.narrative) as Project['narrative'],
    source: locationFromDb(row.line, row.ref),
    sources: JSON.parse(row.sources) as Partial<Record<ProjectField, SourceLocation>>,
    // Only a project read from a document has a form and a reading; one made on Jixiao's own table has neither (not even null).
    ...(row.form === null ? {} : { form: JSON.parse(row.form) as FormProfile }),
    ...(row.reading == null ? {} : { reading: JSON.parse(row.reading) as Reading }),
  };
}

function indicatorFromRow(row: Selectable<IndicatorTable>): Indicator {
  return {
    level1: row.level1,
    level2: row.level2,
    level1Raw: row.level1Raw,
    level2Raw: row.level2Raw,
    level1Inherited: flagFromDb(row.level1Inherited),
    level2Inherited: flagFromDb(row.level2Inherited),
    name: row.name,
    description: row.description,
    target: targetFromRow(row),
    basis: row.basis,
    source: locationFromDb(row.line, row.ref),
    sources: JSON.parse(row.sources) as Indicator['sources'],
    ...extrasFromDb(row.extras),
  };
}

type TargetColumns = Pick<
  Selectable<IndicatorTable>,
  'targetRaw' | 'targetKind' | 'targetOperator' | 'targetValueText' | 'targetUnit' | 'targetDeadline' | 'targetWords' | 'targetStart' | 'targetStandard'
>;

/** An indicator row's target value (also read by the monitoring repository). */
export function targetFromRow(row: TargetColumns): TargetValue {
  const date = (json: string | null) => (json === null ? null : (JSON.parse(json) as Deadline));
  return {
    raw: row.targetRaw,
    kind: row.targetKind,
    operator: row.targetOperator,
    value: targetNumber(row.targetValueText),
    valueText: row.targetValueText,
    unit: row.targetUnit,
    deadline: date(row.targetDeadline),
    start: date(row.targetStart),
    words: row.targetWords,
    standard: row.targetStandard,
  };
}


// ---------------------------------------------------------------------------------------------
// Projects: listing and finding

/** One line of a project listing. */
export interface ProjectSummary {
  projectId: number;
  documentId: number;
  code: string | null;
  name: string;
  /** The document's department (its latest name), else the project table's own header. */
  departmentCode: string | null;
  departmentName: string | null;
  /** The project's year, else its document's. */
  year: number | null;
  budgetTotal: Fen | null;
  indicatorCount: number;
  isCurrent: boolean;
}

function selectProjectSummaries(db: Db) {
  return db
    .selectFrom('project')
    .innerJoin('document', 'document.id', 'project.documentId')
    .leftJoin('department', 'department.id', 'document.departmentId')
    .select((eb) => [
      'project.id as projectId',
      'project.documentId',
      'project.code',
      'project.name',
      eb.fn.coalesce('department.code', 'project.departmentCode').as('departmentCode'),
      eb.fn.coalesce('department.name', 'project.departmentName').as('departmentName'),
      eb.fn.coalesce('project.year', 'document.year').as('year'),
      budgetInForceOf('project').as('budgetTotal'),
      'document.isCurrent',
      eb
        .selectFrom('indicator')
        .whereRef('indicator.projectId', '=', 'project.id')
        .select((sub) => sub.fn.countAll<number | string | bigint>().as('count'))
        .as('indicatorCount'),
    ])
    // NULLS LAST spelled out: SQLite and PostgreSQL differ in where they put NULLs by default.
    .orderBy(
      (eb) => eb.fn.coalesce('department.name', 'project.departmentName'),
      (ob) => ob.asc().nullsLast(),
    )
    .orderBy('document.year', (ob) => ob.asc().nullsLast())
    .orderBy('project.documentId')
    .orderBy('project.position');
}

type ProjectSummaryRow = Awaited<
  ReturnType<ReturnType<typeof selectProjectSummaries>['execute']>
>[number];

function projectSummaryFromRow(row: ProjectSummaryRow): ProjectSummary {
  return {
    projectId: row.projectId,
    documentId: row.documentId,
    code: row.code,
    name: row.name,
    departmentCode: row.departmentCode,
    departmentName: row.departmentName,
    year: row.year,
    budgetTotal: intFromDb(row.budgetTotal),
    indicatorCount: intFromDb(row.indicatorCount ?? 0),
    isCurrent: flagFromDb(row.isCurrent),
  };
}

/** The projects of every current document, by department, year and position. */
export async function listCurrentProjects(db: Db): Promise<ProjectSummary[]> {
  const rows = await selectProjectSummaries(db).where('document.isCurrent', '=', 1).execute();
  return rows.map(projectSummaryFromRow);
}

export type ProjectMatch = 'code' | 'name' | 'nameContains' | 'none';

/**
 * Finds projects by 项目编码 or 项目名称: an exact code match wins, else an exact name, else
 * names containing the text. Only current documents unless `includeSuperseded`.
 * "Contains" ignores the case of ASCII letters, on both dialects (text-match.ts).
 */
export async function findProjects(
  db: Db,
  text: string,
  opts: { includeSuperseded?: boolean } = {},
): Promise<{ match: ProjectMatch; projects: ProjectSummary[] }> {
  const query = text.trim();
  if (query === '') return { match: 'none', projects: [] };
  const base = opts.includeSuperseded
    ? selectProjectSummaries(db)
    : selectProjectSummaries(db).where('document.isCurrent', '=', 1);

  const byCode = await base.where('project.code', '=', query).execute();
  if (byCode.length > 0) return { match: 'code', projects: byCode.map(projectSummaryFromRow) };

  const byName = await base.where('project.name', '=', query).execute();
  if (byName.length > 0) return { match: 'name', projects: byName.map(projectSummaryFromRow) };

  const byPart = await base.where(containsText(sql.ref('project.name'), query)).execute();
  if (byPart.length > 0) {
    return { match: 'nameContains', projects: byPart.map(projectSummaryFromRow) };
  }
  return { match: 'none', projects: [] };
}

// ---------------------------------------------------------------------------------------------
// Counts

export interface StoredCounts {
  departments: number;
  documents: number;
  currentDocuments: number;
  projects: number;
  indicators: number;
  diagnostics: number;
}

export async function countStored(db: Db): Promise<StoredCounts> {
  const row = await db
    .selectNoFrom((eb) => {
      const count = (table: 'department' | 'document' | 'project' | 'indicator' | 'diagnostic') =>
        eb.selectFrom(table).select((s) => s.fn.countAll<number | string>().as('n'));
      return [
        count('department').as('departments'),
        count('document').as('documents'),
        eb
          .selectFrom('document')
          .where('isCurrent', '=', 1)
          .select((s) => s.fn.countAll<number | string>().as('n'))
          .as('currentDocuments'),
        count('project').as('projects'),
        count('indicator').as('indicators'),
        count('diagnostic').as('diagnostics'),
      ];
    })
    .executeTakeFirstOrThrow();
  return {
    departments: intFromDb(row.departments ?? 0),
    documents: intFromDb(row.documents ?? 0),
    currentDocuments: intFromDb(row.currentDocuments ?? 0),
    projects: intFromDb(row.projects ?? 0),
    indicators: intFromDb(row.indicators ?? 0),
    diagnostics: intFromDb(row.diagnostics ?? 0),
  };
}
