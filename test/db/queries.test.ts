import { describe, expect, it } from 'vitest';
import {
  countStored,
  findDocumentsBySha256,
  findProjects,
  listCurrentProjects,
} from '../../src/server/db/document.repository';
import type { Db } from '../../src/server/db/schema';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { buildIndicator, buildParsedDocument, buildProject } from '../factories';
import { useTestDatabase } from './helpers';

async function seed(db: Db) {
  const lunan = { code: '763001', name: '中共唐山市路南区委社会工作部', source: { line: 1 } };
  const minzheng = { code: '763002', name: '路南区民政局', source: { line: 1 } };
  const a = await storeDocument(
    db,
    buildParsedDocument({
      department: lunan,
      projects: [
        buildProject({ code: 'P001', name: '城市社区工作者薪酬经费', budget: { total: 100, fiscal: 100, other: null } }),
        buildProject({ code: 'P002', name: '社区党建经费', indicators: [buildIndicator()] }),
      ],
    }),
  );
  const b = await storeDocument(
    db,
    buildParsedDocument({
      department: minzheng,
      year: 2024,
      projects: [
        buildProject({ code: 'P101', name: '社区养老服务补贴', year: null, indicators: [] }),
        buildProject({ code: 'P102', name: '100%_完成率 专项', department: null }),
      ],
    }),
  );
  return { a, b };
}

describe('project queries', () => {
  it('lists the projects of current documents with department, year, budget and indicator count', async () => {
    const db = await useTestDatabase();
    const { a, b } = await seed(db);
    expect(await listCurrentProjects(db)).toStrictEqual([
      {
        projectId: expect.any(Number),
        documentId: a.documentId,
        code: 'P001',
        name: '城市社区工作者薪酬经费',
        departmentCode: '763001',
        departmentName: '中共唐山市路南区委社会工作部',
        year: 2025,
        budgetTotal: 100,
        indicatorCount: 6,
        isCurrent: true,
      },
      expect.objectContaining({ code: 'P002', indicatorCount: 1 }),
      expect.objectContaining({
        documentId: b.documentId,
        code: 'P101',
        departmentName: '路南区民政局',
        year: 2024, // the project has none: its document's
        indicatorCount: 0,
      }),
      expect.objectContaining({ code: 'P102', year: 2025 }),
    ]);
  });

  it('falls back to the table header for a document without a department', async () => {
    const db = await useTestDatabase();
    await storeDocument(
      db,
      buildParsedDocument({
        department: null,
        projects: [buildProject({ department: { code: '1', name: '表头单位' } })],
      }),
    );
    expect(await listCurrentProjects(db)).toMatchObject([
      { departmentCode: '1', departmentName: '表头单位' },
    ]);
  });

  it('finds by exact code first, then exact name, then part of the name', async () => {
    const db = await useTestDatabase();
    await seed(db);
    const names = (r: Awaited<ReturnType<typeof findProjects>>) => [r.match, r.projects.map((p) => p.code)];
    expect(names(await findProjects(db, 'P002'))).toStrictEqual(['code', ['P002']]);
    expect(names(await findProjects(db, ' 社区党建经费 '))).toStrictEqual(['name', ['P002']]);
    expect(names(await findProjects(db, '社区'))).toStrictEqual(['nameContains', ['P001', 'P002', 'P101']]);
    expect(names(await findProjects(db, 'P00'))).toStrictEqual(['none', []]);
    expect(names(await findProjects(db, ''))).toStrictEqual(['none', []]);
  });

  it('treats % and _ in the search text literally', async () => {
    const db = await useTestDatabase();
    await seed(db);
    expect((await findProjects(db, '100%_')).projects.map((p) => p.code)).toStrictEqual(['P102']);
    expect((await findProjects(db, '%')).projects.map((p) => p.code)).toStrictEqual(['P102']);
    expect((await findProjects(db, '_')).projects.map((p) => p.code)).toStrictEqual(['P102']);
    expect((await findProjects(db, '社区_')).match).toBe('none');
  });

  it('searches current documents only, unless asked for history', async () => {
    const db = await useTestDatabase();
    await storeDocument(db, buildParsedDocument({ projects: [buildProject({ code: 'OLD', name: '旧项目' })] }));
    await storeDocument(db, buildParsedDocument({ projects: [buildProject({ code: 'NEW', name: '新项目' })] }));
    expect((await findProjects(db, 'OLD')).match).toBe('none');
    const history = await findProjects(db, 'OLD', { includeSuperseded: true });
    expect(history.projects).toMatchObject([{ code: 'OLD', isCurrent: false }]);
  });

  it('counts what is stored', async () => {
    const db = await useTestDatabase();
    expect(await countStored(db)).toStrictEqual({
      departments: 0,
      documents: 0,
      currentDocuments: 0,
      projects: 0,
      indicators: 0,
      diagnostics: 0,
    });
    await seed(db);
    expect(await countStored(db)).toStrictEqual({
      departments: 2,
      documents: 2,
      currentDocuments: 2,
      projects: 4,
      indicators: 13,
      diagnostics: 4,
    });
  });

  it('finds every stored copy of the same bytes, newest first', async () => {
    const db = await useTestDatabase();
    const v1 = buildParsedDocument();
    const first = await storeDocument(db, v1);
    await storeDocument(db, buildParsedDocument());
    const again = await storeDocument(db, v1);
    expect((await findDocumentsBySha256(db, v1.sha256)).map((d) => [d.id, d.isCurrent])).toStrictEqual([
      [again.documentId, true],
      [first.documentId, false],
    ]);
  });
});
