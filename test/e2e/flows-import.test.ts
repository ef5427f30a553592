/**
 * The import in a real browser, on three of the real documents (001, 002, 003) imported at start
 * with their demo accounts and workflow spread (the other main flows: flows.test.ts): the reviewer
 * uploads the fourth (000) on 导入, sees the preview, commits, finds its projects; and uploads a PDF,
 * a Word 97 .doc and a scan (test/documents/layouts, the scan read by OCR) and sees each previewed.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixturePath } from '../support/fixtures';
import { saveScreenshot } from './browser';
import { departmentByCode } from './data';
import { chooseOption, clickForAnswer, previewImport, READING_MS, useE2e } from './harness';
import type { ImportPreviewResponse } from '../../src/shared/api/imports';

const e = useE2e({ files: [FIXTURES.f001, FIXTURES.f002, FIXTURES.f003].map(fixturePath) });

describe('import', () => {
  it('the reviewer uploads a document, sees the preview with its diagnostics, commits, and finds its projects in the list', async () => {
    const s = await e.session('reviewer');
    await s.page.getByTestId('nav-import').click();
    // with the fixture, a copy of 002 cut off before its last indicator table: refused, with its diagnostic
    const lines = readFileSync(fixturePath(FIXTURES.f002), 'utf8').split('\n');
    const cut = lines.findLastIndex((l) => l.includes('一级指标'));
    const truncated = { name: '002_truncated.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.slice(0, cut).join('\n')) };
    await s.page.getByTestId('import-page').locator('input[type=file]').setInputFiles([fixturePath(FIXTURES.f000)]);
    await s.page.getByTestId('import-page').locator('input[type=file]').setInputFiles([truncated]);
    expect((await previewImport(s.page)).status()).toBe(200);
    await s.page.getByTestId('import-preview-result').waitFor();
    const files = s.page.getByTestId('import-file');
    expect(await files.evaluateAll((els) => els.map((el) => [el.getAttribute('data-file'), el.getAttribute('data-action')]))).toEqual([
      [FIXTURES.f000, 'create'],
      ['002_truncated.txt', 'refused'],
    ]);
    const broken = files.nth(1);
    expect(await broken.getByTestId('import-error').innerText()).toMatch(/\S/);
    const diagnostic = await broken.getByTestId('import-diagnostics').innerText();
    // located in the cut table: after its title line, before the cut
    const line = Number(/第(\d+)行/.exec(diagnostic)![1]);
    expect(line).toBeGreaterThan(lines.findLastIndex((l) => l.includes('绩效目标表')) + 1);
    expect(line).toBeLessThanOrEqual(cut);
    expect(diagnostic).toContain('缺少绩效指标表');
    expect(await s.page.getByTestId('import-preview-result').innerText()).toContain('将导入 1 个文件');
    const file = files.first();
    const text = await file.innerText();
    expect(text).toContain('763001 中共唐山市路南区委社会工作部');
    expect(text).toMatch(/项目数\s*5/);
    expect(text).toMatch(/指标数\s*31/);
    expect(text).toMatch(/诊断（\d+）/);
    // the project table of the preview: 5 projects, 城市社区工作者薪酬经费 with its code
    expect(await file.getByTestId('import-projects').locator('tbody tr.ant-table-row').count()).toBe(5);
    expect(await file.getByTestId('import-projects').innerText()).toContain('13020225P00912310002A');
    // nothing is written before 确认导入
    expect((await e.db.selectFrom('department').select('id').where('code', '=', '763001').execute()).length).toBe(0);
    // the commit stores and reviews the document: its answer, then the results
    expect((await clickForAnswer(s.page, s.page.getByTestId('import-commit'), '/api/imports/commit', 'POST', { timeout: READING_MS })).status()).toBe(200);
    await s.page.getByTestId('import-results').waitFor();
    expect(await s.page.getByTestId('import-result-status').evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))).toEqual(['imported', 'refused']);
    await saveScreenshot(s.page, 'import-committed');
    await s.page.getByRole('button', { name: '查看项目' }).click();
    // the list, filtered to the new department by the filter control
    await chooseOption(s.page, s.page.getByTestId('filter-department'), '763001 中共唐山市路南区委社会工作部', { search: '社会工作部' });
    await s.page.waitForURL(/department=\d+/);
    await s.page.locator('.ant-pagination-total-text', { hasText: '共 5 个项目' }).waitFor();
    const names = await s.page.getByTestId('project-link').allInnerTexts();
    expect(names).toHaveLength(5);
    expect(names).toContain('城市社区工作者薪酬经费');
    const dept = await departmentByCode(e.db, '763001');
    expect(new URL(s.page.url()).searchParams.get('department')).toBe(String(dept.id));
    s.expectNoErrors();
  }, 3 * READING_MS);
});

describe('import from other layouts and formats', () => {
  it('the reviewer uploads a PDF, a Word 97 .doc and a scanned PDF: the preview shows what each holds, the scan read by OCR and doubted', async () => {
    const s = await e.session('reviewer');
    await s.page.getByTestId('nav-import').click();
    const layouts = resolve('test/documents/layouts');
    await s.page.getByTestId('import-page').locator('input[type=file]').setInputFiles(['01-shenbao-grid.pdf', '11-single-project.doc', 'scanned.pdf'].map((f) => join(layouts, f)));
    // the scan's pages recognised on the screen: the preview's answer is held back until the page shows them (as the
    // server's progress route gives them, its last state kept after the answer)
    // the server reads the .doc through LibreOffice: the preview's answer itself is awaited; while the scan is read (several
    // seconds a page: the page asks every second), the screen shows its pages recognised of its two
    const [answer, scanning] = await Promise.all([
      previewImport(s.page),
      s.page
        .locator('[data-testid="scan-progress"][data-pages="2"]')
        .waitFor({ timeout: READING_MS })
        .then(() => s.page.getByTestId('scan-progress').innerText()),
    ]);
    expect(scanning).toMatch(/^扫描件“scanned\.pdf”正在文字识别（OCR）：(共 2 页，正在识别…|第 [12] \/ 2 页)（第 3 \/ 3 个文件“scanned\.pdf”）/);
    expect(answer.status()).toBe(200);
    await s.page.getByTestId('import-preview-result').waitFor();
    // the reading's progress is gone with the answer
    expect(await s.page.getByTestId('scan-progress').count()).toBe(0);
    const files = s.page.getByTestId('import-file');
    expect(await files.evaluateAll((els) => els.map((el) => [el.getAttribute('data-file'), el.getAttribute('data-action')]))).toEqual([
      ['01-shenbao-grid.pdf', 'create'],
      ['11-single-project.doc', 'create'],
      ['scanned.pdf', 'create'],
    ]);
    const pdf = files.nth(0);
    expect(await pdf.innerText()).toContain('412001 示范区住房和城乡建设局');
    expect(await pdf.innerText()).toMatch(/指标数\s*8/);
    expect(await pdf.getByTestId('import-projects').innerText()).toContain('老旧小区综合整治工程');
    const doc = files.nth(1);
    expect(await doc.innerText()).toContain('示范市城市管理局');
    expect(await doc.getByTestId('import-projects').innerText()).toContain('城区公共厕所提升改造');
    // the scan (a page of the same 申报表) is read by OCR (issue 56): its project, and its table doubted until confirmed
    const scan = files.nth(2);
    expect(await scan.getByTestId('import-projects').innerText()).toContain('老旧小区综合整治工程');
    expect(await scan.getByTestId('import-doubted').innerText()).toContain('取自扫描图像，由文字识别（OCR）读取');
    // beside its grid, the scanned page with every doubted cell outlined on it: as many outlines as the doubts' cells with a
    // page box (a cell doubted twice outlined once; the whole table's ocr-scanned is no cell), each within the page's image
    const preview = ((await answer.json()) as ImportPreviewResponse).files.find((f) => f.file === 'scanned.pdf')!;
    const cells = new Set(preview.projects.flatMap((p) => p.reading.doubts.flatMap((d) => (d.code !== 'ocr-scanned' && d.where.ocr ? [`${d.where.ocr.page}:${d.where.ocr.box.join(',')}`] : []))));
    expect(cells.size).toBeGreaterThan(3);
    const pages = scan.getByTestId('scan-page');
    expect(await pages.evaluateAll((els) => els.map((el) => el.getAttribute('data-page')))).toEqual([...new Set([...cells].map((c) => c.split(':')[0]))]);
    const image = pages.first().getByTestId('scan-page-image');
    await image.waitFor();
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const boxes = scan.getByTestId('scan-doubt-box');
    expect(await boxes.count()).toBe(cells.size);
    const shown = (await image.boundingBox())!;
    expect(shown.width).toBeGreaterThan(200);
    for (const box of await boxes.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number }))) {
      expect(box.width).toBeGreaterThan(0);
      expect(box.height).toBeGreaterThan(0);
      expect(box.x).toBeGreaterThanOrEqual(shown.x - 0.5);
      expect(box.y).toBeGreaterThanOrEqual(shown.y - 0.5);
      expect(box.x + box.width).toBeLessThanOrEqual(shown.x + shown.width + 0.5);
      expect(box.y + box.height).toBeLessThanOrEqual(shown.y + shown.height + 0.5);
    }
    expect(await pages.first().innerText()).toContain(`存疑的 ${cells.size} 处已框出`);
    // zoomed (issue 69): the page twice as wide as its frame, scrolled in it, the outlines on the page as it grew
    const frame = pages.first().getByTestId('scan-page-box');
    await pages.first().getByTestId('scan-zoom-in').click();
    await s.page.locator('[data-testid="scan-page"][data-zoom="2"]').first().waitFor();
    const frameBox = (await frame.boundingBox())!;
    const zoomed = (await image.boundingBox())!;
    expect(zoomed.width).toBeCloseTo(2 * shown.width, -1);
    expect(zoomed.width).toBeGreaterThan(frameBox.width * 1.5);
    expect(await frame.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const firstBox = (await boxes.first().boundingBox())!;
    expect(firstBox.width).toBeGreaterThan(0);
    await frame.evaluate((el) => el.scrollTo({ left: 100 }));
    expect(await frame.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await pages.first().getByTestId('scan-zoom-fit').click();
    await s.page.locator('[data-testid="scan-page"][data-zoom="1"]').first().waitFor();
    expect(await s.page.getByTestId('import-preview-result').innerText()).toContain('将导入 3 个文件');
    await saveScreenshot(s.page, 'import-pdf-doc-preview');
    s.expectNoErrors();
  }, 3 * READING_MS);
});
