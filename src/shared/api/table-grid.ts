/** A table as it stands in its file (shared/domain/table-grid.ts), as the import preview and a form template's example give it. */
import { z } from 'zod';
import { GRID_COLUMN_ROLES, ROW_KINDS } from '../domain/table-grid';

const gridPlaceSchema = { line: z.number().int(), ref: z.string().optional() };

export const tableGridSchema = z.object({
  title: z.string(),
  kind: z.enum(['project', 'department', 'list']),
  projects: z.array(z.number().int()),
  columns: z.array(z.object({ start: z.number().int(), end: z.number().int(), path: z.array(z.string()), role: z.enum(GRID_COLUMN_ROLES) })),
  rows: z.array(
    z.object({
      kind: z.enum(ROW_KINDS),
      ...gridPlaceSchema,
      cells: z.array(z.object({ text: z.string(), col: z.number().int(), span: z.number().int(), merged: z.boolean(), ...gridPlaceSchema })),
    }),
  ),
  truncated: z.boolean(),
  heading: z.string().nullable(),
  template: z.object({ id: z.number().int().nullable(), name: z.string() }).nullable(),
  offers: z.array(z.object({ id: z.number().int().nullable(), name: z.string(), likeness: z.number().int() })),
});

