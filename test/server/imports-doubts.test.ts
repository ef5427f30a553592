/**
 * Issue 53: the import preview says how sure each table's reading is, with the table's grid beside it, before anything
 * is stored; a doubted table is stored only when the person confirms it, keeps its doubts and gets no grade.
 */
import { describe, expect, it } from 'vitest';
import type { ImportCommitResponse, ImportPreviewResponse } from '../../src/shared/api/imports';
import type { ProjectRecord } from '../../src/shared/api/projects';
import { DOUBTED_DOCUMENT } from '../support/doubted-document';
import { startTestApp, type TestClient } from './support';

async function preview(client: TestClient): Promise<ImportPreviewResponse> {
  const res = await client.upload('/api/imports/preview', [{ filename: '党校绩效目标.txt', data: Buffer.from(DOUBTED_DOCUMENT, 'utf8') }]);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportPreviewResponse;
}

describe('a document with a doubted table, imported', () => {
  it('the preview gives each table\'s reading and its grid, the doubted one first; the commit refuses it unless the doubts are confirmed', async () => {
    const t = await startTestApp();
    const reviewer = await t.client('reviewer');
    const p = await preview(reviewer);
    const file = p.files[0]!;
    expect([file.action, file.doubted, file.projectCount]).toEqual(['create', 1, 2]);
    expect(file.projects.map((q) => [q.name, q.reading.certain, q.reading.doubts.map((d) => d.code)])).toEqual([
      ['基层干部教育培训', true, []],
      ['党史教育资料编印', false, ['header-no-target']],
    ]);
    // the reading beside the grid: what went where
    expect(file.projects[1]!.indicators).toEqual([{ level1: '产出指标', level2: '数量指标', name: '编印读本册数', target: '' }]);
    const grid = file.tables[file.projects[1]!.table!]!;
    expect(file.projects[1]!.table).toBe(0);
    expect(grid.projects).toEqual([1]);
    expect(grid.columns.map((c) => [c.path.join('›'), c.role])).toEqual([
      ['一级指标', 'level1'],
      ['二级指标', 'level2'],
      ['三级指标', 'name'],
      ['考核目标', 'other'],
      ['指标值确定依据', 'basis'],
    ]);
    expect(grid.rows.map((r) => r.kind)).toEqual(['form', 'form', 'form', 'form', 'form', 'header', 'indicator']);
    expect(grid.rows.at(-1)!.cells.map((c) => c.text)).toEqual(['产出指标', '数量指标', '编印读本册数', '≥3000册', '计划标准']);
    // the doubt's place is a row of the grid
    expect(grid.rows.some((r) => r.line === file.projects[1]!.reading.doubts[0]!.where.line)).toBe(true);

    const refused = (await reviewer.post('/api/imports/commit', { token: p.token })).json() as ImportCommitResponse;
    expect(refused.files[0]).toMatchObject({ status: 'refused', message: expect.stringContaining('1 张表的读取存疑') });
    expect(await t.db.selectFrom('project').select('id').execute()).toEqual([]);

    const again = await preview(reviewer);
    const stored = (await reviewer.post('/api/imports/commit', { token: again.token, confirmDoubts: true })).json() as ImportCommitResponse;
    expect(stored.files[0]!.status).toBe('imported');
    const rows = await t.db.selectFrom('project').select(['id', 'name', 'qualityScore', 'qualityGrade', 'reading']).orderBy('position').execute();
    expect(rows.map((r) => [r.name, r.qualityGrade === null, r.qualityScore === null])).toEqual([
      ['基层干部教育培训', false, false],
      ['党史教育资料编印', true, true],
    ]);
    expect(JSON.parse(rows[1]!.reading!)).toMatchObject({ certain: false, doubts: [{ code: 'header-no-target' }] });
    const record = (await reviewer.get(`/api/projects/${rows[1]!.id}`)).json() as ProjectRecord;
    expect(record.score).toBeNull();
    expect(record.project.reading).toMatchObject({ certain: false });
  });
});
