/**
 * A file of 表样 exported is one the import takes back (issue 72, item 6), on SQLite and PostgreSQL: a region tree's
 * export failed (500) once a region held 500 templates (the answer's own limit), and `jixiao forms export` wrote a file
 * `forms import` refused (over 500 templates; two regions' templates of one header). Now the route refuses more than a
 * file holds, saying how to choose; a chosen file imports elsewhere; of two regions' templates with one header the
 * export holds one (the account's own region's first); the command line writes files of 500, each one imported.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/server/db/database';
import { TEMPLATE_LIMITS } from '../../src/shared/domain/form-template';
import { createTestDatabaseTarget } from '../support/test-database';
import { startTestApp, type TestClient } from './support';

const TREE = ['130000,河北省', '130200,唐山市', '130202,路南区', '130213,丰南区', '130600,保定市'].join('\n');
const template = (i: number, name = `表样${i}`) => ({ name, header: [['一级指标', '二级指标', '三级指标', `指标值（口径${i}）`]], columns: [], rows: [], labels: [], nameFromHeading: null });
const file = (templates: unknown[]) => ({ kind: 'jixiao-form-templates', version: 1, templates });

async function importOk(client: TestClient, templates: unknown[]) {
  const res = await client.post('/api/form-templates/import', file(templates));
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
}

const work = mkdtempSync(join(tmpdir(), 'jixiao-forms-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('exporting more 表样 than a file holds', () => {
  it('the route: refused saying how to choose, not 500; a chosen 500 import into another region; one template per header', async () => {
    const t = await startTestApp();
    const admin = await t.client('admin');
    expect((await admin.post('/api/regions/import', { text: TREE })).statusCode).toBe(200);
    const county = await t.client('reviewer', { regionCode: '130202' });
    const other = await t.client('reviewer', { regionCode: '130213' });
    const city = await t.client('reviewer', { regionCode: '130200' });
    const elsewhere = await t.client('reviewer', { regionCode: '130600' });
    const n = TEMPLATE_LIMITS.perFile + 1;
    await importOk(county, Array.from({ length: TEMPLATE_LIMITS.perFile }, (_, i) => template(i)));
    await importOk(county, [template(TEMPLATE_LIMITS.perFile)]);
    const all = await county.get('/api/form-templates/export');
    expect(all.statusCode, all.body.slice(0, 200)).toBe(400);
    expect(all.json().message).toBe(`可导出的表样有 ${n} 个，一个表样文件最多 ${TEMPLATE_LIMITS.perFile} 个：请在列表中选择要导出的表样（每次不超过 ${TEMPLATE_LIMITS.perFile} 个）`);
    const ids = (await county.get('/api/form-templates')).json().items.map((i: { id: number }) => i.id).slice(0, TEMPLATE_LIMITS.perFile);
    const chosen = await county.get(`/api/form-templates/export?ids=${ids.join(',')}`);
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().templates).toHaveLength(TEMPLATE_LIMITS.perFile);
    const imported = await elsewhere.post('/api/form-templates/import', chosen.json());
    expect(imported.statusCode, imported.body.slice(0, 300)).toBe(200);
    // the other county keeps a template of the same header as one of the first county's, under its own name
    await importOk(other, [template(7, '丰南区口径7')]);
    const mine = (await county.get('/api/form-templates')).json().items.find((i: { name: string }) => i.name === '表样7').id;
    const theirs = (await other.get('/api/form-templates')).json().items.find((i: { name: string }) => i.name === '丰南区口径7').id;
    const both = await city.get(`/api/form-templates/export?ids=${mine},${theirs}`);
    expect(both.statusCode).toBe(200);
    expect(both.json().templates.map((x: { name: string }) => x.name)).toStrictEqual(['表样7']);
    expect((await t.client('reviewer', { regionCode: '130600' }).then((c) => c.post('/api/form-templates/import', both.json()))).statusCode).toBe(409);
    const fresh = await (await t.client('admin')).post('/api/regions/import', { text: `${TREE}\n130602,竞秀区` });
    expect(fresh.statusCode).toBe(200);
    expect((await (await t.client('reviewer', { regionCode: '130602' })).post('/api/form-templates/import', both.json())).statusCode).toBe(200);
  }, 300_000);

  it('jixiao forms export: files of 500 at most, each one `forms import` takes', async () => {
    const source = await createTestDatabaseTarget('source.db');
    const target = await createTestDatabaseTarget('target.db');
    try {
      const db = await openDatabase(source.target);
      try {
        const t = await startTestApp({ db });
        await importOk(await t.client('reviewer'), Array.from({ length: TEMPLATE_LIMITS.perFile }, (_, i) => template(i)));
        await importOk(await t.client('reviewer'), [template(TEMPLATE_LIMITS.perFile), template(TEMPLATE_LIMITS.perFile + 1)]);
        await t.close();
      } finally {
        await closeDatabase(db);
      }
      const jixiao = (args: string[]) => spawnSync(process.execPath, [resolve('bin/jixiao.js'), ...args], { encoding: 'utf8', cwd: work, env: { ...process.env, JIXIAO_DB: '', DATABASE_URL: '' } });
      const out = join(work, 'forms.json');
      const exported = jixiao(['forms', 'export', '-o', out, '--db', source.arg]);
      expect(exported.status, exported.stderr).toBe(0);
      expect(exported.stdout.trim()).toBe(`已导出 ${TEMPLATE_LIMITS.perFile + 2} 个表样到 2 个文件（每个最多 ${TEMPLATE_LIMITS.perFile} 个）：${join(work, 'forms-1.json')}、${join(work, 'forms-2.json')}`);
      for (const [k, count] of [[1, TEMPLATE_LIMITS.perFile], [2, 2]] as const) {
        const part = join(work, `forms-${k}.json`);
        expect(JSON.parse(readFileSync(part, 'utf8')).templates).toHaveLength(count);
        const back = jixiao(['forms', 'import', part, '--db', target.arg]);
        expect(back.status, back.stderr).toBe(0);
        expect(back.stdout).toMatch(new RegExp(`^已导入 ${count} 个表样`));
      }
    } finally {
      await source.drop();
      await target.drop();
    }
  }, 300_000);
});
