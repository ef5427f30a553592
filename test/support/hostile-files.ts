/**
 * Hostile uploads made in memory, small to build and (for the sheet) small on disk: a zip package
 * of very many empty entries (written by hand: JSZip takes seconds per 100,000 entries), and an
 * .xlsx whose one sheet has very many rows.
 */
import { expect } from 'vitest';
import { DocumentReadError } from '../../src/server/importers/errors';
import { parseDocumentsBytes } from '../../src/server/importers/read-document';
import JSZip from 'jszip';

/** A stored (uncompressed) zip of `count` empty files named `name(i)`, with a [Content_Types].xml first. */
export function zipOfEmptyEntries(count: number, name: (i: number) => string): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const add = (fileName: string, data: Buffer) => {
    const nameBytes = Buffer.from(fileName, 'utf8');
    const local = Buffer.alloc(30 + nameBytes.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(0, 14); // crc of an empty file is 0; ours are read by count only
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    nameBytes.copy(local, 30);
    const central = Buffer.alloc(46 + nameBytes.length);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    nameBytes.copy(central, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  };
  add('[Content_Types].xml', Buffer.alloc(0));
  for (let i = 0; i < count; i++) add(name(i), Buffer.alloc(0));
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const entries = Math.min(0xffff, count + 1);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An .xlsx of one sheet named `sheet` with `rows` rows of one small number each, deflated (a few KB per 10,000 rows). */
export async function xlsxOfManyRows(rows: number, sheet = '项目执行'): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
  zip.file('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>');
  const body: string[] = [];
  for (let r = 1; r <= rows; r++) body.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
  zip.file('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body.join('')}</sheetData></worksheet>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The one line a file is refused with (it must be refused with a DocumentReadError, nothing else). */
export async function refusal(bytes: Uint8Array, file: string): Promise<string> {
  const e = await parseDocumentsBytes(bytes, file).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DocumentReadError);
  return (e as DocumentReadError).toOneLine();
}

/**
 * A .docx whose word/document.xml inflates to `inflated` bytes of spaces (a "zip bomb": 1 GB deflates to about 1 MB),
 * written by hand and deflated in chunks with node:zlib (JSZip takes 20 s to deflate 200 MB), with true CRCs.
 */
export async function docxInflatingTo(inflated: number): Promise<Buffer> {
  const { createDeflateRaw, crc32, deflateRawSync } = await import('node:zlib');
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const deflate = createDeflateRaw({ level: 1 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let left = inflated; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  const types = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>');
  const entries = [
    { name: '[Content_Types].xml', data: deflateRawSync(types), size: types.length, crc: crc32(types) },
    { name: 'word/document.xml', data: Buffer.concat(parts), size: inflated, crc },
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const header = (central: boolean) => {
      const h = Buffer.alloc((central ? 46 : 30) + name.length);
      h.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
      const at = central ? 2 : 0; // the central header has "version made by" first
      if (central) h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 4 + at);
      h.writeUInt16LE(8, 8 + at); // deflate
      h.writeUInt32LE(e.crc >>> 0, 14 + at);
      h.writeUInt32LE(e.data.length, 18 + at);
      h.writeUInt32LE(e.size, 22 + at);
      h.writeUInt16LE(name.length, 26 + at);
      if (central) h.writeUInt32LE(offset, 42);
      name.copy(h, central ? 46 : 30);
      return h;
    };
    centrals.push(header(true));
    const local = header(false);
    locals.push(local, e.data);
    offset += local.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
