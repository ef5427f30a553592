/**
 * The tables as Kysely sees them.
 *
 * Names here are camelCase: the connection uses Kysely's `CamelCasePlugin`, so the database
 * itself has snake_case tables and columns (`spending_checkpoint.percent_hundredths`), as the
 * migrations spell them. Everything below is portable between SQLite and PostgreSQL:
 *
 * - money is integer fen in `bigint` columns. better-sqlite3 returns a JS number; pg returns
 *   int8 as a string. Read it through `intFromDb` (document.repository.ts), never directly.
 * - booleans are `integer` 0/1 (`Flag`), the same on both databases.
 * - JSON is `text` holding `JSON.stringify` output (`JsonText`), parsed in the repository.
 * - timestamps are ISO-8601 UTC text (`new Date().toISOString()`), which sorts as time.
 */
import type { SecurityPolicy } from '../../shared/domain/security-policy';
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { ParsedDocument, TargetKind } from '../../shared/domain/model';
import type { ProjectStatus } from '../../shared/domain/workflow';

/** The database handle every repository function takes first; a `Transaction` is one too. */
export type Db = Kysely<DatabaseSchema>;

/** Integer fen in a `bigint` column: number from SQLite, string from pg. Written as a number. */
export type FenColumn = ColumnType<number | string | bigint, number, number>;
export type NullableFenColumn = ColumnType<
  number | string | bigint | null,
  number | null,
  number | null
>;

/** 0 = false, 1 = true. */
export type Flag = number;

/** Text holding JSON. */
export type JsonText = string;

/** A department, identified by its code when it has one, else by its name. */
export interface DepartmentTable {
  id: Generated<number>;
  /** Unique when present. */
  code: string | null;
  /** The latest name seen for this department; a rename is audited. */
  name: string;
  /** The region (six-digit 区划 code) the department belongs to; null: not assigned (0025). */
  regionCode: ColumnType<string | null, string | null | undefined, string | null>;
  /** Its 主管部门 (0026): a department of the same region whose 二级单位 this one is; null: none. */
  parentDepartmentId: ColumnType<number | null, number | null | undefined, number | null>;
  /** The business section of its region's bureau it is assigned to (0031, 归口); null: none. */
  sectionId: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A business section of a region's finance bureau (0031, 财政业务科室: 教科文科 …): a name unique within the region. */
export interface BusinessSectionTable {
  id: Generated<number>;
  regionCode: string;
  name: string;
}

/** A region of the tree (0025): 省 / 市 / 县区 by its six-digit code; the parent is derived from the code. */
export interface RegionTable {
  code: string;
  name: string;
  parentCode: string | null;
  level: 'province' | 'city' | 'county';
  /** The levels of review the region uses (0026, shared/domain/review-levels.ts); null: its parent region's (inherited), finally 'finance'. */
  reviewLevels: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A region's levels of review from a budget year on (0029); the latest year not after a project's applies. */
export interface RegionReviewLevelsTable {
  regionCode: string;
  fromYear: number;
  /** 'finance' | 'supervisor' | 'section' | 'supervisor_section' (shared/domain/review-levels.ts). */
  reviewLevels: string;
}

export interface DocumentTable {
  id: Generated<number>;
  /** null when the document names no department; such a document never replaces another. */
  departmentId: number | null;
  /** The region: its department's, else its projects' codes' (0025). */
  regionCode: ColumnType<string | null, string | null | undefined, string | null>;
  /** The department exactly as this document wrote it (the department row may be renamed later). */
  departmentCode: string | null;
  departmentName: string | null;
  departmentLine: number | null;
  departmentRef: string | null;
  year: number | null;
  fileName: string;
  format: ParsedDocument['format'];
  encoding: string;
  sha256: string;
  frameworkVersion: string;
  importedAt: string;
  supersededAt: string | null;
  supersededBy: number | null;
  /** 1 for the current version of a department's document for a year (one per scope), 0 for history. */
  isCurrent: Flag;
  /** What part of the department's year it covers (shared/domain/document-scope.ts): '' the department's document, 'targets', 'project:<key>'. */
  scope: string;
  /** sha256 of the document's content without locations (document-content.ts); null for documents stored before 0007. */
  contentSha256: string | null;
  projectCount: number;
  indicatorCount: number;
  diagnosticCount: number;
}

/** 第一部分's overall goal; one row per document. */
export interface DepartmentGoalsTable {
  documentId: number;
  overall: string | null;
  /** null together with overallRef when the document has no overall goal source. */
  overallLine: number | null;
  overallRef: string | null;
}

export type GoalItemKind = 'subGoal' | 'measure';

/** A sub-goal (分项绩效目标) or a measure (工作保障措施) of the department goals. */
export interface GoalItemTable {
  id: Generated<number>;
  documentId: number;
  kind: GoalItemKind;
  /** 0-based order within its kind. */
  position: number;
  title: string;
  numbering: string | null;
  text: string | null;
  goalText: string | null;
  indicatorText: string | null;
  line: number;
  ref: string | null;
}

export interface ProjectTable {
  id: Generated<number>;
  documentId: number;
  /** 0-based order of the project in the document. */
  position: number;
  part: 'project' | 'public';
  sequence: number;
  title: string;
  code: string | null;
  name: string;
  /** From the project code, else the document's year. */
  year: number | null;
  /** Its document's year (0033): what the screens filter by, and the partitioned layout's year (partitioning.ts). */
  documentYear: ColumnType<number | null, number | null | undefined, number | null>;
  /** The region: its department's, else its code's six-digit prefix (0025). */
  regionCode: ColumnType<string | null, string | null | undefined, string | null>;
  /** The unit named in the table header; both null when the table names none. */
  departmentCode: string | null;
  departmentName: string | null;
  amountUnit: string;
  budgetTotal: NullableFenColumn;
  budgetFiscal: NullableFenColumn;
  budgetOther: NullableFenColumn;
  /** The 预算数 of the latest approved 目标调整 that set one (0038); null: budget_total is in force. */
  budgetInForce: ColumnType<number | string | bigint | null, number | string | bigint | null | undefined, number | string | bigint | null>;
  /** The 财政资金 beside budget_in_force (0038); null with it. */
  fiscalInForce: ColumnType<number | string | bigint | null, number | string | bigint | null | undefined, number | string | bigint | null>;
  purpose: string | null;
  /** JSON array of strings. */
  goals: JsonText;
  /** JSON (0007): FundingLine[], ProjectBudget | null, FormField[], string[], Indicator[], NarrativeSection[]. */
  budgetLines: ColumnType<JsonText, JsonText | undefined, JsonText>;
  projectBudget: JsonText | null;
  fields: ColumnType<JsonText, JsonText | undefined, JsonText>;
  longTermGoals: ColumnType<JsonText, JsonText | undefined, JsonText>;
  longTermIndicators: ColumnType<JsonText, JsonText | undefined, JsonText>;
  narrative: ColumnType<JsonText, JsonText | undefined, JsonText>;
  /** JSON (0023): the FormProfile of the table the project was read from; null for Jixiao's own table (editor, workbook) and rows stored before. */
  form: JsonText | null;
  /** JSON (0035): the Reading of the table (its doubts, shared/domain/reading.ts); null for Jixiao's own table and rows stored before. */
  reading: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null>;
  line: number;
  ref: string | null;
  /** JSON object: ProjectField → SourceLocation. */
  sources: JsonText;
  /** Workflow state (草稿 → 已提交 → 退回 / 已审核 → 已公开); see shared/domain/workflow.ts. */
  status: ColumnType<ProjectStatus, ProjectStatus | undefined, ProjectStatus>;
  /** Optimistic lock: incremented by every change; a save naming an older version is refused. */
  version: ColumnType<number, number | undefined, number>;
  updatedAt: string | null;
  updatedBy: string | null;
  /** The review's quality score in hundredths (87.5 → 8750); null until reviewed. */
  qualityScore: number | null;
  qualityGrade: string | null;
  findingCount: ColumnType<number, number | undefined, number>;
  /** The 批复 batch that issued the project (0028; status 'issued' and after); null: not issued. */
  approvalBatchId: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A document's own review result (migration 0005): one row per reviewed document. */
export interface DocumentReviewTable {
  documentId: number;
  /** The department's quality score in hundredths; null for a document without projects. */
  score: number | null;
  grade: string | null;
  /** JSON array of shared/review Finding about the document as a whole (projectIndex null). */
  findings: JsonText;
}

/** The review's findings about a project (migration 0005): one row per reviewed project. */
export interface ProjectFindingsTable {
  projectId: number;
  /** JSON array of shared/review Finding, as the review gave them (projectIndex: the project's position). */
  findings: JsonText;
  /**
   * JSON array of [rule, severity, category], one per finding about the project (projectIndex
   * not null), in their order (migration 0021): what the department page groups. NULL in a row written without it (the findings are then read instead).
   */
  rules: JsonText | null;
  /**
   * JSON object: for each rule of a finding about the project, [message, suggestion] of the first
   * such finding (findingExamplesOf, migration 0022): the department page's examples, read by the
   * rule. NULL in a row written without it (the findings are then read instead).
   */
  examples: JsonText | null;
}

/** 草稿 draft, 已提交 submitted, 退回 returned, 已审核 approved, 已公开 published (shared/domain/workflow.ts). */
export type { ProjectStatus };

export interface SpendingCheckpointTable {
  projectId: number;
  checkpoint: '03' | '06' | '10' | '12';
  /** The percent times 100, exact: 33.33% is 3333. */
  percentHundredths: number | null;
  amount: NullableFenColumn;
  given: 'percent' | 'amount' | null;
  /** null together with ref when the checkpoint has no source. */
  line: number | null;
  ref: string | null;
}

export interface IndicatorTable {
  id: Generated<number>;
  projectId: number;
  /** 0-based order within the project. */
  position: number;
  level1: string | null;
  level2: string | null;
  level1Raw: string;
  level2Raw: string;
  level1Inherited: Flag;
  level2Inherited: Flag;
  name: string;
  description: string | null;
  targetRaw: string;
  targetKind: TargetKind;
  targetOperator: '=' | '≥' | '≤' | '>' | '<' | null;
  /** The number exactly as written; the JS number is rebuilt as Number(targetValueText). */
  targetValueText: string | null;
  targetUnit: string | null;
  /** JSON Deadline, or null. */
  targetDeadline: JsonText | null;
  targetWords: string | null;
  /** JSON Deadline of a period's start (0007), or null. */
  targetStart: JsonText | null;
  targetStandard: string | null;
  basis: string | null;
  line: number;
  ref: string | null;
  /** JSON of Indicator.sources: the location of each cell. */
  sources: JsonText;
  /** JSON ExtraCell[] (0007). */
  extras: ColumnType<JsonText, JsonText | undefined, JsonText>;
}

/** 部门整体支出绩效目标表 (0007): at most one per document; duties, indicators, goals and fields as JSON. */
export interface DepartmentTargetTable {
  documentId: number;
  title: string;
  departmentCode: string | null;
  departmentName: string | null;
  budgetCode: string | null;
  year: number | null;
  amountUnit: string;
  budgetTotal: NullableFenColumn;
  budgetProject: NullableFenColumn;
  budgetBasic: NullableFenColumn;
  goals: JsonText;
  duties: JsonText;
  indicators: JsonText;
  fields: JsonText;
  line: number;
  ref: string | null;
  sources: JsonText;
  /** JSON (0035): the Reading of the table (its doubts); null for rows stored before. */
  reading: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null>;
}

export interface DiagnosticTable {
  id: Generated<number>;
  documentId: number;
  /** 0-based order within the document. */
  position: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  line: number;
  ref: string | null;
}

/** One row per change: import, supersede, department create/rename. Never updated. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** The display name at the moment of the change. */
  actor: string;
  /** The account (0009); null for a process without one and for entries written before 0009. */
  actorUserId: number | null;
  /** The account's username, or the process's name ('system', 'demo'); null before 0009. */
  actorUsername: string | null;
  /** e.g. "document.import", "document.supersede", "department.create", "department.rename". */
  action: string;
  /** Table name of the changed entity, e.g. "document". */
  entity: string;
  entityId: number | null;
  /** JSON object with the particulars. */
  detail: JsonText;
}

/** 三员分立 (shared/domain/duties.ts): admin runs the installation, security authorises, auditor reads the logs, the business roles do the business. */
export type UserRole = 'admin' | 'security' | 'auditor' | 'reviewer' | 'supervisor' | 'section' | 'editor' | 'unassigned';

/** An account. `reviewer` is the finance bureau's performance section; `editor` is bound to one department. */
export interface AppUserTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  /** argon2id PHC string. */
  passwordHash: string;
  role: UserRole;
  /** Set for editors (their department) and supervisors (their 主管部门), null for the other roles. */
  departmentId: number | null;
  /** A finance account's region (0025): it sees that region and the regions below; null: the whole installation. A business section's account: its section's region. */
  regionCode: ColumnType<string | null, string | null | undefined, string | null>;
  /** A business section's account (role 'section'): its section (0031); null for the other roles. */
  sectionId: ColumnType<number | null, number | null | undefined, number | null>;
  createdAt: string;
  disabled: ColumnType<Flag, Flag | undefined, Flag>;
  /** 1: the password was set by someone else (an admin); it must be changed at the next sign-in (0010). */
  mustChangePassword: ColumnType<Flag, Flag | undefined, Flag>;
  /** When the password last changed; null before 0010. */
  passwordChangedAt: ColumnType<string | null, string | null | undefined, string | null>;
  /** Failed sign-ins since the last successful one (0036): what the policy's lock counts. */
  failedSignIns: ColumnType<number, number | undefined, number>;
  /** Locked after failed sign-ins until then (0036); null: not locked. */
  lockedUntil: ColumnType<string | null, string | null | undefined, string | null>;
  /** The auditor's account: the security administrator asked to disable it (0044), awaiting the system administrator's consent; its username and when. */
  disableRequestedBy: ColumnType<string | null, string | null | undefined, string | null>;
  disableRequestedAt: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The password and session policies (0036): one row, id 1, its columns the policy's fields (shared/domain/security-policy.ts). */
export interface SecurityPolicyTable extends SecurityPolicy {
  id: number;
}

/** A one-time code given to an account (0036): a new account's, or a reset's. */
export interface OneTimeCodeTable {
  id: Generated<number>;
  userId: number;
  kind: 'create' | 'reset';
  issuedAt: string;
  /** The account that gave it; null for a process (the operator's command line). */
  issuedByUserId: number | null;
  issuedByUsername: string;
  issuedByName: string;
  /** It no longer signs in from then on. */
  expiresAt: string;
  /** Its sign-in (it signs in once); null while it waits. */
  usedAt: ColumnType<string | null, string | null | undefined, string | null>;
  /** The account's entries until then are marked as its first actions after the code (AFTER_CODE_WINDOW_MS). */
  markedUntil: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One attempt to sign in (0024), successful or not; read by the security auditor, never changed. */
export interface SignInTable {
  id: Generated<number>;
  at: string;
  /** The username as given (trimmed), whether or not such an account exists. */
  username: string;
  /** The account the username named; null for an unknown username. */
  userId: number | null;
  success: Flag;
  /** Why it failed: 'credentials' (unknown user, wrong password, disabled), 'demo-password', 'locked', 'code-used', 'code-expired' (0036); null on success. */
  reason: string | null;
  /** The client's address as the server saw it (behind a proxy: as trustProxy resolves it). */
  ip: string;
  /** The one-time code this sign-in used (0036); null for a password. */
  codeId: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A login session; the cookie holds a random token, the table only its sha256. */
export interface SessionTable {
  tokenHash: string;
  userId: number;
  /** The synchronizer token the client echoes in the x-csrf-token header. */
  csrfToken: string;
  createdAt: string;
  /** The idle expiry, moved on with use (never past endsAt). */
  expiresAt: string;
  /** The absolute end (0036), fixed at sign-in from the policy of the moment. */
  endsAt: string;
}

/** Per project and finding category: how many findings; the project list's category filter. */
export interface ProjectFindingCategoryTable {
  projectId: number;
  category: string;
  count: number;
}

export interface WorkflowEventTable {
  id: Generated<number>;
  projectId: number;
  fromStatus: ProjectStatus;
  toStatus: ProjectStatus;
  /** Display name of who did it (kept even if the account is removed). */
  actor: string;
  actorUserId: number | null;
  at: string;
  comment: string | null;
}

/** A reviewer's comment anchored to a field: "budgetTotal", "purpose", "indicator:3.target"… */
export interface ReviewCommentTable {
  id: Generated<number>;
  projectId: number;
  eventId: number | null;
  field: string;
  text: string;
  author: string;
  at: string;
}

/** One monitoring round of one project (绩效运行监控): spent to date and the spending's deviation. */
export interface ExecutionRecordTable {
  id: Generated<number>;
  projectId: number;
  /** The round's as-of date, 'YYYY-MM-DD'; unique per project. */
  asOf: string;
  /** Spent to date, integer fen. */
  spent: FenColumn;
  /** 偏差原因 of the spending (monitoring-config causes), its note and the 纠偏措施. */
  spendingCause: string | null;
  spendingCauseNote: string | null;
  spendingMeasure: string | null;
  note: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** The last save was the finance bureau's (a reviewer or admin), not the department's (0016). */
  updatedOnBehalf: ColumnType<Flag, Flag | undefined, Flag>;
}

/** An indicator's line in a round. Numbers are text exactly as entered (Number(text) to compute). */
export interface ExecutionIndicatorTable {
  recordId: number;
  indicatorId: number;
  valueToDateText: string | null;
  projectedText: string | null;
  /** 确定能 / 有可能 / 完全不可能 */
  likelihood: string | null;
  cause: string | null;
  causeNote: string | null;
  measure: string | null;
}

/** A project's self-evaluation (绩效自评); total and grade as computed on the last save. */
export interface SelfEvaluationTable {
  id: Generated<number>;
  projectId: number;
  /** 全年预算数; null means the project's budget (年初预算数). */
  adjustedBudget: NullableFenColumn;
  /** 全年执行数 */
  spent: FenColumn;
  executionExplanation: string | null;
  /** 总体目标实际完成情况 */
  goalAchievement: string | null;
  /** The SelfEvaluationConfig the total was computed with. */
  configId: string;
  totalHundredths: number;
  grade: string;
  /** 1 when nothing is missing: every actual given, every requirement met, no issue. */
  complete: Flag;
  updatedAt: string;
  updatedBy: string;
}

export interface SelfEvaluationIndicatorTable {
  evaluationId: number;
  indicatorId: number;
  /** Points set for this indicator in hundredths; null shares the category's weight. */
  weightHundredths: number | null;
  /** 'value' (actualText holds the number) or 'graded' (grade + percentHundredths); null when not given. */
  actualKind: 'value' | 'graded' | null;
  actualText: string | null;
  grade: string | null;
  percentHundredths: number | null;
  deviationCause: string | null;
  improvement: string | null;
}

/** 下年目标 (0015): a project started from last year's project (carry-over), and who started it when. */
export interface CarryOverTable {
  projectId: number;
  sourceProjectId: number;
  createdAt: string;
  createdBy: string;
}

/** The finance bureau's 结果运用 decision on a project's results (migration 0013). */
export interface ResultsDecisionTable {
  id: Generated<number>;
  projectId: number;
  /** 优先保障 / 保持 / 调整 / 压减 / 取消 */
  consequence: string;
  /** Next year's budget as hundredths of a percent of this year's (80% = 8000). */
  percentHundredths: number;
  /** Next year's amount in fen; null when the project has no budget. */
  amount: NullableFenColumn;
  /** 1 when the suggestion was overridden. */
  overridden: Flag;
  /** The override's reason (required then), or a note on an acceptance. */
  reason: string | null;
  /** What the rules suggested when the decision was taken, and on what result: a later change of the self-evaluation makes the decision stale. */
  suggestedConsequence: string;
  suggestedPercentHundredths: number;
  basisGrade: string;
  basisTotalHundredths: number;
  configId: string;
  decidedAt: string;
  decidedBy: string;
  decidedByUserId: number | null;
}

/** A project's 事前绩效评估 (0017): workflow status, optimistic version, total and conclusion as of the last save. */
export interface ExAnteAssessmentTable {
  id: Generated<number>;
  projectId: number;
  /** 'draft' | 'submitted' | 'returned' | 'approved' (shared/domain/ex-ante.ts) */
  status: string;
  version: number;
  configId: string;
  /** The assessor's conclusion ('support' | 'partial' | 'reject'); null: the rule's. */
  conclusion: string | null;
  conclusionReason: string | null;
  totalTenths: number;
  /** The conclusion that stands. */
  result: string;
  complete: Flag;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface ExAnteScoreTable {
  assessmentId: number;
  criterionId: string;
  scoreTenths: number | null;
  reason: string | null;
  suggestedTenths: number | null;
  suggestedReason: string | null;
}

export interface ExAnteEventTable {
  id: Generated<number>;
  assessmentId: number;
  fromStatus: string;
  toStatus: string;
  actor: string;
  actorUserId: number | null;
  at: string;
  comment: string | null;
}

/** One row (id 1) whose version rises with every change to the tables cached aggregates read (migration 0006). */
export interface DataVersionTable {
  id: number;
  /** bigint: a string on PostgreSQL. */
  version: number | string;
}

/** Monitoring figures kept current (migration 0018; modules/monitoring/figures.service.ts). Derived: not in TABLE_NAMES. */
export interface MonitoringProjectFigureTable {
  projectId: number;
  departmentId: number;
  year: number;
  budget: number | string | null;
  code: string | null;
  name: string;
  departmentName: string;
  evaluationTotal: number | string | null;
  evaluationGrade: string | null;
  evaluationComplete: number | null;
}

export interface MonitoringRoundFigureTable {
  projectId: number;
  asOf: string;
  departmentId: number;
  year: number;
  budget: number | string | null;
  spent: number | string;
  spendingLight: string | null;
  indicatorGreen: number;
  indicatorYellow: number;
  indicatorRed: number;
  indicatorBlue: number;
  indicatorNone: number;
  behind: number;
  keyMonitoring: number;
  complete: number;
  severity: number;
  ratioKey: number | string;
  gapKey: number | string;
  causes: string;
  configId: string;
}

export interface MonitoringDepartmentYearTable {
  departmentId: number;
  year: number;
  projectCount: number;
  budgetTotal: number | string;
  evaluatedCount: number;
  evaluationTotalSum: number | string;
  gradeCounts: string;
}

export interface MonitoringDepartmentRoundTable {
  departmentId: number;
  year: number;
  asOf: string;
  reportedCount: number;
  reportedBudget: number | string;
  spentTotal: number | string;
  totals: string;
}

export interface MonitoringDirtyTable {
  projectId: number;
}

export interface MonitoringFiguresStateTable {
  id: number;
  settings: string;
  /** bigint: a string on PostgreSQL. */
  version: number | string;
  rankingVersion: number | string;
}

/** A rectification item (整改事项, migration 0014); status as in shared/domain/rectification.ts. */
export interface RectificationItemTable {
  id: Generated<number>;
  projectId: number;
  departmentId: number;
  sourceKind: string;
  sourceKey: string;
  sourceText: string;
  requirement: string | null;
  ownerPerson: string | null;
  /** 'YYYY-MM-DD' */
  deadline: string;
  status: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  submittedAt: string | null;
  closedAt: string | null;
}

/** One step of an item's timeline: created, progress, reported done, confirmed, reopened, edited, files. */
export interface RectificationEventTable {
  id: Generated<number>;
  itemId: number;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  actor: string;
  actorUserId: number | null;
  at: string;
}

/** An evidence file; `content` the bytes (BLOB / BYTEA). */
export interface RectificationFileTable {
  id: Generated<number>;
  itemId: number;
  eventId: number | null;
  name: string;
  mediaType: string;
  size: number;
  content: Buffer;
  uploadedAt: string;
  uploadedBy: string;
}

/** A stage of a year with its deadline (0027, shared/domain/stages.ts): applies to its region and the regions below. */
export interface StageTable {
  id: Generated<number>;
  /** The region whose bureau opened it; null: the whole installation (every department). */
  regionCode: string | null;
  year: number;
  /** StageKind: 'declaration' | 'monitoring' | 'self-evaluation' | 'rectification'. */
  kind: string;
  /** A monitoring stage's round: its as-of date 'YYYY-MM-DD'; null for the other kinds. */
  roundAsOf: string | null;
  /** A name of the stage ("6月底"); null: the kind's name. */
  label: string | null;
  /** 'YYYY-MM-DD' */
  opensOn: string;
  /** 'YYYY-MM-DD': due by the end of that day. */
  dueOn: string;
  openedBy: string;
  openedByUserId: number | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** An in-app notification of one account (0027): a reminder (催办) or a deadline passed. */
export interface NotificationTable {
  id: Generated<number>;
  userId: number;
  /** 'reminder' | 'overdue' */
  kind: string;
  title: string;
  body: string;
  /** A path of the web app ('/' the 工作台) or null. */
  link: string | null;
  stageId: number | null;
  departmentId: number | null;
  /** Unique per account when set: a notification sent once (a stage's deadline passing). */
  dedupeKey: string | null;
  createdAt: string;
  readAt: string | null;
}

/** A form template (0037, 表样, issue 54): a region's (null: the installation's), its body JSON (shared/domain/form-template.ts). */
export interface FormTemplateTable {
  id: Generated<number>;
  name: string;
  regionCode: string | null;
  /** The header's texts as one key (its rows joined): templates of the same header are found by it. */
  signature: string;
  body: string;
  /** The table it was made from as the preview showed it (TableGrid JSON); null: imported from a file. */
  example: string | null;
  status: 'active' | 'retired';
  createdAt: string;
  createdByUsername: string;
  createdByName: string;
  updatedAt: string;
}

export interface DatabaseSchema {
  formTemplate: FormTemplateTable;
  department: DepartmentTable;
  region: RegionTable;
  regionReviewLevels: RegionReviewLevelsTable;
  businessSection: BusinessSectionTable;
  stage: StageTable;
  notification: NotificationTable;
  document: DocumentTable;
  departmentGoals: DepartmentGoalsTable;
  goalItem: GoalItemTable;
  project: ProjectTable;
  spendingCheckpoint: SpendingCheckpointTable;
  indicator: IndicatorTable;
  diagnostic: DiagnosticTable;
  auditLog: AuditLogTable;
  appUser: AppUserTable;
  session: SessionTable;
  signIn: SignInTable;
  securityPolicy: SecurityPolicyTable;
  oneTimeCode: OneTimeCodeTable;
  projectFindingCategory: ProjectFindingCategoryTable;
  projectFindings: ProjectFindingsTable;
  documentReview: DocumentReviewTable;
  workflowEvent: WorkflowEventTable;
  reviewComment: ReviewCommentTable;
  executionRecord: ExecutionRecordTable;
  executionIndicator: ExecutionIndicatorTable;
  selfEvaluation: SelfEvaluationTable;
  selfEvaluationIndicator: SelfEvaluationIndicatorTable;
  dataVersion: DataVersionTable;
  departmentTarget: DepartmentTargetTable;
  carryOver: CarryOverTable;
  rectificationItem: RectificationItemTable;
  rectificationEvent: RectificationEventTable;
  rectificationFile: RectificationFileTable;
  resultsDecision: ResultsDecisionTable;
  exAnteAssessment: ExAnteAssessmentTable;
  exAnteScore: ExAnteScoreTable;
  exAnteEvent: ExAnteEventTable;
  monitoringProjectFigure: MonitoringProjectFigureTable;
  monitoringRoundFigure: MonitoringRoundFigureTable;
  monitoringDepartmentYear: MonitoringDepartmentYearTable;
  monitoringDepartmentRound: MonitoringDepartmentRoundTable;
  monitoringDirty: MonitoringDirtyTable;
  monitoringFiguresState: MonitoringFiguresStateTable;
  approvalSetting: ApprovalSettingTable;
  approvalBatch: ApprovalBatchTable;
  targetAdjustment: TargetAdjustmentTable;
  submittedSelfEvaluation: SubmittedSelfEvaluationTable;
  selfEvaluationPublication: SelfEvaluationPublicationTable;
}

/**
 * A self-evaluation as published, kept when an approved 目标调整 would re-score it (0043, issue 71): what the public
 * pages and 结果运用 show until the re-scored one is confirmed by the unit and accepted by the 绩效科.
 */
export interface SelfEvaluationPublicationTable {
  projectId: number;
  /** The SelfEvaluationResult as published, JSON. */
  result: string;
  totalHundredths: number;
  grade: string;
  /** The version of the targets the published result was scored on. */
  targetsVersion: number;
  /** The version the re-scored result is measured against. */
  newVersion: number;
  /** The adjustment whose approval kept it. */
  adjustmentId: number;
  keptAt: string;
  status: 'awaiting_unit' | 'awaiting_review' | 'accepted';
  submittedAt: string | null;
  submittedBy: string | null;
  acceptedAt: string | null;
  acceptedBy: string | null;
}

/** A 项目支出绩效自评表 a unit submitted, as read and checked (0041, issue 59); figures in hundredths of a point. */
export interface SubmittedSelfEvaluationTable {
  id: Generated<number>;
  year: number | null;
  regionCode: string | null;
  projectName: string;
  projectCode: string | null;
  unitName: string | null;
  /** The stored department and project it was matched to; null when none. */
  departmentId: number | null;
  projectId: number | null;
  file: string;
  sha256: string;
  tableNumber: number;
  /** The SubmittedSelfEvaluation as JSON. */
  content: string;
  /** 全年预算数 */
  budgetFull: NullableFenColumn;
  selfHundredths: number | null;
  selfGrade: string | null;
  recomputedHundredths: number;
  recomputedGrade: string;
  gapHundredths: number | null;
  findings: number;
  errors: number;
  doubted: Flag;
  conclusion: 'agreed' | 'adjusted' | 'rectify' | null;
  conclusionScoreHundredths: number | null;
  conclusionComment: string | null;
  concludedBy: string | null;
  concludedAt: string | null;
  importedAt: string;
  importedBy: string;
}

/** A region's 审批与公开 settings for a budget year (0028, shared/domain/approval.ts). */
export interface ApprovalSettingTable {
  regionCode: string;
  year: number;
  exAnteGate: Flag;
  budgetChangePerMille: number;
  publishRequiresIssue: Flag;
  updatedAt: string;
  updatedBy: string;
}

/** A 批复 batch (0028): a department's approved projects issued with one 文号 and date. */
export interface ApprovalBatchTable {
  id: Generated<number>;
  departmentId: number;
  regionCode: string | null;
  year: number;
  /** 文号, unique in the region and year. */
  docNumber: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  createdBy: string;
  createdAt: string;
}

/**
 * A request to adjust a project's targets (目标调整, 0030; shared/domain/target-adjustment.ts): pending,
 * approved (then version 2, 3 … of the targets, in force from effective_on) or returned.
 */
export interface TargetAdjustmentTable {
  id: Generated<number>;
  projectId: number;
  departmentId: number;
  regionCode: string | null;
  status: 'pending' | 'approved' | 'returned';
  /** The version it became on approval; null while pending or when returned. */
  version: number | null;
  /** YYYY-MM-DD */
  effectiveOn: string;
  reason: string;
  /** JSON TargetRow[]: the complete rows as asked. */
  rows: JsonText;
  /** 全年预算 after the adjustment; null: unchanged. */
  budgetFen: NullableFenColumn;
  requestedBy: string;
  requestedByUserId: number | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The reviewer's comment (required when returned). */
  comment: string | null;
}

/** Every table of the schema, in an order that respects foreign keys (parents first). */
export const TABLE_NAMES = [
  'department',
  'document',
  'departmentGoals',
  'goalItem',
  'project',
  'spendingCheckpoint',
  'indicator',
  'diagnostic',
  'auditLog',
  'appUser',
  'session',
  'signIn',
  'securityPolicy',
  'oneTimeCode',
  'projectFindingCategory',
  'workflowEvent',
  'reviewComment',
  'executionRecord',
  'executionIndicator',
  'selfEvaluation',
  'selfEvaluationIndicator',
  'carryOver',
  'rectificationItem',
  'rectificationEvent',
  'rectificationFile',
  'resultsDecision',
  'stage',
  'notification',
  'approvalSetting',
  'approvalBatch',
  'targetAdjustment',
] as const satisfies readonly (keyof DatabaseSchema)[];
