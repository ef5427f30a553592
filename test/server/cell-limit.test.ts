/**
 * One limit for a cell, the same for import and edit (issue 72, item 10), on SQLite and PostgreSQL. A 500,000-character
 * cell was imported and stored, and then its project could never be saved (413: the editor's body over 1 MB; and any
 * cell over the editor's own limits, 400) and its PDF never finished. Now:
 *
 * - an upload (the preview) and `jixiao import` refuse a document with a cell over CELL_MAX_CHARS, naming the project,
 *   the cell and the limit; nothing is stored;
 * - a cell of exactly CELL_MAX_CHARS is imported, and its project saved again as it is;
 * - the editor refuses one character more, with the same limit.
 */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/server/db/document.repository';
import { importBytes } from '../../src/server/modules/imports/import-files';
import { projectToInput } from '../../src/shared/api/project-input';
import { CELL_MAX_CHARS } from '../../src/shared/domain/cell-limit';
import { DEFAULT_INDICATORS, textDocument, textTable } from '../support/text-document';
import { dataSnapshot } from './route-driver';
import { startTestApp } from './support';

/** A document whose first indicator's description is `n` characters long. */
const withDescription = (n: number) =>
  textDocument([textTable({ indicators: [['产出指标', '数量指标', '活动次数', '说'.repeat(n), '≥2次', '计划标准'], ...DEFAULT_INDICATORS.slice(1)] })]);

describe('a cell over the limit', () => {
  it('an upload: refused in the preview naming the project, the cell and the limit; `jixiao import`: refused, nothing stored', async () => {
    const t = await startTestApp();
    const reviewer = await t.client('reviewer');
    const before = await dataSnapshot(t.db);
    const res = await reviewer.upload('/api/imports/preview', [{ filename: '超长.txt', data: withDescription(500_000) }]);
    expect(res.statusCode).toBe(200);
    const [file] = res.json().files as { action: string; error: string }[];
    expect(file!.action).toBe('refused');
    expect(file!.error).toContain(`项目“测试项目”第1个指标·绩效指标描述有 500000 个字符，每格最多 ${CELL_MAX_CHARS} 个字符（导入和编辑相同）`);
    const cli = await importBytes(t.db, Buffer.from(withDescription(500_000)), '超长.txt');
    expect(cli.ok).toBe(false);
    expect(!cli.ok && cli.message).toContain(`每格最多 ${CELL_MAX_CHARS} 个字符`);
    expect(await dataSnapshot(t.db)).toStrictEqual(before);
  });

  it('a cell of exactly the limit: imported, and its project saved again as it is; one more character refused by the editor', async () => {
    const t = await startTestApp();
    const stored = await importBytes(t.db, Buffer.from(withDescription(CELL_MAX_CHARS)), '最长.txt');
    expect(stored.ok, stored.ok ? '' : stored.message).toBe(true);
    const project = await t.db.selectFrom('project').select(['id', 'documentId']).executeTakeFirstOrThrow();
    const department = await t.db.selectFrom('document').select('departmentId').where('id', '=', project.documentId).executeTakeFirstOrThrow();
    const editor = await t.client('editor', { departmentId: department.departmentId! });
    const input = projectToInput((await loadProject(t.db, project.id))!);
    expect(input.indicators[0]!.description).toHaveLength(CELL_MAX_CHARS);
    const saved = await editor.put(`/api/projects/${project.id}`, { version: 1, project: input });
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(200);
    const longer = await editor.put(`/api/projects/${project.id}`, { version: 2, project: { ...input, indicators: input.indicators.map((i, k) => (k === 0 ? { ...i, description: `${i.description}说` } : i)) } });
    expect(longer.statusCode).toBe(400);
    expect(longer.json().issues).toStrictEqual([{ path: 'project.indicators.0.description', message: `最多 ${CELL_MAX_CHARS} 个字符` }]);
    // every text cell the editor saves has the same limit
    const name = await editor.put(`/api/projects/${project.id}`, { version: 2, project: { ...input, name: '名'.repeat(CELL_MAX_CHARS + 1) } });
    expect(name.json().issues).toStrictEqual([{ path: 'project.name', message: `最多 ${CELL_MAX_CHARS} 个字符` }]);
  });
});
