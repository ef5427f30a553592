/**
 * Issue 54, through the API: a document of an invented form (test/documents/forms: 青山县's 项目绩效任务单, its
 * project named by the heading over each table, 预期成效 split into 全年 / 上半年, a sign-off row at the foot) is
 * misread; a county's 绩效科 corrects it in the preview (header depth, a column's role, the sign-off row, labels,
 * the name from the heading), stores it and saves the corrections as a 表样; a second document of the form with
 * other projects then reads right with no help and names the template; a third of a slightly different form (an
 * extra 备注 column) is offered it, not forced into it. Templates belong to a region and apply below it; the 绩效科
 * manages them; every change is audited; hostile files are refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FormTemplateDetail, FormTemplateItem } from '../../src/shared/api/form-templates';
import type { ImportCommitResponse, ImportPreview, ImportPreviewResponse } from '../../src/shared/api/imports';
import { draftTemplate, gridHeaderRows, type FormTemplate, type TemplateCorrections } from '../../src/shared/domain/form-template';
import type { TableGrid } from '../../src/shared/domain/table-grid';
import { createDepartment, startTestApp, type TestApp, type TestClient } from './support';

const DIR = join(__dirname, '..', 'documents', 'forms');
const file = (name: string) => ({ filename: name, data: readFileSync(join(DIR, name)) });
const TREE = ['130000,河北省', '130200,唐山市', '130202,路南区', '130213,丰南区'].join('\n');
const NAME = '青山县项目绩效任务单';

async function preview(client: TestClient, name: string): Promise<ImportPreviewResponse> {
  const res = await client.upload('/api/imports/preview', [file(name)]);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportPreviewResponse;
}

async function reread(client: TestClient, token: string, template: FormTemplate | null): Promise<ImportPreviewResponse> {
  const res = await client.post('/api/imports/reread', { token, upload: 0, template });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportPreviewResponse;
}

const rowWith = (grid: TableGrid, text: string) => grid.rows.findIndex((r) => r.cells.some((c) => c.text.startsWith(text)));
const cellWith = (grid: TableGrid, text: string) => {
  const row = rowWith(grid, text);
  return { row, cell: grid.rows[row]!.cells.findIndex((c) => c.text.startsWith(text)) };
};

function drafted(grid: TableGrid, c: TemplateCorrections): FormTemplate {
  const t = draftTemplate(grid, c);
  if (typeof t === 'string') throw new Error(t);
  return t;
}

/** What a person does in the preview of document a, as the browser does it: two re-reads. */
async function correct(client: TestClient): Promise<{ token: string; file: ImportPreview }> {
  const first = await preview(client, 'a.html');
  const grid = first.files[0]!.tables[0]!;
  // the header is two rows deep: 一级指标 … and 全年 | 上半年 under 预期成效
  const top = rowWith(grid, '一级指标');
  const corrections: TemplateCorrections = { name: NAME, headerRows: [top, top + 1], columns: [], rows: [], labels: [], nameFromHeading: false };
  const second = await reread(client, first.token, drafted(grid, corrections));
  const grid2 = second.files[0]!.tables[0]!;
  expect(grid2.columns.map((c) => c.path.join('›'))).toEqual(['一级指标', '二级指标', '三级指标', '预期成效›全年', '预期成效›上半年', '考评方式']);
  const full: TemplateCorrections = {
    ...corrections,
    headerRows: gridHeaderRows(grid2),
    columns: [
      { path: ['预期成效', '全年'], role: 'target' },
      { path: ['考评方式'], role: 'basis' },
    ],
    rows: [{ row: rowWith(grid2, '编制股室'), kind: 'signOff' }],
    labels: [
      { ...cellWith(grid2, '责任单位'), field: 'budgetDepartment' },
      { ...cellWith(grid2, '任务资金'), field: 'annualTotal' },
      { ...cellWith(grid2, '年度任务目标'), field: 'goals' },
    ],
    nameFromHeading: true,
  };
  const third = await reread(client, second.token, drafted(grid2, full));
  return { token: third.token, file: third.files[0]! };
}

interface Ctx {
  t: TestApp;
  county: TestClient;
  otherCounty: TestClient;
  city: TestClient;
  templateId: number;
}
let ctx: Ctx;

beforeAll(async () => {
  const t = await startTestApp();
  const admin = await t.client('admin');
  expect((await admin.post('/api/regions/import', { text: TREE })).statusCode).toBe(200);
  // the county's departments, set up by the administrator (the documents carry no codes to place them by)
  for (const name of ['青山县住房和城乡建设局', '青山县水利局']) {
    const id = await createDepartment(t.db, { name });
    await t.db.updateTable('department').set({ regionCode: '130202' }).where('id', '=', id).execute();
  }
  ctx = {
    t,
    county: await t.client('reviewer', { regionCode: '130202', displayName: '路南区绩效科' }),
    otherCounty: await t.client('reviewer', { regionCode: '130213' }),
    city: await t.client('reviewer', { regionCode: '130200' }),
    templateId: 0,
  };
}, 60_000);

describe('a misread form corrected once', () => {
  it('is misread with no help: no name, no budget, no target column (refused, doubted)', async () => {
    const p = (await preview(ctx.county, 'a.html')).files[0]!;
    expect(p.action).toBe('refused');
    expect(p.projects[0]!.reading.doubts.map((d) => d.code)).toContain('header-no-target');
    expect(p.tables[0]!.heading).toBe('（一）城区道路维修工程');
    expect(p.tables[0]!.template).toBeNull();
  });

  it('reads right with the corrections, is stored, and the corrections are saved as the county\'s 表样 (audited)', async () => {
    const { token, file: p } = await correct(ctx.county);
    expect([p.action, p.error, p.department?.name, p.year, p.doubted]).toEqual(['create', null, '青山县住房和城乡建设局', 2026, 0]);
    expect(p.projects.map((q) => [q.name, q.budgetTotalFen, q.reading.certain])).toEqual([['城区道路维修工程', 320_0000_00, true]]);
    expect(p.projects[0]!.indicators.map((i) => [i.level1, i.name, i.target])).toEqual([
      ['产出指标', '路面维修面积', '≥3.2万平方米'],
      ['产出指标', '工程验收合格率', '100%'],
      ['产出指标', '完工时间', '2026年10月底前'],
      ['效益指标', '城区道路完好率', '≥95%'],
      ['满意度指标', '沿线群众满意度', '≥90%'],
    ]);
    const grid = p.tables[0]!;
    expect(grid.template).toEqual({ id: null, name: NAME });
    expect(grid.rows.map((r) => r.kind)).toEqual(['form', 'form', 'form', 'header', 'header', 'indicator', 'indicator', 'indicator', 'indicator', 'indicator', 'signOff']);
    expect(p.draftTemplate?.name).toBe(NAME);

    const res = await ctx.county.post('/api/imports/commit', { token, saveTemplates: true });
    expect(res.statusCode, res.body).toBe(200);
    const committed = res.json() as ImportCommitResponse;
    expect(committed.files.map((f) => f.status)).toEqual(['imported']);
    expect(committed.templates).toEqual([{ name: NAME, saved: true, message: expect.stringContaining('已保存为表样') }]);
    const project = await ctx.t.db.selectFrom('project').select(['name', 'budgetTotal']).where('name', '=', '城区道路维修工程').executeTakeFirstOrThrow();
    expect(Number(project.budgetTotal)).toBe(320_0000_00);

    const list = (await ctx.county.get('/api/form-templates')).json().items as FormTemplateItem[];
    expect(list.map((i) => [i.name, i.regionName, i.status, i.manageable, i.header])).toEqual([
      [NAME, '路南区', 'active', true, '一级指标 | 二级指标 | 三级指标 | 预期成效 | 考评方式 / 全年 | 上半年'],
    ]);
    ctx.templateId = list[0]!.id;
    const detail = (await ctx.county.get(`/api/form-templates/${ctx.templateId}`)).json() as FormTemplateDetail;
    expect(detail.example?.rows.length).toBe(11);
    expect(detail.template.nameFromHeading).toEqual({ prefix: '', suffix: '' });
    const audit = await ctx.t.db.selectFrom('auditLog').select(['action', 'actor', 'detail']).where('entity', '=', 'form-template').execute();
    expect(audit.map((a) => [a.action, a.actor, JSON.parse(a.detail).name, JSON.parse(a.detail).region])).toEqual([['form-template.create', '路南区绩效科', NAME, '路南区']]);
  });

  it('a second document of the form, with other projects, reads right with no help and names the 表样', async () => {
    const p = (await preview(ctx.county, 'b.html')).files[0]!;
    expect([p.action, p.error, p.department?.name, p.doubted]).toEqual(['create', null, '青山县水利局', 0]);
    expect(p.projects.map((q) => [q.name, q.budgetTotalFen, q.indicators[0]!.target])).toEqual([
      ['农村饮水安全巩固提升', 186_5000_00, '≥42公里'],
      ['小型水库除险加固', 95_0000_00, '3座'],
    ]);
    expect(p.tables.map((g) => g.template)).toEqual([
      { id: ctx.templateId, name: NAME },
      { id: ctx.templateId, name: NAME },
    ]);
    expect(p.diagnostics.filter((d) => d.code === 'form-template').map((d) => d.message)).toEqual([
      `表“农村饮水安全巩固提升”按“${NAME}”表样读取`,
      `表“小型水库除险加固”按“${NAME}”表样读取`,
    ]);
    expect(p.formTemplates.map((f) => f.name)).toEqual([NAME]);
  });

  it('a third document of a slightly different form is offered the 表样, not read with it', async () => {
    const p = (await preview(ctx.county, 'c.html')).files[0]!;
    expect(p.tables[0]!.template).toBeNull();
    expect(p.tables[0]!.offers).toEqual([{ id: ctx.templateId, name: NAME, likeness: expect.any(Number) }]);
    expect(p.tables[0]!.offers[0]!.likeness).toBeGreaterThanOrEqual(60);
    expect(p.diagnostics.some((d) => d.code === 'form-template-offer' && d.message.includes(NAME))).toBe(true);
    expect(p.formTemplates.map((f) => f.id)).toEqual([ctx.templateId]);
  });
});

describe('region scoping', () => {
  it('applies in its region and below it, and to the 绩效科 above it; not in another county', async () => {
    const read = async (c: TestClient) => (await preview(c, 'b.html')).files[0]!.tables[0]!.template?.name ?? null;
    expect(await read(ctx.city)).toBe(NAME);
    expect(await read(ctx.otherCounty)).toBeNull();
    const departmentId = (await ctx.t.db.selectFrom('department').select('id').where('name', '=', '青山县水利局').executeTakeFirstOrThrow()).id;
    expect(await read(await ctx.t.client('editor', { departmentId }))).toBe(NAME);
  });

  it('the other county neither sees nor changes it; the city renames it; an editor and the administrators reach no 表样 route', async () => {
    expect((await ctx.otherCounty.get('/api/form-templates')).json().items).toEqual([]);
    expect((await ctx.otherCounty.get(`/api/form-templates/${ctx.templateId}`)).statusCode).toBe(404);
    expect((await ctx.otherCounty.patch(`/api/form-templates/${ctx.templateId}`, { name: '改名' })).statusCode).toBe(404);
    expect((await ctx.otherCounty.post(`/api/form-templates/${ctx.templateId}/retire`)).statusCode).toBe(404);

    const renamed = await ctx.city.patch(`/api/form-templates/${ctx.templateId}`, { name: '路南区项目绩效任务单' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((renamed.json() as FormTemplateDetail).name).toBe('路南区项目绩效任务单');
    // invisible characters go (issue 72): a right-to-left override, a zero-width space; a name of nothing else is none
    const hidden = await ctx.city.patch(`/api/form-templates/${ctx.templateId}`, { name: '路南区\u202E单务任\u200B效绩 ' });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect((hidden.json() as FormTemplateDetail).name).toBe('路南区单务任效绩');
    expect((await ctx.city.patch(`/api/form-templates/${ctx.templateId}`, { name: '\u200B\u202E' })).json().issues).toEqual([{ path: 'name', message: '请填写表样名称' }]);
    expect((await ctx.city.patch(`/api/form-templates/${ctx.templateId}`, { name: '路南区项目绩效任务单' })).statusCode).toBe(200);
    await ctx.city.patch(`/api/form-templates/${ctx.templateId}`, { name: NAME });

    const departmentId = (await ctx.t.db.selectFrom('department').select('id').where('name', '=', '青山县水利局').executeTakeFirstOrThrow()).id;
    const editor = await ctx.t.client('editor', { departmentId });
    expect((await editor.get('/api/form-templates')).statusCode).toBe(403);
    for (const role of ['admin', 'security', 'auditor'] as const) {
      const c = await ctx.t.client(role);
      expect((await c.get('/api/form-templates')).statusCode, role).toBe(403);
      expect((await c.post('/api/form-templates/import', { kind: 'jixiao-form-templates', version: 1, templates: [] })).statusCode, role).toBe(403);
    }
    // the province's 表样 are used below it, not changed there
    const province = await ctx.t.client('reviewer', { regionCode: '130000' });
    const exported = (await ctx.county.get('/api/form-templates/export')).json();
    const mine = (await province.post('/api/form-templates/import', { ...exported, templates: [{ ...exported.templates[0], name: '河北省\u202E任务单\u200B' }] })).json().created as FormTemplateItem[];
    const seen = ((await ctx.county.get('/api/form-templates')).json().items as FormTemplateItem[]).find((i) => i.id === mine[0]!.id)!;
    expect([seen.regionName, seen.manageable, seen.name]).toEqual(['河北省', false, '河北省任务单']);
    expect((await ctx.county.patch(`/api/form-templates/${seen.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await province.post(`/api/form-templates/${seen.id}/retire`)).statusCode).toBe(200);

    const actions = (await ctx.t.db.selectFrom('auditLog').select('action').where('entity', '=', 'form-template').orderBy('id').execute()).map((a) => a.action);
    expect(actions).toEqual(['form-template.create', 'form-template.rename', 'form-template.rename', 'form-template.rename', 'form-template.rename', 'form-template.create', 'form-template.retire']);
  });
});

describe('export, import and refusals', () => {
  it('exports a file another region imports, and its documents then read right there', async () => {
    const exported = await ctx.county.get('/api/form-templates/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    const imported = await ctx.otherCounty.post('/api/form-templates/import', exported.json());
    expect(imported.statusCode, imported.body).toBe(200);
    expect((imported.json().created as FormTemplateItem[]).map((i) => [i.name, i.regionName])).toEqual([[NAME, '丰南区']]);
    expect((await preview(ctx.otherCounty, 'b.html')).files[0]!.tables[0]!.template?.name).toBe(NAME);
    // the same header twice in one region: the whole file refused
    const again = await ctx.otherCounty.post('/api/form-templates/import', exported.json());
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已有表头相同的表样');
  });

  it('refuses hostile or malformed files with a message naming the place, storing nothing', async () => {
    const good = (await ctx.county.get('/api/form-templates/export')).json();
    const t0 = good.templates[0];
    const cases: [unknown, string][] = [
      ['not a file', '不是 Jixiao 表样文件'],
      [{ kind: 'other', version: 1, templates: [t0] }, '不是 Jixiao 表样文件'],
      [{ ...good, version: 2 }, '版本不受支持'],
      [{ ...good, templates: [] }, '没有表样'],
      [{ ...good, templates: [{ ...t0, header: [['一级指标', 'x'.repeat(500)]] }] }, '第 1 个表样'],
      [{ ...good, templates: [{ ...t0, header: Array.from({ length: 9 }, () => ['一级指标', '二级指标']) }] }, '最多 4 行'],
      [{ ...good, templates: [{ ...t0, columns: [{ path: ['一级指标'], role: 'eval("x")' }] }] }, '第 1 个表样'],
      [{ ...good, templates: [{ ...t0, rows: Array.from({ length: 300 }, (_, i) => ({ text: `行${i}`, kind: 'note' })) }] }, '200'],
      [{ ...good, templates: [{ ...t0, script: 'alert(1)' }] }, '第 1 个表样'],
      [{ ...good, templates: [{ ...t0, columns: [t0.columns[0], t0.columns[0]] }] }, '出现了两次'],
      [{ ...good, templates: [t0, { ...t0, name: '另一个' }] }, '表头相同'],
    ];
    const before = await ctx.t.db.selectFrom('formTemplate').select('id').execute();
    for (const [body, message] of cases) {
      const res = await ctx.city.post('/api/form-templates/import', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().message).toContain('表样文件有误');
      expect(res.json().message).toContain(message);
      expect(res.json().message, message).not.toMatch(/Invalid|expected|received/i);
    }
    expect(await ctx.t.db.selectFrom('formTemplate').select('id').execute()).toEqual(before);
  });

  it('a re-read with a malformed template or of another account\'s preview is refused; a retired 表样 reads nothing', async () => {
    const p = await preview(ctx.county, 'b.html');
    const bad = await ctx.county.post('/api/imports/reread', { token: p.token, upload: 0, template: { name: 'x', header: [], columns: [], rows: [], labels: [], nameFromHeading: null } });
    expect(bad.statusCode).toBe(400);
    expect((await ctx.city.post('/api/imports/reread', { token: p.token, upload: 0, template: null })).statusCode).toBe(404);
    expect((await ctx.county.post('/api/imports/reread', { token: p.token, upload: 3, template: null })).statusCode).toBe(404);
    // the token still works after the refusals
    expect((await ctx.county.post('/api/imports/reread', { token: p.token, upload: 0, template: null })).statusCode).toBe(200);

    expect((await ctx.county.post(`/api/form-templates/${ctx.templateId}/retire`)).statusCode).toBe(200);
    expect((await preview(ctx.county, 'b.html')).files[0]!.tables[0]!.template).toBeNull();
  });

  it('an editor\'s corrections read their own upload but are not saved as a 表样', async () => {
    const departmentId = (await ctx.t.db.selectFrom('department').select('id').where('name', '=', '青山县住房和城乡建设局').executeTakeFirstOrThrow()).id;
    const editor = await ctx.t.client('editor', { departmentId });
    const { token, file: p } = await correct(editor);
    expect(p.projects.map((q) => q.name)).toEqual(['城区道路维修工程']);
    const committed = (await editor.post('/api/imports/commit', { token, saveTemplates: true })).json() as ImportCommitResponse;
    expect(committed.templates).toEqual([{ name: NAME, saved: false, message: expect.stringContaining('财政局绩效科') }]);
  });
});
