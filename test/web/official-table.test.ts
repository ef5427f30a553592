import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { anchorOf, officialTable, TEXT_WIDTH, toGrid } from '../../src/shared/domain/official-table';
import { reviewDocument } from '../../src/shared/review/engine';
import { parseFixtures, type FixtureKey } from '../support/fixtures';

let docs: Record<FixtureKey, ParsedDocument>;
beforeAll(async () => {
  docs = await parseFixtures();
});

describe('official table row model', () => {
  it('merges level 1 and level 2 over runs whose row spans add up to the indicator count, in stored order', () => {
    let projects = 0;
    let merged = 0;
    for (const doc of Object.values(docs)) {
      for (const project of doc.projects) {
        projects++;
        const grid = toGrid(officialTable(project).indicators);
        expect(grid.columns.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
        const body = grid.rows.slice(1);
        expect(body.map((r) => r.indicatorIndex)).toEqual(project.indicators.map((_, i) => i));
        for (const column of ['level1', 'level2'] as const) {
          const cells = body.flatMap((r) => r.cells.filter((c) => c.anchor?.endsWith(`.${column}`)));
          expect(cells.reduce((n, c) => n + c.rowSpan, 0)).toBe(project.indicators.length);
          merged += cells.filter((c) => c.rowSpan > 1).length;
        }
        // 三级指标 and 指标值 are never merged: one cell per indicator, in order, with its text.
        const names = body.map((r) => r.cells.find((c) => c.anchor === `indicator:${r.indicatorIndex}.name`)!.lines.join('\n'));
        expect(names).toEqual(project.indicators.map((i) => i.name));
        const targets = body.map((r) => r.cells.find((c) => c.anchor === `indicator:${r.indicatorIndex}.target`)!.lines.join(''));
        expect(targets).toEqual(project.indicators.map((i) => i.target.raw.replace(/\n/g, '')));
      }
    }
    expect(projects).toBeGreaterThan(10);
    // The fixtures merge their category cells (empty cells in the extracted text).
    expect(merged).toBeGreaterThan(10);
  });

  it('every row of the main table spans the whole width; the label columns merge down', () => {
    const project = docs.f000.projects[0]!;
    const grid = toGrid(officialTable(project).main);
    const nCols = grid.columns.length;
    // Each row covers all columns, counting cells merged from the rows above.
    const covered = grid.rows.map(() => 0);
    grid.rows.forEach((row, r) => {
      for (const c of row.cells) for (let k = 0; k < c.rowSpan; k++) covered[r + k]! += c.colSpan;
    });
    expect(covered).toEqual(grid.rows.map(() => nCols));
    const budgetLabel = grid.rows[2]!.cells[0]!;
    expect(budgetLabel.lines).toEqual(['预算规模及资金用途']);
    expect(budgetLabel.rowSpan).toBe(2);
    expect(grid.rows[3]!.cells.map((c) => c.anchor)).toEqual(['purpose']);
    const plan = grid.rows[4]!.cells[0]!;
    expect(plan.lines[0]).toMatch(/^资金支出计划（(%|万元|元)）$/);
    expect(plan.rowSpan).toBe(2);
  });

  it('writes amounts exactly from fen and the plan as given', () => {
    const project = structuredClone(docs.f000.projects[0]!);
    project.amountUnit = '万元';
    project.budget = { total: 209_820_000, fiscal: 1, other: null };
    project.spendingPlan = project.spendingPlan.map((c, i) => ({ ...c, given: 'percent', percent: [25, 33.33, 75, 100][i]!, amount: null }));
    const rows = officialTable(project).main;
    const text = (anchor: string) => rows.flatMap((r) => r.cells).find((c) => c.anchor === anchor)!.lines.join('');
    expect(text('budget.total')).toBe('209.82');
    expect(text('budget.fiscal')).toBe('0.000001');
    expect(text('budget.other')).toBe('');
    expect(['03', '06', '10', '12'].map((c) => text(`spendingPlan.${c}`))).toEqual(['25%', '33.33%', '75%', '100%']);
  });

  it('pins every finding of the fixtures to a cell of the table', () => {
    for (const doc of Object.values(docs)) {
      const findings = reviewDocument(doc).filter((f) => f.projectIndex !== null);
      for (const f of findings) {
        const table = officialTable(doc.projects[f.projectIndex!]!);
        const anchors = new Set(
          [...toGrid(table.main).rows, ...toGrid(table.indicators).rows].flatMap((r) => r.cells.flatMap((c) => c.anchors)),
        );
        expect(anchors.has(anchorOf(f)), `${f.rule} ${f.field} ${f.indicatorIndex}`).toBe(true);
      }
    }
  });
});
