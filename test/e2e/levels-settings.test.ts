/**
 * The levels of review's settings screen (issue 32) in a real browser, on the four real documents
 * with the demo's province (路南区 130202 uses 单位 → 主管部门 → 财政业务科室 → 绩效科; 763001 is the
 * 主管部门 of 203001; its bureau's 社会保障科 reviews 763001, 行政政法科 203001). The system
 * administrator, on 区划与审核层级:
 *
 * - 审核层级: reads each region's levels and where they come from (本级设置, 沿用 the city, 默认);
 *   sets 唐山市's, and its districts without their own inherit it; a refusal stays in the dialog;
 *   sets 唐山市's from this budget year on: its districts use it in this year's view, not last year's;
 * - 主管部门: finds a unit by name, picks its 主管部门 among the departments of its region that are
 *   no units themselves (a searchable select), clears it; a unit with projects waiting for its
 *   主管部门 keeps it, the reason shown in the dialog;
 * - 业务科室: picks a region, adds a section (a name taken is refused in the dialog), renames it,
 *   assigns a department to it and unassigns it (one row, then the rows chosen), cannot delete it while
 *   a department is assigned, deletes it when none is; then makes a section's account on 用户.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { departmentByCode } from './data';
import { chooseOption, clearSelect, clickSettled, dropdownsClosed, fixtureFiles, go, useE2e } from './harness';

const e = useE2e({ files: fixtureFiles() });

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations (WCAG 2.1 AA) on the page as it is now, as accessibility.test.ts audits. */
async function seriousViolations(page: Page): Promise<string[]> {
  // a Select's dropdown that was just closed fades out: its options, half transparent, would read as low contrast
  await dropdownsClosed(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { html: string }[] }[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })).violations;
  });
  // antd's Select leaves its option list (role listbox, no name of its own) in the page once opened; the combobox that
  // owns it is labelled (aria-label), and screen readers announce the list by it: not counted
  const ownedList = (v: { id: string; nodes: { html: string }[] }) => v.id === 'aria-input-field-name' && v.nodes.every((n) => /role="listbox" id="[^"]*_list"/.test(n.html));
  return violations.filter((v) => (v.impact === 'serious' || v.impact === 'critical') && !ownedList(v)).map((v) => `${v.id}: ${v.nodes[0]?.html.slice(0, 120)}`);
}

describe('区划与审核层级 (system administrator)', () => {
  it('shows each region\'s levels with their source; sets a city\'s, which its districts inherit; a refusal stays in the dialog', async () => {
    const admin = await e.session('admin');
    await go(admin.page, '/admin/regions');
    await admin.page.getByTestId('regions-tab-levels').click();
    const row = (code: string) => admin.page.locator(`[data-testid="review-levels-row"][data-code="${code}"]`);
    await row('130202').waitFor();
    expect(await row('130202').getByTestId('review-levels-effective').innerText()).toBe('单位 → 主管部门 → 财政业务科室 → 绩效科');
    expect(await row('130202').getByTestId('review-levels-source').innerText()).toBe('本级设置');
    expect(await row('130213').getByTestId('review-levels-effective').innerText()).toBe('单位 → 财政');
    expect(await row('130213').getByTestId('review-levels-source').innerText()).toBe('默认');

    // a refusal (the server down for a moment) stays in the dialog, which stays open; the dialog offers every subset of the levels
    await row('130200').getByTestId('review-levels-edit').click();
    for (const k of ['finance', 'supervisor', 'section', 'supervisor_section']) await admin.page.getByTestId(`review-levels-${k}`).waitFor();
    await clickSettled(admin.page.getByTestId('review-levels-section'));
    await admin.page.getByTestId('review-levels-section-note').waitFor();
    await clickSettled(admin.page.getByTestId('review-levels-supervisor'));
    await admin.page.getByTestId('review-levels-section-note').waitFor({ state: 'detached' });
    await admin.page.route('**/api/regions/130200/review-levels', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'unavailable', message: '服务暂时不可用，请稍后重试' }) }),
    );
    await clickSettled(admin.page.getByTestId('review-levels-save'));
    expect(await admin.page.getByTestId('review-levels-error').innerText()).toContain('服务暂时不可用');
    await admin.page.unroute('**/api/regions/130200/review-levels');

    // again: saved; 丰南区 (no setting of its own) now uses the city's
    await clickSettled(admin.page.getByTestId('review-levels-save'));
    await admin.page.getByTestId('review-levels-save').waitFor({ state: 'hidden' });
    await row('130200').and(admin.page.locator('[data-own="supervisor"]')).waitFor();
    expect(await row('130213').getByTestId('review-levels-effective').innerText()).toBe('单位 → 主管部门 → 财政');
    expect(await row('130213').getByTestId('review-levels-source').innerText()).toBe('沿用唐山市');
    const stored = await e.db.selectFrom('region').select('reviewLevels').where('code', '=', '130200').executeTakeFirstOrThrow();
    expect(stored.reviewLevels).toBe('supervisor');

    // back to inheriting: the default again
    await row('130200').getByTestId('review-levels-edit').click();
    await clickSettled(admin.page.getByTestId('review-levels-inherit'));
    await clickSettled(admin.page.getByTestId('review-levels-save'));
    await row('130200').and(admin.page.locator('[data-own=""]')).waitFor();
    expect(await row('130213').getByTestId('review-levels-source').innerText()).toBe('默认');

    // per year: 唐山市 uses the 主管部门 level from this year on; its districts too, not the year before
    const thisYear = new Date().getFullYear();
    await row('130200').getByTestId('review-levels-edit').click();
    await chooseOption(admin.page, admin.page.getByTestId('review-levels-from-year'), `自${thisYear}年度起`);
    await clickSettled(admin.page.getByTestId('review-levels-supervisor'));
    await clickSettled(admin.page.getByTestId('review-levels-save'));
    await row('130200').and(admin.page.locator(`[data-years="${thisYear}:supervisor"]`)).waitFor();
    expect(await row('130200').getByTestId('review-levels-own').innerText()).toBe(`${thisYear}年起：单位 → 主管部门 → 财政`);
    await chooseOption(admin.page, admin.page.getByTestId('review-levels-year'), `${thisYear}年度项目`);
    await row('130213').and(admin.page.locator('[data-effective="supervisor"]')).waitFor();
    expect(await row('130213').getByTestId('review-levels-source').innerText()).toBe(`沿用唐山市（${thisYear}年起）`);
    await chooseOption(admin.page, admin.page.getByTestId('review-levels-year'), `${thisYear - 1}年度项目`);
    await row('130213').and(admin.page.locator('[data-effective="finance"]')).waitFor();
    expect(await row('130213').getByTestId('review-levels-source').innerText()).toBe('默认');
    await admin.page.mouse.move(0, 0);
    expect(await seriousViolations(admin.page)).toStrictEqual([]);
    const byYear = await e.db.selectFrom('regionReviewLevels').selectAll().execute();
    expect(byYear).toStrictEqual([{ regionCode: '130200', fromYear: thisYear, reviewLevels: 'supervisor' }]);
    const audit = await e.db.selectFrom('auditLog').select(['action']).where('action', '=', 'region.reviewLevels').execute();
    expect(audit.length).toBeGreaterThanOrEqual(4); // the demo's 路南区 and these three
    admin.expectNoErrors([/503/]);
  });

  it('sets and clears a unit\'s 主管部门 with a searchable select; a unit with projects waiting keeps it', async () => {
    const parent = await departmentByCode(e.db, '763001');
    const unit = await departmentByCode(e.db, '203001');
    // a third department of 路南区 (moved there for the test; the demo has two)
    const third = (await e.db.selectFrom('department').select(['id', 'code', 'name']).where('id', 'not in', [parent.id, unit.id]).orderBy('id').executeTakeFirstOrThrow());
    await e.db.updateTable('department').set({ regionCode: '130202' }).where('id', '=', third.id).execute();

    const admin = await e.session('admin');
    await go(admin.page, '/admin/regions?tab=parents');
    const row = (code: string) => admin.page.locator(`[data-testid="department-levels-row"][data-code="${code}"]`);
    await row(unit.code!).waitFor();
    expect(await row(unit.code!).getAttribute('data-parent')).toBe(parent.code);
    expect(await row(parent.code!).getByTestId('department-levels-edit').count()).toBe(0); // a 主管部门 takes none

    // the search narrows the list
    await admin.page.getByTestId('department-levels-search').fill(third.name.slice(-6));
    await row(third.code!).waitFor();
    await row(unit.code!).waitFor({ state: 'detached' });
    await row(third.code!).getByTestId('department-levels-edit').click();
    const select = admin.page.getByTestId('department-parent-select');
    await chooseOption(admin.page, select, `${parent.code} ${parent.name}`, { search: parent.name.slice(-4) });
    await clickSettled(admin.page.getByTestId('department-parent-save'));
    await row(third.code!).and(admin.page.locator(`[data-parent="${parent.code}"]`)).waitFor();
    expect(await row(third.code!).getByTestId('department-levels-parent').innerText()).toBe(parent.name);
    expect((await e.db.selectFrom('department').select('parentDepartmentId').where('id', '=', third.id).executeTakeFirstOrThrow()).parentDepartmentId).toBe(parent.id);

    // cleared again
    await row(third.code!).getByTestId('department-levels-edit').click();
    await clearSelect(admin.page.getByTestId('department-parent-select'));
    await clickSettled(admin.page.getByTestId('department-parent-save'));
    await row(third.code!).and(admin.page.locator('[data-parent=""]')).waitFor();

    // the demo's unit has projects waiting for its 主管部门: refused, the reason in the dialog
    await admin.page.getByTestId('department-levels-search').fill('');
    await row(unit.code!).getByTestId('department-levels-edit').click();
    await clearSelect(admin.page.getByTestId('department-parent-select'));
    await clickSettled(admin.page.getByTestId('department-parent-save'));
    expect(await admin.page.getByTestId('department-parent-error').innerText()).toContain('待主管部门审核');
    expect(await row(unit.code!).getAttribute('data-parent')).toBe(parent.code);
    expect(await seriousViolations(admin.page)).toStrictEqual([]);
    admin.expectNoErrors([/409/]);
  });
});

describe('业务科室 (system administrator)', () => {
  it('adds, renames and deletes a region\'s business section, assigns departments to it one or several at a time; makes a section\'s account', async () => {
    const social = await departmentByCode(e.db, '763001');
    const organisation = await departmentByCode(e.db, '203001');
    // a third department of 路南区 (moved there for the test; the demo has two)
    const third = await e.db.selectFrom('department').select(['id', 'code', 'name']).where('id', 'not in', [social.id, organisation.id]).orderBy('id').executeTakeFirstOrThrow();
    await e.db.updateTable('department').set({ regionCode: '130202', sectionId: null }).where('id', '=', third.id).execute();

    const admin = await e.session('admin');
    await go(admin.page, '/admin/regions');
    await admin.page.getByTestId('regions-tab-sections').click();
    await chooseOption(admin.page, admin.page.getByTestId('sections-region'), '路南区（130202）', { search: '路南' });
    const section = (name: string) => admin.page.locator(`[data-testid="section-row"][data-name="${name}"]`);
    const department = (code: string) => admin.page.locator(`[data-testid="section-department-row"][data-code="${code}"]`);
    await section('社会保障科').waitFor();
    await section('行政政法科').waitFor();
    expect(await department(social.code!).getAttribute('data-section')).toBe('社会保障科');
    expect(await department(organisation.code!).getAttribute('data-section')).toBe('行政政法科');
    await department(third.code!).getByTestId('section-unassigned').waitFor();

    // a new section; a name the district has is refused in the dialog
    await admin.page.getByTestId('section-create').click();
    await admin.page.getByTestId('section-name').fill('行政政法科');
    await clickSettled(admin.page.getByTestId('section-name-save'));
    expect(await admin.page.getByTestId('section-name-error').innerText()).toContain('已有名为“行政政法科”的业务科室');
    await admin.page.getByTestId('section-name').fill('农业农村科');
    await clickSettled(admin.page.getByTestId('section-name-save'));
    await section('农业农村科').waitFor();
    // renamed
    await section('农业农村科').getByTestId('section-rename').click();
    await admin.page.getByTestId('section-name').fill('经济建设科');
    await clickSettled(admin.page.getByTestId('section-name-save'));
    await section('经济建设科').waitFor();

    // one department assigned from its row
    await department(third.code!).getByTestId('section-assign').click();
    await chooseOption(admin.page, admin.page.getByTestId('section-assign-select'), '经济建设科');
    await clickSettled(admin.page.getByTestId('section-assign-save'));
    await department(third.code!).and(admin.page.locator('[data-section="经济建设科"]')).waitFor();
    const stored = await e.db.selectFrom('department').innerJoin('businessSection', 'businessSection.id', 'department.sectionId').select('businessSection.name').where('department.id', '=', third.id).executeTakeFirstOrThrow();
    expect(stored.name).toBe('经济建设科');
    await section('经济建设科').and(admin.page.locator('[data-id]')).waitFor();

    // not deleted while a department is assigned: the reason in the dialog
    await section('经济建设科').getByTestId('section-delete').click();
    await clickSettled(admin.page.getByTestId('section-delete-confirm'));
    expect(await admin.page.getByTestId('section-delete-error').innerText()).toContain('1 个归口单位');
    await admin.page.keyboard.press('Escape');
    await admin.page.getByTestId('section-delete-confirm').waitFor({ state: 'hidden' });

    // the rows chosen: unassigned at once
    await department(third.code!).locator('.ant-checkbox-input').check();
    await admin.page.getByTestId('section-assign-chosen').click();
    await clearSelect(admin.page.getByTestId('section-assign-select'));
    await clickSettled(admin.page.getByTestId('section-assign-save'));
    await department(third.code!).and(admin.page.locator('[data-section=""]')).waitFor();

    // now deleted
    await section('经济建设科').getByTestId('section-delete').click();
    await clickSettled(admin.page.getByTestId('section-delete-confirm'));
    await section('经济建设科').waitFor({ state: 'detached' });
    await admin.page.mouse.move(0, 0);
    expect(await seriousViolations(admin.page)).toStrictEqual([]);
    const audit = await e.db.selectFrom('auditLog').select('action').where('action', 'in', ['section.create', 'section.rename', 'section.delete']).execute();
    expect(audit.map((a) => a.action).sort()).toStrictEqual(['section.create', 'section.create', 'section.create', 'section.delete', 'section.rename']);

    // a section's account: made on 用户 by the system administrator, given its section by the security administrator (三员分立);
    // its region is the section's
    await go(admin.page, '/admin/users');
    await admin.page.getByTestId('user-create').click();
    await admin.page.getByTestId('user-username').fill('shbz.zhao');
    await admin.page.getByTestId('user-display-name').fill('赵社保');
    await clickSettled(admin.page.getByTestId('user-save'));
    await admin.page.getByTestId('one-time-code').waitFor();
    await clickSettled(admin.page.getByTestId('code-close'));
    const security = await e.session('secadmin');
    await go(security.page, '/admin/users');
    await security.page.locator('[data-testid="user-row"][data-username="shbz.zhao"]').getByTestId('user-assign').click();
    await chooseOption(security.page, security.page.getByTestId('user-role'), '财政业务科室审核');
    await chooseOption(security.page, security.page.getByTestId('user-section'), '路南区 · 社会保障科', { search: '社会保障' });
    await clickSettled(security.page.getByTestId('role-save'));
    await security.page.getByTestId('role-form').waitFor({ state: 'hidden' });
    await expect.poll(() => security.page.locator('[data-testid="user-row"][data-username="shbz.zhao"]').innerText()).toContain('社会保障科');
    security.expectNoErrors();
    const account = await e.db
      .selectFrom('appUser')
      .innerJoin('businessSection', 'businessSection.id', 'appUser.sectionId')
      .select(['appUser.role', 'appUser.regionCode', 'businessSection.name'])
      .where('appUser.username', '=', 'shbz.zhao')
      .executeTakeFirstOrThrow();
    expect(account).toStrictEqual({ role: 'section', regionCode: '130202', name: '社会保障科' });
    admin.expectNoErrors([/409/]);
  });
});

describe('主管部门 (supervisor): its units\' monitoring and results, read-only', () => {
  it('lists its own and its units\' monitoring, opens a unit\'s without the import; reads a unit\'s results without deciding', async () => {
    const parent = await departmentByCode(e.db, '763001');
    const unit = await departmentByCode(e.db, '203001');
    const s = await e.session('supervisor-763001');
    await go(s.page, '/workbench');
    await s.page.getByTestId('nav-monitoring').click();
    await s.page.getByTestId('supervised-department').first().waitFor();
    const ids = await s.page.getByTestId('supervised-department').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))));
    expect(ids.sort()).toStrictEqual([parent.id, unit.id].sort());
    expect(await s.page.getByRole('tab', { name: '执行数据导入' }).count()).toBe(0);
    await s.page.locator(`[data-testid="supervised-department"][data-id="${unit.id}"]`).click();
    await s.page.waitForURL(`**/monitoring/departments/${unit.id}`);
    // the unit's page, once it shows (the list's heading stays until the department's figures arrive)
    await s.page.getByTestId('monitoring-page').locator('h3', { hasText: unit.name }).waitFor();
    expect(await s.page.getByRole('tab', { name: '执行数据导入' }).count()).toBe(0);

    await s.page.getByTestId('nav-results').click();
    await s.page.getByTestId('results-read-only').waitFor();
    await chooseOption(s.page, s.page.getByTestId('results-department'), `${unit.code} ${unit.name}`);
    await s.page.getByTestId('results-page').locator('h3', { hasText: unit.name }).waitFor();
    expect(await s.page.getByTestId('accept-suggestion').count()).toBe(0);
    await s.page.mouse.move(0, 0);
    expect(await seriousViolations(s.page)).toStrictEqual([]);
    s.expectNoErrors();
  });
});
