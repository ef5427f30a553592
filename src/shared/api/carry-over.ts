/**
 * The 下年目标 (carry-over) API: starting next year's target table from this year's project (one,
 * or a department's batch), and what a carried-over project shows beside its indicators (last
 * year's targets and actual values). Shared by the server's routes and the browser.
 */
import { z } from 'zod';
import { fenSchema } from './model';
import { projectStatusSchema } from './projects';

const yearSchema = z.number().int();

export const actualValueSchema = z.object({
  source: z.enum(['self-evaluation', 'monitoring']),
  /** 'graded': a grade of a qualitative or deadline target (达成 …), not a number. */
  kind: z.enum(['value', 'graded']),
  /** As shown: the number with the target's unit, or a grade with its percent. */
  text: z.string(),
  /** 'YYYY-MM-DD': the self-evaluation's date or the monitoring round's as-of date. */
  date: z.string(),
  projected: z.boolean(),
});

export const previousIndicatorSchema = z.object({
  position: z.number().int(),
  level1: z.string().nullable(),
  level2: z.string().nullable(),
  name: z.string(),
  target: z.string(),
  basis: z.string().nullable(),
  actual: actualValueSchema.nullable(),
});

/**
 * A rectification item (整改) of last year's project still open. Filled once the rectification
 * module is merged; until then the list is always empty.
 */
export const openRectificationSchema = z.object({ id: z.number().int(), title: z.string(), status: z.string() });

const projectRefSchema = z.object({ id: z.number().int(), year: yearSchema.nullable(), name: z.string(), status: projectStatusSchema });

/** What a carried-over project shows of last year: the project, its budget, each indicator's target and actual value. */
export const carryOverBasisSchema = z.object({
  source: projectRefSchema.extend({
    code: z.string().nullable(),
    /** Whether the source is still a project of a current document (a re-import may have replaced it). */
    isCurrent: z.boolean(),
    budget: z.object({ total: fenSchema.nullable(), fiscal: fenSchema.nullable(), other: fenSchema.nullable() }),
    amountUnit: z.string(),
    goals: z.array(z.string()),
  }),
  createdAt: z.string(),
  createdBy: z.string(),
  indicators: z.array(previousIndicatorSchema),
  openRectifications: z.array(openRectificationSchema),
});
export type CarryOverBasis = z.infer<typeof carryOverBasisSchema>;

/** GET /api/projects/:id/carry-over. */
export const carryOverInfoSchema = z.object({
  /** Last year's basis when this project was started from last year's; null otherwise. */
  basis: carryOverBasisSchema.nullable(),
  /** Next year's projects of the department with this name, or carried over from this one. */
  next: z.array(projectRefSchema),
  /** Whether this user may start next year's table from this project now. */
  canCarryOver: z.boolean(),
  /** Why not (status, next year's project exists …); null when it can, or the user may not anyway. */
  refusal: z.string().nullable(),
});
export type CarryOverInfo = z.infer<typeof carryOverInfoSchema>;

/** POST /api/projects/:id/carry-over (201), and each project a department's batch created. */
export const carryOverResultSchema = z.object({
  project: projectRefSchema.extend({ departmentId: z.number().int() }),
  source: z.object({ id: z.number().int(), year: yearSchema, name: z.string() }),
  /** How many indicators were carried, and how many of them have this year's actual value beside them. */
  indicators: z.number().int(),
  withActual: z.number().int(),
  /** Year numbers moved on in the goals, title, names and deadlines. */
  yearsMoved: z.number().int(),
  /** Last year's rectification items still open (filled once the rectification module is merged). */
  openRectifications: z.array(openRectificationSchema),
});
export type CarryOverResult = z.infer<typeof carryOverResultSchema>;

export const departmentCarryOverBodySchema = z.object({
  fromYear: z.number({ error: '请给出本年度（fromYear）' }).int('年度应为整数').min(2000, '年度应在 2000–2100 之间').max(2100, '年度应在 2000–2100 之间'),
});
export type DepartmentCarryOverBody = z.infer<typeof departmentCarryOverBodySchema>;

/** POST /api/departments/:id/carry-over: what was created and what was skipped, with the reason. */
export const departmentCarryOverResultSchema = z.object({
  fromYear: yearSchema,
  toYear: yearSchema,
  created: z.array(carryOverResultSchema),
  skipped: z.array(z.object({ id: z.number().int(), name: z.string(), reason: z.string() })),
});
export type DepartmentCarryOverResult = z.infer<typeof departmentCarryOverResultSchema>;
