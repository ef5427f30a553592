/**
 * PDF for publication: the Word export converted by LibreOffice (headless), so the PDF is the
 * same official layout. Needs `soffice` (Debian: libreoffice-writer-nogui) and CJK fonts
 * (fonts-noto-cjk); the test command installs them when missing.
 *
 * The official fonts (仿宋_GB2312, 宋体, 黑体) are rarely installed on a server. Left to itself,
 * LibreOffice then falls back to the first CJK face it finds — Noto Sans CJK JP, a sans face for a
 * serif body. The conversion gets a fontconfig file that prefers, after each official font, the
 * Chinese face of its kind: Noto Serif CJK SC for 仿宋 and 宋体, Noto Sans CJK SC for 黑体; an
 * official font that is installed still comes first. (The Noto CJK collections share one glyph
 * table, whose name says "jp"; the Chinese forms come from the runs' zh-CN language.)
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedDocument } from '../../shared/domain/model';
import { prepareProfile } from '../office/profile';
import { exportDocx } from './docx-exporter';

/** A PDF could not be made; the message says why in one line. */
export class PdfExportError extends Error {}

const CONVERT_TIMEOUT_MS = 180_000;

/** The official fonts and the Chinese face each falls back to when it is not installed. */
const FALLBACK_FACES: readonly [official: string, face: string][] = [
  ['仿宋_GB2312', 'Noto Serif CJK SC'],
  ['仿宋', 'Noto Serif CJK SC'],
  ['FangSong', 'Noto Serif CJK SC'],
  ['宋体', 'Noto Serif CJK SC'],
  ['SimSun', 'Noto Serif CJK SC'],
  ['黑体', 'Noto Sans CJK SC'],
  ['SimHei', 'Noto Sans CJK SC'],
];

/** The system's fontconfig, and for each official font: itself if installed, else its Chinese face. */
const FONT_CONFIG = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
  '<fontconfig>',
  '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
  ...FALLBACK_FACES.map(([official, face]) => `  <alias binding="same"><family>${official}</family><prefer><family>${official}</family><family>${face}</family></prefer></alias>`),
  '</fontconfig>',
  '',
].join('\n');

/** Converts .docx bytes to PDF bytes with LibreOffice. */
export async function convertDocxToPdf(docx: Uint8Array): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-pdf-'));
  try {
    const input = join(dir, 'document.docx');
    await writeFile(input, docx);
    // A private profile: concurrent conversions must not share (and lock) one. Prepared so that LibreOffice does
    // not take it for a first start (office/profile.ts: seconds of graphics tests before each conversion).
    const profile = await prepareProfile(join(dir, 'profile'), 'soffice');
    const fonts = join(dir, 'fonts.conf');
    await writeFile(fonts, FONT_CONFIG);
    await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input], { FONTCONFIG_FILE: fonts });
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

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
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
