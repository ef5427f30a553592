/**
 * 目标调整 in the browser (issue 33), on the demo data: a department's editor asks on its approved
 * project's page to adjust the first indicator's target (the reason, the effective date: the
 * project's latest monitoring round), the reviewer approves it on the same page, and the project's
 * monitoring page measures that round against the adjusted target. Projects are looked up (no demo
 * names assumed).
 */
import { describe, expect, it } from 'vitest';
import { clickSettled, go, login, useE2e } from './harness';

describe('目标调整 screens', () => {
  const e = useE2e();

  it('a department asks, the reviewer approves, the monitoring page shows the adjusted target', async () => {
    const editors = new Map(e.demoLogins.filter((l) => l.username.startsWith('dept-')).map((l) => [l.username.slice('dept-'.length), l]));
    const candidates = await e.db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .innerJoin('department as dep', 'dep.id', 'd.departmentId')
      .innerJoin('executionRecord as r', 'r.projectId', 'p.id')
      .select(['p.id', 'p.year', 'dep.code'])
      .select((eb) => eb.fn.max('r.asOf').as('latest'))
      .where('p.status', 'in', ['approved', 'issued', 'published'])
      .where('d.isCurrent', '=', 1)
      .groupBy(['p.id', 'p.year', 'dep.code'])
      .execute();
    const target = candidates.find((c) => c.code !== null && editors.has(c.code) && c.year !== null && String(c.latest).startsWith(String(c.year)));
    expect(target, 'the demo has a monitored project of a department with an editor account').toBeDefined();
    const editor = editors.get(target!.code!)!;
    const asOf = String(target!.latest);
    const newTarget = '≥98765人次';

    const s = await e.newPage();
    await login(s.page, editor.username, editor.password);
    await go(s.page, `/projects/${target!.id}`);
    await s.page.getByTestId('request-adjustment').click();
    const first = s.page.getByTestId('adjust-target-0');
    await first.waitFor();
    await first.fill(newTarget);
    await s.page.getByTestId('adjustment-date').fill(asOf);
    await s.page.getByTestId('adjustment-reason').fill('服务对象增加，目标相应提高');
    await s.page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => s.page.getByTestId('adjustment-requests').innerText().catch(() => '')).toContain('待审核');
    s.expectNoErrors();
    await s.close();

    const r = await e.session('reviewer');
    await go(r.page, `/projects/${target!.id}`);
    await r.page.getByTestId('adjustment-approve').click();
    // 通过 asks to confirm, with what changes (issue 71)
    await clickSettled(r.page.getByTestId('adjustment-confirm-ok'));
    await expect.poll(() => r.page.getByTestId('adjustment-requests').innerText()).toContain('已通过');
    await expect.poll(() => r.page.getByTestId('adjustment-versions').innerText()).toContain('第 2 版');
    // the two versions side by side: the changed value highlighted
    await expect.poll(() => r.page.getByTestId('adjustment-compare').locator('.adjustment-changed').allInnerTexts()).toContain(newTarget);

    await go(r.page, `/projects/${target!.id}/monitoring`);
    const table = r.page.getByTestId('indicator-progress-table');
    await table.waitFor();
    await expect.poll(() => table.innerText()).toContain(newTarget);
    r.expectNoErrors();
  }, 180_000);
});
