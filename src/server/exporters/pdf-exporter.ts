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
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedDocument } from '../../shared/domain/model';
import { prepareProfile } from '../office/profile';
import { findSoffice, inOfficeFolder, OfficeAbortedError, OfficeBusyError, runSoffice } from '../office/soffice';
import { exportDocx } from './docx-exporter';

/**
 * A PDF could not be made; the message says why in one line. `reason`: LibreOffice took longer than its limit, too
 * many conversions were under way, the caller gave up, or it failed.
 */
export class PdfExportError extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'busy' | 'aborted' | 'failed' = 'failed',
  ) {
    super(message);
    this.name = 'PdfExportError';
  }
}

/** Seconds a PDF export may take: the whole LibreOffice process group is killed at the limit (issue 72). */
export const PDF_EXPORT_SECONDS = 120;

const MISSING = '导出 PDF 需要 LibreOffice（soffice），请安装 libreoffice-writer-nogui 和 fonts-noto-cjk';

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

export interface PdfExportOptions {
  /** The time limit; PDF_EXPORT_SECONDS when not given. */
  timeoutMs?: number;
  /** The soffice program; found as the importers find it (office/soffice.ts) when not given. */
  soffice?: string;
  /** The caller gave up (the request was closed): the conversion is killed. */
  signal?: AbortSignal;
}

/**
 * Converts .docx bytes to PDF bytes with LibreOffice (office/soffice.ts: in its own folder, profile and process group,
 * killed whole at the limit, bounded with the importers' conversions); a PdfExportError saying why when it cannot.
 */
export async function convertDocxToPdf(docx: Uint8Array, opts: PdfExportOptions = {}): Promise<Buffer> {
  const soffice = await findSoffice(opts.soffice);
  if (soffice === null) throw new PdfExportError(MISSING);
  const timeoutMs = opts.timeoutMs ?? PDF_EXPORT_SECONDS * 1000;
  try {
    return await inOfficeFolder('pdf', opts.signal, async (dir) => {
      const input = join(dir, 'document.docx');
      await writeFile(input, docx);
      // A private profile: concurrent conversions must not share (and lock) one. Prepared so that LibreOffice does
      // not take it for a first start (office/profile.ts: seconds of graphics tests before each conversion).
      const profile = await prepareProfile(join(dir, 'profile'), soffice);
      const fonts = join(dir, 'fonts.conf');
      await writeFile(fonts, FONT_CONFIG);
      const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input];
      const outcome = await runSoffice({ soffice, args, dir, env: { FONTCONFIG_FILE: fonts }, timeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) });
      if (outcome.kind === 'missing') throw new PdfExportError(MISSING);
      if (outcome.kind === 'timeout') throw new PdfExportError(`超过 ${timeoutMs / 1000} 秒仍未完成，已停止；文档可能过长，可改为导出 Word（.docx）`, 'timeout');
      if (outcome.kind === 'aborted') throw new PdfExportError('已取消', 'aborted');
      if (outcome.code !== 0) throw new PdfExportError(`LibreOffice 转换 PDF 失败（退出码 ${outcome.code}）：${outcome.stderr.trim().split('\n')[0] ?? ''}`);
      return await readFile(join(dir, 'document.pdf')).catch(() => {
        throw new PdfExportError('LibreOffice 没有生成 PDF');
      });
    });
  } catch (e) {
    if (e instanceof OfficeBusyError) throw new PdfExportError(e.message, 'busy');
    if (e instanceof OfficeAbortedError) throw new PdfExportError('已取消', 'aborted');
    throw e;
  }
}

/** The document as PDF, in the official layout. */
export async function exportPdf(doc: ParsedDocument, opts: PdfExportOptions = {}): Promise<Buffer> {
  return convertDocxToPdf(await exportDocx(doc), opts);
}
