/**
 * 撤回导入 in a real browser (issue 54), on three of the real documents imported at start with their
 * demo accounts and workflow spread: the reviewer uploads the fourth (000) by mistake, finds it on its
 * department's page with a 撤回导入 button, reads in the dialog what the withdrawal removes (the file,
 * its 5 projects, the department its import made), is asked for the reason, confirms, and lands on the
 * department list without it; the log names the file and the reason. A document whose projects are
 * under way shows the button disabled, saying why; withdrawing a revised version brings back the one
 * it replaced, on the same page.
 */
import { describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { changedFixture, FIXTURES, fixturePath } from '../support/fixtures';
import { saveScreenshot } from './browser';
import { currentProjects, departmentByCode } from './data';
import { clickForAnswer, clickSettled, dialogOf, go, openDialog, previewImport, READING_MS, useE2e } from './harness';

const e = useE2e({ files: [FIXTURES.f001, FIXTURES.f002, FIXTURES.f003].map(fixturePath) });

describe('撤回导入', () => {
  it('the reviewer withdraws a document uploaded by mistake: the dialog says what goes, asks why, and it is gone', async () => {
    const s = await e.session('reviewer');
    await s.page.getByTestId('nav-import').click();
    await s.page.getByTestId('import-page').locator('input[type=file]').setInputFiles([fixturePath(FIXTURES.f000)]);
    expect((await previewImport(s.page)).status()).toBe(200);
    expect((await clickForAnswer(s.page, s.page.getByTestId('import-commit'), '/api/imports/commit', 'POST', { timeout: READING_MS })).status()).toBe(200);
    await s.page.getByTestId('import-results').waitFor();
    const department = await departmentByCode(e.db, '763001');

    // the button shows once the page has the document's withdrawal plan (GET /api/documents/:id): on a loaded machine the
    // department page and that answer may each take longer than an element's 15 s
    const planned = s.page.waitForResponse((r) => /^\/api\/documents\/\d+$/.test(new URL(r.url()).pathname), { timeout: READING_MS });
    await go(s.page, `/departments/${department.id}`);
    await s.page.locator(`[data-testid="department-page"][data-id="${department.id}"]`).waitFor({ timeout: READING_MS });
    expect((await planned).status()).toBe(200);
    const confirm = s.page.getByTestId('withdraw-confirm');
    await openDialog(s.page.getByTestId('withdraw-document'), confirm);
    const dialog = dialogOf(s.page, confirm);
    const effects = await dialog.getByTestId('withdraw-effects').innerText();
    expect(effects).toContain(`删除文件“${FIXTURES.f000}”及其 5 个项目、31 个指标`);
    expect(effects).toContain('删除导入时新建、别无他用的单位“中共唐山市路南区委社会工作部”（编码 763001）');
    expect(await dialog.innerText()).toContain('撤回及其理由记入审计日志');
    // what the window shows: a whole-page screenshot resizes the page to its full height for a moment, and the open dialog
    // was found closed after it (one run in two or four, under load; no other test photographs an open dialog)
    await saveScreenshot(s.page, 'withdraw-import-dialog', { fullPage: false });

    // no reason, no request: the form says what is missing
    await clickSettled(confirm);
    await dialog.getByText('请说明撤回理由').waitFor();
    expect(await e.db.selectFrom('department').select('id').where('id', '=', department.id).executeTakeFirst()).toBeDefined();

    await dialog.getByTestId('withdraw-reason').fill('误传了路南区社会工作部的文件');
    expect((await clickForAnswer(s.page, confirm, /^\/api\/documents\/\d+\/withdraw$/)).status()).toBe(200);
    await s.page.waitForURL((u) => u.pathname === '/departments');
    await s.page.getByText(`已撤回导入“${FIXTURES.f000}”：删除 5 个项目`).waitFor();
    expect(await e.db.selectFrom('department').select('id').where('code', '=', '763001').executeTakeFirst()).toBeUndefined();
    const entry = (await listAuditEntries(e.db, { entity: 'document' })).at(-1)!;
    expect(entry).toMatchObject({ action: 'document.withdraw', actorUsername: 'reviewer', detail: { file: FIXTURES.f000, reason: '误传了路南区社会工作部的文件', projects: 5 } });
    s.expectNoErrors();
    // an upload read and an import committed, each up to READING_MS on a loaded machine
  }, 3 * READING_MS);

  it('a document whose projects are under way shows the button disabled, saying why', async () => {
    const s = await e.session('reviewer');
    // the demo's workflow moved some of 白沟's projects on
    const moved = (await currentProjects(e.db, { departmentCode: '326001' })).filter((p) => p.status !== 'draft');
    expect(moved.length).toBeGreaterThan(0);
    const department = await departmentByCode(e.db, '326001');
    await go(s.page, `/departments/${department.id}`);
    await s.page.locator(`[data-testid="department-page"][data-id="${department.id}"]`).waitFor();
    const blocked = s.page.getByTestId('withdraw-blocked');
    expect(await blocked.getAttribute('title')).toMatch(/^已有人处理过，不能撤回：项目已不是草稿/);
    expect(await blocked.getByTestId('withdraw-document').isDisabled()).toBe(true);
    s.expectNoErrors();
  });

  it('an editor sees no button on a document it did not import', async () => {
    const s = await e.session('dept-326001');
    const department = await departmentByCode(e.db, '326001');
    // the page asks, and the answer says the document is not the editor's to withdraw
    const asked = s.page.waitForResponse((r) => /^\/api\/documents\/\d+$/.test(new URL(r.url()).pathname));
    await go(s.page, `/departments/${department.id}`);
    await s.page.locator(`[data-testid="department-page"][data-id="${department.id}"]`).waitFor();
    const answer = await asked;
    expect(answer.status()).toBe(200);
    expect((await answer.json()).withdrawal.blocker).toStrictEqual({ code: 'not-allowed', message: '只有导入该文件的账号或本区划的财政局绩效科可以撤回导入' });
    await s.page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
    expect(await s.page.getByTestId('withdraw-document').count()).toBe(0);
    s.expectNoErrors();
  });

  it('the reviewer withdraws a revised version by mistake: the version it replaced is current again on the same page', async () => {
    const s = await e.session('reviewer');
    const department = await departmentByCode(e.db, '326001');
    const original = await e.db.selectFrom('document').select('id').where('departmentId', '=', department.id).where('isCurrent', '=', 1).executeTakeFirstOrThrow();
    await go(s.page, '/import');
    await s.page.getByTestId('import-page').locator('input[type=file]').setInputFiles([{ name: FIXTURES.f002, mimeType: 'text/plain', buffer: changedFixture(FIXTURES.f002) }]);
    expect((await previewImport(s.page)).status()).toBe(200);
    expect(await s.page.getByTestId('import-file').getAttribute('data-action')).toBe('replace');
    expect((await clickForAnswer(s.page, s.page.getByTestId('import-commit'), '/api/imports/commit', 'POST', { timeout: READING_MS })).status()).toBe(200);
    await s.page.getByTestId('import-results').waitFor();
    const revised = await e.db.selectFrom('document').select('id').where('departmentId', '=', department.id).where('isCurrent', '=', 1).executeTakeFirstOrThrow();
    expect(revised.id).not.toBe(original.id);

    await go(s.page, `/departments/${department.id}`);
    const button = s.page.locator(`[data-testid="withdraw-document"][data-document-id="${revised.id}"]`);
    const confirm = s.page.getByTestId('withdraw-confirm');
    await openDialog(button, confirm);
    const effects = await dialogOf(s.page, confirm).getByTestId('withdraw-effects').innerText();
    // the original came with the server's start, named by its path
    expect(effects).toMatch(new RegExp(`恢复被它替换的原版本“[^”]*/${FIXTURES.f002.replace('.', '\\.')}”（\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 导入）为现行版本`));
    expect(effects).not.toContain('删除导入时新建');
    await dialogOf(s.page, confirm).getByTestId('withdraw-reason').fill('修订稿尚未定稿');
    expect((await clickForAnswer(s.page, confirm, `/api/documents/${revised.id}/withdraw`)).status()).toBe(200);
    await s.page.waitForURL((u) => u.pathname === `/departments/${department.id}` && u.search === '?year=2025');
    // the page shows the original again, under way, so no longer withdrawable
    await s.page.locator(`[data-testid="withdraw-document"][data-document-id="${original.id}"]`).waitFor();
    expect(await s.page.locator(`[data-testid="withdraw-document"][data-document-id="${revised.id}"]`).count()).toBe(0);
    expect(await e.db.selectFrom('document').select('id').where('departmentId', '=', department.id).where('isCurrent', '=', 1).execute()).toStrictEqual([original]);
    s.expectNoErrors();
  }, 3 * READING_MS);
});
