/**
 * Issue 69 in a real browser: a scanned target whose shape is no target's (≥12(个) read as =12(个): tesseract has no ≥)
 * is offered in the preview with its likely reading; the reviewer accepts it in one click, confirms the scan's doubts
 * and imports it, and the stored target is the reading accepted, not the one OCR gave.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportPreviewResponse } from '../../src/shared/api/imports';
import { clickForAnswer, READING_MS, useE2e } from './harness';

const e = useE2e();

describe("a scanned target's likely reading in the import preview", () => {
  it('is offered, accepted in one click, and stored as accepted', async () => {
    const s = await e.session('reviewer');
    await s.page.getByTestId('nav-import').click();
    await s.page.getByTestId('import-page').locator('input[type=file]').setInputFiles([resolve('test/documents/layouts/scanned.pdf')]);
    // a scan of two pages read by OCR: given time beyond READING_MS on a loaded machine
    const answer = await clickForAnswer(s.page, s.page.getByTestId('import-preview'), '/api/imports/preview', 'POST', { timeout: 4 * READING_MS });
    expect(answer.status()).toBe(200);
    const file = s.page.getByTestId('import-file');
    await file.waitFor();
    // the doubt of the target read as =12(个), with its likely readings as buttons (the more likely first)
    const preview = ((await answer.json()) as ImportPreviewResponse).files[0]!;
    const shape = preview.projects[0]!.reading.doubts.find((d) => d.code === 'ocr-target-shape' && d.message.includes('改造小区数量'))!;
    expect(shape.likely).toEqual(['≥12(个)', '≤12(个)']);
    const offer = file.locator('[data-testid="reading-likely"][data-reading="≥12(个)"]');
    // offered where the doubt is listed (the file's doubts, and the table's own)
    expect(await offer.count()).toBeGreaterThan(0);
    expect(await file.getByTestId('import-doubted').innerText()).toContain('“=12(个)”不像指标值');
    // one click: the preview comes back with the target read so, that doubt answered
    const accepted = await clickForAnswer(s.page, offer.first(), '/api/imports/likely', 'POST', { timeout: READING_MS });
    expect(accepted.status()).toBe(200);
    const after = ((await accepted.json()) as ImportPreviewResponse).files[0]!;
    expect(after.projects[0]!.indicators.find((i) => i.name === '改造小区数量')?.target).toBe('≥12(个)');
    expect(after.projects[0]!.reading.doubts.some((d) => d.code === 'ocr-target-shape' && d.message.includes('改造小区数量'))).toBe(false);
    await offer.first().waitFor({ state: 'detached' });
    expect(await offer.count()).toBe(0);
    // the scan is stored only with its doubts confirmed
    await s.page.getByTestId('import-confirm-doubts').click();
    expect((await clickForAnswer(s.page, s.page.getByTestId('import-commit'), '/api/imports/commit', 'POST', { timeout: READING_MS })).status()).toBe(200);
    await s.page.getByTestId('import-results').waitFor();
    expect(await s.page.getByTestId('import-result-status').getAttribute('data-status')).toBe('imported');
    // stored: the accepted reading, read as a target (operator, number, unit)
    const stored = await e.db
      .selectFrom('indicator')
      .innerJoin('project', 'project.id', 'indicator.projectId')
      .select(['indicator.targetRaw', 'indicator.targetOperator', 'indicator.targetValueText'])
      .where('project.name', '=', '老旧小区综合整治工程')
      .where('indicator.name', '=', '改造小区数量')
      .execute();
    expect(stored).toEqual([{ targetRaw: '≥12(个)', targetOperator: '≥', targetValueText: '12' }]);
    s.expectNoErrors();
  }, 7 * READING_MS);
});
