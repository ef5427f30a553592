/**
 * 下年目标 in the browser, on the demo data (approved projects with monitoring rounds and
 * self-evaluations): a department's editor starts next year's table from an approved project of
 * this year, sees this year's target and actual value beside each indicator, changes targets and
 * the budget, saves the draft and submits it; the project page then shows last year's values beside
 * the indicators. Then the department's batch. Nothing depends on the demo's names: the project is
 * found in the database (one with a self-evaluation actual, its department's editor account).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { compactLabel } from '../../src/shared/domain/text';
import { saveScreenshot } from './browser';
import { indicatorsOf } from './data';
import { reviewLevelsOfDepartment } from '../../src/server/db/review-levels.repository';
import { carryOverProject } from '../../src/server/modules/carry-over/carry-over.service';
import { transitionFrom } from '../../src/shared/domain/workflow';
import { clickForAnswer, clickSettled, dialogOf, type E2e, go, login, openDialog, useE2e } from './harness';

interface Source {
  id: number;
  name: string;
  departmentId: number;
  departmentName: string;
  year: number;
  /** An indicator position with a self-evaluation value, and that value as shown (with the target's unit). */
  actual: { position: number; text: string } | null;
}

/** An approved or published project of a department with a demo editor, one with a self-evaluation value if there is one. */
async function findSource(e: E2e): Promise<Source> {
  const rows = await e.db
    .selectFrom('project')
    .innerJoin('document', 'document.id', 'project.documentId')
    .innerJoin('department', 'department.id', 'document.departmentId')
    .leftJoin('selfEvaluation', 'selfEvaluation.projectId', 'project.id')
    .select(['project.id', 'project.name', 'department.id as departmentId', 'department.name as departmentName', 'document.year', 'selfEvaluation.id as evaluationId'])
    .where('document.isCurrent', '=', 1)
    .where('project.status', 'in', ['approved', 'published'])
    .orderBy(sql`case when ${sql.ref('selfEvaluation.id')} is null then 1 else 0 end`)
    .orderBy('project.id')
    .execute();
  const editors = new Set(e.demoLogins.filter((l) => l.role === 'editor').map((l) => l.departmentName));
  const row = rows.find((r) => editors.has(r.departmentName) && r.year !== null);
  if (!row) throw new Error('the demo data has no approved project of a department with an editor');
  let actual: Source['actual'] = null;
  if (row.evaluationId !== null) {
    const line = await e.db
      .selectFrom('selfEvaluationIndicator')
      .innerJoin('indicator', 'indicator.id', 'selfEvaluationIndicator.indicatorId')
      .select(['indicator.position', 'indicator.targetUnit', 'selfEvaluationIndicator.actualText'])
      .where('selfEvaluationIndicator.evaluationId', '=', row.evaluationId)
      .where('selfEvaluationIndicator.actualKind', '=', 'value')
      .orderBy('indicator.position')
      .executeTakeFirst();
    if (line?.actualText) actual = { position: line.position, text: `${line.actualText}${line.targetUnit ?? ''}` };
  }
  return { id: row.id, name: row.name, departmentId: row.departmentId, departmentName: row.departmentName, year: row.year!, actual };
}

function editorOf(e: E2e, departmentName: string): [string, string] {
  const account = e.demoLogins.find((l) => l.role === 'editor' && l.departmentName === departmentName)!;
  return [account.username, account.password];
}

describe('next year from this year (下年目标)', () => {
  const e = useE2e();

  it('an editor starts next year’s table from an approved project, sees this year’s values beside each indicator, changes targets, saves and submits', async () => {
    const source = await findSource(e);
    expect(source.actual, 'the demo has self-evaluations with values').not.toBeNull();
    const before = await indicatorsOf(e.db, source.id);
    const s = await e.newPage();
    const { page } = s;
    await login(page, ...editorOf(e, source.departmentName));
    await go(page, `/projects/${source.id}`);
    await page.locator(`[data-testid="project-page"][data-id="${source.id}"]`).waitFor();
    const ok = await openDialog(page.getByTestId('carry-over'), page.getByTestId('carry-over-confirm'));
    const answer = await clickForAnswer(page, ok, `/api/projects/${source.id}/carry-over`);
    expect(answer.status()).toBe(201);
    const newId = ((await answer.json()) as { project: { id: number } }).project.id;
    expect(newId).not.toBe(source.id);

    // The editor of next year's draft, with last year's values beside each indicator.
    await page.getByTestId('project-editor').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/projects/${newId}/edit`);
    await page.getByTestId('previous-year-0').waitFor();
    expect(await page.getByTestId('indicator-editor').count()).toBe(before.length);
    for (const ind of before) {
      const line = await page.getByTestId(`previous-year-${ind.position}`).innerText();
      expect(line).toContain(`上年（${source.year}年）`);
      expect(line).toContain(ind.targetRaw);
    }
    const withActual = await page.getByTestId(`previous-year-${source.actual!.position}`).innerText();
    expect(withActual).toContain(source.actual!.text);
    expect(withActual).toContain('自评实际');
    await expect.poll(() => page.getByTestId('previous-budget').innerText()).toContain(`上年（${source.year}年）预算数`);
    await saveScreenshot(page, 'carry-over-editor');

    // Change two targets and enter next year's budget; save the draft.
    const changed = before.slice(0, 2).map((ind, i) => ({ position: ind.position, target: `≥${100 + i}个` }));
    for (const c of changed) await page.getByTestId(`target-input-${c.position}`).fill(c.target);
    await page.getByTestId('field-budget-total').fill('88');
    await page.getByTestId('field-budget-fiscal').fill('88');
    await page.getByTestId('dirty-tag').waitFor();
    await page.getByTestId('save-project').click();
    await page.getByTestId('dirty-tag').waitFor({ state: 'detached' });
    // Still beside the changed rows: last year's target, not the new one.
    expect(await page.getByTestId(`previous-year-${changed[0]!.position}`).innerText()).toContain(before[0]!.targetRaw);

    // Submit (with a reason when the review still has errors).
    await page.getByTestId('submit-project').click();
    const comment = page.getByTestId('action-comment');
    if (await page.getByTestId('action-open-errors').isVisible().catch(() => false)) await comment.fill('下年目标按本年实际值调整，其余待审核时说明');
    await clickSettled(page.getByTestId('action-confirm'));
    await page.locator(`[data-testid="project-page"][data-id="${newId}"]`).waitFor();

    // The project page: submitted, last year's values beside the indicators, the rectification place.
    const card = page.getByTestId('previous-year-card');
    await card.waitFor();
    const table = await page.getByTestId('previous-year-table').innerText();
    for (const c of changed) expect(table).toContain(c.target);
    expect(table).toContain(source.actual!.text);
    expect(await page.getByTestId('open-rectifications').innerText()).toContain('上年未完成的整改事项（0）');
    await saveScreenshot(page, 'carry-over-project');

    const stored = await e.db
      .selectFrom('project')
      .innerJoin('document', 'document.id', 'project.documentId')
      .select(['project.status', 'project.name', 'project.budgetTotal', 'document.year', 'document.departmentId'])
      .where('project.id', '=', newId)
      .executeTakeFirstOrThrow();
    // submitted to the department's first level of review (the demo's 路南区 has 主管部门 and 业务科室 levels)
    const levels = await reviewLevelsOfDepartment(e.db, source.departmentId, source.year + 1);
    expect([stored.status, stored.name, Number(stored.budgetTotal), stored.year, stored.departmentId]).toStrictEqual([
      transitionFrom('submit', 'draft', 'editor', levels)!.to,
      source.name,
      88_000_000,
      source.year + 1,
      source.departmentId,
    ]);
    const after = await indicatorsOf(e.db, newId);
    expect(after.slice(0, 2).map((i) => i.targetRaw)).toStrictEqual(changed.map((c) => c.target));
    expect(after.slice(2).map((i) => i.name)).toStrictEqual(before.slice(2).map((i) => i.name));

    // The source now links to next year's project instead of offering a second draft.
    await go(page, `/projects/${source.id}`);
    await page.getByTestId('next-year-project').waitFor();
    expect(await page.getByTestId('carry-over').count()).toBe(0);
    s.expectNoErrors();
    await s.close();
    // a dozen steps through the editor and two pages: 66 s at load 17 on two cores, over vitest's default 60 s
  }, 120_000);

  it('a department’s editor starts next year’s tables of the whole department and sees what was carried and why not', async () => {
    const source = await findSource(e);
    const s = await e.newPage();
    const { page } = s;
    await login(page, ...editorOf(e, source.departmentName));
    await go(page, `/departments/${source.departmentId}?year=${source.year}`);
    await page.locator(`[data-testid="department-page"][data-id="${source.departmentId}"]`).waitFor();
    const ok = await openDialog(page.getByTestId('department-carry-over'), page.getByTestId('department-carry-over-confirm'));
    expect((await clickForAnswer(page, ok, `/api/departments/${source.departmentId}/carry-over`)).status()).toBe(200);
    const result = page.getByTestId('department-carry-over-result');
    await result.waitFor();
    const outcomes = page.getByTestId('carry-over-outcome');
    const projects = await e.db
      .selectFrom('project')
      .innerJoin('document', 'document.id', 'project.documentId')
      .select(['project.status', 'project.name'])
      .where('document.departmentId', '=', source.departmentId)
      .where('document.isCurrent', '=', 1)
      .where('document.year', '=', source.year)
      .execute();
    expect(await outcomes.count()).toBe(projects.length);
    const carried = await page.locator('[data-testid="carry-over-outcome"][data-ok="true"]').count();
    // One draft per name among the approved and published projects, but none again for the project the first test carried over.
    const names = new Set(projects.filter((p) => p.status === 'approved' || p.status === 'published').map((p) => compactLabel(p.name)));
    names.delete(compactLabel(source.name));
    expect(carried).toBe(names.size);
    expect(await result.innerText()).toContain('不能重复编制');
    await saveScreenshot(page, 'carry-over-department');
    await clickSettled(page.getByTestId('department-carry-over-confirm'));
    s.expectNoErrors();
    await s.close();
  });

  it('a carry-over the server refuses (next year’s table made meanwhile) shows why in the dialog, above its button, and the dialog stays', async () => {
    // an approved project of a department with an editor and nothing yet of the next year
    const rows = await e.db
      .selectFrom('project')
      .innerJoin('document', 'document.id', 'project.documentId')
      .innerJoin('department', 'department.id', 'document.departmentId')
      .select(['project.id', 'department.id as departmentId', 'department.name as departmentName', 'document.year'])
      .where('document.isCurrent', '=', 1)
      .where('project.status', 'in', ['approved', 'published'])
      .orderBy('project.id')
      .execute();
    const years = await e.db.selectFrom('document').select(['departmentId', 'year']).execute();
    const editors = new Set(e.demoLogins.filter((l) => l.role === 'editor').map((l) => l.departmentName));
    const target = rows.find((r) => r.year !== null && editors.has(r.departmentName) && !years.some((y) => y.departmentId === r.departmentId && y.year === r.year! + 1));
    expect(target, 'an approved project of a department without next year’s tables').toBeDefined();
    const s = await e.newPage();
    const { page } = s;
    await login(page, ...editorOf(e, target!.departmentName));
    await go(page, `/projects/${target!.id}`);
    await page.locator(`[data-testid="project-page"][data-id="${target!.id}"]`).waitFor();
    const ok = await openDialog(page.getByTestId('carry-over'), page.getByTestId('carry-over-confirm'));
    // meanwhile another session of the department makes next year's table from it
    await carryOverProject(e.db, target!.id, { actor: '单位填报人', now: new Date() });
    const answer = await clickForAnswer(page, ok, `/api/projects/${target!.id}/carry-over`);
    expect(answer.status()).toBe(409);
    const dialog = dialogOf(page, ok);
    const error = dialog.locator('.ant-modal-footer').getByTestId('carry-over-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('不能重复编制');
    // right above the button, which works again; still on the project's page
    const [errorBox, okBox] = [await error.boundingBox(), await ok.boundingBox()];
    expect(okBox!.y).toBeGreaterThanOrEqual(errorBox!.y + errorBox!.height);
    expect(await ok.isEnabled()).toBe(true);
    expect(new URL(page.url()).pathname).toBe(`/projects/${target!.id}`);
    await clickSettled(dialog.getByRole('button', { name: /取\s*消/ }));
    await dialog.waitFor({ state: 'hidden' });
    s.expectNoErrors([/409/]);
    await s.close();
  });
});
