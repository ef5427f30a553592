/**
 * 审批与公开 in the browser (issue 33), on the demo data: with the ex-ante gate on for a project's
 * region and year, the reviewer's approve dialog names the held project and why, and does not let
 * it through; the reviewer issues (批复下达) a department's approved projects with a 文号 and date on
 * its page, the batch is listed with its notice; the public page of an issued, published project
 * shows its 批复文号 and date. Projects are looked up (no demo names assumed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveApprovalSetting } from '../../src/server/db/approval.repository';
import { listExAnte } from '../../src/server/modules/ex-ante/ex-ante.service';
import { go, type E2e, screenshotsOnFailure, startE2e } from './harness';

describe('审批与公开 screens', () => {
  let e: E2e;
  beforeAll(async () => {
    e = await startE2e();
  }, 180_000);
  afterAll(() => e?.close());
  screenshotsOnFailure(() => e);

  it('the approve dialog names a project the ex-ante gate holds, and why', async () => {
    const pending = (await listExAnte(e.db, {})).pending.map((p) => p.projectId);
    const target = await e.db
      .selectFrom('project')
      .select(['id', 'name', 'regionCode', 'year'])
      .where('id', 'in', pending.length > 0 ? pending : [-1])
      .where('status', '=', 'submitted')
      .where('regionCode', 'is not', null)
      .where('year', 'is not', null)
      .executeTakeFirst();
    expect(target, 'the demo has a submitted project that needs an assessment and has none').toBeDefined();
    await saveApprovalSetting(e.db, target!.regionCode!, target!.year!, { exAnteGate: true, budgetChangePerMille: 200, publishRequiresIssue: false }, new Date().toISOString(), 'test');

    const s = await e.session('reviewer');
    await go(s.page, `/projects/${target!.id}`);
    await s.page.getByTestId('action-approve').click();
    const held = s.page.getByTestId('action-gate-held');
    await held.waitFor();
    expect(await held.innerText()).toContain(`项目“${target!.name}”`);
    expect(await held.innerText()).toContain('事前绩效评估');
    expect(await s.page.getByTestId('action-confirm').isDisabled()).toBe(true);
    expect((await e.db.selectFrom('project').select('status').where('id', '=', target!.id).executeTakeFirstOrThrow()).status).toBe('submitted');
    s.expectNoErrors();
  });

  it('issues a department’s approved projects with a 文号 and date; the public page shows the 批复', async () => {
    const row = await e.db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .select(['d.departmentId', 'p.year'])
      .where('p.status', '=', 'approved')
      .where('d.isCurrent', '=', 1)
      .where('d.departmentId', 'is not', null)
      .executeTakeFirst();
    expect(row, 'the demo has approved projects').toBeDefined();
    const s = await e.session('reviewer');
    await go(s.page, `/departments/${row!.departmentId}?year=${row!.year}`);
    await s.page.getByTestId('open-issue').click();
    await s.page.getByTestId('issue-doc-number').fill('演示财预〔2025〕8号');
    await s.page.getByTestId('issue-date').fill('2025-03-05');
    await s.page.getByTestId('issue-confirm').click();
    await s.page.getByTestId('approval-batch').first().waitFor();
    expect(await s.page.getByTestId('approval-batch-list').innerText()).toContain('演示财预〔2025〕8号');
    expect(await s.page.getByTestId('batch-notice').first().getAttribute('href')).toMatch(/^\/api\/approval-batches\/\d+\/notice\.docx$/);

    const issued = await e.db.selectFrom('project').select('id').where('status', '=', 'issued').orderBy('id').executeTakeFirstOrThrow();
    await e.db.updateTable('project').set({ status: 'published' }).where('id', '=', issued.id).execute();
    const pub = await e.newPage();
    await go(pub.page, `/public/projects/${issued.id}`);
    const line = pub.page.getByTestId('public-issue');
    await line.waitFor();
    expect(await line.innerText()).toContain('演示财预〔2025〕8号');
    expect(await line.innerText()).toContain('2025年3月5日');
    await pub.close();
    s.expectNoErrors();
  });
});
