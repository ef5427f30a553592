/**
 * Teaching a form (issue 71, item 8), in a real browser at 1440 px: the 绩效科 uploads documents of invented forms
 * (test/documents/forms) for units that have no account yet.
 * - The preview says, before storing, that the unit has no 填报人: its drafts would wait for one.
 * - A form that writes its 一级指标 on rows of their own (d.html: "一、产出指标" across the table): the editor lets a row
 *   be said a 一级指标 category row, and the table reads every indicator under its 一级指标.
 * - The role list of a column opens at its top, every role in view, where a column the reader could not place (其他列,
 *   the list's end) opened it scrolled to its end.
 * - "以此表样为起点更正" on a form like a stored 表样 (c.html, one column more) keeps the 表样's column roles: read again,
 *   its targets are read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, clickForAnswer, go, previewImport, READING_MS, settled, useE2e } from './harness';
import { expectCleanPage } from './scan';

const e = useE2e();
const DIR = join(__dirname, '..', 'documents', 'forms');

async function upload(page: Page, name: string): Promise<void> {
  await page.getByTestId('import-page').locator('input[type=file]').setInputFiles([{ name, mimeType: 'text/html', buffer: readFileSync(join(DIR, name)) }]);
  expect((await previewImport(page)).status()).toBe(200);
  await page.getByTestId('import-file').waitFor();
}

async function reread(page: Page): Promise<void> {
  expect((await clickForAnswer(page, page.getByTestId('template-apply'), '/api/imports/reread', 'POST', { timeout: READING_MS })).status()).toBe(200);
}

describe('teaching a form (1440 px)', () => {
  it('a unit without an account is said before storing; a row said a 一级指标 category row reads the rows under it', async () => {
    const s = await e.session('reviewer');
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await go(s.page, '/import');
    await upload(s.page, 'd.html');
    const file = s.page.getByTestId('import-file');
    // the unit (青山县民政局) is new: nobody could edit or submit its drafts until it has an account
    expect(await file.getByTestId('import-no-editor').innerText()).toContain('单位“青山县民政局”还没有填报账号');

    // read alone, its indicators have no 一级指标: their 二级 (救助数量 …) are no framework's (the table, read without
    // doubt, is shown closed: opened)
    await file.getByTestId('preview-tables').locator('.ant-collapse-header').first().click();
    const read = file.getByTestId('read-indicators');
    expect(await read.innerText()).toMatch(/—\s+救助数量\s+临时救助人次\s+≥400人次/);
    await file.getByTestId('template-edit').click();
    const editor = file.getByTestId('template-editor');
    await editor.waitFor();
    const row = (text: string) => editor.getByTestId('template-row').filter({ hasText: text });
    // the category rows, said to be 一级指标 rows
    for (const text of ['一、产出指标', '二、效益指标', '三、满意度指标']) {
      await chooseOption(s.page, row(text).getByTestId('template-row-kind'), '类别行：一级指标（以下各行的一级指标）', { search: '一级指标' });
    }
    await editor.getByTestId('template-name').fill('青山县项目支出绩效目标表（类别行）');
    await reread(s.page);
    await expect.poll(() => read.innerText(), { timeout: READING_MS }).toMatch(/产出指标\s+救助数量\s+临时救助人次\s+≥400人次/);
    expect(await read.innerText()).toMatch(/效益指标\s+民生保障\s+救助对象基本生活得到保障/);
    expect(await read.innerText()).toMatch(/满意度指标\s+对象评价\s+救助对象满意度\s+≥90%/);
    expect(await read.innerText()).not.toContain('一、产出指标');
    await expectCleanPage(s.page, 'the import preview with the corrections');
    s.expectNoErrors();
  });

  it('the role list opens at its top; starting from an offered 表样 keeps its column roles', async () => {
    const s = await e.session('reviewer');
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await go(s.page, '/import');
    await s.page.getByRole('button', { name: '清空' }).click().catch(() => undefined);
    // a.html corrected and kept as a 表样 (as issue 54's test does)
    await upload(s.page, 'a.html');
    const file = s.page.getByTestId('import-file');
    await file.getByTestId('template-edit').click();
    const editor = file.getByTestId('template-editor');
    await editor.waitFor();
    await chooseOption(s.page, editor.getByTestId('template-header-depth'), '2 行');
    await reread(s.page);
    const column = (path: string) => editor.locator(`[data-testid="template-column-role"][data-path="${path}"]`);
    await column('预期成效›全年').waitFor();

    const choose = (select: ReturnType<typeof editor.locator>, label: string) => chooseOption(s.page, select, label, { search: label });
    await choose(column('预期成效›全年'), '指标值');
    await choose(column('预期成效›上半年'), '以后年度指标值');
    await choose(column('考评方式'), '确定依据');
    const row = (text: string) => editor.getByTestId('template-row').filter({ hasText: text });
    await choose(row('编制股室').getByTestId('template-row-kind'), '签章、审核意见或联系方式（不读取）');
    await choose(row('责任单位').getByTestId('template-label-field'), '预算单位');
    await choose(row('任务资金').getByTestId('template-label-field'), '年度资金总额');
    await choose(row('年度任务目标').getByTestId('template-label-field'), '年度绩效目标');
    await editor.getByRole('checkbox', { name: /项目名称取自表格上方的标题/ }).check();
    await editor.getByTestId('template-name').fill('青山县项目绩效任务单');
    await reread(s.page);
    await expect.poll(() => file.getAttribute('data-action'), { timeout: READING_MS }).toBe('create');
    await file.getByRole('checkbox', { name: /确认导入时保存为表样/ }).check();
    expect((await clickForAnswer(s.page, s.page.getByTestId('import-commit'), '/api/imports/commit', 'POST', { timeout: READING_MS })).status()).toBe(200);
    await s.page.getByTestId('import-results').waitFor();
    expect(await s.page.getByTestId('import-template-result').innerText()).toContain('已保存为表样');

    // c.html: like it, one column more; offered the 表样, started from it, read again: the roles kept, its targets read
    await s.page.getByTestId('import-again').click();
    await upload(s.page, 'c.html');
    const third = s.page.getByTestId('import-file');
    expect(await third.getByTestId('template-offer').innerText()).toContain('表样“青山县项目绩效任务单”相似');
    await third.getByTestId('template-offer-use').click();
    const thirdEditor = third.getByTestId('template-editor');
    // the role list of a column the reader read as 其他列 (备注, the list's end): opened at its top, every role in view
    const other = thirdEditor.locator('[data-testid="template-column-role"]').filter({ hasText: '其他列（按原样保存）' }).first();
    await (await settled(other)).click();
    const list = s.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await list.locator('.ant-select-item-option').first().waitFor();
    const view = await list.evaluate((d) => {
      const holder = d.querySelector('.rc-virtual-list-holder') ?? d.querySelector('.rc-virtual-list') ?? d;
      const box = holder.getBoundingClientRect();
      const options = [...d.querySelectorAll('.ant-select-item-option')].map((o) => ({ title: o.getAttribute('title'), top: o.getBoundingClientRect().top, bottom: o.getBoundingClientRect().bottom }));
      return { scrollTop: holder.scrollTop, inView: options.filter((o) => o.top >= box.top - 1 && o.bottom <= box.bottom + 1).map((o) => o.title) };
    });
    expect(view.scrollTop).toBe(0);
    expect(view.inView).toEqual(expect.arrayContaining(['一级指标', '指标值', '确定依据', '其他列（按原样保存）', '不读取']));
    await s.page.keyboard.press('Escape');
    await reread(s.page);
    const full = thirdEditor.locator('[data-testid="template-column-role"][data-path="预期成效›全年"]');
    await full.waitFor({ timeout: READING_MS });
    await expect.poll(() => full.innerText()).toContain('指标值');
    expect(await thirdEditor.locator('[data-testid="template-column-role"][data-path="考评方式"]').innerText()).toContain('确定依据');
    const read = third.getByTestId('read-indicators').first();
    await expect.poll(() => read.innerText(), { timeout: READING_MS }).toContain('≥3.2万平方米');
    s.expectNoErrors();
  }, 3 * READING_MS);
});
