/**
 * Scanned documents made in the test suite (issue 56), from documents printed to PDF: each page
 * rendered by poppler's pdftoppm (as a scanner would give it, at 200 dpi), optionally turned a little
 * and soiled like a photocopy (sharp: rotation, noise, blur, a grey background), and put back together
 * as an image-only PDF (each page one JPEG image, written here: a PDF of images is a few objects).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { exportDocx } from '../../src/server/exporters/docx-exporter';
import { convertDocxToPdf } from '../../src/server/exporters/pdf-exporter';
import { parseDocumentBytes } from '../../src/server/importers/read-document';
import { fixturePage, printPageByChromium } from './fixture-prints';
import { FIXTURE_DIR, OTHER_PROVINCES_DIR } from './fixtures';

/** A fixture of ../shared/fixtures/documents printed as the scans print it: its Word export, printed to PDF by LibreOffice. */
export async function printFixture(file: string): Promise<Buffer> {
  return convertDocxToPdf(await exportDocx(await parseDocumentBytes(readFileSync(join(FIXTURE_DIR, file)), file)));
}

/** A table of ../shared/fixtures/other-provinces (`name`, without .txt) printed as the scans print it: as HTML tables, by Chromium. */
export function printOtherProvince(name: string, pdfName: string): Promise<Buffer> {
  return printPageByChromium(fixturePage(readFileSync(join(OTHER_PROVINCES_DIR, `${name}.txt`), 'utf8')), pdfName, false);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${code}: ${err}`))));
  });
}

/** The pages (1-based, inclusive) of a PDF rendered to grey PNGs at `dpi`. */
export async function renderPages(pdf: Uint8Array, first: number, last: number, dpi = 200): Promise<Buffer[]> {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-scan-test-'));
  try {
    await writeFile(join(dir, 'in.pdf'), pdf);
    await run('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-f', String(first), '-l', String(last), join(dir, 'in.pdf'), join(dir, 'p')]);
    // pdftoppm pads the page numbers to the document's page count (p-02.png of 22 pages), not to `last`
    const files = await readdir(dir);
    const out: Buffer[] = [];
    for (let n = first; n <= last; n++) {
      const name = files.find((f) => new RegExp(`^p-0*${n}\\.png$`).test(f));
      if (name === undefined) throw new Error(`pdftoppm gave no page ${n}`);
      out.push(await readFile(join(dir, name)));
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Pixels of a page with a little noise: specks of a fixed pattern (the same every run). */
function speckle(data: Buffer, width: number, seed: number, share: number): void {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = 0; i < data.length; i++) {
    const r = next();
    if (r < share / 2) data[i] = 60;
    else if (r < share) data[i] = 255;
    else data[i] = Math.max(0, Math.min(255, data[i]! - 18 + Math.round(next() * 20))); // a grey, uneven paper
  }
  void width;
}

/** A page as a photocopy: turned by `degrees`, soiled with specks, a grey paper and a slight blur. */
export async function photocopy(png: Buffer, degrees: number, seed = 7): Promise<Buffer> {
  const turned = await sharp(png).grayscale().rotate(degrees, { background: { r: 255, g: 255, b: 255 } }).raw().toBuffer({ resolveWithObject: true });
  speckle(turned.data, turned.info.width, seed, 0.004);
  return sharp(turned.data, { raw: { width: turned.info.width, height: turned.info.height, channels: 1 } }).blur(0.6).png().toBuffer();
}

/** A page turned upside down. */
export const upsideDown = (png: Buffer) => sharp(png).rotate(180).png().toBuffer();

/**
 * An image-only PDF: one page per image, each painted over its whole page (at `dpi`), no text at all —
 * what a scanner's "scan to PDF" writes.
 */
export async function imageOnlyPdf(pngs: readonly Buffer[], dpi = 200): Promise<Buffer> {
  const images = await Promise.all(
    pngs.map(async (png) => {
      const { data, info } = await sharp(png).grayscale().toColourspace('b-w').jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height };
    }),
  );
  const objects: Buffer[] = [];
  /** Adds an object; its number (1-based). */
  const add = (body: Buffer | string) => objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const pagesAt = add(''); // filled below
  const kids: number[] = [];
  for (const img of images) {
    const w = (img.width * 72) / dpi;
    const h = (img.height * 72) / dpi;
    const image = add(Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${img.data.length} >>\nstream\n`, 'latin1'), img.data, Buffer.from('\nendstream', 'latin1')]));
    const draw = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`;
    const content = add(`<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objects[pagesAt - 1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`, 'latin1');
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((body, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(at);
    parts.push(obj);
    at += obj.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** Pages of several PDFs as one (poppler's pdfunite). */
export async function unitePdfs(pdfs: readonly Uint8Array[]): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-unite-test-'));
  try {
    const names = await Promise.all(pdfs.map(async (pdf, i) => (await writeFile(join(dir, `${i}.pdf`), pdf), join(dir, `${i}.pdf`))));
    await run('pdfunite', [...names, join(dir, 'out.pdf')]);
    return await readFile(join(dir, 'out.pdf'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One page of a PDF as a PDF of its own (poppler's pdfseparate). */
export async function pdfPage(pdf: Uint8Array, page: number): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-page-test-'));
  try {
    await writeFile(join(dir, 'in.pdf'), pdf);
    await run('pdfseparate', ['-f', String(page), '-l', String(page), join(dir, 'in.pdf'), join(dir, 'p-%d.pdf')]);
    return await readFile(join(dir, `p-${page}.pdf`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
