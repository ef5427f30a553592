/**
 * 自评复核 (issue 59) in the browser: the 绩效科 uploads the eight test 自评表 on the 自评复核 page, sees them ranked
 * by how far their self-score stands from the recomputed one, opens the farthest — its findings in words, its scores
 * beside Jixiao's —, records a conclusion (refused without a reason, stored with one: the list and the share checked
 * follow), opens the clean one (no finding), and downloads the list as Excel; each indicator's re-scored figure stands
 * beside the unit's with how it was found, on the screen and in the export (issue 70); a table the reader doubts is
 * listed without Jixiao's score and says why; a real table's 7 of 10 for a met target beside Jixiao's 10. An editor has
 * no such page.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SELF_EVALUATION_DIR, SELF_EVALUATION_FORMS_DIR } from '../support/self-evaluation-documents';
import { REAL_SELF_EVALUATIONS_DIR } from '../support/self-evaluation-truth';
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
    // each indicator's re-scored figure beside the unit's, with how it was found
    const recomputedCells = detail.getByTestId('indicator-recomputed');
    expect(await recomputedCells.allInnerTexts()).toContain('0.00分\n无实际完成值，不得分');
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
    expect(wb.worksheets.map((w) => w.name)).toStrictEqual(['复核清单', '得分复核', '问题']);
    expect(wb.getWorksheet('复核清单')!.getRow(2).getCell(15).value).toBe('调整得分');
    // the re-scored figures in the export: every indicator's, beside the unit's, how each was found
    const scores = wb.getWorksheet('得分复核')!;
    const hypertension = Array.from({ length: scores.rowCount }, (_, k) => scores.getRow(k + 1)).find((r) => r.getCell(5).value === '高血压患者规范管理率')!;
    expect([hypertension.getCell(9).value, hypertension.getCell(10).value, hypertension.getCell(12).value]).toEqual([15, 0, '无实际完成值，不得分']);

    // issue 70: a table the reader doubts is listed without a score of Jixiao's, and says why when opened
    await page.getByTestId('self-evaluation-review-page').locator('input[type=file]').setInputFiles([join(SELF_EVALUATION_FORMS_DIR, 'fm11-doubted.html')]);
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(9);
    const doubted = rows.filter({ hasText: '森林防火物资储备经费' });
    expect(await doubted.innerText()).toContain('读取存疑，未计分');
    await doubted.getByTestId('review-open').click();
    await detail.waitFor();
    await expect.poll(() => detail.getByTestId('detail-recomputed').innerText()).toBe('读取存疑，未重新计分');
    expect(await detail.innerText()).toContain('指标行读取存疑，指标得分、分值与总分未核对');
    await page.keyboard.press('Escape');

    // a real table (Yunnan, the national form with its header of two rows): the unit's 7 of 10 beside Jixiao's 10
    await go(page, '/self-evaluation-reviews?year=2022');
    await page.getByTestId('self-evaluation-review-page').locator('input[type=file]').setInputFiles([join(REAL_SELF_EVALUATIONS_DIR, '01-yunnan-lincang-yongde-mingliangzhongxue-yingyanggaishan-2022.txt')]);
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(1);
    expect(await rows.nth(0).innerText()).toContain('99.80分（优）');
    await rows.nth(0).getByTestId('review-open').click();
    await detail.waitFor();
    const timely = detail.locator('tr', { hasText: '资金到位及时率' });
    await expect.poll(() => timely.innerText()).toContain('7.00分');
    expect(await timely.getByTestId('indicator-recomputed').innerText()).toBe('10.00分\n按完成比例计算');
    expect(await detail.getByTestId('finding-message').first().innerText()).toBe('“资金到位及时率”目标≧100%，实际100%，已达成，自评得7分（满分10分），未说明扣分原因');
    await saveScreenshot(page, 'self-evaluation-review-real');
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
