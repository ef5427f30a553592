import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectFiles } from '../../src/server/cli/collect-files';
import { importFiles } from '../../src/server/modules/imports/import-files';
import { FIXTURES, fixturePath } from '../support/fixtures';
import {
  countStored,
  findDepartmentsByName,
  findDocumentById,
  documentRows,
  insertDocumentRows,
  listAuditEntries,
  listCurrentProjects,
  listDocuments,
  loadDocument,
} from '../../src/server/db/document.repository';
import type { ParsedDocument } from '../../src/shared/domain/model';
import {
  storeDocument,
  storeDocuments,
  type BatchOutcome,
} from '../../src/server/modules/imports/store.service';
import { buildIndicator, buildParsedDocument, buildProject, buildWideDocument } from '../factories';
import { countRows, snapshotDatabase, useTestDatabase } from './helpers';
import { CONSTRAINT_ERROR } from '../support/test-database';

const NOW = new Date('2025-03-01T08:00:00.000Z');
const LATER = new Date('2025-04-01T08:00:00.000Z');

/**
 * A document that fails half-way: its 2nd project's 3rd indicator breaks NOT NULL on its line
 * (a value the review, which runs before the rows are written, does not compute with).
 */
function buildBrokenDocument(overrides: Partial<ParsedDocument> = {}): ParsedDocument {
  const broken = buildIndicator({ source: { line: null as unknown as number } });
  return buildParsedDocument({
    projects: [
      buildProject(),
      buildProject({
        sequence: 2,
        code: '13020225P008911100099',
        indicators: [buildIndicator(), buildIndicator(), broken, buildIndicator()],
      }),
    ],
    ...overrides,
  });
}

describe('storeDocument', () => {
  it('imports a new document and audits it', async () => {
    const db = await useTestDatabase();
    const doc = buildParsedDocument();
    const result = await storeDocument(db, doc, { actor: 'alice', now: NOW });
    expect(result).toStrictEqual({ status: 'imported', documentId: expect.any(Number) });

    const stored = await findDocumentById(db, result.documentId);
    expect(stored).toMatchObject({
      isCurrent: true,
      importedAt: NOW.toISOString(),
      supersededAt: null,
      supersededBy: null,
      projectCount: 2,
      indicatorCount: 6,
      diagnosticCount: 2,
    });
    const audit = await listAuditEntries(db);
    expect(audit.map((a) => [a.action, a.entity, a.actor, a.at])).toStrictEqual([
      ['department.create', 'department', 'alice', NOW.toISOString()],
      ['document.import', 'document', 'alice', NOW.toISOString()],
    ]);
    expect(audit[1]).toMatchObject({
      entityId: result.documentId,
      detail: { file: doc.file, sha256: doc.sha256, projects: 2, indicators: 6, replaces: null },
    });
  });

  it('re-importing the same document changes nothing, not even the audit log', async () => {
    const db = await useTestDatabase();
    const doc = buildParsedDocument();
    const first = await storeDocument(db, doc, { now: NOW });
    const before = await snapshotDatabase(db);
    const counts = await countRows(db);

    const again = await storeDocument(db, structuredClone(doc), { now: LATER });
    expect(again).toStrictEqual({ status: 'unchanged', documentId: first.documentId });
    expect(await countRows(db)).toStrictEqual(counts);
    expect(await snapshotDatabase(db)).toStrictEqual(before);
  });

  it('the same content in other bytes (another format, other locations, another file) is unchanged too', async () => {
    const db = await useTestDatabase();
    const doc = buildParsedDocument();
    const first = await storeDocument(db, doc, { now: NOW });
    const before = await snapshotDatabase(db);
    const exported = structuredClone(doc);
    Object.assign(exported, { file: 'exported.docx', format: 'docx', encoding: 'docx', sha256: 'f'.repeat(64), diagnostics: [] });
    exported.projects.forEach((p, i) => {
      p.source = { line: 500 + i, ref: `表${i + 1} 行1` };
      p.indicators.forEach((ind, k) => {
        ind.source = { line: 600 + k, ref: `表${i + 1} 行${k + 5}` };
        ind.sources = {};
      });
    });
    expect(await storeDocument(db, exported, { now: LATER })).toStrictEqual({ status: 'unchanged', documentId: first.documentId });
    expect(await snapshotDatabase(db)).toStrictEqual(before);

    // One changed value is a new version.
    const changed = structuredClone(exported);
    changed.projects[0]!.indicators[0]!.basis = '历史标准';
    expect((await storeDocument(db, changed, { now: LATER })).status).toBe('replaced');
  });

  it('a new version for the same department and year replaces the current one and keeps it as history', async () => {
    const db = await useTestDatabase();
    const v1 = buildParsedDocument({ file: 'v1.txt' });
    const v2 = buildParsedDocument({
      file: 'v2.txt',
      projects: [buildProject({ name: '城市社区工作者薪酬经费（调整）' })],
    });
    const first = await storeDocument(db, v1, { now: NOW });
    const second = await storeDocument(db, v2, { actor: 'bob', now: LATER });
    expect(second).toStrictEqual({
      status: 'replaced',
      documentId: expect.any(Number),
      replacedDocumentIds: [first.documentId],
    });

    expect(await findDocumentById(db, first.documentId)).toMatchObject({
      isCurrent: false,
      supersededAt: LATER.toISOString(),
      supersededBy: second.documentId,
    });
    expect(await findDocumentById(db, second.documentId)).toMatchObject({
      isCurrent: true,
      supersededBy: null,
    });
    // Both versions load back whole.
    expect(await loadDocument(db, first.documentId)).toStrictEqual(v1);
    expect(await loadDocument(db, second.documentId)).toStrictEqual(v2);
    // Listing shows only the current version.
    const listed = await listCurrentProjects(db);
    expect(listed.map((p) => [p.documentId, p.name])).toStrictEqual([
      [second.documentId, '城市社区工作者薪酬经费（调整）'],
    ]);
    expect(await countStored(db)).toStrictEqual({
      departments: 1,
      documents: 2,
      currentDocuments: 1,
      projects: 3,
      indicators: 12,
      diagnostics: 4,
    });

    const audit = await listAuditEntries(db, { entity: 'document' });
    expect(audit.map((a) => [a.action, a.entityId, a.actor])).toStrictEqual([
      ['document.import', first.documentId, 'system'],
      ['document.import', second.documentId, 'bob'],
      ['document.supersede', first.documentId, 'bob'],
    ]);
    expect(audit[2]?.detail).toMatchObject({ supersededBy: second.documentId });
  });

  it('a third version replaces the second; history is a chain', async () => {
    const db = await useTestDatabase();
    const a = await storeDocument(db, buildParsedDocument());
    const b = await storeDocument(db, buildParsedDocument());
    const c = await storeDocument(db, buildParsedDocument());
    expect([a.status, b.status, c.status]).toStrictEqual(['imported', 'replaced', 'replaced']);
    expect(c.replacedDocumentIds).toEqual([b.documentId]);
    const history = await listDocuments(db);
    expect(history.map((d) => [d.id, d.isCurrent, d.supersededBy])).toStrictEqual([
      [a.documentId, false, b.documentId],
      [b.documentId, false, c.documentId],
      [c.documentId, true, null],
    ]);
  });

  it('importing an old version again after it was replaced makes it current again, as a new version', async () => {
    const db = await useTestDatabase();
    const v1 = buildParsedDocument();
    const first = await storeDocument(db, v1);
    const second = await storeDocument(db, buildParsedDocument());
    const back = await storeDocument(db, v1);
    expect(back).toMatchObject({ status: 'replaced', replacedDocumentIds: [second.documentId] });
    expect(back.documentId).not.toBe(first.documentId);
    expect((await listDocuments(db, { currentOnly: true })).map((d) => d.id)).toStrictEqual([
      back.documentId,
    ]);
  });

  it('another year or another department is a separate current document', async () => {
    const db = await useTestDatabase();
    const r2025 = await storeDocument(db, buildParsedDocument({ year: 2025 }));
    const r2026 = await storeDocument(db, buildParsedDocument({ year: 2026 }));
    const other = await storeDocument(
      db,
      buildParsedDocument({ department: { code: '763002', name: '路南区民政局', source: { line: 1 } } }),
    );
    expect([r2025.status, r2026.status, other.status]).toStrictEqual(['imported', 'imported', 'imported']);
    expect(await countStored(db)).toMatchObject({ departments: 2, documents: 3, currentDocuments: 3 });
  });

  it('identifies a department by its code: a new name renames it (audited), old documents keep theirs', async () => {
    const db = await useTestDatabase();
    const old = buildParsedDocument({ year: 2024 });
    const first = await storeDocument(db, old);
    const renamed = buildParsedDocument({
      year: 2025,
      department: { code: '763001', name: '唐山市路南区社会工作部', source: { line: 2 } },
    });
    await storeDocument(db, renamed, { now: LATER });

    const departments = await db.selectFrom('department').selectAll().execute();
    expect(departments).toStrictEqual([
      { id: expect.any(Number), code: '763001', name: '唐山市路南区社会工作部', regionCode: '130202', parentDepartmentId: null, sectionId: null },
    ]);
    const audit = await listAuditEntries(db, { entity: 'department' });
    expect(audit.map((a) => [a.action, a.detail])).toStrictEqual([
      ['department.create', { code: '763001', name: '中共唐山市路南区委社会工作部', regionCode: '130202' }],
      [
        'department.rename',
        { code: '763001', from: '中共唐山市路南区委社会工作部', to: '唐山市路南区社会工作部' },
      ],
    ]);
    // The old document still says what it said.
    expect((await loadDocument(db, first.documentId))?.department).toStrictEqual(old.department);
  });

  it('identifies a department without a code by its name, and gives it the code once one is known', async () => {
    const db = await useTestDatabase();
    const named = { code: null, name: '路南区民政局', source: { line: 1 } };
    const a = await storeDocument(db, buildParsedDocument({ department: named, year: 2024 }));
    const b = await storeDocument(db, buildParsedDocument({ department: named, year: 2024 }));
    expect(b).toMatchObject({ status: 'replaced', replacedDocumentIds: [a.documentId] });

    await storeDocument(
      db,
      buildParsedDocument({ department: { ...named, code: '763009' }, year: 2025 }),
    );
    // A later code-less document still finds the (now coded) department.
    const c = await storeDocument(db, buildParsedDocument({ department: named, year: 2025 }));
    expect(c.status).toBe('replaced');
    expect(await db.selectFrom('department').select(['code', 'name']).execute()).toStrictEqual([
      { code: '763009', name: '路南区民政局' },
    ]);
    expect((await listAuditEntries(db, { entity: 'department' })).map((e) => e.action)).toStrictEqual([
      'department.create',
      'department.assignCode',
    ]);
  });

  it('a document with no department or no year is stored but never replaces another', async () => {
    const db = await useTestDatabase();
    const a = await storeDocument(db, buildParsedDocument({ department: null }));
    const b = await storeDocument(db, buildParsedDocument({ department: null }));
    const c = await storeDocument(db, buildParsedDocument({ year: null }));
    const d = await storeDocument(db, buildParsedDocument({ year: null }));
    expect([a, b, c, d].map((r) => r.status)).toStrictEqual(['imported', 'imported', 'imported', 'imported']);
    expect((await findDocumentById(db, a.documentId))?.departmentId).toBeNull();
    expect(await countStored(db)).toMatchObject({ documents: 4, currentDocuments: 4 });
    // The same bytes are still recognised.
    const again = await db.selectFrom('document').select('sha256').where('id', '=', a.documentId).executeTakeFirstOrThrow();
    expect(
      (await storeDocument(db, buildParsedDocument({ department: null, sha256: again.sha256 }))).status,
    ).toBe('unchanged');
  });

  it('a failure half-way through leaves the database exactly as it was', async () => {
    const db = await useTestDatabase();
    await storeDocument(db, buildParsedDocument({ year: 2024 }));
    const before = await snapshotDatabase(db);
    const counts = await countRows(db);

    await expect(storeDocument(db, buildBrokenDocument({ year: 2026 }))).rejects.toThrow(CONSTRAINT_ERROR.notNull);
    expect(await countRows(db)).toStrictEqual(counts);
    expect(await snapshotDatabase(db)).toStrictEqual(before);
  });

  it('a failed replacement leaves the old version current', async () => {
    const db = await useTestDatabase();
    const v1 = await storeDocument(db, buildParsedDocument());
    const before = await snapshotDatabase(db);
    await expect(storeDocument(db, buildBrokenDocument())).rejects.toThrow(CONSTRAINT_ERROR.notNull);
    expect(await snapshotDatabase(db)).toStrictEqual(before);
    expect(await findDocumentById(db, v1.documentId)).toMatchObject({ isCurrent: true });
  });

  it('a failure rolls back the department it created and renamed', async () => {
    const db = await useTestDatabase();
    await storeDocument(db, buildParsedDocument());
    const before = await snapshotDatabase(db);
    await expect(
      storeDocument(
        db,
        buildBrokenDocument({ department: { code: '999999', name: '新单位', source: { line: 1 } } }),
      ),
    ).rejects.toThrow();
    await expect(
      storeDocument(
        db,
        buildBrokenDocument({ department: { code: '763001', name: '改名后', source: { line: 1 } } }),
      ),
    ).rejects.toThrow();
    expect(await snapshotDatabase(db)).toStrictEqual(before);
  });

  it('the database itself allows one current document per department, year and scope', async () => {
    const db = await useTestDatabase();
    const first = await storeDocument(db, buildParsedDocument());
    const { departmentId, scope } = (await findDocumentById(db, first.documentId))!;
    const insert = (sha: string, docScope: string) =>
      insertDocumentRows(db, documentRows(buildParsedDocument({ sha256: sha.repeat(64) }), { contentSha256: sha.repeat(64), scope: docScope }), { departmentId, importedAt: NOW.toISOString(), isCurrent: true });
    await expect(insert('a', scope)).rejects.toThrow(CONSTRAINT_ERROR.unique);
    // Another scope of the same year (one project's form) may be current beside it.
    await expect(insert('b', 'project:13020225P000000000099')).resolves.toMatchObject({ documentId: expect.any(Number) });
  });

  it('imports at the same time of one new department and year: the first imported, the other replaces it', async () => {
    // SQLite runs transactions one at a time, and so does database.ts on PostgreSQL: otherwise
    // both would create the department and store a current document, and one would fail.
    const db = await useTestDatabase();
    const department = { code: '799001', name: '同时导入的单位', source: { line: 1 } };
    const docs = [1, 2, 3].map(() => buildParsedDocument({ department, year: 2026 }));
    const results = await Promise.all(docs.map((doc) => storeDocument(db, doc)));
    expect(results.map((r) => r.status).sort()).toStrictEqual(['imported', 'replaced', 'replaced']);
    expect(await findDepartmentsByName(db, department.name)).toHaveLength(1);
    expect((await countStored(db)).currentDocuments).toBe(1);
  });

  it('joins a transaction it is given; the caller can roll everything back', async () => {
    const db = await useTestDatabase();
    const before = await snapshotDatabase(db);
    await expect(
      db.transaction().execute(async (trx) => {
        const r = await storeDocument(trx, buildParsedDocument());
        expect(r.status).toBe('imported');
        expect((await countStored(trx)).documents).toBe(1);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await snapshotDatabase(db)).toStrictEqual(before);
  });
});

describe('documents a department publishes apart (scopes)', () => {
  const noPartOne = { overall: null, overallSource: null, subGoals: [], measures: [] };
  let serial = 0;
  /** One project's 申报表 of 763001 for 2025: no part one, one project. */
  const form = (code: string, name: string, overrides: Partial<ParsedDocument> = {}) =>
    buildParsedDocument({ departmentGoals: noPartOne, projects: [buildProject({ code, name, title: `${name}绩效目标申报表`, purpose: `第${++serial}稿` })], ...overrides });
  const current = async (db: Awaited<ReturnType<typeof useTestDatabase>>) =>
    (await listDocuments(db, { currentOnly: true })).map((d) => [d.scope, d.projectCount]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  it('forms of different projects stay current side by side; a form\'s new version replaces only that form', async () => {
    const db = await useTestDatabase();
    const a1 = await storeDocument(db, form('13020225P000000000001', '甲项目'));
    const b1 = await storeDocument(db, form('13020225P000000000002', '乙项目'));
    expect([a1.status, b1.status]).toEqual(['imported', 'imported']);
    const a2 = await storeDocument(db, form('13020225P000000000001', '甲项目'));
    expect(a2).toMatchObject({ status: 'replaced', replacedDocumentIds: [a1.documentId] });
    expect(await current(db)).toEqual([
      ['project:13020225P000000000001', 1],
      ['project:13020225P000000000002', 1],
    ]);
    // A form without a code is the project of its name.
    expect((await storeDocument(db, form(null as unknown as string, '丙 项目'))).status).toBe('imported');
    expect((await storeDocument(db, form(null as unknown as string, '丙项目'))).status).toBe('replaced');
  });

  it('the department\'s document replaces the forms of its projects and the targets table it carries; the others stay', async () => {
    const db = await useTestDatabase();
    const a = await storeDocument(db, form('13020225P000000000001', '甲项目'));
    await storeDocument(db, form('13020225P000000000002', '乙项目'));
    const targets = await storeDocument(
      db,
      buildParsedDocument({ departmentGoals: noPartOne, projects: [], departmentTargets: buildWideDocument().departmentTargets }),
    );
    expect(await current(db)).toEqual([
      ['project:13020225P000000000001', 1],
      ['project:13020225P000000000002', 1],
      ['targets', 0],
    ]);
    const whole = buildParsedDocument({ projects: [buildProject({ code: '13020225P000000000001', name: '甲项目' }), buildProject({ code: '13020225P000000000003', name: '丁项目' })] });
    const stored = await storeDocument(db, whole, { now: LATER });
    expect(stored).toMatchObject({ status: 'replaced', replacedDocumentIds: [a.documentId] });
    expect(await current(db)).toEqual([
      ['', 2],
      ['project:13020225P000000000002', 1],
      ['targets', 0],
    ]);
    // Each replaced document is history, superseded by the new one, and audited.
    expect(await findDocumentById(db, a.documentId)).toMatchObject({ isCurrent: false, supersededBy: stored.documentId });
    expect((await listAuditEntries(db)).filter((e) => e.action === 'document.supersede').map((e) => e.entityId)).toEqual([a.documentId]);
    // A department's document that carries the whole-budget targets replaces the table published apart.
    const withTargets = await storeDocument(db, { ...buildParsedDocument(), departmentTargets: buildWideDocument().departmentTargets });
    expect(withTargets.replacedDocumentIds).toEqual(expect.arrayContaining([stored.documentId, targets.documentId]));
  });
});

describe('storeDocuments', () => {
  it('stores each document in its own transaction: a bad one does not undo the others', async () => {
    const db = await useTestDatabase();
    const progress: [number, number, BatchOutcome][] = [];
    const outcomes = await storeDocuments(
      db,
      [
        buildParsedDocument({ year: 2024 }),
        buildBrokenDocument({ year: 2025 }),
        buildParsedDocument({ year: 2026 }),
      ],
      { onProgress: (done, total, outcome) => progress.push([done, total, outcome]) },
    );
    expect(outcomes.map((o) => o.ok)).toStrictEqual([true, false, true]);
    expect(outcomes[1]).toMatchObject({ ok: false, error: expect.any(Error) });
    expect(progress.map(([done, total]) => [done, total])).toStrictEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(await countStored(db)).toMatchObject({ documents: 2, projects: 4 });
    expect((await listAuditEntries(db, { entity: 'document' })).length).toBe(2);
  });

  it('inside a caller transaction the first failure is thrown', async () => {
    const db = await useTestDatabase();
    await expect(
      db.transaction().execute((trx) =>
        storeDocuments(trx, [buildParsedDocument({ year: 2024 }), buildBrokenDocument({ year: 2025 })]),
      ),
    ).rejects.toThrow(CONSTRAINT_ERROR.notNull);
    expect((await countStored(db)).documents).toBe(0);
  });
});

describe('importing a directory again', () => {
  it('after an interruption creates no duplicate and leaves an approved or published project as it is', async () => {
    const db = await useTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-import-dir-'));
    try {
      for (const key of ['f000', 'f002'] as const) copyFileSync(fixturePath(FIXTURES[key]), join(dir, FIXTURES[key]));
      // The first run was interrupted after its first file.
      const [first] = (await collectFiles([dir])).files;
      expect((await importFiles(db, [first!], { now: NOW })).map((o) => o.ok && o.status)).toEqual(['imported']);
      const approved = await db.selectFrom('project').select('id').orderBy('id').limit(2).execute();
      await db.updateTable('project').set({ status: 'approved' }).where('id', '=', approved[0]!.id).execute();
      await db.updateTable('project').set({ status: 'published' }).where('id', '=', approved[1]!.id).execute();
      const counts = await countRows(db);

      const again = await importFiles(db, (await collectFiles([dir])).files, { now: LATER });
      expect(again.map((o) => o.ok && o.status)).toEqual(['unchanged', 'imported']);
      expect((await countRows(db)).document).toBe(counts.document! + 1);
      const statuses = await db.selectFrom('project').select(['id', 'status']).where('id', 'in', approved.map((r) => r.id)).orderBy('id').execute();
      expect(statuses.map((s) => s.status)).toEqual(['approved', 'published']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
