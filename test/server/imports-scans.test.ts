/**
 * Issue 56 through the web server: a scan's upload tells how far its recognition has come (GET /api/imports/progress/:id,
 * the asking user's upload only, while it is read), its preview carries the scanned pages its doubts stand on as images
 * the doubts' boxes fall on, and its recognition is bounded by the server's scan limit with a refusal naming the file.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ImportPreviewResponse, UploadProgress } from '../../src/shared/api/imports';
import { startTestApp } from './support';

const SCAN = { filename: 'scanned.pdf', data: readFileSync('test/documents/layouts/scanned.pdf') };

describe('a scan uploaded for a preview', () => {
  it('tells its pages recognised while it is read, to its user only, and gives the doubted page as an image the doubts fall on', async () => {
    const t = await startTestApp();
    const reviewer = await t.client('reviewer');
    const other = await t.client('reviewer');
    const id = 'scan-upload-0001';
    let answered = false;
    const upload = reviewer.upload(`/api/imports/preview?progress=${id}`, [SCAN]).finally(() => (answered = true));
    // asked for while the worker reads it: the server answers meanwhile (the recognition is off its event loop)
    const seen: UploadProgress[] = [];
    let othersAnswer: number | null = null;
    while (!answered) {
      const res = await reviewer.get(`/api/imports/progress/${id}`);
      if (res.statusCode === 200) {
        seen.push(res.json() as UploadProgress);
        othersAnswer ??= (await other.get(`/api/imports/progress/${id}`)).statusCode;
      } else expect(res.statusCode).toBe(404);
      await sleep(50);
    }
    const res = await upload;
    expect(res.statusCode, res.body).toBe(200);
    // known from the request's arrival (its files coming), then read: the scan's two pages (the second blank) counted
    // as they are recognised, never backwards
    const reading = seen.filter((p) => p.stage === 'reading');
    expect(reading.length).toBeGreaterThan(0);
    // stages only go forward; 'done' may be seen before the answer reaches the client (the server marks it, then sends)
    const order = ['receiving', 'reading', 'done'];
    const stages = seen.map((p) => order.indexOf(p.stage));
    expect(stages.every((k) => k >= 0)).toBe(true);
    expect(stages).toEqual([...stages].sort((a, b) => a - b));
    for (const p of reading) expect(p).toMatchObject({ file: 'scanned.pdf', fileIndex: 0, files: 1 });
    expect(reading.some((p) => p.pages === 2)).toBe(true);
    const pages = reading.filter((p) => p.pages > 0).map((p) => p.page);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(Math.max(...pages)).toBeLessThanOrEqual(2);
    // once answered: done, for a while (the browser's last asking meets no "not found"); another account's: none
    expect((await reviewer.get(`/api/imports/progress/${id}`)).json()).toMatchObject({ stage: 'done', file: 'scanned.pdf' });
    expect(othersAnswer).toBe(404);
    expect((await other.get(`/api/imports/progress/${id}`)).statusCode).toBe(404);
    t.clock.advance(121_000);
    expect((await reviewer.get(`/api/imports/progress/${id}`)).statusCode).toBe(404);
    expect((await reviewer.get('/api/imports/progress/x')).statusCode).toBe(404);
    // an upload's id is its browser's random one: letters, digits, - and _
    expect((await reviewer.upload('/api/imports/preview?progress=a%20b', [SCAN])).statusCode).toBe(400);

    const file = (res.json() as ImportPreviewResponse).files[0]!;
    expect([file.ok, file.format, file.doubted]).toEqual([true, 'pdf', 1]);
    // the page the doubts stand on (the blank second page has none), a JPEG of the page as recognised, 1000 pixels wide
    expect(file.pages.map((p) => p.page)).toEqual([1]);
    expect(file.pagesOmitted).toBe(0);
    const page = file.pages[0]!;
    const jpeg = await sharp(Buffer.from(page.src.replace(/^data:image\/jpeg;base64,/, ''), 'base64')).metadata();
    expect([jpeg.format, jpeg.width]).toEqual(['jpeg', 1000]);
    expect(jpeg.height / jpeg.width).toBeCloseTo(page.height / page.width, 2);
    const boxes = file.projects.flatMap((p) => p.reading.doubts.flatMap((d) => (d.where.ocr ? [d.where.ocr] : [])));
    expect(boxes.length).toBeGreaterThan(3);
    for (const mark of boxes) {
      expect([mark.page, mark.pageWidth, mark.pageHeight]).toEqual([1, page.width, page.height]);
      const [x0, top, x1, bottom] = mark.box;
      expect(0 <= x0 && x0 < x1 && x1 <= page.width && 0 <= top && top < bottom && bottom <= page.height).toBe(true);
    }
    // the document kept for the commit holds no image: the token's import stores as before
    const stored = (await reviewer.post('/api/imports/commit', { token: (res.json() as ImportPreviewResponse).token, confirmDoubts: true })).json() as { files: { status: string }[] };
    expect(stored.files[0]!.status).toBe('imported');
  });

  it('is refused by name past the server\'s scan limit (JIXIAO_SCAN_SECONDS)', async () => {
    const t = await startTestApp({ scanSeconds: 1 });
    const reviewer = await t.client('reviewer');
    const res = await reviewer.upload('/api/imports/preview', [SCAN]);
    expect(res.statusCode, res.body).toBe(200);
    const file = (res.json() as ImportPreviewResponse).files[0]!;
    expect([file.ok, file.action]).toEqual([false, 'refused']);
    expect(file.error).toMatch(/^scanned\.pdf: 超过限制：.*文字识别.*超过 1 秒/);
  });
});
