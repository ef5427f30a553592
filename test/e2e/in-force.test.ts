/**
 * An approved 目标调整 changes what everyone sees (issue 58), in a real browser on the demo data: a unit
 * asks to lower a published project's first target and its budget, the 绩效科 approves, and then the
 * targets and budget in force are the adjusted ones on the project's page and its print, the public
 * page and its print (on a phone too), the API (the project and the public project), the lists, the
 * department's totals, the Excel export, the monitoring table beside its curve, and the
 * self-evaluation; the approved version is history, with its date and the approval. Every page
 * visited is scanned for raw keys and amounts with more than two decimals (scan.ts).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatWan2 } from '../../src/shared/domain/money';
import { clickForAnswer, go, login, open, useE2e } from './harness';
import { printed } from './printed';
import { expectCleanPage } from './scan';

const e = useE2e();
const squash = (s: string) => s.replace(/\s+/g, '');

describe('an approved 目标调整 is what every screen shows', () => {
  it('the project page and its print, the public page and its print, the API, lists, export, monitoring and self-evaluation', async () => {
    // A published project of a department with an editor account, monitored in its year.
    const editors = new Map(e.demoLogins.filter((l) => l.role === 'editor').map((l) => [l.departmentName, l]));
    const candidates = await e.db
      .selectFrom('project as p')
      .innerJoin('document as d', 'd.id', 'p.documentId')
      .innerJoin('department as dep', 'dep.id', 'd.departmentId')
      .innerJoin('executionRecord as r', 'r.projectId', 'p.id')
      .select(['p.id', 'p.year', 'p.name', 'p.budgetTotal', 'dep.name as departmentName', 'dep.id as departmentId'])
      .select((eb) => eb.fn.max('r.asOf').as('latest'))
      .where('p.status', '=', 'published')
      .where('d.isCurrent', '=', 1)
      .where('p.budgetTotal', '>', 1_000_000)
      .groupBy(['p.id', 'p.year', 'p.name', 'p.budgetTotal', 'dep.name', 'dep.id'])
      .orderBy('p.id')
      .execute();
    const target = candidates.find((c) => editors.has(c.departmentName) && c.year !== null && String(c.latest).startsWith(String(c.year)));
    expect(target, 'a published, monitored project of a department with an editor').toBeDefined();
    const id = target!.id;
    const asOf = String(target!.latest);
    const first = await e.db.selectFrom('indicator').select(['name', 'targetRaw']).where('projectId', '=', id).orderBy('position').executeTakeFirstOrThrow();
    const approvedFen = Number(target!.budgetTotal);
    // the budget lowered by about a twentieth, to a 万元 with two decimals (0.01万元 = 10,000 fen)
    const newFen = Math.round((approvedFen * 0.95) / 10_000) * 10_000 + 10_000;
    const newWan = formatWan2(newFen);
    const oldWan = formatWan2(approvedFen);
    const newTarget = '≥98765人次';

    // The unit asks.
    const editor = editors.get(target!.departmentName)!;
    const u = await e.newPage();
    await login(u.page, editor.username, editor.password);
    await go(u.page, `/projects/${id}`);
    await u.page.getByTestId('request-adjustment').click();
    await u.page.getByTestId('adjust-target-0').fill(newTarget);
    await u.page.getByLabel('调整后预算（万元）').fill(newWan.replace(/,/g, ''));
    await u.page.getByTestId('adjustment-date').fill(asOf);
    await u.page.getByTestId('adjustment-reason').fill('服务对象调整，目标和预算相应调减');
    expect((await clickForAnswer(u.page, u.page.getByTestId('adjustment-submit'), `/api/projects/${id}/adjustments`)).status()).toBe(200);
    await expect.poll(() => u.page.getByTestId('adjustment-requests').innerText().catch(() => '')).toContain('待审核');
    // while pending, nothing in force changes
    await expect.poll(() => u.page.getByTestId('project-budget').innerText()).toContain(oldWan);

    // The 绩效科 approves.
    const r = await e.session('reviewer');
    await go(r.page, `/projects/${id}`);
    await r.page.getByTestId('adjustment-approve').click();
    // 通过 asks to confirm, with what changes (issue 71)
    expect((await clickForAnswer(r.page, r.page.getByTestId('adjustment-confirm-ok'), /\/api\/adjustments\/\d+\/decision$/)).status()).toBe(200);
    await expect.poll(() => r.page.getByTestId('adjustment-versions').innerText()).toContain('第 2 版');

    // The project page: header, banner and table in force; the approved version is history.
    await open(u.page, `/projects/${id}`);
    const budget = u.page.getByTestId('project-budget');
    await expect.poll(() => budget.innerText()).toContain(newWan);
    expect(await u.page.getByTestId('adjusted-banner').innerText()).toMatch(new RegExp(`第 2 版.*原批复预算 ${oldWan} 万元，调整后 ${newWan} 万元`, 's'));
    const table = u.page.getByTestId('official-table');
    expect(await table.innerText()).toContain(newTarget);
    expect(await u.page.getByTestId('official-indicators').locator('tr[data-index="0"]').innerText()).not.toContain(first.targetRaw);
    const versions = await u.page.getByTestId('adjustment-versions').innerText();
    expect(versions).toMatch(/第 1 版\s*历史/);
    expect(versions).toMatch(/第 2 版\s*现行/);
    await expectCleanPage(u.page, 'the project page', { width: false });
    const projectPrint = (await printed(u.page, 'adjusted-project')).text;
    expect(projectPrint).toContain(squash(newTarget));
    expect(projectPrint).toContain('现行绩效目标为第2版');
    expect(projectPrint).toContain(squash(newWan));
    expect(projectPrint).not.toContain('调整记录');

    // The API: the project's own indicators and budget are the ones in force; the earlier version is history.
    const record = (await (await u.page.request.get(`/api/projects/${id}`)).json()) as { project: { budget: { total: number }; indicators: { target: { raw: string } }[] }; adjusted: { version: number; approvedBudgetFen: number } };
    expect(record.project.budget.total).toBe(newFen);
    expect(record.project.indicators[0]!.target.raw).toBe(newTarget);
    expect(record.adjusted).toMatchObject({ version: 2, approvedBudgetFen: approvedFen });
    const history = (await (await u.page.request.get(`/api/projects/${id}/adjustments`)).json()) as { versions: { version: number; rows: { target: string }[] }[]; inForce: number };
    expect(history.inForce).toBe(2);
    expect(history.versions[0]!.rows[0]!.target).toBe(first.targetRaw);

    // The lists and the department's total add up the budget in force.
    await go(u.page, `/projects?department=${target!.departmentId}`);
    const row = u.page.getByTestId('project-row').filter({ hasText: target!.name }).first();
    await expect.poll(() => row.innerText()).toContain(newWan);
    const department = (await (await u.page.request.get(`/api/departments/${target!.departmentId}`)).json()) as { totals: { budgetTotalFen: number }; projects: { id: number; budgetTotalFen: number }[] };
    expect(department.projects.find((p) => p.id === id)!.budgetTotalFen).toBe(newFen);
    expect(department.totals.budgetTotalFen).toBe(department.projects.reduce((n, p) => n + (p.budgetTotalFen ?? 0), 0));

    // The Excel export: the targets in force.
    const xlsx = await u.page.request.get(`/api/departments/${target!.departmentId}/export?format=xlsx`);
    expect(xlsx.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const cells = (book.getWorksheet('指标')!.getSheetValues() as unknown[][]).flat().map(String);
    expect(cells).toContain(newTarget);

    // Monitoring: the round's table and the curve measure against the same budget; the adjusted target.
    await go(u.page, `/projects/${id}/monitoring?asOf=${asOf}`);
    const actual = (await u.page.getByTestId('actual-percent').innerText()).trim();
    await expect.poll(() => u.page.getByTestId('project-curve-points').innerText()).toContain(`${asOf} ${actual}`);
    expect(await u.page.getByTestId('spending-card').innerText()).toContain(newWan);
    expect(await u.page.getByTestId('indicator-progress-table').innerText()).toContain(newTarget);
    await expectCleanPage(u.page, 'the monitoring page', { width: false });

    // The self-evaluation: the target and the 全年预算数 in force.
    await go(u.page, `/projects/${id}/self-evaluation`);
    const selfEvaluation = u.page.getByTestId('self-evaluation-page');
    await expect.poll(() => selfEvaluation.innerText()).toContain(newTarget);
    const table2 = (await (await u.page.request.get(`/api/projects/${id}/self-evaluation`)).json()) as { funds: { initialBudgetFen: number; adjustedBudgetFen: number; adjustedBudgetGiven: boolean } };
    if (!table2.funds.adjustedBudgetGiven) expect(table2.funds.adjustedBudgetFen).toBe(newFen);
    expect(table2.funds.initialBudgetFen).toBe(approvedFen);
    u.expectNoErrors();
    await u.close();

    // The public page, its print and its API: the version in force, the approved targets as notes.
    const p = await e.newPage();
    await open(p.page, `/public/projects/${id}`);
    const official = p.page.getByTestId('official-table');
    await expect.poll(() => official.innerText()).toContain(newTarget);
    expect(await p.page.getByTestId('official-adjusted-note').innerText()).toContain('现行绩效目标为第 2 版');
    expect(await p.page.getByTestId('public-adjustment').innerText()).toContain(`原目标值：${first.targetRaw}`);
    expect(await p.page.getByTestId('official-main').innerText()).toContain(newWan);
    await expectCleanPage(p.page, 'the public project', { width: false });
    const publicPrint = (await printed(p.page, 'adjusted-public-project')).text;
    expect(publicPrint).toContain(squash(newTarget));
    expect(publicPrint).toContain(squash(`原目标值：${first.targetRaw}`));
    expect(publicPrint).toContain(squash(newWan));
    const published = (await (await p.page.request.get(`/api/public/projects/${id}`)).json()) as { project: { budget: { total: number }; indicators: { target: { raw: string } }[] }; adjusted: { version: number } };
    expect(published.project.budget.total).toBe(newFen);
    expect(published.project.indicators[0]!.target.raw).toBe(newTarget);
    expect(published.adjusted.version).toBe(2);
    // on a phone: the indicator cards in force, the notes within the screen
    await p.page.setViewportSize({ width: 390, height: 844 });
    await open(p.page, `/public/projects/${id}`);
    await expect.poll(() => p.page.getByTestId('official-indicator-card').first().innerText()).toContain(newTarget);
    await expectCleanPage(p.page, 'the public project on a phone');
    p.expectNoErrors();
    await p.close();
    r.expectNoErrors();
  }, 180_000);
});
