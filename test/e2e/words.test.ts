/**
 * The words a person reads (issue 58), in a real browser on the demo data: the security auditor's log
 * names every entry's object and every field in Chinese (no `rectification_item #15`, no 其他字段, no
 * `value`, no 指标（编号 178）); a project's 修改记录 the same; a refused monitoring save names its field
 * as the screen labels it, never `indicators.0.valueToDate`; a value written in another unit of the
 * target's kind is converted; an amount with more digits than two decimals in 万元 is kept exactly and
 * said so, one with too many refused; a unit without a 主管部门 says 无, one with its 主管部门's name.
 */
import { describe, expect, it } from 'vitest';
import { convertUnit } from '../../src/shared/domain/unit-convert';
import { clickForAnswer, go, login, open, useE2e } from './harness';
import { expectCleanPage, scanPage } from './scan';

const e = useE2e();

describe('the words a person reads', () => {
  it('the auditor’s log names every object and field in Chinese, page after page', async () => {
    const s = await e.newPage();
    await login(s.page, ...e.account('auditor'));
    await open(s.page, '/audit');
    const table = s.page.getByTestId('audit-log-table');
    await table.locator('tbody tr').first().waitFor();
    const pages = Math.ceil(Number((await s.page.locator('.ant-pagination-total-text').innerText()).replace(/\D/g, '')) / 20);
    expect(pages).toBeGreaterThan(3);
    const found: Record<number, unknown> = {};
    for (let n = 1; n <= pages; n++) {
      if (n > 1) {
        await s.page.locator(`.ant-pagination-item-${n}`).click();
        await s.page.locator(`.ant-pagination-item-${n}.ant-pagination-item-active`).waitFor();
        await s.page.waitForFunction(() => document.querySelector('.ant-spin-spinning') === null);
      }
      const { rawKeys, money } = await scanPage(s.page);
      // 对象: a name in words, never a table's name with an id
      const subjects = await table.locator('tbody tr td:nth-child(4)').allInnerTexts();
      const bad = subjects.filter((t) => /#|^\s*$|[a-z]+_[a-z]+ /.test(t));
      if (rawKeys.length > 0 || money.length > 0 || bad.length > 0) found[n] = { rawKeys, money, subjects: bad };
    }
    expect(found).toStrictEqual({});
    s.expectNoErrors();
    await s.close();
  }, 180_000);

  it('a refused monitoring save names its field as the screen does; another unit of the kind is converted; 万元 kept or refused, never cut', async () => {
    // a monitored project of a department with an editor, and one of its numeric indicators with a unit that converts
    const editors = e.demoLogins.filter((l) => l.role === 'editor');
    const rows = await e.db
      .selectFrom('indicator as i')
      .innerJoin('project as p', 'p.id', 'i.projectId')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .innerJoin('department as dep', 'dep.id', 'd.departmentId')
      .select(['p.id as projectId', 'i.position', 'i.name', 'i.targetUnit', 'dep.name as departmentName'])
      .where('p.status', 'in', ['approved', 'published'])
      .where('d.isCurrent', '=', 1)
      .where('i.targetKind', '=', 'quantitative')
      .where('i.targetUnit', 'is not', null)
      .orderBy('p.id')
      .orderBy('i.position')
      .execute();
    const other = (unit: string) => (['年', '个月', '月'].includes(unit) ? '8个月' : ['天', '日'].includes(unit) ? '2周' : unit === '万元' ? '3000元' : unit === '元' ? '0.3万元' : `1.2万${unit}`);
    const target = rows.find((r) => editors.some((l) => l.departmentName === r.departmentName) && r.targetUnit !== '%' && convertUnit(other(r.targetUnit!).replace(/[^\d.]/g, ''), other(r.targetUnit!).replace(/[\d.]/g, ''), r.targetUnit!) !== null);
    expect(target, 'a monitored indicator whose unit converts').toBeDefined();
    const editor = editors.find((l) => l.departmentName === target!.departmentName)!;
    const written = other(target!.targetUnit!);
    const converted = convertUnit(written.replace(/[^\d.]/g, ''), written.replace(/[\d.]/g, ''), target!.targetUnit!)!;

    const s = await e.newPage();
    await login(s.page, editor.username, editor.password);
    await open(s.page, `/projects/${target!.projectId}/monitoring`);
    await s.page.getByTestId('new-round').click();
    const form = s.page.getByTestId('execution-form');
    await form.waitFor();
    const line = form.getByTestId('entry-indicator').filter({ hasText: target!.name }).first();
    // not a number: refused, the field named as the screen names it
    await s.page.getByTestId('entry-spent').fill('12.345');
    await line.getByTestId('entry-value').fill('四百');
    expect((await clickForAnswer(s.page, s.page.getByTestId('entry-save'), new RegExp(`/api/projects/${target!.projectId}/execution-records/`), 'PUT')).status()).toBe(400);
    const error = s.page.getByTestId('execution-form-error');
    await error.waitFor();
    expect(await error.innerText()).not.toMatch(/indicators\.|valueToDate|\d+\.\w+/);
    expect(await form.innerText()).toContain('截至目前完成值');
    await expectCleanPage(s.page, 'the refused monitoring form', { width: false });
    // another unit of the kind: converted; an amount with three decimals in 万元: kept exactly
    await line.getByTestId('entry-value').fill(written);
    const saved = await clickForAnswer(s.page, s.page.getByTestId('entry-save'), new RegExp(`/api/projects/${target!.projectId}/execution-records/`), 'PUT');
    expect(saved.status(), await saved.text()).toBe(200);
    const table = (await saved.json()) as { spending: { spentFen: number }; indicators: { name: string; valueToDate: string | null }[] };
    expect(table.spending.spentFen).toBe(12_345_000);
    expect(table.indicators.find((i) => i.name === target!.name)!.valueToDate).toBe(converted);
    // on the page: the amount rounded, and said so with its exact amount
    await expect.poll(() => s.page.getByTestId('spending-card').innerText()).toContain('四舍五入，精确 123,450.00 元');
    await expectCleanPage(s.page, 'the monitoring page', { width: false });
    // too many decimals: refused, not cut
    await s.page.getByTestId('edit-round').click();
    await s.page.getByTestId('entry-spent').fill('12.3456789');
    await s.page.getByTestId('entry-save').click();
    await expect.poll(() => form.innerText()).toMatch(/六位小数|小数位/);
    // the refused save's answer (400), asked for on purpose
    s.expectNoErrors([/status of 400/]);
    await s.close();
  }, 180_000);

  it('the 主管部门 of a unit: its name, or 无', async () => {
    const units = await e.db.selectFrom('department as d').leftJoin('department as p', 'p.id', 'd.parentDepartmentId').select(['d.id', 'p.name as parentName']).execute();
    const projects = await e.db
      .selectFrom('project as p')
      .innerJoin('document as doc', 'doc.id', 'p.documentId')
      .select(['p.id', 'doc.departmentId'])
      .where('doc.isCurrent', '=', 1)
      .execute();
    const withParent = units.find((u) => u.parentName !== null && projects.some((p) => p.departmentId === u.id))!;
    const without = units.find((u) => u.parentName === null && projects.some((p) => p.departmentId === u.id))!;
    const s = await e.session('reviewer');
    await go(s.page, `/projects/${projects.find((p) => p.departmentId === withParent.id)!.id}`);
    await expect.poll(() => s.page.getByTestId('project-supervisor').innerText()).toBe(withParent.parentName);
    await go(s.page, `/projects/${projects.find((p) => p.departmentId === without.id)!.id}`);
    await expect.poll(() => s.page.getByTestId('project-supervisor').innerText()).toBe('无');
    s.expectNoErrors();
  });
});
