/**
 * Reads a Word document (.docx) into the Block stream of ../blocks.ts, so that a .docx and the
 * text extracted from it (the fixtures' format) reach the parser as the same blocks.
 *
 * What the text extraction does, and so what this reader does:
 * - Every `w:p` of the body is a paragraph: the text of its runs (`w:t`), `w:tab`/`w:ptab` as
 *   "\t", `w:br`/`w:cr` as a line break. A paragraph with line breaks gives one ParagraphBlock per
 *   line (inside a cell: one entry of `lines` per line), as the extracted text shows it.
 * - Bookmarks that start in a paragraph (`w:bookmarkStart` children of the `w:p`, any name: _Toc…,
 *   _GoBack, …) are written in front of its text as "[bookmark: NAME]", in order, as the
 *   extraction does (it puts them at the start of the paragraph whatever their position).
 * - Tracked changes read as accepted: `w:ins`/`w:moveTo` kept, `w:del`/`w:moveFrom` and deleted
 *   table rows dropped (one 'info' diagnostic says the document had revisions).
 * - Hyperlinks, smart tags, custom XML, content controls (`w:sdt`, at every level: body, row,
 *   cell, run) and simple fields are read through. Complex fields give their result text, never
 *   their instruction (`w:instrText`).
 * - Automatic list numbering (numbering.xml, also through paragraph styles) is written as text in
 *   front of the paragraph — after any bookmarks — followed by one space, e.g. "一、 总体绩效目标";
 *   bullets are left out. Word shows these numbers, the extraction writes them too.
 * - A table (`w:tbl`) gives one RowBlock per `w:tr`, `table` = index of the table among the
 *   tables of the body (0-based). Each `w:tc` is one Cell, whatever its `w:gridSpan`, with its grid
 *   column (`col`, after `w:gridBefore` and the spans before it) and `span`; a cell that
 *   continues a vertical merge (`w:vMerge` without val or val="continue") is a Cell with lines
 *   [""] and `mergedFromAbove: true`. A table nested in a cell is flattened into lines of that
 *   cell (its non-empty lines, row by row) with an 'info' diagnostic.
 * - Text boxes (`w:txbxContent`, in `w:drawing`, `w:pict` or `mc:AlternateContent`) are read as
 *   paragraphs following the paragraph that anchors them (in a cell: further lines), with an 'info'
 *   diagnostic. Other elements we do not know are read through when they hold text, with an 'info'
 *   diagnostic; what cannot be read (embedded OLE objects, charts, alternative format chunks,
 *   footnotes, sub-documents) is reported, never dropped silently.
 *
 * Locations: `line` is the 1-based ordinal of the paragraph (`w:p`) in the body, counting every
 * paragraph in document order, including those in table cells, nested tables and text boxes, so a
 * location is unique per paragraph and stable for a given file (the lines of one paragraph split
 * by line breaks share it). For table cells `ref` is "表T 行R 列C": T the table (1-based, top-level
 * tables only), R the row (1-based, deleted rows not counted), C the grid column where the cell
 * starts (1-based, counted in grid columns, i.e. after the `w:gridSpan` of the cells before it and
 * any `w:gridBefore` of the row). A RowBlock's source is its first paragraph with ref "表T 行R".
 *
 * Not read: headers, footers, footnotes, endnotes and comments (other parts of the package; not
 * part of the document's body), the text inside charts, SmartArt and embedded objects.
 * A package that cannot be read at all throws DocumentReadError, never another exception.
 */
import JSZip from 'jszip';
import { XMLValidator } from 'fast-xml-parser';
import { readerFailure } from '../reader-errors';
import type { Diagnostic, Severity, SourceLocation } from '../../../shared/domain/model';
import type { Block, Cell, ReadResult } from '../blocks';
import { DocumentReadError } from '../errors';
import { Numbering } from './numbering';
import {
  alternative,
  childEl,
  elements,
  firstElement,
  intAttr,
  isElement,
  localName,
  someDescendant,
  toTree,
  XML_PARSER,
  type XElement,
  type XNode,
} from './xml';

export async function readDocx(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  try {
    return await readDocxPackage(bytes, fileName);
  } catch (e) {
    if (e instanceof DocumentReadError) throw e;
    throw new DocumentReadError(fileName, null, `无法读取 Word 文档（.docx）：${readerFailure(e)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The package

const MAIN_DOCUMENT = 'word/document.xml';

async function readDocxPackage(bytes: Uint8Array, file: string): Promise<ReadResult> {
  const zip = await openZip(bytes, file);
  const mainPath = await findMainDocument(zip, file);
  const root = await readXmlPart(zip, mainPath, file, true);
  const documentEl = root ? firstElement(root) : undefined;
  const body = documentEl ? childEl(documentEl, 'w:body') : undefined;
  if (!documentEl || documentEl.name !== 'w:document' || !body) {
    throw new DocumentReadError(file, null, `不是有效的 Word 文档（.docx）：${mainPath} 中没有正文（w:body）`);
  }
  const ctx: Ctx = {
    diagnostics: [],
    paragraphs: 0,
    tables: 0,
    fields: [],
    numbering: null,
    once: new Set(),
  };
  ctx.numbering = await loadNumbering(zip, mainPath, file, ctx);
  const blocks: Block[] = [];
  readBody(body, ctx, blocks);
  return { blocks, diagnostics: ctx.diagnostics };
}

async function openZip(bytes: Uint8Array, file: string): Promise<JSZip> {
  if (bytes.length === 0) throw new DocumentReadError(file, null, '文件为空');
  // An OLE compound file: a Word 97-2003 .doc, or a password-protected .docx.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new DocumentReadError(
      file,
      null,
      '不是 .docx 文档：这是旧版 Word（.doc）或加密的文档，请在 Word 中另存为 .docx（不加密）后再导入',
    );
  }
  const looksLikeZip = bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK"
  try {
    return await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch {
    throw new DocumentReadError(
      file,
      null,
      looksLikeZip
        ? '不是有效的 Word 文档（.docx）：压缩包已损坏或不完整'
        : '不是有效的 Word 文档（.docx）：文件不是 ZIP 压缩包',
    );
  }
}

/** The main document part: the officeDocument relationship of _rels/.rels, else word/document.xml. */
async function findMainDocument(zip: JSZip, file: string): Promise<string> {
  const candidates: string[] = [];
  try {
    const rels = await readXmlPart(zip, '_rels/.rels', file, false);
    for (const rel of relationships(rels)) {
      if (rel.type.endsWith('/officeDocument')) candidates.push(resolvePartPath('', rel.target));
    }
  } catch {
    // a damaged _rels/.rels: fall back to the usual place
  }
  candidates.push(MAIN_DOCUMENT);
  for (const path of candidates) {
    if (zip.file(path)) return path;
  }
  if (zip.file('xl/workbook.xml')) {
    throw new DocumentReadError(file, null, '不是 Word 文档：这是 Excel 工作簿（.xlsx），请按表格文件导入');
  }
  throw new DocumentReadError(file, null, `不是有效的 Word 文档（.docx）：缺少 ${MAIN_DOCUMENT}`);
}

interface Relationship {
  type: string;
  target: string;
}

function relationships(nodes: XNode[] | null): Relationship[] {
  const root = nodes ? firstElement(nodes) : undefined;
  if (!root) return [];
  return elements(root)
    .filter((el) => localName(el.name) === 'Relationship' && el.attrs.TargetMode !== 'External')
    .map((el) => ({ type: el.attrs.Type ?? '', target: el.attrs.Target ?? '' }));
}

function resolvePartPath(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${baseDir}${target}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/**
 * Reads and parses one XML part. Returns null when the part does not exist. A part that is not
 * well-formed XML throws DocumentReadError when `required`, otherwise a plain Error.
 */
async function readXmlPart(zip: JSZip, path: string, file: string, required: boolean): Promise<XNode[] | null> {
  const entry = zip.file(path);
  if (!entry) return null;
  let data: Uint8Array;
  try {
    data = await entry.async('uint8array');
  } catch {
    throw new DocumentReadError(file, null, `不是有效的 Word 文档（.docx）：${path} 已损坏，无法解压`);
  }
  const fail = (why: string): never => {
    const message = `不是有效的 Word 文档（.docx）：${path} ${why}`;
    throw required ? new DocumentReadError(file, null, message) : new Error(message);
  };
  let xml: string;
  try {
    xml = decodeXmlBytes(data);
  } catch {
    return fail('的字符编码无效');
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    // the validator's words are English (issue 72): the line, and the kind of fault where it tells one
    const line = typeof valid.err.line === 'number' ? `（第 ${valid.err.line} 行）` : '';
    return fail(/entit|doctype/i.test(valid.err.msg) ? readerFailure(new Error(valid.err.msg)) : `不是格式正确的 XML${line}`);
  }
  const parsed = XML_PARSER.parse(xml) as unknown;
  if (!Array.isArray(parsed)) return fail('无法解析');
  return toTree(parsed, new Map(), false);
}

function decodeXmlBytes(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(data.subarray(2));
  // TextDecoder drops a UTF-8 byte order mark itself.
  return new TextDecoder('utf-8', { fatal: true }).decode(data);
}

const TEXT_ELEMENTS = new Set(['w:t', 'm:t', 'a:t']);

/** All the visible-looking text below an element we do not know: w:t, m:t and a:t, not deleted text. */
function plainText(el: XElement): string {
  let s = '';
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (TEXT_ELEMENTS.has(c.name)) s += textOf(c);
    else if (c.name === 'w:tab') s += '\t';
    else if (c.name === 'w:br' || c.name === 'w:cr') s += '\n';
    else if (!SKIPPED_CONTENT.has(c.name)) s += plainText(c);
  }
  return s;
}

/** The text of a w:t: outside xml:space="preserve" surrounding white space is not part of it. */
function textOf(t: XElement): string {
  let s = t.children.filter((c): c is string => typeof c === 'string').join('');
  if (!t.preserve) s = s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  // A line feed written inside w:t is white space to Word, not a line break.
  return s.replace(/\r\n|\r|\n/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Reading the body

type FieldPhase = 'instruction' | 'result';

interface Ctx {
  diagnostics: Diagnostic[];
  /** Ordinal of the last paragraph started; the next one is paragraphs + 1. */
  paragraphs: number;
  /** Top-level tables seen so far. */
  tables: number;
  /** Open complex fields (w:fldChar begin … separate … end), innermost last. */
  fields: FieldPhase[];
  numbering: Numbering | null;
  /** Diagnostic codes already reported where one report per document is enough. */
  once: Set<string>;
}

/** One paragraph as read: its ordinal, where it is, and its lines (split at line breaks). */
interface ParaOut {
  source: SourceLocation;
  lines: string[];
}

function report(ctx: Ctx, severity: Severity, code: string, message: string, source: SourceLocation): void {
  ctx.diagnostics.push({ severity, code, message, source: { ...source } });
}

function reportOnce(ctx: Ctx, severity: Severity, code: string, message: string, source: SourceLocation): void {
  if (ctx.once.has(code)) return;
  ctx.once.add(code);
  report(ctx, severity, code, message, source);
}

function noteRevisions(ctx: Ctx, source: SourceLocation): void {
  reportOnce(ctx, 'info', 'docx.tracked-changes', '文档含有修订（修订标记），已按接受全部修订后的内容读取', source);
}

/** Markers and properties that hold no text of their own. */
const NO_TEXT = new Set([
  'w:pPr', 'w:rPr', 'w:tblPr', 'w:tblGrid', 'w:trPr', 'w:tcPr', 'w:tblPrEx', 'w:sectPr',
  'w:sdtPr', 'w:sdtEndPr', 'w:customXmlPr', 'w:smartTagPr',
  'w:bookmarkStart', 'w:bookmarkEnd', 'w:proofErr', 'w:permStart', 'w:permEnd',
  'w:commentRangeStart', 'w:commentRangeEnd', 'w:commentReference', 'w:annotationRef',
  'w:moveFromRangeStart', 'w:moveFromRangeEnd', 'w:moveToRangeStart', 'w:moveToRangeEnd',
  'w:customXmlInsRangeStart', 'w:customXmlInsRangeEnd', 'w:customXmlDelRangeStart', 'w:customXmlDelRangeEnd',
  'w:customXmlMoveFromRangeStart', 'w:customXmlMoveFromRangeEnd', 'w:customXmlMoveToRangeStart', 'w:customXmlMoveToRangeEnd',
  'w:lastRenderedPageBreak', 'w:separator', 'w:continuationSeparator', 'w:footnoteRef', 'w:endnoteRef',
  'w:pgNum', 'w:dayShort', 'w:dayLong', 'w:monthShort', 'w:monthLong', 'w:yearShort', 'w:yearLong',
  'w:instrText', 'w:delInstrText', 'w:delText', 'w:contentPart',
]);

/** Content that is not part of the document as it reads now: deleted revisions and field codes. */
const SKIPPED_CONTENT = new Set(['w:del', 'w:moveFrom', 'w:delText', 'w:instrText', 'w:delInstrText', 'w:rPr', 'w:pPr']);

/**
 * Calls `visit` for each block-level element (w:p, w:tbl, and whatever else is there), looking
 * through content controls, custom XML and alternate content, and skipping deleted revisions.
 */
function forEachBlock(children: XNode[], ctx: Ctx, visit: (el: XElement) => void): void {
  for (const el of children) {
    if (!isElement(el) || NO_TEXT.has(el.name)) continue;
    switch (el.name) {
      case 'w:sdt':
        forEachBlock(childEl(el, 'w:sdtContent')?.children ?? [], ctx, visit);
        break;
      case 'w:customXml':
        forEachBlock(el.children, ctx, visit);
        break;
      case 'mc:AlternateContent':
        forEachBlock(alternative(el), ctx, visit);
        break;
      case 'w:ins':
      case 'w:moveTo':
        noteRevisions(ctx, { line: Math.max(ctx.paragraphs, 1) });
        forEachBlock(el.children, ctx, visit);
        break;
      case 'w:del':
      case 'w:moveFrom':
        noteRevisions(ctx, { line: Math.max(ctx.paragraphs, 1) });
        break;
      default:
        visit(el);
    }
  }
}

function readBody(body: XElement, ctx: Ctx, blocks: Block[]): void {
  const pushParagraphs = (paras: ParaOut[]) => {
    for (const para of paras) {
      for (const text of para.lines) blocks.push({ kind: 'paragraph', text, source: { ...para.source } });
    }
  };
  forEachBlock(body.children, ctx, (el) => {
    if (el.name === 'w:p') pushParagraphs(readParagraph(el, ctx, undefined));
    else if (el.name === 'w:tbl') readTable(el, ctx, blocks);
    else pushParagraphs(readUnknownBlock(el, ctx, undefined));
  });
}

/** An element of block level that is neither a paragraph nor a table. */
function readUnknownBlock(el: XElement, ctx: Ctx, ref: string | undefined): ParaOut[] {
  const source: SourceLocation = { line: Math.max(ctx.paragraphs, 1), ...(ref ? { ref } : {}) };
  if (el.name === 'w:altChunk') {
    report(ctx, 'warning', 'docx.alt-chunk', '文档中嵌入了其他格式的内容（altChunk），其中的文字未读取', source);
    return [];
  }
  if (el.name === 'w:subDoc') {
    report(ctx, 'warning', 'docx.sub-document', '文档引用了子文档，子文档中的文字未读取', source);
    return [];
  }
  return readUnknownContent(el, ctx, ref, source);
}

/**
 * An element we do not know, anywhere: its paragraphs (or else its text) are read, with an 'info'
 * diagnostic; an element without text is passed over.
 */
function readUnknownContent(el: XElement, ctx: Ctx, ref: string | undefined, source: SourceLocation): ParaOut[] {
  if (someDescendant(el, (e) => e.name === 'w:p')) {
    // reported where its first paragraph will be
    const first: SourceLocation = { line: ctx.paragraphs + 1, ...(ref ? { ref } : {}) };
    report(ctx, 'info', 'docx.unknown-element', `未识别的 Word 元素 <${el.name}>，已读出其中的段落`, first);
    return flattenBlocks(el.children, ctx, ref);
  }
  const text = plainText(el);
  if (text.trim() === '') return [];
  report(ctx, 'info', 'docx.unknown-element', `未识别的 Word 元素 <${el.name}>，已读出其中的文字`, source);
  return [{ source: { ...source }, lines: text.split('\n') }];
}

/**
 * Block content read as a flat list of paragraphs: for text boxes, nested tables and unknown
 * containers. Tables give the paragraphs of their cells, row by row.
 */
function flattenBlocks(children: XNode[], ctx: Ctx, ref: string | undefined): ParaOut[] {
  const out: ParaOut[] = [];
  const visit = (el: XElement): void => {
    if (el.name === 'w:p') out.push(...readParagraph(el, ctx, ref));
    else if (el.name === 'w:tbl') {
      forEachRow(el, ctx, (tr) => forEachCell(tr, ctx, (tc) => forEachBlock(tc.children, ctx, visit)));
    } else out.push(...readUnknownBlock(el, ctx, ref));
  };
  forEachBlock(children, ctx, visit);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tables

function forEachRow(tbl: XElement, ctx: Ctx, visit: (tr: XElement) => void): void {
  forEachBlock(tbl.children, ctx, (el) => {
    if (el.name === 'w:tr') visit(el);
  });
}

function forEachCell(tr: XElement, ctx: Ctx, visit: (tc: XElement) => void): void {
  forEachBlock(tr.children, ctx, (el) => {
    if (el.name === 'w:tc') visit(el);
  });
}

function readTable(tbl: XElement, ctx: Ctx, blocks: Block[]): void {
  const table = ctx.tables++;
  let row = 0;
  forEachRow(tbl, ctx, (tr) => {
    const trPr = childEl(tr, 'w:trPr');
    if (childEl(trPr, 'w:del')) {
      noteRevisions(ctx, { line: ctx.paragraphs + 1, ref: `表${table + 1}` });
      return;
    }
    const rowRef = `表${table + 1} 行${row + 1}`;
    let column = Math.max(intAttr(childEl(trPr, 'w:gridBefore')) ?? 0, 0);
    const cells: Cell[] = [];
    let firstLine: number | null = null;
    forEachCell(tr, ctx, (tc) => {
      const tcPr = childEl(tc, 'w:tcPr');
      const span = Math.max(intAttr(childEl(tcPr, 'w:gridSpan')) ?? 1, 1);
      const ref = `${rowRef} 列${column + 1}`;
      const col = column;
      column += span;
      if (childEl(tcPr, 'w:cellDel')) {
        noteRevisions(ctx, { line: ctx.paragraphs + 1, ref });
        return;
      }
      const cell = readCell(tc, ctx, ref);
      firstLine ??= cell.sources[0]?.line ?? null;
      const vMerge = childEl(tcPr, 'w:vMerge');
      const hMerge = childEl(tcPr, 'w:hMerge');
      const previous = cells[cells.length - 1];
      if (hMerge && hMerge.attrs['w:val'] !== 'restart' && previous) {
        // Legacy horizontal merge: the cell is part of the one before it, like a gridSpan.
        if (cell.lines.some((l) => l.trim() !== '')) {
          previous.lines.push(...cell.lines);
          previous.sources.push(...cell.sources);
        }
        previous.span = (previous.span ?? 1) + span;
        return;
      }
      if (vMerge && (vMerge.attrs['w:val'] ?? 'continue') !== 'restart') {
        const hidden = cell.lines.join('\n').trim();
        if (hidden !== '') {
          report(
            ctx,
            'warning',
            'docx.merged-cell-text',
            `纵向合并的单元格中有被合并隐藏的文字：“${hidden}”`,
            cell.sources[0] ?? { line: Math.max(ctx.paragraphs, 1), ref },
          );
        }
        cells.push({ lines: [''], sources: [cell.sources[0] ?? { line: Math.max(ctx.paragraphs, 1), ref }], mergedFromAbove: true, col, span });
        return;
      }
      cells.push({ ...cell, col, span });
    });
    if (cells.length === 0) {
      report(ctx, 'info', 'docx.empty-row', '表格中有一行没有单元格，已跳过', { line: Math.max(ctx.paragraphs, 1), ref: rowRef });
    } else {
      blocks.push({ kind: 'row', cells, source: { line: firstLine ?? Math.max(ctx.paragraphs, 1), ref: rowRef }, table });
    }
    row++;
  });
}

function readCell(tc: XElement, ctx: Ctx, ref: string): Cell {
  const lines: string[] = [];
  const sources: SourceLocation[] = [];
  const add = (paras: ParaOut[], skipEmpty: boolean) => {
    for (const para of paras) {
      for (const line of para.lines) {
        if (skipEmpty && line.trim() === '') continue;
        lines.push(line);
        sources.push({ ...para.source });
      }
    }
  };
  forEachBlock(tc.children, ctx, (el) => {
    if (el.name === 'w:p') add(readParagraph(el, ctx, ref), false);
    else if (el.name === 'w:tbl') {
      report(ctx, 'info', 'docx.nested-table', '单元格中嵌套了表格，其文字已按行并入该单元格', {
        line: ctx.paragraphs + 1,
        ref,
      });
      add(flattenBlocks([el], ctx, ref), true);
    } else add(readUnknownBlock(el, ctx, ref), false);
  });
  if (lines.length === 0) {
    lines.push('');
    sources.push({ line: Math.max(ctx.paragraphs, 1), ref });
  }
  return { lines, sources };
}

// ---------------------------------------------------------------------------------------------
// Paragraphs and runs

interface InlineState {
  ctx: Ctx;
  text: string;
  ref: string | undefined;
  source: SourceLocation;
  /** Paragraphs of text boxes anchored in this paragraph, read after it. */
  nested: ParaOut[];
}

/** A paragraph, followed by the paragraphs of any text boxes anchored in it. */
function readParagraph(p: XElement, ctx: Ctx, ref: string | undefined): ParaOut[] {
  const ordinal = ++ctx.paragraphs;
  const source: SourceLocation = ref ? { line: ordinal, ref } : { line: ordinal };
  let prefix = '';
  for (const c of elements(p)) {
    if (c.name === 'w:bookmarkStart' && c.attrs['w:name']) prefix += `[bookmark: ${c.attrs['w:name']}]`;
  }
  prefix += ctx.numbering?.label(p) ?? '';
  const st: InlineState = { ctx, text: '', ref, source, nested: [] };
  for (const c of elements(p)) readInline(c, st);
  // A field instruction cannot go on past its paragraph: a field left open there is broken.
  const open = ctx.fields.indexOf('instruction');
  if (open >= 0) {
    ctx.fields.length = open;
    report(ctx, 'warning', 'docx.broken-field', '域代码不完整（缺少域结果或域结束标记），已忽略该域', source);
  }
  return [{ source, lines: (prefix + st.text).split('\n') }, ...st.nested];
}

function emit(st: InlineState, s: string): void {
  if (!st.ctx.fields.includes('instruction')) st.text += s;
}

/** Paragraph-level content: runs and the containers around runs. */
function readInline(el: XElement, st: InlineState): void {
  if (NO_TEXT.has(el.name)) return;
  switch (el.name) {
    case 'w:r':
      for (const c of elements(el)) readRunContent(c, st);
      return;
    case 'w:ins':
    case 'w:moveTo':
      noteRevisions(st.ctx, st.source);
      for (const c of elements(el)) readInline(c, st);
      return;
    case 'w:del':
    case 'w:moveFrom':
      noteRevisions(st.ctx, st.source);
      return;
    case 'w:hyperlink':
    case 'w:smartTag':
    case 'w:customXml':
    case 'w:fldSimple':
    case 'w:dir':
    case 'w:bdo':
      for (const c of elements(el)) readInline(c, st);
      return;
    case 'w:sdt':
      for (const c of elements(childEl(el, 'w:sdtContent') ?? el)) if (c.name !== 'w:sdtPr') readInline(c, st);
      return;
    case 'mc:AlternateContent':
      for (const c of alternative(el)) readInline(c, st);
      return;
    case 'm:oMathPara':
    case 'm:oMath':
      emit(st, plainText(el));
      return;
    case 'w:subDoc':
      report(st.ctx, 'warning', 'docx.sub-document', '文档引用了子文档，子文档中的文字未读取', st.source);
      return;
    default:
      readUnknownInline(el, st);
  }
}

/** The content of a run. */
function readRunContent(el: XElement, st: InlineState): void {
  if (NO_TEXT.has(el.name)) return;
  switch (el.name) {
    case 'w:t':
      emit(st, textOf(el));
      return;
    case 'w:tab':
    case 'w:ptab':
      emit(st, '\t');
      return;
    case 'w:br':
    case 'w:cr':
      emit(st, '\n');
      return;
    case 'w:noBreakHyphen':
      emit(st, '-');
      return;
    case 'w:softHyphen':
      return;
    case 'w:sym':
      emit(st, symbolText(el, st));
      return;
    case 'w:fldChar': {
      const type = el.attrs['w:fldCharType'];
      const fields = st.ctx.fields;
      if (type === 'begin') fields.push('instruction');
      else if (type === 'separate' && fields.length > 0) fields[fields.length - 1] = 'result';
      else if (type === 'end') fields.pop();
      return;
    }
    case 'w:footnoteReference':
    case 'w:endnoteReference':
      reportOnce(st.ctx, 'info', 'docx.notes', '文档含有脚注或尾注，其内容未读取', st.source);
      return;
    case 'w:drawing':
    case 'w:pict':
      readShapes(el, st);
      return;
    case 'w:object':
      if (!readShapes(el, st)) {
        report(st.ctx, 'warning', 'docx.embedded-object', '文档中嵌入了对象（如 Excel 表格），其中的内容未读取', st.source);
      }
      return;
    case 'mc:AlternateContent':
      for (const c of alternative(el)) readRunContent(c, st);
      return;
    case 'w:ruby': {
      // Phonetic guide: the base text is the text; the guide (w:rt) is not.
      const base = childEl(el, 'w:rubyBase');
      for (const c of base ? elements(base) : []) readInline(c, st);
      return;
    }
    default:
      readUnknownInline(el, st);
  }
}

function readUnknownInline(el: XElement, st: InlineState): void {
  if (someDescendant(el, (e) => e.name === 'w:txbxContent')) {
    readShapes(el, st);
    return;
  }
  if (someDescendant(el, (e) => e.name === 'w:p')) {
    st.nested.push(...readUnknownContent(el, st.ctx, st.ref, st.source));
    return;
  }
  const text = plainText(el);
  if (text.trim() === '') return;
  report(st.ctx, 'info', 'docx.unknown-element', `未识别的 Word 元素 <${el.name}>，已读出其中的文字`, st.source);
  emit(st, text);
}

/**
 * Text boxes in a drawing, a VML picture or an object: their paragraphs are read after the
 * paragraph. Returns whether there was any text box.
 */
function readShapes(el: XElement, st: InlineState): boolean {
  const boxes: XElement[] = [];
  let chart = false;
  const visit = (c: XElement): void => {
    if (c.name === 'w:txbxContent') {
      boxes.push(c); // its own text boxes are read with it
    } else if (c.name === 'mc:AlternateContent') {
      alternative(c).forEach(visit);
    } else {
      if (c.name === 'a:graphicData' && /\/(chart|diagram)$/.test(c.attrs.uri ?? '')) chart = true;
      elements(c).forEach(visit);
    }
  };
  elements(el).forEach(visit);
  for (const box of boxes) {
    report(st.ctx, 'info', 'docx.text-box', '文本框中的文字已作为其后的段落读出', st.source);
    st.nested.push(...flattenBlocks(box.children, st.ctx, st.ref));
  }
  if (chart && boxes.length === 0) {
    report(st.ctx, 'info', 'docx.chart', '文档中的图表或 SmartArt 图形中的文字未读取', st.source);
  }
  return boxes.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Symbols (w:sym): a character of a symbol font

/** The Symbol font's codes to Unicode, for the characters budget documents use. */
const SYMBOL_FONT: Record<number, string> = {
  0x20: ' ', 0x21: '!', 0x22: '∀', 0x23: '#', 0x24: '∃', 0x25: '%', 0x26: '&', 0x27: '∋', 0x28: '(', 0x29: ')',
  0x2a: '∗', 0x2b: '+', 0x2c: ',', 0x2d: '−', 0x2e: '.', 0x2f: '/', 0x3a: ':', 0x3b: ';', 0x3c: '<', 0x3d: '=',
  0x3e: '>', 0x3f: '?', 0x40: '≅', 0x5b: '[', 0x5c: '∴', 0x5d: ']', 0x5e: '⊥', 0x5f: '_', 0x7b: '{', 0x7c: '|',
  0x7d: '}', 0x7e: '∼', 0xa2: '′', 0xa3: '≤', 0xa5: '∞', 0xab: '↔', 0xac: '←', 0xad: '↑', 0xae: '→', 0xaf: '↓',
  0xb0: '°', 0xb1: '±', 0xb2: '″', 0xb3: '≥', 0xb4: '×', 0xb5: '∝', 0xb7: '•', 0xb8: '÷', 0xb9: '≠', 0xba: '≡',
  0xbb: '≈', 0xbc: '…', 0xd6: '√', 0xd7: '⋅', 0xd8: '¬', 0xd9: '∧', 0xda: '∨',
};
const SYMBOL_GREEK_UPPER = 'ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ';
const SYMBOL_GREEK_LOWER = 'αβχδεφγηιϕκλμνοπθρστυϖωξψζ';

function symbolText(el: XElement, st: InlineState): string {
  const font = (el.attrs['w:font'] ?? '').trim();
  let code = parseInt(el.attrs['w:char'] ?? '', 16);
  if (!Number.isFinite(code)) return '';
  if (code >= 0xf000 && code <= 0xf0ff) code -= 0xf000;
  if (/^symbol$/i.test(font)) {
    if (code >= 0x30 && code <= 0x39) return String(code - 0x30);
    if (code >= 0x41 && code <= 0x5a) return SYMBOL_GREEK_UPPER[code - 0x41] ?? '';
    if (code >= 0x61 && code <= 0x7a) return SYMBOL_GREEK_LOWER[code - 0x61] ?? '';
    const mapped = SYMBOL_FONT[code];
    if (mapped !== undefined) return mapped;
  } else if (!/wingdings|webdings|dingbats/i.test(font) && code >= 0x20 && code <= 0x10ffff) {
    return String.fromCodePoint(code);
  }
  report(st.ctx, 'info', 'docx.symbol', `无法识别的符号（字体 ${font || '未知'}，字符 ${el.attrs['w:char'] ?? ''}），已略去`, st.source);
  return '';
}

// ---------------------------------------------------------------------------------------------
// Automatic numbering (numbering.xml): see numbering.ts

async function loadNumbering(zip: JSZip, mainPath: string, file: string, ctx: Ctx): Promise<Numbering | null> {
  const dir = mainPath.includes('/') ? mainPath.slice(0, mainPath.lastIndexOf('/') + 1) : '';
  const relsPath = `${dir}_rels/${mainPath.slice(dir.length)}.rels`;
  let numberingPath = `${dir}numbering.xml`;
  let stylesPath = `${dir}styles.xml`;
  try {
    for (const rel of relationships(await readXmlPart(zip, relsPath, file, false))) {
      if (rel.type.endsWith('/numbering')) numberingPath = resolvePartPath(dir, rel.target);
      if (rel.type.endsWith('/styles')) stylesPath = resolvePartPath(dir, rel.target);
    }
  } catch {
    // keep the usual paths
  }
  try {
    const numberingXml = await readXmlPart(zip, numberingPath, file, false);
    if (!numberingXml) return null;
    let stylesXml: XNode[] | null = null;
    try {
      stylesXml = await readXmlPart(zip, stylesPath, file, false);
    } catch {
      report(ctx, 'warning', 'docx.styles', '样式部件（styles.xml）无法读取，样式中的自动编号未读出', { line: 1 });
    }
    return Numbering.parse(numberingXml, stylesXml);
  } catch {
    report(ctx, 'warning', 'docx.numbering', '自动编号部件（numbering.xml）无法读取，段落的自动编号未读出', { line: 1 });
    return null;
  }
}
