/**
 * Reads the text format of ../shared/fixtures/documents: what Word documents look like when
 * their text is extracted. A table cell starts with a tab; a cell's further paragraphs have no
 * tab; rows are separated by a blank line; paragraphs outside tables have no tab.
 */
import type { Diagnostic } from '../../../shared/domain/model';
import { ClassifiedParagraph, RowWithMemo, type Block, type Cell, type ReadResult, type RowBlock } from '../blocks';
import { DocumentReadError } from '../errors';
import { classifyIfStructural, isStructural } from '../headings';

export interface DecodedText {
  text: string;
  encoding: string;
}

/**
 * Decodes a text document: UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030 (which
 * covers GBK and GB2312) when the bytes are not valid UTF-8. Binary files are refused.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length === 0) throw new DocumentReadError(file, null, '文件为空');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeStrict('utf-8', bytes.subarray(3), file), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decodeStrict('utf-16le', bytes.subarray(2), file), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decodeStrict('utf-16be', bytes.subarray(2), file), encoding: 'utf-16be' };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new DocumentReadError(file, lineOfByte(bytes, nul), '不是文本文件（含有二进制内容）');
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: documents from Chinese Windows machines are usually GB18030/GBK.
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    throw new DocumentReadError(file, firstBadUtf8Line(bytes), '无法识别的文本编码（既不是 UTF-8，也不是 GB18030）');
  }
}

function decodeStrict(encoding: string, bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new DocumentReadError(file, null, `文件声明为 ${encoding} 编码，但内容不是有效的 ${encoding}`);
  }
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstBadUtf8Line(bytes: Uint8Array): number {
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
      } catch {
        return lineOfByte(bytes, start);
      }
      start = i + 1;
    }
  }
  return 1;
}

/**
 * Splits extracted text into paragraphs and table rows.
 *
 * A line without a tab right after a cell line continues that cell. After one blank line, a
 * line without a tab that is not a heading also continues the last cell: Word writes an empty
 * paragraph inside a cell as a blank line. After two or more blank lines it is a paragraph.
 * Lines of only spaces are empty paragraphs outside tables and separate like blank lines.
 */
export function splitTextBlocks(text: string): ReadResult {
  // Lines end at LF, CRLF or a lone CR: CRs made LF first (rare), then the lines are cut from the
  // text where they stand, without an array of every line (a cell line is cut once, without its tab).
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  const blocks: Block[] = [];
  const diagnostics: Diagnostic[] = [];
  let row: RowBlock | null = null; // the row being read
  let lastRow: RowBlock | null = null; // the last row of the current table
  let blanks = 0; // blank lines since the last non-blank line

  // A plain loop, one location object per kept line (blank lines make none): this runs once per
  // line of the document.
  for (let index = 0, next = 0; next <= text.length; index++) {
    // the line is text[start, end); the next one starts after its LF
    const start = next;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    next = end + 1;
    if (text.charCodeAt(start) === 9 /* tab */) {
      const source = { line: index + 1 };
      const cell: Cell = { lines: [text.slice(start + 1, end)], sources: [source] };
      if (row) {
        row.cells.push(cell);
      } else {
        row = new RowWithMemo([cell], source);
        blocks.push(row);
        lastRow = row;
      }
      blanks = 0;
      continue;
    }
    const line = text.slice(start, end);
    if (line.trim() === '') {
      row = null;
      blanks++;
      continue;
    }
    const source = { line: index + 1 };
    const heading = classifyIfStructural(line);
    if (isStructural(heading)) {
      row = null;
      lastRow = null;
      blocks.push(new ClassifiedParagraph(line, source, heading!));
      blanks = 0;
      continue;
    }
    const continued: RowBlock | null = row ?? (blanks === 1 ? lastRow : null);
    if (continued) {
      const cell = continued.cells[continued.cells.length - 1]!;
      if (!row) {
        // the blank line was an empty paragraph inside the cell
        cell.lines.push('');
        cell.sources.push({ line: index });
        row = continued;
      }
      cell.lines.push(line);
      cell.sources.push(source);
    } else {
      lastRow = null;
      // a line classified above keeps its answer for the parser
      blocks.push(heading === undefined ? { kind: 'paragraph', text: line, source } : new ClassifiedParagraph(line, source, heading));
    }
    blanks = 0;
  }
  return { blocks, diagnostics };
}

/** Decodes and splits a text document. */
export function readText(bytes: Uint8Array, file: string): ReadResult & { encoding: string } {
  const { text, encoding } = decodeText(bytes, file);
  return { ...splitTextBlocks(text), encoding };
}
