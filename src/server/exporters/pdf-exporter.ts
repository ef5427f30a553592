/**
 * PDF for publication: the Word export converted by LibreOffice (headless), so the PDF is the
 * same official layout. Needs `soffice` (Debian: libreoffice-writer-nogui) and CJK fonts
 * (fonts-noto-cjk); the test command installs them when missing.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ParsedDocument } from '../../shared/domain/model';
import { exportDocx } from './docx-exporter';

/** A PDF could not be made; the message says why in one line. */
export class PdfExportError extends Error {}

const CONVERT_TIMEOUT_MS = 180_000;

/** Converts .docx bytes to PDF bytes with LibreOffice. */
export async function convertDocxToPdf(docx: Uint8Array): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-pdf-'));
  try {
    const input = join(dir, 'document.docx');
    await writeFile(input, docx);
    // A private profile: concurrent conversions must not share (and lock) one.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input]);
    return await readFile(join(dir, 'document.pdf')).catch(() => {
      throw new PdfExportError('LibreOffice 没有生成 PDF');
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The document as PDF, in the official layout. */
export async function exportPdf(doc: ParsedDocument): Promise<Buffer> {
  return convertDocxToPdf(await exportDocx(doc));
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CONVERT_TIMEOUT_MS);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new PdfExportError(
          e.code === 'ENOENT' ? '导出 PDF 需要 LibreOffice（soffice），请安装 libreoffice-writer-nogui 和 fonts-noto-cjk' : `无法启动 LibreOffice：${e.message}`,
        ),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new PdfExportError(`LibreOffice 转换 PDF 失败（退出码 ${code}）：${stderr.trim().split('\n')[0] ?? ''}`));
    });
  });
}
