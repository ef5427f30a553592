/**
 * Request and response schemas of in-year monitoring (执行记录, 监控表, 汇总) and self-evaluation
 * (绩效自评), for the routes to come: validation, OpenAPI, and the browser's types. The services in
 * src/server/modules/monitoring return exactly these shapes and re-check every value themselves
 * (the .xlsx import reaches them without zod), so a value zod lets through may still be refused
 * there with a field path.
 *
 * Money is integer fen (names end in Fen). Indicator values are decimal text as entered ("12.50"),
 * or a JSON number, which is taken as its shortest decimal. Percentages and ratios are numbers
 * rounded half up to two decimals (71.05 means 71.05%).
 */
import { z } from 'zod';
import { amountInputSchema, fenTotalSchema, spendingCheckpointSchema } from './model';

/** Integer fen (分). */
const fen = z.number().int('金额须为整数分').refine(Number.isSafeInteger, '金额超出范围');

const text = z.string().max(4000, '最多 4000 个字符');
const optionalText = text.nullable().optional();

export const LIGHTS = ['green', 'yellow', 'red', 'blue'] as const;
export const lightSchema = z.enum(LIGHTS);
export const LIGHT_LABELS: Record<(typeof LIGHTS)[number], string> = { green: '绿灯', yellow: '黄灯', red: '红灯', blue: '蓝灯' };

export const LIKELIHOODS = ['确定能', '有可能', '完全不可能'] as const;
export const likelihoodSchema = z.enum(LIKELIHOODS);

export const DEVIATION_CAUSES = ['经费保障', '制度保障', '人员保障', '硬件保障', '其他'] as const;
export const deviationCauseSchema = z.enum(DEVIATION_CAUSES);

/** 'YYYY-MM-DD'; whether the day exists and lies in the project's year is checked by the service. */
export const asOfSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** A decimal as text ("12.50", "85%") or a JSON number. */
const indicatorValue = z.union([z.string().max(100), z.number()]).nullable().optional();

// ---------------------------------------------------------------------------------------------
// Execution records (input)

export const executionIndicatorInputSchema = z.object({
  /** The indicator's database id; it must be one of the project's. */
  indicatorId: z.number().int(),
  /** 截至目前完成值 */
  valueToDate: indicatorValue,
  /** 全年预计完成值 */
  projected: indicatorValue,
  /** 完成可能性 */
  likelihood: likelihoodSchema.nullable().optional(),
  /** 偏差原因 */
  cause: deviationCauseSchema.nullable().optional(),
  /** 原因说明 (required for 其他) */
  causeNote: optionalText,
  /** 纠偏措施 */
  measure: optionalText,
});

/** PUT /api/projects/:id/execution/:asOf (or POST with asOf): one round of one project. */
export const executionRecordInputSchema = z.object({
  asOf: asOfSchema,
  /** 累计支出 to the as-of date. */
  spentFen: amountInputSchema,
  spendingCause: deviationCauseSchema.nullable().optional(),
  spendingCauseNote: optionalText,
  spendingMeasure: optionalText,
  note: optionalText,
  indicators: z.array(executionIndicatorInputSchema).max(1000),
});
export type ExecutionRecordInput = z.infer<typeof executionRecordInputSchema>;
export type ExecutionIndicatorInput = z.infer<typeof executionIndicatorInputSchema>;

// ---------------------------------------------------------------------------------------------
// Monitoring table (one project, one round)

/** What an entry still lacks (a cause, a note, a measure), as data. */
export const monitoringIssueSchema = z.object({ code: z.string(), message: z.string() });

export const monitoringProjectRefSchema = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  year: z.number().int().nullable(),
  status: z.string(),
  budgetTotalFen: fen.nullable(),
});

export const spendingProgressSchema = z.object({
  budgetFen: fen.nullable(),
  spentFen: fen,
  /** 预算执行率: spent ÷ budget. */
  actualPercent: z.number().nullable(),
  /** 序时/计划进度: the interpolated plan to date. */
  planPercent: z.number().nullable(),
  /** actual% ÷ plan% × 100; null before anything was planned. */
  ratio: z.number().nullable(),
  /** null when the budget is missing (no light can be given). */
  light: lightSchema.nullable(),
  /** The plan to date in fen (budget × plan%), and how far spending is behind it (positive = behind). */
  planAmountFen: fen.nullable(),
  gapFen: fen.nullable(),
  cause: z.string().nullable(),
  causeNote: z.string().nullable(),
  measure: z.string().nullable(),
  issues: z.array(monitoringIssueSchema),
});

/** How an indicator's light was found. */
export const progressMethodSchema = z.enum(['cumulative', 'projection', 'likelihood', 'none']);
/** cumulative: counts/amounts that add up over the year; level: rates and levels judged by the projection; ceiling: ≤ targets; qualitative. */
export const indicatorProgressKindSchema = z.enum(['cumulative', 'level', 'ceiling', 'qualitative']);

export const indicatorProgressSchema = z.object({
  indicatorId: z.number().int(),
  position: z.number().int(),
  level1: z.string().nullable(),
  level2: z.string().nullable(),
  name: z.string(),
  /** 年度指标值 as written. */
  target: z.string(),
  kind: indicatorProgressKindSchema,
  valueToDate: z.string().nullable(),
  projected: z.string().nullable(),
  likelihood: likelihoodSchema.nullable(),
  /** Cumulative: what should be reached by now, the ratio to it, and the value as % of the annual target. */
  expected: z.number().nullable(),
  ratio: z.number().nullable(),
  percentOfTarget: z.number().nullable(),
  /** The projection as % of the target (target ÷ projection for ceilings). */
  projectedPercent: z.number().nullable(),
  method: progressMethodSchema,
  /** null: nothing entered to judge by. */
  light: lightSchema.nullable(),
  cause: z.string().nullable(),
  causeNote: z.string().nullable(),
  measure: z.string().nullable(),
  issues: z.array(monitoringIssueSchema),
});

export const lightCountsSchema = z.object({
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  blue: z.number().int(),
  /** Entries without a light (nothing entered, or no budget). */
  none: z.number().int(),
});

export const monitoringTableSchema = z.object({
  project: monitoringProjectRefSchema,
  asOf: z.string(),
  /** Every as-of date recorded for the project. */
  rounds: z.array(z.string()),
  configId: z.string(),
  spending: spendingProgressSchema,
  /** 重点监控: large budget, little spent at the end of August. */
  keyMonitoring: z.boolean(),
  indicators: z.array(indicatorProgressSchema),
  indicatorLights: lightCountsSchema,
  /** The worst light of the spending and the indicators (red > yellow > blue > green). */
  worstLight: lightSchema.nullable(),
  /** Spending or an indicator is yellow or red. */
  behind: z.boolean(),
  /** Every yellow and red entry is explained. */
  complete: z.boolean(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** The last save was the finance bureau's on the department's behalf (a reviewer or admin). */
  updatedOnBehalf: z.boolean(),
});
export type MonitoringTable = z.infer<typeof monitoringTableSchema>;
export type IndicatorProgress = z.infer<typeof indicatorProgressSchema>;
export type SpendingProgress = z.infer<typeof spendingProgressSchema>;
export type LightCounts = z.infer<typeof lightCountsSchema>;

// ---------------------------------------------------------------------------------------------
// Summaries

/** A project that is behind: by how much and why. */
export const behindProjectSchema = z.object({
  projectId: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  budgetFen: fen.nullable(),
  spentFen: fen,
  actualPercent: z.number().nullable(),
  planPercent: z.number().nullable(),
  ratio: z.number().nullable(),
  spendingLight: lightSchema.nullable(),
  gapFen: fen.nullable(),
  worstLight: lightSchema.nullable(),
  keyMonitoring: z.boolean(),
  cause: z.string().nullable(),
  causeNote: z.string().nullable(),
  measure: z.string().nullable(),
  /** The yellow and red indicators with their causes. */
  indicators: z.array(
    z.object({
      indicatorId: z.number().int(),
      name: z.string(),
      target: z.string(),
      light: lightSchema,
      ratio: z.number().nullable(),
      likelihood: likelihoodSchema.nullable(),
      cause: z.string().nullable(),
      causeNote: z.string().nullable(),
      measure: z.string().nullable(),
    }),
  ),
  complete: z.boolean(),
});
export type BehindProject = z.infer<typeof behindProjectSchema>;

export const monitoringProjectRowSchema = z.object({
  projectId: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  budgetFen: fen.nullable(),
  reported: z.boolean(),
  spentFen: fen.nullable(),
  actualPercent: z.number().nullable(),
  planPercent: z.number().nullable(),
  ratio: z.number().nullable(),
  spendingLight: lightSchema.nullable(),
  indicatorLights: lightCountsSchema,
  worstLight: lightSchema.nullable(),
  keyMonitoring: z.boolean(),
  behind: z.boolean(),
  complete: z.boolean(),
  /** The project's cumulative spending plan, for a department's budget-weighted plan curve. */
  spendingPlan: z.array(spendingCheckpointSchema),
});
export type MonitoringProjectRow = z.infer<typeof monitoringProjectRowSchema>;

/** Totals of a set of projects in one round. */
export const monitoringTotalsSchema = z.object({
  projectCount: z.number().int(),
  reportedCount: z.number().int(),
  /** Budgets of all projects, and of the reported ones with what they spent. */
  budgetTotalFen: fenTotalSchema,
  reportedBudgetFen: fenTotalSchema,
  spentTotalFen: fenTotalSchema,
  /** spent ÷ budget of the reported projects. */
  executionRatePercent: z.number().nullable(),
  spendingLights: lightCountsSchema,
  indicatorLights: lightCountsSchema,
  behindCount: z.number().int(),
  keyMonitoringCount: z.number().int(),
  incompleteCount: z.number().int(),
  /** Yellow and red entries (spending and indicators) by cause; '未说明' when none is given. */
  causeCounts: z.array(z.object({ cause: z.string(), count: z.number().int() })),
});

export const departmentRefSchema = z.object({ id: z.number().int(), code: z.string().nullable(), name: z.string() });

export const departmentMonitoringSummarySchema = z.object({
  department: departmentRefSchema,
  year: z.number().int(),
  asOf: z.string(),
  totals: monitoringTotalsSchema,
  projects: z.array(monitoringProjectRowSchema),
  /** Behind projects, worst first (red before yellow, lower ratio first). */
  behind: z.array(behindProjectSchema),
  keyMonitoring: z.array(behindProjectSchema),
  /** Projects without a record for the round. */
  missing: z.array(z.object({ projectId: z.number().int(), code: z.string().nullable(), name: z.string() })),
});
export type DepartmentMonitoringSummary = z.infer<typeof departmentMonitoringSummarySchema>;

/** The region summary lists at most this many projects behind plan (worst first) and under key monitoring; totals count them all. */
export const REGION_LIST_LIMIT = 200;

export const regionMonitoringSummarySchema = z.object({
  year: z.number().int(),
  asOf: z.string(),
  totals: monitoringTotalsSchema,
  departments: z.array(z.object({ department: departmentRefSchema, totals: monitoringTotalsSchema })),
  /** The worst REGION_LIST_LIMIT projects behind plan (totals.behindCount counts all). */
  behind: z.array(behindProjectSchema),
  /** The first REGION_LIST_LIMIT projects under key monitoring, worst first (totals.keyMonitoringCount counts all). */
  keyMonitoring: z.array(behindProjectSchema),
});
export type RegionMonitoringSummary = z.infer<typeof regionMonitoringSummarySchema>;

export const executionRoundsSchema = z.object({
  year: z.number().int(),
  /** Each as-of date with how many projects and how many departments reported it. */
  rounds: z.array(z.object({ asOf: z.string(), projectCount: z.number().int(), departmentCount: z.number().int() })),
});

// ---------------------------------------------------------------------------------------------
// Self-evaluation

export const ACHIEVEMENT_GRADES = ['达成', '部分达成', '未达成'] as const;
export const achievementGradeSchema = z.enum(ACHIEVEMENT_GRADES);
export const evaluationGradeSchema = z.enum(['优', '良', '中', '差']);

export const indicatorActualInputSchema = z.discriminatedUnion('kind', [
  /** A quantitative target's actual value. */
  z.object({ kind: z.literal('value'), value: z.union([z.string().max(100), z.number()]) }),
  /** A qualitative or deadline target: the evaluator's grade and the percentage inside its band. */
  z.object({ kind: z.literal('graded'), grade: achievementGradeSchema, percent: z.number() }),
]);

export const selfEvaluationIndicatorInputSchema = z.object({
  indicatorId: z.number().int(),
  /** Points for this indicator; null shares the category's weight equally. At most two decimals. */
  weight: z.number().min(0).nullable().optional(),
  actual: indicatorActualInputSchema.nullable().optional(),
  /** 偏差原因分析 (also why a value is far above target). */
  deviationCause: optionalText,
  /** 改进措施 */
  improvement: optionalText,
});

/** PUT /api/projects/:id/self-evaluation */
export const selfEvaluationInputSchema = z.object({
  /** 全年预算数; null or absent: the project's budget (年初预算数). */
  adjustedBudgetFen: amountInputSchema.nullable().optional(),
  /** 全年执行数 */
  spentFen: amountInputSchema,
  executionExplanation: optionalText,
  /** 总体目标实际完成情况 */
  goalAchievement: optionalText,
  indicators: z.array(selfEvaluationIndicatorInputSchema).max(1000),
});
export type SelfEvaluationInput = z.infer<typeof selfEvaluationInputSchema>;
export type SelfEvaluationIndicatorInput = z.infer<typeof selfEvaluationIndicatorInputSchema>;

const evaluationIssueSchema = z.object({ code: z.string(), message: z.string(), indicatorId: z.number().int().nullable() });

/**
 * A published self-evaluation kept when an approved 目标调整 would re-score it (issue 71): the published result (in
 * force, on the public pages) and where its re-score — the evaluation itself, against the targets in force — stands.
 */
export const selfEvaluationPublicationSchema = z.object({
  /** awaiting_unit: the unit is to confirm the re-score (save it complete); awaiting_review: the 绩效科 to accept it; accepted: it replaced the published one. */
  status: z.enum(['awaiting_unit', 'awaiting_review', 'accepted']),
  published: z.object({ total: z.number(), grade: evaluationGradeSchema, targetsVersion: z.number().int(), keptAt: z.string() }),
  /** The version of the targets the re-score is measured against. */
  newVersion: z.number().int(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  acceptedBy: z.string().nullable(),
  /** Whether the user may accept the re-score now (a finance reviewer, the unit having confirmed it). */
  canAccept: z.boolean(),
});
export type SelfEvaluationPublication = z.infer<typeof selfEvaluationPublicationSchema>;

export const selfEvaluationResultSchema = z.object({
  project: monitoringProjectRefSchema,
  configId: z.string(),
  funds: z.object({
    /** 年初预算数 */
    initialBudgetFen: fen.nullable(),
    /** 全年预算数 as used (given, else the initial budget). */
    adjustedBudgetFen: fen.nullable(),
    /** Whether 全年预算数 was given rather than taken from the initial budget. */
    adjustedBudgetGiven: z.boolean(),
    spentFen: fen,
    /** 执行率 */
    ratePercent: z.number().nullable(),
    weight: z.number(),
    score: z.number(),
  }),
  executionExplanation: z.string().nullable(),
  /** 总体目标: the expected goals and what was achieved. */
  goals: z.array(z.string()),
  goalAchievement: z.string().nullable(),
  indicators: z.array(
    z.object({
      indicatorId: z.number().int(),
      position: z.number().int(),
      level1: z.string().nullable(),
      level2: z.string().nullable(),
      name: z.string(),
      target: z.string(),
      /** Whether the target needs a grade (qualitative or deadline) rather than a value. */
      graded: z.boolean(),
      weight: z.number(),
      weightGiven: z.boolean(),
      actual: indicatorActualInputSchema.nullable(),
      /** The actual as the table prints it: "80", "部分达成（70%）". */
      actualText: z.string().nullable(),
      score: z.number(),
      method: z.enum(['positive', 'negative', 'equality', 'graded', 'none']),
      achievedPercent: z.number().nullable(),
      deviationCause: z.string().nullable(),
      improvement: z.string().nullable(),
    }),
  ),
  categories: z.array(z.object({ level1: z.string(), weight: z.number(), score: z.number() })),
  total: z.number(),
  grade: evaluationGradeSchema,
  /** What must still be explained (met: already given), including the 130% prompt. */
  requirements: z.array(
    z.object({
      code: z.enum(['indicator.deviation', 'indicator.far-above', 'execution.explain']),
      message: z.string(),
      indicatorId: z.number().int().nullable(),
      met: z.boolean(),
    }),
  ),
  /** What is wrong or missing in the input (a missing actual, a category without indicators …). */
  issues: z.array(evaluationIssueSchema),
  complete: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  /** The published result kept while this one, re-scored after a 目标调整, waits (GET only; issue 71). */
  publication: selfEvaluationPublicationSchema.nullable().optional(),
});
export type SelfEvaluationResult = z.infer<typeof selfEvaluationResultSchema>;

const gradeCountsSchema = z.object({ 优: z.number().int(), 良: z.number().int(), 中: z.number().int(), 差: z.number().int() });

export const departmentSelfEvaluationSummarySchema = z.object({
  department: departmentRefSchema,
  year: z.number().int(),
  projectCount: z.number().int(),
  evaluatedCount: z.number().int(),
  completeCount: z.number().int(),
  /** Mean total of the evaluated projects, two decimals; null when none is. */
  averageTotal: z.number().nullable(),
  gradeCounts: gradeCountsSchema,
  projects: z.array(
    z.object({
      projectId: z.number().int(),
      code: z.string().nullable(),
      name: z.string(),
      budgetFen: fen.nullable(),
      evaluated: z.boolean(),
      total: z.number().nullable(),
      grade: evaluationGradeSchema.nullable(),
      complete: z.boolean(),
      executionRatePercent: z.number().nullable(),
    }),
  ),
});
export type DepartmentSelfEvaluationSummary = z.infer<typeof departmentSelfEvaluationSummarySchema>;

export const regionSelfEvaluationRankingSchema = z.object({
  year: z.number().int(),
  /** Departments by average total, best first; ties share a rank (1, 2, 2, 4); unevaluated last without rank. */
  departments: z.array(
    z.object({
      rank: z.number().int().nullable(),
      department: departmentRefSchema,
      projectCount: z.number().int(),
      evaluatedCount: z.number().int(),
      averageTotal: z.number().nullable(),
      gradeCounts: gradeCountsSchema,
    }),
  ),
  /** Evaluated projects by total, best first. */
  projects: z.array(
    z.object({
      rank: z.number().int(),
      projectId: z.number().int(),
      code: z.string().nullable(),
      name: z.string(),
      departmentId: z.number().int().nullable(),
      departmentName: z.string().nullable(),
      total: z.number(),
      grade: evaluationGradeSchema,
    }),
  ),
});
export type RegionSelfEvaluationRanking = z.infer<typeof regionSelfEvaluationRankingSchema>;

// ---------------------------------------------------------------------------------------------
// The HTTP API (src/server/modules/monitoring/*.routes.ts): parameters, queries and the answers
// that are not one of the shapes above.

/** A budget year in a query string: required, four digits. */
const queryYearRequired = z
  .string({ error: '缺少年度参数 year' })
  .regex(/^\d{4}$/, '年度应为四位数字，例如 2025')
  .transform(Number);

/** A positive integer in a query string; '' counts as absent. */
const queryId = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional());

/** :id and :asOf of /api/projects/:id/execution-records/:asOf. */
export const projectAsOfParamsSchema = z.object({ id: z.coerce.number().int().positive(), asOf: asOfSchema });

/** GET /api/monitoring/rounds?year=&departmentId= */
export const roundsQuerySchema = z.object({ year: queryYearRequired, departmentId: queryId });
/** ?year= (required) */
export const requiredYearQuerySchema = z.object({ year: queryYearRequired });
/** ?year=&asOf= (both required) */
export const yearAsOfQuerySchema = z.object({ year: queryYearRequired, asOf: asOfSchema });
/** ?asOf= (optional: the project's latest round) */
export const optionalAsOfQuerySchema = z.object({ asOf: z.preprocess((v) => (v === '' ? undefined : v), asOfSchema.optional()) });

/**
 * PUT /api/projects/:id/execution-records/:asOf: an ExecutionRecordInput whose date is the path's.
 * `asOf` may be left out of the body; when given it must equal the path's.
 */
export const executionRecordBodySchema = executionRecordInputSchema.extend({ asOf: asOfSchema.optional() });
export type ExecutionRecordBody = z.infer<typeof executionRecordBodySchema>;

export const saveStatusSchema = z.enum(['created', 'replaced', 'unchanged']);
export type SaveStatus = z.infer<typeof saveStatusSchema>;

/** A stored round as entered: the input shape (for editing) with who wrote it when. */
export const executionRecordSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  asOf: z.string(),
  spentFen: fen,
  spendingCause: deviationCauseSchema.nullable(),
  spendingCauseNote: z.string().nullable(),
  spendingMeasure: z.string().nullable(),
  note: z.string().nullable(),
  /** Only the lines that hold something, in the project's indicator order. */
  indicators: z.array(
    z.object({
      indicatorId: z.number().int(),
      valueToDate: z.string().nullable(),
      projected: z.string().nullable(),
      likelihood: likelihoodSchema.nullable(),
      cause: deviationCauseSchema.nullable(),
      causeNote: z.string().nullable(),
      measure: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** The last save was the finance bureau's on the department's behalf. */
  updatedOnBehalf: z.boolean(),
});
export type ExecutionRecord = z.infer<typeof executionRecordSchema>;

/** GET /api/projects/:id/execution-records: the project's rounds, newest first. */
export const executionRecordListSchema = z.object({
  project: monitoringProjectRefSchema,
  /** Whether the project takes execution records and self-evaluations now (approved or published, current document). */
  monitored: z.boolean(),
  /** Why not (Chinese, for people); null when monitored. */
  unmonitoredReason: z.string().nullable(),
  /** Each round with the 全年预算 in force on its date (目标调整, issue 58): what its spending ratio is of. */
  records: z.array(executionRecordSchema.extend({ budgetFen: fen.nullable() })),
});
export type ExecutionRecordList = z.infer<typeof executionRecordListSchema>;

/** PUT /api/projects/:id/execution-records/:asOf: the monitoring table of that date, and what the save did. */
export const executionSaveResponseSchema = monitoringTableSchema.extend({ saveStatus: saveStatusSchema });
export type ExecutionSaveResponse = z.infer<typeof executionSaveResponseSchema>;

/** DELETE /api/projects/:id/execution-records/:asOf: the dates that remain, newest first. */
export const executionDeleteResponseSchema = z.object({
  projectId: z.number().int(),
  asOf: z.string(),
  rounds: z.array(z.string()),
});

/** PUT /api/projects/:id/self-evaluation: the scored table, and what the save did. */
export const selfEvaluationSaveResponseSchema = selfEvaluationResultSchema.extend({ saveStatus: saveStatusSchema });
export type SelfEvaluationSaveResponse = z.infer<typeof selfEvaluationSaveResponseSchema>;

/** POST /api/monitoring/execution-import: what was stored per project row. */
export const executionImportResponseSchema = z.object({
  records: z.array(z.object({ projectId: z.number().int(), name: z.string(), asOf: z.string(), status: saveStatusSchema })),
});
export type ExecutionImportResponse = z.infer<typeof executionImportResponseSchema>;
