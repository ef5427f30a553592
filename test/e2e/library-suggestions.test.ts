/**
 * The editor's library suggestions (issue 71, item 10), in a real browser at 1440 px on the four real documents: in the
 * 2022 draft 残疾人专职委员队伍建设 of 曹妃甸区希望路街道办事处,
 * - an amount scaled to the project's budget says how: the peers' median, its share of their budgets, the project's budget
 *   it was applied to — not a 同类中位数 of 10.65万元 beside a 建议值 of 0.58万元 with nothing between;
 * - no indicator of projects of another kind that only share words with it (the village party projects' 项目总成本);
 * - a suggested basis naming a later year ("2025年工作计划") is not inserted into the 2022 project, and the page says so.
 */
import { bumpDataVersion } from '../../src/server/db/data-version.repository';
import { describe, expect, it } from 'vitest';
import { fixtureFiles, login, open, useE2e } from './harness';
import { expectCleanPage } from './scan';

const e = useE2e({ files: fixtureFiles() });

describe('library suggestions in the editor (1440 px)', () => {
  it('say how an amount is scaled, come from projects of its kind, and insert no basis of a later year', async () => {
    const project = await e.db.selectFrom('project').select(['id', 'year', 'budgetTotal']).where('name', '=', '残疾人专职委员队伍建设').executeTakeFirstOrThrow();
    expect(project.year).toBe(2022);
    // the peers published (issue 72: an editor is shown no other department's draft): the other departments' projects
    const own = await e.db.selectFrom('project').innerJoin('document', 'document.id', 'project.documentId').select('document.departmentId').where('project.id', '=', project.id).executeTakeFirstOrThrow();
    const others = (await e.db.selectFrom('project').innerJoin('document', 'document.id', 'project.documentId').select('project.id').where('document.departmentId', '!=', own.departmentId).execute()).map((r) => r.id);
    await e.db.updateTable('project').set({ status: 'published' }).where('id', 'in', others).execute();
    await bumpDataVersion(e.db);
    const s = await e.newPage();
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await login(s.page, ...e.account('dept-314003'));
    await open(s.page, `/projects/${project.id}/edit`);
    const card = s.page.getByTestId('suggestions');
    await card.getByTestId('suggestion').first().waitFor();
    const names = await card.getByTestId('suggestion-name').allInnerTexts();
    // only the village party projects use 项目总成本 among those that share a few words with it
    expect(names).not.toContain('项目总成本');

    // every amount scaled to the budget says the share and the budget it applied
    const scaled = card.getByTestId('suggestion-scaled');
    expect(await scaled.count()).toBeGreaterThan(0);
    for (const text of await scaled.allInnerTexts()) expect(text).toMatch(/同类项目中位数 [\d,.]+万元，约占其预算的 [\d.]+%；按本项目预算 [\d,.]+ 万元 折算，建议值 [≤≥<>]?[\d.]+万元/);

    // a suggestion whose peers' basis names a later year: inserted without it, and said
    const later = card.getByTestId('suggestion').filter({ hasText: '发放及时率' });
    await later.getByTestId('insert-suggestion').click();
    const toast = s.page.locator('.ant-message-notice').filter({ hasText: '发放及时率' });
    await toast.waitFor();
    expect(await toast.innerText()).toContain('写的是本项目以后的年度，未填入');
    const inserted = s.page.getByTestId('indicator-editor').filter({ has: s.page.locator('input[value="发放及时率"]') });
    const basis = inserted.locator('[data-testid^="indicator-basis-"]');
    expect(await basis.inputValue()).toBe('');
    await expectCleanPage(s.page, 'the editor with its suggestions', { width: false });
    s.expectNoErrors();
    await s.close();
  });
});
