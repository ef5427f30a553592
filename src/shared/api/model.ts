/**
 * zod schemas of the domain model (src/shared/domain/model.ts) and of the review's findings, as
 * the API sends them: the OpenAPI document describes them and the response serializer checks
 * them. Money is integer fen; field names follow the model exactly.
 */
import { z } from 'zod';
import { DOUBT_CODES, DOUBT_PARTS } from '../domain/reading';
import { DOCUMENT_FORMATS, type ParsedDocument, type Project } from '../domain/model';
import type { FormFieldRole, FormProfile } from '../domain/form-profile';
import { cleanText } from '../domain/clean-text';
import { MAX_FEN, MAX_PERCENT } from '../domain/money';
import { FINDING_CATEGORIES, type FindingCategory } from '../review/types';

/** OCR's confidence and page box of a value read from a scan (model.ts OcrMark). */
export const ocrMarkSchema = z.object({
  confidence: z.number().min(0).max(100),
  page: z.number().int().min(1),
  box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  pageWidth: z.number().positive(),
  pageHeight: z.number().positive(),
  corrections: z.array(z.object({ read: z.string(), as: z.string(), by: z.enum(['sign', 'vocabulary']) })).optional(),
});

export const sourceLocationSchema = z.object({
  line: z.number().int(),
  ref: z.string().optional(),
  ocr: ocrMarkSchema.optional(),
});

/** A name as typed, trimmed and without bidirectional controls and zero-width characters (clean-text.ts). */
export function visibleNameSchema(required: string, max: number) {
  return z
    .string()
    .transform((s) => cleanText(s).text.trim())
    .pipe(z.string().min(1, required).max(max, `最多 ${max} 个字符`));
}

/** A page of a list in a query string (`page`, `pageSize` ≤ 100); '' counts as absent. */
export const pageQueryFields = {
  page: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(1_000_000).default(1)),
  pageSize: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(100).default(20)),
};

/** A page of a list as the API answers it (the web app's Paged<T>). */
export function pagedResponseSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** Integer fen (分). */
export const fenSchema = z.number().int().refine(Number.isSafeInteger, '金额超出范围');

/** An amount as input: integer fen from 0 to MAX_FEN (1000亿元). */
export const amountInputSchema = z
  .number()
  .int('金额须为整数分')
  .min(0, '金额不能为负数')
  .max(MAX_FEN, '金额超过上限（1000亿元）');

/** A percent as input: at most two decimals, from 0 to MAX_PERCENT (a plan may overshoot 100 %; the review reports it). */
export const percentInputSchema = z
  .number()
  .min(0, '百分比不能为负数')
  .max(MAX_PERCENT, `百分比超过上限（${MAX_PERCENT}%）`)
  .refine((p) => Math.round(p * 100) / 100 === p, '百分比最多两位小数');

/**
 * A sum of amounts in fen (a total of a list or summary), computed exactly (BigInt, or the
 * database's numeric sum): exact in JSON up to 2^53 fen (about 90万亿元, 900 projects at the
 * bound); beyond that, the nearest number JSON can carry instead of an error.
 */
export const fenTotalSchema = z.number().refine(Number.isInteger, '合计须为整数分');

export const severitySchema = z.enum(['error', 'warning', 'info']);

export const diagnosticSchema = z.object({
  severity: severitySchema,
  code: z.string(),
  message: z.string(),
  source: sourceLocationSchema,
});

/** How sure a table's reading is (shared/domain/reading.ts): certain, or its doubts with their places. */
export const readingSchema = z.object({
  certain: z.boolean(),
  doubts: z.array(z.object({ code: z.enum(DOUBT_CODES), part: z.enum(DOUBT_PARTS), message: z.string(), where: sourceLocationSchema, likely: z.array(z.string()).optional() })),
});

export const goalItemSchema = z.object({
  title: z.string(),
  numbering: z.string().nullable(),
  text: z.string().nullable(),
  goalText: z.string().nullable(),
  indicatorText: z.string().nullable(),
  source: sourceLocationSchema,
});

export const departmentGoalsSchema = z.object({
  overall: z.string().nullable(),
  overallSource: sourceLocationSchema.nullable(),
  subGoals: z.array(goalItemSchema),
  measures: z.array(goalItemSchema),
});

export const CHECKPOINT_VALUES = ['03', '06', '10', '12'] as const;
export const checkpointSchema = z.enum(CHECKPOINT_VALUES);

export const spendingCheckpointSchema = z.object({
  checkpoint: checkpointSchema,
  percent: z.number().nullable(),
  amount: fenSchema.nullable(),
  given: z.enum(['percent', 'amount']).nullable(),
  source: sourceLocationSchema.nullable(),
});

const deadlineSchema = z.object({
  year: z.number().int().nullable(),
  month: z.number().int().nullable(),
  day: z.number().int().nullable(),
  endOfPeriod: z.boolean(),
});

export const targetValueSchema = z.object({
  raw: z.string(),
  kind: z.enum(['quantitative', 'deadline', 'period', 'qualitative', 'empty']),
  operator: z.enum(['=', '≥', '≤', '>', '<']).nullable(),
  value: z.number().nullable(),
  valueText: z.string().nullable(),
  unit: z.string().nullable(),
  deadline: deadlineSchema.nullable(),
  start: deadlineSchema.nullable(),
  words: z.string().nullable(),
  standard: z.string().nullable(),
});

export const extraCellSchema = z.object({ header: z.string(), text: z.string(), source: sourceLocationSchema, role: z.enum(['priorActual', 'laterTarget']).optional() });
export const formFieldSchema = z.object({ key: z.string().nullable(), label: z.string(), value: z.string(), source: sourceLocationSchema });
export const fundingLineSchema = z.object({ label: z.string(), amount: fenSchema.nullable(), source: sourceLocationSchema });
const budgetSchema = z.object({ total: fenSchema.nullable(), fiscal: fenSchema.nullable(), other: fenSchema.nullable() });

const indicatorFieldSchema = z.enum(['level1', 'level2', 'name', 'description', 'target', 'basis', 'operator', 'value', 'unit', 'nature', 'weight']);
const projectFieldSchema = z.enum(['title', 'department', 'code', 'name', 'total', 'fiscal', 'other', 'purpose', 'spendingPlan', 'goals', 'longTermGoals']);

export const indicatorSchema = z.object({
  level1: z.string().nullable(),
  level2: z.string().nullable(),
  level1Raw: z.string(),
  level2Raw: z.string(),
  level1Inherited: z.boolean(),
  level2Inherited: z.boolean(),
  name: z.string(),
  description: z.string().nullable(),
  target: targetValueSchema,
  basis: z.string().nullable(),
  source: sourceLocationSchema,
  sources: z.partialRecord(indicatorFieldSchema, sourceLocationSchema),
  extras: z.array(extraCellSchema),
});

const formFieldRoleSchema = z.enum(['code', 'name', 'department', 'total', 'fiscal', 'other', 'purpose', 'spendingPlan', 'goals', 'longTermGoals', 'projectTotal']);

/** A table's form (shared/domain/form-profile.ts): its name, its header fields and indicator columns by role with their labels as written. */
export const formProfileSchema = z.object({
  name: z.string(),
  fields: z.partialRecord(formFieldRoleSchema, z.string()),
  columns: z.partialRecord(indicatorFieldSchema, z.string()),
  extraColumns: z.array(z.string()),
}) satisfies z.ZodType<FormProfile>;
formFieldRoleSchema.options satisfies readonly FormFieldRole[];

export const projectSchema = z.object({
  /** Absent or null: made on Jixiao's own table (formOf reads it as the official one). */
  form: formProfileSchema.nullable().optional(),
  part: z.enum(['project', 'public']),
  sequence: z.number().int(),
  title: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  year: z.number().int().nullable(),
  department: z.object({ code: z.string().nullable(), name: z.string() }).nullable(),
  amountUnit: z.string(),
  budget: budgetSchema,
  budgetLines: z.array(fundingLineSchema),
  projectBudget: budgetSchema.extend({ lines: z.array(fundingLineSchema) }).nullable(),
  fields: z.array(formFieldSchema),
  purpose: z.string().nullable(),
  spendingPlan: z.array(spendingCheckpointSchema),
  goals: z.array(z.string()),
  longTermGoals: z.array(z.string()),
  indicators: z.array(indicatorSchema),
  longTermIndicators: z.array(indicatorSchema),
  narrative: z.array(z.object({ title: z.string(), text: z.string(), source: sourceLocationSchema })),
  source: sourceLocationSchema,
  sources: z.partialRecord(projectFieldSchema, sourceLocationSchema),
  /** How sure the reading of its table was; absent for a project made on Jixiao's own table. */
  reading: readingSchema.optional(),
}) satisfies z.ZodType<Project>;

export const documentFormatSchema = z.enum(DOCUMENT_FORMATS);

export const departmentTargetsSchema = z.object({
  title: z.string(),
  department: z.object({ code: z.string().nullable(), name: z.string() }).nullable(),
  budgetCode: z.string().nullable(),
  year: z.number().int().nullable(),
  amountUnit: z.string(),
  budget: z.object({ total: fenSchema.nullable(), project: fenSchema.nullable(), basic: fenSchema.nullable() }),
  goals: z.array(z.string()),
  duties: z.array(
    z.object({ function: z.string().nullable(), task: z.string().nullable(), projects: z.string().nullable(), amount: fenSchema.nullable(), source: sourceLocationSchema }),
  ),
  indicators: z.array(indicatorSchema),
  fields: z.array(formFieldSchema),
  source: sourceLocationSchema,
  sources: z.partialRecord(z.enum(['title', 'department', 'budgetCode', 'total', 'project', 'basic', 'goals']), sourceLocationSchema),
  reading: readingSchema.optional(),
});

export const parsedDocumentSchema = z.object({
  file: z.string(),
  format: documentFormatSchema,
  encoding: z.string(),
  sha256: z.string(),
  year: z.number().int().nullable(),
  department: z.object({ code: z.string().nullable(), name: z.string(), source: sourceLocationSchema }).nullable(),
  departmentGoals: departmentGoalsSchema,
  departmentTargets: departmentTargetsSchema.nullable(),
  projects: z.array(projectSchema),
  diagnostics: z.array(diagnosticSchema),
  frameworkVersion: z.string(),
  yearInferred: z.literal(true).optional(),
  textReading: readingSchema.optional(),
}) satisfies z.ZodType<ParsedDocument>;

export const findingCategorySchema = z.enum(['missing', 'budget', 'schedule', 'taxonomy', 'unit', 'vague', 'duplicate', 'mismatch']);
// Both ways equal to the review's own list: a category added there fails to compile here.
FINDING_CATEGORIES satisfies readonly z.infer<typeof findingCategorySchema>[];
findingCategorySchema.options satisfies readonly FindingCategory[];

export const findingSchema = z.object({
  rule: z.string(),
  category: findingCategorySchema,
  severity: severitySchema,
  criterion: z.enum(['完整性', '相关性', '适当性', '可行性']),
  projectIndex: z.number().int().nullable(),
  project: z.string().nullable(),
  indicatorIndex: z.number().int().nullable(),
  indicator: z.string().nullable(),
  /** Which cell the finding concerns (FindingField of src/shared/review/types.ts). */
  field: z.string().nullable(),
  source: sourceLocationSchema.nullable(),
  message: z.string(),
  suggestion: z.string(),
  /** The projects (indexes in their document) a document-level finding names together: a goal copied across them. */
  projects: z.array(z.number().int()).optional(),
});

export const reviewGradeSchema = z.enum(['优', '良', '中', '差']);

/** A quality score 0–100 (two decimals) and the outcome it suggests. */
export const scoreSchema = z.object({ score: z.number(), grade: reviewGradeSchema });

/** Per finding category, how many. */
export const findingCountsSchema = z.record(findingCategorySchema, z.number().int());
