/**
 * The common shape every reader produces before the document is understood: a flat sequence
 * of paragraphs and table rows, in document order. Every reader — extracted text (txt/), Word
 * (docx/), web pages (html/), PDF (pdf/), spreadsheets laid out as forms (xlsx/read-grid.ts) and,
 * through LibreOffice, .doc/.wps/.xls/.et (office/) — produces it; one parser (document-parser.ts)
 * turns it into a ParsedDocument, so the same table gives the same model in every format.
 *
 * Readers that know the table's grid (all but extracted text) say where each cell starts and
 * how many grid columns it spans (`col`, `span`), and give a vertically merged cell's
 * continuation as an empty Cell with `mergedFromAbove` (Word vMerge, HTML rowspan, a merged
 * sheet range, a PDF cell without a ruling line above it), so the parser can line up labels and
 * values by column. A row keeps its empty cells (the gaps merged cells leave between a label and
 * its value); a reader never drops a cell with text.
 */
import type { Diagnostic, PageImage, SourceLocation } from '../../shared/domain/model';
import { stripBookmarks } from '../../shared/domain/text';
import type { Heading } from './headings';

export interface Cell {
  /** The cell's paragraphs, in order. An empty cell has one empty string. Not trimmed. */
  lines: string[];
  /** Where each line came from; same length as `lines`. */
  sources: SourceLocation[];
  /**
   * true when the cell continues a vertically merged cell from the row above (Word vMerge
   * "continue", HTML rowspan, a merged sheet range). Its text is then empty, as in the extracted text.
   */
  mergedFromAbove?: boolean;
  /** The 0-based grid column where the cell starts; undefined when the reader does not know the grid (extracted text). */
  col?: number;
  /** How many grid columns the cell spans (≥ 1); undefined like `col`. */
  span?: number;
  /**
   * For readers that see the layout (PDF): `wraps[i]` is true when `lines[i]` is a visual
   * continuation of `lines[i - 1]` (the line above ran to the cell's edge and the text wrapped),
   * false when it starts a new paragraph. Same length as `lines`; undefined when unknown, which
   * the parser treats as "every line is a paragraph".
   */
  wraps?: boolean[];
}

export interface ParagraphBlock {
  kind: 'paragraph';
  /** Not trimmed. Word bookmarks are still in it as "[bookmark: name]" prefixes. */
  text: string;
  source: SourceLocation;
}

export interface RowBlock {
  kind: 'row';
  cells: Cell[];
  source: SourceLocation;
  /**
   * Index of the table the row belongs to (0-based, in document order); undefined for text input.
   * A table that a PDF continues on the next page keeps its index.
   */
  table?: number;
}

export type Block = ParagraphBlock | RowBlock;

/**
 * A paragraph of the text reader with the heading it found it to be (headings.ts
 * classifyHeading; null for none), in a private field like RowWithMemo's: the reader classifies a
 * line to know whether it ends a table, and the parser takes its answer instead of classifying
 * the line again. Only made for lines the reader classified; a plain ParagraphBlock is classified
 * by the parser.
 */
export class ClassifiedParagraph implements ParagraphBlock {
  // Set in the order of a paragraph literal's keys (as JSON writes them).
  readonly kind: 'paragraph';
  text: string;
  source: SourceLocation;
  readonly #heading: Heading | null;

  constructor(text: string, source: SourceLocation, heading: Heading | null) {
    this.kind = 'paragraph';
    this.text = text;
    this.source = source;
    this.#heading = heading;
  }

  /** classifyHeading(paragraph.text), as the reader found it. */
  static headingOf(paragraph: ClassifiedParagraph): Heading | null {
    return paragraph.#heading;
  }
}

/**
 * A RowBlock that keeps a place for what the parser works out about it (parse/grid.ts RowMemo),
 * in a private field: not a property, so JSON, object spreads, structured clones and test
 * equality see the plain { kind, cells, source } row. The parser otherwise adds a non-enumerable
 * property to each row it reads, and Object.defineProperty costs about 0.1 µs a row (~3 % of
 * parsing extracted text). The text reader makes its rows with it; any RowBlock still works.
 */
export class RowWithMemo implements RowBlock {
  // Set in the order of a row literal's keys (as JSON writes them).
  readonly kind: 'row';
  cells: Cell[];
  source: SourceLocation;
  #memo: object | undefined = undefined;

  constructor(cells: Cell[], source: SourceLocation) {
    this.kind = 'row';
    this.cells = cells;
    this.source = source;
  }

  /** The parser's memo of the row; undefined before the parser's first question. */
  static memoOf(row: RowWithMemo): object | undefined {
    return row.#memo;
  }

  static setMemo(row: RowWithMemo, memo: object): void {
    row.#memo = memo;
  }
}

/** What a reader returns: the blocks, plus what it could not make sense of. */
export interface ReadResult {
  blocks: Block[];
  diagnostics: Diagnostic[];
  /** A scan's pages as images, when the reader was asked for them (the import preview, issue 56). */
  pageImages?: PageImage[];
}

/** The text of a cell, its paragraphs joined by "\n" and trimmed, Word bookmarks removed. */
export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  return cell.lines
    .map((line) => stripBookmarks(line).text)
    .join('\n')
    .trim();
}
