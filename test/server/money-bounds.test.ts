/**
 * Money bounds end to end (issue 15): the API refuses an amount above 1000亿元 or below zero with a
 * message naming the field, and so does every path that writes amounts and percentages; the
 * pages that sum stored amounts answer exact totals, never 500, whatever the stored values.
 */
import { describe, expect, it } from 'vitest';
import { projectToInput } from '../../src/shared/api/project-input';
import { MAX_FEN } from '../../src/shared/domain/money';
import { chunks } from '../../src/server/db/rows';
import { loadProject } from '../../src/server/db/document.repository';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { snapshotDatabase } from '../db/helpers';
import { FIXTURES, readFixture } from '../support/fixtures';
import { buildIndicator, buildParsedDocument, buildProject, buildTarget } from '../factories';
import { startTestApp, type TestResponse } from './support';

const issuesOf = (res: TestResponse) => (res.json() as { issues: { path: string; message: string }[] }).issues;

describe('stored amounts at the bound, summed beyond 2^53 fen', () => {
  it('the department list, the department page, the dashboard, the region monitoring and the public pages answer exact totals', async () => {
    const t = await startTestApp();
    const { documentId } = await storeDocument(t.db, buildParsedDocument());
    const source = await t.db.selectFrom('project').selectAll().where('documentId', '=', documentId).executeTakeFirstOrThrow();
    const { id: _id, ...row } = source;
    // 1000 published projects of 1000亿元 each, written straight into the tables: 10^16 fen,
    // more than 2^53 (a JS number is no longer exact there), in one department and year.
    const n = 1000;
    await t.db.deleteFrom('project').where('documentId', '=', documentId).execute();
    for (const part of chunks(Array.from({ length: n }, (_, i) => i), 100)) {
      await t.db
        .insertInto('project')
        .values(part.map((position) => ({ ...row, position, budgetTotal: MAX_FEN, budgetFiscal: MAX_FEN, budgetOther: MAX_FEN, status: 'published' as const })))
        .execute();
    }
    const ids = (await t.db.selectFrom('project').select('id').where('documentId', '=', documentId).execute()).map((r) => r.id);
    const at = new Date().toISOString();
    for (const part of chunks(ids, 100)) {
      await t.db
        .insertInto('executionRecord')
        .values(part.map((projectId) => ({ projectId, asOf: '2025-06-30', spent: MAX_FEN, createdAt: at, createdBy: 'x', updatedAt: at, updatedBy: 'x' })))
        .execute();
    }
    const total = Number(BigInt(n) * BigInt(MAX_FEN));
    expect(total).toBeGreaterThan(Number.MAX_SAFE_INTEGER);

    const reviewer = await t.client('reviewer');
    const get = async (url: string, client = reviewer) => {
      const res = await client.get(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
      return res.json();
    };
    const departments = await get('/api/departments');
    expect(departments.items).toHaveLength(1);
    expect(departments.items[0]).toMatchObject({ projectCount: n, budgetTotalFen: total, fiscalFen: total, otherFen: total });
    const department = await get(`/api/departments/${departments.items[0].id}`);
    expect(JSON.stringify(department)).toContain(`"budgetTotalFen":${total}`);
    const dashboard = await get('/api/dashboard?year=2025');
    expect(dashboard.totals).toStrictEqual({ departments: 1, projects: n, budgetTotalFen: total });
    expect(dashboard.groups[0].budgetTotalFen).toBe(total);
    const region = await get('/api/monitoring/region?year=2025&asOf=2025-06-30');
    expect(region.totals).toMatchObject({ projectCount: n, reportedCount: n, budgetTotalFen: total, reportedBudgetFen: total, spentTotalFen: total, executionRatePercent: 100 });
    expect(region.departments[0].totals.budgetTotalFen).toBe(total);
    expect((await get(`/api/departments/${departments.items[0].id}/monitoring?year=2025&asOf=2025-06-30`)).totals.spentTotalFen).toBe(total);
    const anon = t.client();
    expect((await get('/api/public/departments', anon)).items[0].budgetTotalFen).toBe(total);
    expect((await get(`/api/public/departments/${departments.items[0].id}`, anon)).budgetTotalFen).toBe(total);
    expect((await get('/api/projects?pageSize=5')).total).toBe(n);
  }, 120_000);
});

describe('the import refuses amounts out of bounds in its store step', () => {
  it('a document with a negative budget: the preview names it and refuses the file, the commit stores nothing', async () => {
    const t = await startTestApp();
    const text = readFixture(FIXTURES.f000).toString('utf8');
    const negative = text.replace('\t预算数\n\t10.00', '\t预算数\n\t-10.00');
    expect(negative).not.toBe(text);
    const reviewer = await t.client('reviewer');
    const preview = await reviewer.upload('/api/imports/preview', [{ filename: 'negative.txt', data: negative }]);
    expect(preview.statusCode, preview.body).toBe(200);
    const [file] = preview.json().files;
    expect(file.action).toBe('refused');
    expect(file.error).toMatch(/^negative\.txt:\d+: 项目“.+”的预算数为 -10\.00 万元：金额不能为负数/);
    expect(file.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'amount-out-of-range' }));
    const commit = await reviewer.post('/api/imports/commit', { token: preview.json().token });
    expect(commit.json().files.map((f: { status: string }) => f.status)).toStrictEqual(['refused']);
    expect(await t.db.selectFrom('document').select('id').execute()).toStrictEqual([]);
  });
});

describe('the API refuses amounts and percentages out of bounds, naming the field', () => {
  async function setup() {
    const t = await startTestApp();
    const doc = buildParsedDocument({
      projects: [
        buildProject({
          indicators: [
            buildIndicator({ level1: '产出指标', level2: '质量指标', level1Raw: '产出指标', level2Raw: '质量指标', name: '验收合格率', target: buildTarget({ raw: '≥95%', operator: '≥', value: 95, valueText: '95', unit: '%' }) }),
          ],
        }),
      ],
    });
    const { documentId } = await storeDocument(t.db, doc);
    const project = await t.db.selectFrom('project').select(['id']).where('documentId', '=', documentId).executeTakeFirstOrThrow();
    const departmentId = (await t.db.selectFrom('document').select('departmentId').where('id', '=', documentId).executeTakeFirstOrThrow()).departmentId!;
    const editor = await t.client('editor', { departmentId });
    return { t, id: project.id, editor };
  }

  it('a project save: the budget, the plan, and what the plan derives from them', async () => {
    const { t, id, editor } = await setup();
    const input = projectToInput((await loadProject(t.db, id))!);
    const before = await snapshotDatabase(t.db);
    const save = (project: typeof input) => editor.put(`/api/projects/${id}`, { version: 1, project });

    const above = await save({ ...input, budget: { ...input.budget, total: MAX_FEN + 1 } });
    expect(above.statusCode).toBe(400);
    expect(issuesOf(above)).toContainEqual({ path: 'project.budget.total', message: '金额超过上限（1000亿元）' });
    const negative = await save({ ...input, budget: { ...input.budget, fiscal: -1 } });
    expect(issuesOf(negative)).toContainEqual({ path: 'project.budget.fiscal', message: '金额不能为负数' });
    const percent = await save({ ...input, spendingPlan: [{ checkpoint: '03', percent: -5, amount: null }] });
    expect(issuesOf(percent)).toContainEqual({ path: 'project.spendingPlan.0.percent', message: '百分比不能为负数' });
    // 1000 % of a budget at the bound is an amount above it; an amount over a budget of 1 fen a percent above 1000 %.
    const derivedAmount = await save({ ...input, budget: { total: MAX_FEN, fiscal: null, other: null }, spendingPlan: [{ checkpoint: '12', percent: 1000, amount: null }] });
    expect(derivedAmount.statusCode).toBe(400);
    expect(issuesOf(derivedAmount)[0]).toMatchObject({ path: 'project.spendingPlan.3.amount', message: expect.stringContaining('资金支出计划（12月底）金额为 100000000.00 万元：金额超过上限（1000亿元）') });
    const derivedPercent = await save({ ...input, budget: { total: 1, fiscal: null, other: null }, spendingPlan: [{ checkpoint: '06', percent: null, amount: 100 }] });
    expect(issuesOf(derivedPercent)[0]).toMatchObject({ path: 'project.spendingPlan.1.percent', message: expect.stringContaining('比例为 10000%：百分比超过上限（1000%）') });
    expect(await snapshotDatabase(t.db)).toStrictEqual(before);

    const atBound = await save({ ...input, budget: { total: MAX_FEN, fiscal: MAX_FEN, other: 0 } });
    expect(atBound.statusCode, atBound.body).toBe(200);
  });

  it('an execution record and a self-evaluation: spending above the bound, a negative percentage', async () => {
    const { t, id, editor } = await setup();
    await t.db.updateTable('project').set({ status: 'approved' }).where('id', '=', id).execute();
    const indicatorId = (await t.db.selectFrom('indicator').select('id').where('projectId', '=', id).executeTakeFirstOrThrow()).id;
    const before = await snapshotDatabase(t.db);

    const spent = await editor.put(`/api/projects/${id}/execution-records/2025-06-30`, { spentFen: MAX_FEN + 1, indicators: [] });
    expect(spent.statusCode).toBe(400);
    expect(issuesOf(spent)).toContainEqual({ path: 'spentFen', message: '金额超过上限（1000亿元）' });
    const rate = await editor.put(`/api/projects/${id}/execution-records/2025-06-30`, { spentFen: 0, indicators: [{ indicatorId, projected: '-5%' }] });
    expect(rate.statusCode).toBe(400);
    expect(issuesOf(rate)).toContainEqual({ path: 'indicators.0.projected', message: '指标“验收合格率”的全年预计完成值不能为负数' });
    const actual = await editor.put(`/api/projects/${id}/self-evaluation`, { spentFen: 0, indicators: [{ indicatorId, actual: { kind: 'value', value: '-1' } }] });
    expect(actual.statusCode).toBe(400);
    expect(issuesOf(actual)).toContainEqual({ path: 'indicators.0.actual.value', message: '指标“验收合格率”的实际完成值不能为负数' });
    expect(await snapshotDatabase(t.db)).toStrictEqual(before);

    const ok = await editor.put(`/api/projects/${id}/execution-records/2025-06-30`, { spentFen: MAX_FEN, indicators: [{ indicatorId, projected: '96%' }] });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
