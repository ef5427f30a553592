/**
 * 整改 in a real browser, on the four real documents with the demo's workflow, monitoring and
 * rectification items: a reviewer turns a review finding into an item with a deadline; the
 * department's editor sees it on the workbench, records progress with a note and a file, reports
 * it done; the reviewer confirms it closed. The reviewer's list flags the demo's overdue items in
 * red with their days.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { loadStoredFindings } from '../../src/server/db/project.repository';
import { actOnRectification, createRectification } from '../../src/server/modules/rectification/rectification.service';
import { deviationSources } from '../../src/server/modules/rectification/sources';
import { addDays, chinaToday, findingSourceKey } from '../../src/shared/domain/rectification';
import { currentProjects } from './data';
import { saveScreenshot } from './browser';
import { clickForAnswer, clickSettled, dialogOf, fixtureFiles, go, login, openDialog, settled, useE2e } from './harness';

const e = useE2e({ files: fixtureFiles() });

/** A current, reviewed project with a finding not yet made into an item; its department's code. */
async function findingToConvert() {
  const projects = (await currentProjects(e.db)).filter((p) => p.status !== 'draft');
  const findings = await loadStoredFindings(e.db, projects.map((p) => p.id));
  const taken = new Set((await e.db.selectFrom('rectificationItem').select(['projectId', 'sourceKey']).execute()).map((r) => `${r.projectId}|${r.sourceKey}`));
  for (const p of projects) {
    const key = (findings.get(p.id) ?? []).map(findingSourceKey).find((k) => !taken.has(`${p.id}|${k}`));
    if (key === undefined) continue;
    const d = await e.db.selectFrom('department').select('code').where('id', '=', p.departmentId).executeTakeFirstOrThrow();
    if (d.code !== null) return { project: p, key, departmentCode: d.code };
  }
  throw new Error('no finding to convert');
}

describe('整改', () => {
  it('reviewer → department → reviewer: a finding becomes an item, is worked on with evidence, reported done and closed', async () => {
    const { project, key, departmentCode } = await findingToConvert();
    const deadline = dayjs().add(20, 'day').format('YYYY-MM-DD');

    // the reviewer turns the finding into an item on the project's page
    const reviewer = await e.newPage();
    await login(reviewer.page, ...e.account('reviewer'));
    await reviewer.page.waitForURL(/\/workbench$/);
    await reviewer.page.getByTestId('workbench-rectifications').waitFor();
    await go(reviewer.page, `/projects/${project.id}`);
    const button = reviewer.page.locator(`[data-testid="to-rectification"][data-source-key="${key}"]`);
    await button.click();
    await reviewer.page.getByTestId('rectification-deadline').fill(deadline);
    await reviewer.page.getByTestId('rectification-owner').fill('王科长 0315-1234567');
    await clickSettled(reviewer.page.getByTestId('rectification-create'));
    const link = reviewer.page.getByTestId('rectification-link').filter({ has: reviewer.page.locator('[data-status="pending"]') }).first();
    await link.waitFor();
    const item = await e.db.selectFrom('rectificationItem').selectAll().where('projectId', '=', project.id).where('sourceKey', '=', key).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ status: 'pending', deadline, ownerPerson: '王科长 0315-1234567', departmentId: project.departmentId });
    reviewer.expectNoErrors();

    // the department's editor sees it on the workbench and works on it
    const editor = await e.newPage();
    await login(editor.page, ...e.account(`dept-${departmentCode}`));
    await editor.page.waitForURL(/\/workbench$/);
    const row = editor.page.locator(`[data-testid="workbench-rectification-row"][data-id="${item.id}"]`);
    await row.waitFor();
    await saveScreenshot(editor.page, 'rectification-workbench');
    await row.getByRole('link').first().click();
    await editor.page.locator(`[data-testid="rectification-page"][data-id="${item.id}"]`).waitFor();
    await editor.page.getByTestId('rectification-note').fill('已修改绩效目标表中的指标值，附修改说明');
    const file = join(tmpdir(), `整改说明-${process.pid}.txt`);
    writeFileSync(file, '整改说明：已按审核意见修改指标值。\n');
    await editor.page.locator('[data-testid="rectification-progress"] input[type="file"]').setInputFiles(file);
    await editor.page.getByTestId('rectification-save-progress').click();
    await editor.page.locator('[data-testid="rectification-page"][data-status="in-progress"]').waitFor();
    await editor.page.getByTestId('rectification-file').filter({ hasText: /整改说明-\d+\.txt/ }).waitFor();
    await editor.page.getByTestId('rectification-submit').click();
    await editor.page.getByTestId('rectification-submit-note').fill('整改完成，修改后的目标表已经单位审定');
    await clickSettled(editor.page.getByTestId('rectification-submit-confirm'));
    await editor.page.locator('[data-testid="rectification-page"][data-status="done"]').waitFor();
    expect(await editor.page.getByTestId('rectification-confirm').count()).toBe(0);
    await saveScreenshot(editor.page, 'rectification-item');
    editor.expectNoErrors();

    // the reviewer confirms it closed
    await go(reviewer.page, `/rectifications/${item.id}`);
    await reviewer.page.locator('[data-testid="rectification-page"][data-status="done"]').waitFor();
    expect(await reviewer.page.getByTestId('rectification-file').count()).toBe(1);
    await reviewer.page.getByTestId('rectification-confirm').click();
    await clickSettled(reviewer.page.getByTestId('rectification-confirm-ok'));
    await reviewer.page.locator('[data-testid="rectification-page"][data-status="closed"]').waitFor();
    const kinds = await reviewer.page.getByTestId('rectification-event').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
    expect(kinds).toEqual(['create', 'progress', 'submit', 'confirm']);
    const audit = await listAuditEntries(e.db, { entity: 'rectification_item', entityId: item.id });
    expect(audit.map((a) => a.action)).toEqual(['rectification.create', 'rectification.files', 'rectification.submit', 'rectification.confirm']);
    reviewer.expectNoErrors();
    await reviewer.close();
    await editor.close();
    // three sessions and a dozen steps through the pages: 59.9 s, just under vitest's default 60 s, at load 18 on two cores
  }, 120_000);

  it("the reviewer's list flags overdue items in red with their days, and filters them", async () => {
    const overdue = await e.db.selectFrom('rectificationItem').select('id').where('status', 'in', ['pending', 'in-progress']).where('deadline', '<', chinaToday(new Date())).execute();
    expect(overdue.length).toBeGreaterThan(0);
    const s = await e.newPage();
    await login(s.page, ...e.account('reviewer'));
    await s.page.locator(`[data-testid="workbench-rectification-overdue"][data-count="${overdue.length}"]`).waitFor();
    await s.page.getByTestId('workbench-rectification-overdue').click();
    await s.page.waitForURL(/\/rectifications\?status=overdue$/);
    const rows = s.page.getByTestId('rectification-row');
    await s.page.locator('[data-testid="rectification-row"][data-status="overdue"]').first().waitFor();
    expect(await rows.count()).toBe(Math.min(20, overdue.length));
    const first = rows.first();
    expect(await first.getAttribute('class')).toContain('row-overdue');
    expect(await first.getByTestId('rectification-status').innerText()).toMatch(/^逾期 \d+ 天$/);
    await saveScreenshot(s.page, 'rectification-list');

    // the filtered list as a workbook: the overdue items, each with its days
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId('rectification-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^整改事项（截至 \d{4}-\d{2}-\d{2}）\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const sheet = wb.getWorksheet('整改事项')!;
    const ids: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      expect(row.getCell(11).value).toBe('逾期');
      expect(Number(row.getCell(12).value)).toBeGreaterThan(0);
      ids.push(row.getCell(1).value);
    });
    expect(ids.sort()).toStrictEqual(overdue.map((o) => o.id).sort());
    s.expectNoErrors();
    await s.close();
  });

  it('the reviewer withdraws an item made by mistake, with a reason, and it is gone from the list', async () => {
    const { project, key } = await findingToConvert();
    // made by the bureau (through the service, as the page's button would), nothing done on it since
    const item = await createRectification(e.db, { projectId: project.id, sourceKind: 'finding', sourceKey: key, deadline: addDays(chinaToday(new Date()), 30) }, { actor: '审核员', now: new Date() });
    const s = await e.newPage();
    await login(s.page, ...e.account('reviewer'));
    await go(s.page, `/rectifications/${item.id}`);
    // the dialog open and settled before its button is pressed: a click during its zoom was the lost
    // click of issue 38 (the dialog stayed open, no request sent)
    const ok = await openDialog(s.page.getByTestId('rectification-withdraw'), s.page.getByTestId('rectification-withdraw-confirm'));
    expect(await ok.isDisabled()).toBe(true);
    await s.page.getByTestId('rectification-withdraw-reason').fill('该问题已在审核中更正，误建');
    const answer = await clickForAnswer(s.page, ok, `/api/rectifications/${item.id}/withdraw`);
    expect(answer.status()).toBe(200);
    // what the reviewer sees: the message, and the list without the item
    // the item by its problem, not its number (issue 58)
    await s.page.locator('.ant-message').getByText(`已撤销整改事项：${item.sourceText.slice(0, 30)}`).waitFor();
    await s.page.getByTestId('rectification-row').first().waitFor();
    expect(await s.page.locator(`[data-testid="rectification-row"][data-id="${item.id}"]`).count()).toBe(0);
    expect(new URL(s.page.url()).pathname).toBe('/rectifications');
    expect(await e.db.selectFrom('rectificationItem').select('id').where('id', '=', item.id).executeTakeFirst()).toBeUndefined();
    const audit = await listAuditEntries(e.db, { entity: 'rectification_item', entityId: item.id });
    expect(audit.at(-1)).toMatchObject({ action: 'rectification.withdraw', detail: { reason: '该问题已在审核中更正，误建' } });
    s.expectNoErrors();
    await s.close();
  });

  it('a withdraw the server refuses shows why in the dialog, above its button, and the item stays', async () => {
    const { project, key } = await findingToConvert();
    const item = await createRectification(e.db, { projectId: project.id, sourceKind: 'finding', sourceKey: key, deadline: addDays(chinaToday(new Date()), 30) }, { actor: '审核员', now: new Date() });
    const s = await e.newPage();
    await login(s.page, ...e.account('reviewer'));
    await go(s.page, `/rectifications/${item.id}`);
    const ok = await openDialog(s.page.getByTestId('rectification-withdraw'), s.page.getByTestId('rectification-withdraw-confirm'));
    await s.page.getByTestId('rectification-withdraw-reason').fill('误建');
    // meanwhile the department records progress: the item can no longer be withdrawn (409)
    await actOnRectification(e.db, item.id, { action: 'progress', note: '已开始整改' }, { actor: '单位填报人', role: 'editor', now: new Date() });
    // the request held on its way, to see the dialog while it is under way
    const path = `/api/rectifications/${item.id}/withdraw`;
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let sent = 0;
    await s.page.route(`**${path}`, async (route) => {
      sent++;
      await held;
      await route.continue();
    });
    const answered = s.page.waitForResponse((r) => new URL(r.url()).pathname === path);
    await clickSettled(ok);
    const dialog = dialogOf(s.page, ok);
    // working: the button spins, pressing it again sends nothing, the dialog cannot be cancelled from under it
    await s.page.locator('[data-testid="rectification-withdraw-confirm"].ant-btn-loading').waitFor();
    await ok.click();
    expect(await dialog.getByRole('button', { name: /取\s*消/ }).isDisabled()).toBe(true);
    release();
    const answer = await answered;
    expect(answer.status()).toBe(409);
    expect(sent).toBe(1);
    const error = dialog.getByTestId('rectification-withdraw-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('不能撤销');
    // in the footer with the buttons, right above them; the button usable again, the reason kept
    const footer = dialog.locator('.ant-modal-footer');
    expect(await footer.getByTestId('rectification-withdraw-error').count()).toBe(1);
    const [errorBox, okBox] = [await error.boundingBox(), await ok.boundingBox()];
    expect(okBox!.y).toBeGreaterThanOrEqual(errorBox!.y + errorBox!.height);
    expect(okBox!.y - (errorBox!.y + errorBox!.height)).toBeLessThan(40);
    expect(await ok.isEnabled()).toBe(true);
    expect(await s.page.getByTestId('rectification-withdraw-reason').inputValue()).toBe('误建');
    expect(await e.db.selectFrom('rectificationItem').select('id').where('id', '=', item.id).executeTakeFirst()).toBeDefined();
    // closed and opened again: the old failure is not shown any more
    await s.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await s.page.getByTestId('rectification-withdraw').click();
    await settled(s.page.getByTestId('rectification-withdraw-confirm'));
    expect(await s.page.getByTestId('rectification-withdraw-error').count()).toBe(0);
    s.expectNoErrors([/409/]);
    await s.close();
  });

  it('the reviewer turns a monitoring deviation into an item from the monitoring page', async () => {
    const taken = new Set((await e.db.selectFrom('rectificationItem').select(['projectId', 'sourceKey']).execute()).map((r) => `${r.projectId}|${r.sourceKey}`));
    let found: { projectId: number; key: string } | null = null;
    for (const p of await currentProjects(e.db)) {
      if (p.status !== 'approved' && p.status !== 'published') continue;
      const source = (await deviationSources(e.db, p.id)).find((d) => d.key.endsWith('/spending') && !taken.has(`${p.id}|${d.key}`));
      if (source) {
        found = { projectId: p.id, key: source.key };
        break;
      }
    }
    expect(found).not.toBeNull();
    const s = await e.newPage();
    await login(s.page, ...e.account('reviewer'));
    await s.page.waitForURL(/\/workbench$/);
    await go(s.page, `/projects/${found!.projectId}/monitoring`);
    await s.page.locator(`[data-testid="spending-card"] [data-testid="to-rectification"][data-source-key="${found!.key}"]`).click();
    await clickSettled(s.page.getByTestId('rectification-create'));
    await s.page.locator('[data-testid="spending-card"] [data-testid="rectification-link"]').waitFor();
    const item = await e.db.selectFrom('rectificationItem').selectAll().where('projectId', '=', found!.projectId).where('sourceKey', '=', found!.key).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ sourceKind: 'deviation', status: 'pending' });
    expect(item.sourceText).toContain('预算执行率');
    s.expectNoErrors();
    await s.close();
  });
});
