/**
 * Every pending action is in someone's queue (issue 58), in a real browser on the demo data: a unit's
 * 目标调整 request, a 整改 reported done and an ex-ante assessment submitted reach the 绩效科's 工作台 and
 * notifications; a return, a 催办 and the decision on its request reach the unit's; after 批复下达 the
 * issued projects stay in the 待公开 list and are published from it; the 审核队列 says why 批复下达 waits
 * for a unit to be chosen; the demo region approves behind the ex-ante gate, in the single approval
 * and the batch one. The actions are sent from the signed-in pages as their buttons send them (the
 * screens that send them have their own tests); what is checked is where they arrive.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, chinaToday } from '../../src/shared/domain/rectification';
import { clickSettled, go, login, open, sendFromPage, settled, useE2e, type E2ePage } from './harness';
import { expectCleanPage } from './scan';

const e = useE2e();

/** Sends a request from the signed-in page, with its CSRF token, as the app's buttons do; the answer's status and body. */
const send = (page: Page, method: string, path: string, body: unknown) => sendFromPage(page, method, path, body);

/** The account's notifications on the 通知 page: each one's kind and title. */
async function notificationsOf(s: E2ePage): Promise<{ kind: string; text: string }[]> {
  await open(s.page, '/notifications');
  await s.page.getByTestId('notifications-page').waitFor();
  await s.page.getByTestId('notification').first().waitFor();
  return s.page.getByTestId('notification').evaluateAll((els) => els.map((el) => ({ kind: el.getAttribute('data-kind') ?? '', text: (el as HTMLElement).innerText })));
}

describe('every pending action is in someone’s queue', () => {
  it('a unit’s requests reach the 绩效科 — adjustment, 整改 to confirm, ex-ante to review — and their outcomes come back', async () => {
    const editors = e.demoLogins.filter((l) => l.role === 'editor');
    const departments = await e.db.selectFrom('department').select(['id', 'name']).execute();
    const editorOf = (departmentId: number) => editors.find((l) => l.departmentName === departments.find((d) => d.id === departmentId)?.name);
    const projects = await e.db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .select(['p.id', 'p.name', 'p.status', 'p.year', 'p.version', 'd.departmentId'])
      .where('d.isCurrent', '=', 1)
      .orderBy('p.id')
      .execute();
    // the adjustment: an approved or published project of a department with an editor
    const adjusted = projects.find((p) => ['approved', 'published'].includes(p.status) && editorOf(p.departmentId!) !== undefined)!;
    expect(adjusted, 'an approved project of a department with an editor').toBeDefined();
    const editor = editorOf(adjusted.departmentId!)!;
    // a 整改 item of that department still open, and an ex-ante assessment of it ready to submit (a draft)
    const item = await e.db.selectFrom('rectificationItem').select(['id', 'sourceText', 'projectId']).where('departmentId', '=', adjusted.departmentId!).where('status', 'in', ['pending', 'in-progress']).orderBy('id').executeTakeFirst();
    const draft = await e.db
      .selectFrom('exAnteAssessment as a')
      .innerJoin('project as p', 'p.id', 'a.projectId')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .select(['a.projectId', 'a.version', 'p.name'])
      .where('a.status', 'in', ['draft', 'returned'])
      .where('d.isCurrent', '=', 1)
      .where('d.departmentId', '=', adjusted.departmentId!)
      .orderBy('a.id')
      .executeTakeFirst();

    const u = await e.newPage();
    await login(u.page, editor.username, editor.password);
    // 目标调整: the first target raised
    const versions = (await (await u.page.request.get(`/api/projects/${adjusted.id}/adjustments`)).json()) as { versions: { rows: { key: string; level1: string | null; level2: string | null; name: string; target: string }[] }[] };
    const rows = versions.versions.at(-1)!.rows.map(({ key, level1, level2, name, target }, i) => ({ key, level1: level1 ?? '', level2: level2 ?? '', name, target: i === 0 ? '≥54321人次' : target }));
    const asked = await send(u.page, 'POST', `/api/projects/${adjusted.id}/adjustments`, { reason: '服务对象增加', effectiveOn: `${adjusted.year}-07-01`, budgetFen: null, rows });
    expect(asked.status, JSON.stringify(asked.json)).toBe(200);
    // 整改: reported done
    if (item) expect((await send(u.page, 'POST', `/api/rectifications/${item.id}/actions`, { action: 'submit', note: '已按要求完成整改' })).status).toBe(200);
    // 事前评估: submitted
    if (draft) expect((await send(u.page, 'POST', `/api/projects/${draft.projectId}/ex-ante/actions`, { action: 'submit', version: draft.version })).status).toBe(200);

    // The 绩效科's 工作台 lists each, and its notifications say each.
    const r = await e.newPage();
    await login(r.page, ...e.account('reviewer'));
    await go(r.page, '/workbench');
    await r.page.locator(`[data-testid="workbench-adjustment-row"][data-project-id="${adjusted.id}"]`).waitFor();
    if (item) await r.page.locator(`[data-testid="workbench-rectification-confirm-row"][data-id="${item.id}"]`).waitFor();
    if (draft) await expect.poll(() => r.page.getByTestId('workbench-ex-ante').innerText()).toMatch(/\d+ 个评估待审核/);
    await expectCleanPage(r.page, 'the 绩效科’s workbench', { width: false });
    const reviewerNotes = await notificationsOf(r);
    expect(reviewerNotes.some((n) => n.kind === 'task' && n.text.includes(`${adjusted.name}的目标调整申请`))).toBe(true);
    if (item) expect(reviewerNotes.some((n) => n.kind === 'task' && n.text.includes('待确认销号'))).toBe(true);
    if (draft) expect(reviewerNotes.some((n) => n.kind === 'task' && n.text.includes(`${draft.name}的事前绩效评估`))).toBe(true);
    await expectCleanPage(r.page, 'the 绩效科’s notifications', { width: false });

    // The decision goes back to the unit: its 工作台 no longer lists the request as waiting, its notifications say so.
    const pending = (await (await r.page.request.get('/api/adjustments')).json()) as { items: { id: number; projectId: number }[] };
    const request = pending.items.find((i) => i.projectId === adjusted.id)!;
    expect((await send(r.page, 'POST', `/api/adjustments/${request.id}/decision`, { decision: 'return', comment: '请补充服务对象增加的依据' })).status).toBe(200);
    // the page loaded again: the 工作台 read at sign-in is not what changed since
    await open(u.page, '/workbench');
    const mine = u.page.locator(`[data-testid="workbench-adjustment-row"][data-project-id="${adjusted.id}"]`);
    await expect.poll(() => mine.getAttribute('data-status')).toBe('returned');
    expect(await mine.innerText()).toContain('请补充服务对象增加的依据');
    const unitNotes = await notificationsOf(u);
    expect(unitNotes.some((n) => n.kind === 'task' && n.text.includes(`目标调整被退回：${adjusted.name}`))).toBe(true);
    u.expectNoErrors();
    r.expectNoErrors();
    await u.close();
    await r.close();
  }, 180_000);

  it('a return and a 催办 reach the unit’s 工作台 and notifications', async () => {
    const editors = e.demoLogins.filter((l) => l.role === 'editor');
    const queued = await e.db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .innerJoin('department as dep', 'dep.id', 'd.departmentId')
      .select(['p.id', 'p.name', 'p.version', 'p.year', 'dep.id as departmentId', 'dep.name as departmentName'])
      .where('p.status', '=', 'submitted')
      .where('d.isCurrent', '=', 1)
      .orderBy('p.id')
      .execute();
    const target = queued.find((p) => editors.some((l) => l.departmentName === p.departmentName))!;
    expect(target, 'a project in the 绩效科’s queue of a department with an editor').toBeDefined();
    const editor = editors.find((l) => l.departmentName === target.departmentName)!;

    const r = await e.newPage();
    await login(r.page, ...e.account('reviewer'));
    const returned = await send(r.page, 'POST', `/api/projects/${target.id}/actions`, { action: 'return', version: target.version, comment: '请补充绩效指标的测算依据', comments: [] });
    expect(returned.status, JSON.stringify(returned.json)).toBe(200);
    const today = chinaToday(new Date());
    const stage = await send(r.page, 'POST', '/api/stages', { year: target.year, kind: 'declaration', opensOn: today, dueOn: addDays(today, 10) });
    expect(stage.status, JSON.stringify(stage.json)).toBe(200);
    const stageId = (stage.json as { stage: { id: number } }).stage.id;
    expect((await send(r.page, 'POST', `/api/stages/${stageId}/remind`, { departmentId: target.departmentId })).status).toBe(200);
    r.expectNoErrors();
    await r.close();

    const u = await e.newPage();
    await login(u.page, editor.username, editor.password);
    await go(u.page, '/workbench');
    await u.page.locator(`[data-testid="workbench-returned-row"][data-id="${target.id}"]`).waitFor();
    const task = u.page.locator(`[data-testid="workbench-task"][data-stage-id="${stageId}"]`);
    await expect.poll(() => task.getByTestId('task-reminded').innerText().catch(() => '')).toContain('催办');
    const notes = await notificationsOf(u);
    expect(notes.some((n) => n.kind === 'task' && n.text.includes(`项目被退回：${target.name}`) && n.text.includes('请补充绩效指标的测算依据'))).toBe(true);
    expect(notes.some((n) => n.kind === 'reminder')).toBe(true);
    await expectCleanPage(u.page, 'the unit’s notifications', { width: false });
    u.expectNoErrors();
    await u.close();
  }, 120_000);

  it('批复下达 keeps the issued projects in the 待公开 list, published from it; the 审核队列 says why 批复下达 waits', async () => {
    const approved = await e.db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .select(['p.id', 'p.name', 'p.year', 'd.departmentId'])
      .where('p.status', '=', 'approved')
      .where('d.isCurrent', '=', 1)
      .orderBy('p.id')
      .execute();
    expect(approved.length).toBeGreaterThan(0);
    const project = approved[0]!;
    const s = await e.newPage();
    await login(s.page, ...e.account('reviewer'));
    await go(s.page, '/review');
    await expect.poll(() => s.page.getByTestId('review-issue-hint').innerText()).toContain('请先在左侧选择单位');
    const issued = await send(s.page, 'POST', '/api/approval-batches', { departmentId: project.departmentId, year: project.year, docNumber: '路财预〔2025〕58号', issuedOn: chinaToday(new Date()), projectIds: [project.id] });
    expect(issued.status, JSON.stringify(issued.json)).toBe(200);
    await open(s.page, '/workbench');
    const row = s.page.locator(`[data-testid="workbench-to-publish-row"][data-id="${project.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('status-tag').getAttribute('data-status')).toBe('issued');
    await row.locator('.ant-checkbox-input').check();
    await s.page.locator('[data-testid="batch-publish"][data-count="1"]').click();
    const confirm = s.page.getByTestId('batch-confirm');
    await settled(confirm);
    if (await s.page.getByTestId('batch-open-errors').isVisible()) await s.page.getByTestId('batch-comment').fill('已核实，问题记入整改。');
    await clickSettled(confirm);
    await expect.poll(async () => (await e.db.selectFrom('project').select('status').where('id', '=', project.id).executeTakeFirstOrThrow()).status).toBe('published');
    s.expectNoErrors();
    await s.close();
  }, 120_000);

  it('the demo region approves behind the ex-ante gate: the single approval and the batch one say which projects it holds', async () => {
    const s = await e.newPage();
    await login(s.page, ...e.account('reviewer'));
    // the 绩效科's queue: the projects the gate holds (their assessment not yet approved)
    const queue = await e.db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .select(['p.id'])
      .where('p.status', '=', 'submitted')
      .where('d.isCurrent', '=', 1)
      .execute();
    const gates = await Promise.all(queue.map(async (p) => ({ id: p.id, gate: ((await (await s.page.request.get(`/api/projects/${p.id}`)).json()) as { gate?: { held: boolean; reason: string } }).gate })));
    const held = gates.find((g) => g.gate?.held === true);
    expect(held, 'a project of the demo’s 绩效科 queue held by the ex-ante gate').toBeDefined();
    // the single approval
    await go(s.page, `/projects/${held!.id}`);
    await s.page.getByTestId('action-approve').click();
    await expect.poll(() => s.page.getByTestId('action-gate-held').innerText()).toContain('事前绩效评估');
    await s.page.keyboard.press('Escape');
    // the batch approval from the 工作台
    await go(s.page, '/workbench');
    const row = s.page.locator(`[data-testid="workbench-queue-row"][data-id="${held!.id}"]`);
    await row.waitFor();
    await row.locator('.ant-checkbox-input').check();
    await s.page.locator('[data-testid="batch-approve"][data-count="1"]').click();
    await expect.poll(() => s.page.getByTestId('batch-gate-held').innerText()).toContain(held!.gate!.reason.slice(0, 10));
    s.expectNoErrors();
    await s.close();
  }, 120_000);
});
