/**
 * 自评复核 (issue 59) over HTTP: the 复核 list of a year (the submitted 自评表 ranked by how far their self-score
 * stands from Jixiao's), one table with its findings, the reviewer's conclusion, the upload of tables. Money is
 * integer fen (names end in Fen); scores are points with two decimals.
 */
import { z } from 'zod';
import { severitySchema } from './model';

export const CONCLUSIONS = ['agreed', 'adjusted', 'rectify'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];
export const CONCLUSION_LABELS: Readonly<Record<Conclusion, string>> = { agreed: '复核无误', adjusted: '调整得分', rectify: '退回整改' };

const score = z.number();

export const submittedSelfEvaluationItemSchema = z.object({
  id: z.number().int(),
  project: z.string(),
  projectCode: z.string().nullable(),
  unit: z.string().nullable(),
  year: z.number().int().nullable(),
  /** The stored project it was matched to, and its department; null when none. */
  projectId: z.number().int().nullable(),
  department: z.string().nullable(),
  budgetFullFen: z.number().int().nullable(),
  /** 全年预算数 at or above the region's threshold: every such table is checked. */
  large: z.boolean(),
  selfScore: score.nullable(),
  selfGrade: z.string().nullable(),
  /** Jixiao's total and grade; null when the table is not re-scored (its reading doubted, issue 70). */
  recomputedScore: score.nullable(),
  recomputedGrade: z.string().nullable(),
  /** selfScore − recomputedScore */
  gap: score.nullable(),
  /** Jixiao's own self-evaluation of the matched project, when one was made. */
  ownScore: score.nullable(),
  ownGrade: z.string().nullable(),
  findings: z.number().int(),
  errors: z.number().int(),
  doubted: z.boolean(),
  conclusion: z.enum(CONCLUSIONS).nullable(),
  conclusionScore: score.nullable(),
  conclusionComment: z.string().nullable(),
  concludedBy: z.string().nullable(),
  concludedAt: z.string().nullable(),
  file: z.string(),
  importedAt: z.string(),
});
export type SubmittedSelfEvaluationItem = z.infer<typeof submittedSelfEvaluationItemSchema>;

export const selfEvaluationReviewListSchema = z.object({
  year: z.number().int(),
  items: z.array(submittedSelfEvaluationItemSchema),
  summary: z.object({
    total: z.number().int(),
    checked: z.number().int(),
    /** checked ÷ total × 100, two decimals */
    checkedPercent: z.number(),
    /** the share the region checks (setting) */
    targetPercent: z.number(),
    large: z.number().int(),
    largeChecked: z.number().int(),
    largeThresholdFen: z.number().int(),
  }),
});
export type SelfEvaluationReviewList = z.infer<typeof selfEvaluationReviewListSchema>;

export const selfEvaluationFindingSchema = z.object({
  rule: z.string(),
  title: z.string(),
  severity: severitySchema,
  indicator: z.string().nullable(),
  given: score.nullable(),
  expected: score.nullable(),
  where: z.string().nullable(),
  message: z.string(),
  suggestion: z.string(),
});

export const submittedIndicatorViewSchema = z.object({
  level1: z.string(),
  level2: z.string(),
  name: z.string(),
  target: z.string(),
  actual: z.string().nullable(),
  points: score.nullable(),
  score: score.nullable(),
  recomputed: score.nullable(),
  /** How Jixiao found its figure, in words (按完成比例计算, 由复核人判断 …); null when not checked (the reading doubted). */
  how: z.string().nullable(),
  deviation: z.string().nullable(),
});

export const submittedSelfEvaluationDetailSchema = submittedSelfEvaluationItemSchema.extend({
  amountUnit: z.string(),
  funds: z.object({
    budgetStart: z.string().nullable(),
    budgetFull: z.string().nullable(),
    executed: z.string().nullable(),
    points: score.nullable(),
    rate: score.nullable(),
    score: score.nullable(),
    recomputed: score.nullable(),
  }),
  indicators: z.array(submittedIndicatorViewSchema),
  findingList: z.array(selfEvaluationFindingSchema),
  withheld: z.array(z.string()),
  doubts: z.array(z.string()),
});
export type SubmittedSelfEvaluationDetail = z.infer<typeof submittedSelfEvaluationDetailSchema>;

export const conclusionBodySchema = z
  .object({
    conclusion: z.enum(CONCLUSIONS, { message: '请选择复核结论' }),
    /** The score the bureau sets, for 'adjusted'. */
    score: z.number().min(0, '得分不能为负数').max(100, '得分不能超过100分').multipleOf(0.01, '得分最多两位小数').nullable().optional(),
    comment: z.string().trim().max(2000, '说明最多 2000 个字符').optional(),
  })
  .superRefine((b, ctx) => {
    if (b.conclusion === 'adjusted' && (b.score === null || b.score === undefined)) ctx.addIssue({ code: 'custom', path: ['score'], message: '调整得分须填写复核后的得分' });
    if (b.conclusion !== 'agreed' && !b.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: '调整得分或退回整改须说明理由' });
  });
export type ConclusionBody = z.infer<typeof conclusionBodySchema>;

export const selfEvaluationImportResponseSchema = z.object({
  files: z.array(
    z.object({
      file: z.string(),
      status: z.enum(['imported', 'replaced', 'unchanged', 'refused']),
      tables: z.number().int(),
      message: z.string(),
    }),
  ),
});
export type SelfEvaluationImportResponse = z.infer<typeof selfEvaluationImportResponseSchema>;

export const reviewYearQuerySchema = z.object({ year: z.coerce.number().int().min(2000, '年度应在2000–2100之间').max(2100, '年度应在2000–2100之间') });
