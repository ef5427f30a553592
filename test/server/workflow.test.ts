import { describe, expect, it } from 'vitest';
import type { ProjectListResponse, ProjectRecord } from '../../src/shared/api/projects';
import { commentsFromFindings, returnRounds } from '../../src/web/lib/returns';
import { snapshotDatabase } from '../db/helpers';
import { importAllFixtures } from './domain-support';
import { startTestApp, type TestClient } from './support';

async function setup() {
  const t = await startTestApp();
  const fx = await importAllFixtures(t.db);
  const editor = await t.client('editor', { departmentId: fx.f000.departmentId, displayName: '张填报' });
  const reviewer = await t.client('reviewer', { displayName: '李审核' });
  return { t, fx, editor, reviewer };
}

async function act(client: TestClient, id: number, body: Record<string, unknown>): Promise<ProjectRecord> {
  const res = await client.post(`/api/projects/${id}/actions`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ProjectRecord;
}

describe('the workflow', () => {
  it('goes submit → return with field comments → resubmit → approve → publish, and the public sees it', async () => {
    const { t, fx, editor, reviewer } = await setup();
    const anon = t.client();
    const id = fx.f000.projectIds[1]!;
    expect((await anon.get(`/api/public/projects/${id}`)).statusCode).toBe(404);

    t.clock.set(new Date('2025-03-01T01:00:00Z'));
    let rec = await act(editor, id, { action: 'submit', version: 1 });
    expect(rec).toMatchObject({ status: 'submitted', version: 2, updatedBy: '张填报', editable: false, allowedActions: [] });
    expect((await reviewer.get(`/api/projects/${id}`)).json().allowedActions).toStrictEqual(['return', 'approve']);

    t.clock.set(new Date('2025-03-02T01:00:00Z'));
    rec = await act(reviewer, id, {
      action: 'return',
      version: 2,
      comment: '请完善指标',
      comments: [
        { field: 'indicator:2.target', text: '指标值请写明单位' },
        { field: 'budget.total', text: '预算数与资金来源核对' },
      ],
    });
    expect(rec).toMatchObject({ status: 'returned', version: 3 });
    const returnEvent = rec.events.at(-1)!;
    expect(returnEvent).toMatchObject({ fromStatus: 'submitted', toStatus: 'returned', actor: '李审核', at: '2025-03-02T01:00:00.000Z', comment: '请完善指标' });
    expect(rec.comments).toStrictEqual([
      { id: expect.any(Number), field: 'indicator:2.target', text: '指标值请写明单位', author: '李审核', at: '2025-03-02T01:00:00.000Z', eventId: returnEvent.id },
      { id: expect.any(Number), field: 'budget.total', text: '预算数与资金来源核对', author: '李审核', at: '2025-03-02T01:00:00.000Z', eventId: returnEvent.id },
    ]);
    const edit = await editor.get(`/api/projects/${id}`);
    expect(edit.json()).toMatchObject({ editable: true, allowedActions: ['submit'] });

    // The editor fixes the target, then resubmits.
    const project = (edit.json() as ProjectRecord).project;
    const indicators = project.indicators.map((ind, i) => ({
      level1Raw: ind.level1Raw,
      level2Raw: ind.level2Raw,
      name: ind.name,
      description: ind.description,
      targetRaw: i === 2 ? '≥95%' : ind.target.raw,
      basis: ind.basis,
      origin: i,
    }));
    const saved = await editor.put(`/api/projects/${id}`, {
      version: 3,
      project: { code: project.code, name: project.name, budget: project.budget, purpose: project.purpose, spendingPlan: project.spendingPlan, goals: project.goals, indicators },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    rec = await act(editor, id, { action: 'submit', version: 4 });
    expect(rec.status).toBe('submitted');
    rec = await act(reviewer, id, { action: 'approve', version: 5, comment: '同意' });
    expect(rec).toMatchObject({ status: 'approved', allowedActions: ['publish'] });
    expect((await anon.get(`/api/public/projects/${id}`)).statusCode).toBe(404);
    rec = await act(reviewer, id, { action: 'publish', version: 6 });
    expect(rec.status).toBe('published');

    expect(rec.events.map((e) => [e.fromStatus, e.toStatus, e.actor])).toStrictEqual([
      ['draft', 'submitted', '张填报'],
      ['submitted', 'returned', '李审核'],
      ['returned', 'submitted', '张填报'],
      ['submitted', 'approved', '李审核'],
      ['approved', 'published', '李审核'],
    ]);
    // The audit log comes newest first.
    const audit = [...rec.audit.items].reverse();
    expect(rec.audit.total).toBe(6);
    expect(audit.map((a) => a.action)).toStrictEqual(['project.submit', 'project.return', 'project.update', 'project.submit', 'project.approve', 'project.publish']);
    expect(audit[1]!.detail).toMatchObject({ before: { status: 'submitted' }, after: { status: 'returned' }, comment: '请完善指标' });
    expect(audit[2]!.detail).toMatchObject({ before: { indicators: expect.any(Array) }, after: { indicators: expect.any(Array) } });

    const pub = await anon.get(`/api/public/projects/${id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ id, year: 2025, department: { id: fx.f000.departmentId }, project: { name: '城市社区工作者薪酬经费' } });
    expect(pub.json().project.indicators[2].target.raw).toBe('≥95%');
    const list = (await anon.get('/api/public/projects')).json();
    expect(list.items.map((p: { id: number }) => p.id)).toStrictEqual([id]);

    // Unpublishing takes it off the public pages again.
    rec = await act(reviewer, id, { action: 'unpublish', version: 7 });
    expect(rec.status).toBe('approved');
    expect((await anon.get(`/api/public/projects/${id}`)).statusCode).toBe(404);
  });

  it('refuses actions from the wrong status (409), by the wrong role (403), and a return without comments (400), writing nothing', async () => {
    const { t, fx, editor, reviewer } = await setup();
    const admin = await t.client('admin');
    const id = fx.f000.projectIds[0]!;
    const snapshot = await snapshotDatabase(t.db);
    const refused = async (client: TestClient, body: Record<string, unknown>, status: number, code: string) => {
      const res = await client.post(`/api/projects/${id}/actions`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().code).toBe(code);
      return res.json();
    };
    expect((await refused(reviewer, { action: 'approve', version: 1 }, 409, 'invalid-transition')).message).toBe('项目当前状态为“草稿”，不能执行“审核通过”');
    await refused(reviewer, { action: 'submit', version: 1 }, 403, 'forbidden');
    await refused(editor, { action: 'publish', version: 1 }, 403, 'forbidden');
    await refused(editor, { action: 'submit', version: 7 }, 409, 'stale-version');
    await refused(editor, { action: 'launch', version: 1 }, 400, 'validation');
    // 三员分立: the system administrator takes no business action
    expect((await refused(admin, { action: 'submit', version: 1 }, 403, 'forbidden')).message).toMatch(/三员分立/);
    expect(await snapshotDatabase(t.db)).toStrictEqual(snapshot);

    await act(editor, id, { action: 'submit', version: 1 });
    await refused(editor, { action: 'approve', version: 2 }, 403, 'forbidden');
    const noComment = await refused(reviewer, { action: 'return', version: 2, comment: '   ' }, 400, 'validation');
    expect(noComment.issues).toStrictEqual([{ path: 'comment', message: '退回时请填写意见，或在表中至少批注一处' }]);
    await refused(reviewer, { action: 'return', version: 2, comments: [{ field: 'indicator:99.target', text: 'x' }] }, 400, 'validation');
    await refused(reviewer, { action: 'return', version: 2, comments: [{ field: 'password', text: 'x' }] }, 400, 'validation');
    await refused(editor, { action: 'submit', version: 2 }, 409, 'invalid-transition');
    // a field comment alone is enough to return
    expect((await act(reviewer, id, { action: 'return', version: 2, comments: [{ field: 'purpose', text: '请具体说明' }] })).status).toBe('returned');
  });

  it('stores comments on any field of the project and of each indicator row (issue 34), audited, and the review findings become them', async () => {
    const { t, fx, editor, reviewer } = await setup();
    const id = fx.f000.projectIds[0]!;
    await act(editor, id, { action: 'submit', version: 1 });
    const submitted = (await reviewer.get(`/api/projects/${id}`)).json() as ProjectRecord;
    const fields = ['code', 'budget.fiscal', 'budget.other', 'spendingPlan.06', 'goals', 'indicators', 'indicator:0', 'indicator:0.level1', 'indicator:0.level2', 'indicator:1.description', 'indicator:1.basis'];
    // … and the findings of its review, as 由审核意见生成 makes them
    const generated = commentsFromFindings(submitted.findings.filter((f) => f.projectIndex !== null));
    expect(generated.comments.length + generated.general.length).toBe(submitted.findings.filter((f) => f.projectIndex !== null).length);
    const comments = [...fields.map((field) => ({ field, text: `对${field}的意见` })), ...generated.comments];
    const rec = await act(reviewer, id, { action: 'return', version: 2, comment: generated.general.join('\n') || null, comments });
    expect(rec.comments.map((c) => [c.field, c.text])).toStrictEqual(comments.map((c) => [c.field, c.text]));
    const audit = await t.db.selectFrom('auditLog').select(['action', 'detail']).where('entityId', '=', id).where('action', '=', 'project.return').executeTakeFirstOrThrow();
    expect(JSON.parse(String(audit.detail)).comments).toHaveLength(comments.length);
    // an indicator the project does not have is refused at its comment
    const res = await editor.post(`/api/projects/${id}/actions`, { action: 'submit', version: 3 });
    expect(res.statusCode).toBe(200);
    const n = submitted.project.indicators.length;
    const refused = await reviewer.post(`/api/projects/${id}/actions`, { action: 'return', version: 4, comments: [{ field: `indicator:${n}.level2`, text: 'x' }] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().issues[0].path).toBe('comments.0.field');
  });

  it('lets only one of two simultaneous actions on the same version through', async () => {
    const { t, fx, editor, reviewer } = await setup();
    const other = await t.client('reviewer', { displayName: '王审核' });
    const id = fx.f000.projectIds[0]!;
    await act(editor, id, { action: 'submit', version: 1 });
    const [a, b] = await Promise.all([
      reviewer.post(`/api/projects/${id}/actions`, { action: 'approve', version: 2 }),
      other.post(`/api/projects/${id}/actions`, { action: 'return', version: 2, comment: '退回' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toStrictEqual([200, 409]);
    const rec = (await reviewer.get(`/api/projects/${id}`)).json() as ProjectRecord;
    expect(rec.events).toHaveLength(2);
    expect(rec.version).toBe(3);
  });

  it("gives each returned project's last return in the list (reason, field comments, who, when), as its page's newest return round", async () => {
    const { fx, editor, reviewer } = await setup();
    const [first, second, notReturned] = fx.f000.projectIds;
    await act(editor, first!, { action: 'submit', version: 1 });
    await act(reviewer, first!, { action: 'return', version: 2, comment: '第一次退回', comments: [{ field: 'purpose', text: '请具体说明' }] });
    await act(editor, first!, { action: 'submit', version: 3 });
    const rec = await act(reviewer, first!, {
      action: 'return',
      version: 4,
      comment: '第二次退回',
      comments: [
        { field: 'purpose', text: '仍不具体' },
        { field: 'name', text: '名称不规范' },
      ],
    });
    await act(editor, second!, { action: 'submit', version: 1 });
    await act(reviewer, second!, { action: 'return', version: 2, comments: [{ field: 'purpose', text: '只有字段批注' }] });
    const list = (await editor.get(`/api/projects?pageSize=100`)).json() as ProjectListResponse;
    const byId = new Map(list.items.map((i) => [i.id, i]));
    const newest = returnRounds(rec).rounds[0]!;
    expect(byId.get(first!)!.lastReturn).toStrictEqual({ comment: '第二次退回', fieldComments: 2, actor: newest.event.actor, at: newest.event.at });
    expect(newest.comments).toHaveLength(2);
    expect(byId.get(second!)!.lastReturn).toMatchObject({ comment: null, fieldComments: 1, actor: '李审核' });
    expect(byId.get(notReturned!)!.lastReturn).toBeNull();
  });
});
