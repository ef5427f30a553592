/**
 * Hostile files: each is refused at once with one line naming the file and the limit, before it
 * can take the memory or the time; nothing else is thrown.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { READER_LIMITS } from '../../src/server/importers/limits';
import { readExecutionXlsx } from '../../src/server/importers/xlsx/read-execution-xlsx';
import { refusal } from '../support/hostile-files';

/** A .docx whose document.xml inflates past the limit (zeros compress a thousand to one). */
async function zipBomb(path: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file(path, new Uint8Array(READER_LIMITS.zipInflatedBytes + 1024 * 1024));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** A PDF of `pages` empty pages (no cross-reference table: pdf.js rebuilds it, as for many real files). */
function emptyPages(pages: number): Uint8Array {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const objects = [
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    `2 0 obj << /Type /Pages /Count ${pages} /Kids [${kids}] >> endobj`,
    ...Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj`),
  ];
  return new TextEncoder().encode(`%PDF-1.4\n${objects.join('\n')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

describe('limits of every reader', () => {
  it('a zip bomb (.docx, .xlsx) is refused while inflating, never held whole', async () => {
    const bomb = await zipBomb('word/document.xml');
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(bomb, 'bomb.docx')).toBe('bomb.docx: 超过限制：解压后大小超过 100 MB（文件可能是“压缩炸弹”），未读取');
    expect(await refusal(await zipBomb('xl/worksheets/sheet1.xml'), 'bomb.xlsx')).toMatch(/^bomb\.xlsx: 超过限制：解压后大小/);
    // the execution workbook of monitoring too
    const read = await readExecutionXlsx(await zipBomb('xl/worksheets/sheet1.xml'));
    expect(read.rows).toEqual([]);
    expect(read.errors.map((e) => e.message)).toEqual(['超过限制：解压后大小超过 100 MB（文件可能是“压缩炸弹”），未读取']);
  });

  it('a package of more entries than any document has is refused', async () => {
    const zip = new JSZip();
    for (let i = 0; i <= READER_LIMITS.zipEntries; i++) zip.file(`word/media/${i}.xml`, '<a/>');
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
    expect(await refusal(bytes, 'many.docx')).toBe(`many.docx: 超过限制：压缩包内文件数 ${READER_LIMITS.zipEntries + 1} 个，最多 ${READER_LIMITS.zipEntries} 个`);
  });

  it('XML nested beyond reason is refused with a message, not a stack overflow', async () => {
    const zip = new JSZip();
    const deep = '<w:sdt><w:sdtContent>'.repeat(100_000) + '</w:sdtContent></w:sdt>'.repeat(100_000);
    zip.file('word/document.xml', `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${deep}</w:body></w:document>`);
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(await refusal(bytes, 'deep.docx')).toBe('deep.docx: 无法读取 Word 文档（.docx）：文件的结构嵌套层次过深'); // was fast-xml-parser's "Maximum nested tags exceeded" (issue 72)
  });

  it('a PDF of more pages than the limit is refused before any page is read', async () => {
    expect(await refusal(emptyPages(READER_LIMITS.pdfPages + 1), 'long.pdf')).toBe(`long.pdf: 超过限制：PDF 页数 ${READER_LIMITS.pdfPages + 1} 页，最多 ${READER_LIMITS.pdfPages} 页`);
    // within the limit, empty pages are no text layer at all
    expect(await refusal(emptyPages(3), 'empty.pdf')).toBe('empty.pdf: PDF 中没有文字（没有文字层），无法读取');
  });

  it('a file over the size limit is refused before it is read', async () => {
    expect(await refusal(new Uint8Array(READER_LIMITS.fileBytes + 1), 'big.pdf')).toMatch(/^big\.pdf: 超过限制：文件大小 20\.0 MB，最多 20 MB$/);
  });
});
