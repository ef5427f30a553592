/**
 * The indicator library (指标库) API: entries with their figures, one entry's projects and target
 * distribution, suggestions for a project, peer findings. Every signed-in user sees the figures;
 * project and department names only of the projects the user may see (reviewers and admins: all;
 * an editor: their department's and published ones).
 */
import { z } from 'zod';
import { findingSchema, pageQueryFields, pagedResponseSchema } from './model';
import { projectStatusSchema } from './projects';

const optionalText = (max: number) => z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(max).optional());

export const libraryQuerySchema = z.object({
  /** Words of the indicator's name (Chinese without spaces is fine: "满意" finds 群众满意度). */
  search: optionalText(100),
  level1: optionalText(50),
  level2: optionalText(50),
  ...pageQueryFields,
});
export type LibraryQuery = z.infer<typeof libraryQuerySchema>;

export const distributionSchema = z.object({
  count: z.number().int(),
  min: z.number(),
  p25: z.number(),
  median: z.number(),
  p75: z.number(),
  max: z.number(),
});

/** A project using an entry, when the user may see it. */
export const libraryExampleSchema = z.object({
  projectId: z.number().int(),
  project: z.string(),
  departmentId: z.number().int().nullable(),
  department: z.string().nullable(),
  year: z.number().int().nullable(),
  status: projectStatusSchema,
  /** Its target as written. */
  target: z.string(),
});
export type LibraryExample = z.infer<typeof libraryExampleSchema>;

export const libraryEntrySchema = z.object({
  /** level1|level2|key: pass it to /api/library/entry. */
  id: z.string(),
  name: z.string(),
  /** Every spelling, most used first. */
  names: z.array(z.string()),
  level1: z.string().nullable(),
  level2: z.string().nullable(),
  projects: z.number().int(),
  departments: z.number().int(),
  years: z.number().int(),
  /** Units of the quantitative targets, most used first ('' a number without a unit); `target` is over the first. */
  units: z.array(z.string()),
  target: distributionSchema.nullable(),
  /** A target as the peers set it: usual operator, median, unit ("≥95%"); null when none is quantitative. */
  typicalTarget: z.string().nullable(),
  bases: z.array(z.string()),
  /** Up to five projects the user may see. */
  examples: z.array(libraryExampleSchema),
});
export type LibraryEntryJson = z.infer<typeof libraryEntrySchema>;

export const libraryResponseSchema = pagedResponseSchema(libraryEntrySchema).extend({
  /** The categories in use (level 1 → its level 2s), for the filters. */
  categories: z.array(z.object({ level1: z.string(), level2: z.array(z.string()) })),
});
export type LibraryResponse = z.infer<typeof libraryResponseSchema>;

export const libraryEntryQuerySchema = z.object({ id: z.string().min(1).max(500) });

export const libraryEntryDetailSchema = z.object({
  entry: libraryEntrySchema,
  /** Per unit: each target number with how many projects set it, ascending (the chart). */
  values: z.array(z.object({ unit: z.string(), values: z.array(z.object({ value: z.number(), count: z.number().int() })), target: distributionSchema })),
  /** The projects using it that the user may see (at most LIBRARY_PROJECTS_SHOWN), and how many there are in all. */
  projects: z.array(libraryExampleSchema),
  hiddenProjects: z.number().int(),
});
export type LibraryEntryDetail = z.infer<typeof libraryEntryDetailSchema>;

export const LIBRARY_PROJECTS_SHOWN = 200;

export const suggestionsQuerySchema = z.object({ projectId: z.coerce.number().int().positive() });

export const suggestionSchema = z.object({
  entryId: z.string(),
  name: z.string(),
  level1: z.string().nullable(),
  level2: z.string().nullable(),
  /** The target to insert: the peers' usual operator, median and unit; null for a qualitative indicator. */
  target: z.string().nullable(),
  median: z.number().nullable(),
  unit: z.string().nullable(),
  /** Projects using it in all / among the similar projects. */
  projects: z.number().int(),
  similarProjects: z.number().int(),
  basis: z.string().nullable(),
  /** An amount scaled to the project's budget: the peers' median share of their budgets applied, in percent (issue 71); null otherwise. */
  share: z.number().nullable(),
  /** The project's 预算数 the amount was scaled to (fen); null when it has none. */
  budgetFen: z.number().int().nullable(),
});
export type SuggestionJson = z.infer<typeof suggestionSchema>;

export const suggestionsResponseSchema = z.object({ items: z.array(suggestionSchema) });
export type SuggestionsResponse = z.infer<typeof suggestionsResponseSchema>;

export const peerFindingsResponseSchema = z.object({ findings: z.array(findingSchema) });
export type PeerFindingsResponse = z.infer<typeof peerFindingsResponseSchema>;
