/**
 * LibreOffice's processes end at their limits and leave nothing behind (issue 72, item 2), with a fake `soffice` first
 * on PATH that does what a stuck LibreOffice does: its script starts a child (soffice.bin) that runs on, holding the
 * pipes, and never converts.
 *
 * - an upload read in the parse pool whose conversion outlives the pool's time limit: refused naming the limit, and
 *   neither its soffice.bin nor its temporary folder (which holds the uploaded file) is left, upload after upload (the
 *   worker ended at the limit used to leave both);
 * - a PDF export whose LibreOffice never ends: refused at its limit (it used to kill the script only and then wait for
 *   the pipe soffice.bin held: no answer), the whole group killed, the folder removed;
 * - the export route answers a LibreOffice that fails with a refusal in Chinese (503), not an internal error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertDocxToPdf, PdfExportError } from '../../src/server/exporters/pdf-exporter';
import { createParsePool } from '../../src/server/modules/imports/parse-pool';
import { officeLoad } from '../../src/server/office/soffice';
import { alive, fakeSoffice, type FakeSoffice } from '../support/fake-soffice';
import { importFixture } from './domain-support';
import { startTestApp } from './support';

const OFFICE = join(__dirname, '..', 'documents', 'readers', 'office');

let soffice: FakeSoffice;

async function settles(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  return check();
}

beforeAll(() => {
  soffice = fakeSoffice();
});
afterAll(() => soffice.restore());

describe('a conversion that outlives its limit', () => {
  it('an upload in the parse pool: refused at the limit; no soffice.bin and no temporary folder left, upload after upload', async () => {
    soffice.hang();
    const pool = createParsePool({ threads: 1, timeoutSeconds: 12 });
    try {
      const bytes = readFileSync(join(OFFICE, 'project.doc'));
      for (let k = 1; k <= 2; k++) {
        // a worker started first (the last one was ended at its limit; a cold start takes seconds): LibreOffice is then under way well within the limit
        expect((await pool.read(Buffer.from('无关的文字\n'), 'warm.txt')).ok).toBe(false);
        const read = await pool.read(bytes, `第${k}份.doc`);
        expect(read).toEqual({ ok: false, message: `第${k}份.doc: 解析超时（超过 12 秒），文件可能过大或结构异常，未导入` });
        expect(soffice.pids()).toHaveLength(k);
        expect(await settles(() => soffice.pids().every((pid) => !alive(pid))), `soffice.bin of upload ${k} still runs`).toBe(true);
        expect(await settles(() => soffice.homes().every((home) => !existsSync(home))), `the folder of upload ${k} is still there`).toBe(true);
      }
      expect(await settles(() => officeLoad().running === 0 && officeLoad().waiting === 0)).toBe(true);
    } finally {
      await pool.close();
    }
  }, 90_000);

  it('a PDF export: refused at its limit naming it, the whole group killed, the folder removed', async () => {
    soffice.hang();
    const before = soffice.pids().length;
    const started = Date.now();
    const refusal = await convertDocxToPdf(new Uint8Array([0x50, 0x4b, 3, 4]), { timeoutMs: 1000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(PdfExportError);
    expect((refusal as PdfExportError).message).toBe('超过 1 秒仍未完成，已停止；文档可能过长，可改为导出 Word（.docx）');
    expect(Date.now() - started).toBeLessThan(10_000);
    const pids = soffice.pids().slice(before);
    expect(pids).toHaveLength(1);
    expect(await settles(() => !alive(pids[0]!))).toBe(true);
    expect(soffice.homes().every((home) => !existsSync(home))).toBe(true);
  }, 20_000);
});

describe('the department export as PDF', () => {
  it('a LibreOffice that fails: 503 with the reason in Chinese, not an internal error', async () => {
    soffice.script('echo "Error: source file could not be loaded" >&2\nexit 77');
    const t = await startTestApp();
    const f = await importFixture(t.db, 'f000');
    const reviewer = await t.client('reviewer');
    const res = await reviewer.get(`/api/departments/${f.departmentId}/export?format=pdf`);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ statusCode: 503, code: 'unavailable', message: 'PDF 生成失败：LibreOffice 转换 PDF 失败（退出码 77）：Error: source file could not be loaded' });
  });
});
