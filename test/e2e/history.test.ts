/**
 * The change history (修改记录) in a real browser, on the demo data (issue 34 §1): after an edit
 * (an amount with four decimals in 万元, a longer text), a return with a comment on a field, and
 * a results decision, the project's history reads as a history: who, when, the action in
 * Chinese, each field by its Chinese label, amounts in 万元 with two decimals, the text's change
 * marked; no `{`, no `Fen`, no English key. The filters narrow it; the export holds the same words.
 * Also: every entry of the demo's project histories has each field named (no 其他字段).
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { auditActionLabel } from '../../src/shared/audit/actions';
import { historyRows } from '../../src/shared/audit/history';
import { saveScreenshot } from './browser';
import { currentProjects, type ProjectRow } from './data';
import { chooseOption, clickSettled, go, open, settled, useE2e } from './harness';

const e = useE2e();

const projectPage = (page: Page, id: number) => page.locator(`[data-testid="project-page"][data-id="${id}"]`);

/** The history's action and content cells (the person column holds usernames, which are Latin by design). */
async function historyText(page: Page): Promise<string> {
  const log = page.getByTestId('audit-log');
  await log.waitFor();
  const cells = await log.locator('[data-testid="audit-action"], [data-testid="audit-diff-row"]').allInnerTexts();
  return cells.join('\n');
}

/** What a person must never see in the history: JSON, fen, a key (camelCase or dotted code), more than two decimals. */
function expectReadable(text: string): void {
  expect(text).not.toMatch(/[{}]/);
  expect(text).not.toMatch(/Fen/);
  expect(text).not.toMatch(/\b[a-z]+[A-Z]\w*\b/);
  expect(text).not.toMatch(/\b[a-z-]+\.[a-zA-Z]+\b/);
  expect(text).not.toContain('其他字段');
  expect(text).not.toContain('其他操作');
  expect(text).not.toMatch(/\d\.\d{3,}/);
}

describe('修改记录', () => {
  let project: ProjectRow;
  let editorName: string;

  it('after an edit and a return, the history shows who did what in Chinese, amounts in 万元 with two decimals, the text change marked', async () => {
    // a department that submits straight to the finance bureau (no 主管部门 or business section between: levels of review, issue 32)
    const departments = await e.db.selectFrom('department').select(['id', 'code', 'parentDepartmentId', 'sectionId']).execute();
    const codes = new Map(departments.filter((d) => d.parentDepartmentId === null && d.sectionId === null).map((d) => [d.id, d.code]));
    project = (await currentProjects(e.db, { status: 'draft' })).find((p) => codes.has(p.departmentId) && e.demoLogins.some((l) => l.username === `dept-${codes.get(p.departmentId)}`))!;
    expect(project).toBeDefined();
    editorName = `dept-${codes.get(project.departmentId)}`;
    const editor = await e.session(editorName);
    const { page } = editor;
    await go(page, `/projects/${project.id}`);
    await projectPage(page, project.id).waitFor();
    await page.getByTestId('edit-project').click();
    await page.getByTestId('project-editor').waitFor();
    await page.getByTestId('field-budget-total').fill('795.8752');
    const purpose = page.getByTestId('field-purpose');
    const oldPurpose = await purpose.inputValue();
    await purpose.fill(`${oldPurpose}，并按季度开展绩效运行监控`);
    await page.getByTestId('save-project').click();
    await page.getByText('已保存（版本').waitFor();

    // the editor submits; the reviewer returns it with a comment on the budget
    await go(page, `/projects/${project.id}`);
    await projectPage(page, project.id).getByTestId('action-submit').click();
    const confirm = await settled(page.getByTestId('action-confirm'));
    if (await page.getByTestId('action-open-errors').isVisible()) await page.getByTestId('action-comment').fill('已核实，问题记入整改。');
    await confirm.click();
    await projectPage(page, project.id).locator('[data-testid="status-tag"][data-status="submitted"]').waitFor();

    const reviewer = await e.session('reviewer');
    await go(reviewer.page, `/projects/${project.id}`);
    await projectPage(reviewer.page, project.id).getByTestId('action-return').click();
    await reviewer.page.getByTestId('return-comment').fill('预算数请核对到元。');
    await clickSettled(reviewer.page.getByTestId('return-add-field'));
    await chooseOption(reviewer.page, reviewer.page.getByTestId('return-field-select'), '预算数');
    await reviewer.page.getByTestId('return-field-text').fill('与批复数不一致');
    await clickSettled(reviewer.page.getByTestId('return-confirm'));
    await projectPage(reviewer.page, project.id).locator('[data-testid="status-tag"][data-status="returned"]').waitFor();

    await open(reviewer.page, `/projects/${project.id}`);
    await expect.poll(() => historyText(reviewer.page)).toContain('退回修改');
    const text = await historyText(reviewer.page);
    for (const words of ['修改项目', '提交', '退回修改', '预算数', '795.88 万元', '资金用途（项目概况）', '状态', '已提交', '退回', '意见', '预算数请核对到元。', '意见·预算数', '与批复数不一致']) expect(text).toContain(words);
    expectReadable(text);
    // the purpose's change is marked: the added words inserted, nothing deleted
    const purposeRow = reviewer.page.getByTestId('audit-diff-row').filter({ hasText: '资金用途（项目概况）' });
    expect(await purposeRow.locator('ins').allInnerTexts()).toEqual(['，并按季度开展绩效运行监控']);
    expect(await purposeRow.locator('del').count()).toBe(0);
    // who: the account with its display name
    const actors = await reviewer.page.getByTestId('audit-log').locator('tbody > tr.ant-table-row > td:nth-child(2)').allInnerTexts();
    expect(actors.some((a) => a.includes(`（${editorName}）`))).toBe(true);
    expect(actors.some((a) => a.includes('（reviewer）'))).toBe(true);
    await saveScreenshot(reviewer.page, 'history-project');

    // filtered by action, then by person
    await chooseOption(reviewer.page, reviewer.page.getByTestId('audit-filter-action'), '退回修改（1）');
    await expect.poll(async () => (await reviewer.page.getByTestId('audit-action').allInnerTexts()).join(',')).toBe('退回修改');
    await chooseOption(reviewer.page, reviewer.page.getByTestId('audit-filter-action'), '全部操作');
    await clickSettled(reviewer.page.getByTestId('audit-filter-actor'));
    await clickSettled(reviewer.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `（${editorName}）` }));
    const mine = await e.db.selectFrom('auditLog').select('action').where('entity', '=', 'project').where('entityId', '=', project.id).where('actorUsername', '=', editorName).execute();
    const actionLabels = { 'project.update': '修改项目', 'project.submit': '提交' } as Record<string, string>;
    const expected = new Set(mine.map((m) => actionLabels[m.action] ?? m.action));
    expect(expected.has('修改项目') && expected.has('提交')).toBe(true);
    await expect.poll(async () => new Set(await reviewer.page.getByTestId('audit-action').allInnerTexts())).toEqual(new Set([...expected].map((a) => (a.includes('.') ? auditActionLabel(a) : a))));

    // the export: the same words, one row per field
    const [download] = await Promise.all([reviewer.page.waitForEvent('download'), reviewer.page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/修改记录\.xlsx$/);
    const bytes = readFileSync(await download.path());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const rows: string[][] = [];
    wb.getWorksheet('修改记录')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]).toEqual(['时间', '操作人', '操作', '内容', '修改前', '修改后']);
    expect(new Set(rows.slice(1).map((r) => r[2]))).toEqual(new Set([...expected].map((a) => (a.includes('.') ? auditActionLabel(a) : a))));
    expect(rows.find((r) => r[3] === '预算数')?.[5]).toBe('795.88 万元');
    expectReadable(rows.slice(1).map((r) => r.slice(2).join(' ')).join('\n'));
    editor.expectNoErrors();
    reviewer.expectNoErrors();
    // two sessions, an edit, a submit, a return and the history read back: 77 s at load 22 on two cores, over vitest's default 60 s
  }, 120_000);

  it('after a results decision, the history shows the consequence, percentage and amount in words', async () => {
    const reviewer = await e.session('reviewer');
    const { page } = reviewer;
    await go(page, '/results');
    const rows = page.getByTestId('results-row');
    await rows.first().waitFor();
    const accepted = rows.filter({ has: page.getByTestId('decision') }).filter({ hasNot: page.getByTestId('decision-overridden') }).first();
    const projectId = Number(await accepted.getAttribute('data-project'));
    const suggested = (await accepted.getByTestId('suggestion').innerText()).split(/\s/)[0]!;
    await accepted.getByTestId('results-project-link').click();
    const sheet = page.locator(`[data-testid="results-sheet-body"][data-project="${projectId}"]`);
    await sheet.waitFor();
    // in the drawer once it has slid in (a click during its motion can be lost, as in a dialog)
    await clickSettled(sheet.getByTestId('override-suggestion'));
    const [consequence, percent] = suggested === '调整' ? ['压减', '75'] : ['调整', '88'];
    const modal = page.locator('.ant-modal:visible');
    await chooseOption(page, modal.getByTestId('override-consequence'), consequence);
    await modal.getByTestId('override-percent').fill(percent);
    const reason = '执行偏差系上级资金下达滞后，调整后保障重点支出';
    await modal.getByTestId('override-reason').fill(reason);
    await clickSettled(modal.getByTestId('override-submit'));
    await modal.waitFor({ state: 'hidden' });

    await open(page, `/projects/${projectId}`);
    await expect.poll(() => historyText(page)).toContain('确定结果运用');
    const decision = page.getByTestId('audit-log').locator('tr.ant-table-row').filter({ has: page.locator('[data-action="results.decide"]') }).first();
    const text = await decision.innerText();
    for (const words of ['确定结果运用', '结果运用', consequence, '下年预算安排比例', `${percent}.00%`, '下年预算安排金额', '万元', '调整了系统建议', '是', '调整理由', reason, '系统建议·结果运用', '依据·自评等级']) expect(text).toContain(words);
    expectReadable(await historyText(page));
    await saveScreenshot(page, 'history-results');
    reviewer.expectNoErrors();
  });

  it('names every field of every entry in the demo projects’ histories', async () => {
    const entries = await e.db.selectFrom('auditLog').select(['action', 'detail']).where('entity', '=', 'project').execute();
    expect(new Set(entries.map((x) => x.action)).size).toBeGreaterThan(4);
    const unnamed = new Set<string>();
    for (const entry of entries) {
      for (const row of historyRows(entry.action, JSON.parse(entry.detail))) if (row.unlabelled) unnamed.add(`${entry.action}: ${row.field}`);
    }
    expect([...unnamed]).toEqual([]);
  });
});
