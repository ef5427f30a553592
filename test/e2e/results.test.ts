/**
 * 结果运用 in the browser, on the demo data (which has self-evaluations and decisions): a reviewer
 * opens the region's results with their charts, opens a project's results sheet, overrides its
 * consequence — refused without a proper reason, stored with one — and exports the region report,
 * whose downloaded workbook holds the override; an editor sees its own department read-only; the
 * public page of a published project shows its self-evaluation result (the demo region publishes).
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from './browser';
import { chooseOption, clickSettled, go, login, useE2e } from './harness';

/** The refused override is a 400 the browser logs as a failed resource. */
const EXPECTED_400 = [/status of 400/];

describe('结果运用 screens', () => {
  const e = useE2e();

  it('a reviewer opens the results, overrides one consequence with a reason, and exports the region report', async () => {
    const s = await e.newPage();
    const { page } = s;
    await login(page, ...e.account('reviewer'));
    await page.getByTestId('nav-results').click();
    await page.getByTestId('results-page').waitFor();
    for (const chart of ['chart-results-grades', 'chart-results-consequences', 'chart-results-departments']) {
      await page.getByTestId(chart).locator('canvas').first().waitFor();
    }
    const rows = page.getByTestId('results-row');
    await rows.first().waitFor();
    expect(Number(await page.getByTestId('stat-results-decided').locator('.ant-statistic-content-value').innerText())).toBeGreaterThan(0);
    await saveScreenshot(page, 'results-region');

    // A project whose suggestion was accepted: the finance bureau changes its mind.
    const accepted = rows.filter({ has: page.getByTestId('decision') }).filter({ hasNot: page.getByTestId('decision-overridden') }).first();
    const projectId = await accepted.getAttribute('data-project');
    const name = await accepted.getByTestId('results-project-link').innerText();
    const suggested = (await accepted.getByTestId('suggestion').innerText()).split(/\s/)[0]!;
    await accepted.getByTestId('results-project-link').click();
    const sheet = page.locator(`[data-testid="results-sheet-body"][data-project="${projectId}"]`);
    await sheet.waitFor();
    expect(await sheet.getByTestId('sheet-deviations').count()).toBe(1);
    await saveScreenshot(page, 'results-sheet');
    expect(await sheet.getByTestId('sheet-self-evaluation-link').getAttribute('href')).toBe(`/projects/${projectId}/self-evaluation`);
    // in the drawer once it has slid in (a click during its motion can be lost, as in a dialog)
    await clickSettled(sheet.getByTestId('override-suggestion'));

    const [consequence, percent] = suggested === '调整' ? ['压减', '75'] : ['调整', '88'];
    const modal = page.locator('.ant-modal:visible');
    await chooseOption(page, modal.getByTestId('override-consequence'), consequence);
    await modal.getByTestId('override-percent').fill(percent);
    // Too short a reason: the server refuses, and says why next to the form.
    await modal.getByTestId('override-reason').fill('太短');
    await clickSettled(modal.getByTestId('override-submit'));
    await expect.poll(() => modal.getByTestId('override-error').innerText()).toContain('理由至少 5 个字');
    const reason = '该项目属民生保障支出，执行偏差系上级资金下达滞后，调整后保障';
    await modal.getByTestId('override-reason').fill(reason);
    await clickSettled(modal.getByTestId('override-submit'));
    await modal.waitFor({ state: 'hidden' });
    await expect.poll(() => sheet.getByTestId('sheet-reason').innerText()).toContain(reason);
    expect(await sheet.getByTestId('decision-overridden').count()).toBe(1);
    const row = page.locator(`[data-testid="results-row"][data-project="${projectId}"]`);
    await page.keyboard.press('Escape');
    await expect.poll(() => row.getByTestId('decision-overridden').count()).toBe(1);
    expect(await row.getByTestId('decision').innerText()).toContain(`${consequence}`);
    await saveScreenshot(page, 'results-overridden');

    // The export: the downloaded workbook has the override with its reason.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-results').click()]);
    expect(download.suggestedFilename()).toMatch(/绩效评价结果应用情况\.xlsx$/);
    const path = await download.path();
    const wb = new ExcelJS.Workbook();
    const bytes = readFileSync(path);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toStrictEqual(['汇总', '按部门', '项目明细']);
    const found: unknown[][] = [];
    wb.getWorksheet('项目明细')!.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1);
      if (values.includes(reason)) found.push(values);
    });
    // the one project overridden with this reason (project names repeat across departments)
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual(expect.arrayContaining([name, consequence, Number(percent), '调整建议', reason, '财政局绩效科']));
    s.expectNoErrors(EXPECTED_400);
    await s.close();
    // three charts, a drawer, a refused and an accepted override, an export read back: 62-65 s at load 20-27 on two cores, over vitest's default 60 s
  }, 120_000);

  it('an editor sees its own department’s results, read-only', async () => {
    const editor = e.demoLogins.find((l) => l.role === 'editor')!;
    const s = await e.newPage();
    const { page } = s;
    await login(page, editor.username, editor.password);
    // (the editor's long name pushes the later menu entries into the menu's overflow)
    await go(page, '/results');
    await page.getByTestId('results-page').waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 3 }).innerText()).toContain(editor.departmentName!);
    const rows = page.getByTestId('results-row');
    await rows.first().waitFor();
    await page.getByTestId('chart-results-consequences').locator('canvas').first().waitFor();
    expect(await page.getByTestId('chart-results-departments').count()).toBe(0);
    await rows.first().getByTestId('results-project-link').click();
    await page.getByTestId('results-sheet-body').waitFor();
    expect(await page.getByTestId('accept-suggestion').count()).toBe(0);
    expect(await page.getByTestId('override-suggestion').count()).toBe(0);
    expect(await page.getByTestId('download-results').getAttribute('href')).toMatch(/^\/api\/departments\/\d+\/results\.xlsx\?year=\d{4}$/);
    expect(await page.getByTestId('download-results-docx').getAttribute('href')).toMatch(/^\/api\/departments\/\d+\/results\.docx\?year=\d{4}$/);
    s.expectNoErrors();
    await s.close();
  });

  it('the public page of a published project shows its self-evaluation result', async () => {
    const list = (await (await fetch(`${e.url}/api/public/projects?pageSize=100`)).json()) as { items: { id: number }[] };
    let shown: { id: number; grade: string } | null = null;
    for (const p of list.items) {
      const res = await fetch(`${e.url}/api/public/projects/${p.id}/results`);
      const body = res.status === 200 ? ((await res.json()) as { grade: string } | null) : null;
      if (body !== null) {
        shown = { id: p.id, grade: body.grade };
        break;
      }
    }
    expect(shown, 'a published project with a finished self-evaluation').not.toBeNull();
    const s = await e.newPage();
    await go(s.page, `/public/projects/${shown!.id}`);
    const card = s.page.getByTestId('public-project-results');
    await card.waitFor();
    expect(await card.innerText()).toContain(shown!.grade);
    s.expectNoErrors();
    await s.close();
  });
});
