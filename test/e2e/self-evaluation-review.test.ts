/**
 * 自评复核 (issue 59) in the browser: the 绩效科 uploads the eight test 自评表 on the 自评复核 page, sees them ranked
 * by how far their self-score stands from the recomputed one, opens the farthest — its findings in words, its scores
 * beside Jixiao's —, records a conclusion (refused without a reason, stored with one: the list and the share checked
 * follow), opens the clean one (no finding), and downloads the list as Excel. An editor has no such page.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SELF_EVALUATION_DIR } from '../support/self-evaluation-documents';
import { saveScreenshot } from './browser';
import { clickSettled, go, login, useE2e } from './harness';

const FILES = ['se01-clean', 'se02-met-deducted', 'se03-missed-full', 'se04-actual-not-value', 'se05-sum-points', 'se06-funds-score', 'se07-deviation', 'se08-grade'].map((n) => join(SELF_EVALUATION_DIR, `${n}.html`));

describe('自评复核 screens', () => {
  const e = useE2e();

  it('a reviewer uploads the 自评表, works through the list, records a conclusion and exports the list', async () => {
    const s = await e.newPage();
    const { page } = s;
    await login(page, ...e.account('reviewer'));
    await page.getByTestId('nav-self-evaluation-reviews').click();
    await page.getByTestId('self-evaluation-review-page').waitFor();
    await go(page, '/self-evaluation-reviews?year=2025');
    await page.getByTestId('self-evaluation-review-page').locator('input[type=file]').setInputFiles(FILES);
    const rows = page.getByTestId('review-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(8);
    // farthest from the recomputed score first: 99.80 written, 74.80 by the method
    expect(await rows.nth(0).innerText()).toContain('基本公共卫生服务');
    expect(await rows.nth(0).innerText()).toContain('+25.00分');
    expect(await rows.nth(0).innerText()).toContain('大额');
    expect(await rows.nth(7).innerText()).toContain('社区居家养老服务补贴');
    expect(await page.getByTestId('review-summary').innerText()).toContain('已复核');
    await saveScreenshot(page, 'self-evaluation-review-list');

    await rows.nth(0).getByTestId('review-open').click();
    const detail = page.getByTestId('review-detail');
    await detail.waitFor();
    const messages = detail.getByTestId('finding-message');
    await expect.poll(() => messages.count()).toBe(2);
    expect(await messages.nth(0).innerText()).toBe('“高血压患者规范管理率”的实际完成值“≥80%”是目标值的写法，不是实际完成的数值，自评得15分（满分15分），无据可依，应得0分');
    expect(await messages.nth(1).innerText()).toBe('“电子健康档案建档率”未填写实际完成值，自评得10分（满分10分），无据可依，应得0分');
    expect(await detail.getByTestId('detail-recomputed').innerText()).toBe('74.80分（中）');
    await saveScreenshot(page, 'self-evaluation-review-table');

    // 调整得分 without a reason: the form says what is missing; with one: stored
    await clickSettled(detail.getByTestId('conclusion-choice').getByText('调整得分'));
    await detail.getByTestId('conclusion-score').fill('74.8');
    await clickSettled(detail.getByTestId('conclusion-save'));
    await expect.poll(() => detail.getByTestId('conclusion-form').innerText()).toContain('调整得分或退回整改须说明理由');
    await detail.getByTestId('conclusion-comment').fill('两项指标无实际完成值，按评分规则不得分');
    await clickSettled(detail.getByTestId('conclusion-save'));
    await expect.poll(() => detail.getByTestId('conclusion-current').innerText()).toContain('调整得分，复核后得分 74.80分');
    await page.keyboard.press('Escape');
    await expect.poll(() => rows.nth(0).innerText()).toContain('调整得分');
    await expect.poll(() => page.getByTestId('review-summary').innerText()).toContain('12.50%');

    // the clean table: no finding
    await rows.nth(7).getByTestId('review-open').click();
    await page.getByTestId('no-findings').waitFor();
    await page.keyboard.press('Escape');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('review-download').click()]);
    expect(download.suggestedFilename()).toBe('2025年度自评复核清单.xlsx');
    const bytes = readFileSync(await download.path());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toStrictEqual(['复核清单', '问题']);
    expect(wb.getWorksheet('复核清单')!.getRow(2).getCell(15).value).toBe('调整得分');
    s.expectNoErrors();
    await s.close();
  });

  it('an editor has no 自评复核 in its menu', async () => {
    const s = await e.newPage();
    const editor = e.demoLogins.find((l) => l.role === 'editor')!;
    await login(s.page, ...e.account(editor.username));
    await s.page.getByTestId('nav').waitFor();
    expect(await s.page.getByTestId('nav-self-evaluation-reviews').count()).toBe(0);
    await s.close();
  });
});
