/**
 * 工作阶段 and 催办 in a real browser (issue 33): the bureau opens 目标申报 with a deadline on the
 * 进度 page, reminds a department that has not finished, and the department's editor sees the
 * bell's count, the notification and the task with its days left on the 工作台.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaToday } from '../../src/shared/domain/rectification';
import { currentProjects } from './data';
import { clickSettled, fixtureFiles, go, login, screenshotsOnFailure, startE2e, type E2e } from './harness';

let e: E2e;

beforeAll(async () => {
  e = await startE2e({ files: fixtureFiles() });
}, 300_000);
afterAll(() => e?.close());
screenshotsOnFailure(() => e);

describe('工作阶段', () => {
  it('the bureau opens 目标申报 and reminds a department; its editor sees the bell and the task with days left', async () => {
    // a department that has not filed everything: one with a returned project
    const returned = await currentProjects(e.db, { status: 'returned' });
    expect(returned.length).toBeGreaterThan(0);
    const departmentId = returned[0]!.departmentId;
    const department = await e.db.selectFrom('department').select(['code', 'name']).where('id', '=', departmentId).executeTakeFirstOrThrow();
    const project = await e.db
      .selectFrom('project')
      .innerJoin('document', 'document.id', 'project.documentId')
      .select((eb) => eb.fn.coalesce('project.year', 'document.year').as('year'))
      .where('project.id', '=', returned[0]!.id)
      .executeTakeFirstOrThrow();
    const year = project.year!;
    const today = chinaToday(new Date());
    const due = addDays(today, 10);

    const s = await e.newPage();
    await login(s.page, ...e.account('reviewer'));
    await s.page.waitForURL(/\/workbench$/);
    await s.page.getByTestId('workbench-progress-link').click();
    await s.page.getByTestId('progress-page').waitFor();
    await go(s.page, `/progress?year=${year}`);
    await s.page.getByTestId('open-stage').click();
    await s.page.getByTestId('stage-opens').fill(today);
    await s.page.getByTestId('stage-due').fill(due);
    await clickSettled(s.page.getByTestId('open-stage-confirm'));
    const detail = s.page.getByTestId('stage-detail');
    await detail.waitFor();
    const row = s.page.locator(`[data-testid="stage-department"][data-department-id="${departmentId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('in-progress');
    await row.getByTestId('remind-one').click();
    await clickSettled(s.page.getByTestId('remind-confirm'));
    await s.page.getByTestId('remind-confirm').waitFor({ state: 'hidden' });
    const notices = await e.db.selectFrom('notification').select(['userId', 'kind']).execute();
    expect(notices.length).toBeGreaterThan(0);
    expect((await e.db.selectFrom('auditLog').select('action').where('action', '=', 'stage.remind').execute()).length).toBe(1);
    s.expectNoErrors();
    await s.close();

    const editor = await e.newPage();
    await login(editor.page, ...e.account(`dept-${department.code}`));
    await editor.page.waitForURL(/\/workbench$/);
    // the 催办 beside what else waits for the department (a return, issue 58): every unread one counted
    const account = await e.db.selectFrom('appUser').select('id').where('username', '=', `dept-${department.code}`).executeTakeFirstOrThrow();
    const unread = Number(
      (await e.db.selectFrom('notification').select((eb) => eb.fn.countAll<number | string>().as('n')).where('userId', '=', account.id).where('readAt', 'is', null).executeTakeFirstOrThrow()).n,
    );
    expect(unread).toBeGreaterThanOrEqual(1);
    await editor.page.locator(`[data-testid="notification-count"][data-count="${unread}"]`).waitFor();
    const task = editor.page.getByTestId('workbench-task');
    await task.first().waitFor();
    expect(await task.getByTestId('task-deadline').first().textContent()).toBe('剩余 10 天');
    await editor.page.getByTestId('notification-bell').click();
    await editor.page.getByTestId('notifications-page').waitFor();
    const item = editor.page.locator('[data-testid="notification"][data-read="no"][data-kind="reminder"]');
    await item.first().waitFor();
    expect(await item.first().textContent()).toContain(`催办：${year}年目标申报`);
    await item.first().getByTestId('notification-read').click();
    await editor.page.locator(`[data-testid="notification-count"][data-count="${unread - 1}"]`).waitFor();
    editor.expectNoErrors();
    await editor.close();
  }, 180_000);
});
