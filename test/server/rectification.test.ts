/**
 * 整改 over HTTP on two real documents (department A and B): a reviewer turns a review finding, a
 * monitoring deviation and a self-evaluation problem into items (once each); A's editor records
 * progress, uploads evidence (types by content, size and count limits, clear messages), reports
 * done; the reviewer reopens with a reason and confirms; overdue follows the clock; B's editor
 * sees none of it; every change is in the audit log; downloads are attachments.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { loadStoredFindings } from '../../src/server/db/project.repository';
import { openItemsForDepartmentProject, openItemsForProject } from '../../src/server/db/rectification.repository';
import { EVIDENCE_LIMITS } from '../../src/server/modules/rectification/evidence-file';
import { rectificationDetailSchema, rectificationListSchema, rectificationSummarySchema } from '../../src/shared/api/rectification';
import { deviationSourceKey, findingSourceKey, selfEvaluationSourceKey } from '../../src/shared/domain/rectification';
import { snapshotDatabase } from '../db/helpers';
import { importFixture, type ImportedFixture } from './domain-support';
import { startTestApp, testClock, type TestApp, type TestClient } from './support';

// 2026-03-02 10:00 in China
const START = new Date('2026-03-02T02:00:00.000Z');
const DAY = 86_400_000;

let t: TestApp;
let a: ImportedFixture;
let b: ImportedFixture;
let reviewer: TestClient;
let editorA: TestClient;
let editorB: TestClient;
/** A's review findings as (project, key), the monitoring test's project left out. */
let findingKeys: { projectId: number; key: string }[];

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

beforeAll(async () => {
  t = await startTestApp({ clock: testClock(START) });
  a = await importFixture(t.db, 'f000');
  b = await importFixture(t.db, 'f001');
  reviewer = await t.client('reviewer', { displayName: '绩效科审核员' });
  editorA = await t.client('editor', { departmentId: a.departmentId, displayName: 'A单位填报人' });
  editorB = await t.client('editor', { departmentId: b.departmentId });
  const projects = a.projectIds.filter((_, i) => i !== 1);
  const stored = await loadStoredFindings(t.db, projects);
  findingKeys = projects.flatMap((projectId) => [...new Set((stored.get(projectId) ?? []).map(findingSourceKey))].map((key) => ({ projectId, key })));
  expect(findingKeys.length).toBeGreaterThan(6);
}, 60_000);
afterAll(() => t.close());

function fromFinding(source: { projectId: number; key: string }, deadline = '2026-03-31', extra: Record<string, unknown> = {}) {
  return { projectId: source.projectId, sourceKind: 'finding', sourceKey: source.key, deadline, ...extra };
}

async function create(body: Record<string, unknown>): Promise<number> {
  const res = await reviewer.post('/api/rectifications', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as number;
}

async function detail(client: TestClient, id: number) {
  const res = await client.get(`/api/rectifications/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return rectificationDetailSchema.parse(res.json());
}

describe('making items', () => {
  it('turns a review finding into an item once, keeping its text, with the department as owner', async () => {
    const res = await reviewer.post('/api/rectifications', fromFinding(findingKeys[0]!, '2026-03-31', { ownerPerson: '张三 13800000000', requirement: '按规范修改指标值' }));
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json();
    expect(item).toMatchObject({ status: 'pending', displayStatus: 'pending', departmentId: a.departmentId, deadline: '2026-03-31', daysLeft: 29, ownerPerson: '张三 13800000000' });
    expect(item.sourceText).toContain('建议：');
    const again = await reviewer.post('/api/rectifications', fromFinding(findingKeys[0]!));
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain(`编号 ${item.id}`);
    const [entry] = await listAuditEntries(t.db, { entity: 'rectification_item', entityId: item.id });
    expect(entry).toMatchObject({ action: 'rectification.create', actor: '绩效科审核员' });
  });

  it('refuses a problem the project does not have, a past or impossible deadline, and editors (nothing written)', async () => {
    const before = await snapshotDatabase(t.db);
    const cases: [TestClient, Record<string, unknown>, number, string][] = [
      [reviewer, fromFinding({ projectId: a.projectIds[0]!, key: 'no.such-rule@name' }), 400, '项目没有这条审核发现'],
      [reviewer, fromFinding(findingKeys[1]!, '2026-03-01'), 400, '早于今天'],
      [reviewer, fromFinding(findingKeys[1]!, '2026-02-30'), 400, '不是有效日期'],
      [reviewer, fromFinding(findingKeys[1]!, '31/03/2026'), 400, 'YYYY-MM-DD'],
      [reviewer, { ...fromFinding(findingKeys[1]!), projectId: 999_999 }, 404, '项目不存在'],
      [editorA, fromFinding(findingKeys[1]!), 403, '没有权限'],
    ];
    for (const [client, body, status, message] of cases) {
      const res = await client.post('/api/rectifications', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().message).toContain(message);
    }
    expect(await snapshotDatabase(t.db)).toStrictEqual(before);
  });

  it('turns a monitoring deviation and a self-evaluation problem into items', async () => {
    const projectId = a.projectIds[1]!;
    await t.db.updateTable('project').set({ status: 'approved' }).where('id', '=', projectId).execute();
    const asOf = `${a.year}-08-31`;
    const round = await reviewer.put(`/api/projects/${projectId}/execution-records/${asOf}`, { spentFen: 100, indicators: [] });
    expect(round.statusCode, round.body).toBe(200);
    expect(round.json().spending.light).toBe('red');
    const deviation = await reviewer.post('/api/rectifications', { projectId, sourceKind: 'deviation', sourceKey: deviationSourceKey(asOf, null), deadline: '2026-04-30' });
    expect(deviation.statusCode, deviation.body).toBe(200);
    expect(deviation.json().sourceText).toContain('预算执行率');
    expect(deviation.json().sourceText).toContain('红灯');
    // a green entry, or a round that does not exist, is no problem
    const none = await reviewer.post('/api/rectifications', { projectId, sourceKind: 'deviation', sourceKey: deviationSourceKey(`${a.year}-06-30`, null), deadline: '2026-04-30' });
    expect(none.statusCode).toBe(400);

    const evaluation = await reviewer.put(`/api/projects/${projectId}/self-evaluation`, { spentFen: 100, indicators: [] });
    expect(evaluation.statusCode, evaluation.body).toBe(200);
    const requirement = evaluation.json().requirements.find((r: { code: string }) => r.code === 'execution.explain');
    expect(requirement).toBeDefined();
    const problem = await reviewer.post('/api/rectifications', {
      projectId,
      sourceKind: 'self-evaluation',
      sourceKey: selfEvaluationSourceKey('execution.explain', null),
      deadline: '2026-05-31',
    });
    expect(problem.statusCode, problem.body).toBe(200);
    expect(problem.json().sourceText).toContain(requirement.message);
  });
});

describe('the department works, the bureau confirms', () => {
  let id: number;

  beforeAll(async () => {
    id = await create(fromFinding(findingKeys[2]!, '2026-03-20'));
  });

  it('records progress with a note: pending → in progress', async () => {
    const res = await editorA.post(`/api/rectifications/${id}/actions`, { action: 'progress', note: '已与项目负责人核对指标' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'in-progress', allowedActions: ['progress', 'submit'], canUpload: true, canEdit: false });
    const empty = await editorA.post(`/api/rectifications/${id}/actions`, { action: 'progress', note: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('请填写整改进展');
  });

  it('takes evidence files by their content, renames what would open as a page, and refuses others with a clear message', async () => {
    const up = await editorA.upload(
      `/api/rectifications/${id}/files`,
      [
        { filename: '整改报告.pdf', data: PDF, contentType: 'application/pdf' },
        { filename: '说明.html', data: '<script>alert(1)</script> 整改说明', contentType: 'text/html' },
      ],
      { note: '上传整改报告' },
    );
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().files.map((f: { name: string; mediaType: string }) => [f.name, f.mediaType])).toStrictEqual([
      ['整改报告.pdf', 'application/pdf'],
      ['说明.html.txt', 'text/plain; charset=utf-8'],
    ]);

    const before = await snapshotDatabase(t.db);
    const wrong = await editorA.upload(`/api/rectifications/${id}/files`, [
      { filename: 'ok.png', data: PNG },
      { filename: '报告.pdf', data: EXE, contentType: 'application/pdf' },
    ]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('文件“报告.pdf”的类型不被接受');
    expect(wrong.json().message).toContain('PDF');
    const big = await editorA.upload(`/api/rectifications/${id}/files`, [{ filename: 'big.txt', data: Buffer.alloc(EVIDENCE_LIMITS.fileSize + 1, 0x61) }]);
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toContain('10 MB');
    const many = await editorA.upload(
      `/api/rectifications/${id}/files`,
      Array.from({ length: EVIDENCE_LIMITS.filesPerUpload + 1 }, (_, i) => ({ filename: `${i}.png`, data: PNG })),
    );
    expect(many.statusCode).toBe(413);
    expect(many.json().message).toContain(`最多上传 ${EVIDENCE_LIMITS.filesPerUpload} 个`);
    const none = await editorA.upload(`/api/rectifications/${id}/files`, [], { note: 'x' });
    expect(none.statusCode).toBe(400);
    expect(await snapshotDatabase(t.db)).toStrictEqual(before);
  });

  it('serves a file only as an attachment with its sniffed type, to those who see the item', async () => {
    const d = await detail(editorA, id);
    expect(d.fileCount).toBe(2);
    const [pdf, text] = d.files;
    const res = await reviewer.get(`/api/rectifications/${id}/files/${pdf!.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="jixiao-evidence-\d+-\d+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("''")[1]!)).toBe('整改报告.pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain('sandbox');
    expect(Buffer.compare(res.rawPayload, PDF)).toBe(0);
    const html = await editorA.get(`/api/rectifications/${id}/files/${text!.id}`);
    expect(html.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(String(html.headers['content-disposition'])).toMatch(/^attachment;/);
    expect((await editorB.get(`/api/rectifications/${id}/files/${pdf!.id}`)).statusCode).toBe(404);
    expect((await t.client().get(`/api/rectifications/${id}/files/${pdf!.id}`)).statusCode).toBe(401);
    // a file id of another item is not found through this one
    const other = await create(fromFinding(findingKeys[3]!));
    expect((await reviewer.get(`/api/rectifications/${other}/files/${pdf!.id}`)).statusCode).toBe(404);
  });

  it('reports done; the bureau reopens with a reason, then confirms it closed', async () => {
    expect((await editorA.post(`/api/rectifications/${id}/actions`, { action: 'confirm' })).statusCode).toBe(403);
    expect((await reviewer.post(`/api/rectifications/${id}/actions`, { action: 'submit', note: 'x' })).statusCode).toBe(403);
    expect((await reviewer.post(`/api/rectifications/${id}/actions`, { action: 'confirm' })).statusCode).toBe(409);
    const done = await editorA.post(`/api/rectifications/${id}/actions`, { action: 'submit', note: '指标值已按要求修改并经单位审核' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', displayStatus: 'done', allowedActions: [], canUpload: false });
    expect((await editorA.upload(`/api/rectifications/${id}/files`, [{ filename: 'late.pdf', data: PDF }])).statusCode).toBe(409);

    const noReason = await reviewer.post(`/api/rectifications/${id}/actions`, { action: 'reopen' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('理由');
    const reopened = await reviewer.post(`/api/rectifications/${id}/actions`, { action: 'reopen', note: '请补充修改后的绩效目标表' });
    expect(reopened.json()).toMatchObject({ status: 'in-progress', submittedAt: null });
    expect((await editorA.post(`/api/rectifications/${id}/actions`, { action: 'submit', note: '已补充' })).statusCode).toBe(200);
    const closed = await reviewer.post(`/api/rectifications/${id}/actions`, { action: 'confirm', note: '核实无误' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', allowedActions: [], canEdit: false });
    expect(closed.json().events.map((e: { kind: string }) => e.kind)).toStrictEqual(['create', 'progress', 'progress', 'submit', 'reopen', 'submit', 'confirm']);
    expect(closed.json().events[2].files).toStrictEqual(['整改报告.pdf', '说明.html.txt']);
    expect((await reviewer.patch(`/api/rectifications/${id}`, { ownerPerson: '李四' })).statusCode).toBe(409);

    const audit = await listAuditEntries(t.db, { entity: 'rectification_item', entityId: id });
    expect(audit.map((e) => e.action)).toStrictEqual([
      'rectification.create',
      'rectification.progress',
      'rectification.files',
      'rectification.submit',
      'rectification.reopen',
      'rectification.submit',
      'rectification.confirm',
    ]);
    expect(audit[2]!.detail.files).toHaveLength(2);
    expect(audit[4]!.detail).toMatchObject({ from: 'done', to: 'in-progress', note: '请补充修改后的绩效目标表' });
  });
});

describe('isolation', () => {
  it("shows a department's editor only its own items; another department's are not found and cannot be changed", async () => {
    const id = await create(fromFinding(findingKeys[5]!));
    const ownList = (await editorA.get('/api/rectifications?pageSize=100')).json();
    expect(ownList.total).toBeGreaterThan(0);
    expect(ownList.items.every((i: { departmentId: number }) => i.departmentId === a.departmentId)).toBe(true);
    const bList = (await editorB.get('/api/rectifications?pageSize=100')).json();
    expect(bList.total).toBe(0);
    expect((await editorB.get(`/api/rectifications?departmentId=${a.departmentId}`)).statusCode).toBe(404);
    expect((await editorB.get('/api/rectifications/summary')).json().openTotal).toBe(0);
    const before = await snapshotDatabase(t.db);
    expect((await editorB.get(`/api/rectifications/${id}`)).statusCode).toBe(404);
    expect((await editorB.post(`/api/rectifications/${id}/actions`, { action: 'submit', note: 'x' })).statusCode).toBe(404);
    expect((await editorB.upload(`/api/rectifications/${id}/files`, [{ filename: 'a.pdf', data: PDF }])).statusCode).toBe(404);
    expect((await t.client().get('/api/rectifications')).statusCode).toBe(401);
    expect(await snapshotDatabase(t.db)).toStrictEqual(before);
  });

  it("lists a project's items that are not yet closed, by id and by department + code (the next year's view)", async () => {
    const projectId = findingKeys[0]!.projectId;
    const open = await openItemsForProject(t.db, projectId);
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((i) => i.projectId === projectId && i.status !== 'closed')).toBe(true);
    const all = (await reviewer.get(`/api/rectifications?projectId=${projectId}&pageSize=100`)).json().items as { id: number; status: string }[];
    expect(open.map((i) => i.id).sort()).toStrictEqual(all.filter((i) => i.status !== 'closed').map((i) => i.id).sort());
    const project = await t.db.selectFrom('project').select(['code', 'name']).where('id', '=', projectId).executeTakeFirstOrThrow();
    const carried = await openItemsForDepartmentProject(t.db, a.departmentId, a.year, project);
    expect(carried.map((i) => i.id)).toStrictEqual(open.map((i) => i.id));
  });
});

describe('withdrawal and export', () => {
  it('lets the bureau withdraw an item made by mistake, with a reason, while nothing has happened to it; audited; the problem can be turned again', async () => {
    const id = await create(fromFinding(findingKeys[6]!, '2026-04-30', { requirement: '误建' }));
    expect((await editorA.post(`/api/rectifications/${id}/withdraw`, { reason: '不需要' })).statusCode).toBe(403);
    const noReason = await reviewer.post(`/api/rectifications/${id}/withdraw`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('撤销理由');
    const res = await reviewer.post(`/api/rectifications/${id}/withdraw`, { reason: '该问题已在审核中更正，误建' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await reviewer.get(`/api/rectifications/${id}`)).statusCode).toBe(404);
    const audit = await listAuditEntries(t.db, { entity: 'rectification_item', entityId: id });
    expect(audit.map((e) => e.action)).toStrictEqual(['rectification.create', 'rectification.withdraw']);
    expect(audit[1]).toMatchObject({ detail: { reason: '该问题已在审核中更正，误建', item: { projectId: findingKeys[6]!.projectId, sourceKey: findingKeys[6]!.key, requirement: '误建' } } });
    expect((await reviewer.post(`/api/rectifications/${id}/withdraw`, { reason: '再撤一次' })).statusCode).toBe(404);

    // the same problem made into an item again; once the department has recorded progress it stays
    const again = await create(fromFinding(findingKeys[6]!, '2026-04-30'));
    expect((await editorA.post(`/api/rectifications/${again}/actions`, { action: 'progress', note: '已着手整改' })).statusCode).toBe(200);
    const refused = await reviewer.post(`/api/rectifications/${again}/withdraw`, { reason: '误建' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('不能撤销');
    expect((await reviewer.get(`/api/rectifications/${again}`)).statusCode).toBe(200);
  });

  it('exports the items as .xlsx with the list’s filters: one row per item with its status as on the day, and a summary by department; an editor gets only their own', async () => {
    const load = async (client: TestClient, query: string) => {
      const res = await client.get(`/api/rectifications.xlsx${query}`);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toMatch(/^attachment;/);
      const wb = new ExcelJS.Workbook();
      const bytes = res.rawPayload;
      await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      return wb;
    };
    const rows = (ws: ExcelJS.Worksheet) => {
      const out: unknown[][] = [];
      ws.eachRow((row, n) => {
        if (n > 1) out.push((row.values as unknown[]).slice(1));
      });
      return out;
    };
    const all = rectificationListSchema.parse((await reviewer.get('/api/rectifications?pageSize=100')).json());
    const wb = await load(reviewer, '');
    expect(wb.worksheets.map((w) => w.name)).toStrictEqual(['整改事项', '按单位']);
    const items = wb.getWorksheet('整改事项')!;
    expect((items.getRow(1).values as unknown[]).slice(1, 4)).toStrictEqual(['编号', '单位', '项目编码']);
    const byId = new Map(rows(items).map((r) => [r[0], r]));
    expect([...byId.keys()].sort()).toStrictEqual(all.items.map((i) => i.id).sort());
    for (const i of all.items) {
      const row = byId.get(i.id)!;
      expect(row[1]).toBe(i.departmentName);
      expect(row[6]).toBe(i.sourceText);
      expect(row[9]).toBe(i.deadline);
      expect(row[10]).toBe({ pending: '待整改', 'in-progress': '整改中', done: '已整改', closed: '已销号', overdue: '逾期' }[i.displayStatus]);
    }
    const summary = rows(wb.getWorksheet('按单位')!);
    expect(summary.at(-1)!.slice(0, 2)).toStrictEqual(['合计', all.total]);
    expect(summary.length).toBe(new Set(all.items.map((i) => i.departmentName)).size + 1);

    // filtered like the list; an editor's export is their department's, another's refused
    const inProgress = await load(reviewer, '?status=in-progress');
    expect(rows(inProgress.getWorksheet('整改事项')!).every((r) => r[10] === '整改中')).toBe(true);
    const ofA = all.items.filter((i) => i.departmentId === a.departmentId);
    expect(ofA.length).toBeGreaterThan(0);
    expect(rows((await load(editorA, '')).getWorksheet('整改事项')!).map((r) => r[0]).sort()).toStrictEqual(ofA.map((i) => i.id).sort());
    expect(rows((await load(editorB, '')).getWorksheet('整改事项')!)).toStrictEqual([]);
    expect((await editorB.get(`/api/rectifications.xlsx?departmentId=${a.departmentId}`)).statusCode).toBe(404);
  });
});

describe('deadlines and overdue', () => {
  it('flags an open item overdue once its deadline has passed, by the clock, and counts it on the summary', async () => {
    const id = await create(fromFinding(findingKeys[4]!, '2026-03-05'));
    const onTime = await reviewer.get('/api/rectifications?overdue=true&pageSize=100');
    expect(onTime.json().items.map((i: { id: number }) => i.id)).not.toContain(id);
    t.clock.set(new Date(START.getTime() + 7 * DAY)); // 2026-03-09 in China
    try {
      // a week later: new sessions (the old ones have ended)
      const reviewer = await t.client('reviewer', { username: 'reviewer-later' });
      const editorA = await t.client('editor', { departmentId: a.departmentId, username: 'editor-a-later' });
      const res = await reviewer.get('/api/rectifications?overdue=true&pageSize=100');
      expect(res.statusCode, res.body).toBe(200);
      const list = rectificationListSchema.parse(res.json());
      const item = list.items.find((i) => i.id === id)!;
      expect(item).toMatchObject({ displayStatus: 'overdue', daysOverdue: 4, daysLeft: -4 });
      expect(list.today).toBe('2026-03-09');
      expect(list.items.every((i) => i.displayStatus === 'overdue')).toBe(true);
      const byStatus = (await reviewer.get('/api/rectifications?status=overdue&pageSize=100')).json();
      expect(byStatus.total).toBe(list.total);
      const pending = (await reviewer.get('/api/rectifications?status=pending&pageSize=100')).json();
      expect(pending.items.map((i: { id: number }) => i.id)).not.toContain(id);
      const summary = rectificationSummarySchema.parse((await editorA.get('/api/rectifications/summary')).json());
      expect(summary.counts.overdue).toBe(list.total);
      expect(summary.open.find((i) => i.id === id)?.daysOverdue).toBe(4);

      // moving the deadline needs a reason; it is on the timeline and in the audit log
      const noReason = await reviewer.patch(`/api/rectifications/${id}`, { deadline: '2026-04-30' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().message).toContain('理由');
      const moved = await reviewer.patch(`/api/rectifications/${id}`, { deadline: '2026-04-30', reason: '涉及预算调整，需财政审批' });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ displayStatus: 'pending', daysOverdue: 0, daysLeft: 52 });
      expect(moved.json().events.at(-1).note).toContain('2026-03-05 → 2026-04-30');
      const audit = await listAuditEntries(t.db, { entity: 'rectification_item', entityId: id });
      expect(audit.at(-1)).toMatchObject({ action: 'rectification.edit', detail: { changes: { deadline: { from: '2026-03-05', to: '2026-04-30' } } } });
    } finally {
      // (the sessions of before have ended: this test runs last)
      t.clock.set(START);
    }
  });
});
