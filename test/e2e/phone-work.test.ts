/**
 * Working on a 390 px phone (issue 71, item 9), in a real browser on the demo data: what a person acts on is on the
 * screen and works — the 审核队列's 转报 and 退回, the 申请调整 dialog's 指标值, the correction editor of the import preview,
 * a scanned page (zoomed, in its box), the audit log's 内容 — and no page is wider than the screen.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { go, login, open, previewImport, settled, useE2e, type E2ePage } from './harness';
import { expectCleanPage } from './scan';

const e = useE2e();
const WIDTH = 390;

async function phone(username: string): Promise<E2ePage> {
  const s = await e.newPage();
  await login(s.page, ...e.account(username));
  await s.page.setViewportSize({ width: WIDTH, height: 844 });
  return s;
}

/** Whether an element lies within the screen's width (and has a size). */
async function onScreen(target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  return box !== null && box.width > 0 && box.x >= 0 && box.x + box.width <= WIDTH + 0.5;
}

/** The page is not wider than the screen. */
async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe('working on a 390 px phone', () => {
  it('the 审核队列: each project’s 转报 and 退回 on the screen, and 转报 opens its confirmation on the screen', async () => {
    const s = await phone('supervisor-763001');
    await open(s.page, '/review');
    const rows = s.page.getByTestId('review-row');
    await rows.first().waitFor();
    for (const row of await rows.all()) {
      expect(await onScreen(row.getByTestId('action-forward'))).toBe(true);
      expect(await onScreen(row.getByTestId('action-return'))).toBe(true);
    }
    // the confirmation opens, within the screen
    await rows.first().getByTestId('action-forward').click();
    const ok = await settled(s.page.getByTestId('action-confirm'));
    expect(await onScreen(ok)).toBe(true);
    await s.page.keyboard.press('Escape');
    expect(await pageWidth(s.page)).toBeLessThanOrEqual(WIDTH);
    await expectCleanPage(s.page, 'the 审核队列 on a phone');
    s.expectNoErrors();
    await s.close();
  });

  it('the 申请调整 dialog: every 指标值 on the screen and typed into', async () => {
    const project = await e.db.selectFrom('project').select('id').where('code', '=', '13020225P00891310002E').executeTakeFirstOrThrow();
    const s = await phone('dept-763001');
    await open(s.page, `/projects/${project.id}`);
    await s.page.getByTestId('request-adjustment').click();
    const first = await settled(s.page.getByTestId('adjust-target-0'));
    const targets = s.page.locator('[data-testid^="adjust-target-"]');
    expect(await targets.count()).toBeGreaterThan(1);
    // across the screen as the dialog opens (a table scrolled sideways to reach it does not count)
    for (const t of await targets.all()) expect(await onScreen(t)).toBe(true);
    await first.fill('≥3次');
    expect(await first.inputValue()).toBe('≥3次');
    expect(await pageWidth(s.page)).toBeLessThanOrEqual(WIDTH);
    s.expectNoErrors();
    await s.close();
  });

  it('the import preview’s correction editor fits the screen; a scanned page zooms in its box', async () => {
    const s = await phone('reviewer');
    await go(s.page, '/import');
    const forms = join(__dirname, '..', 'documents', 'forms');
    await s.page.getByTestId('import-page').locator('input[type=file]').setInputFiles([{ name: 'a.html', mimeType: 'text/html', buffer: readFileSync(join(forms, 'a.html')) }]);
    expect((await previewImport(s.page)).status()).toBe(200);
    const file = s.page.getByTestId('import-file');
    await file.getByTestId('template-edit').click();
    const editor = file.getByTestId('template-editor');
    await editor.waitFor();
    const box = (await editor.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
    // nothing of it wider than itself, and every row's choices on the screen
    expect(await editor.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    for (const select of await editor.getByTestId('template-row-kind').all()) expect(await onScreen(select)).toBe(true);
    expect(await pageWidth(s.page)).toBeLessThanOrEqual(WIDTH);
    await s.page.getByRole('button', { name: '清空' }).click();

    // a scan, read by OCR: its page at the box's width, then zoomed twice within its box
    await s.page.getByTestId('import-page').locator('input[type=file]').setInputFiles([resolve('test/documents/layouts/scanned.pdf')]);
    expect((await previewImport(s.page)).status()).toBe(200);
    const page = s.page.getByTestId('scan-page').first();
    const image = page.getByTestId('scan-page-image');
    await image.waitFor();
    const fitted = (await image.boundingBox())!.width;
    expect(fitted).toBeLessThanOrEqual(WIDTH);
    await page.getByTestId('scan-zoom-in').click();
    await expect.poll(async () => (await image.evaluate((img) => img.getBoundingClientRect().width)) / fitted).toBeGreaterThan(1.9);
    // the page box scrolls, the screen does not
    expect(await page.getByTestId('scan-page-box').evaluate((b) => b.scrollWidth > b.clientWidth)).toBe(true);
    expect(await pageWidth(s.page)).toBeLessThanOrEqual(WIDTH);
    // each doubted cell still outlined on the zoomed page
    const outlines = page.getByTestId('scan-doubt-box');
    if ((await outlines.count()) > 0) {
      const img = (await image.boundingBox())!;
      const first = (await outlines.first().boundingBox())!;
      expect(first.x).toBeGreaterThanOrEqual(img.x - 0.5);
      expect(first.x + first.width).toBeLessThanOrEqual(img.x + img.width + 0.5);
    }
    await page.getByTestId('scan-zoom-out').click();
    await expect.poll(async () => Math.round((await image.boundingBox())!.width)).toBe(Math.round(fitted));
    s.expectNoErrors();
    await s.close();
  }, 180_000);

  it('the audit log: each entry’s 内容 on the screen', async () => {
    const s = await phone('auditor');
    await open(s.page, '/audit');
    const details = s.page.getByTestId('audit-entry-detail');
    await details.first().waitFor();
    for (const d of (await details.all()).slice(0, 5)) {
      await d.scrollIntoViewIfNeeded();
      expect(await onScreen(d)).toBe(true);
      expect((await d.innerText()).trim()).not.toBe('');
    }
    expect(await pageWidth(s.page)).toBeLessThanOrEqual(WIDTH);
    await expectCleanPage(s.page, 'the audit log on a phone');
    s.expectNoErrors();
    await s.close();
  });
});
