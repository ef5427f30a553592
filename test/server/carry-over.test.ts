/**
 * 下年目标 through the API: an editor starts next year's table from an approved project with a
 * monitoring round and a self-evaluation; the draft carries the indicators with this year's targets,
 * last year's actual values are shown beside them, the audit log names who did it; refusals (not
 * approved, next year's already there, another department's, a reviewer), the department's batch,
 * and a later import of the department's next-year document replacing the carried draft.
 */
import { describe, expect, it } from 'vitest';
import type { CarryOverInfo, CarryOverResult, DepartmentCarryOverResult } from '../../src/shared/api/carry-over';
import type { ProjectRecord } from '../../src/shared/api/projects';
import { projectToInput } from '../../src/shared/api/project-input';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { storeDocument } from '../../src/server/modules/imports/store.service';
import { carryOverDepartment } from '../../src/server/modules/carry-over/carry-over.service';
import { insertRectification } from '../../src/server/db/rectification.repository';
import { snapshotDatabase } from '../db/helpers';
import { buildParsedDocument, fakeSha256 } from '../factories';
import { indicator, monitoringProject, storeMonitoringDocument } from './monitoring-fixtures';
import { createDepartment, startTestApp, testClock } from './support';

const DEPT = { code: '763001', name: '中共唐山市路南区委社会工作部' };

async function setup() {
  const t = await startTestApp({ clock: testClock(new Date('2026-02-01T02:00:00.000Z')) });
  const { projects } = await storeMonitoringDocument(t.db, [monitoringProject(1), monitoringProject(2), monitoringProject(3)], DEPT, 2025);
  const [p1, p2, p3] = projects as [(typeof projects)[0], (typeof projects)[0], (typeof projects)[0]];
  await t.db.updateTable('project').set({ status: 'published' }).where('id', '=', p2.id).execute();
  await t.db.updateTable('project').set({ status: 'draft' }).where('id', '=', p3.id).execute();
  const departmentId = (await t.db.selectFrom('department').select('id').where('code', '=', DEPT.code).executeTakeFirstOrThrow()).id;
  const editor = await t.client('editor', { departmentId, displayName: '张填报' });
  const reviewer = await t.client('reviewer');
  // p1: a monitoring round (July) and a self-evaluation with actuals for two indicators.
  const [count, cost, benefit, satisfaction] = p1.indicators.map((i) => i.id);
  const round = await reviewer.put(`/api/projects/${p1.id}/execution-records/2025-07-31`, {
    spentFen: 480_000_00,
    indicators: [
      { indicatorId: count, valueToDate: 600 },
      { indicatorId: cost, valueToDate: 48 },
      { indicatorId: satisfaction, projected: 88 },
    ],
  });
  expect(round.statusCode, round.body).toBe(200);
  const se = await reviewer.put(`/api/projects/${p1.id}/self-evaluation`, {
    spentFen: 1_150_000_00,
    indicators: [
      { indicatorId: count, actual: { kind: 'value', value: 1200 }, deviationCause: '需求增加' },
      { indicatorId: benefit, actual: { kind: 'graded', grade: '达成', percent: 90 } },
    ],
  });
  expect(se.statusCode, se.body).toBe(200);
  return { t, p1, p2, p3, departmentId, editor, reviewer };
}

describe('POST /api/projects/:id/carry-over', () => {
  it('starts next year’s draft with this year’s targets and shows the actual values beside them', async () => {
    const { t, p1, departmentId, editor } = await setup();
    const res = await editor.post(`/api/projects/${p1.id}/carry-over`);
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json() as CarryOverResult;
    expect(result).toMatchObject({
      project: { year: 2026, name: '监控测试项目1', status: 'draft', departmentId },
      source: { id: p1.id, year: 2025 },
      indicators: 5,
      withActual: 4,
      yearsMoved: 1,
      openRectifications: [],
    });

    const record = (await editor.get(`/api/projects/${result.project.id}`)).json() as ProjectRecord;
    expect(record.year).toBe(2026);
    expect(record.editable).toBe(true);
    expect(record.allowedActions).toContain('submit');
    expect(record.project.code).toBeNull();
    expect(record.project.budget).toStrictEqual({ total: null, fiscal: null, other: null });
    expect(record.project.indicators.map((i) => [i.name, i.target.raw, i.basis])).toStrictEqual([
      ['培训人次', '≥1000人次', '历史标准：2025年实际完成值1200人次'],
      ['项目成本', '≤120万元', '历史标准：2025年截至2025-07-31完成值48万元'],
      ['社会效益', '显著提高', '历史标准：2025年实际完成情况为达成（90%）'],
      ['群众满意度', '≥85%', '历史标准：2025年预计全年完成值（2025-07-31监控）88%'],
      ['完成时间', '2026年12月底前', '计划标准'],
    ]);

    const info = (await editor.get(`/api/projects/${result.project.id}/carry-over`)).json() as CarryOverInfo;
    expect(info.basis?.source).toMatchObject({ id: p1.id, year: 2025, status: 'approved', isCurrent: true, budget: { total: 120_000_000 } });
    expect(info.basis?.createdBy).toBe('张填报');
    expect(info.basis?.indicators.map((i) => [i.target, i.actual?.text ?? null, i.actual?.source ?? null, i.actual?.date ?? null])).toStrictEqual([
      ['≥1000人次', '1200人次', 'self-evaluation', '2026-02-01'],
      ['≤120万元', '48万元', 'monitoring', '2025-07-31'],
      ['显著提高', '达成（90%）', 'self-evaluation', '2026-02-01'],
      ['≥85%', '88%', 'monitoring', '2025-07-31'],
      ['2025年12月底前', null, null, null],
    ]);
    expect(info.basis?.openRectifications).toStrictEqual([]);
    expect(info.canCarryOver).toBe(false);

    // The source now knows its next year's project and refuses a second carry-over.
    const sourceInfo = (await editor.get(`/api/projects/${p1.id}/carry-over`)).json() as CarryOverInfo;
    expect(sourceInfo.next.map((n) => n.id)).toStrictEqual([result.project.id]);
    expect(sourceInfo.canCarryOver).toBe(false);
    expect(sourceInfo.refusal).toContain('已有 2026 年项目“监控测试项目1”');

    const audit = await listAuditEntries(t.db, { entity: 'project', entityId: result.project.id });
    expect(audit.map((a) => [a.action, a.actor, a.actorUsername !== null])).toStrictEqual([['project.carryOver', '张填报', true]]);
    expect(audit[0]!.detail).toStrictEqual({ sourceProjectId: p1.id, sourceName: '监控测试项目1', sourceYear: 2025, year: 2026, indicators: 5, withActual: 4, yearsMoved: 1 });
    const imports = await listAuditEntries(t.db, { entity: 'document' });
    expect(imports.at(-1)).toMatchObject({ action: 'document.import', actor: '张填报', detail: { carryOverFrom: p1.id, year: 2026 } });
  });

  it('carries this year’s rectification items still open, with their status on the day (逾期 past the deadline), not the closed ones', async () => {
    const { t, p1, departmentId, editor } = await setup();
    const item = (key: string, status: 'pending' | 'closed', deadline: string) =>
      insertRectification(t.db, { projectId: p1.id, departmentId, sourceKind: 'finding', sourceKey: key, sourceText: `问题${key}`, requirement: null, ownerPerson: null, deadline, status, createdAt: '2025-09-01T00:00:00.000Z', createdBy: '财政局绩效科' });
    const overdue = await item('a', 'pending', '2026-01-15');
    const open = await item('b', 'pending', '2026-03-31');
    await item('c', 'closed', '2025-12-31');
    const result = (await editor.post(`/api/projects/${p1.id}/carry-over`)).json() as CarryOverResult;
    const expected = [
      { id: overdue, title: '问题a', status: '逾期' },
      { id: open, title: '问题b', status: '待整改' },
    ];
    expect(result.openRectifications).toStrictEqual(expected);
    const info = (await editor.get(`/api/projects/${result.project.id}/carry-over`)).json() as CarryOverInfo;
    expect(info.basis?.openRectifications.map((r) => r.id)).toStrictEqual([overdue, open]);
  });

  it('lets the editor change targets, save and submit the carried draft', async () => {
    const { p1, editor } = await setup();
    const { project } = (await editor.post(`/api/projects/${p1.id}/carry-over`)).json() as CarryOverResult;
    const record = (await editor.get(`/api/projects/${project.id}`)).json() as ProjectRecord;
    const input = projectToInput(record.project);
    input.indicators[0]!.targetRaw = '≥1200人次';
    input.budget = { total: 130_000_000, fiscal: 130_000_000, other: null };
    const saved = await editor.put(`/api/projects/${project.id}`, { version: record.version, project: input });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = saved.json() as ProjectRecord;
    expect(after.project.indicators[0]!.target.raw).toBe('≥1200人次');
    expect(after.project.spendingPlan.map((c) => c.amount)).toStrictEqual([32_500_000, 65_000_000, 97_500_000, 130_000_000]);
    const submitted = await editor.post(`/api/projects/${project.id}/actions`, { action: 'submit', version: after.version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((submitted.json() as ProjectRecord).status).toBe('submitted');
    // Last year's values still beside it (matched by the indicator's name).
    const info = (await editor.get(`/api/projects/${project.id}/carry-over`)).json() as CarryOverInfo;
    expect(info.basis?.indicators[0]?.actual?.text).toBe('1200人次');
  });

  it('refuses a project that is not approved, a second carry-over, a reviewer and another department’s editor, writing nothing', async () => {
    const { t, p1, p3, editor, reviewer } = await setup();
    const otherDept = await createDepartment(t.db, { code: '763099', name: '其他单位' });
    const stranger = await t.client('editor', { departmentId: otherDept });
    const before = await snapshotDatabase(t.db);
    const draft = await editor.post(`/api/projects/${p3.id}/carry-over`);
    expect(draft.statusCode).toBe(409);
    expect(draft.json().message).toBe('项目“监控测试项目3”状态为“草稿”，审核通过（已审核或已公开）后才能以其为基础编制下年目标');
    const byReviewer = await reviewer.post(`/api/projects/${p1.id}/carry-over`);
    expect(byReviewer.statusCode).toBe(403);
    expect(byReviewer.json().message).toContain('没有权限编制下年目标');
    expect((await stranger.post(`/api/projects/${p1.id}/carry-over`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/projects/${p1.id}/carry-over`)).statusCode).toBe(404);
    expect((await editor.post('/api/projects/999999/carry-over')).statusCode).toBe(404);
    expect((await t.client().post(`/api/projects/${p1.id}/carry-over`)).statusCode).toBe(401);
    const { session: _a, ...was } = before;
    const { session: _b, ...now } = await snapshotDatabase(t.db);
    expect(now).toStrictEqual(was);

    expect((await editor.post(`/api/projects/${p1.id}/carry-over`)).statusCode).toBe(201);
    const again = await editor.post(`/api/projects/${p1.id}/carry-over`);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('中共唐山市路南区委社会工作部已有 2026 年项目“监控测试项目1”（草稿），不能重复编制；请在该项目上修改');
  });

  it('refuses when next year’s project of the same name was imported, and a later import replaces a carried draft', async () => {
    const { t, p1, p2, editor } = await setup();
    const carried = (await editor.post(`/api/projects/${p2.id}/carry-over`)).json() as CarryOverResult;
    const next = buildParsedDocument({
      sha256: fakeSha256('next year'),
      year: 2026,
      department: { ...DEPT, source: { line: 1 } },
      projects: [monitoringProject(1, { code: '13020226P000000000001', year: 2026 }), monitoringProject(2, { code: '13020226P000000000002', year: 2026 })].map((p) => ({
        ...p,
        department: DEPT,
      })),
    });
    await storeDocument(t.db, next, { actor: 'importer' });
    const refused = await editor.post(`/api/projects/${p1.id}/carry-over`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('已有 2026 年项目“监控测试项目1”');
    // The department's document of 2026 covers project 2: the carried draft is history now.
    const draft = (await editor.get(`/api/projects/${carried.project.id}`)).json() as ProjectRecord;
    expect(draft.isCurrent).toBe(false);
  });
});

describe('POST /api/departments/:id/carry-over', () => {
  it('carries every approved and published project of the year and says why the others were not', async () => {
    const { t, p1, p2, p3, departmentId, editor } = await setup();
    await editor.post(`/api/projects/${p1.id}/carry-over`);
    const res = await editor.post(`/api/departments/${departmentId}/carry-over`, { fromYear: 2025 });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json() as DepartmentCarryOverResult;
    expect(result.toYear).toBe(2026);
    expect(result.created.map((c) => c.source.id)).toStrictEqual([p2.id]);
    expect(result.skipped.map((s) => [s.id, s.reason])).toStrictEqual([
      [p1.id, '中共唐山市路南区委社会工作部已有 2026 年项目“监控测试项目1”（草稿），不能重复编制；请在该项目上修改'],
      [p3.id, '项目“监控测试项目3”状态为“草稿”，审核通过（已审核或已公开）后才能以其为基础编制下年目标'],
    ]);
    const list = (await editor.get(`/api/projects?year=2026&department=${departmentId}`)).json() as { total: number };
    expect(list.total).toBe(2);
    // A year without projects carries nothing; bad input is a Chinese 400.
    expect(((await editor.post(`/api/departments/${departmentId}/carry-over`, { fromYear: 2019 })).json() as DepartmentCarryOverResult).created).toStrictEqual([]);
    const bad = await editor.post(`/api/departments/${departmentId}/carry-over`, { fromYear: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/[\u4e00-\u9fff]/);
    const otherDept = await createDepartment(t.db, { code: '763098', name: '另一单位' });
    expect((await editor.post(`/api/departments/${otherDept}/carry-over`, { fromYear: 2025 })).statusCode).toBe(404);
  });

  it('reports progress project by project (the CLI’s batch)', async () => {
    const { t, departmentId } = await setup();
    const seen: string[] = [];
    const result = await carryOverDepartment(t.db, departmentId, 2025, {
      actor: 'cli',
      now: new Date('2026-02-02T00:00:00.000Z'),
      onProgress: (done, total, o) => seen.push(`${done}/${total} ${o.created ? '✓' : '✗'} ${o.name}`),
    });
    expect(seen).toStrictEqual(['1/3 ✓ 监控测试项目1', '2/3 ✓ 监控测试项目2', '3/3 ✗ 监控测试项目3']);
    expect(result.created.map((c) => c.withActual)).toStrictEqual([4, 0]);
    const audit = await listAuditEntries(t.db, { entity: 'project', entityId: result.created[0]!.project.id });
    expect(audit.map((a) => [a.action, a.actor, a.actorUserId])).toStrictEqual([['project.carryOver', 'cli', null]]);
  });
});

describe('indicator edge cases', () => {
  it('carries a project without monitoring data: targets kept, no actual beside them, basis unchanged', async () => {
    const t = await startTestApp();
    const { projects } = await storeMonitoringDocument(
      t.db,
      [monitoringProject(7, { indicators: [indicator('产出指标', '数量指标', '2025年新建站点', '≥3个', { basis: '计划标准' })] })],
      { code: '763002', name: '测试单位二' },
      2025,
    );
    const { departmentId } = await t.db
      .selectFrom('project')
      .innerJoin('document', 'document.id', 'project.documentId')
      .select('document.departmentId')
      .where('project.id', '=', projects[0]!.id)
      .executeTakeFirstOrThrow();
    const editor = await t.client('editor', { departmentId: departmentId! });
    const res = await editor.post(`/api/projects/${projects[0]!.id}/carry-over`);
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as CarryOverResult).project.id;
    const record = (await editor.get(`/api/projects/${id}`)).json() as ProjectRecord;
    expect(record.project.indicators.map((i) => [i.name, i.target.raw, i.basis])).toStrictEqual([['2026年新建站点', '≥3个', '计划标准']]);
    const info = (await editor.get(`/api/projects/${id}/carry-over`)).json() as CarryOverInfo;
    expect(info.basis?.indicators.map((i) => [i.name, i.actual])).toStrictEqual([['2025年新建站点', null]]);
  });
});

describe('OpenAPI', () => {
  it('describes the carry-over routes with Chinese summaries', async () => {
    const t = await startTestApp();
    const doc = (await t.client().get('/api/docs/json')).json() as { paths: Record<string, Record<string, { summary?: string }>> };
    const summaries = [doc.paths['/api/projects/{id}/carry-over']?.get, doc.paths['/api/projects/{id}/carry-over']?.post, doc.paths['/api/departments/{id}/carry-over']?.post].map(
      (op) => op?.summary ?? '',
    );
    expect(summaries.map((s) => /下年/.test(s))).toStrictEqual([true, true, true]);
  });
});
