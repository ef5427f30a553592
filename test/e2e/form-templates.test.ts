/**
 * Issue 54 in a real browser: the 绩效科 uploads a document of an invented form (test/documents/forms/a.html, 青山县's
 * 项目绩效任务单) that the reader gets wrong; in the preview it says how the table reads (the header two rows deep, the
 * 全年 column as the target, the sign-off row, the form's labels, the project named by the heading over the table),
 * reads it again, stores it and keeps the corrections as a 表样. A second document of the form with other projects then
 * reads right with no help and names the 表样; a third of a slightly different form is offered it, not read with it;
 * the 表样 tab lists it with its example.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from './browser';
import { chooseOption, clickForAnswer, go, previewImport, READING_MS, useE2e } from './harness';

const e = useE2e();
const DIR = join(__dirname, '..', 'documents', 'forms');
const NAME = '青山县项目绩效任务单';

async function upload(page: Page, name: string): Promise<void> {
  await page.getByTestId('import-page').locator('input[type=file]').setInputFiles([{ name, mimeType: 'text/html', buffer: readFileSync(join(DIR, name)) }]);
  expect((await previewImport(page)).status()).toBe(200);
  await page.getByTestId('import-file').waitFor();
}

async function reread(page: Page): Promise<void> {
  expect((await clickForAnswer(page, page.getByTestId('template-apply'), '/api/imports/reread', 'POST', { timeout: READING_MS })).status()).toBe(200);
}

describe('a form corrected once in the preview', () => {
  it('is stored and kept as a 表样; the next document of the form reads right; a different form is offered it', async () => {
    const s = await e.session('reviewer');
    const page = s.page;
    await page.setViewportSize({ width: 1366, height: 900 });
    await go(page, '/import');
    await upload(page, 'a.html');
    const file = page.getByTestId('import-file');
    expect(await file.getAttribute('data-action')).toBe('refused');

    // the table read wrongly: its panel is open (doubted); correct it
    await file.getByTestId('template-edit').click();
    const editor = file.getByTestId('template-editor');
    await editor.waitFor();
    await chooseOption(page, editor.getByTestId('template-header-depth'), '2 行');
    await reread(page);
    await editor.locator('[data-testid="template-column-role"][data-path="预期成效›全年"]').waitFor();

    // the lists are long: typed into, as a person would
    const choose = (select: ReturnType<typeof editor.locator>, label: string) => chooseOption(page, select, label, { search: label });
    await choose(editor.locator('[data-testid="template-column-role"][data-path="预期成效›全年"]'), '指标值');
    await choose(editor.locator('[data-testid="template-column-role"][data-path="考评方式"]'), '确定依据');
    const row = (text: string) => editor.getByTestId('template-row').filter({ hasText: text });
    await choose(row('编制股室').getByTestId('template-row-kind'), '签章、审核意见或联系方式（不读取）');
    await choose(row('责任单位').getByTestId('template-label-field'), '预算单位');
    await choose(row('任务资金').getByTestId('template-label-field'), '年度资金总额');
    await choose(row('年度任务目标').getByTestId('template-label-field'), '年度绩效目标');
    // the keyboard works too: the checkbox by Space
    await editor.getByRole('checkbox', { name: /项目名称取自表格上方的标题/ }).focus();
    await page.keyboard.press('Space');
    await editor.getByTestId('template-name').fill(NAME);
    await reread(page);

    // read right now: the project, its budget and targets, no doubt; the table says it was read with the corrections
    // (the preview is drawn again after the answer comes: waited for, not read at once)
    await expect.poll(() => file.getAttribute('data-action'), { timeout: READING_MS }).toBe('create');
    const projects = await file.getByTestId('import-projects').innerText();
    expect(projects).toContain('城区道路维修工程');
    expect(projects).toContain('320.00');
    expect(projects).toContain('无疑');
    expect(await file.getByTestId('table-template').innerText()).toBe('按更正读取');
    expect(await file.getByTestId('read-indicators').innerText()).toContain('≥3.2万平方米');
    expect(await file.locator('[data-testid="grid-row"][data-kind="signOff"]').count()).toBe(1);
    // a 1366-wide screen: nothing of the editor wider than the window
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await saveScreenshot(page, 'import-form-template', { readme: true });

    await file.getByRole('checkbox', { name: /确认导入时保存为表样/ }).check();
    expect((await clickForAnswer(page, page.getByTestId('import-commit'), '/api/imports/commit', 'POST', { timeout: READING_MS })).status()).toBe(200);
    await page.getByTestId('import-results').waitFor();
    expect(await page.getByTestId('import-result-status').getAttribute('data-status')).toBe('imported');
    expect(await page.getByTestId('import-template-result').innerText()).toContain(`已保存为表样“${NAME}”`);

    // the second document of the form: read right with no help, named by the 表样
    await page.getByTestId('import-again').click();
    await upload(page, 'b.html');
    const second = page.getByTestId('import-file');
    expect(await second.getAttribute('data-action')).toBe('create');
    expect(await second.getByTestId('import-projects').innerText()).toMatch(/农村饮水安全巩固提升[\s\S]*小型水库除险加固/);
    const tags = await second.getByTestId('table-template').allInnerTexts();
    expect(tags).toEqual([`按表样“${NAME}”读取`, `按表样“${NAME}”读取`]);

    // a slightly different form (an extra column): offered the 表样, not read with it
    await page.getByRole('button', { name: '清空' }).click();
    await upload(page, 'c.html');
    const third = page.getByTestId('import-file');
    expect(await third.getByTestId('table-template').count()).toBe(0);
    expect(await third.getByTestId('template-offer').innerText()).toContain(`表样“${NAME}”相似`);
    await third.getByTestId('template-offer-use').click();
    expect(await third.getByTestId('template-name').inputValue()).toBe(NAME);

    // the 表样 tab: listed, with the table it was made from
    await page.getByTestId('import-tab-forms').click();
    const list = page.getByTestId('form-templates-table');
    await list.getByText(NAME).click();
    const detail = page.getByTestId('form-template-detail');
    await detail.waitFor();
    expect(await detail.innerText()).toContain('预期成效›全年：指标值');
    expect(await detail.getByTestId('grid-row').count()).toBe(11);
    s.expectNoErrors();
  }, 3 * READING_MS);
});
