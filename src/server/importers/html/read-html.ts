/**
 * Reads a web page (.html/.htm) into the Block stream of ../blocks.ts: budget units publish their
 * 绩效目标表 on government sites, as hand-made pages, CMS articles or Word's "save as web page".
 *
 * Encoding: a byte order mark; else a charset declared in a `<meta>` (either form) or an XML
 * declaration within the first 1024 bytes, as a browser's prescan finds it; else UTF-8 when the
 * bytes are valid UTF-8; else GB18030. Every GB label (gb2312, gbk, …) is decoded as GB18030, its
 * superset, and reported as "gb18030". A page that declares a GB charset but is valid UTF-8 with
 * non-ASCII text (a template's stale meta while the server said UTF-8), or declares UTF-8 but is
 * GB18030, is read as what it is, with a warning: the alternative is silent mojibake. Bytes that
 * are invalid in the encoding become U+FFFD, with a warning naming the first such line.
 *
 * The text is what a browser shows (parse5 builds the same tree a browser does):
 * - Outside data tables every block-level element (p, div, h1–h6, li, center, a cell of a layout
 *   table, …) and every line ended by `<br>` gives one ParagraphBlock; inline elements are read
 *   through. Whitespace collapses as CSS `white-space: normal` does: runs of ASCII whitespace
 *   become one space, removed at the line's ends, and a line break between two East Asian wide
 *   characters disappears (CSS Text 3 segment break rule: Word's HTML export wraps Chinese text
 *   mid-word). `&nbsp;` becomes a space that is kept; full-width spaces (U+3000) are kept.
 *   `<pre>` keeps its whitespace. Lines without visible text are no blocks.
 * - Not read: head, script, style, noscript, template, select and textarea (form controls, not the
 *   page's text), the fallback content of iframe/noframes/object/embed and media elements, svg,
 *   ruby annotations (rt, rp, as the Word reader leaves out phonetic guides), comments, and elements
 *   hidden by a `display:none` style attribute or the `hidden` attribute (one 'info' diagnostic
 *   when such content had text). Styles from stylesheets are not evaluated.
 * - A table whose cells contain other tables is a layout table — government pages wrap the page or
 *   the article in one — and its rows are no blocks: its cells are read as flow, so their text
 *   gives paragraphs and their tables are read in turn. A table with a role of presentation/none
 *   is a layout table too, and so is a menu laid out as a table (all its text is link text): read
 *   as data it would be a table of its own, a form without a project to the parser. A table that shows it came from a document (a Word/WPS export's `Mso…`
 *   class, a caption, header cells) stays a data table even with a table in a cell: that nested
 *   table is flattened into lines of its cell (its non-empty lines, row by row) with an 'info'
 *   diagnostic, as the Word reader does, so a document gives the same blocks as .docx and as HTML.
 * - A data table gives one RowBlock per row (th and td alike; the first thead on top, the first
 *   tfoot at the bottom, as browsers lay them out), `table` = its index among the data tables
 *   (0-based). The grid is resolved as the HTML table model does: `colspan` is the cell's `span`,
 *   `col` the grid column where it starts after the rowspans from above, and a `rowspan` continues
 *   as an empty Cell with `mergedFromAbove` in each row below that it covers (clipped at the end of
 *   its row group, `rowspan="0"` to the end of it). A cell's lines are its text split at `<br>` and
 *   at block-level children; an empty cell has lines ['']. A table without any text (spacers,
 *   image frames) gives no blocks and takes no index. A row without any cell gives no block.
 *
 * Locations: `line` is the 1-based line of the HTML source where the element starts — the cell's
 * td/th for every line of a cell, the row's tr for a RowBlock, a paragraph's block element or,
 * for loose text and lines after a `<br>`, its first visible character. `ref` is "表T 行R 列C" for
 * cells (T the data table, 1-based; R the row of that table, 1-based; C the grid column, 1-based)
 * and "表T 行R" for rows.
 *
 * Limits: READER_LIMITS.textChars decoded characters and READER_LIMITS.htmlCells table cells
 * (the page's td/th, and the cells read including rowspan continuations). A page without any text
 * throws DocumentReadError '网页中没有文字'; nothing else throws but DocumentReadError.
 */
import { parse } from 'parse5';
import type { DefaultTreeAdapterTypes } from 'parse5';
import type { Diagnostic, Severity, SourceLocation } from '../../../shared/domain/model';
import type { Block, Cell, ReadResult } from '../blocks';
import { DocumentReadError } from '../errors';
import { READER_LIMITS, limitMessage } from '../limits';
import { readerFailure } from '../reader-errors';

type Node = DefaultTreeAdapterTypes.Node;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;
type Element = DefaultTreeAdapterTypes.Element;
type TextNode = DefaultTreeAdapterTypes.TextNode;

export function readHtml(bytes: Uint8Array, file: string): ReadResult & { encoding: string } {
  const diagnostics: Diagnostic[] = [];
  const { text, encoding } = decodeHtml(bytes, file, diagnostics);
  if (text.length > READER_LIMITS.textChars) {
    throw new DocumentReadError(file, null, limitMessage('网页文字', text.length, READER_LIMITS.textChars, ' 个字符'));
  }
  const document = parse(text, { sourceCodeLocationInfo: true });
  const cells = countTableCells(document);
  if (cells > READER_LIMITS.htmlCells) {
    throw new DocumentReadError(file, null, limitMessage('网页表格单元格', cells, READER_LIMITS.htmlCells, ' 个'));
  }
  const ctx: Ctx = { file, blocks: [], diagnostics, tables: 0, cells: 0, once: new Set() };
  try {
    const flow = flowSink(ctx);
    walkChildren(document, flow, ctx, false);
    flow.lines.closeBlock();
  } catch (e) {
    if (e instanceof DocumentReadError) throw e;
    // Only a page nested thousands of elements deep gets here (the walk recurses per level);
    // browsers stop nesting at a few hundred levels, so it is no page anybody reads.
    if (e instanceof RangeError) throw new DocumentReadError(file, null, '网页的元素嵌套层次过深，无法读取');
    throw new DocumentReadError(file, null, `无法读取网页：${readerFailure(e)}`);
  }
  if (ctx.blocks.length === 0) throw new DocumentReadError(file, null, '网页中没有文字');
  return { blocks: ctx.blocks, diagnostics: ctx.diagnostics, encoding };
}

// ---------------------------------------------------------------------------------------------
// Encoding

interface Decoded {
  text: string;
  encoding: string;
}

const GB_ENCODINGS = new Set(['gbk', 'gb18030']);

/** Decodes a page as a browser would without the HTTP header (see the file comment). */
export function decodeHtml(bytes: Uint8Array, file: string, diagnostics: Diagnostic[]): Decoded {
  if (bytes.length === 0) throw new DocumentReadError(file, null, '网页中没有文字');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeAs('utf-8', bytes.subarray(3), diagnostics);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs('utf-16le', bytes.subarray(2), diagnostics);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs('utf-16be', bytes.subarray(2), diagnostics);

  const label = declaredCharset(bytes);
  const utf8 = isValid('utf-8', bytes);
  if (label !== null) {
    const declared = encodingOfLabel(label);
    if (declared === null) {
      diagnostics.push(diagnostic('info', 'html.unknown-charset', `网页声明的字符编码“${label}”无法识别，已自动判断编码`, { line: 1 }));
    } else if (GB_ENCODINGS.has(declared) && utf8 && hasNonAscii(bytes)) {
      diagnostics.push(
        diagnostic('warning', 'html.charset-mismatch', `网页声明的字符编码是 ${label}，但内容是有效的 UTF-8，已按 UTF-8 读取`, { line: 1 }),
      );
      return decodeAs('utf-8', bytes, diagnostics);
    } else if (declared === 'utf-8' && !utf8 && isValid('gb18030', bytes)) {
      diagnostics.push(
        diagnostic('warning', 'html.charset-mismatch', `网页声明的字符编码是 ${label}，但内容不是 UTF-8 而是 GB18030（GBK），已按 GB18030 读取`, { line: 1 }),
      );
      return decodeAs('gb18030', bytes, diagnostics);
    } else {
      return decodeAs(declared, bytes, diagnostics);
    }
  }
  return decodeAs(utf8 ? 'utf-8' : 'gb18030', bytes, diagnostics);
}

/**
 * The charset a `<meta charset>`, a `<meta http-equiv="Content-Type" content="…; charset=…">` or
 * an XML declaration names in the first 1024 bytes (where the HTML standard's prescan looks).
 * Comments are skipped so that a commented-out meta does not count.
 */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024))
    .toString('latin1')
    .replace(/<!--[\s\S]*?(-->|$)/g, '');
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const m = /charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(meta);
    if (m) return m[1]!;
  }
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']/i.exec(head);
  return xml ? xml[1]! : null;
}

/** The encoding a label names, as the decoder we use for it; null for a label nobody knows. */
function encodingOfLabel(label: string): string | null {
  let encoding: string;
  try {
    encoding = new TextDecoder(label).encoding;
  } catch {
    return null;
  }
  if (encoding === 'replacement') return null;
  // A page that could be read far enough to find its meta is not UTF-16 (HTML standard).
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return 'utf-8';
  if (GB_ENCODINGS.has(encoding)) return 'gb18030';
  if (encoding === 'x-user-defined') return 'windows-1252';
  return encoding;
}

function isValid(encoding: string, bytes: Uint8Array): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/** Decodes as a browser does (bad bytes become U+FFFD), warning where the first bad byte is. */
function decodeAs(encoding: string, bytes: Uint8Array, diagnostics: Diagnostic[]): Decoded {
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  if (text.includes('\ufffd') && !isValid(encoding, bytes)) {
    diagnostics.push(
      diagnostic(
        'warning',
        'html.bad-bytes',
        `网页中有不符合 ${encoding} 编码的字节，已显示为“\ufffd”`,
        { line: firstBadLine(bytes, encoding) },
      ),
    );
  }
  return { text, encoding };
}

/** The 1-based line of the first undecodable byte; lines end at 0x0A, never a trail byte in the encodings here. */
function firstBadLine(bytes: Uint8Array, encoding: string): number {
  if (encoding.startsWith('utf-16')) return 1;
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (!isValid(encoding, bytes.subarray(start, i))) return line;
      start = i + 1;
      line++;
    }
  }
  return 1;
}

// ---------------------------------------------------------------------------------------------
// Context and diagnostics

interface Ctx {
  file: string;
  blocks: Block[];
  diagnostics: Diagnostic[];
  /** Data tables read so far: the next one's index. */
  tables: number;
  /** Cells of data tables read so far, rowspan continuations included (READER_LIMITS.htmlCells). */
  cells: number;
  /** Diagnostic codes already reported where one report per document is enough. */
  once: Set<string>;
}

function diagnostic(severity: Severity, code: string, message: string, source: SourceLocation): Diagnostic {
  return { severity, code, message, source: { ...source } };
}

function report(ctx: Ctx, severity: Severity, code: string, message: string, source: SourceLocation): void {
  ctx.diagnostics.push(diagnostic(severity, code, message, source));
}

function reportOnce(ctx: Ctx, severity: Severity, code: string, message: string, source: SourceLocation): void {
  if (ctx.once.has(code)) return;
  ctx.once.add(code);
  report(ctx, severity, code, message, source);
}

// ---------------------------------------------------------------------------------------------
// The tree

/** Elements whose content is never shown as the page's text. */
const SKIPPED = new Set([
  'head', 'title', 'script', 'style', 'noscript', 'template', 'select', 'textarea', 'iframe', 'noframes',
  'noembed', 'svg', 'rt', 'rp', 'object', 'embed', 'canvas', 'audio', 'video', 'map',
]);

/** Elements a browser lays out as blocks (display other than inline): a line ends before and after them. */
const BLOCKS = new Set([
  'html', 'body', 'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'legend', 'li', 'listing', 'main', 'marquee', 'menu', 'nav', 'ol', 'p', 'plaintext',
  'pre', 'search', 'section', 'summary', 'ul', 'xmp', 'caption', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td',
  'th', 'optgroup', 'option',
]);

/** Elements whose whitespace is kept (white-space: pre). */
const PREFORMATTED = new Set(['pre', 'listing', 'plaintext', 'xmp']);

const isElement = (node: Node): node is Element => 'tagName' in node;
const isText = (node: Node): node is TextNode => node.nodeName === '#text';
const childrenOf = (node: Node): Node[] => ('childNodes' in node ? (node.childNodes as Node[]) : []);

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** The `display` value of the element's style attribute, lower-case, or null. */
function styleDisplay(el: Element): string | null {
  const style = attr(el, 'style');
  if (!style) return null;
  const m = /(?:^|;)\s*display\s*:\s*([a-z-]+)/i.exec(style);
  return m ? m[1]!.toLowerCase() : null;
}

function isHidden(el: Element): boolean {
  return attr(el, 'hidden') !== undefined || styleDisplay(el) === 'none';
}

function isBlock(el: Element): boolean {
  const display = styleDisplay(el);
  if (display === null) return BLOCKS.has(el.tagName);
  return !/^(inline|inline-block|inline-flex|inline-grid|inline-table|contents|ruby)$/.test(display);
}

/** Where a node starts in the source; elements the parser implied (tbody, …) take their first located descendant's line. */
function startLine(node: Node, fallback: number): number {
  const stack: Node[] = [node];
  // An implied element wraps located ones right away: a few nodes tell, never a whole subtree.
  for (let visited = 0; stack.length > 0 && visited < 64; visited++) {
    const n = stack.pop()!;
    const loc = n.sourceCodeLocation;
    if (loc) return loc.startLine;
    const children = childrenOf(n);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return fallback;
}

/** The line of the first visible character of a text node. */
function textLine(node: TextNode, fallback: number): number {
  const loc = node.sourceCodeLocation;
  if (!loc) return fallback;
  const lead = /^[ \t\n\r\f]*/.exec(node.value)![0];
  let line = loc.startLine;
  for (const ch of lead) if (ch === '\n') line++;
  return line;
}

/** All td/th elements of the page, counted before anything is read (READER_LIMITS.htmlCells). */
function countTableCells(root: Node): number {
  let count = 0;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isElement(n) && (n.tagName === 'td' || n.tagName === 'th')) count++;
    for (const c of childrenOf(n)) stack.push(c);
  }
  return count;
}

/** The visible text below an element (the rules of the walk), for the checks that need it. */
function visibleText(el: Element): string {
  let s = '';
  const stack: Node[] = [...childrenOf(el)].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isText(n)) s += n.value;
    else if (isElement(n) && !SKIPPED.has(n.tagName) && !isHidden(n)) {
      const children = childrenOf(n);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return s;
}

/** Whether a visible table lies anywhere below the element. */
function containsTable(el: Element): boolean {
  const stack: Node[] = [...childrenOf(el)];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n) || SKIPPED.has(n.tagName) || isHidden(n)) continue;
    if (n.tagName === 'table') return true;
    stack.push(...childrenOf(n));
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Lines: inline content collected into lines, as a browser breaks it

/**
 * Collects the text of one line at a time. A line ends at a `<br>` (always a line, even empty), at
 * a block boundary (a line only when it has visible content: whitespace between blocks is no
 * line), and in preformatted text at each newline.
 */
class Lines {
  private raw = '';
  private visible = false;
  private pre = false;
  /** The source line of the line's first visible content. */
  private line: number | null = null;
  /** The innermost block opened since the last line ended: its start is where the next line starts. */
  private blockLine: number | null = null;

  constructor(private readonly emit: (text: string, line: number | null) => void) {}

  text(value: string, line: number, preformatted: boolean): void {
    if (!this.visible && this.raw === '') this.pre = preformatted;
    if (!this.pre) {
      this.raw += value;
      if (/[^ \t\n\r\f]/.test(value)) this.noteContent(line);
      return;
    }
    const pieces = value.split('\n');
    pieces.forEach((piece, i) => {
      if (i > 0) {
        this.lineBreak(line);
        this.pre = true;
        line++;
      }
      this.raw += piece;
      if (piece !== '') this.noteContent(line);
    });
  }

  private noteContent(line: number): void {
    this.visible = true;
    this.line ??= this.blockLine ?? line;
  }

  /** `<br>`: the line ends and counts even when empty. */
  lineBreak(line: number): void {
    this.flush(line);
    this.blockLine = null;
  }

  /** A block element starts: the line before it ends, and the next line starts at the element. */
  openBlock(line: number | null): void {
    this.boundary();
    this.blockLine = line;
  }

  /** A block element ends. */
  closeBlock(): void {
    this.boundary();
    this.blockLine = null;
  }

  /** A block boundary: the current line ends when it has visible content. */
  boundary(): void {
    if (this.visible) this.flush(null);
    else this.reset();
  }

  /** A line given whole (a flattened nested table's line). */
  push(text: string): void {
    this.boundary();
    this.emit(text, null);
  }

  private flush(fallbackLine: number | null): void {
    const text = this.pre ? this.raw.replace(/\u00a0/g, ' ') : collapseWhitespace(this.raw);
    this.emit(text, this.line ?? this.blockLine ?? fallbackLine);
    this.reset();
  }

  private reset(): void {
    this.raw = '';
    this.visible = false;
    this.pre = false;
    this.line = null;
  }
}

/**
 * CSS `white-space: normal`: a run of ASCII whitespace is one space, none at the line's ends; a run
 * holding a line break between two East Asian wide characters is nothing (CSS Text 3, segment
 * break transformation), so "经\n费" reads "经费". No-break spaces are kept, as spaces.
 */
export function collapseWhitespace(raw: string): string {
  const collapsed = raw.replace(/[ \t\n\r\f]+/g, (run: string, offset: number, whole: string) => {
    if (!/[\n\r]/.test(run)) return ' ';
    const before = codePointBefore(whole, offset);
    const after = whole.codePointAt(offset + run.length);
    if (before === 0x200b || after === 0x200b) return '';
    if (before !== undefined && after !== undefined && isEastAsianWide(before) && isEastAsianWide(after)) return '';
    return ' ';
  });
  return collapsed.replace(/^ | $/g, '').replace(/\u00a0/g, ' ');
}

function codePointBefore(s: string, offset: number): number | undefined {
  if (offset <= 0) return undefined;
  const low = s.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) {
    const high = s.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return s.codePointAt(offset - 2);
  }
  return low;
}

/** East Asian Width F, W or H, Hangul excepted (CSS keeps the space between Korean words). */
function isEastAsianWide(cp: number): boolean {
  if ((cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xffa0 && cp <= 0xffdc)) {
    return false;
  }
  return (
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xff61 && cp <= 0xffdc) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

// ---------------------------------------------------------------------------------------------
// The walk

/** Where the content being walked goes: the page's flow (paragraphs) or a data cell's lines. */
interface Sink {
  lines: Lines;
  /** Reads a table met in this content. */
  table(el: Element): void;
}

function walkChildren(parent: ParentNode | Element, sink: Sink, ctx: Ctx, pre: boolean): void {
  for (const child of childrenOf(parent)) walkNode(child, sink, ctx, pre);
}

function walkNode(node: Node, sink: Sink, ctx: Ctx, pre: boolean): void {
  if (isText(node)) {
    sink.lines.text(node.value, textLine(node, 1), pre);
    return;
  }
  if (!isElement(node)) return; // comments, doctype
  const name = node.tagName;
  if (SKIPPED.has(name)) return;
  const line = startLine(node, 1);
  if (isHidden(node)) {
    noteHidden(node, ctx, line);
    return;
  }
  if (name === 'br') {
    sink.lines.lineBreak(line);
    return;
  }
  if (name === 'table') {
    sink.lines.closeBlock();
    sink.table(node);
    sink.lines.closeBlock();
    return;
  }
  const block = isBlock(node);
  // The page's own containers say nothing about where a line starts: their text's lines do.
  if (block) sink.lines.openBlock(name === 'html' || name === 'body' ? null : line);
  walkChildren(node, sink, ctx, pre || PREFORMATTED.has(name));
  if (block) sink.lines.closeBlock();
}

function noteHidden(el: Element, ctx: Ctx, line: number): void {
  if (visibleText(el).trim() === '') return;
  reportOnce(ctx, 'info', 'html.hidden', '网页中有隐藏的内容（display:none 或 hidden 属性），未读取', { line });
}

/** The page's flow: lines with visible text become ParagraphBlocks. */
function flowSink(ctx: Ctx): Sink {
  const sink: Sink = {
    lines: new Lines((text, line) => {
      if (text.trim() === '') return;
      ctx.blocks.push({ kind: 'paragraph', text, source: { line: line ?? 1 } });
    }),
    table: (el) => {
      if (isLayoutTable(el)) readLayoutTable(el, sink, ctx);
      else readDataTable(el, ctx, sink);
    },
  };
  return sink;
}

// ---------------------------------------------------------------------------------------------
// Tables

/**
 * A layout table holds tables in its cells (or says it is presentation); a table that shows it
 * came from a document stays a data table (see the file comment).
 */
function isLayoutTable(table: Element): boolean {
  const role = (attr(table, 'role') ?? '').trim().toLowerCase();
  if (role === 'presentation' || role === 'none') return true;
  if (isNavigationTable(table)) return true;
  if (!containsTable(table)) return false;
  if (/(^|\s)Mso/i.test(attr(table, 'class') ?? '')) return false;
  if (childrenOf(table).some((c) => isElement(c) && (c.tagName === 'caption' || c.tagName === 'thead'))) return false;
  return !rowsOf(table).some((tr) => cellsOf(tr).some((cell) => cell.tagName === 'th'));
}

/**
 * A menu laid out as a table: all its text is link text (between separators such as "|" or "·").
 * Read as data it would be a table of its own before the real one — a form without a project
 * name to the parser; no table of a target document is made of links only.
 */
function isNavigationTable(table: Element): boolean {
  let links = '';
  let other = '';
  const stack: Array<[Node, boolean]> = childrenOf(table).map((c) => [c, false]);
  while (stack.length > 0) {
    const [n, inLink] = stack.pop()!;
    if (isText(n)) {
      if (inLink) links += n.value;
      else other += n.value;
    } else if (isElement(n) && !SKIPPED.has(n.tagName) && !isHidden(n)) {
      const link = inLink || (n.tagName === 'a' && attr(n, 'href') !== undefined);
      for (const c of childrenOf(n)) stack.push([c, link]);
    }
  }
  return links.trim() !== '' && other.replace(/[\s\p{P}\p{S}]/gu, '') === '';
}

/** The table's own captions, in order. */
function captionsOf(table: Element): Element[] {
  return childrenOf(table).filter((c): c is Element => isElement(c) && c.tagName === 'caption' && !isHidden(c));
}

/**
 * The table's row groups in the order a browser lays them out: the first thead on top, the first
 * tfoot at the bottom, every other group where it stands.
 */
function rowGroupsOf(table: Element): Element[] {
  const groups = childrenOf(table).filter(
    (c): c is Element => isElement(c) && (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') && !isHidden(c),
  );
  const head = groups.find((g) => g.tagName === 'thead');
  const foot = groups.find((g) => g.tagName === 'tfoot');
  return [...(head ? [head] : []), ...groups.filter((g) => g !== head && g !== foot), ...(foot ? [foot] : [])];
}

function rowsIn(group: Element): Element[] {
  return childrenOf(group).filter((c): c is Element => isElement(c) && c.tagName === 'tr');
}

function rowsOf(table: Element): Element[] {
  return rowGroupsOf(table).flatMap(rowsIn);
}

function cellsOf(tr: Element): Element[] {
  return childrenOf(tr).filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'));
}

/** A layout table: captions and cells read as flow, row by row. */
function readLayoutTable(table: Element, flow: Sink, ctx: Ctx): void {
  reportOnce(ctx, 'info', 'html.layout-table', '网页用表格排版：排版表格中的文字按段落读取，其中的表格照常读取', {
    line: startLine(table, 1),
  });
  const containers = [...captionsOf(table), ...rowGroupsOf(table).flatMap(rowsIn).flatMap((tr) => (isHidden(tr) ? [tr] : cellsOf(tr)))];
  for (const el of containers) {
    const line = startLine(el, startLine(table, 1));
    if (isHidden(el)) {
      noteHidden(el, ctx, line);
      continue;
    }
    flow.lines.openBlock(line);
    walkChildren(el, flow, ctx, false);
    flow.lines.closeBlock();
  }
}

/** Parses a span attribute as the HTML table model does: a non-negative integer, else the default. */
function spanAttr(el: Element, name: 'colspan' | 'rowspan'): number {
  const m = /^[ \t\n\r\f]*\+?(\d+)/.exec(attr(el, name) ?? '');
  const n = m ? Number(m[1]) : 1;
  if (name === 'colspan') return n < 1 ? 1 : Math.min(n, 1000);
  return Math.min(n, 65534); // 0: to the end of the row group
}

/** A rowspan still covering rows below the row that started it. */
interface Spanning {
  col: number;
  span: number;
  /** Rows it still covers; Infinity for rowspan="0". */
  left: number;
}

function readDataTable(table: Element, ctx: Ctx, flow: Sink): void {
  if (visibleText(table).trim() === '') return; // a spacer or an image frame: nothing to read
  const index = ctx.tables++;
  const tableLine = startLine(table, 1);
  for (const caption of captionsOf(table)) {
    flow.lines.openBlock(startLine(caption, tableLine));
    walkChildren(caption, flow, ctx, false);
    flow.lines.closeBlock();
  }
  let rowNumber = 0;
  for (const group of rowGroupsOf(table)) {
    let spanning: Spanning[] = []; // rowspans end with their row group
    for (const tr of rowsIn(group)) {
      const trLine = startLine(tr, tableLine);
      if (isHidden(tr)) {
        noteHidden(tr, ctx, trLine);
        continue;
      }
      const rowRef = `表${index + 1} 行${rowNumber + 1}`;
      const cells: Cell[] = [];
      const taken: Array<{ col: number; end: number }> = [];
      const starting: Spanning[] = [];
      // Columns taken by rowspans from above, left to right: a cell starts at the first free column.
      const above = [...spanning].sort((a, b) => a.col - b.col);
      let next = 0; // the first rowspan in `above` that may still block a column
      let col = 0;
      for (const td of cellsOf(tr)) {
        const tdLine = startLine(td, trLine);
        if (isHidden(td)) {
          noteHidden(td, ctx, tdLine);
          continue;
        }
        for (;;) {
          while (next < above.length && above[next]!.col + above[next]!.span <= col) next++;
          const blocking = above[next];
          if (blocking && blocking.col <= col) col = blocking.col + blocking.span;
          else break;
        }
        const span = spanAttr(td, 'colspan');
        const rowspan = spanAttr(td, 'rowspan');
        const ref = `${rowRef} 列${col + 1}`;
        cells.push({ ...readCellLines(td, ctx, { line: tdLine, ref }), col, span });
        taken.push({ col, end: col + span });
        if (rowspan !== 1) starting.push({ col, span, left: rowspan === 0 ? Infinity : rowspan - 1 });
        col += span;
      }
      // A cell of this row spanning into a rowspan's columns (a table model error) covers it. Both
      // lists are ordered by column and hold disjoint ranges, so one pass finds the overlaps.
      let t = 0;
      for (const s of above) {
        while (t < taken.length && taken[t]!.end <= s.col) t++;
        const cell = taken[t];
        if (cell && cell.col < s.col + s.span) {
          reportOnce(ctx, 'warning', 'html.table-overlap', '表格中的合并单元格互相重叠（rowspan 与 colspan 冲突），已按浏览器的显示读取', {
            line: trLine,
            ref: rowRef,
          });
          continue;
        }
        cells.push({ lines: [''], sources: [{ line: trLine, ref: `${rowRef} 列${s.col + 1}` }], mergedFromAbove: true, col: s.col, span: s.span });
      }
      spanning = [...spanning.map((s) => ({ ...s, left: s.left - 1 })).filter((s) => s.left > 0), ...starting];
      if (cells.length === 0) continue;
      cells.sort((a, b) => a.col! - b.col!);
      ctx.cells += cells.length;
      if (ctx.cells > READER_LIMITS.htmlCells) {
        throw new DocumentReadError(ctx.file, null, limitMessage('网页表格单元格（含跨行合并占用的位置）', ctx.cells, READER_LIMITS.htmlCells, ' 个'));
      }
      ctx.blocks.push({ kind: 'row', cells, source: { line: trLine, ref: rowRef }, table: index });
      rowNumber++;
    }
  }
}

/** A data cell's lines: text split at `<br>` and block children; a nested table flattened. */
function readCellLines(td: Element, ctx: Ctx, source: SourceLocation): Cell {
  const lines: string[] = [];
  const sink: Sink = {
    lines: new Lines((text) => {
      lines.push(text.trim() === '' ? '' : text);
    }),
    table: (nested) => {
      if (visibleText(nested).trim() === '') return;
      report(ctx, 'info', 'html.nested-table', '单元格中嵌套了表格，其文字已按行并入该单元格', source);
      for (const line of flattenTable(nested, ctx, source)) sink.lines.push(line);
    },
  };
  walkChildren(td, sink, ctx, false);
  sink.lines.closeBlock();
  if (lines.length === 0) lines.push('');
  return { lines, sources: lines.map(() => ({ ...source })) };
}

/** A table inside a data cell: its non-empty lines, caption first, then row by row, cell by cell. */
function flattenTable(table: Element, ctx: Ctx, source: SourceLocation): string[] {
  const out: string[] = [];
  const containers = [...captionsOf(table), ...rowsOf(table).filter((tr) => !isHidden(tr)).flatMap(cellsOf)];
  for (const el of containers) {
    if (isHidden(el)) {
      noteHidden(el, ctx, source.line);
      continue;
    }
    for (const line of readCellLines(el, ctx, source).lines) if (line.trim() !== '') out.push(line);
  }
  return out;
}
