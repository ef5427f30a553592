/**
 * A table's grid for the import preview (shared/domain/table-grid.ts): its rows as the reader got them, each with the
 * kind its structure gave it, and its indicator columns by path and role. Within limits: a preview shows a person
 * what went where, not a whole 500-page document.
 */
import type { GridColumn, GridColumnRole, GridRow, TableGrid } from '../../../shared/domain/table-grid';
import type { RowBlock } from '../blocks';
import { place } from '../parse/grid';
import type { Segment } from '../parse/segment';
import type { Column } from './header';
import type { TableStructure } from './table';

/** At most this many rows of one table in a preview. */
export const GRID_ROWS = 300;

function roleOf(c: Column): GridColumnRole {
  if (c.ignored) return 'ignore';
  if (c.keep !== undefined) return c.keep;
  if (c.field === 'target' && c.group === 'longTerm') return 'longTermTarget';
  if (c.field !== null) return c.field;
  return c.rowGroup ? 'rowLabel' : 'other';
}

function gridRow(row: RowBlock, kind: GridRow['kind']): GridRow {
  return {
    kind,
    line: row.source.line,
    ...(row.source.ref ? { ref: row.source.ref } : {}),
    cells: place(row).map((p) => {
      const at = p.cell.sources[0] ?? row.source;
      return { text: p.text, col: p.start, span: p.end - p.start, merged: p.cell.mergedFromAbove === true, line: at.line, ...(at.ref ? { ref: at.ref } : {}) };
    }),
  };
}

/** The grid of a table read: `projects` are the projects read from it (none for the department-wide table). */
export function tableGrid(seg: Segment, structure: TableStructure, kind: TableGrid['kind'], projects: number[]): TableGrid {
  const rows: GridRow[] = [];
  for (let i = 0; i < seg.rows.length && rows.length < GRID_ROWS; i++) {
    if (structure.kinds[i] === 'blank') continue;
    rows.push(gridRow(seg.rows[i]!, structure.kinds[i]!));
  }
  const header = structure.headers[0];
  const columns: GridColumn[] = (header?.columns ?? []).map((c) => ({ start: c.start, end: c.end, path: c.path, role: roleOf(c) }));
  const written = seg.rows.filter((_, i) => structure.kinds[i] !== 'blank').length;
  return {
    title: seg.title,
    kind,
    projects,
    columns,
    rows,
    truncated: written > rows.length,
    heading: seg.heading?.text ?? null,
    template: structure.template?.use ?? null,
    offers: structure.offers,
  };
}
