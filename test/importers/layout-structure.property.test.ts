/**
 * The structure stage itself (issue 53, "One stage for a table's structure": "the generator tests that stage
 * directly"): every table of a generated document (test/support/layout-gen), written as .txt, HTML, .docx and
 * .xlsx and read by the format's reader into rows, goes through analyzeTable, and what it finds is compared with
 * what the case generated: each row's kind (header, indicator, form, sign-off, note), the indicator header's rows
 * (its first row, the header row, the row after its last: its depth), and each column's path (指标值 › 上年实际值)
 * and role (the target, last year's actual, the period's target …), in every rendering.
 *
 * A fixed seed; the cases are the mixed ones of layout-generator.property.test.ts (every dimension).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RowBlock, ReadResult } from '../../src/server/importers/blocks';
import { startsProjectFormPart } from '../../src/server/importers/parse/project-table';
import type { Column } from '../../src/server/importers/structure/header';
import { analyzeTable } from '../../src/server/importers/structure/table';
import type { GridColumnRole } from '../../src/shared/domain/table-grid';
import { documentAsText, layoutCaseArb, LAYOUT_FORMATS, YEAR, type GenTable, type LayoutCase, type LayoutFormat } from '../support/layout-gen/generate';
import { renderDocument } from '../support/layout-gen/render';

const SEED = 20261126;
const RUNS = 60;

async function readBlocks(bytes: Uint8Array, format: LayoutFormat): Promise<ReadResult> {
  switch (format) {
    case 'txt':
      return (await import('../../src/server/importers/txt/read-text')).readText(bytes, 'structure.txt');
    case 'html':
      return (await import('../../src/server/importers/html/read-html')).readHtml(bytes, 'structure.html');
    case 'docx':
      return (await import('../../src/server/importers/docx/read-docx')).readDocx(bytes, 'structure.docx');
    case 'xlsx':
      return (await import('../../src/server/importers/xlsx/read-grid')).readSheetGrid(bytes, 'structure.xlsx');
  }
}

/** The reader's tables, in order: by their index (grid formats), or each run of rows between paragraphs (extracted text). */
function tablesOf(read: ReadResult): RowBlock[][] {
  const tables: RowBlock[][] = [];
  let last: number | undefined | null = null;
  for (const b of read.blocks) {
    if (b.kind !== 'row') {
      last = null;
      continue;
    }
    if (last === null || b.table !== last) tables.push([]);
    tables[tables.length - 1]!.push(b);
    last = b.table;
  }
  return tables;
}

/** A column's role as the import preview shows it (structure/grid.ts). */
function roleOf(c: Column): GridColumnRole {
  if (c.keep !== undefined) return c.keep;
  if (c.field === 'target' && c.group === 'longTerm') return 'longTermTarget';
  if (c.field !== null) return c.field;
  return c.rowGroup ? 'rowLabel' : 'other';
}

/** Every difference between the structure the stage finds in the read rows and the generated one. */
function compareStructure(table: GenTable, rows: readonly RowBlock[], offset: number): string[] {
  const out: string[] = [];
  const structure = analyzeTable(rows, { startsFormPart: startsProjectFormPart, year: null, yearElsewhere: () => YEAR });
  const kinds = structure.kinds.slice(offset, offset + table.rows.length);
  table.kinds.forEach((want, k) => {
    if (kinds[k] !== want) out.push(`row ${k + 1}: kind ${want} expected, got ${kinds[k] ?? 'none'}`);
  });
  const header = structure.headers[0];
  if (table.header === null) {
    if (header !== undefined) out.push(`an indicator header found at row ${header.at - offset + 1}, none expected`);
    return out;
  }
  if (header === undefined) return [...out, 'no indicator header found'];
  const at = { from: header.from - offset, at: header.at - offset, to: header.to - offset };
  if (JSON.stringify(at) !== JSON.stringify({ from: table.header.from, at: table.header.at, to: table.header.to })) {
    out.push(`header rows ${JSON.stringify(at)}, expected ${JSON.stringify({ from: table.header.from, at: table.header.at, to: table.header.to })}`);
  }
  const columns = header.columns.map((c) => ({ path: c.path, role: roleOf(c) }));
  if (JSON.stringify(columns) !== JSON.stringify(table.header.columns)) {
    out.push(`columns ${JSON.stringify(columns)},\n   expected ${JSON.stringify(table.header.columns)}`);
  }
  return out;
}

/** The generated tables, each with how many rows of paragraphs stand over it in the rendering (a workbook's sheet holds its title rows). */
function generatedTables(c: LayoutCase, format: LayoutFormat): { table: GenTable; offset: number }[] {
  const out: { table: GenTable; offset: number }[] = [];
  let paragraphs = 0;
  for (const b of c.document.blocks) {
    if ('paragraph' in b) paragraphs++;
    else {
      out.push({ table: b.table, offset: format === 'xlsx' ? paragraphs : 0 });
      paragraphs = 0;
    }
  }
  return out;
}

async function assertStructure(c: LayoutCase): Promise<void> {
  for (const format of LAYOUT_FORMATS) {
    const read = await readBlocks(await renderDocument(c.document, format), format);
    const tables = tablesOf(read);
    const generated = generatedTables(c, format);
    const problems: string[] = [];
    // a workbook without a table is a sheet of its paragraphs' rows
    if (tables.length !== generated.length && !(format === 'xlsx' && generated.length === 0)) problems.push(`${tables.length} tables read, ${generated.length} written`);
    generated.forEach(({ table, offset }, k) => {
      const rows = tables[k];
      if (rows !== undefined) problems.push(...compareStructure(table, rows, offset).map((p) => `table ${k + 1}: ${p}`));
    });
    if (problems.length > 0) throw new Error(`the ${format} rendering's structure differs:\n  ${problems.join('\n  ')}\nchoices:\n  ${c.choices.join('\n  ')}\ndocument:\n${documentAsText(c.document)}`);
  }
}

describe('the structure stage on generated tables: row kinds, header rows, column paths and roles', () => {
  it(`${RUNS} documents of every dimension (seed ${SEED}), each as .txt, HTML, .docx and .xlsx`, { timeout: 180_000 }, async () => {
    await fc.assert(fc.asyncProperty(layoutCaseArb({ mixed: true }), assertStructure), { seed: SEED, numRuns: RUNS });
  });

  it('the generated documents hold every header shape the property reads', async () => {
    // one case of each shape, found among the generated ones: the property above covers each
    const shapes = new Set<string>();
    for (const c of fc.sample(layoutCaseArb({ mixed: true }), { seed: SEED, numRuns: 400 })) {
      for (const b of c.document.blocks) {
        if (!('table' in b) || b.table.header === null) continue;
        const roles = b.table.header.columns.map((col) => col.role);
        const depth = b.table.header.to - b.table.header.from;
        shapes.add(`${depth}:${roles.filter((r) => ['priorActual', 'laterTarget', 'longTermTarget', 'value', 'operator'].includes(r)).sort().join(',')}`);
      }
    }
    // the generator makes headers of one and two rows, with last year's actual, the period's target, a later year's, and split targets
    expect([...shapes].some((s) => s.startsWith('2:') && s.includes('priorActual'))).toBe(true);
    expect([...shapes].some((s) => s.includes('longTermTarget'))).toBe(true);
    expect([...shapes].some((s) => s.includes('laterTarget'))).toBe(true);
    expect([...shapes].some((s) => s.startsWith('2:') && s.includes('value'))).toBe(true);
    expect([...shapes].some((s) => s.startsWith('1:') && s.includes('priorActual'))).toBe(true);
  });
});
