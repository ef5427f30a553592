/**
 * Request and response schemas of 事前绩效评估 (ex-ante assessment): validation, OpenAPI and the
 * browser's types. Points are numbers with at most one decimal (22.5), exact: the server keeps them
 * as integer tenths. Money is integer fen (names end in Fen).
 */
import { z } from 'zod';
import { EX_ANTE_ACTIONS, EX_ANTE_CONCLUSIONS, EX_ANTE_STATUSES } from '../domain/ex-ante';
import { projectListItemSchema } from './projects';

const text = z.string().max(2000, '最多 2000 个字符');
const points = z.number().min(0, '得分不能为负数').max(100, '得分不能超过 100');

export const exAnteConclusionSchema = z.enum(EX_ANTE_CONCLUSIONS);
export const exAnteStatusSchema = z.enum(EX_ANTE_STATUSES);

// ---------------------------------------------------------------------------------------------
// Input

/** PUT /api/projects/:id/ex-ante */
export const exAnteSaveBodySchema = z.object({
  /** The assessment's version the client saw (409 when it changed since). */
  version: z.number().int().positive(),
  scores: z
    .array(
      z.object({
        criterionId: z.string().max(100),
        /** null: not yet scored. */
        points: points.nullable().optional(),
        reason: text.nullable().optional(),
      }),
    )
    .max(200),
  /** The assessor's conclusion; null: the scoring rule's. May be stricter than the rule, never more favourable. */
  conclusion: exAnteConclusionSchema.nullable().optional(),
  conclusionReason: text.nullable().optional(),
});
export type ExAnteSaveBody = z.infer<typeof exAnteSaveBodySchema>;

/** POST /api/projects/:id/ex-ante/actions */
export const exAnteActionBodySchema = z.object({
  action: z.enum(EX_ANTE_ACTIONS),
  version: z.number().int().positive(),
  /** Required for 退回: the reason. */
  comment: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), text.nullable().optional()),
});
export type ExAnteActionBody = z.infer<typeof exAnteActionBodySchema>;

const queryInt = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional());

/** GET /api/ex-ante */
export const exAnteListQuerySchema = z.object({
  year: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(2000, '年度应在 2000–2100 之间').max(2100, '年度应在 2000–2100 之间').optional()),
  status: z.preprocess((v) => (v === '' ? undefined : v), exAnteStatusSchema.optional()),
  departmentId: queryInt,
});

/** GET /api/ex-ante/projects?ids=1,2,3: the projects of a list page (at most 100). */
export const exAnteOfProjectsQuerySchema = z.object({
  ids: z
    .string()
    .regex(/^\d{1,12}(,\d{1,12}){0,99}$/, 'ids 应为逗号分隔的项目编号（最多 100 个）')
    .transform((v) => v.split(',').map(Number)),
});

// ---------------------------------------------------------------------------------------------
// Output

export const exAnteNeedSchema = z.object({
  needed: z.boolean(),
  reason: z.enum(['new', 'budget-change']).nullable(),
  previousBudgetFen: z.number().int().nullable(),
  /** Change against last year in percent, two decimals (25.5 = 25.50%). */
  changePercent: z.number().nullable(),
  label: z.string().nullable(),
});

/** The project, as the project list names it (its budget, and whether its document is current). */
export const exAnteProjectSchema = projectListItemSchema
  .pick({ id: true, code: true, name: true, departmentId: true, departmentName: true, year: true, status: true })
  .extend({ budgetFen: z.number().int().nullable(), isCurrent: z.boolean() });

const criterionSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  maxPoints: z.number(),
  veto: z.boolean(),
  points: z.number().nullable(),
  reason: z.string().nullable(),
  /** What the pre-fill from the review's findings suggested (绩效目标合理性 only). */
  suggestedPoints: z.number().nullable(),
  suggestedReason: z.string().nullable(),
});

export const exAnteDimensionSchema = z.object({
  id: z.string(),
  name: z.string(),
  maxPoints: z.number(),
  points: z.number(),
  criteria: z.array(criterionSchema),
});

export const exAnteEventSchema = z.object({
  fromStatus: z.string(),
  toStatus: z.string(),
  actor: z.string(),
  at: z.string(),
  comment: z.string().nullable(),
});

export const exAnteAssessmentSchema = z.object({
  id: z.number().int(),
  status: exAnteStatusSchema,
  version: z.number().int(),
  configId: z.string(),
  dimensions: z.array(exAnteDimensionSchema),
  totalPoints: z.number(),
  /** What the scoring rule concludes (thresholds, 否决项, a dimension at 0). */
  ruleConclusion: exAnteConclusionSchema,
  /** The assessor's choice; null: the rule's. */
  chosenConclusion: exAnteConclusionSchema.nullable(),
  /** The conclusion that stands. */
  conclusion: exAnteConclusionSchema,
  conclusionReason: z.string().nullable(),
  rejectedBy: z.array(z.string()),
  /** What keeps it from being submitted. */
  issues: z.array(z.object({ code: z.string(), criterionId: z.string().nullable(), message: z.string() })),
  complete: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  events: z.array(exAnteEventSchema),
});

export const exAnteViewSchema = z.object({
  project: exAnteProjectSchema,
  need: exAnteNeedSchema,
  /** null: none written yet. */
  assessment: exAnteAssessmentSchema.nullable(),
  /** When none is written: the assessment of an earlier version of the project (a replaced document), which creating one starts from. */
  earlierVersion: z
    .object({ projectId: z.number().int(), status: exAnteStatusSchema, totalPoints: z.number(), conclusion: exAnteConclusionSchema })
    .nullable(),
  /** The criteria set that applies (for an empty form). */
  configId: z.string(),
  thresholds: z.object({ supportFromPoints: z.number(), partialFromPoints: z.number() }),
  /** What the signed-in user may do now. */
  canCreate: z.boolean(),
  canEdit: z.boolean(),
  actions: z.array(z.string()),
});

export const exAnteListItemSchema = z.object({
  projectId: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  departmentId: z.number().int(),
  departmentCode: z.string().nullable(),
  departmentName: z.string(),
  budgetFen: z.number().int().nullable(),
  need: exAnteNeedSchema,
  status: exAnteStatusSchema.nullable(),
  totalPoints: z.number().nullable(),
  conclusion: exAnteConclusionSchema.nullable(),
  complete: z.boolean().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  /** The reviewer's last return reason. */
  returnComment: z.string().nullable(),
});

export const exAnteListSchema = z.object({
  /** The year shown (the latest year with projects when none was asked for); null: no projects. */
  year: z.number().int().nullable(),
  counts: z.object({
    draft: z.number().int(),
    submitted: z.number().int(),
    returned: z.number().int(),
    approved: z.number().int(),
    /** Projects that need an assessment (new, or budget changed by more than the set share). */
    needed: z.number().int(),
    /** …of which none is written yet. */
    neededWithout: z.number().int(),
  }),
  /** The assessments (filtered by status when asked). */
  items: z.array(exAnteListItemSchema),
  /** Projects that need an assessment and have none (not filtered by status). */
  pending: z.array(exAnteListItemSchema),
});

/** Per project of a list page: whether it needs an assessment, and the assessment's state. */
export const exAnteOfProjectsSchema = z.object({
  items: z.array(
    z.object({
      projectId: z.number().int(),
      need: exAnteNeedSchema,
      status: exAnteStatusSchema.nullable(),
      conclusion: exAnteConclusionSchema.nullable(),
    }),
  ),
});

export type ExAnteView = z.infer<typeof exAnteViewSchema>;
export type ExAnteOfProjects = z.infer<typeof exAnteOfProjectsSchema>;
export type ExAnteAssessmentView = z.infer<typeof exAnteAssessmentSchema>;
export type ExAnteList = z.infer<typeof exAnteListSchema>;
export type ExAnteListItem = z.infer<typeof exAnteListItemSchema>;
export type ExAnteNeedView = z.infer<typeof exAnteNeedSchema>;
