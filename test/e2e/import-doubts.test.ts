/**
 * Issue 53 in a real browser: the reviewer uploads a document one of whose tables the reader cannot read right. The
 * preview shows that table's doubts first, in words, with the table's own grid (its cells as in the file, each row's
 * kind, each column's role, the doubted row outlined) beside the indicators as read; the commit needs the doubts
 * confirmed; stored, the doubted table is not graded and its page says why, while the other table is graded.
 */
import { describe, expect, it } from 'vitest';
import { DOUBTED_DOCUMENT, DOUBTED_PROJECT } from '../support/doubted-document';
import { clickForAnswer, previewImport, READING_MS, useE2e } from './harness';

const e = useE2e();

describe('a doubted table in the import preview', () => {
  it('shows its doubts and grid, is stored only when confirmed, and is not graded', async () => {
    const s = await e.session('reviewer');
    await s.page.getByTestId('nav-import').click();
    await s.page.getByTestId('import-page').locator('input[type=file]').setInputFiles([{ name: '党校绩效目标.txt', mimeType: 'text/plain', buffer: Buffer.from(DOUBTED_DOCUMENT, 'utf8') }]);
    expect((await previewImport(s.page)).status()).toBe(200);
    const file = s.page.getByTestId('import-file');
    await file.waitFor();

    // the doubts first, in words, above everything else of the file
    const doubts = file.getByTestId('import-doubted');
    expect(await doubts.innerText()).toContain('有 1 张表的读取存疑');
    expect(await doubts.getByTestId('reading-doubt').first().getAttribute('data-code')).toBe('header-no-target');
    expect(await doubts.innerText()).toContain(`项目“${DOUBTED_PROJECT}”`);
    expect(await doubts.innerText()).toContain('“考核目标”列写着数值');
    const order = await file.evaluate((el) => {
      const at = (id: string) => [...el.querySelectorAll('[data-testid]')].findIndex((x) => x.getAttribute('data-testid') === id);
      return [at('import-doubted'), at('import-projects'), at('preview-tables')];
    });
    expect(order[0]).toBeLessThan(order[1]!);
    expect(order[1]).toBeLessThan(order[2]!);

    // the doubted table's grid is open, first; the one read right is closed
    const tables = file.getByTestId('preview-tables');
    const first = tables.locator('.ant-collapse-item').first();
    expect(await first.innerText()).toContain('读取存疑');
    const grid = first.getByTestId('table-grid');
    await grid.waitFor();
    expect(await grid.getByTestId('grid-role').allInnerTexts()).toEqual(['一级指标', '二级指标', '三级指标', '其他列（按原样保存）', '确定依据']);
    expect(await grid.getByTestId('grid-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')))).toEqual(['form', 'form', 'form', 'form', 'form', 'header', 'indicator']);
    const outlined = grid.locator('[data-testid="grid-row"][data-doubted="true"]');
    expect(await outlined.count()).toBeGreaterThan(0);
    expect(await grid.innerText()).toContain('≥3000册');
    // beside it, the reading: the value the reader could not place is not a target
    const read = first.getByTestId('read-indicators');
    expect(await read.innerText()).toContain('编印读本册数');
    expect(await read.innerText()).toContain('（空）');
    expect(await tables.locator('.ant-collapse-item').nth(1).getByTestId('table-grid').count()).toBe(0);
    await s.page.screenshot({ path: 'test-artifacts/import-doubts-preview.png', fullPage: true });

    // without the confirmation the commit refuses it
    expect((await clickForAnswer(s.page, s.page.getByTestId('import-commit'), '/api/imports/commit', 'POST', { timeout: READING_MS })).status()).toBe(200);
    await s.page.getByTestId('import-results').waitFor();
    expect(await s.page.getByTestId('import-result-status').getAttribute('data-status')).toBe('refused');
    expect(await s.page.getByTestId('import-results').innerText()).toContain('读取存疑');

    // again, confirmed
    await s.page.getByTestId('import-again').click();
    await s.page.getByTestId('import-page').locator('input[type=file]').setInputFiles([{ name: '党校绩效目标.txt', mimeType: 'text/plain', buffer: Buffer.from(DOUBTED_DOCUMENT, 'utf8') }]);
    expect((await previewImport(s.page)).status()).toBe(200);
    await s.page.getByTestId('import-confirm-doubts').click();
    expect((await clickForAnswer(s.page, s.page.getByTestId('import-commit'), '/api/imports/commit', 'POST', { timeout: READING_MS })).status()).toBe(200);
    await s.page.getByTestId('import-results').waitFor();
    expect(await s.page.getByTestId('import-result-status').getAttribute('data-status')).toBe('imported');

    // stored: the doubted table is not graded and says why; the other is graded
    const rows = await e.db.selectFrom('project').select(['id', 'name', 'qualityGrade']).where('name', 'in', [DOUBTED_PROJECT, '基层干部教育培训']).execute();
    const doubted = rows.find((r) => r.name === DOUBTED_PROJECT)!;
    expect(doubted.qualityGrade).toBeNull();
    expect(rows.find((r) => r.name === '基层干部教育培训')!.qualityGrade).not.toBeNull();
    await s.page.goto(`${e.url}/projects/${doubted.id}`);
    await s.page.getByTestId('project-page').waitFor();
    expect(await s.page.getByTestId('project-ungraded').innerText()).toBe('未评分（读取存疑）');
    expect(await s.page.getByTestId('project-reading').innerText()).toContain('考核目标');
    s.expectNoErrors();
  }, 3 * READING_MS);
});
