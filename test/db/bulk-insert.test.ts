/**
 * The import's multi-row INSERTs (db/bulk-insert.ts): statements split so that none passes a
 * dialect's parameter limit, rows stored in order with their ids, a document with more rows per
 * table than any one statement holds stored whole and given back the same.
 */
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/server/db/document.repository';
import { insertRows, insertTree, MAX_PARAMETERS, statementSizes } from '../../src/server/db/bulk-insert';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import type { Diagnostic } from '../../src/shared/domain/model';
import { buildIndicator, buildParsedDocument, buildProject } from '../factories';
import { useTestDatabase } from './helpers';

describe('multi-row INSERTs', () => {
  it('split rows into statements within the parameter limits, every row once, in order', () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      for (const [columns, rows] of [
        [24, 1],
        [24, 113],
        [24, 1_500],
        [3, 40_000],
        [1_200, 2],
      ] as const) {
        const sizes = statementSizes(dialect, columns, rows);
        expect(sizes.reduce((n, s) => n + s, 0)).toBe(rows);
        for (const size of sizes) {
          expect(size).toBeGreaterThan(0);
          // One row always goes, even when its columns alone pass the limit (the database then says so).
          if (size > 1) expect(size * columns).toBeLessThanOrEqual(MAX_PARAMETERS[dialect]);
        }
      }
    }
    expect(statementSizes('sqlite', 24, 113)).toEqual([32, 32, 32, 16, 1]);
  });

  it('store a document with more than 999 rows in a table (indicators, diagnostics) whole, and give it back the same', async () => {
    const db = await useTestDatabase();
    const indicators = Array.from({ length: 1_100 }, (_, i) => buildIndicator({ name: `指标${i + 1}`, source: { line: 100 + i } }));
    const diagnostics = Array.from({ length: 1_050 }, (_, i): Diagnostic => ({
      severity: 'info',
      code: 'cover-line',
      message: `封面信息${i + 1}`,
      source: { line: 2_000 + i },
    }));
    // a project holds at most 200 indicator rows (the editor's limit, issue 72): 1,100 rows over six projects
    const doc = buildParsedDocument({
      projects: Array.from({ length: 6 }, (_, k) => buildProject({ code: `130202250P00000${k + 1}`, name: `项目${k + 1}`, indicators: indicators.slice(k * 200, (k + 1) * 200) })),
      diagnostics,
    });
    const { documentId } = await storeDocument(db, doc);
    const back = await loadDocument(db, documentId);
    expect(back?.projects.reduce((n, p) => n + p.indicators.length, 0)).toBe(1_100);
    expect(back?.diagnostics).toHaveLength(1_050);
    expect(back).toStrictEqual(doc);
  });

  it('return the asked columns of every row, and refuse rows with missing or other columns', async () => {
    const db = await useTestDatabase();
    const names = Array.from({ length: 70 }, (_, i) => `单位${i}`);
    const ids = await insertRows(db, 'department', names.map((name) => ({ code: null, name })), ['id', 'name']);
    expect(ids.map((r) => r.name).sort()).toEqual([...names].sort());
    const stored = await db.selectFrom('department').select(['id', 'name']).orderBy('id').execute();
    // In the order given: ids ascend with the rows.
    expect(stored.map((r) => r.name)).toEqual(names);
    expect(new Set(ids.map((r) => Number(r.id)))).toEqual(new Set(stored.map((r) => r.id)));
    await expect(insertRows(db, 'department', [{ code: 'A', name: 'a' }, { name: 'b' } as { code: string; name: string }])).rejects.toThrow(/other columns|no value/);
    await expect(insertRows(db, 'department', [{ code: undefined as unknown as null, name: 'c' }])).rejects.toThrow(/no value for code/);
  });

  it('insert a row with the rows below it: parent ids filled in, children ids in the order of their rows, keyed by their parent', async () => {
    const db = await useTestDatabase();
    const names = Array.from({ length: 40 }, (_, i) => `单位${i}`);
    // A department and audit entries naming it (a keyed level — projects and their rows — is what every import writes: test/db/import-service.test.ts, test/cli/generate-golden.test.ts).
    const [dep] = await insertRows(db, 'department', [{ code: 'D1', name: '单位' }], ['id']);
    const { id, keyed } = await insertTree(db, { table: 'department', row: { code: 'D2', name: '单位二' } }, [
      { table: 'auditLog', parentColumn: 'entityId', rows: names.map((name) => ({ at: '2025-01-01T00:00:00.000Z', actor: 'a', actorUserId: null, actorUsername: 'a', action: name, entity: 'department', entityId: 0, detail: '{}' })) },
    ]);
    expect(id).toBeGreaterThan(Number(dep!.id));
    expect(keyed.size).toBe(0);
    const audit = await db.selectFrom('auditLog').select(['action', 'entityId']).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(names);
    expect(new Set(audit.map((a) => Number(a.entityId)))).toEqual(new Set([id]));
    // A row with a value missing is refused (the caller's transaction rolls back what went before).
    await expect(insertTree(db, { table: 'department', row: { code: 'D3', name: '三' } }, [
      { table: 'auditLog', parentColumn: 'entityId', rows: [{ at: 'x', actor: 'a', actorUserId: null, actorUsername: 'a', action: 'b', entity: 'e', entityId: 0, detail: undefined }] },
    ])).rejects.toThrow(/no value for detail/);
  });
});
