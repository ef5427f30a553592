/**
 * Monitoring (双监控) and self-evaluation (绩效自评) in the browser, on the demo data (which has
 * execution rounds and self-evaluations): a reviewer sees the projects behind plan with their causes
 * and opens one; opens the ranking and a department's scores; an editor's self-evaluation score
 * changes live as it types and is what the server stores; the round entry form shows the server's
 * refusal next to the field.
 */
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from './browser';
import { clickSettled, login, reopen, useE2e } from './harness';

/** The browser logs the API's 400 answers of the refused save as failed resources. */
const EXPECTED_400 = [/status of 400/];

describe('monitoring and self-evaluation screens', () => {
  const e = useE2e();

  it('a reviewer sees the projects behind plan with their causes, and opens one', async () => {
    const s = await e.newPage();
    const { page } = s;
    await login(page, ...e.account('reviewer'));
    await page.getByTestId('nav-monitoring').click();
    await page.getByTestId('monitoring-page').waitFor();
    await page.getByTestId('chart-warnings').locator('canvas').first().waitFor();

    const behind = page.getByTestId('behind-table').getByTestId('behind-row');
    await behind.first().waitFor();
    expect(await behind.count()).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('stat-behind').locator('.ant-statistic-content-value').innerText())).toBeGreaterThan(0);
    // Every behind project says why: a cause, or a visible 未说明原因.
    const first = behind.first();
    expect(await first.getByTestId('behind-explanation').count()).toBeGreaterThan(0);
    const explanations = await page.getByTestId('behind-table').getByTestId('behind-explanation').allInnerTexts();
    expect(explanations.some((t) => t.includes('原因：'))).toBe(true);
    expect(explanations.some((t) => t.includes('未说明原因'))).toBe(true);
    await page.getByTestId('department-curve').locator('canvas').first().waitFor();
    // The legend says what each light and figure means, with the year's thresholds.
    const legend = page.getByTestId('monitoring-legend');
    expect(await legend.locator('[data-term="黄灯"]').innerText()).toContain('60 ≤ 进度比 < 80');
    expect(await legend.locator('[data-term="蓝灯"]').innerText()).toContain('120%');
    expect(await legend.locator('[data-term="重点监控"]').innerText()).toContain('200 万元');
    expect(await legend.locator('[data-term="进度比"]').innerText()).toContain('单位为 %');
    await saveScreenshot(page, 'monitoring-region', { readme: true });

    const name = await first.getByTestId('behind-project-link').innerText();
    await first.getByTestId('behind-project-link').click();
    await page.getByTestId('project-monitoring-page').waitFor();
    await expect.poll(() => page.getByTestId('project-name').innerText()).toBe(name);
    const light = await page.getByTestId('spending-light').getAttribute('data-light');
    const worst = await page.getByTestId('worst-light').getAttribute('data-light');
    expect(['yellow', 'red']).toContain(worst);
    expect(['green', 'yellow', 'red', 'blue']).toContain(light);
    expect(await page.getByTestId('indicator-progress-row').count()).toBeGreaterThan(0);
    await page.getByTestId('project-curve').locator('canvas').first().waitFor();
    expect(await page.getByTestId('download-project-monitoring').getAttribute('href')).toMatch(/^\/api\/projects\/\d+\/monitoring\.xlsx\?asOf=\d{4}-\d{2}-\d{2}$/);
    await saveScreenshot(page, 'monitoring-project');
    s.expectNoErrors();
    await s.close();
  });

  it('a reviewer opens the ranking, a department’s scores and a project’s self-evaluation', async () => {
    const s = await e.newPage();
    const { page } = s;
    await login(page, ...e.account('reviewer'));
    await page.getByTestId('nav-self-evaluations').click();
    await page.getByTestId('ranking-page').waitFor();
    await page.getByTestId('chart-ranking').locator('canvas').first().waitFor();
    const rows = page.getByTestId('ranking-row');
    await rows.first().waitFor();
    // Best first: the averages shown descend.
    const averages = (await page.getByTestId('ranking-average').allInnerTexts()).filter((t) => t !== '—').map(Number);
    expect(averages.length).toBeGreaterThan(1);
    expect([...averages].sort((a, b) => b - a)).toEqual(averages);
    await saveScreenshot(page, 'self-evaluation-ranking');

    const department = await rows.first().getByTestId('ranking-department-link').innerText();
    await rows.first().getByTestId('ranking-department-link').click();
    await page.getByTestId('department-self-evaluation-page').waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 3 }).innerText()).toContain(department);
    const scoreRows = page.getByTestId('department-score-row');
    await scoreRows.first().waitFor();
    expect(Number(await page.getByTestId('stat-average').locator('.ant-statistic-content-value').innerText())).toBe(averages[0]);
    await saveScreenshot(page, 'self-evaluation-department');

    const stored = await scoreRows.first().getByTestId('score-tag').innerText(); // "95.18 优"
    await scoreRows.first().getByTestId('department-score-link').click();
    await page.getByTestId('self-evaluation-page').waitFor();
    // The browser's own score of the stored answers is the server's.
    await expect.poll(() => page.getByTestId('live-total').locator('.ant-statistic-content-value').innerText()).toBe(Number(stored.split(' ')[0]).toFixed(2));
    expect(await page.getByTestId('live-grade').innerText()).toContain(stored.split(' ')[1]!);
    s.expectNoErrors();
    await s.close();
  });

  it('an editor’s self-evaluation score changes live as it types and is stored as shown', async () => {
    const editor = e.demoLogins.find((l) => l.username.startsWith('dept-'))!;
    const s = await e.newPage();
    const { page } = s;
    await login(page, editor.username, editor.password);
    await page.getByTestId('nav-self-evaluations').click();
    // An editor goes straight to its own department.
    await page.getByTestId('department-self-evaluation-page').waitFor();
    await page.getByTestId('department-score-link').first().click();
    await page.getByTestId('self-evaluation-page').waitFor();

    const total = () => page.getByTestId('live-total').locator('.ant-statistic-content-value').innerText();
    const row = page.getByTestId('se-indicator-row').filter({ has: page.getByTestId('actual-value') }).first();
    const value = row.getByTestId('actual-value');
    await value.waitFor();
    await value.fill('0');
    const atZero = await total();
    await value.fill('999999');
    const atMany = await total();
    expect(atMany).not.toBe(atZero);
    expect(await page.getByTestId('live-total-row').innerText()).toBe(atMany);
    await value.fill('十');
    await expect.poll(() => row.getByTestId('field-error').innerText()).toContain('不是数值');
    await value.fill('999999');
    await saveScreenshot(page, 'self-evaluation-form');

    await page.getByTestId('save-self-evaluation').click();
    await expect.poll(() => page.getByTestId('self-evaluation-page').innerText()).toContain(`${Number(atMany)} 分`);
    await reopen(page);
    await expect.poll(total).toBe(atMany);
    s.expectNoErrors();
    await s.close();
  });

  it('a reviewer who edits a department’s round is warned first; the round is marked and the audit entry says so', async () => {
    const s = await e.newPage();
    const { page } = s;
    await login(page, ...e.account('reviewer'));
    await page.getByTestId('nav-monitoring').click();
    await page.getByTestId('monitoring-page').waitFor();
    await page.getByTestId('behind-table').getByTestId('behind-project-link').first().click();
    await page.getByTestId('project-monitoring-page').waitFor();
    expect(await page.getByTestId('on-behalf-mark').count()).toBe(0);
    await page.getByTestId('edit-round').click();
    await page.getByTestId('execution-form').waitFor();
    expect(await page.getByTestId('on-behalf-warning').innerText()).toContain('财政部门代为修改');
    await page.getByTestId('entry-note').fill('财政局核实支出后更正');
    await clickSettled(page.getByTestId('entry-save'));
    await page.getByTestId('on-behalf-mark').waitFor();
    const id = Number(/\/projects\/(\d+)/.exec(page.url())![1]);
    const audit = await e.db.selectFrom('auditLog').select(['actor', 'detail']).where('entityId', '=', id).where('action', '=', 'execution.save').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.actor).toBe('财政局绩效科');
    expect(JSON.parse(audit.detail)).toMatchObject({ onBehalf: true });
    s.expectNoErrors();
    await s.close();
  });

  it('the round entry form shows the server’s refusal next to the field', async () => {
    const editor = e.demoLogins.find((l) => l.username.startsWith('dept-'))!;
    const s = await e.newPage();
    const { page } = s;
    await login(page, editor.username, editor.password);
    await page.getByTestId('nav-monitoring').click();
    const link = page.getByTestId('project-monitoring-table').getByRole('link').first();
    await link.click();
    await page.getByTestId('project-monitoring-page').waitFor();
    await page.getByTestId('edit-round').click();
    await page.getByTestId('execution-form').waitFor();
    await page.getByTestId('entry-spent').fill('1.1234567');
    await expect.poll(() => page.getByTestId('execution-form').innerText()).toContain('最多六位小数');
    await page.getByTestId('entry-spent').fill('1.5');
    await page.getByTestId('entry-value').first().fill('很多');
    await clickSettled(page.getByTestId('entry-save'));
    const field = page.getByTestId('entry-indicator').first();
    await expect.poll(() => field.innerText()).toContain('不是数值');
    await saveScreenshot(page, 'monitoring-entry-refused');
    s.expectNoErrors(EXPECTED_400);
    await s.close();
  });
});
