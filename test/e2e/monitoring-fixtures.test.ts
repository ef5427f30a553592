/**
 * Issue 5's acceptance, in the browser: the four real fixtures imported (their approved projects
 * get the demo's rounds and self-evaluations), a department's editor enters a new round through the
 * entry form — little spent, a cause and a measure — and the finance reviewer then sees that
 * project among those behind plan, by how much and why, and every department's self-evaluation
 * scores in the ranking.
 */
import { describe, expect, it } from 'vitest';
import { intFromDb } from '../../src/server/db/document.repository';
import { saveScreenshot } from './browser';
import { currentProjects } from './data';
import { chooseOption, clickSettled, fixtureFiles, go, useE2e } from './harness';

const MEASURE = '加快资金拨付进度，九月底前完成采购';

describe('monitoring and self-evaluation on the four fixtures', () => {
  const e = useE2e({ files: fixtureFiles() });

  it('an editor enters a round; the reviewer sees the project behind plan, by how much and why', async () => {
    // 000 (763001 中共唐山市路南区委社会工作部, 2025): one of its approved or published projects
    const project = (await currentProjects(e.db, { departmentCode: '763001' })).find((p) => p.status === 'approved' || p.status === 'published');
    expect(project).toBeDefined();

    const editor = await e.session('dept-763001');
    await go(editor.page, `/projects/${project!.id}/monitoring`);
    await editor.page.getByTestId('project-monitoring-page').waitFor();
    await editor.page.getByTestId('new-round').click();
    await editor.page.getByTestId('execution-form').waitFor();
    const asOf = await editor.page.getByTestId('execution-form').locator('input').first().inputValue();
    expect(asOf).toMatch(/^2025-\d\d-\d\d$/);
    await editor.page.getByTestId('entry-spent').fill('0.01');
    await chooseOption(editor.page, editor.page.getByTestId('entry-spending-cause'), '经费保障');
    await editor.page.getByTestId('entry-spending-measure').fill(MEASURE);
    await clickSettled(editor.page.getByTestId('entry-save'));
    // 0.01 万元 = 100 元 = 10,000 fen, read as the repositories read money (bigint: text on PostgreSQL)
    const spent = async () => {
      const row = await e.db.selectFrom('executionRecord').select('spent').where('projectId', '=', project!.id).where('asOf', '=', asOf).executeTakeFirst();
      return row === undefined ? undefined : intFromDb(row.spent);
    };
    await expect.poll(spent).toBe(10_000);
    editor.expectNoErrors();

    const reviewer = await e.session('reviewer');
    await go(reviewer.page, '/monitoring');
    await reviewer.page.getByTestId('monitoring-page').waitFor();
    // the region's rounds say their departments too (issue 71)
    await chooseOption(reviewer.page, reviewer.page.getByTestId('round-select'), `截至 ${asOf}（1 个部门、1 个项目）`);
    const row = reviewer.page.getByTestId('behind-table').locator(`[data-project="${project!.id}"]`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain(project!.name);
    expect(text).toContain('原因：经费保障');
    expect(text).toContain(`措施：${MEASURE}`);
    // by how much: the execution rate (0.01 万元 of the budget) against the plan to date
    expect(text).toMatch(/\d+(\.\d+)?%/);
    expect(await row.getByTestId('behind-explanation').first().getAttribute('data-explained')).toBe('true');
    await reviewer.page.keyboard.press('Escape');
    await saveScreenshot(reviewer.page, 'monitoring-fixtures-behind');
    reviewer.expectNoErrors();
  });

  it('the reviewer sees every department with approved projects ranked by its self-evaluation score', async () => {
    const reviewer = await e.session('reviewer');
    for (const year of [2025, 2022]) {
      const evaluated = await e.db
        .selectFrom('selfEvaluation as s')
        .innerJoin('project as p', 'p.id', 's.projectId')
        .innerJoin('document as d', 'd.id', 'p.documentId')
        .select('d.departmentId')
        .distinct()
        .where('p.year', '=', year)
        .execute();
      expect(evaluated.length).toBeGreaterThan(0);
      await go(reviewer.page, `/self-evaluations?year=${year}`);
      await reviewer.page.getByTestId('ranking-page').waitFor();
      const rows = reviewer.page.getByTestId('ranking-row');
      await expect.poll(() => rows.count()).toBe(evaluated.length);
      const shown = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-department'))));
      expect(shown.sort()).toEqual(evaluated.map((d) => d.departmentId).sort());
      for (const average of await reviewer.page.getByTestId('ranking-average').allInnerTexts()) expect(average).toMatch(/^\d+\.\d\d$/);
      if (year === 2025) await saveScreenshot(reviewer.page, 'self-evaluation-ranking-fixtures');
    }
    reviewer.expectNoErrors();
  });
});
